/* html_text.c - HTML mail to readable plain text: one linear scan, no tree, no recursion. */
#include "mime/html_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

#define MAX_QUOTE_SHOWN	16	/* deeper blockquotes still count but add no more "> " */
#define MAX_LISTS	16	/* list levels whose kind and counter are remembered */
#define MAX_INDENT	8	/* list levels that indent further */
#define MAX_BLANK	2	/* blank lines in a row */
#define HR_WIDTH	40
#define TAG_NAME_MAX	16	/* longer tag names are none of ours */
#define ENTITY_NAME_MAX	32

enum tag_kind {
	T_OTHER = 0,
	T_A,
	T_BLOCK,	/* a line break before and after */
	T_PARA,		/* a blank line before and after */
	T_BQ,
	T_BR,
	T_CELL,
	T_HR,
	T_IMG,
	T_LI,
	T_OL,
	T_UL,
	T_PRE,
	T_RAW,		/* content is never shown: skip to the closing tag */
};

struct tag_def {
	const char	*name;
	enum tag_kind	 kind;
	int		 raw;	/* T_RAW: index into struct ht's noclose */
};

/* Sorted by name for bsearch(). */
static const struct tag_def tags[] = {
	{ "a", T_A, 0 }, { "address", T_BLOCK, 0 }, { "article", T_BLOCK, 0 },
	{ "aside", T_BLOCK, 0 }, { "blockquote", T_BQ, 0 }, { "br", T_BR, 0 },
	{ "caption", T_BLOCK, 0 }, { "center", T_BLOCK, 0 }, { "dd", T_BLOCK, 0 },
	{ "details", T_BLOCK, 0 }, { "dialog", T_BLOCK, 0 }, { "dir", T_UL, 0 },
	{ "div", T_BLOCK, 0 }, { "dl", T_BLOCK, 0 }, { "dt", T_BLOCK, 0 },
	{ "fieldset", T_BLOCK, 0 }, { "figcaption", T_BLOCK, 0 }, { "figure", T_BLOCK, 0 },
	{ "footer", T_BLOCK, 0 }, { "form", T_BLOCK, 0 }, { "h1", T_PARA, 0 },
	{ "h2", T_PARA, 0 }, { "h3", T_PARA, 0 }, { "h4", T_PARA, 0 }, { "h5", T_PARA, 0 },
	{ "h6", T_PARA, 0 }, { "head", T_RAW, 0 }, { "header", T_BLOCK, 0 },
	{ "hr", T_HR, 0 }, { "img", T_IMG, 0 }, { "legend", T_BLOCK, 0 }, { "li", T_LI, 0 },
	{ "listing", T_PRE, 0 }, { "main", T_BLOCK, 0 }, { "menu", T_UL, 0 },
	{ "nav", T_BLOCK, 0 }, { "ol", T_OL, 0 }, { "p", T_PARA, 0 },
	{ "plaintext", T_PRE, 0 }, { "pre", T_PRE, 0 }, { "script", T_RAW, 1 },
	{ "section", T_BLOCK, 0 }, { "style", T_RAW, 2 }, { "summary", T_BLOCK, 0 },
	{ "table", T_BLOCK, 0 }, { "tbody", T_BLOCK, 0 }, { "td", T_CELL, 0 },
	{ "template", T_RAW, 3 }, { "tfoot", T_BLOCK, 0 }, { "th", T_CELL, 0 },
	{ "thead", T_BLOCK, 0 }, { "title", T_RAW, 4 }, { "tr", T_BLOCK, 0 },
	{ "ul", T_UL, 0 }, { "xml", T_RAW, 5 }, { "xmp", T_PRE, 0 },
};
#define NRAW	6

struct entity_def {
	const char	*name;
	uint32_t	 cp;
};

/* The HTML 4 entities and &apos;, sorted by name (strcmp) for bsearch(). */
static const struct entity_def entities[] = {
	{ "AElig", 0xc6 }, { "Aacute", 0xc1 }, { "Acirc", 0xc2 }, { "Agrave", 0xc0 },
	{ "Alpha", 0x391 }, { "Aring", 0xc5 }, { "Atilde", 0xc3 }, { "Auml", 0xc4 },
	{ "Beta", 0x392 }, { "Ccedil", 0xc7 }, { "Chi", 0x3a7 }, { "Dagger", 0x2021 },
	{ "Delta", 0x394 }, { "ETH", 0xd0 }, { "Eacute", 0xc9 }, { "Ecirc", 0xca },
	{ "Egrave", 0xc8 }, { "Epsilon", 0x395 }, { "Eta", 0x397 }, { "Euml", 0xcb },
	{ "Gamma", 0x393 }, { "Iacute", 0xcd }, { "Icirc", 0xce }, { "Igrave", 0xcc },
	{ "Iota", 0x399 }, { "Iuml", 0xcf }, { "Kappa", 0x39a }, { "Lambda", 0x39b },
	{ "Mu", 0x39c }, { "Ntilde", 0xd1 }, { "Nu", 0x39d }, { "OElig", 0x152 },
	{ "Oacute", 0xd3 }, { "Ocirc", 0xd4 }, { "Ograve", 0xd2 }, { "Omega", 0x3a9 },
	{ "Omicron", 0x39f }, { "Oslash", 0xd8 }, { "Otilde", 0xd5 }, { "Ouml", 0xd6 },
	{ "Phi", 0x3a6 }, { "Pi", 0x3a0 }, { "Prime", 0x2033 }, { "Psi", 0x3a8 },
	{ "Rho", 0x3a1 }, { "Scaron", 0x160 }, { "Sigma", 0x3a3 }, { "THORN", 0xde },
	{ "Tau", 0x3a4 }, { "Theta", 0x398 }, { "Uacute", 0xda }, { "Ucirc", 0xdb },
	{ "Ugrave", 0xd9 }, { "Upsilon", 0x3a5 }, { "Uuml", 0xdc }, { "Xi", 0x39e },
	{ "Yacute", 0xdd }, { "Yuml", 0x178 }, { "Zeta", 0x396 }, { "aacute", 0xe1 },
	{ "acirc", 0xe2 }, { "acute", 0xb4 }, { "aelig", 0xe6 }, { "agrave", 0xe0 },
	{ "alefsym", 0x2135 }, { "alpha", 0x3b1 }, { "amp", 0x26 }, { "and", 0x2227 },
	{ "ang", 0x2220 }, { "apos", 0x27 }, { "aring", 0xe5 }, { "asymp", 0x2248 },
	{ "atilde", 0xe3 }, { "auml", 0xe4 }, { "bdquo", 0x201e }, { "beta", 0x3b2 },
	{ "brvbar", 0xa6 }, { "bull", 0x2022 }, { "cap", 0x2229 }, { "ccedil", 0xe7 },
	{ "cedil", 0xb8 }, { "cent", 0xa2 }, { "chi", 0x3c7 }, { "circ", 0x2c6 },
	{ "clubs", 0x2663 }, { "cong", 0x2245 }, { "copy", 0xa9 }, { "crarr", 0x21b5 },
	{ "cup", 0x222a }, { "curren", 0xa4 }, { "dArr", 0x21d3 }, { "dagger", 0x2020 },
	{ "darr", 0x2193 }, { "deg", 0xb0 }, { "delta", 0x3b4 }, { "diams", 0x2666 },
	{ "divide", 0xf7 }, { "eacute", 0xe9 }, { "ecirc", 0xea }, { "egrave", 0xe8 },
	{ "empty", 0x2205 }, { "emsp", 0x2003 }, { "ensp", 0x2002 }, { "epsilon", 0x3b5 },
	{ "equiv", 0x2261 }, { "eta", 0x3b7 }, { "eth", 0xf0 }, { "euml", 0xeb },
	{ "euro", 0x20ac }, { "exist", 0x2203 }, { "fnof", 0x192 }, { "forall", 0x2200 },
	{ "frac12", 0xbd }, { "frac14", 0xbc }, { "frac34", 0xbe }, { "frasl", 0x2044 },
	{ "gamma", 0x3b3 }, { "ge", 0x2265 }, { "gt", 0x3e }, { "hArr", 0x21d4 },
	{ "harr", 0x2194 }, { "hearts", 0x2665 }, { "hellip", 0x2026 }, { "iacute", 0xed },
	{ "icirc", 0xee }, { "iexcl", 0xa1 }, { "igrave", 0xec }, { "image", 0x2111 },
	{ "infin", 0x221e }, { "int", 0x222b }, { "iota", 0x3b9 }, { "iquest", 0xbf },
	{ "isin", 0x2208 }, { "iuml", 0xef }, { "kappa", 0x3ba }, { "lArr", 0x21d0 },
	{ "lambda", 0x3bb }, { "lang", 0x2329 }, { "laquo", 0xab }, { "larr", 0x2190 },
	{ "lceil", 0x2308 }, { "ldquo", 0x201c }, { "le", 0x2264 }, { "lfloor", 0x230a },
	{ "lowast", 0x2217 }, { "loz", 0x25ca }, { "lrm", 0x200e }, { "lsaquo", 0x2039 },
	{ "lsquo", 0x2018 }, { "lt", 0x3c }, { "macr", 0xaf }, { "mdash", 0x2014 },
	{ "micro", 0xb5 }, { "middot", 0xb7 }, { "minus", 0x2212 }, { "mu", 0x3bc },
	{ "nabla", 0x2207 }, { "nbsp", 0xa0 }, { "ndash", 0x2013 }, { "ne", 0x2260 },
	{ "ni", 0x220b }, { "not", 0xac }, { "notin", 0x2209 }, { "nsub", 0x2284 },
	{ "ntilde", 0xf1 }, { "nu", 0x3bd }, { "oacute", 0xf3 }, { "ocirc", 0xf4 },
	{ "oelig", 0x153 }, { "ograve", 0xf2 }, { "oline", 0x203e }, { "omega", 0x3c9 },
	{ "omicron", 0x3bf }, { "oplus", 0x2295 }, { "or", 0x2228 }, { "ordf", 0xaa },
	{ "ordm", 0xba }, { "oslash", 0xf8 }, { "otilde", 0xf5 }, { "otimes", 0x2297 },
	{ "ouml", 0xf6 }, { "para", 0xb6 }, { "part", 0x2202 }, { "permil", 0x2030 },
	{ "perp", 0x22a5 }, { "phi", 0x3c6 }, { "pi", 0x3c0 }, { "piv", 0x3d6 },
	{ "plusmn", 0xb1 }, { "pound", 0xa3 }, { "prime", 0x2032 }, { "prod", 0x220f },
	{ "prop", 0x221d }, { "psi", 0x3c8 }, { "quot", 0x22 }, { "rArr", 0x21d2 },
	{ "radic", 0x221a }, { "rang", 0x232a }, { "raquo", 0xbb }, { "rarr", 0x2192 },
	{ "rceil", 0x2309 }, { "rdquo", 0x201d }, { "real", 0x211c }, { "reg", 0xae },
	{ "rfloor", 0x230b }, { "rho", 0x3c1 }, { "rlm", 0x200f }, { "rsaquo", 0x203a },
	{ "rsquo", 0x2019 }, { "sbquo", 0x201a }, { "scaron", 0x161 }, { "sdot", 0x22c5 },
	{ "sect", 0xa7 }, { "shy", 0xad }, { "sigma", 0x3c3 }, { "sigmaf", 0x3c2 },
	{ "sim", 0x223c }, { "spades", 0x2660 }, { "sub", 0x2282 }, { "sube", 0x2286 },
	{ "sum", 0x2211 }, { "sup", 0x2283 }, { "sup1", 0xb9 }, { "sup2", 0xb2 },
	{ "sup3", 0xb3 }, { "supe", 0x2287 }, { "szlig", 0xdf }, { "tau", 0x3c4 },
	{ "there4", 0x2234 }, { "theta", 0x3b8 }, { "thetasym", 0x3d1 }, { "thinsp", 0x2009 },
	{ "thorn", 0xfe }, { "tilde", 0x2dc }, { "times", 0xd7 }, { "trade", 0x2122 },
	{ "uArr", 0x21d1 }, { "uacute", 0xfa }, { "uarr", 0x2191 }, { "ucirc", 0xfb },
	{ "ugrave", 0xf9 }, { "uml", 0xa8 }, { "upsih", 0x3d2 }, { "upsilon", 0x3c5 },
	{ "uuml", 0xfc }, { "weierp", 0x2118 }, { "xi", 0x3be }, { "yacute", 0xfd },
	{ "yen", 0xa5 }, { "yuml", 0xff }, { "zeta", 0x3b6 }, { "zwj", 0x200d },
	{ "zwnj", 0x200c },
};

/* HTML numeric references 0x80-0x9f mean windows-1252, as browsers read them; 0 = none. */
static const uint16_t cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

struct attrs {
	const char	*href, *alt;
	size_t		 href_len, alt_len;
};

struct ht {
	struct buf	 out;
	int		 want;		/* breaks wanted before the next text: 1 ends the line, 2 adds a blank one */
	int		 nl;		/* breaks written since the last text (1 = the line just ended) */
	int		 bol;		/* the current line has no text yet */
	int		 space;		/* collapsed white space pending */
	int		 sep;		/* a table cell separator pending */
	int		 item;		/* a list marker pending */
	char		 marker[32];
	unsigned	 quote;		/* blockquote depth */
	unsigned	 pre;		/* <pre> depth */
	int		 pre_start;	/* just after <pre>: a first newline is not content */
	unsigned	 lists;		/* list depth */
	char		 kind[MAX_LISTS];	/* 'o' or 'u' */
	unsigned	 num[MAX_LISTS];
	int		 in_link;
	char		*href;		/* the open link's target, when worth showing */
	int		 link_text;	/* the link's text has started ... */
	size_t		 link_at;	/* ... here in out */
	int		 noclose[NRAW];	/* no closing tag for this raw element after here */
};

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int
is_name_char(char c)
{
	return is_alnum(c) || c == '-' || c == ':' || c == '_' || c == '.';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
casecmp_n(const char *a, const char *b, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (lower(a[i]) != lower(b[i]))
			return 1;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence at s, or 0 (NUL counts as invalid). */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned char	c = s[0];
	size_t		need, i;
	unsigned char	lo = 0x80, hi = 0xbf;

	if (c >= 0x01 && c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 1;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < need + 1 || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i <= need; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	}
	return need + 1;
}

static void
append_valid(struct buf *b, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, start = 0, k;

	while (i < n) {
		if ((k = utf8_len(u + i, n - i)) > 0) {
			i += k;
			continue;
		}
		buf_append(b, s + start, i - start);
		buf_append(b, "\xef\xbf\xbd", 3);
		start = ++i;
	}
	buf_append(b, s + start, i - start);
}

static size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static int
entity_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct entity_def *)elem)->name);
}

static uint32_t
numeric_cp(uint32_t v)
{
	if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0xfffd;
	if (v >= 0x80 && v <= 0x9f)
		return cp1252[v - 0x80] != 0 ? cp1252[v - 0x80] : 0xfffd;
	if ((v < 0x20 && v != '\t' && v != '\n' && v != '\r' && v != '\f') || v == 0x7f)
		return 0xfffd;
	return v;
}

static const char *
parse_numeric(const char *q, const char *end, uint32_t *cp)
{
	uint32_t	v = 0, d;
	int		hex = 0, digits = 0;

	if (q < end && (*q == 'x' || *q == 'X')) {
		hex = 1;
		q++;
	}
	for (; q < end; q++, digits++) {
		if (*q >= '0' && *q <= '9')
			d = (uint32_t)(*q - '0');
		else if (hex && lower(*q) >= 'a' && lower(*q) <= 'f')
			d = (uint32_t)(lower(*q) - 'a' + 10);
		else
			break;
		v = v > 0x10ffff ? v : v * (hex ? 16 : 10) + d;	/* saturate */
	}
	if (digits == 0)
		return NULL;
	if (q < end && *q == ';')
		q++;
	*cp = numeric_cp(v);
	return q;
}

/* Parses the reference at p ('&'); returns the end, or NULL when it is not one. */
static const char *
parse_entity(const char *p, const char *end, uint32_t *cp)
{
	const struct entity_def	*e;
	const char		*q = p + 1;
	char			 name[ENTITY_NAME_MAX + 1];
	size_t			 n = 0;

	if (q < end && *q == '#')
		return parse_numeric(q + 1, end, cp);
	while (q < end && is_alnum(*q) && n < ENTITY_NAME_MAX)
		name[n++] = *q++;
	if (n == 0 || q >= end || *q != ';')
		return NULL;
	name[n] = '\0';
	e = bsearch(name, entities, sizeof entities / sizeof entities[0], sizeof entities[0],
	    entity_cmp);
	if (e == NULL)
		return NULL;
	*cp = e->cp;
	return q + 1;
}

/* Invisible characters that mail templates pad with; the text reads the same without. */
static int
is_invisible(uint32_t cp)
{
	return cp == 0xad || cp == 0x34f || (cp >= 0x200b && cp <= 0x200f) ||
	    cp == 0x2060 || cp == 0xfeff;
}

/* An attribute value with references decoded; NULL for none. */
static char *
attr_value(const char *s, size_t n)
{
	struct buf	 b = BUF_INIT;
	const char	*end, *q;
	char		 u[4];
	uint32_t	 cp;

	if (s == NULL)
		return NULL;
	end = s + n;
	while (s < end) {
		if (*s == '&' && (q = parse_entity(s, end, &cp)) != NULL) {
			if (!is_invisible(cp))
				buf_append(&b, u, utf8_encode(cp == 0xa0 ? ' ' : cp, u));
			s = q;
		} else
			buf_putc(&b, *s++);
	}
	return buf_steal(&b);
}

static void
put_prefix(struct ht *h)
{
	unsigned	i, n = h->quote < MAX_QUOTE_SHOWN ? h->quote : MAX_QUOTE_SHOWN;

	for (i = 0; i < n; i++)
		buf_append(&h->out, "> ", 2);
}

static void
end_line(struct ht *h)
{
	buf_putc(&h->out, '\n');
	h->bol = 1;
	h->nl = 1;
}

static void
blank_line(struct ht *h)
{
	if (h->nl > MAX_BLANK)
		return;
	put_prefix(h);
	buf_putc(&h->out, '\n');
	h->nl++;
}

static void
breaks(struct ht *h)
{
	if (h->out.len > 0) {
		if (!h->bol)
			end_line(h);
		while (h->nl < h->want && h->nl <= MAX_BLANK)
			blank_line(h);
	}
	h->want = 0;
}

static void
block(struct ht *h, int n)
{
	if (h->want < n)
		h->want = n;
}

/* Everything that must precede visible text on the current line. */
static void
begin_text(struct ht *h)
{
	if (h->want > 0)
		breaks(h);
	if (h->bol) {
		put_prefix(h);
		if (h->item)
			buf_puts(&h->out, h->marker);
		h->bol = 0;
	} else if (h->sep)
		buf_append(&h->out, " | ", 3);
	else if (h->space)
		buf_putc(&h->out, ' ');
	h->item = h->sep = h->space = 0;
	h->nl = 0;
	if (h->in_link && !h->link_text) {
		h->link_text = 1;
		h->link_at = h->out.len;
	}
}

static void
text(struct ht *h, const char *s, size_t n)
{
	begin_text(h);
	buf_append(&h->out, s, n);
}

static void
pre_text(struct ht *h, const char *s, size_t n)
{
	const char	*nl;
	size_t		 seg;

	while (n > 0) {
		nl = memchr(s, '\n', n);
		seg = nl != NULL ? (size_t)(nl - s) : n;
		if (seg > 0 && s[seg - 1] == '\r')
			seg--;
		if (seg > 0) {
			text(h, s, seg);
			h->pre_start = 0;
		}
		if (nl == NULL)
			return;
		if (h->pre_start)	/* <pre>\n: that newline is markup */
			h->pre_start = 0;
		else if (!h->bol)
			end_line(h);
		else if (h->out.len > 0)
			blank_line(h);
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
}

/* Character data, white space included. */
static void
chars(struct ht *h, const char *s, size_t n)
{
	size_t	k;

	if (h->pre) {
		pre_text(h, s, n);
		return;
	}
	while (n > 0) {
		if (is_ws(*s)) {
			h->space = 1;
			s++;
			n--;
			continue;
		}
		for (k = 0; k < n && !is_ws(s[k]); k++)
			;
		text(h, s, k);
		s += k;
		n -= k;
	}
}

static void
put_cp(struct ht *h, uint32_t cp)
{
	char	u[4];

	if (is_invisible(cp))
		return;
	if (cp == 0xa0) {	/* a space that does not collapse */
		text(h, " ", 1);
		return;
	}
	chars(h, u, utf8_encode(cp, u));
}

/* Is the link text (out from link_at) the same as its target? */
static int
same_target(struct ht *h)
{
	const char	*t = h->out.data != NULL ? h->out.data + h->link_at : "", *u = h->href;
	size_t		 n = h->out.len - h->link_at;

	while (n > 0 && is_ws(*t))
		t++, n--;
	while (n > 0 && is_ws(t[n - 1]))
		n--;
	if (casecmp_n(u, "mailto:", 7) == 0 && strlen(u) >= 7)
		u += 7;
	return strlen(u) == n && memcmp(u, t, n) == 0;
}

static void
link_end(struct ht *h)
{
	if (!h->in_link)
		return;
	h->in_link = 0;
	if (h->href == NULL)
		return;
	if (!h->link_text || !same_target(h)) {
		if (h->link_text)
			h->space = 1;
		begin_text(h);
		buf_putc(&h->out, '<');
		buf_puts(&h->out, h->href);
		buf_putc(&h->out, '>');
	}
	free(h->href);
	h->href = NULL;
}

/* The target worth showing: no fragments, no script, no inline data. */
static char *
clean_href(const char *s, size_t n)
{
	char	*v, *p, *q;

	if ((v = attr_value(s, n)) == NULL)
		return NULL;
	for (p = q = v; *p != '\0'; p++) {	/* browsers drop these from URLs too */
		if (*p != '\n' && *p != '\r' && *p != '\t')
			*q++ = *p;
	}
	*q = '\0';
	for (p = v; *p == ' '; p++)
		;
	while (q > p && q[-1] == ' ')
		*--q = '\0';
	if (*p == '\0' || *p == '#' || casecmp_n(p, "javascript:", 11) == 0 ||
	    casecmp_n(p, "vbscript:", 9) == 0 || casecmp_n(p, "data:", 5) == 0) {
		free(v);
		return NULL;
	}
	memmove(v, p, strlen(p) + 1);
	return v;
}

static void
link_start(struct ht *h, const struct attrs *a)
{
	link_end(h);
	h->in_link = 1;
	h->link_text = 0;
	h->href = clean_href(a->href, a->href_len);
}

static void
image(struct ht *h, const struct attrs *a)
{
	char	*alt, *p, *s;
	size_t	 n;

	if ((alt = attr_value(a->alt, a->alt_len)) == NULL)
		return;
	for (p = alt; *p != '\0'; p++) {
		if (is_ws(*p))
			*p = ' ';
	}
	for (s = alt; *s == ' '; s++)
		;
	for (n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		;
	if (n > 0) {	/* no alt text: a spacer or a tracking pixel */
		text(h, "[image: ", 8);
		buf_append(&h->out, s, n);
		buf_putc(&h->out, ']');
	}
	free(alt);
}

static void
list_item(struct ht *h)
{
	unsigned	level, indent;

	block(h, 1);
	level = h->lists < MAX_LISTS ? h->lists : MAX_LISTS;
	indent = 2 * (h->lists == 0 ? 1 : (h->lists < MAX_INDENT ? h->lists : MAX_INDENT));
	if (level > 0 && h->kind[level - 1] == 'o')
		snprintf(h->marker, sizeof h->marker, "%*s%u. ", (int)indent, "",
		    ++h->num[level - 1]);
	else
		snprintf(h->marker, sizeof h->marker, "%*s* ", (int)indent, "");
	h->item = 1;
}

static void
list_open(struct ht *h, char kind)
{
	block(h, 1);
	if (h->lists < (unsigned)-1)
		h->lists++;
	if (h->lists <= MAX_LISTS) {
		h->kind[h->lists - 1] = kind;
		h->num[h->lists - 1] = 0;
	}
}

/* A quote is set off by blank lines, like a paragraph. */
static void
quote_open(struct ht *h)
{
	block(h, 2);
	breaks(h);	/* pending blank lines belong outside the quote */
	if (h->quote < (unsigned)-1)
		h->quote++;
}

static void
quote_close(struct ht *h)
{
	if (!h->bol && h->out.len > 0)
		end_line(h);
	if (h->quote > 0)
		h->quote--;
	block(h, 2);
}

/*
 * Where the closing tag of a raw element starts, or NULL.  A miss is
 * remembered: searching again from further on cannot hit, and hostile
 * input repeating the open tag would otherwise cost quadratic time.
 */
static const char *
find_close(struct ht *h, const struct tag_def *t, const char *q, const char *end)
{
	size_t		 n = strlen(t->name);
	const char	*p;

	if (h->noclose[t->raw])
		return NULL;
	while ((p = memchr(q, '<', (size_t)(end - q))) != NULL) {
		if ((size_t)(end - p) >= n + 2 && p[1] == '/' &&
		    casecmp_n(p + 2, t->name, n) == 0 &&
		    (p + 2 + n == end || !is_name_char(p[2 + n])))
			return p;
		q = p + 1;
	}
	h->noclose[t->raw] = 1;
	return NULL;
}

/* Opens a tag; returns where scanning goes on (raw elements skip their content). */
static const char *
open_tag(struct ht *h, const struct tag_def *t, const struct attrs *a, const char *q,
    const char *end)
{
	const char	*c;
	int		 i;

	switch (t->kind) {
	case T_RAW:
		/* Unclosed: show what follows rather than swallow the message. */
		return (c = find_close(h, t, q, end)) != NULL ? c : q;
	case T_BLOCK:
		block(h, 1);
		break;
	case T_PARA:
		block(h, 2);
		break;
	case T_BQ:
		quote_open(h);
		break;
	case T_BR:
		if (h->want > 0)
			breaks(h);
		if (h->out.len > 0) {
			if (!h->bol)
				end_line(h);
			else
				blank_line(h);
		}
		h->space = h->sep = 0;
		break;
	case T_CELL:
		if (!h->bol)
			h->sep = 1;
		break;
	case T_HR:
		block(h, 1);
		begin_text(h);
		for (i = 0; i < HR_WIDTH; i++)
			buf_putc(&h->out, '-');
		block(h, 1);
		break;
	case T_IMG:
		image(h, a);
		break;
	case T_LI:
		list_item(h);
		break;
	case T_OL:
		list_open(h, 'o');
		break;
	case T_UL:
		list_open(h, 'u');
		break;
	case T_PRE:
		block(h, 1);
		if (h->pre < (unsigned)-1)
			h->pre++;
		h->pre_start = 1;
		break;
	case T_A:
		link_start(h, a);
		break;
	case T_OTHER:
		break;
	}
	return q;
}

static void
close_tag(struct ht *h, const struct tag_def *t)
{
	switch (t->kind) {
	case T_BLOCK:
		block(h, 1);
		break;
	case T_PARA:
		block(h, 2);
		break;
	case T_BQ:
		quote_close(h);
		break;
	case T_LI:
		h->item = 0;
		block(h, 1);
		break;
	case T_OL:
	case T_UL:
		if (h->lists > 0)
			h->lists--;
		h->item = 0;
		block(h, 1);
		break;
	case T_PRE:
		if (h->pre > 0)
			h->pre--;
		block(h, 1);
		break;
	case T_A:
		link_end(h);
		break;
	default:
		break;
	}
}

/* Reads attributes up to '>'; returns the position after it, or NULL at EOF. */
static const char *
attributes(const char *q, const char *end, struct attrs *a)
{
	const char	*name, *v;
	size_t		 nlen, vlen;
	char		 quote;

	for (;;) {
		while (q < end && (is_ws(*q) || *q == '/'))
			q++;
		if (q >= end)
			return NULL;
		if (*q == '>')
			return q + 1;
		name = q;
		while (q < end && !is_ws(*q) && *q != '=' && *q != '>' && *q != '/')
			q++;
		nlen = (size_t)(q - name);
		while (q < end && is_ws(*q))
			q++;
		v = NULL;
		vlen = 0;
		if (q < end && *q == '=') {
			for (q++; q < end && is_ws(*q); q++)
				;
			if (q >= end)
				return NULL;
			if (*q == '"' || *q == '\'') {
				quote = *q++;
				for (v = q; q < end && *q != quote; q++)
					;
				if (q >= end)
					return NULL;
				vlen = (size_t)(q++ - v);
			} else {
				for (v = q; q < end && !is_ws(*q) && *q != '>'; q++)
					;
				vlen = (size_t)(q - v);
			}
		}
		if (nlen == 4 && casecmp_n(name, "href", 4) == 0 && a->href == NULL && v != NULL) {
			a->href = v;
			a->href_len = vlen;
		} else if (nlen == 3 && casecmp_n(name, "alt", 3) == 0 && a->alt == NULL &&
		    v != NULL) {
			a->alt = v;
			a->alt_len = vlen;
		}
	}
}

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag_def *)elem)->name);
}

static const struct tag_def *
find_tag(const char *s, size_t n)
{
	char	name[TAG_NAME_MAX + 1];
	size_t	i;

	if (n > TAG_NAME_MAX)
		return NULL;
	for (i = 0; i < n; i++)
		name[i] = lower(s[i]);
	name[n] = '\0';
	return bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
}

/* Past the first occurrence of 'pat' at or after q, or end. */
static const char *
skip_past(const char *q, const char *end, const char *pat)
{
	size_t		 n = strlen(pat);
	const char	*p;

	while ((p = memchr(q, pat[0], (size_t)(end - q))) != NULL) {
		if ((size_t)(end - p) >= n && memcmp(p, pat, n) == 0)
			return p + n;
		q = p + 1;
	}
	return end;
}

/* Handles markup at p ('<'); returns where scanning goes on. */
static const char *
markup(struct ht *h, const char *p, const char *end)
{
	const struct tag_def	*t;
	struct attrs		 a = { NULL, NULL, 0, 0 };
	const char		*q = p + 1, *name;
	int			 closing = 0;

	if (q < end && *q == '!') {
		if (end - q >= 3 && q[1] == '-' && q[2] == '-')
			return skip_past(p + 2, end, "-->");	/* "<!-->" is empty */
		return skip_past(q, end, ">");
	}
	if (q < end && *q == '?')
		return skip_past(q, end, ">");
	if (q < end && *q == '/') {
		closing = 1;
		q++;
	}
	if (q >= end || !is_alpha(*q)) {	/* "a < b": just text */
		chars(h, "<", 1);
		return p + 1;
	}
	for (name = q; q < end && is_name_char(*q); q++)
		;
	t = find_tag(name, (size_t)(q - name));
	if ((q = attributes(q, end, &a)) == NULL)
		return end;	/* cut off inside a tag: drop it */
	if (t == NULL)
		return q;
	if (closing) {
		close_tag(h, t);
		return q;
	}
	return open_tag(h, t, &a, q, end);
}

static const char *
reference(struct ht *h, const char *p, const char *end)
{
	const char	*q;
	uint32_t	 cp;

	if ((q = parse_entity(p, end, &cp)) == NULL) {
		chars(h, "&", 1);
		return p + 1;
	}
	put_cp(h, cp);
	return q;
}

/* Trailing blanks off every line, blank lines capped, none at the ends, UTF-8 repaired. */
static char *
finish(struct ht *h)
{
	struct buf	 r = BUF_INIT;
	/* Nothing written leaves data NULL, and NULL + 0 is undefined. */
	const char	*s = h->out.data != NULL ? h->out.data : "", *end = s + h->out.len, *nl;
	size_t		 n, i, blank = 0;
	int		 started = 0;

	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == 0)
			blank++;
		else {
			if (started) {
				buf_putc(&r, '\n');
				for (i = 0; i < blank && i < MAX_BLANK; i++)
					buf_putc(&r, '\n');
			}
			append_valid(&r, s, n);
			started = 1;
			blank = 0;
		}
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return buf_steal(&r);
}

char *
html_to_text(const char *html, size_t len)
{
	struct ht	 h;
	const char	*p = html, *end = html + len, *q;
	char		*r;

	memset(&h, 0, sizeof h);
	h.bol = 1;
	h.nl = MAX_BLANK + 1;
	while (p < end) {
		if (*p == '<') {
			p = markup(&h, p, end);
			continue;
		}
		if (*p == '&') {
			p = reference(&h, p, end);
			continue;
		}
		for (q = p; q < end && *q != '<' && *q != '&'; q++)
			;
		chars(&h, p, (size_t)(q - p));
		p = q;
	}
	link_end(&h);
	r = finish(&h);
	buf_free(&h.out);
	return r;
}
