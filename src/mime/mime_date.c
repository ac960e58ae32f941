/* mime_date.c - when a message arrived, from its topmost Received: field or its Date:. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "mime/mime.h"
#include "mime/mime_fast.h"
#include "util/buf.h"

/* Cap on how much header is searched: a Received: field is near the top. */
#define DATE_SCAN_MAX	(256 * 1024)

static int
parse_date(const char *s, size_t n, time_t *out)
{
	GDateTime	*dt;
	char		*v;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n == 0)
		return -1;
	if (mime_fast_date(s, n, out) == 0)
		return 0;
	v = g_strndup(s, n);
	dt = g_mime_utils_header_decode_date(v);
	g_free(v);
	if (dt == NULL)
		return -1;
	*out = (time_t)g_date_time_to_unix(dt);
	g_date_time_unref(dt);
	return *out > 0 ? 0 : -1;
}

/* The unfolded value of the field starting at p (after "Name:"); sets *next. */
static void
unfold(const char *p, const char *end, struct buf *out, const char **next)
{
	buf_truncate(out, 0);
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end;

		buf_append(out, p, (size_t)(e > p && e[-1] == '\r' ? e - 1 - p : e - p));
		p = nl != NULL ? nl + 1 : end;
		if (p >= end || (*p != ' ' && *p != '\t'))
			break;
		buf_putc(out, ' ');
	}
	*next = p;
}

int
mime_message_date(const char *msg, size_t len, time_t *out)
{
	const char	*p = msg, *end = msg + (len < DATE_SCAN_MAX ? len : DATE_SCAN_MAX);
	const char	*semi;
	struct buf	 v = BUF_INIT;
	time_t		 date = 0;
	int		 have_date = 0, rc = -1;

	while (p < end && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n')) {
		if ((size_t)(end - p) > 9 && strncasecmp(p, "Received:", 9) == 0) {
			unfold(p + 9, end, &v, &p);
			semi = strrchr(buf_cstr(&v), ';');
			if (semi != NULL && parse_date(semi + 1, strlen(semi + 1), out) == 0) {
				rc = 0;
				break;
			}
			continue;
		}
		if ((size_t)(end - p) > 5 && strncasecmp(p, "Date:", 5) == 0) {
			unfold(p + 5, end, &v, &p);
			if (!have_date && parse_date(buf_cstr(&v), v.len, &date) == 0)
				have_date = 1;
			continue;
		}
		unfold(p, end, &v, &p);
	}
	buf_free(&v);
	if (rc == 0)
		return 0;
	if (have_date) {
		*out = date;
		return 0;
	}
	return -1;
}
