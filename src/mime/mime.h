/* mime.h - reading messages: header summaries for the index, display models for the pager. */
#ifndef BOTE_MIME_H
#define BOTE_MIME_H

#include <stddef.h>
#include <time.h>

#include "core/display.h"
#include "core/summary.h"
#include "util/buf.h"
#include "util/err.h"

/*
 * Everything a message can make us do is bounded.  Beyond these limits
 * the renderer says so in a LINE_NOTE instead of failing.
 */
#define MIME_MAX_DEPTH		32		/* multipart / message/rfc822 nesting shown */
#define MIME_MAX_PARTS		1000		/* MIME objects walked per message */
#define MIME_MAX_TEXT		(8u << 20)	/* bytes of text rendered per message */
#define MIME_MAX_LINE		(64u << 10)	/* longer lines are split */
#define MIME_HEADER_MAX		(256u << 10)	/* suggested cap for mime_read_header() */
#define MIME_FILTER_TIMEOUT	10		/* seconds an external html filter may run */

/*
 * Called once from main(), after setlocale() (GMime reads the locale's
 * charset) and before any thread is started; mime_shutdown() at exit, after
 * the workers are joined.
 */
void	mime_init(void);
void	mime_shutdown(void);

/*
 * Appends to 'out' the header block read from fd's current offset: up to
 * and including the first empty line (LF or CRLF), or EOF, or 'max' bytes,
 * whichever comes first; the rest of an oversized header is ignored.  On a
 * seekable fd the offset is left just after what was appended.
 * Returns 0, or -1 on a read error.  Any thread.
 */
int	mime_read_header(int fd, struct buf *out, size_t max, struct bote_err *err);

/*
 * Fills from_name, from_addr, to, subject, message_id, in_reply_to,
 * references, date and has_attachments of 'out' from a header block (as
 * read by mime_read_header()).  Strings are decoded, valid UTF-8 owned by
 * 'out' and still untrusted; string members it fills are freed first, so
 * they must be NULL or owned.  ref, flags, keywords and size are left
 * alone.  Returns -1 (BOTE_ERR_PARSE, fields NULL/0) when no header field
 * can be found.  Any thread, concurrently.
 */
int	mime_summary_parse(const char *hdr, size_t len, struct summary *out,
	    struct bote_err *err);

/*
 * When a message arrived: the date of its topmost Received: field (what
 * the last server saw), else its Date:.  msg is the raw message or its
 * header (CRLF or LF).  Returns 0 with *out set, -1 when neither date
 * can be read.  Any thread.
 */
int	mime_message_date(const char *msg, size_t len, time_t *out);

struct render_opts {
	/*
	 * argv (NULL-terminated, borrowed) of an external html-to-text filter
	 * that reads html on stdin and writes text on stdout, run with
	 * posix_spawnp (no shell); NULL for the built-in converter, which is
	 * also used when the filter fails or runs longer than
	 * MIME_FILTER_TIMEOUT.
	 */
	const char *const	*html_filter;
	int			 show_all_headers;
};

/*
 * Parses a whole message and appends its display model to 'out' (an empty
 * struct display, freed by the caller with display_free()): a header block,
 * an empty line, the text of the body (quotes, signature and bote's notes
 * styled), forwarded messages inline, and an attachment list; out->parts
 * gets one entry per leaf part and message/rfc822 part, with IMAP-style
 * paths ("1", "2.1"; a single-part body is "1").  Every line is valid UTF-8
 * without '\n' but untrusted.  A message that cannot be parsed is shown as
 * raw text with a note; only I/O errors return -1.  mime_render_fd() reads
 * from fd's current offset, moves it, and does not close fd.
 * Worker threads only (it may block on disk and on the html filter);
 * concurrent calls on different messages are fine.
 */
int	mime_render_fd(int fd, const struct render_opts *opts, struct display *out,
	    struct bote_err *err);
int	mime_render_file(const char *path, const struct render_opts *opts,
	    struct display *out, struct bote_err *err);

/*
 * Writes the decoded content of the part 'part_path' (a display_part path)
 * of the message on fd_msg to out_fd; a message/rfc822 part is written as
 * the message it contains.  Neither fd is closed.  Returns -1 with
 * BOTE_ERR_NOTFOUND for no such part, BOTE_ERR_PARSE or BOTE_ERR_LOCAL.
 * Worker threads only.
 */
int	mime_save_part(int fd_msg, const char *part_path, int out_fd,
	    struct bote_err *err);

/*
 * The part 'path' of the message on fd: its type (lower case, owned) and
 * its Content-Type parameters as name, value pairs (owned, NULL-terminated,
 * at most 32, untrusted UTF-8 without controls).  Worker threads only.
 */
int	mime_part_info(int fd, const char *path, char **type, char ***params,
	    struct bote_err *err);
/*
 * Appends the text of the text part 'path' to 'out' as body lines: HTML
 * through opts->html_filter or the built-in converter.  -1 with
 * BOTE_ERR_UNSUPPORTED when the part is not text.  Worker threads only.
 */
int	mime_part_show(int fd, const char *path, const struct render_opts *opts,
	    struct display *out, struct bote_err *err);
/*
 * Runs argv (no shell; MIME_FILTER_TIMEOUT, MIME_MAX_TEXT) with in[0..inlen)
 * on stdin and appends its output to out as body lines: a mailcap entry
 * with copiousoutput.  Worker threads only.
 */
int	mime_command_output(const char *const *argv, const char *in, size_t inlen,
	    struct display *out, struct bote_err *err);

#endif
