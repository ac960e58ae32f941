/* mime_text.c - text parts into display lines: decoding, charsets, flowed text, quotes, signatures. */
#include "mime/mime_private.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

#define READ_CHUNK	8192
#define MAX_STALLS	65536	/* reads in a row that yield nothing before we give up */

/* Where to cut at most 'max' bytes of s without splitting a UTF-8 sequence. */
static size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	size_t	n, back;

	if (len <= max)
		return len;
	n = max;
	for (back = 0; back < 3 && n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80; back++)
		n--;
	return n > 0 ? n : max;
}

static void
add_split(struct display *d, enum line_style style, const char *s, size_t len,
    unsigned label_len)
{
	size_t	n;

	do {
		n = utf8_cut(s, len, MIME_MAX_LINE);
		display_add_line(d, style, s, n, label_len < n ? label_len : (unsigned)n);
		s += n;
		len -= n;
		label_len = 0;
	} while (len > 0);
}

void
mime_out_truncate(struct mime_out *o)
{
	if (o->truncated)
		return;
	o->truncated = 1;
	mime_out_note(o, _("[-- message text truncated: too long to show --]"));
}

int
mime_out_line(struct mime_out *o, enum line_style style, const char *s, size_t len,
    unsigned label_len)
{
	size_t	n;

	if (o->truncated)
		return -1;
	if (o->used + len > MIME_MAX_TEXT) {
		if ((n = utf8_cut(s, len, MIME_MAX_TEXT - o->used)) > 0)
			add_split(o->d, style, s, n, label_len);
		o->used = MIME_MAX_TEXT;
		mime_out_truncate(o);
		return -1;
	}
	o->used += len;
	add_split(o->d, style, s, len, label_len);
	return 0;
}

void
mime_out_attachment(struct mime_out *o, const char *s)
{
	/* Not charged to the budget: a long text must not hide the attachments. */
	display_add_line(o->d, LINE_ATTACHMENT, s, utf8_cut(s, strlen(s), MIME_MAX_LINE), 0);
}

void
mime_out_note(struct mime_out *o, const char *s)
{
	display_add_line(o->d, LINE_NOTE, s, strlen(s), 0);
}

/* One physical line of body text, styled by its start. */
static int
body_line(struct mime_out *o, const char *s, size_t len, int *sig)
{
	enum line_style	style = LINE_BODY;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len == 3 && memcmp(s, "-- ", 3) == 0)
		*sig = 1;
	if (*sig)
		style = LINE_SIGNATURE;
	else if (len > 0 && s[0] == '>')
		style = LINE_QUOTE;
	return mime_out_line(o, style, s, len, 0);
}

static int
plain_text(struct mime_out *o, const char *s, size_t len)
{
	const char	*nl;
	int		 sig = 0;

	/* A final newline ends the last line; it does not start an empty one. */
	if (len > 0 && s[len - 1] == '\n')
		len--;
	for (;;) {
		if ((nl = memchr(s, '\n', len)) == NULL)
			return body_line(o, s, len, &sig);
		if (body_line(o, s, (size_t)(nl - s), &sig) == -1)
			return -1;
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
}

/*
 * RFC 3676: a line ending in a space continues on the next line of the
 * same quote depth; DelSp=yes means that space is not part of the text.
 * Quote markers are written back as ">... " in front of each joined line.
 */
static char *
unflow(const char *s, size_t len, int delsp, size_t *outlen)
{
	struct buf	 b = BUF_INIT;
	const char	*nl, *line;
	size_t		 n, depth, i, pdepth = 0;
	int		 soft = 0;

	while (len > 0) {
		line = s;
		nl = memchr(s, '\n', len);
		n = nl != NULL ? (size_t)(nl - s) : len;
		s += n + (nl != NULL);
		len -= n + (nl != NULL);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		for (depth = 0; depth < n && line[depth] == '>'; depth++)
			;
		line += depth;
		n -= depth;
		if (n > 0 && line[0] == ' ')	/* space-stuffing */
			line++, n--;
		if (soft && depth != pdepth) {	/* the quote depth changed: a hard break */
			buf_putc(&b, '\n');
			soft = 0;
		}
		if (!soft && depth > 0) {
			for (i = 0; i < depth; i++)
				buf_putc(&b, '>');
			if (n > 0)
				buf_putc(&b, ' ');
		}
		pdepth = depth;
		soft = n > 0 && line[n - 1] == ' ' && !(n == 3 && memcmp(line, "-- ", 3) == 0);
		if (soft && delsp)
			n--;
		buf_append(&b, line, n);
		if (!soft)
			buf_putc(&b, '\n');
	}
	if (soft)
		buf_putc(&b, '\n');
	*outlen = b.len;
	return buf_steal(&b);
}

int
mime_out_text(struct mime_out *o, const char *s, size_t len, int flowed, int delsp)
{
	char	*u;
	size_t	 ulen;
	int	 rc;

	if (!flowed)
		return plain_text(o, s, len);
	u = unflow(s, len, delsp, &ulen);
	rc = plain_text(o, u, ulen);
	free(u);
	return rc;
}

enum text_charset {
	CS_NONE,	/* none or us-ascii: 8-bit bytes get the fallback charsets */
	CS_UTF8,
	CS_CONVERTED,	/* a charset filter turns it into UTF-8 */
	CS_UNKNOWN,	/* iconv does not know it: treat like CS_NONE */
};

static enum text_charset
charset_filter(GMimeStream *f, const char *cs)
{
	GMimeFilter	*flt;

	if (cs == NULL || *cs == '\0' || g_ascii_strcasecmp(cs, "us-ascii") == 0 ||
	    g_ascii_strcasecmp(cs, "ascii") == 0)
		return CS_NONE;
	if (g_ascii_strcasecmp(cs, "utf-8") == 0 || g_ascii_strcasecmp(cs, "utf8") == 0)
		return CS_UTF8;
	if ((flt = g_mime_filter_charset_new(cs, "UTF-8")) == NULL)
		return CS_UNKNOWN;
	g_mime_stream_filter_add(GMIME_STREAM_FILTER(f), flt);
	g_object_unref(flt);
	return CS_CONVERTED;
}

static void
transfer_filter(GMimeStream *f, GMimeContentEncoding enc)
{
	GMimeFilter	*flt;

	switch (enc) {
	case GMIME_CONTENT_ENCODING_BASE64:
	case GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE:
	case GMIME_CONTENT_ENCODING_UUENCODE:
		flt = g_mime_filter_basic_new(enc, FALSE);
		g_mime_stream_filter_add(GMIME_STREAM_FILTER(f), flt);
		g_object_unref(flt);
		break;
	default:
		break;
	}
}

/* Reads the filtered stream into b until EOF or more than max bytes. */
static void
read_capped(GMimeStream *f, struct buf *b, size_t max)
{
	char	chunk[READ_CHUNK];
	ssize_t	n;
	int	stalls = 0;

	while (b->len <= max) {
		if ((n = g_mime_stream_read(f, chunk, sizeof chunk)) < 0)
			break;
		if (n == 0) {
			/* A filter may swallow a whole chunk (junk base64): only EOS ends it. */
			if (g_mime_stream_eos(f) || ++stalls > MAX_STALLS)
				break;
			continue;
		}
		stalls = 0;
		buf_append(b, chunk, (size_t)n);
	}
}

/* Text as read, in whatever state its charset left it, into valid UTF-8. */
static char *
to_utf8(char *s, size_t len, enum text_charset cs)
{
	char	*g, *r;
	size_t	 i;

	for (i = 0; i < len; i++) {	/* a NUL would end the line early: make it visible */
		if (s[i] == '\0')
			s[i] = 0x1a;
	}
	if (cs == CS_UTF8 || cs == CS_CONVERTED || g_utf8_validate(s, (gssize)len, NULL))
		return mime_utf8(s, len);
	g = g_mime_utils_decode_8bit(mime_parser_options(), s, len);
	r = mime_utf8(g, strlen(g));
	g_free(g);
	return r;
}

char *
mime_text_decode(GMimePart *part, size_t max, size_t *lenp, int *cut)
{
	GMimeDataWrapper	*dw;
	GMimeStream		*src, *sub, *f;
	enum text_charset	 cs;
	struct buf		 b = BUF_INIT;
	char			*r;

	*cut = 0;
	*lenp = 0;
	if ((dw = g_mime_part_get_content(part)) == NULL ||
	    (src = g_mime_data_wrapper_get_stream(dw)) == NULL)
		return xstrdup("");
	/* Our own substream: the part's stream is shared and keeps its position. */
	sub = g_mime_stream_substream(src, src->bound_start, src->bound_end);
	f = g_mime_stream_filter_new(sub);
	g_object_unref(sub);
	transfer_filter(f, g_mime_data_wrapper_get_encoding(dw));
	cs = charset_filter(f, g_mime_object_get_content_type_parameter(GMIME_OBJECT(part),
	    "charset"));
	read_capped(f, &b, max);
	g_object_unref(f);
	if (b.len > max) {
		*cut = 1;
		buf_truncate(&b, utf8_cut(b.data, b.len, max));
	}
	if (b.data == NULL)
		return xstrdup("");
	r = to_utf8(b.data, b.len, cs);
	buf_free(&b);
	*lenp = strlen(r);
	return r;
}
