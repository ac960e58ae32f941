/* worker_save.c - save-to-file on the worker: messages into a new .eml or mbox file, never through a symlink. */
#include "worker/worker_save.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mbox.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * The file to write: a new one (O_EXCL, so an existing file or a symlink
 * is refused), or for an overwrite the user confirmed a temporary file
 * beside it that replaces it only once complete.
 */
static int
open_target(const char *path, int overwrite, char **tmp, struct bote_err *err)
{
	char	*copy, *dir;
	int	 fd;

	*tmp = NULL;
	if (!overwrite) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd == -1 && errno == EEXIST)
			bote_err_set(err, BOTE_ERR_LOCAL, _("cannot save to '%s': %s"), path,
			    _("the file exists"));
		else if (fd == -1)
			bote_err_errno(err, errno, _("cannot save to '%s'"), path);
		return fd;
	}
	copy = xstrdup(path);
	dir = dirname(copy);
	*tmp = xasprintf("%s/.bote-save-XXXXXX", dir);
	free(copy);
	if ((fd = mkostemp(*tmp, O_CLOEXEC)) == -1) {
		bote_err_errno(err, errno, _("cannot save to '%s'"), path);
		free(*tmp);
		*tmp = NULL;
	}
	return fd;
}

static int
write_all(struct session *s, const struct request *r, int out, struct bote_err *err)
{
	const struct summary	*row;
	size_t			 i;
	int			 in, rc = 0;

	for (i = 0; i < r->nrefs && rc == 0; i++) {
		if (session_raw(s, &r->refs[i], &in, err) != 0)
			return -1;
		row = i < r->rows.n ? &r->rows.v[i] : NULL;
		if (r->set & SAVE_MBOX)
			rc = mbox_write_message(out, in, row ? row->from_addr : NULL,
			    row && row->date ? row->date : time(NULL), err);
		else
			rc = mbox_copy_raw(out, in, err);
		close(in);
	}
	return rc;
}

int
worker_save_file(struct session *s, const struct request *r, struct bote_err *err)
{
	char	*tmp;
	int	 fd, rc;

	if ((fd = open_target(r->dst, (r->set & SAVE_OVERWRITE) != 0, &tmp, err)) == -1)
		return -1;
	rc = write_all(s, r, fd, err);
	if (rc == 0 && fsync(fd) != 0) {
		bote_err_errno(err, errno, _("cannot save to '%s'"), r->dst);
		rc = -1;
	}
	if (close(fd) != 0 && rc == 0) {
		bote_err_errno(err, errno, _("cannot save to '%s'"), r->dst);
		rc = -1;
	}
	if (rc == 0 && tmp != NULL && rename(tmp, r->dst) != 0) {
		bote_err_errno(err, errno, _("cannot save to '%s'"), r->dst);
		rc = -1;
	}
	/* A half-written file is ours (O_EXCL or the temporary): remove it. */
	if (rc != 0)
		unlink(tmp != NULL ? tmp : r->dst);
	free(tmp);
	return rc;
}
