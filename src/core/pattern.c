/* pattern.c - mutt-style patterns: a recursive-descent parser and a three-valued matcher. */
#include "core/pattern.h"

#include <sys/types.h>

#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/flags.h"
#include "util/buf.h"
#include "util/xmalloc.h"

enum pn_kind {
	PN_AND,
	PN_OR,
	PN_ALL,
	PN_FLAGS,
	PN_TAGGED,
	PN_TEXT,
	PN_DATE,
	PN_SIZE,
};

/* Where a text node looks. */
#define PF_FROM		0x001
#define PF_TO		0x002
#define PF_CC		0x004	/* in the headers */
#define PF_SUBJECT	0x008
#define PF_MSGID	0x010
#define PF_REFS		0x020
#define PF_KEYWORDS	0x040
#define PF_HEADERS	0x080
#define PF_BODY		0x100
#define PF_TEXT		(PF_CC | PF_HEADERS | PF_BODY)

struct needle {
	char	*text;		/* as typed: what a server search sends */
	char	*fold;		/* substring mode: the folded text */
	size_t	 len;
	int	 is_re;
	regex_t	 re;
};

enum dend_kind {
	DE_NONE,	/* unbounded */
	DE_ABS,		/* a full date, resolved when parsed */
	DE_DAY,		/* a date missing its month or year: now's */
	DE_REL,		/* an offset back from now */
};

struct dend {
	enum dend_kind	 kind;
	int		 upper;		/* the end of the day (23:59:59), not its start */
	time_t		 t;
	int		 d, m, y;	/* DE_DAY; 0 = take it from now */
	long		 amount;	/* DE_REL */
	char		 unit;
};

struct pnode {
	enum pn_kind	 kind;
	int		 neg;
	struct pnode	**kids;		/* PN_AND, PN_OR */
	size_t		 nkids;
	unsigned	 set, clear;	/* PN_FLAGS: these set, those clear */
	unsigned	 fields;	/* PN_TEXT */
	int		 term;		/* PN_TEXT needing the text: its index, else -1 */
	struct needle	 nd;
	struct dend	 lo, hi;	/* PN_DATE */
	uint64_t	 smin, smax;	/* PN_SIZE */
};

struct pattern {
	struct pnode	*root;
	unsigned	 needs;
	size_t		 nterms;
};

struct parser {
	const char	*s;
	size_t		 i;
	int		 depth;
	unsigned	 needs;
	size_t		 nterms;
	struct bote_err	*err;
	int		 failed;
};

struct ctx {
	const struct summary *row;
	int		 tagged;
	time_t		 now;
	int		 have_text;
	const char	*headers, *body;
	const unsigned char *hits;	/* a server's answers for the terms, or NULL */
};

/* Case folding that keeps every byte length, so folded text can be searched with memmem. */

static unsigned
fold_cp(unsigned cp)
{
	if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
		return cp + 0x20;
	if (cp == 0x178)
		return 0xff;
	if (cp >= 0x100 && cp <= 0x17f) {
		if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17f)
			return cp;
		if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
			return (cp & 1) ? cp + 1 : cp;
		return (cp & 1) ? cp : cp + 1;
	}
	if (cp >= 0x391 && cp <= 0x3ab && cp != 0x3a2)
		return cp + 0x20;
	if (cp == 0x386)
		return 0x3ac;
	if (cp >= 0x388 && cp <= 0x38a)
		return cp + 0x25;
	if (cp == 0x38c)
		return 0x3cc;
	if (cp == 0x38e || cp == 0x38f)
		return cp + 0x3f;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	return cp;
}

static void
fold_utf8(const char *s, size_t len, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned	 cp;
	size_t		 i = 0;

	while (i < len) {
		if (u[i] < 0x80) {
			out[i] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + 0x20 : u[i]);
			i++;
		} else if (u[i] >= 0xc2 && u[i] <= 0xdf && i + 1 < len &&
		    (u[i + 1] & 0xc0) == 0x80) {
			/* Every mapping stays below U+0800: still two bytes. */
			cp = fold_cp(((u[i] & 0x1fu) << 6) | (u[i + 1] & 0x3fu));
			out[i] = (char)(0xc0 | (cp >> 6));
			out[i + 1] = (char)(0x80 | (cp & 0x3f));
			i += 2;
		} else {
			out[i] = (char)u[i];
			i++;
		}
	}
}

/* Matching one needle. */

static int
hit_len(const struct needle *nd, const char *s, size_t len)
{
	char	 small[512], *tmp;
	int	 r;

	if (nd->is_re) {
		if (s[len] == '\0')
			return regexec(&nd->re, s, 0, NULL, 0) == 0;
		tmp = len < sizeof small ? small : xmalloc(len + 1);
		memcpy(tmp, s, len);
		tmp[len] = '\0';
		r = regexec(&nd->re, tmp, 0, NULL, 0) == 0;
	} else {
		if (nd->len > len)
			return 0;
		if (nd->len == 0)
			return 1;
		tmp = len <= sizeof small ? small : xmalloc(len);
		fold_utf8(s, len, tmp);
		r = memmem(tmp, len, nd->fold, nd->len) != NULL;
	}
	if (tmp != small)
		free(tmp);
	return r;
}

static int
hit(const struct needle *nd, const char *s)
{
	if (s == NULL)
		s = "";
	return hit_len(nd, s, strlen(s));
}

/* Each Cc: field of a header block, continuation lines included. */
static int
hit_cc(const struct needle *nd, const char *h)
{
	const char	*p = h, *e;

	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, "cc:", 3) == 0) {
			p += 3;
			e = p;
			while ((e = strchr(e, '\n')) != NULL && (e[1] == ' ' || e[1] == '\t'))
				e++;
			if (e == NULL)
				e = p + strlen(p);
			if (hit_len(nd, p, (size_t)(e - p)))
				return 1;
			p = e;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return 0;
}

static enum pattern_result
eval_text(const struct pnode *n, const struct ctx *c)
{
	const struct summary *r = c->row;
	unsigned	 f = n->fields;

	if (((f & PF_FROM) && (hit(&n->nd, r->from_name) || hit(&n->nd, r->from_addr))) ||
	    ((f & PF_TO) && hit(&n->nd, r->to)) ||
	    ((f & PF_SUBJECT) && hit(&n->nd, r->subject)) ||
	    ((f & PF_MSGID) && hit(&n->nd, r->message_id)) ||
	    ((f & PF_REFS) && (hit(&n->nd, r->references) || hit(&n->nd, r->in_reply_to))) ||
	    ((f & PF_KEYWORDS) && hit(&n->nd, r->keywords)))
		return PAT_YES;
	if (!(f & PF_TEXT))
		return PAT_NO;
	if (!c->have_text && c->hits != NULL && n->term >= 0)
		return c->hits[n->term] ? PAT_YES : PAT_NO;
	if (!c->have_text)
		return PAT_NEED_BODY;
	if (((f & PF_CC) && c->headers != NULL && hit_cc(&n->nd, c->headers)) ||
	    ((f & PF_HEADERS) && hit(&n->nd, c->headers)) ||
	    ((f & PF_BODY) && hit(&n->nd, c->body)))
		return PAT_YES;
	return PAT_NO;
}

/* Dates. */

static time_t
day_time(struct tm *tm, int upper)
{
	tm->tm_hour = upper ? 23 : 0;
	tm->tm_min = tm->tm_sec = upper ? 59 : 0;
	tm->tm_isdst = -1;
	return mktime(tm);
}

static time_t
resolve(const struct dend *e, time_t now)
{
	struct tm	tm;
	time_t		secs;

	if (e->kind == DE_ABS)
		return e->t;
	if (e->kind == DE_REL && strchr("HMS", e->unit) != NULL) {
		secs = e->unit == 'H' ? 3600 : e->unit == 'M' ? 60 : 1;
		return now - (time_t)e->amount * secs;
	}
	localtime_r(&now, &tm);
	if (e->kind == DE_DAY) {
		if (e->y != 0)
			tm.tm_year = e->y - 1900;
		if (e->m != 0)
			tm.tm_mon = e->m - 1;
		tm.tm_mday = e->d;
	} else if (e->unit == 'd')
		tm.tm_mday -= (int)e->amount;
	else if (e->unit == 'w')
		tm.tm_mday -= (int)e->amount * 7;
	else if (e->unit == 'm')
		tm.tm_mon -= (int)e->amount;
	else
		tm.tm_year -= (int)e->amount;
	return day_time(&tm, e->upper);
}

static int
eval_date(const struct pnode *n, const struct ctx *c)
{
	time_t	d = c->row->date;

	/* A lower bound at the end of a day ("<3d") starts just after it. */
	if (n->lo.kind != DE_NONE && d < resolve(&n->lo, c->now) + (n->lo.upper ? 1 : 0))
		return 0;
	if (n->hi.kind != DE_NONE && d > resolve(&n->hi, c->now))
		return 0;
	return 1;
}

/* Three-valued evaluation: PAT_NEED_BODY is "unknown" until the text is there. */

static enum pattern_result eval(const struct pnode *, const struct ctx *);

static enum pattern_result
eval_list(const struct pnode *n, const struct ctx *c)
{
	enum pattern_result res, r;
	enum pattern_result stop = n->kind == PN_AND ? PAT_NO : PAT_YES;
	size_t		i;

	res = n->kind == PN_AND ? PAT_YES : PAT_NO;
	for (i = 0; i < n->nkids; i++) {
		r = eval(n->kids[i], c);
		if (r == stop)
			return stop;
		if (r == PAT_NEED_BODY)
			res = PAT_NEED_BODY;
	}
	return res;
}

static enum pattern_result
eval_plain(const struct pnode *n, const struct ctx *c)
{
	const struct summary *r = c->row;

	switch (n->kind) {
	case PN_AND:
	case PN_OR:
		return eval_list(n, c);
	case PN_ALL:
		return PAT_YES;
	case PN_FLAGS:
		return (r->flags & n->set) == n->set && (r->flags & n->clear) == 0 ?
		    PAT_YES : PAT_NO;
	case PN_TAGGED:
		return c->tagged ? PAT_YES : PAT_NO;
	case PN_TEXT:
		return eval_text(n, c);
	case PN_DATE:
		return eval_date(n, c) ? PAT_YES : PAT_NO;
	case PN_SIZE:
		return r->size >= n->smin && r->size <= n->smax ? PAT_YES : PAT_NO;
	}
	return PAT_NO;
}

static enum pattern_result
eval(const struct pnode *n, const struct ctx *c)
{
	enum pattern_result r = eval_plain(n, c);

	if (n->neg && r != PAT_NEED_BODY)
		r = r == PAT_YES ? PAT_NO : PAT_YES;
	return r;
}

/* Parser errors: the first one wins; positions count characters from 1. */

static void __attribute__((format(printf, 3, 4)))
perr(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list	ap;
	char	msg[400];
	size_t	i, col = 1;

	if (p->failed)
		return;
	p->failed = 1;
	for (i = 0; i < at && p->s[i] != '\0'; i++)
		if (((unsigned char)p->s[i] & 0xc0) != 0x80)
			col++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	bote_err_set(p->err, BOTE_ERR_PARSE, "pattern error at %zu: %s", col, msg);
}

static void
node_free(struct pnode *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	if (n->kind == PN_TEXT) {
		if (n->nd.is_re)
			regfree(&n->nd.re);
		free(n->nd.fold);
		free(n->nd.text);
	}
	free(n);
}

static struct pnode *
node_new(enum pn_kind kind)
{
	struct pnode	*n = xcalloc(1, sizeof *n);

	n->kind = kind;
	return n;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
skip_ws(struct parser *p)
{
	while (is_ws(p->s[p->i]))
		p->i++;
}

static int
ends_word(char c)
{
	return c == '\0' || is_ws(c) || c == '(' || c == ')' || c == '|';
}

/* One word: bare with backslash escapes, "..." with escapes, '...' literal; pieces join. */
static char *
read_word(struct parser *p)
{
	struct buf	 b = BUF_INIT;
	const char	*s = p->s;
	size_t		 q;
	char		 quote;

	while (!ends_word(s[p->i])) {
		if (s[p->i] == '\'' || s[p->i] == '"') {
			quote = s[p->i];
			q = p->i++;
			while (s[p->i] != quote && s[p->i] != '\0') {
				if (quote == '"' && s[p->i] == '\\' && s[p->i + 1] != '\0')
					p->i++;
				buf_putc(&b, s[p->i++]);
			}
			if (s[p->i] == '\0') {
				perr(p, q, "missing closing %c", quote);
				buf_free(&b);
				return NULL;
			}
			p->i++;
		} else {
			if (s[p->i] == '\\' && s[p->i + 1] != '\0')
				p->i++;
			buf_putc(&b, s[p->i++]);
		}
	}
	return buf_steal(&b);
}

static int
needle_init(struct parser *p, struct needle *nd, const char *text, int plain, size_t at)
{
	char	msg[200];
	int	rc;

	nd->text = xstrdup(text);
	if (!plain && strpbrk(text, "^$[]()*+?{}|\\") != NULL) {
		rc = regcomp(&nd->re, text, REG_EXTENDED | REG_ICASE | REG_NOSUB | REG_NEWLINE);
		if (rc != 0) {
			regerror(rc, &nd->re, msg, sizeof msg);
			perr(p, at, "bad regular expression: %s", msg);
			return -1;
		}
		nd->is_re = 1;
		return 0;
	}
	nd->len = strlen(text);
	nd->fold = xmalloc(nd->len + 1);
	fold_utf8(text, nd->len, nd->fold);
	nd->fold[nd->len] = '\0';
	return 0;
}

/* The argument after "~x": one word, which must be there. */
static char *
read_arg(struct parser *p, char letter)
{
	skip_ws(p);
	if (ends_word(p->s[p->i])) {
		perr(p, p->i, "missing text after ~%c", letter);
		return NULL;
	}
	return read_word(p);
}

static struct pnode *
text_node(struct parser *p, unsigned fields, const char *text, int plain, size_t at)
{
	struct pnode	*n = node_new(PN_TEXT);

	n->fields = fields;
	n->term = -1;
	if (needle_init(p, &n->nd, text, plain, at) < 0) {
		free(n->nd.text);
		free(n);
		return NULL;
	}
	if (fields & PF_TEXT)
		n->term = (int)p->nterms++;
	if (fields & (PF_CC | PF_HEADERS))
		p->needs |= PATTERN_NEED_HEADERS;
	if (fields & PF_BODY)
		p->needs |= PATTERN_NEED_BODY;
	return n;
}

/* Numbers for dates and sizes. */

static int
read_num(const char **sp, int maxdigits, long *out)
{
	const char	*s = *sp;
	long		 v = 0;
	int		 k = 0;

	while (*s >= '0' && *s <= '9' && k < maxdigits) {
		v = v * 10 + (*s++ - '0');
		k++;
	}
	if (k == 0 || (*s >= '0' && *s <= '9'))
		return 0;
	*sp = s;
	*out = v;
	return k;
}

static int
days_in_month(long m, long y)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && y != 0 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 28;
	return days[m - 1];
}

static int
date_valid(long d, long m, long y)
{
	if (y != 0 && (y < 1900 || y > 9999))
		return 0;
	if (m == 0)
		return d >= 1 && d <= 31;
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(m, y);
}

/* A calendar day; resolved now when complete, else at match time from "now". */
static void
set_day(struct dend *e, int d, int m, int y, int upper)
{
	struct tm	tm;

	memset(e, 0, sizeof *e);
	e->kind = DE_DAY;
	e->upper = upper;
	e->d = d;
	e->m = m;
	e->y = y;
	if (m != 0 && y != 0) {
		memset(&tm, 0, sizeof tm);
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		e->t = day_time(&tm, upper);
		e->kind = DE_ABS;
	}
}

/* "yyyy-mm-dd" or "dd[/mm[/yy[yy]]]" at *sp. */
static int
read_date(const char **sp, struct dend *e, int upper)
{
	const char	*s = *sp;
	long		 d = 0, m = 0, y = 0;
	int		 k;

	if (read_num(&s, 4, &y) == 4 && *s == '-') {
		s++;
		if (!read_num(&s, 2, &m) || *s++ != '-' || !read_num(&s, 2, &d))
			return 0;
	} else {
		s = *sp;
		y = 0;
		if (!read_num(&s, 2, &d))
			return 0;
		if (*s == '/') {
			s++;
			if (!read_num(&s, 2, &m))
				return 0;
			if (*s == '/') {
				s++;
				if ((k = read_num(&s, 4, &y)) != 2 && k != 4)
					return 0;
				if (k == 2)
					y += y < 70 ? 2000 : 1900;
			}
		}
	}
	if (!date_valid(d, m, y))
		return 0;
	set_day(e, (int)d, (int)m, (int)y, upper);
	*sp = s;
	return 1;
}

/* "<3d" ">1w" "=2m": mutt's bounds, the end of the day N units back (H M S: exact). */
static int
read_relative(const char *s, struct pnode *n)
{
	struct dend	 rel;
	char		 op = *s++;
	long		 amount;

	if (!read_num(&s, 7, &amount) || *s == '\0' || strchr("dwmyHMS", *s) == NULL ||
	    s[1] != '\0' || (op == '=' && strchr("HMS", *s) != NULL))
		return 0;
	memset(&rel, 0, sizeof rel);
	rel.kind = DE_REL;
	rel.amount = amount;
	rel.unit = *s;
	if (op == '<' || op == '=') {
		n->lo = rel;
		n->lo.upper = op == '<' && strchr("dwmy", rel.unit) != NULL;
	}
	if (op == '>' || op == '=') {
		n->hi = rel;
		n->hi.upper = 1;
	}
	return 1;
}

static int
read_dates(const char *s, struct pnode *n)
{
	if (*s == '<' || *s == '>' || *s == '=')
		return read_relative(s, n);
	if (*s != '-' && !read_date(&s, &n->lo, 0))
		return 0;
	if (*s == '\0') {
		/* One day: from its start to its end. */
		set_day(&n->hi, n->lo.d, n->lo.m, n->lo.y, 1);
		return 1;
	}
	if (*s++ != '-')
		return 0;
	if (*s == '\0')
		return n->lo.kind != DE_NONE;
	return read_date(&s, &n->hi, 1) && *s == '\0';
}

static int
read_size(const char **sp, uint64_t *out)
{
	const char	*s = *sp;
	uint64_t	 v = 0, mul = 1;
	int		 k = 0;

	while (*s >= '0' && *s <= '9') {
		if (v > (UINT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (uint64_t)(*s++ - '0');
		k++;
	}
	if (k == 0)
		return 0;
	if (*s == 'K' || *s == 'k')
		mul = 1024;
	else if (*s == 'M' || *s == 'm')
		mul = 1024 * 1024;
	else if (*s == 'G' || *s == 'g')
		mul = 1024 * 1024 * 1024;
	if (mul != 1)
		s++;
	if (v > UINT64_MAX / mul)
		return 0;
	*out = v * mul;
	*sp = s;
	return 1;
}

static int
read_sizes(const char *s, struct pnode *n)
{
	uint64_t	v;
	char		op = *s;

	n->smin = 0;
	n->smax = UINT64_MAX;
	if (op == '<' || op == '>') {
		s++;
		if (!read_size(&s, &v) || *s != '\0')
			return 0;
		if (op == '<' && v > 0)
			n->smax = v - 1;
		else if (op == '>' && v < UINT64_MAX)
			n->smin = v + 1;
		else {
			/* "<0": nothing is smaller; an empty range. */
			n->smin = 1;
			n->smax = 0;
		}
		return 1;
	}
	if (op != '-' && !read_size(&s, &n->smin))
		return 0;
	if (*s == '\0') {
		n->smax = n->smin;
		return 1;
	}
	if (*s++ != '-')
		return 0;
	if (*s == '\0')
		return op != '-';
	return read_size(&s, &n->smax) && *s == '\0';
}

/* "~d ARG", "~z ARG": the argument, then its grammar. */
static struct pnode *
range_node(struct parser *p, char letter, size_t at)
{
	struct pnode	*n = node_new(letter == 'd' ? PN_DATE : PN_SIZE);
	char		*arg;
	int		 okay;

	if ((arg = read_arg(p, letter)) == NULL) {
		free(n);
		return NULL;
	}
	okay = letter == 'd' ? read_dates(arg, n) : read_sizes(arg, n);
	if (!okay)
		perr(p, at, letter == 'd' ? "bad date range '%s'" : "bad size range '%s'", arg);
	free(arg);
	if (!okay) {
		free(n);
		return NULL;
	}
	return n;
}

static unsigned
text_fields(char letter)
{
	switch (letter) {
	case 'f':	return PF_FROM;
	case 't':	return PF_TO;
	case 'c':	return PF_CC;
	case 'C':	return PF_TO | PF_CC;
	case 'L':	return PF_FROM | PF_TO | PF_CC;
	case 's':	return PF_SUBJECT;
	case 'i':	return PF_MSGID;
	case 'x':	return PF_REFS;
	case 'Y':	return PF_KEYWORDS;
	case 'b':	return PF_BODY;
	case 'B':	return PF_HEADERS | PF_BODY;
	case 'h':	return PF_HEADERS;
	}
	return 0;
}

/* Flag letters: bits that must be set, bits that must be clear. */
static int
flag_letter(char letter, unsigned *set, unsigned *clear)
{
	*set = *clear = 0;
	switch (letter) {
	case 'N':	*set = FLAG_NEW; *clear = FLAG_SEEN; break;
	case 'O':	*clear = FLAG_SEEN | FLAG_NEW; break;
	case 'U':	*clear = FLAG_SEEN; break;
	case 'R':	*set = FLAG_SEEN; break;
	case 'F':	*set = FLAG_FLAGGED; break;
	case 'D':	*set = FLAG_DELETED; break;
	case 'Q':	*set = FLAG_REPLIED; break;
	default:	return 0;
	}
	return 1;
}

/* "~X [ARG]" or "=X ARG" at p->i. */
static struct pnode *
parse_atom(struct parser *p)
{
	size_t		 at = p->i, argat;
	int		 plain = p->s[p->i] == '=';
	char		 letter = p->s[p->i + 1], *arg;
	unsigned	 set, clear, fields;
	struct pnode	*n;

	p->i += letter != '\0' ? 2 : 1;
	if ((fields = text_fields(letter)) != 0) {
		skip_ws(p);
		argat = p->i;
		if ((arg = read_arg(p, letter)) == NULL)
			return NULL;
		n = text_node(p, fields, arg, plain, argat);
		free(arg);
		return n;
	}
	if (plain) {
		perr(p, at, "'=' needs a text pattern such as =s");
		return NULL;
	}
	if (letter == 'd' || letter == 'z')
		return range_node(p, letter, at);
	if (letter == 'A')
		return node_new(PN_ALL);
	if (letter == 'T')
		return node_new(PN_TAGGED);
	if (flag_letter(letter, &set, &clear)) {
		n = node_new(PN_FLAGS);
		n->set = set;
		n->clear = clear;
		return n;
	}
	if (letter == '\0' || is_ws(letter))
		perr(p, at, "missing letter after '~'");
	else if (strchr("PpEgGkVvyeluHMXrmnS$#(<>=", letter) != NULL)
		perr(p, at, "~%c is not supported", letter);
	else if (letter > ' ' && letter < 0x7f)
		perr(p, at, "unknown pattern ~%c", letter);
	else
		perr(p, at, "unknown pattern letter after '~'");
	return NULL;
}

static struct pnode *parse_or(struct parser *, const char *);

static struct pnode *
parse_group(struct parser *p)
{
	size_t		 open = p->i;
	struct pnode	*n;

	if (++p->depth > PATTERN_DEPTH_MAX) {
		perr(p, open, "more than %d nested parentheses", PATTERN_DEPTH_MAX);
		return NULL;
	}
	p->i++;
	if ((n = parse_or(p, "(")) == NULL)
		return NULL;
	skip_ws(p);
	if (p->s[p->i] != ')') {
		perr(p, p->i, "missing ')'");
		node_free(n);
		return NULL;
	}
	p->i++;
	p->depth--;
	return n;
}

static struct pnode *
parse_unary(struct parser *p)
{
	struct pnode	*n;
	size_t		 at;
	int		 neg = 0;
	char		*word;

	skip_ws(p);
	while (p->s[p->i] == '!') {
		neg = !neg;
		p->i++;
		skip_ws(p);
	}
	at = p->i;
	switch (p->s[p->i]) {
	case '\0':
	case ')':
	case '|':
		perr(p, p->i, "missing pattern after '!'");
		return NULL;
	case '(':
		n = parse_group(p);
		break;
	case '~':
	case '=':
		n = parse_atom(p);
		break;
	case '%':
		perr(p, p->i, "'%%' address groups are not supported");
		return NULL;
	default:
		if ((word = read_word(p)) == NULL)
			return NULL;
		n = text_node(p, PF_FROM | PF_SUBJECT, word, 0, at);
		free(word);
		break;
	}
	if (n != NULL && neg)
		n->neg = !n->neg;
	return n;
}

static void
list_add(struct pnode *list, struct pnode *kid)
{
	list->kids = xreallocarray(list->kids, list->nkids + 1, sizeof *list->kids);
	list->kids[list->nkids++] = kid;
}

/* A list of one is its member, so juxtaposition and groups cost no depth. */
static struct pnode *
list_done(struct pnode *list)
{
	struct pnode	*only;

	if (list->nkids != 1)
		return list;
	only = list->kids[0];
	free(list->kids);
	free(list);
	return only;
}

static struct pnode *
parse_and(struct parser *p, const char *after)
{
	struct pnode	*list = node_new(PN_AND), *k;
	char		 c;

	for (;;) {
		skip_ws(p);
		c = p->s[p->i];
		if (c == '\0' || c == ')' || c == '|')
			break;
		if ((k = parse_unary(p)) == NULL) {
			node_free(list);
			return NULL;
		}
		list_add(list, k);
	}
	if (list->nkids == 0) {
		if (after != NULL)
			perr(p, p->i, "missing pattern after '%s'", after);
		else if (c == '\0')
			perr(p, p->i, "empty pattern");
		else
			perr(p, p->i, "missing pattern before '%c'", c);
		node_free(list);
		return NULL;
	}
	return list_done(list);
}

/* after: what came just before, for the error when nothing follows ("(", "|"). */
static struct pnode *
parse_or(struct parser *p, const char *after)
{
	struct pnode	*list = node_new(PN_OR), *k;

	for (;;) {
		if ((k = parse_and(p, after)) == NULL) {
			node_free(list);
			return NULL;
		}
		list_add(list, k);
		skip_ws(p);
		if (p->s[p->i] != '|')
			break;
		p->i++;
		after = "|";
	}
	return list_done(list);
}

struct pattern *
pattern_parse(const char *text, struct bote_err *err)
{
	struct parser	 p;
	struct pattern	*pat;
	struct pnode	*root;

	memset(&p, 0, sizeof p);
	p.s = text;
	p.err = err;
	if (strlen(text) > PATTERN_LEN_MAX) {
		bote_err_set(err, BOTE_ERR_PARSE, "pattern error at %d: longer than %d bytes",
		    PATTERN_LEN_MAX + 1, PATTERN_LEN_MAX);
		return NULL;
	}
	root = parse_or(&p, NULL);
	if (root != NULL && p.s[p.i] == ')') {
		perr(&p, p.i, "')' without '('");
		node_free(root);
		root = NULL;
	}
	if (root == NULL)
		return NULL;
	pat = xmalloc(sizeof *pat);
	pat->root = root;
	pat->needs = p.needs;
	pat->nterms = p.nterms;
	return pat;
}

void
pattern_free(struct pattern *pat)
{
	if (pat == NULL)
		return;
	node_free(pat->root);
	free(pat);
}

unsigned
pattern_needs_body(const struct pattern *pat)
{
	return pat->needs;
}

enum pattern_result
pattern_match(const struct pattern *pat, const struct summary *row, int tagged, time_t now)
{
	struct ctx	c = { row, tagged, now, 0, NULL, NULL, NULL };

	return eval(pat->root, &c);
}

int
pattern_match_text(const struct pattern *pat, const struct summary *row, int tagged, time_t now,
    const char *headers, const char *body)
{
	struct ctx	c = { row, tagged, now, 1, headers, body, NULL };

	return eval(pat->root, &c) == PAT_YES;
}

/* Server-side search: the terms that need the message text, by index. */

size_t
pattern_nterms(const struct pattern *pat)
{
	return pat->nterms;
}

static const struct pnode *
find_term(const struct pnode *n, int term)
{
	const struct pnode	*hit;
	size_t			 i;

	if (n->kind == PN_TEXT)
		return n->term == term ? n : NULL;
	for (i = 0; i < n->nkids; i++)
		if ((hit = find_term(n->kids[i], term)) != NULL)
			return hit;
	return NULL;
}

/* "~h 'X-Spam: yes'": a field name (RFC 5322 ftext), a colon, the value; else 0. */
static int
split_header(const char *text, struct pattern_term *out)
{
	const char	*colon = strchr(text, ':'), *p;
	size_t		 len;

	if (colon == NULL || colon == text || (size_t)(colon - text) >= sizeof out->header)
		return 0;
	for (p = text; p < colon; p++)
		if (*p <= ' ' || *p >= 0x7f)
			return 0;
	len = (size_t)(colon - text);
	memcpy(out->header, text, len);
	out->header[len] = '\0';
	for (p = colon + 1; *p == ' ' || *p == '\t'; p++)
		;
	out->text = p;
	return 1;
}

int
pattern_term(const struct pattern *pat, size_t i, struct pattern_term *out)
{
	const struct pnode	*n;
	const char		*p;

	memset(out, 0, sizeof *out);
	if (i >= pat->nterms || (n = find_term(pat->root, (int)i)) == NULL || n->nd.is_re)
		return -1;
	/* A server string holds no line breaks or other controls. */
	for (p = n->nd.text; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return -1;
	out->text = n->nd.text;
	if ((n->fields & PF_BODY) && (n->fields & PF_HEADERS))
		out->what = PATTERN_TERM_TEXT;
	else if (n->fields & PF_BODY)
		out->what = PATTERN_TERM_BODY;
	else if (n->fields & PF_HEADERS) {
		if (!split_header(n->nd.text, out))
			return -1;
		out->what = PATTERN_TERM_HEADER;
	} else {
		out->what = PATTERN_TERM_CC;
		if (n->fields & PF_TO)
			out->what |= PATTERN_TERM_TO;
		if (n->fields & PF_FROM)
			out->what |= PATTERN_TERM_FROM;
	}
	return 0;
}

enum pattern_result
pattern_match_hits(const struct pattern *pat, const struct summary *row, int tagged, time_t now,
    const unsigned char *hits)
{
	struct ctx	c = { row, tagged, now, 0, NULL, NULL, hits };

	return eval(pat->root, &c);
}
