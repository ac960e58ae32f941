/* pop3_spool.c - durable delivery of fetched messages into the spool Maildir. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "maildir/maildir_file.h"
#include "pop3/pop3_spool.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
make_dir(const char *path, struct bote_err *err)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	bote_err_errno(err, errno, _("spool: cannot create '%s'"), path);
	return -1;
}

/* mkdir -p for the spool root. */
static int
make_path(const char *root, struct bote_err *err)
{
	char	*p = xstrdup(root), *s;
	int	 rc = 0;

	for (s = p + 1; *s != '\0' && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		rc = make_dir(p, err);
		*s = '/';
	}
	if (rc == 0)
		rc = make_dir(p, err);
	free(p);
	return rc;
}

int
pop3_spool_open(const char *root, struct pop3_spool *sp, struct bote_err *err)
{
	static const char	*subs[] = { "tmp", "new", "cur" };
	int			*fds[] = { &sp->tmp_fd, &sp->new_fd, &sp->cur_fd };
	char			*path;
	size_t			 i;

	memset(sp, 0, sizeof *sp);
	sp->tmp_fd = sp->new_fd = sp->cur_fd = -1;
	sp->root = xstrdup(root);
	if (make_path(root, err) == -1)
		goto fail;
	for (i = 0; i < 3; i++) {
		path = xasprintf("%s/%s", root, subs[i]);
		if (make_dir(path, err) == -1) {
			free(path);
			goto fail;
		}
		*fds[i] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (*fds[i] == -1) {
			bote_err_errno(err, errno, _("spool: cannot open '%s'"), path);
			free(path);
			goto fail;
		}
		free(path);
	}
	return 0;
fail:
	pop3_spool_close(sp);
	return -1;
}

/* Whether the directory open as fd holds an entry other than . and .. */
static int
dir_has_entry(int fd)
{
	struct dirent	*de;
	DIR		*d;
	int		 dup_fd, found = 0;

	if ((dup_fd = dup(fd)) == -1)
		return 0;
	if ((d = fdopendir(dup_fd)) == NULL) {
		close(dup_fd);
		return 0;
	}
	rewinddir(d);
	while (!found && (de = readdir(d)) != NULL)
		found = strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	closedir(d);
	return found;
}

int
pop3_spool_has_mail(struct pop3_spool *sp)
{
	return dir_has_entry(sp->new_fd) || dir_has_entry(sp->cur_fd);
}

void
pop3_spool_close(struct pop3_spool *sp)
{
	if (sp->tmp_fd != -1)
		close(sp->tmp_fd);
	if (sp->new_fd != -1)
		close(sp->new_fd);
	if (sp->cur_fd != -1)
		close(sp->cur_fd);
	free(sp->root);
	memset(sp, 0, sizeof *sp);
	sp->tmp_fd = sp->new_fd = sp->cur_fd = -1;
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copy with every CRLF turned into LF, in one buffer-sized write at a time. */
static int
write_lf(int fd, const char *data, size_t len, uint64_t *written)
{
	char	buf[65536];
	size_t	i, n = 0;

	*written = 0;
	for (i = 0; i < len; i++) {
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			continue;
		buf[n++] = data[i];
		if (n == sizeof buf) {
			if (write_all(fd, buf, n) == -1)
				return -1;
			*written += n;
			n = 0;
		}
	}
	if (n > 0 && write_all(fd, buf, n) == -1)
		return -1;
	*written += n;
	return 0;
}

int
pop3_spool_write(struct pop3_spool *sp, const char *name, const char *data, size_t len,
    int *fdp, uint64_t *written, struct bote_err *err)
{
	int	fd, e;

	fd = openat(sp->tmp_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		bote_err_errno(err, errno, _("spool '%s': cannot create tmp/%s"), sp->root, name);
		return -1;
	}
	if (write_lf(fd, data, len, written) == -1) {
		e = errno;
		close(fd);
		unlinkat(sp->tmp_fd, name, 0);
		bote_err_errno(err, e, _("spool '%s': cannot write a message"), sp->root);
		return -1;
	}
	/* Start write-back now: the batch's syncfs then finds the data on its way. */
	(void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	*fdp = fd;
	return 0;
}

/*
 * One syncfs() for the whole batch instead of an fsync() per file: the
 * kernel writes every file's data and metadata in one journal commit, and
 * since Linux 5.8 it reports a write-back error of any of them.  On a
 * busy shared disk this flushes other programs' data too; that costs time,
 * never safety.
 */
int
pop3_spool_sync(struct pop3_spool *sp, const int *fds, size_t n, struct bote_err *err)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < n; i++) {
		if (fds[i] == -1)
			continue;
		if (close(fds[i]) == -1 && rc == 0) {
			bote_err_errno(err, errno, _("spool '%s': cannot write a message"),
			    sp->root);
			rc = -1;
		}
	}
	if (rc == 0 && syncfs(sp->tmp_fd) == -1) {
		bote_err_errno(err, errno, _("spool '%s': cannot sync the messages to disk"),
		    sp->root);
		rc = -1;
	}
	return rc;
}

int
pop3_spool_publish(struct pop3_spool *sp, const char *name, struct bote_err *err)
{
	if (maildir_file_rename_noreplace(sp->tmp_fd, name, sp->new_fd, name) == -1) {
		bote_err_errno(err, errno, _("spool '%s': cannot move tmp/%s into new/"),
		    sp->root, name);
		return -1;
	}
	return 0;
}

int
pop3_spool_sync_new(struct pop3_spool *sp, struct bote_err *err)
{
	if (fsync(sp->new_fd) == -1) {
		bote_err_errno(err, errno, _("spool '%s': cannot sync new/"), sp->root);
		return -1;
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * One pass over cur/ for all of names (a reader that saw a message has
 * renamed it to NAME:2,FLAGS): found[i] is set for each present.  A
 * killed batch leaves at most a batch of names to look for, and cur/ may
 * hold 100,000 files, so it is one readdir, not one per name.
 */
static void
find_in_cur(struct pop3_spool *sp, char *const *names, size_t n, char **found)
{
	char		**sorted, *key, **hit;
	struct dirent	*de;
	size_t		  i, ulen;
	DIR		 *d;
	int		  fd;

	if (n == 0 || (fd = dup(sp->cur_fd)) == -1)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	sorted = xreallocarray(NULL, n, sizeof *sorted);
	memcpy(sorted, names, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_str);
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		ulen = strcspn(de->d_name, ":");
		key = xstrndup(de->d_name, ulen);
		hit = bsearch(&key, sorted, n, sizeof *sorted, cmp_str);
		free(key);
		if (hit == NULL)
			continue;
		for (i = 0; i < n; i++)
			if (names[i] == *hit && found[i] == NULL)
				found[i] = xasprintf("cur/%s", de->d_name);
	}
	closedir(d);
	free(sorted);
}

void
pop3_spool_where(struct pop3_spool *sp, char *const *names, size_t n,
    enum pop3_spool_where *where, char **paths)
{
	struct stat	 st;
	char		**rest = xreallocarray(NULL, n + 1, sizeof *rest);
	char		**found = xcalloc(n + 1, sizeof *found);
	size_t		 i, k = 0, *idx = xreallocarray(NULL, n + 1, sizeof *idx);

	for (i = 0; i < n; i++) {
		paths[i] = NULL;
		if (fstatat(sp->tmp_fd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0)
			where[i] = POP3_SPOOL_TMP;
		else if (fstatat(sp->new_fd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0) {
			where[i] = POP3_SPOOL_PUBLISHED;
			paths[i] = xasprintf("new/%s", names[i]);
		} else {
			where[i] = POP3_SPOOL_ABSENT;
			idx[k] = i;
			rest[k++] = names[i];
		}
	}
	find_in_cur(sp, rest, k, found);
	for (i = 0; i < k; i++) {
		if (found[i] != NULL) {
			where[idx[i]] = POP3_SPOOL_PUBLISHED;
			paths[idx[i]] = found[i];
		}
	}
	free(rest);
	free(idx);
	free(found);
}

ssize_t
pop3_spool_read_head(struct pop3_spool *sp, const char *path, char *buf, size_t len)
{
	char	*full = xasprintf("%s/%s", sp->root, path);
	ssize_t	 n;
	int	 fd;

	fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(full);
	if (fd == -1)
		return -1;
	n = read(fd, buf, len);
	close(fd);
	return n;
}

void
pop3_spool_unlink_tmp(struct pop3_spool *sp, const char *name)
{
	(void)unlinkat(sp->tmp_fd, name, 0);
}
