/* mime_fast.h - the one-pass header scanner behind mime_summary_parse(), shared with its test. */
#ifndef BOTE_MIME_FAST_H
#define BOTE_MIME_FAST_H

#include <stddef.h>
#include <time.h>

struct bote_err;
struct summary;

/*
 * What mime_fast_summary() handed to GMime, as bits for tests and
 * measurements; a bit says "GMime decided this", never "wrong".
 */
#define MIME_FAST_BLOCK		0x001	/* the whole block: full GMime parse */
#define MIME_FAST_FROM		0x002	/* From: through GMime's address parser */
#define MIME_FAST_TO		0x004	/* To: through GMime's address parser */
#define MIME_FAST_NAME		0x008	/* a display name with encoded words */
#define MIME_FAST_TEXT		0x010	/* a value with encoded words or 8-bit bytes */
#define MIME_FAST_DATE		0x020	/* Date: through GMime's date parser */
#define MIME_FAST_MSGID		0x040	/* Message-ID: through GMime */
#define MIME_FAST_IRT		0x080	/* In-Reply-To: through GMime */
#define MIME_FAST_CTYPE		0x100	/* Content-Type: through GMime */

/* A field's raw value: from after the colon to the end of its last line. */
struct mime_fast_span {
	const char	*p;		/* borrowed, into the header block */
	size_t		 n;
};

/*
 * Fills the fields mime_summary_parse() fills, with the same results,
 * from a header block.  out's string members must be NULL (it does not
 * free them).  Returns 0, or -1 without touching out when the block needs
 * GMime's full parse (NUL bytes, lines that are not fields, too many
 * address fields).  *fallbacks gets MIME_FAST_* bits ORed in.  Any
 * thread, concurrently.
 */
int	mime_fast_summary(const char *hdr, size_t len, struct summary *out,
	    unsigned *fallbacks);

/*
 * The old way, kept as the reference and the fallback: GMime builds a
 * message from the header block.  Same contract as mime_summary_parse().
 */
int	mime_summary_parse_full(const char *hdr, size_t len, struct summary *out,
	    struct bote_err *err);

/*
 * A Date: value (unfolded, plain ASCII) read the way GMime's RFC 822 date
 * parser reads it.  Returns 0 with *out set, or -1 when GMime must decide
 * (its lenient parser, impossible dates, odd zones).  Any thread.
 */
int	mime_fast_date(const char *s, size_t len, time_t *out);

/*
 * mime_fast_addr.c: From: gives the first mailbox's name and address
 * (each NULL when empty); To: gives the display text GMime formats, or
 * NULL.  The spans are the raw values of every such field, in order.
 * Both return -1, with nothing allocated, when only the full parse can
 * say.
 */
int	mime_fast_from(const struct mime_fast_span *, size_t, char **name,
	    char **addr, unsigned *fallbacks);
int	mime_fast_to(const struct mime_fast_span *, size_t, char **to,
	    unsigned *fallbacks);

/* GMime's folding white space. */
static inline int
mime_fast_lwsp(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* GMime's atom characters: printable ASCII but the RFC 5322 specials. */
static inline int
mime_fast_atext(unsigned char c)
{
	switch (c) {
	case '(': case ')': case '<': case '>': case '@': case ',': case ';':
	case ':': case '\\': case '"': case '.': case '[': case ']':
		return 0;
	}
	return c > ' ' && c < 0x7f;
}

/*
 * mime_fast.c, for mime_fast_addr.c: "local@domain" at p, both parts
 * atoms joined by single dots, as GMime's parsers return it unchanged:
 * where it ends, or NULL.  Blanks, quotes, comments, domain literals,
 * trailing dots and IDN labels (GMime decodes "xn--") give NULL.
 */
const char	*mime_fast_addr_spec(const char *p, const char *end);

/*
 * mime_fast.c, for mime_fast_addr.c: a raw value as GMime's header value
 * (unfolded; decoded when it has encoded words or 8-bit bytes), made fit
 * for a summary: NULL when empty, valid UTF-8, CR, LF and TAB as spaces.
 */
char	*mime_fast_text(const char *raw, size_t n, unsigned *fallbacks);
/* A GMime string made fit for a summary the same way (NULL stays NULL). */
char	*mime_fast_display(const char *s);

#endif
