/* attach_name.c - turning an attachment's untrusted name into one safe file name. */
#include "attach/attach.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/sanitize.h"
#include "util/xmalloc.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD, what sanitize() puts for a control */

static const struct {
	const char	*type;
	const char	*ext;
} exts[] = {
	{ "application/pdf", ".pdf" },
	{ "application/zip", ".zip" },
	{ "application/gzip", ".gz" },
	{ "application/json", ".json" },
	{ "application/msword", ".doc" },
	{ "application/vnd.oasis.opendocument.text", ".odt" },
	{ "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx" },
	{ "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx" },
	{ "application/pgp-signature", ".asc" },
	{ "application/pgp-keys", ".asc" },
	{ "message/rfc822", ".eml" },
	{ "text/plain", ".txt" },
	{ "text/html", ".html" },
	{ "text/calendar", ".ics" },
	{ "text/csv", ".csv" },
	{ "text/x-patch", ".patch" },
	{ "text/x-diff", ".diff" },
	{ "image/png", ".png" },
	{ "image/jpeg", ".jpg" },
	{ "image/gif", ".gif" },
	{ "image/webp", ".webp" },
	{ "image/svg+xml", ".svg" },
	{ "audio/mpeg", ".mp3" },
	{ "audio/ogg", ".ogg" },
	{ "video/mp4", ".mp4" },
};

const char *
attach_type_ext(const char *mime_type)
{
	size_t	i;

	if (mime_type == NULL)
		return ".bin";
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (strcasecmp(exts[i].type, mime_type) == 0)
			return exts[i].ext;
	if (strncasecmp(mime_type, "text/", 5) == 0)
		return ".txt";
	return ".bin";
}

/* Bytes of the UTF-8 character starting at s (valid UTF-8 assumed). */
static size_t
char_len(const unsigned char *s)
{
	if (*s < 0xc0)
		return 1;
	if (*s < 0xe0)
		return 2;
	if (*s < 0xf0)
		return 3;
	return 4;
}

/* Cut s to at most max bytes at a character boundary, keeping a short extension. */
static void
bound(char *s, size_t max)
{
	size_t	 len = strlen(s), keep = 0, cut = 0, n;
	char	*dot = strrchr(s, '.');

	if (len <= max)
		return;
	if (dot != NULL && dot != s && strlen(dot) <= 16)
		keep = strlen(dot);
	while (s[cut] != '\0') {
		n = char_len((const unsigned char *)s + cut);
		if (cut + n > max - keep)
			break;
		cut += n;
	}
	memmove(s + cut, s + len - keep, keep + 1);
}

char *
attach_name_safe(const char *name, const char *mime_type)
{
	const char	*base, *p;
	char		*clean, *out;
	size_t		 start, end, i, o;

	if (name == NULL)
		name = "";
	base = name;
	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	/* Controls become U+FFFD, invisible and bidi characters go. */
	clean = sanitize(base, strlen(base), 0);
	/* A replaced control reads better as '_' in a file name. */
	for (i = 0, o = 0; clean[i] != '\0'; ) {
		if (strncmp(clean + i, REPLACEMENT, 3) == 0) {
			clean[o++] = '_';
			i += 3;
		} else
			clean[o++] = clean[i++];
	}
	clean[o] = '\0';
	start = 0;
	while (clean[start] == '.' || clean[start] == '-' || clean[start] == ' ' ||
	    clean[start] == '~')
		start++;
	end = strlen(clean);
	while (end > start && (clean[end - 1] == '.' || clean[end - 1] == ' '))
		end--;
	if (end == start) {
		free(clean);
		return xasprintf("attachment%s", attach_type_ext(mime_type));
	}
	out = xstrndup(clean + start, end - start);
	free(clean);
	bound(out, ATTACH_NAME_MAX);
	return out;
}
