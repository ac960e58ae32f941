/* mime_private.h - what the files of src/mime/ share; the only header that includes GMime. */
#ifndef BOTE_MIME_PRIVATE_H
#define BOTE_MIME_PRIVATE_H

#include <stddef.h>

#include <gmime/gmime.h>

#include "core/display.h"
#include "mime/mime.h"
#include "util/buf.h"
#include "util/err.h"

/* mime.c */

/* The calling thread's parser options (loose, fallback charsets); owned by the thread. */
GMimeParserOptions *mime_parser_options(void);

/* mime_charsets.c: keep the usual charset converters loaded (see there). */
void	mime_charsets_pin(void);
void	mime_charsets_unpin(void);
/* A stream over fd from its current offset (fd stays the caller's); NULL on a read error. */
GMimeStream	*mime_open_stream(int fd, struct bote_err *err);
/* Parses a message from 's' (takes no reference); NULL when GMime finds nothing. */
GMimeMessage	*mime_parse_stream(GMimeStream *s);
/* A valid UTF-8 copy of s[0..len) (invalid bytes and NULs become U+FFFD); free(). */
char		*mime_utf8(const char *s, size_t len);
/* Like mime_utf8() on a C string, with CR, LF and TAB turned into spaces; NULL stays NULL. */
char		*mime_utf8_line(const char *s);

/* mime_text.c: text into display lines, with the per-message text budget. */
struct mime_out {
	struct display	*d;
	size_t		 used;		/* bytes of text added */
	unsigned	 truncated : 1;	/* MIME_MAX_TEXT reached and said so */
};

/* Adds a line, split at MIME_MAX_LINE; returns -1 once the budget is spent. */
int	mime_out_line(struct mime_out *, enum line_style, const char *, size_t,
	    unsigned label_len);
void	mime_out_note(struct mime_out *, const char *);
/* Notes the truncation once and refuses further text. */
void	mime_out_truncate(struct mime_out *);
/* An attachment list entry (not charged to the budget, cut at MIME_MAX_LINE). */
void	mime_out_attachment(struct mime_out *, const char *);
/* Adds body text: CRLF and LF line ends, '>' quotes, "-- " signature, RFC 3676 flowed. */
int	mime_out_text(struct mime_out *, const char *, size_t, int flowed, int delsp);
/* Decoded, UTF-8 text of a leaf part, at most 'max' bytes (*cut set when more); free(). */
char	*mime_text_decode(GMimePart *, size_t max, size_t *lenp, int *cut);

/* mime_save.c: the part with a display_part path ("2.1"), borrowed from m; NULL if none. */
GMimeObject	*mime_find_part(GMimeMessage *m, const char *path);

/* mime_filter.c */

/*
 * Runs argv with 'in' on stdin and appends at most 'max' bytes of its stdout
 * to 'out' (*cut set when there was more).  Returns -1 when it cannot be run,
 * exits non-zero or times out.
 */
int	mime_filter_run(const char *const *argv, const char *in, size_t inlen,
	    size_t max, struct buf *out, int *cut, struct bote_err *err);

/* The first mailbox of an address list, looking into groups; borrowed, or NULL. */
InternetAddressMailbox *mime_first_mailbox(InternetAddressList *);

#endif
