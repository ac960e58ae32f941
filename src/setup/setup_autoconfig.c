/*
 * setup_autoconfig.c - the incoming servers of an autoconfig file
 * (config-v1.1.xml, the format of Thunderbird's ISPDB and of providers'
 * autoconfig.DOMAIN hosts).
 *
 * Only the few elements the wizard needs are read, by a small scanner
 * rather than an XML library: the file comes from the network, and
 * anything that does not look exactly as expected is ignored, never
 * guessed at.  What is taken is checked (a host name, a port, a known
 * socket type) before it reaches the wizard.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "setup/setup.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define VALUE_MAX	255

/* The incomingServer being read. */
struct incoming {
	int		 depth;		/* element depth inside it; 0 = not inside one */
	char		 type[8];	/* "imap", "pop3" or "" for others */
	char		 field[16];	/* the child element whose text is collected */
	struct buf	 text;
	char		 host[VALUE_MAX + 1];
	char		 port[8];
	char		 socket[16];
	char		 user[VALUE_MAX + 1];
};

/* Decode the five predefined entities and numeric ASCII ones; -1 for others. */
static int
unescape(const char *s, size_t len, char *out, size_t outlen)
{
	size_t	i, o = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '&') {
			static const struct { const char *name; char c; } ent[] = {
				{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
				{ "quot;", '"' }, { "apos;", '\'' },
			};
			size_t k;

			for (k = 0; k < sizeof ent / sizeof ent[0]; k++)
				if (len - i - 1 >= strlen(ent[k].name) &&
				    strncmp(s + i + 1, ent[k].name, strlen(ent[k].name)) == 0)
					break;
			if (k == sizeof ent / sizeof ent[0])
				return -1;
			c = ent[k].c;
			i += strlen(ent[k].name);
		}
		if (o + 1 >= outlen)
			return -1;
		out[o++] = c;
	}
	out[o] = '\0';
	/* Values are single tokens: trim the layout around them. */
	while (o > 0 && strchr(" \t\r\n", out[o - 1]) != NULL)
		out[--o] = '\0';
	for (i = 0; out[i] != '\0' && strchr(" \t\r\n", out[i]) != NULL; i++)
		;
	memmove(out, out + i, o - i + 1);
	return 0;
}

/* The value of attribute name inside a start tag's text, or "" . */
static void
attribute(const char *tag, size_t len, const char *name, char *out, size_t outlen)
{
	size_t	nl = strlen(name), i;

	out[0] = '\0';
	for (i = 0; i + nl + 2 < len; i++) {
		const char	*v, *end;

		if ((i > 0 && tag[i - 1] != ' ' && tag[i - 1] != '\t' && tag[i - 1] != '\n') ||
		    strncmp(tag + i, name, nl) != 0 || tag[i + nl] != '=' ||
		    (tag[i + nl + 1] != '"' && tag[i + nl + 1] != '\''))
			continue;
		v = tag + i + nl + 2;
		if ((end = memchr(v, tag[i + nl + 1], len - (size_t)(v - tag))) == NULL)
			return;
		if (unescape(v, (size_t)(end - v), out, outlen) == -1)
			out[0] = '\0';
		return;
	}
}

static char *
expand_user(const char *tmpl, const char *email)
{
	const char	*at = strrchr(email, '@');
	struct buf	 b = BUF_INIT;
	const char	*p;

	if (at == NULL)
		return NULL;
	for (p = tmpl; *p != '\0'; p++) {
		if (strncmp(p, "%EMAILADDRESS%", 14) == 0) {
			buf_puts(&b, email);
			p += 13;
		} else if (strncmp(p, "%EMAILLOCALPART%", 16) == 0) {
			buf_append(&b, email, (size_t)(at - email));
			p += 15;
		} else if (strncmp(p, "%EMAILDOMAIN%", 13) == 0) {
			buf_puts(&b, at + 1);
			p += 12;
		} else if (*p == '%' || (unsigned char)*p < 0x20 || *p == 0x7f) {
			/* A placeholder bote cannot fill, or a control byte. */
			buf_free(&b);
			return NULL;
		} else
			buf_putc(&b, *p);
	}
	return buf_steal(&b);
}

/* An incomingServer ended: take it if it is complete, sane and the first of its type. */
static int
take(struct incoming *in, const char *email, struct setup_guess *g)
{
	struct setup_server	*s;
	char			*end;
	unsigned long		 port;

	if (strcmp(in->type, "imap") == 0)
		s = &g->imap;
	else if (strcmp(in->type, "pop3") == 0)
		s = &g->pop3;
	else
		return 0;
	if (s->host != NULL || !setup_host_ok(in->host))
		return 0;
	port = strtoul(in->port, &end, 10);
	if (in->port[0] < '0' || in->port[0] > '9' || *end != '\0' || port == 0 || port > 65535)
		return 0;
	if (strcasecmp(in->socket, "SSL") == 0 || strcasecmp(in->socket, "TLS") == 0)
		s->tls = ACCOUNT_TLS_IMPLICIT;
	else if (strcasecmp(in->socket, "STARTTLS") == 0)
		s->tls = ACCOUNT_TLS_STARTTLS;
	else
		return 0;	/* "plain": bote does not offer an unencrypted login */
	s->host = xstrdup(in->host);
	s->port = (uint16_t)port;
	s->src = SETUP_SRC_AUTOCONFIG;
	if (g->user == NULL && in->user[0] != '\0')
		g->user = expand_user(in->user, email);
	return 1;
}

static void
field_done(struct incoming *in)
{
	char	*dst = NULL;
	size_t	 len = 0;

	if (strcmp(in->field, "hostname") == 0)
		dst = in->host, len = sizeof in->host;
	else if (strcmp(in->field, "port") == 0)
		dst = in->port, len = sizeof in->port;
	else if (strcmp(in->field, "socketType") == 0)
		dst = in->socket, len = sizeof in->socket;
	else if (strcmp(in->field, "username") == 0)
		dst = in->user, len = sizeof in->user;
	if (dst != NULL && unescape(buf_cstr(&in->text), in->text.len, dst, len) == -1)
		dst[0] = '\0';
	in->field[0] = '\0';
	buf_truncate(&in->text, 0);
}

/* One tag (the text between < and >); returns 1 when a server was taken. */
static int
tag(struct incoming *in, const char *t, size_t len, const char *email, struct setup_guess *g)
{
	int	 closing = len > 0 && t[0] == '/';
	int	 empty = len > 0 && t[len - 1] == '/';
	size_t	 nl;
	const char *name = t + closing;

	for (nl = 0; nl < len - (size_t)closing && strchr(" \t\r\n/", name[nl]) == NULL; nl++)
		;
	if (in->depth == 0) {
		if (!closing && nl == 14 && strncmp(name, "incomingServer", 14) == 0 && !empty) {
			memset(in->host, 0, sizeof in->host);
			in->port[0] = in->socket[0] = in->user[0] = in->field[0] = '\0';
			attribute(t, len, "type", in->type, sizeof in->type);
			in->depth = 1;
		}
		return 0;
	}
	if (closing) {
		if (--in->depth == 0)
			return take(in, email, g);
		if (in->depth == 1)
			field_done(in);
		return 0;
	}
	if (empty)
		return 0;
	if (++in->depth == 2 && nl < sizeof in->field) {
		memcpy(in->field, name, nl);
		in->field[nl] = '\0';
		buf_truncate(&in->text, 0);
	} else if (in->depth > 2) {
		/* Markup inside a value: not the format bote knows, so the value is dropped. */
		in->field[0] = '\0';
		buf_truncate(&in->text, 0);
	}
	return 0;
}

int
setup_autoconfig_parse(const char *xml, size_t len, const char *email, struct setup_guess *g)
{
	struct incoming	 in;
	const char	*p = xml, *end = xml + len, *gt;
	int		 found = 0;

	memset(&in, 0, sizeof in);
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));

		if (lt == NULL)
			lt = end;
		/* Text between tags belongs to the field being read, if any. */
		if (in.depth == 2 && in.field[0] != '\0' && in.text.len + (size_t)(lt - p) <= VALUE_MAX)
			buf_append(&in.text, p, (size_t)(lt - p));
		else if (in.depth == 2 && in.field[0] != '\0')
			in.field[0] = '\0';	/* too long for any value bote takes */
		if (lt == end)
			break;
		if ((size_t)(end - lt) >= 4 && strncmp(lt, "<!--", 4) == 0) {
			const char *c = memmem(lt + 4, (size_t)(end - lt - 4), "-->", 3);

			if (c == NULL)
				break;
			p = c + 3;
			continue;
		}
		if ((gt = memchr(lt, '>', (size_t)(end - lt))) == NULL)
			break;
		if (lt[1] != '?' && lt[1] != '!')
			found += tag(&in, lt + 1, (size_t)(gt - lt - 1), email, g);
		p = gt + 1;
	}
	buf_free(&in.text);
	return found;
}
