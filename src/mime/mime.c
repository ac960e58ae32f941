/* mime.c - GMime set-up, per-thread parser options and UTF-8 helpers for src/mime/. */
#include "mime/mime_private.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

#define READ_CHUNK	65536

static void
options_free(gpointer p)
{
	g_mime_parser_options_free(p);
}

/*
 * GMimeParserOptions are not locked, so each thread gets its own, made on
 * first use and freed when the thread exits (the main thread's by
 * mime_shutdown()).
 */
static GPrivate options_key = G_PRIVATE_INIT(options_free);

void
mime_init(void)
{
	g_mime_init();
}

void
mime_shutdown(void)
{
	g_private_replace(&options_key, NULL);
	mime_charsets_unpin();
	g_mime_shutdown();
}

GMimeParserOptions *
mime_parser_options(void)
{
	static const char	*fallback[] = { "utf-8", "windows-1252", NULL };
	GMimeParserOptions	*o;

	if ((o = g_private_get(&options_key)) != NULL)
		return o;
	/* A thread's first decode: make the converters it will need stay loaded. */
	mime_charsets_pin();
	o = g_mime_parser_options_new();
	g_mime_parser_options_set_rfc2047_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(o, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_fallback_charsets(o, fallback);
	g_private_set(&options_key, o);
	return o;
}

GMimeMessage *
mime_parse_stream(GMimeStream *s)
{
	GMimeParser	*p;
	GMimeMessage	*m;

	p = g_mime_parser_new_with_stream(s);
	g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
	m = g_mime_parser_construct_message(p, mime_parser_options());
	g_object_unref(p);
	return m;
}

GMimeStream *
mime_open_stream(int fd, struct bote_err *err)
{
	GMimeStream	*s;
	GByteArray	*ba;
	guint8		 chunk[READ_CHUNK];
	ssize_t		 n;

	if (lseek(fd, 0, SEEK_CUR) != -1) {
		s = g_mime_stream_fs_new(fd);
		g_mime_stream_fs_set_owner(GMIME_STREAM_FS(s), FALSE);
		return s;
	}
	/* A pipe: GMime could cope, but showing it raw needs a second look. */
	ba = g_byte_array_new();
	for (;;) {
		if ((n = read(fd, chunk, sizeof chunk)) == -1) {
			if (errno == EINTR)
				continue;
			bote_err_errno(err, errno, "%s", _("cannot read message"));
			g_byte_array_unref(ba);
			return NULL;
		}
		if (n == 0)
			break;
		g_byte_array_append(ba, chunk, (guint)n);
	}
	return g_mime_stream_mem_new_with_byte_array(ba);
}

char *
mime_utf8(const char *s, size_t len)
{
	gchar	*g;
	char	*r;

	/* g_utf8_validate() with a length refuses NULs, so they get replaced too. */
	if (g_utf8_validate(s, (gssize)len, NULL))
		return xstrndup(s, len);
	g = g_utf8_make_valid(s, (gssize)len);
	r = xstrdup(g);
	g_free(g);
	return r;
}

char *
mime_utf8_line(const char *s)
{
	char	*r, *p;

	if (s == NULL)
		return NULL;
	r = mime_utf8(s, strlen(s));
	for (p = r; *p != '\0'; p++) {
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	}
	return r;
}
