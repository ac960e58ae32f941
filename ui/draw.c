/* draw.c - the only place where message and server text meets curses. */
#include "draw.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "util/sanitize.h"
#include "util/xmalloc.h"

/* Draw already-sanitized UTF-8 bytes [s, s+len) as wide characters. */
static void
put_utf8(int y, int x, const char *s, size_t len, int attr)
{
	wchar_t		*w = xreallocarray(NULL, len + 1, sizeof *w);
	mbstate_t	 st;
	const char	*p = s;
	size_t		 n, i = 0, r;

	memset(&st, 0, sizeof st);
	for (n = 0; n < len; n += r) {
		r = mbrtowc(&w[i], p + n, len - n, &st);
		if (r == 0 || r == (size_t)-1 || r == (size_t)-2)
			break;	/* cannot happen on sanitized text; stop rather than guess */
		i++;
	}
	w[i] = L'\0';
	attron(attr);
	mvaddnwstr(y, x, w, (int)i);
	attroff(attr);
	free(w);
}

int
draw_text(int y, int x, const char *s, int maxcols, int attr)
{
	char	*clean;
	size_t	 fit;
	int	 used = 0;

	if (maxcols <= 0 || s == NULL)
		return 0;
	clean = sanitize(s, strlen(s), SAN_MULTILINE);
	/* A multiline sanitize keeps '\n'; a screen row must not. */
	for (char *p = clean; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	fit = utf8_fit(clean, maxcols, &used);
	put_utf8(y, x, clean, fit, attr);
	free(clean);
	return used;
}

void
draw_fill(int y, int x, int cols, int attr)
{
	if (cols <= 0)
		return;
	attron(attr);
	mvhline(y, x, ' ', cols);
	attroff(attr);
}

void
draw_row(int y, int x, const char *s, int cols, int attr)
{
	int	used = draw_text(y, x, s, cols, attr);

	draw_fill(y, x + used, cols - used, attr);
}

static const char *
find_ci(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

int
draw_contains(const char *s, const char *needle)
{
	char	*clean;
	int	 found;

	if (needle == NULL || needle[0] == '\0' || s == NULL)
		return 0;
	clean = sanitize(s, strlen(s), SAN_MULTILINE);
	found = find_ci(clean, needle) != NULL;
	free(clean);
	return found;
}

void
draw_row_matches(int y, int x, const char *s, int cols, int attr, const char *needle,
    int match_attr)
{
	char		*clean, *seg;
	const char	*p, *m;
	int		 used = 0, w;
	size_t		 nlen;

	if (needle == NULL || needle[0] == '\0' || !draw_contains(s, needle)) {
		draw_row(y, x, s, cols, attr);
		return;
	}
	clean = sanitize(s, strlen(s), SAN_MULTILINE);
	nlen = strlen(needle);
	for (p = clean; *p != '\0' && used < cols; p = m + nlen) {
		m = find_ci(p, needle);
		if (m == NULL)
			m = p + strlen(p);
		seg = xstrndup(p, (size_t)(m - p));
		used += draw_text(y, x + used, seg, cols - used, attr);
		free(seg);
		if (*m == '\0')
			break;
		seg = xstrndup(m, nlen);
		w = draw_text(y, x + used, seg, cols - used, match_attr);
		used += w;
		free(seg);
	}
	free(clean);
	draw_fill(y, x + used, cols - used, attr);
}
