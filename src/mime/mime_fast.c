/* mime_fast.c - a header block to a summary in one pass, with GMime only for what needs decoding. */
#include "mime/mime_private.h"

#include <string.h>

#include "core/summary.h"
#include "mime/mime_fast.h"
#include "util/xmalloc.h"

/*
 * Building a GMimeMessage from a header costs tens of microseconds, most
 * of it for fields the message list never shows.  This file finds the
 * eight fields it needs itself and reproduces what the GMime path made of
 * them (see mime_summary_parse_full()): which occurrence counts, how the
 * value is unfolded, which GMime function decodes it.  Whatever it does
 * not copy exactly goes to GMime, a field or, for odd blocks, the whole
 * header at a time; tests/unit/t_mime_fast.c compares both ways.
 */

/* More From: or To: fields than this are odd enough for the full parse. */
#define ADDR_FIELDS_MAX	8

enum field {
	F_FROM, F_TO, F_SUBJECT, F_DATE, F_MSGID, F_IRT, F_REFS, F_CTYPE,
	F_NONE
};

/*
 * Which occurrence GMime uses: every From: and To:, the last Subject:,
 * Date:, Message-ID: and Content-Type: (each replaces the one before), the
 * first In-Reply-To: and References: (looked up by name).
 */
static const struct {
	const char	*name;
	size_t		 len;
	enum field	 f;
} names[] = {
	{ "from", 4, F_FROM },
	{ "to", 2, F_TO },
	{ "subject", 7, F_SUBJECT },
	{ "date", 4, F_DATE },
	{ "message-id", 10, F_MSGID },
	{ "in-reply-to", 11, F_IRT },
	{ "references", 10, F_REFS },
	{ "content-type", 12, F_CTYPE },
};

struct fields {
	struct mime_fast_span	from[ADDR_FIELDS_MAX], to[ADDR_FIELDS_MAX];
	size_t			nfrom, nto;
	struct mime_fast_span	one[F_NONE];	/* p == NULL: absent */
};

/*
 * Field names as mail uses them.  GMime also takes names with other
 * characters or blanks before the colon; those blocks go to it whole.
 */
static int
name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

static enum field
lookup(const char *p, size_t n)
{
	size_t	i, j;
	char	c;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].len != n)
			continue;
		for (j = 0; j < n; j++) {
			c = p[j];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != names[i].name[j])
				break;
		}
		if (j == n)
			return names[i].f;
	}
	return F_NONE;
}

static int
record(struct fields *f, enum field which, const char *p, size_t n)
{
	struct mime_fast_span	s = { p, n };

	switch (which) {
	case F_FROM:
		if (f->nfrom == ADDR_FIELDS_MAX)
			return -1;
		f->from[f->nfrom++] = s;
		break;
	case F_TO:
		if (f->nto == ADDR_FIELDS_MAX)
			return -1;
		f->to[f->nto++] = s;
		break;
	case F_IRT:
	case F_REFS:
		if (f->one[which].p == NULL)
			f->one[which] = s;
		break;
	case F_NONE:
		break;
	default:
		f->one[which] = s;
		break;
	}
	return 0;
}

/*
 * Splits the block into fields: a name, a colon, and the value up to the
 * end of its last continuation line (a line starting with a blank), the
 * line end included, as GMime keeps it.  Stops at the empty line.
 * Returns -1 for anything else: GMime skips such lines, which is not
 * worth copying.
 */
static int
scan(const char *p, const char *end, struct fields *f)
{
	const char	*name, *colon, *nl;
	int		 nfields = 0;

	while (p < end) {
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))
			break;
		for (name = p; p < end && name_char((unsigned char)*p); p++)
			;
		if (p == name || p == end || *p != ':')
			return -1;
		colon = p++;
		for (;;) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
				p = end;
				break;
			}
			p = nl + 1;
			if (p == end || (*p != ' ' && *p != '\t'))
				break;
		}
		if (record(f, lookup(name, (size_t)(colon - name)), colon + 1,
		    (size_t)(p - colon - 1)) != 0)
			return -1;
		nfields++;
	}
	return nfields > 0 ? 0 : -1;
}

char *
mime_fast_display(const char *s)
{
	char	*r, *p;

	if (s == NULL || *s == '\0')
		return NULL;
	r = mime_utf8(s, strlen(s));
	for (p = r; *p != '\0'; p++) {
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	}
	return r;
}

/*
 * GMime's unfolding (blanks trimmed at both ends, every CR and LF
 * dropped) into a new string.  *plain says whether it is all ASCII
 * without "=?", which GMime's decoder would return unchanged.
 */
static char *
unfold(const char *raw, size_t n, int *plain)
{
	const char	*s = raw, *e = raw + n;
	char		*r, *o;

	while (s < e && mime_fast_lwsp(*s))
		s++;
	while (e > s && mime_fast_lwsp(e[-1]))
		e--;
	o = r = xmalloc((size_t)(e - s) + 1);
	*plain = 1;
	for (; s < e; s++) {
		if (*s == '\r' || *s == '\n')
			continue;
		if ((unsigned char)*s >= 0x80 ||
		    (*s == '=' && s + 1 < e && s[1] == '?'))
			*plain = 0;
		*o++ = *s;
	}
	*o = '\0';
	return r;
}

/* g_mime_header_get_value(): unfolded, then decoded when it is not plain. */
static char *
header_value(const char *raw, size_t n, int *plain, unsigned *fb)
{
	char	*v, *d;

	v = unfold(raw, n, plain);
	if (*plain)
		return v;
	*fb |= MIME_FAST_TEXT;
	d = g_mime_utils_header_decode_text(mime_parser_options(), v);
	free(v);
	v = xstrdup(d != NULL ? d : "");
	g_free(d);
	return v;
}

/* The summary form of a value that is plain ASCII already: no copy. */
static char *
plain_display(char *v)
{
	char	*p;

	if (*v == '\0') {
		free(v);
		return NULL;
	}
	for (p = v; *p != '\0'; p++) {
		if (*p == '\t')
			*p = ' ';
	}
	return v;
}

char *
mime_fast_text(const char *raw, size_t n, unsigned *fb)
{
	char	*v, *r;
	int	 plain;

	v = header_value(raw, n, &plain, fb);
	if (plain)
		return plain_display(v);
	r = mime_fast_display(v);
	free(v);
	return r;
}

/* Atoms joined by single dots; the end, or NULL when there is none. */
static const char *
dot_atoms(const char *p, const char *e)
{
	for (;;) {
		if (p == e || !mime_fast_atext((unsigned char)*p))
			return NULL;
		while (p < e && mime_fast_atext((unsigned char)*p))
			p++;
		if (p == e || *p != '.')
			return p;
		p++;
	}
}

const char *
mime_fast_addr_spec(const char *p, const char *e)
{
	const char	*at, *q, *d;

	if ((at = dot_atoms(p, e)) == NULL || at == e || *at != '@')
		return NULL;
	if ((q = dot_atoms(at + 1, e)) == NULL)
		return NULL;
	for (d = at; d + 4 < q; d++) {
		if ((*d == '@' || *d == '.') &&
		    g_ascii_strncasecmp(d + 1, "xn--", 4) == 0)
			return NULL;
	}
	/* GMime joins "a@b .c" into one domain: not a plain one. */
	for (d = q; d < e && mime_fast_lwsp(*d); d++)
		;
	if (d < e && *d == '.')
		return NULL;
	return q;
}

/* "<local@domain>" at s: the length of the id (at s + 1), or 0. */
static size_t
plain_msgid(const char *s, const char *e)
{
	const char	*q;

	if (s == e || *s != '<' || (q = mime_fast_addr_spec(s + 1, e)) == NULL ||
	    q == e || *q != '>')
		return 0;
	return (size_t)(q - s - 1);
}

static char *
message_id(const struct mime_fast_span *sp, unsigned *fb)
{
	char	*v, *id, *r;
	size_t	 n;
	int	 plain;

	v = header_value(sp->p, sp->n, &plain, fb);
	if (plain && (n = plain_msgid(v, v + strlen(v))) > 0 &&
	    v[n + 2] == '\0') {
		memmove(v, v + 1, n);
		v[n] = '\0';
		return v;
	}
	*fb |= MIME_FAST_MSGID;
	id = g_mime_utils_decode_message_id(v);
	free(v);
	r = mime_fast_display(id);
	g_free(id);
	return r;
}

/* GMime's references parser would take a leading plain id as the first one. */
static char *
in_reply_to(const struct mime_fast_span *sp, unsigned *fb)
{
	GMimeReferences	*refs;
	char		*v, *r = NULL;
	size_t		 n;
	int		 plain;

	v = header_value(sp->p, sp->n, &plain, fb);
	if (plain && (n = plain_msgid(v, v + strlen(v))) > 0) {
		memmove(v, v + 1, n);
		v[n] = '\0';
		return v;
	}
	*fb |= MIME_FAST_IRT;
	if ((refs = g_mime_references_parse(mime_parser_options(), v)) != NULL) {
		if (g_mime_references_length(refs) > 0)
			r = mime_fast_display(g_mime_references_get_message_id(refs, 0));
		g_mime_references_free(refs);
	}
	free(v);
	return r;
}

static int
token_char(unsigned char c)
{
	switch (c) {
	case '(': case ')': case '<': case '>': case '@': case ',': case ';':
	case ':': case '\\': case '"': case '/': case '[': case ']': case '?':
	case '=':
		return 0;
	}
	return c > ' ' && c < 0x7f;
}

static int
token_is(const char *p, size_t n, const char *word)
{
	return strlen(word) == n && g_ascii_strncasecmp(p, word, n) == 0;
}

/*
 * multipart/mixed or any application type at the top, as the GMime path
 * guesses attachments.  GMime parses the header's value (unfolded and
 * decoded); "type/subtype" followed by nothing or parameters is read
 * here, anything else goes to its content-type parser.
 */
static int
attachments(const struct mime_fast_span *sp, unsigned *fb)
{
	GMimeContentType	*ct;
	const char		*p, *t, *st;
	size_t			 tn, stn;
	char			*v;
	int			 plain, r = -1;

	p = v = header_value(sp->p, sp->n, &plain, fb);
	for (t = p; plain && token_char((unsigned char)*p); p++)
		;
	tn = (size_t)(p - t);
	if (tn > 0 && *p == '/') {
		for (st = ++p; token_char((unsigned char)*p); p++)
			;
		stn = (size_t)(p - st);
		while (*p == ' ' || *p == '\t')
			p++;
		if (stn > 0 && (*p == '\0' || *p == ';'))
			r = (token_is(t, tn, "multipart") && token_is(st, stn, "mixed")) ||
			    token_is(t, tn, "application");
	}
	if (r == -1) {
		*fb |= MIME_FAST_CTYPE;
		r = 0;
		if ((ct = g_mime_content_type_parse(mime_parser_options(), v)) != NULL) {
			r = g_mime_content_type_is_type(ct, "multipart", "mixed") ||
			    g_mime_content_type_is_type(ct, "application", "*");
			g_object_unref(ct);
		}
	}
	free(v);
	return r;
}

static time_t
date(const struct mime_fast_span *sp, unsigned *fb)
{
	GDateTime	*dt;
	char		*v;
	time_t		 t = 0;
	int		 plain;

	v = header_value(sp->p, sp->n, &plain, fb);
	if (!plain || mime_fast_date(v, strlen(v), &t) != 0) {
		*fb |= MIME_FAST_DATE;
		t = 0;
		if ((dt = g_mime_utils_header_decode_date(v)) != NULL) {
			t = (time_t)g_date_time_to_unix(dt);
			g_date_time_unref(dt);
		}
	}
	free(v);
	return t;
}

int
mime_fast_summary(const char *hdr, size_t len, struct summary *out,
    unsigned *fb)
{
	struct fields	 f;
	const char	*end = hdr + len;

	memset(&f, 0, sizeof f);
	/* GMime reads values as C strings: a NUL cuts them where it is. */
	if (len == 0 || memchr(hdr, '\0', len) != NULL ||
	    scan(hdr, end, &f) != 0)
		goto full;
	if (mime_fast_from(f.from, f.nfrom, &out->from_name, &out->from_addr, fb) != 0)
		goto full;
	if (mime_fast_to(f.to, f.nto, &out->to, fb) != 0) {
		free(out->from_name);
		free(out->from_addr);
		out->from_name = out->from_addr = NULL;
		goto full;
	}
	if (f.one[F_SUBJECT].p != NULL)
		out->subject = mime_fast_text(f.one[F_SUBJECT].p, f.one[F_SUBJECT].n, fb);
	if (f.one[F_MSGID].p != NULL)
		out->message_id = message_id(&f.one[F_MSGID], fb);
	if (f.one[F_IRT].p != NULL)
		out->in_reply_to = in_reply_to(&f.one[F_IRT], fb);
	if (f.one[F_REFS].p != NULL)
		out->references = mime_fast_text(f.one[F_REFS].p, f.one[F_REFS].n, fb);
	if (f.one[F_DATE].p != NULL)
		out->date = date(&f.one[F_DATE], fb);
	if (f.one[F_CTYPE].p != NULL)
		out->has_attachments = attachments(&f.one[F_CTYPE], fb);
	return 0;

full:
	*fb |= MIME_FAST_BLOCK;
	return -1;
}
