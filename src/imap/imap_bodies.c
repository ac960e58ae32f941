/*
 * imap_bodies.c - message bodies kept on disk, so that reading a message
 * again, or offline, needs no network: CACHE/bodies/FOLDERHASH-UIDVALIDITY/UID,
 * files 0600 in directories 0700, the least recently read removed first
 * once the total passes body_cache_size (512 MiB by default).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "imap/imap_private.h"
#include "util/xmalloc.h"

#define BODY_CACHE_DEFAULT ((uint64_t)512 << 20)	/* body_cache_size when not set */

/* Bytes kept for all folders of the account; eviction goes down to 80 % of it. */
static uint64_t
cache_max(const struct drv *d)
{
	return d->acct->body_cache_size != 0 ? d->acct->body_cache_size : BODY_CACHE_DEFAULT;
}

/* The first part of a folder's directory names: FNV-1a of its name, stable on disk. */
static unsigned long long
folder_hash(const char *folder)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *folder != '\0'; folder++)
		h = (h ^ (unsigned char)*folder) * 1099511628211ULL;
	return (unsigned long long)h;
}

/* The directory of the selected folder's bodies (owned), or NULL. */
static char *
folder_dir(struct drv *d)
{
	if (d->folder == NULL || d->cache_dir == NULL)
		return NULL;
	return xasprintf("%s/bodies/%016llx-%u", d->cache_dir, folder_hash(d->folder),
	    d->uidvalidity);
}

/* mkdir -p with mode 0700 for what it creates; an existing part must be a directory of ours. */
static int
make_dirs(const char *path)
{
	char		*tmp = xstrdup(path), *p;
	struct stat	 st;
	int		 rc = 0;

	for (p = tmp + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(tmp, 0700) == -1 && errno != EEXIST)
			rc = -1;
		*p = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && (lstat(path, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 077) != 0))
		rc = -1;
	free(tmp);
	return rc;
}

int
imap_bodies_open(struct drv *d, uint32_t uid)
{
	char		*dir, *path;
	struct stat	 st;
	int		 fd;

	if (imap_cache_handle(d) == NULL || (dir = folder_dir(d)) == NULL)
		return -1;
	path = xasprintf("%s/%u", dir, uid);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	free(dir);
	if (fd == -1)
		return -1;
	/* Only a file of ours that nobody else could have written. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077) != 0 || st.st_size == 0) {
		close(fd);
		return -1;
	}
	/* Its time is its last use: eviction removes the oldest first. */
	futimens(fd, NULL);
	return fd;
}

struct victim {
	char		*path;
	time_t		 mtime;
	uint64_t	 size;
};

static int
cmp_victim(const void *a, const void *b)
{
	time_t	x = ((const struct victim *)a)->mtime, y = ((const struct victim *)b)->mtime;

	return x < y ? -1 : x > y;
}

/* Every cached body: CACHE/bodies/DIR/FILE, two levels, nothing followed. */
static uint64_t
scan(const char *root, struct victim **out, size_t *nout)
{
	DIR		*top, *sub;
	struct dirent	*e, *f;
	struct stat	 st;
	struct victim	*v = NULL;
	size_t		 n = 0, cap = 0;
	uint64_t	 total = 0;
	char		*dir, *path;

	if ((top = opendir(root)) == NULL) {
		*out = NULL;
		*nout = 0;
		return 0;
	}
	while ((e = readdir(top)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		dir = xasprintf("%s/%s", root, e->d_name);
		if ((sub = opendir(dir)) != NULL) {
			while ((f = readdir(sub)) != NULL) {
				if (f->d_name[0] == '.')
					continue;
				path = xasprintf("%s/%s", dir, f->d_name);
				if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode)) {
					free(path);
					continue;
				}
				if (n == cap) {
					cap = cap ? cap * 2 : 256;
					v = xreallocarray(v, cap, sizeof *v);
				}
				v[n].path = path;
				v[n].mtime = st.st_mtime;
				v[n].size = (uint64_t)st.st_size;
				total += v[n].size;
				n++;
			}
			closedir(sub);
		}
		free(dir);
	}
	closedir(top);
	*out = v;
	*nout = n;
	return total;
}

/* Over the cap: remove the least recently used bodies down to 80 % of it. */
static void
evict(struct drv *d)
{
	struct victim	*v;
	size_t		 n, i;
	char		*root = xasprintf("%s/bodies", d->cache_dir);

	d->bodies_used = scan(root, &v, &n);
	d->bodies_known = 1;
	if (d->bodies_used > cache_max(d)) {
		qsort(v, n, sizeof *v, cmp_victim);
		for (i = 0; i < n && d->bodies_used > cache_max(d) / 10 * 8; i++)
			if (unlink(v[i].path) == 0)
				d->bodies_used -= v[i].size;
	}
	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
	free(root);
}

/* A copy of fd's size bytes into a new file at path; 0 or -1 (nothing left behind). */
static int
copy_to(int fd, const char *dir, const char *path, uint64_t size)
{
	char	 buf[65536], *tmp = xasprintf("%s/.tmp-XXXXXX", dir);
	ssize_t	 r, w;
	off_t	 off = 0;
	int	 out, rc = -1;

	if ((out = mkostemp(tmp, O_CLOEXEC)) == -1) {
		free(tmp);
		return -1;
	}
	while ((uint64_t)off < size && (r = pread(fd, buf, sizeof buf, off)) > 0) {
		for (w = 0; w < r;) {
			ssize_t k = write(out, buf + w, (size_t)(r - w));

			if (k <= 0)
				goto done;
			w += k;
		}
		off += r;
	}
	if ((uint64_t)off == size && rename(tmp, path) == 0)
		rc = 0;
done:
	close(out);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

void
imap_bodies_keep(struct drv *d, uint32_t uid, int fd, uint64_t size)
{
	char	*dir, *path, proc[64];

	if (size == 0 || size > cache_max(d) / 4 || imap_cache_handle(d) == NULL ||
	    (dir = folder_dir(d)) == NULL)
		return;
	if (make_dirs(dir) == 0) {
		path = xasprintf("%s/%u", dir, uid);
		/* The unlinked file gets a name when it is on the same file system, else a copy. */
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 ||
		    errno == EEXIST || copy_to(fd, dir, path, size) == 0) {
			if (!d->bodies_known || (d->bodies_used += size) > cache_max(d))
				evict(d);
		}
		free(path);
	}
	free(dir);
}

/* Remove root/name and the files in it, following no link. */
static void
remove_dir(int rootfd, const char *name)
{
	struct dirent	*e;
	DIR		*dir;
	int		 fd;

	if ((fd = openat(rootfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return;
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((e = readdir(dir)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			(void)unlinkat(fd, e->d_name, 0);
	closedir(dir);
	(void)unlinkat(rootfd, name, AT_REMOVEDIR);
}

void
imap_bodies_forget(struct drv *d, const char *folder, uint32_t keep)
{
	struct dirent	*e;
	DIR		*top;
	char		 prefix[32], *root, *end;
	unsigned long	 epoch;

	if (d->cache_dir == NULL || folder == NULL)
		return;
	root = xasprintf("%s/bodies", d->cache_dir);
	top = opendir(root);
	free(root);
	if (top == NULL)
		return;
	snprintf(prefix, sizeof prefix, "%016llx-", folder_hash(folder));
	while ((e = readdir(top)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		epoch = strtoul(e->d_name + strlen(prefix), &end, 10);
		if (keep == 0 || *end != '\0' || epoch != keep)
			remove_dir(dirfd(top), e->d_name);
	}
	closedir(top);
	d->bodies_known = 0;	/* the next body kept counts the cache again */
}
