/* maildir_file.c - the tmp/ -> fsync -> rename discipline that keeps mail safe on disk. */
#include "maildir/maildir_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "maildir/maildir_name.h"
#include "util/xmalloc.h"

int
maildir_file_sync_dir(const char *dir, struct bote_err *err)
{
	int	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd == -1) {
		bote_err_errno(err, errno, "cannot open directory '%s'", dir);
		return -1;
	}
	if (fsync(fd) != 0) {
		bote_err_errno(err, errno, "cannot sync directory '%s'", dir);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int
copy_fd(int in, int out, const char *what, struct bote_err *err)
{
	char	buf[65536];
	ssize_t	n, w, off;

	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			bote_err_errno(err, errno, "cannot read '%s'", what);
			return -1;
		}
		for (off = 0; off < n; off += w) {
			w = write(out, buf + off, (size_t)(n - off));
			if (w < 0) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				bote_err_errno(err, errno, "cannot write copy of '%s'", what);
				return -1;
			}
		}
	}
	return 0;
}

int
maildir_file_deliver(int in, const char *what, const char *dst_dir, const char *letters,
    int to_new, time_t mtime, char **name_out, struct bote_err *err)
{
	char		*unique = maildir_name_new_unique();
	char		*tmp = xasprintf("%s/tmp/%s", dst_dir, unique);
	char		*name = to_new ? xstrdup(unique) : xasprintf("%s:2,%s", unique, letters);
	char		*final = xasprintf("%s/%s/%s", dst_dir, to_new ? "new" : "cur", name);
	char		*subdir = xasprintf("%s/%s", dst_dir, to_new ? "new" : "cur");
	struct timespec	 times[2];
	int		 out = -1, rc = -1;

	if ((out = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1) {
		bote_err_errno(err, errno, "cannot create '%s'", tmp);
		goto out;
	}
	if (copy_fd(in, out, what, err) != 0)
		goto fail;
	/* The file time is the received date to Dovecot and mutt. */
	if (mtime > 0) {
		times[0].tv_sec = times[1].tv_sec = mtime;
		times[0].tv_nsec = times[1].tv_nsec = 0;
		(void)futimens(out, times);
	}
	if (fsync(out) != 0) {
		bote_err_errno(err, errno, "cannot sync '%s'", tmp);
		goto fail;
	}
	if (close(out) != 0) {
		out = -1;
		bote_err_errno(err, errno, "cannot write '%s'", tmp);
		goto fail;
	}
	out = -1;
	/* link() refuses to replace an existing file, unlike rename(). */
	if (link(tmp, final) != 0) {
		bote_err_errno(err, errno, "cannot deliver '%s'", final);
		goto fail;
	}
	unlink(tmp);
	if (maildir_file_sync_dir(subdir, err) != 0)
		goto out;
	if (name_out != NULL) {
		*name_out = name;
		name = NULL;
	}
	rc = 0;
	goto out;
fail:
	unlink(tmp);
out:
	if (out != -1)
		close(out);
	free(unique);
	free(tmp);
	free(name);
	free(final);
	free(subdir);
	return rc;
}

int
maildir_file_copy(const char *src, const char *dst_dir, const char *letters, int to_new,
    char **name_out, struct bote_err *err)
{
	int	in, rc;

	if ((in = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		bote_err_errno(err, errno, "cannot open message '%s'", src);
		return -1;
	}
	rc = maildir_file_deliver(in, src, dst_dir, letters, to_new, 0, name_out, err);
	close(in);
	return rc;
}

int
maildir_file_rename_noreplace(int fromdir, const char *from, int todir, const char *to)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(fromdir, from, todir, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	if (linkat(fromdir, from, todir, to, 0) != 0)
		return -1;
	return unlinkat(fromdir, from, 0);
}

int
maildir_file_move(const char *src_dir, const char *sub, const char *name,
    const char *dst_dir, char **name_out, struct bote_err *err)
{
	char	*from = xasprintf("%s/%s/%s", src_dir, sub, name);
	char	*dname = xstrdup(name), *to = NULL, *unique, *dsub, *ssub;
	int	 rc = -1, tries;

	for (tries = 0; tries < 3; tries++) {
		free(to);
		to = xasprintf("%s/%s/%s", dst_dir, sub, dname);
		if (maildir_file_rename_noreplace(AT_FDCWD, from, AT_FDCWD, to) == 0) {
			rc = 0;
			break;
		}
		if (errno == EEXIST) {
			/* Same unique name in the destination: give ours a new one. */
			unique = maildir_name_new_unique();
			free(dname);
			dname = strcmp(maildir_name_letters(name), "") == 0 &&
			    strchr(name, ':') == NULL ? xstrdup(unique) :
			    xasprintf("%s:2,%s", unique, maildir_name_letters(name));
			free(unique);
			continue;
		}
		if (errno == EXDEV) {
			char *newname = NULL;

			if (maildir_file_copy(from, dst_dir, maildir_name_letters(name),
			    strcmp(sub, "new") == 0, &newname, err) != 0)
				goto out;
			free(dname);
			dname = newname;
			if (unlink(from) != 0) {
				bote_err_errno(err, errno, "copied but cannot remove '%s'", from);
				goto out;
			}
			rc = 0;
			break;
		}
		bote_err_errno(err, errno, "cannot move '%s' to '%s'", from, dst_dir);
		goto out;
	}
	if (rc != 0) {
		bote_err_set(err, BOTE_ERR_LOCAL, "cannot move '%s': name clash", from);
		goto out;
	}
	dsub = xasprintf("%s/%s", dst_dir, sub);
	ssub = xasprintf("%s/%s", src_dir, sub);
	rc = maildir_file_sync_dir(dsub, err);
	if (rc == 0)
		rc = maildir_file_sync_dir(ssub, err);
	free(dsub);
	free(ssub);
	if (rc == 0 && name_out != NULL) {
		*name_out = dname;
		dname = NULL;
	}
out:
	free(from);
	free(to);
	free(dname);
	return rc;
}
