/* url_extract.c - links in plain text: schemes, boundaries, trailing punctuation, duplicates. */
#include "attach/url.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xmalloc.h"

static const char *const schemes[] = { "https://", "http://", "ftp://", "mailto:" };

/* Length of the scheme at s, or 0. */
static size_t
scheme_at(const char *s, size_t left)
{
	size_t	i, n;

	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		n = strlen(schemes[i]);
		if (left >= n && strncasecmp(s, schemes[i], n) == 0)
			return n;
	}
	return 0;
}

/* Where a link ends: white space, controls (C1 too), and the usual delimiters. */
static int
stops(const unsigned char *p, size_t left)
{
	return p[0] <= 0x20 || p[0] == 0x7f || p[0] == '<' || p[0] == '>' || p[0] == '"' ||
	    p[0] == '`' || (p[0] == 0xc2 && left > 1 && p[1] >= 0x80 && p[1] <= 0x9f);
}

static int
word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '-' || c == '.' || c == '+';
}

/* Drops trailing punctuation and closing brackets that have no opening one inside. */
static size_t
trim_end(const char *u, size_t len, size_t min)
{
	size_t	i, open;
	char	c, o;

	while (len > min) {
		c = u[len - 1];
		if (strchr(".,;:!?'*", c) != NULL) {
			len--;
			continue;
		}
		if (c == ')' || c == ']' || c == '}') {
			o = c == ')' ? '(' : c == ']' ? '[' : '{';
			for (i = 0, open = 0; i < len; i++)
				open += u[i] == o ? 1 : u[i] == c ? (size_t)-1 : 0;
			if (open != 0) {	/* more closing than opening */
				len--;
				continue;
			}
		}
		break;
	}
	return len;
}

static void
add(struct url_list *l, const char *u, size_t len)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == len && memcmp(l->v[i], u, len) == 0)
			return;
	if (l->n >= URL_MAX_COUNT)
		return;
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrndup(u, len);
}

void
url_extract(struct url_list *l, const char *text, size_t len)
{
	size_t	i = 0, s, end;

	while (i < len) {
		if ((i > 0 && word_char((unsigned char)text[i - 1])) ||
		    (s = scheme_at(text + i, len - i)) == 0) {
			i++;
			continue;
		}
		for (end = i + s; end < len && !stops((const unsigned char *)text + end, len - end);
		    end++)
			;
		end = i + trim_end(text + i, end - i, s);
		if (end > i + s && end - i <= URL_MAX_LEN)
			add(l, text + i, end - i);
		i = end > i + s ? end : i + s;
	}
}

void
url_list_free(struct url_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int
url_ok(const char *url)
{
	const unsigned char	*p;

	if (scheme_at(url, strlen(url)) == 0)
		return 0;
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return 0;	/* C0, DEL, C1 */
	return 1;
}
