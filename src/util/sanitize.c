/* sanitize.c - the one filter between hostile text (network, messages) and the terminal. */
#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700	/* wcwidth() */
#endif

#include "util/sanitize.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <stdio.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define BAD_CP		UINT32_MAX	/* utf8_decode(): not a valid sequence */
#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */
#define MAX_COMBINING	4		/* enough for real scripts (Vietnamese, Hebrew points) */
#define TABSTOP		8

/* Output and the little state that tab stops and combining marks need. */
struct san {
	struct buf	 out;
	unsigned	 flags;
	size_t		 col;	/* columns since the last newline, for tab stops */
	int		 base;	/* something printable precedes on this line */
	int		 ncomb;	/* zero-width marks kept since that base */
};

/*
 * Decodes the sequence at p (n >= 1 bytes) into *cp and returns the bytes it used.  An
 * invalid sequence is a lead byte plus the continuation bytes it announces and that are
 * there (overlong, surrogate, > U+10FFFF or cut short), or a single byte that cannot
 * start one; it gives BAD_CP.  Only 0x80-0xBF are ever swallowed, so a broken sequence
 * never eats the ASCII (or the next valid character) after it.
 */
static size_t
utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	uint32_t	c = p[0], min;
	size_t		need, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc0 || c > 0xf7) {
		*cp = BAD_CP;
		return 1;
	}
	if (c < 0xe0) {
		need = 1;
		c &= 0x1f;
		min = 0x80;
	} else if (c < 0xf0) {
		need = 2;
		c &= 0x0f;
		min = 0x800;
	} else {
		need = 3;
		c &= 0x07;
		min = 0x10000;
	}
	for (i = 1; i <= need; i++) {
		if (i >= n || (p[i] & 0xc0) != 0x80) {
			*cp = BAD_CP;
			return i;
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = BAD_CP;
	*cp = c;
	return need + 1;
}

static size_t
utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Invisible characters that reorder text (Trojan Source, "exe.pdf") or hide in it. */
static int
is_removed(uint32_t c)
{
	if (c < 0xad)
		return 0;
	return c == 0xad || c == 0x61c || c == 0x180e ||
	    (c >= 0x200b && c <= 0x200f) ||
	    (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x2064) ||
	    (c >= 0x2066 && c <= 0x2069) ||
	    c == 0xfeff ||
	    (c >= 0xfff9 && c <= 0xfffb);
}

/* Width for measuring: whatever wcwidth() rejects still takes a cell when drawn. */
static int
cell_width(uint32_t c)
{
	int	w;

	if (c == BAD_CP)
		return 1;
	w = wcwidth((wchar_t)c);
	return w < 0 ? 1 : w;
}

static void
put_base(struct san *s, const char *p, size_t n, size_t width)
{
	buf_append(&s->out, p, n);
	s->col += width;
	s->base = 1;
	s->ncomb = 0;
}

static void
put_spaces(struct san *s, size_t n)
{
	static const char	spaces[TABSTOP + 1] = "        ";

	put_base(s, spaces, n, n);
}

static void
put_newline(struct san *s)
{
	if (!(s->flags & SAN_MULTILINE)) {
		put_spaces(s, 1);
		return;
	}
	buf_putc(&s->out, '\n');
	s->col = 0;
	s->base = 0;
	s->ncomb = 0;
}

static void
put_tab(struct san *s)
{
	if (!(s->flags & SAN_MULTILINE)) {
		put_spaces(s, 1);
		return;
	}
	if (s->flags & SAN_KEEP_TABS) {
		/* The terminal decides where it ends; a mark after it has no base. */
		buf_putc(&s->out, '\t');
		s->base = 0;
		s->ncomb = 0;
		return;
	}
	put_spaces(s, TABSTOP - s->col % TABSTOP);
}

/* Marks without a base would combine with whatever the terminal drew before. */
static void
put_combining(struct san *s, const char *p, size_t n)
{
	if (!s->base || s->ncomb >= MAX_COMBINING)
		return;
	buf_append(&s->out, p, n);
	s->ncomb++;
}

static void
put_char(struct san *s, uint32_t c)
{
	char	enc[4];
	int	w;

	switch (c) {
	case '\n':
	case 0x2028:
	case 0x2029:
		put_newline(s);
		return;
	case '\r':
		/* "\r\n" is one line break; a lone '\r' would overwrite the line. */
		if (!(s->flags & SAN_MULTILINE))
			put_spaces(s, 1);
		return;
	case '\t':
		put_tab(s);
		return;
	}
	/* glibc's wcwidth() rejects C1 too, but 0x9B is CSI: do not trust every libc. */
	if (c == BAD_CP || c < 0x20 || (c >= 0x7f && c < 0xa0)) {
		put_base(s, REPLACEMENT, 3, 1);
		return;
	}
	if (is_removed(c))
		return;
	if ((w = wcwidth((wchar_t)c)) < 0)
		put_base(s, REPLACEMENT, 3, 1);
	else if (w == 0)
		put_combining(s, enc, utf8_encode(c, enc));
	else
		put_base(s, enc, utf8_encode(c, enc), (size_t)w);
}

char *
sanitize(const char *in, size_t len, unsigned flags)
{
	struct san		 s = { BUF_INIT, flags, 0, 0, 0 };
	const unsigned char	*p, *end, *q;
	uint32_t		 c;

	if (in == NULL || len == 0)
		return xstrdup("");
	p = (const unsigned char *)in;
	end = p + len;
	while (p < end) {
		/* Printable ASCII is nearly all of it: copy whole runs at once. */
		for (q = p; q < end && *q >= 0x20 && *q < 0x7f; q++)
			;
		if (q > p) {
			put_base(&s, (const char *)p, (size_t)(q - p), (size_t)(q - p));
			p = q;
			continue;
		}
		p += utf8_decode(p, (size_t)(end - p), &c);
		put_char(&s, c);
	}
	return buf_steal(&s.out);
}

int
utf8_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s);
	long long		 cols = 0;
	uint32_t		 c;
	size_t			 k;

	while (n > 0) {
		k = utf8_decode(p, n, &c);
		cols += cell_width(c);
		p += k;
		n -= k;
	}
	return cols > INT_MAX ? INT_MAX : (int)cols;
}

size_t
utf8_fit(const char *s, int maxcols, int *cols_used)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), used = 0, k;
	int			 cols = 0, w;
	uint32_t		 c;

	if (maxcols < 0)
		maxcols = 0;
	while (used < n) {
		k = utf8_decode(p + used, n - used, &c);
		w = cell_width(c);
		if (w > maxcols - cols)
			break;
		cols += w;
		used += k;
	}
	if (cols_used != NULL)
		*cols_used = cols;
	return used;
}

char *
utf8_pad(const char *s, int cols)
{
	size_t	 n;
	int	 used;
	char	*r;

	if (cols < 0)
		cols = 0;
	n = utf8_fit(s, cols, &used);
	r = xmalloc(n + (size_t)(cols - used) + 1);
	memcpy(r, s, n);
	memset(r + n, ' ', (size_t)(cols - used));
	r[n + (size_t)(cols - used)] = '\0';
	return r;
}

void
sanitize_server_text(const char *in, char *out, size_t size)
{
	size_t	i;

	if (in == NULL || *in == '\0') {
		snprintf(out, size, "%s", _("no reason given"));
		return;
	}
	for (i = 0; in[i] != '\0' && i + 1 < size && i < 120; i++)
		out[i] = in[i] >= 0x20 && in[i] < 0x7f ? in[i] : '?';
	out[i] = '\0';
}
