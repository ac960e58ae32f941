/* session_attach.c - saving one part of a message into a directory, safely (worker thread). */
#include "worker/session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "mime/mime.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A final path component that cannot climb out of the directory or hide there. */
static int
name_ok(const char *name)
{
	return name[0] != '\0' && name[0] != '.' && strchr(name, '/') == NULL;
}

/* A new file with a random hidden name in dfd (O_EXCL, O_NOFOLLOW, 0600). */
static int
temp_in(int dfd, char *name, size_t len)
{
	unsigned	r;
	int		fd, tries;

	for (tries = 0; tries < 100; tries++) {
		if (getrandom(&r, sizeof r, 0) != sizeof r)
			r = (unsigned)getpid() ^ (unsigned)tries * 2654435761u;
		snprintf(name, len, ".bote-save-%08x", r);
		fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd != -1 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

int
session_save_part(struct session *s, const struct msgref *ref, const char *part,
    const char *dir, const char *name, int overwrite, int *exists, struct bote_err *err)
{
	char	tmp[32];
	int	dfd, mfd, out, rc = -1;

	*exists = 0;
	if (!name_ok(name)) {
		bote_err_set(err, BOTE_ERR_USAGE, _("cannot save part as '%s': not a plain file name"),
		    name);
		return -1;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		bote_err_errno(err, errno, _("cannot open directory '%s'"), dir);
		return -1;
	}
	if (overwrite)
		out = temp_in(dfd, tmp, sizeof tmp);
	else
		out = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    0600);
	if (out == -1) {
		if (!overwrite && errno == EEXIST)
			*exists = 1;
		else
			bote_err_errno(err, errno, _("cannot create file '%s' in '%s'"),
			    overwrite ? tmp : name, dir);
		close(dfd);
		return *exists ? 0 : -1;
	}
	if (session_raw(s, ref, &mfd, err) == 0) {
		rc = mime_save_part(mfd, part, out, err);
		close(mfd);
	}
	if (rc == 0 && fsync(out) != 0) {
		bote_err_errno(err, errno, _("cannot write file '%s' in '%s'"), name, dir);
		rc = -1;
	}
	if (close(out) != 0 && rc == 0) {
		bote_err_errno(err, errno, _("cannot write file '%s' in '%s'"), name, dir);
		rc = -1;
	}
	/* renameat replaces the entry itself: a symlink there is never followed. */
	if (rc == 0 && overwrite && renameat(dfd, tmp, dfd, name) != 0) {
		bote_err_errno(err, errno, _("cannot replace file '%s' in '%s'"), name, dir);
		rc = -1;
	}
	if (rc != 0)
		unlinkat(dfd, overwrite ? tmp : name, 0);
	else
		fsync(dfd);
	close(dfd);
	return rc;
}
