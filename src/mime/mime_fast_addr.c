/* mime_fast_addr.c - From: and To: in their common forms, step for step as GMime's address parser reads them. */
#include "mime/mime_private.h"

#include <string.h>

#include "mime/mime_fast.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/*
 * GMime 3's address parser (loose mode) is followed here for the forms
 * mail really uses: "Name <a@b>", "\"Last, First\" <a@b>", "<a@b>",
 * "a@b", lists of these, and its quirks with them (unquoted dots and
 * commas belong to the name, quotes are dropped, the name is trimmed).
 * A value with comments, backslashes, groups, routes, domain literals,
 * IDN domains, 8-bit bytes or anything else odd is handed to GMime's
 * parser whole, so what is done here never has to guess.
 */

struct mbox {
	const char	*name;		/* the raw phrase, quotes and all */
	size_t		 nlen;		/* 0: no name */
	const char	*addr;
	size_t		 alen;
};

static const char *
skip_lwsp(const char *p, const char *e)
{
	while (p < e && mime_fast_lwsp(*p))
		p++;
	return p;
}

/*
 * Characters that would take this value off the common path: comments
 * (GMime reads names from them), escapes, controls and 8-bit bytes.
 */
static int
plain_value(const char *p, const char *e)
{
	unsigned char	c;

	for (; p < e; p++) {
		c = (unsigned char)*p;
		if (c >= 0x7f || (c < ' ' && !mime_fast_lwsp((char)c)) ||
		    c == '(' || c == '\\')
			return 0;
	}
	return 1;
}

/*
 * One address from p (GMime's address_parse()); returns where the list
 * goes on, or NULL when GMime must read this value.
 */
static const char *
one_address(const char *p, const char *e, struct mbox *mb)
{
	const char	*start, *q;
	size_t		 length = 0;

	start = p = skip_lwsp(p, e);
	/* The phrase: words, with the dots and commas GMime lets in. */
	while (p < e) {
		if (*p == '"') {
			if ((q = memchr(p + 1, '"', (size_t)(e - p - 1))) == NULL)
				return NULL;
			p = q + 1;
		} else if (mime_fast_atext((unsigned char)*p)) {
			while (p < e && mime_fast_atext((unsigned char)*p))
				p++;
		} else
			break;
		length = (size_t)(p - start);
		while ((p = skip_lwsp(p, e)) < e && *p == '.')
			length = (size_t)(++p - start);
		if (p < e && *p == ',') {
			length = (size_t)(++p - start);
			p = skip_lwsp(p, e);
		}
	}
	p = skip_lwsp(p, e);
	if (p < e && *p == '@') {
		/* It was the local-part of a bare addr-spec: GMime reads it again. */
		if ((q = mime_fast_addr_spec(start, e)) == NULL)
			return NULL;
		mb->name = NULL;
		mb->nlen = 0;
		mb->addr = start;
		mb->alen = (size_t)(q - start);
		p = skip_lwsp(q, e);
		/* "a@b <a@b>" and a stray '>' are GMime's business. */
		if (p < e && (*p == '<' || *p == '>'))
			return NULL;
		return p;
	}
	if (p == e || *p != '<')
		return NULL;
	mb->name = start;
	mb->nlen = length;
	if (++p == e || *p == '<')
		return NULL;
	p = skip_lwsp(p, e);
	if ((q = mime_fast_addr_spec(p, e)) == NULL)
		return NULL;
	mb->addr = p;
	mb->alen = (size_t)(q - p);
	p = skip_lwsp(q, e);
	if (p == e || *p != '>' || (p + 1 < e && p[1] == '>'))
		return NULL;
	return p + 1;
}

/* After an address: blanks and any number of commas. */
static const char *
separators(const char *p, const char *e)
{
	while ((p = skip_lwsp(p, e)) < e && *p == ',')
		p++;
	return p;
}

/*
 * GMime's decode_name() for an ASCII phrase: quotes dropped, encoded
 * words decoded, blanks trimmed.  NULL for an empty name.
 */
static char *
mbox_name(const struct mbox *mb, unsigned *fb)
{
	char	*buf, *o, *r;
	gchar	*d;
	size_t	 i;

	if (mb->nlen == 0)
		return NULL;
	o = buf = xmalloc(mb->nlen + 1);
	for (i = 0; i < mb->nlen; i++) {
		if (mb->name[i] != '"')
			*o++ = mb->name[i];
	}
	*o = '\0';
	if (strstr(buf, "=?") != NULL) {
		*fb |= MIME_FAST_NAME;
		d = g_mime_utils_header_decode_phrase(mime_parser_options(), buf);
		free(buf);
		r = d != NULL ? mime_fast_display(g_strstrip(d)) : NULL;
		g_free(d);
		return r;
	}
	while (o > buf && mime_fast_lwsp(o[-1]))
		o--;
	*o = '\0';
	for (o = buf; mime_fast_lwsp(*o); o++)
		;
	r = mime_fast_display(o);
	free(buf);
	return r;
}

/*
 * GMime's parser for one field; -1 when its answer would not be the
 * message's.  A message keeps the addresses read before an unclosed
 * comment, internet_address_list_parse() drops them all; that only
 * happens with a '(' in the value, and those blocks go to the full parse.
 */
static int
gmime_list(const struct mime_fast_span *v, InternetAddressList **l)
{
	char	*raw;

	raw = xstrndup(v->p, v->n);
	*l = internet_address_list_parse(mime_parser_options(), raw);
	free(raw);
	if (*l == NULL && memchr(v->p, '(', v->n) != NULL)
		return -1;
	return 0;
}

/*
 * GMime collects the mailboxes of every From: field; the first one
 * counts.  Only the first address of a field matters, so that is all
 * that is read here.
 */
int
mime_fast_from(const struct mime_fast_span *v, size_t n, char **name,
    char **addr, unsigned *fb)
{
	InternetAddressList	*l;
	InternetAddressMailbox	*mb;
	struct mbox		 m;
	const char		*e, *p;
	size_t			 i;

	*name = *addr = NULL;
	for (i = 0; i < n; i++) {
		e = v[i].p + v[i].n;
		if ((p = skip_lwsp(v[i].p, e)) == e)
			continue;	/* an empty From: adds nothing */
		if (plain_value(p, e) && one_address(p, e, &m) != NULL) {
			*name = mbox_name(&m, fb);
			*addr = xstrndup(m.addr, m.alen);
			return 0;
		}
		*fb |= MIME_FAST_FROM;
		if (gmime_list(&v[i], &l) != 0)
			return -1;
		if ((mb = mime_first_mailbox(l)) != NULL) {
			*name = mime_fast_display(internet_address_get_name(INTERNET_ADDRESS(mb)));
			*addr = mime_fast_display(internet_address_mailbox_get_addr(mb));
		}
		if (l != NULL)
			g_object_unref(l);
		if (mb != NULL)
			return 0;
	}
	return 0;
}

/*
 * GMime's quote_string() on a name without quotes or backslashes: quoted
 * when it has a special character.
 */
static void
put_name(struct buf *b, const char *s)
{
	if (strpbrk(s, "()<>@,;:.[]") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	buf_puts(b, s);
	buf_putc(b, '"');
}

/* One To: field in GMime's formatting; -1 when GMime must do it. */
static int
to_field(const struct mime_fast_span *v, struct buf *b, unsigned *fb)
{
	struct mbox	 m;
	const char	*p, *e = v->p + v->n;
	char		*name;

	if ((p = skip_lwsp(v->p, e)) == e)
		return 0;
	if (!plain_value(p, e))
		return -1;
	while (p < e) {
		if ((p = one_address(p, e, &m)) == NULL)
			return -1;
		if (b->len > 0)
			buf_append(b, ", ", 2);
		if ((name = mbox_name(&m, fb)) != NULL) {
			/* A decoded name may hold quotes: GMime escapes those its way. */
			if (strpbrk(name, "\"\\") != NULL) {
				free(name);
				return -1;
			}
			put_name(b, name);
			buf_append(b, " <", 2);
			free(name);
		}
		buf_append(b, m.addr, m.alen);
		if (name != NULL)
			buf_putc(b, '>');
		p = separators(p, e);
	}
	return 0;
}

static int
gmime_to(const struct mime_fast_span *v, size_t n, char **to, unsigned *fb)
{
	InternetAddressList	*all, *l;
	char			*s;
	size_t			 i;

	*fb |= MIME_FAST_TO;
	all = internet_address_list_new();
	for (i = 0; i < n; i++) {
		if (gmime_list(&v[i], &l) != 0) {
			g_object_unref(all);
			return -1;
		}
		if (l != NULL) {
			internet_address_list_append(all, l);
			g_object_unref(l);
		}
	}
	if (internet_address_list_length(all) == 0)
		*to = mime_fast_text(v[0].p, v[0].n, fb);
	else {
		s = internet_address_list_to_string(all, NULL, FALSE);
		*to = mime_fast_display(s);
		g_free(s);
	}
	g_object_unref(all);
	return 0;
}

/*
 * Every To: field's addresses as one list, formatted the way GMime's
 * internet_address_list_to_string() does without encoding; when there
 * are none, the first To: field's text.
 */
int
mime_fast_to(const struct mime_fast_span *v, size_t n, char **to, unsigned *fb)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	*to = NULL;
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (to_field(&v[i], &b, fb) != 0) {
			buf_free(&b);
			return gmime_to(v, n, to, fb);
		}
	}
	if (b.len == 0) {
		buf_free(&b);
		*to = mime_fast_text(v[0].p, v[0].n, fb);
	} else
		*to = buf_steal(&b);
	return 0;
}
