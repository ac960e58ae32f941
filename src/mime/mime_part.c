/* mime_part.c - one part on its own: its type and parameters, its text, a viewer's output as text. */
#include "mime/mime_private.h"

#include <stdlib.h>
#include <string.h>

#include "mime/html_text.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Parses the message on fd and finds the part; *m is to be unreffed by the caller. */
static GMimeObject *
open_part(int fd, const char *path, GMimeMessage **m, struct bote_err *err)
{
	GMimeStream	*in;
	GMimeObject	*o;

	if ((in = mime_open_stream(fd, err)) == NULL)
		return NULL;
	*m = mime_parse_stream(in);
	g_object_unref(in);
	if (*m == NULL) {
		bote_err_set(err, BOTE_ERR_PARSE, _("cannot open part '%s': not a readable message"),
		    path);
		return NULL;
	}
	if ((o = mime_find_part(*m, path)) == NULL) {
		bote_err_set(err, BOTE_ERR_NOTFOUND, _("cannot open part '%s': no such part"),
		    path);
		g_object_unref(*m);
		*m = NULL;
	}
	return o;
}

int
mime_part_info(int fd, const char *path, char **type, char ***params, struct bote_err *err)
{
	GMimeMessage		*m;
	GMimeObject		*o;
	GMimeContentType	*ct;
	GMimeParamList		*pl;
	GMimeParam		*p;
	char			**v, *mt;
	int			 i, n;

	*type = NULL;
	*params = NULL;
	if ((o = open_part(fd, path, &m, err)) == NULL)
		return -1;
	ct = g_mime_object_get_content_type(o);
	if (ct != NULL && (mt = g_mime_content_type_get_mime_type(ct)) != NULL) {
		*type = mime_utf8_line(mt);
		g_free(mt);
		for (i = 0; (*type)[i] != '\0'; i++)
			(*type)[i] = (char)g_ascii_tolower((*type)[i]);
	} else
		*type = xstrdup("application/octet-stream");
	pl = ct != NULL ? g_mime_content_type_get_parameters(ct) : NULL;
	n = pl != NULL ? g_mime_param_list_length(pl) : 0;
	if (n > 32)
		n = 32;
	v = xcalloc((size_t)n * 2 + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		p = g_mime_param_list_get_parameter_at(pl, i);
		v[2 * i] = mime_utf8_line(g_mime_param_get_name(p));
		v[2 * i + 1] = mime_utf8_line(g_mime_param_get_value(p));
		if (v[2 * i] == NULL)
			v[2 * i] = xstrdup("");
		if (v[2 * i + 1] == NULL)
			v[2 * i + 1] = xstrdup("");
	}
	*params = v;
	g_object_unref(m);
	return 0;
}

int
mime_part_show(int fd, const char *path, const struct render_opts *opts, struct display *d,
    struct bote_err *err)
{
	GMimeMessage	*m;
	GMimeObject	*o;
	struct mime_out	 out = { d, 0, 0 };
	struct buf	 b = BUF_INIT;
	char		*text, *conv = NULL;
	size_t		 len;
	int		 cut, fcut;

	if ((o = open_part(fd, path, &m, err)) == NULL)
		return -1;
	if (!GMIME_IS_PART(o) || !g_mime_content_type_is_type(g_mime_object_get_content_type(o),
	    "text", "*")) {
		bote_err_set(err, BOTE_ERR_UNSUPPORTED, _("cannot show part '%s': not text"),
		    path);
		g_object_unref(m);
		return -1;
	}
	text = mime_text_decode(GMIME_PART(o), MIME_MAX_TEXT, &len, &cut);
	if (g_mime_content_type_is_type(g_mime_object_get_content_type(o), "text", "html")) {
		if (opts != NULL && opts->html_filter != NULL &&
		    mime_filter_run(opts->html_filter, text, len, MIME_MAX_TEXT, &b, &fcut,
		    NULL) == 0)
			conv = mime_utf8(buf_cstr(&b), b.len);
		else
			conv = html_to_text(text, len);
		buf_free(&b);
		free(text);
		text = conv;
		len = strlen(text);
	}
	mime_out_text(&out, text, len, 0, 0);
	if (cut)
		mime_out_truncate(&out);
	free(text);
	g_object_unref(m);
	return 0;
}

int
mime_command_output(const char *const *argv, const char *in, size_t inlen,
    struct display *d, struct bote_err *err)
{
	struct mime_out	 out = { d, 0, 0 };
	struct buf	 b = BUF_INIT;
	char		*text;
	int		 cut;

	if (mime_filter_run(argv, in, inlen, MIME_MAX_TEXT, &b, &cut, err) != 0) {
		buf_free(&b);
		return -1;
	}
	text = mime_utf8(buf_cstr(&b), b.len);
	buf_free(&b);
	mime_out_text(&out, text, strlen(text), 0, 0);
	if (cut)
		mime_out_truncate(&out);
	free(text);
	return 0;
}
