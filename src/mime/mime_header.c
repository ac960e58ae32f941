/* mime_header.c - reading just the header block of a message, for the index. */
#include "mime/mime.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"

#define READ_CHUNK	8192

/*
 * Looks for the empty line that ends the header in p[0..len), resuming at
 * *scan (where the previous call gave up).  Returns the header length
 * including the empty line, or 0 when more bytes are needed.
 */
static size_t
header_end(const char *p, size_t len, size_t *scan)
{
	const char	*nl;
	size_t		 i;

	if (*scan == 0) {	/* no header at all: the message starts with its body */
		if (len >= 1 && p[0] == '\n')
			return 1;
		if (len >= 2 && p[0] == '\r' && p[1] == '\n')
			return 2;
		if (len < 2 && (len == 0 || p[0] == '\r'))
			return 0;
	}
	for (i = *scan; i < len; i = (size_t)(nl - p) + 1) {
		if ((nl = memchr(p + i, '\n', len - i)) == NULL)
			break;
		i = (size_t)(nl - p);
		if (i + 1 < len && p[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && p[i + 1] == '\r' && p[i + 2] == '\n')
			return i + 3;
		if (i + 1 >= len || (i + 2 >= len && p[i + 1] == '\r')) {
			*scan = i;	/* undecided until the next read */
			return 0;
		}
	}
	*scan = len;
	return 0;
}

int
mime_read_header(int fd, struct buf *out, size_t max, struct bote_err *err)
{
	char	 chunk[READ_CHUNK];
	size_t	 start = out->len, scan = 0, end, want;
	off_t	 origin;
	ssize_t	 n;

	origin = lseek(fd, 0, SEEK_CUR);
	while (out->len - start < max) {
		want = max - (out->len - start);
		if (want > sizeof chunk)
			want = sizeof chunk;
		if ((n = read(fd, chunk, want)) == -1) {
			if (errno == EINTR)
				continue;
			bote_err_errno(err, errno, "%s", _("cannot read message header"));
			return -1;
		}
		if (n == 0)
			break;
		buf_append(out, chunk, (size_t)n);
		if ((end = header_end(out->data + start, out->len - start, &scan)) != 0) {
			buf_truncate(out, start + end);
			break;
		}
	}
	/* Leave a seekable fd where the body starts, for callers that go on reading. */
	if (origin != -1)
		(void)lseek(fd, origin + (off_t)(out->len - start), SEEK_SET);
	return 0;
}
