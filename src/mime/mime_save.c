/* mime_save.c - writing the decoded content of one part of a message, for saving attachments. */
#include "mime/mime_private.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "util/i18n.h"

/*
 * Finds a part by its IMAP-style path, the numbering mime_render_fd() gives
 * display parts: a multipart's children are 1..n, a single-part body is 1,
 * and a number after a message/rfc822 part counts inside that message.
 */
GMimeObject *
mime_find_part(GMimeMessage *m, const char *path)
{
	GMimeObject	*o;
	GMimeMessage	*inner;
	unsigned long	 n;
	char		*end;
	int		 fresh = 1;	/* o is the body of a message just entered */

	if ((o = g_mime_message_get_mime_part(m)) == NULL)
		return NULL;
	while (*path != '\0') {
		if (*path < '1' || *path > '9')
			return NULL;
		errno = 0;
		n = strtoul(path, &end, 10);
		if (errno != 0 || n > INT_MAX || (*end != '.' && *end != '\0') ||
		    (*end == '.' && end[1] == '\0'))
			return NULL;
		path = *end == '.' ? end + 1 : end;
		if (!fresh && GMIME_IS_MESSAGE_PART(o)) {
			inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
			if (inner == NULL || (o = g_mime_message_get_mime_part(inner)) == NULL)
				return NULL;
			fresh = 1;
		}
		if (GMIME_IS_MULTIPART(o)) {
			if (n > (unsigned long)g_mime_multipart_get_count(GMIME_MULTIPART(o)))
				return NULL;
			o = g_mime_multipart_get_part(GMIME_MULTIPART(o), (int)n - 1);
		} else if (!fresh || n != 1)
			return NULL;
		fresh = 0;
	}
	return fresh ? NULL : o;
}

static ssize_t
write_part(GMimeObject *o, GMimeStream *out)
{
	GMimeDataWrapper	*dw;
	GMimeMessage		*inner;

	if (GMIME_IS_PART(o)) {
		if ((dw = g_mime_part_get_content(GMIME_PART(o))) == NULL)
			return 0;
		return g_mime_data_wrapper_write_to_stream(dw, out);	/* decodes */
	}
	if (GMIME_IS_MESSAGE_PART(o)) {
		inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		if (inner == NULL)
			return 0;
		o = GMIME_OBJECT(inner);
	}
	return g_mime_object_write_to_stream(o, NULL, out);
}

int
mime_save_part(int fd_msg, const char *part_path, int out_fd, struct bote_err *err)
{
	GMimeStream	*in, *out;
	GMimeMessage	*m;
	GMimeObject	*o;
	int		 rc = 0;

	if (part_path == NULL)
		part_path = "";
	if ((in = mime_open_stream(fd_msg, err)) == NULL)
		return -1;
	m = mime_parse_stream(in);
	g_object_unref(in);
	if (m == NULL) {
		bote_err_set(err, BOTE_ERR_PARSE, _("cannot save part '%s': not a readable message"),
		    part_path);
		return -1;
	}
	if ((o = mime_find_part(m, part_path)) == NULL) {
		bote_err_set(err, BOTE_ERR_NOTFOUND, _("cannot save part '%s': no such part"),
		    part_path);
		g_object_unref(m);
		return -1;
	}
	out = g_mime_stream_fs_new(out_fd);
	g_mime_stream_fs_set_owner(GMIME_STREAM_FS(out), FALSE);
	errno = 0;
	if (write_part(o, out) == -1 || g_mime_stream_flush(out) == -1) {
		bote_err_errno(err, errno != 0 ? errno : EIO, _("cannot save part '%s'"), part_path);
		rc = -1;
	}
	g_object_unref(out);
	g_object_unref(m);
	return rc;
}
