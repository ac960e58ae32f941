/* mime_render.c - a whole message into the display model the pager paints. */
#include "mime/mime_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mime/html_text.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define READ_CHUNK	65536

struct render {
	struct mime_out			 out;
	const struct render_opts	*opts;
	size_t				 walked;	/* MIME objects visited */
	unsigned			 too_many : 1;	/* said so once */
};

static void	render_object(struct render *, GMimeObject *, const char *, int, int *, int);

/* IMAP section numbering: "2" under the top, "2.1" under "2". */
static char *
child_path(const char *parent, int i)
{
	if (*parent == '\0')
		return xasprintf("%d", i);
	return xasprintf("%s.%d", parent, i);
}

static int
path_depth(const char *path)
{
	int	n = 0;

	for (; *path != '\0'; path++)
		n += *path == '.';
	return n;
}

static void
format_size(uint64_t n, char *buf, size_t len)
{
	if (n < 1024)
		snprintf(buf, len, "%llu B", (unsigned long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, "%llu KB", (unsigned long long)((n + 512) / 1024));
	else if (n < 1024ULL * 1024 * 1024)
		snprintf(buf, len, "%.1f MB", (double)n / (1024 * 1024));
	else
		snprintf(buf, len, "%.1f GB", (double)n / (1024 * 1024 * 1024));
}

/* "Sat, 21 Nov 2026 14:05 +0100" in local time; -1 if it cannot be shown. */
static int
format_date(GDateTime *dt, char *buf, size_t len)
{
	struct tm	tm;
	time_t		t = (time_t)g_date_time_to_unix(dt);
	size_t		n;
	int		k;

	if (localtime_r(&t, &tm) == NULL)
		return -1;
	if ((n = strftime(buf, len, "%a, ", &tm)) == 0)
		return -1;
	k = snprintf(buf + n, len - n, "%d", tm.tm_mday);	/* no leading zero */
	if (k < 0 || (size_t)k >= len - n)
		return -1;
	n += (size_t)k;
	return strftime(buf + n, len - n, " %b %Y %H:%M %z", &tm) == 0 ? -1 : 0;
}

static void
header_line(struct render *r, const char *name, const char *value)
{
	char	*n, *v, *line;

	if (value == NULL)
		return;
	n = mime_utf8_line(name);	/* all-headers mode shows names from the message */
	v = mime_utf8_line(value);
	line = xasprintf("%s: %s", n, v);
	mime_out_line(&r->out, LINE_HEADER, line, strlen(line), (unsigned)strlen(n) + 1);
	free(line);
	free(v);
	free(n);
}

static void
address_header(struct render *r, GMimeMessage *m, GMimeAddressType type, const char *name)
{
	InternetAddressList	*l;
	const char		*raw;
	char			*s;

	if ((raw = g_mime_object_get_header(GMIME_OBJECT(m), name)) == NULL)
		return;
	l = g_mime_message_get_addresses(m, type);
	if (l == NULL || internet_address_list_length(l) == 0) {
		header_line(r, name, raw);
		return;
	}
	s = internet_address_list_to_string(l, NULL, FALSE);
	header_line(r, name, s != NULL ? s : raw);
	g_free(s);
}

static void
date_header(struct render *r, GMimeMessage *m)
{
	const char	*raw;
	GDateTime	*dt;
	char		 buf[128];

	if ((raw = g_mime_object_get_header(GMIME_OBJECT(m), "Date")) == NULL)
		return;
	if ((dt = g_mime_message_get_date(m)) != NULL && format_date(dt, buf, sizeof buf) == 0)
		header_line(r, "Date", buf);
	else
		header_line(r, "Date", raw);
}

static void
all_headers(struct render *r, GMimeObject *o)
{
	GMimeHeaderList	*l;
	GMimeHeader	*h;
	int		 i, n;

	if ((l = g_mime_object_get_header_list(o)) == NULL)
		return;
	n = g_mime_header_list_get_count(l);
	for (i = 0; i < n; i++) {
		h = g_mime_header_list_get_header_at(l, i);
		header_line(r, g_mime_header_get_name(h), g_mime_header_get_value(h));
	}
}

static void
render_headers(struct render *r, GMimeMessage *m, int all)
{
	GMimeObject	*body;

	if (all) {
		all_headers(r, GMIME_OBJECT(m));
		/* GMime files the Content-* fields under the body part. */
		if ((body = g_mime_message_get_mime_part(m)) != NULL)
			all_headers(r, body);
		return;
	}
	address_header(r, m, GMIME_ADDRESS_TYPE_FROM, "From");
	address_header(r, m, GMIME_ADDRESS_TYPE_TO, "To");
	address_header(r, m, GMIME_ADDRESS_TYPE_CC, "Cc");
	date_header(r, m);
	header_line(r, "Subject", g_mime_message_get_subject(m));
}

/* Decoded size: exact when we decoded it, else guessed from the encoded size. */
static uint64_t
part_size(GMimePart *part)
{
	GMimeDataWrapper	*dw;
	GMimeStream		*s;
	gint64			 len;

	if ((dw = g_mime_part_get_content(part)) == NULL ||
	    (s = g_mime_data_wrapper_get_stream(dw)) == NULL ||
	    (len = g_mime_stream_length(s)) <= 0)
		return 0;
	switch (g_mime_data_wrapper_get_encoding(dw)) {
	case GMIME_CONTENT_ENCODING_BASE64:
	case GMIME_CONTENT_ENCODING_UUENCODE:
		return (uint64_t)len / 4 * 3;
	default:
		return (uint64_t)len;
	}
}

static void
add_part(struct render *r, GMimeObject *o, const char *path, uint64_t size, int attachment)
{
	struct display_part	 p;
	const char		*name;
	char			*type;

	memset(&p, 0, sizeof p);
	type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(o));
	if (GMIME_IS_PART(o))
		name = g_mime_part_get_filename(GMIME_PART(o));
	else
		name = g_mime_object_get_content_disposition_parameter(o, "filename");
	p.path = (char *)path;
	p.mime_type = mime_utf8_line(type);
	p.filename = name != NULL && *name != '\0' ? mime_utf8_line(name) : NULL;
	p.size = size;
	p.depth = path_depth(path);
	p.is_attachment = attachment != 0;
	display_add_part(r->out.d, &p);
	free(p.mime_type);
	free(p.filename);
	g_free(type);
}

static int
param_is(GMimeObject *o, const char *name, const char *value)
{
	const char	*v = g_mime_object_get_content_type_parameter(o, name);

	return v != NULL && g_ascii_strcasecmp(v, value) == 0;
}

/* HTML to text with the user's filter, or ours when there is none or it fails. */
static char *
html_convert(struct render *r, const char *html, size_t len)
{
	struct bote_err	 err;
	struct buf	 b = BUF_INIT;
	char		*note, *s;
	int		 cut;

	if (r->opts->html_filter == NULL)
		return html_to_text(html, len);
	if (mime_filter_run(r->opts->html_filter, html, len, MIME_MAX_TEXT - r->out.used, &b,
	    &cut, &err) == 0) {
		s = mime_utf8(buf_cstr(&b), b.len);
		buf_free(&b);
		return s;
	}
	buf_free(&b);
	note = xasprintf(_("[-- %s; using the built-in converter --]"), err.msg);
	mime_out_note(&r->out, note);
	free(note);
	return html_to_text(html, len);
}

/* Shows a text part; returns its decoded size. */
static uint64_t
render_text(struct render *r, GMimePart *part, const char *path, const char *type,
    int *ntext)
{
	GMimeObject	*o = GMIME_OBJECT(part);
	char		*text, *conv, *note;
	size_t		 len;
	int		 cut, html;

	html = g_mime_content_type_is_type(g_mime_object_get_content_type(o), "text", "html");
	text = mime_text_decode(part, MIME_MAX_TEXT - r->out.used, &len, &cut);
	if ((*ntext)++ > 0) {
		note = xasprintf(_("[-- part %s: %s --]"), path, type);
		mime_out_note(&r->out, note);
		free(note);
	}
	if (html) {
		conv = html_convert(r, text, len);
		mime_out_text(&r->out, conv, strlen(conv), 0, 0);
		free(conv);
	} else
		mime_out_text(&r->out, text, len, param_is(o, "format", "flowed"),
		    param_is(o, "delsp", "yes"));
	free(text);
	if (cut) {
		mime_out_truncate(&r->out);
		return part_size(part);
	}
	return len;
}

static void
render_leaf(struct render *r, GMimePart *part, const char *path, int *ntext, int list_only)
{
	GMimeObject	*o = GMIME_OBJECT(part);
	char		*type;
	int		 attach;
	uint64_t	 size;

	attach = g_mime_part_is_attachment(part);
	if (list_only) {
		add_part(r, o, path, part_size(part), attach);
		return;
	}
	if (!attach && !r->out.truncated &&
	    g_mime_content_type_is_type(g_mime_object_get_content_type(o), "text", "*")) {
		type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(o));
		size = render_text(r, part, path, type, ntext);
		g_free(type);
		add_part(r, o, path, size, 0);
		return;
	}
	add_part(r, o, path, part_size(part), 1);
}

static int
is_plain_body(GMimeObject *o)
{
	return GMIME_IS_PART(o) && !g_mime_part_is_attachment(GMIME_PART(o)) &&
	    g_mime_content_type_is_type(g_mime_object_get_content_type(o), "text", "plain");
}

/* text/plain if there is one; else the richest (last) html or multipart; else the last. */
static int
best_alternative(GMimeMultipart *mp)
{
	GMimeObject	*c;
	int		 i, n = g_mime_multipart_get_count(mp);

	for (i = 0; i < n; i++) {
		if (is_plain_body(g_mime_multipart_get_part(mp, i)))
			return i;
	}
	for (i = n - 1; i >= 0; i--) {
		c = g_mime_multipart_get_part(mp, i);
		if (GMIME_IS_MULTIPART(c) || g_mime_content_type_is_type(
		    g_mime_object_get_content_type(c), "text", "html"))
			return i;
	}
	return n - 1;
}

static void
render_multipart(struct render *r, GMimeMultipart *mp, const char *path, int depth,
    int *ntext, int list_only)
{
	GMimeObject	*o = GMIME_OBJECT(mp);
	char		*cpath;
	int		 i, n, best = -1;

	n = g_mime_multipart_get_count(mp);
	if (!list_only && g_mime_content_type_is_type(g_mime_object_get_content_type(o),
	    "multipart", "alternative"))
		best = best_alternative(mp);
	for (i = 0; i < n && !r->too_many; i++) {
		cpath = child_path(path, i + 1);
		/* The alternatives not shown are still listed, for the attachment view. */
		render_object(r, g_mime_multipart_get_part(mp, i), cpath, depth + 1, ntext,
		    list_only || (best != -1 && i != best));
		free(cpath);
	}
}

static void	render_message(struct render *, GMimeMessage *, const char *, int);

static void
render_message_part(struct render *r, GMimeMessagePart *mp, const char *path, int depth,
    int *ntext, int list_only)
{
	GMimeMessage	*inner = g_mime_message_part_get_message(mp);

	add_part(r, GMIME_OBJECT(mp), path, 0, 0);	/* shown inline, not an attachment */
	if (list_only)
		return;
	mime_out_line(&r->out, LINE_BODY, "", 0, 0);
	mime_out_note(&r->out, _("[-- forwarded message --]"));
	if (inner == NULL)
		mime_out_note(&r->out, _("[-- the forwarded message is empty --]"));
	else
		render_message(r, inner, path, depth + 1);
	mime_out_note(&r->out, _("[-- end of forwarded message --]"));
	(*ntext)++;
}

static void
render_object(struct render *r, GMimeObject *o, const char *path, int depth, int *ntext,
    int list_only)
{
	if (r->walked++ >= MIME_MAX_PARTS) {
		if (!r->too_many)
			mime_out_note(&r->out,
			    _("[-- too many parts, the rest is not shown --]"));
		r->too_many = 1;
		return;
	}
	if (depth > MIME_MAX_DEPTH) {
		if (!list_only)
			mime_out_note(&r->out, _("[-- part nested too deeply, not shown --]"));
		return;
	}
	if (GMIME_IS_MULTIPART(o))
		render_multipart(r, GMIME_MULTIPART(o), path, depth, ntext, list_only);
	else if (GMIME_IS_MESSAGE_PART(o))
		render_message_part(r, GMIME_MESSAGE_PART(o), path, depth, ntext, list_only);
	else if (GMIME_IS_PART(o))
		render_leaf(r, GMIME_PART(o), path, ntext, list_only);
}

/* Header block, empty line, body; 'prefix' is the path of the message ("" at the top). */
static void
render_message(struct render *r, GMimeMessage *m, const char *prefix, int depth)
{
	GMimeObject	*body;
	char		*path;
	int		 ntext = 0;

	render_headers(r, m, depth == 0 && r->opts->show_all_headers);
	mime_out_line(&r->out, LINE_BODY, "", 0, 0);
	if ((body = g_mime_message_get_mime_part(m)) == NULL)
		return;
	/* A multipart body shares its message's number; a single part is "1" under it. */
	path = GMIME_IS_MULTIPART(body) ? xstrdup(prefix) : child_path(prefix, 1);
	render_object(r, body, path, depth, &ntext, 0);
	free(path);
}

static void
attachment_list(struct render *r)
{
	struct display		*d = r->out.d;
	struct display_part	*p;
	size_t			 i, n = 0;
	char			 size[32], *line;

	for (i = 0; i < d->nparts; i++)
		n += d->parts[i].is_attachment;
	if (n == 0)
		return;
	display_add_line(d, LINE_BODY, "", 0, 0);
	mime_out_note(&r->out, _("[-- attachments --]"));
	for (i = 0; i < d->nparts; i++) {
		p = &d->parts[i];
		if (!p->is_attachment)
			continue;
		format_size(p->size, size, sizeof size);
		if (p->filename != NULL)
			line = xasprintf("[%s] %s  %s  %s", p->path, p->filename, p->mime_type,
			    size);
		else
			line = xasprintf("[%s] %s  %s", p->path, p->mime_type, size);
		mime_out_attachment(&r->out, line);
		free(line);
	}
}

/* What GMime cannot parse is still the user's mail: show the bytes. */
static int
render_raw(struct render *r, GMimeStream *s, struct bote_err *err)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[READ_CHUNK], *text;
	ssize_t		 n;

	if (g_mime_stream_reset(s) == -1) {
		bote_err_errno(err, errno, "%s", _("cannot read message"));
		return -1;
	}
	while (b.len <= MIME_MAX_TEXT) {
		if ((n = g_mime_stream_read(s, chunk, sizeof chunk)) == -1) {
			bote_err_errno(err, errno, "%s", _("cannot read message"));
			buf_free(&b);
			return -1;
		}
		if (n == 0)
			break;
		buf_append(&b, chunk, (size_t)n);
	}
	if (b.len == 0) {
		mime_out_note(&r->out, _("[-- empty message --]"));
		return 0;
	}
	mime_out_note(&r->out, _("[-- not a readable message, shown as raw text --]"));
	text = mime_utf8(b.data, b.len > MIME_MAX_TEXT ? MIME_MAX_TEXT : b.len);
	mime_out_text(&r->out, text, strlen(text), 0, 0);
	if (b.len > MIME_MAX_TEXT)
		mime_out_truncate(&r->out);
	free(text);
	buf_free(&b);
	return 0;
}

int
mime_render_fd(int fd, const struct render_opts *opts, struct display *out,
    struct bote_err *err)
{
	static const struct render_opts	 defaults;
	struct render			 r;
	GMimeStream			*s;
	GMimeMessage			*m;
	int				 rc = 0;

	memset(&r, 0, sizeof r);
	r.out.d = out;
	r.opts = opts != NULL ? opts : &defaults;
	if ((s = mime_open_stream(fd, err)) == NULL)
		return -1;
	if ((m = mime_parse_stream(s)) == NULL)
		rc = render_raw(&r, s, err);
	else {
		render_message(&r, m, "", 0);
		attachment_list(&r);
		free(out->subject);
		out->subject = mime_utf8_line(g_mime_message_get_subject(m));
		g_object_unref(m);
	}
	g_object_unref(s);
	return rc;
}

int
mime_render_file(const char *path, const struct render_opts *opts, struct display *out,
    struct bote_err *err)
{
	int	fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		bote_err_errno(err, errno, _("cannot open message '%s'"), path);
		return -1;
	}
	rc = mime_render_fd(fd, opts, out, err);
	close(fd);
	return rc;
}
