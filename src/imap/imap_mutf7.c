/* imap_mutf7.c - folder names between UTF-8 and IMAP's modified UTF-7, by glibc's "UTF-7-IMAP" iconv. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "imap/imap.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* One pass of iconv into out; -1 on an invalid or incomplete sequence. */
static int
pump(iconv_t cd, char **ip, size_t *il, struct buf *out)
{
	char	chunk[256], *op;
	size_t	ol, r;

	do {
		op = chunk;
		ol = sizeof chunk;
		r = iconv(cd, ip, il, &op, &ol);
		buf_append(out, chunk, sizeof chunk - ol);
	} while (r == (size_t)-1 && errno == E2BIG);
	return r == (size_t)-1 ? -1 : 0;
}

static char *
convert(const char *to, const char *from, const char *in)
{
	iconv_t		 cd;
	struct buf	 out = BUF_INIT;
	char		*ip = (char *)in;
	size_t		 il = strlen(in);
	int		 rc;

	if ((cd = iconv_open(to, from)) == (iconv_t)-1)
		return NULL;
	/* The second call ends a base64 run that the input left open. */
	rc = pump(cd, &ip, &il, &out);
	if (rc == 0)
		rc = pump(cd, NULL, NULL, &out);
	iconv_close(cd);
	if (rc != 0 || memchr(buf_cstr(&out), '\0', out.len) != NULL) {
		buf_free(&out);
		return NULL;
	}
	return out.data != NULL ? buf_steal(&out) : xstrdup("");
}

char *
imap_mutf7_decode(const char *name)
{
	const char	*p;

	/* Plain ASCII without '&' is its own encoding: skip iconv for most names. */
	if (strchr(name, '&') == NULL) {
		for (p = name; *p != '\0'; p++)
			if ((unsigned char)*p >= 0x80)
				return NULL;
		return xstrdup(name);
	}
	/* glibc accepts a shift left open at the end; RFC 3501 does not. */
	for (p = strchr(name, '&'); p != NULL; p = strchr(p + 1, '&'))
		if ((p = strchr(p, '-')) == NULL)
			return NULL;
	return convert("UTF-8", "UTF-7-IMAP", name);
}

char *
imap_mutf7_encode(const char *name)
{
	return convert("UTF-7-IMAP", "UTF-8", name);
}
