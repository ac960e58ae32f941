/* demo_build.c - writes the demo mailbox as a Maildir++ tree and removes it. */
#include "demo/demo.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo/demo_messages.h"
#include "util/err.h"
#include "util/xmalloc.h"

#ifndef nitems
#define nitems(a)	(sizeof (a) / sizeof (a)[0])
#endif

/* The INBOX is the root; ".Listen" is only the parent of a nested folder. */
static const char *const demo_folders[] = {
	".Sent", ".Drafts", ".Trash", ".Archive", ".Listen", ".Listen.bote-dev",
	".Familie",
};

static const char *const demo_subdirs[] = { "cur", "new", "tmp" };

struct demo_ctx {
	const char	*root;		/* borrowed, for messages */
	int		 rootfd;
	unsigned	 index;		/* of the next message, from 1 */
	struct bote_err	*err;
};

static int	demo_remove_contents(int, const char *, struct bote_err *);

/* "cur" for the INBOX, ".Sent/cur" for a subfolder; owned by the caller. */
static char *
demo_build_path(const char *folder, const char *sub, const char *file)
{
	return xasprintf("%s%s%s%s%s", folder, *folder != '\0' ? "/" : "",
	    sub, file != NULL ? "/" : "", file != NULL ? file : "");
}

/* Dovecot and Courier mark Maildir++ subfolders with an empty file. */
static int
demo_build_marker(struct demo_ctx *ctx, const char *folder)
{
	char	*path;
	int	 fd;

	path = xasprintf("%s/maildirfolder", folder);
	fd = openat(ctx->rootfd, path,
	    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1) {
		bote_err_errno(ctx->err, errno, "create '%s/%s'", ctx->root,
		    path);
		free(path);
		return -1;
	}
	close(fd);
	free(path);
	return 0;
}

static int
demo_build_folder(struct demo_ctx *ctx, const char *folder)
{
	char	*path;
	size_t	 i;

	if (*folder != '\0' && mkdirat(ctx->rootfd, folder, 0700) == -1) {
		bote_err_errno(ctx->err, errno, "create demo folder '%s/%s'",
		    ctx->root, folder);
		return -1;
	}
	for (i = 0; i < nitems(demo_subdirs); i++) {
		path = demo_build_path(folder, demo_subdirs[i], NULL);
		if (mkdirat(ctx->rootfd, path, 0700) == -1) {
			bote_err_errno(ctx->err, errno,
			    "create demo folder '%s/%s'", ctx->root, path);
			free(path);
			return -1;
		}
		free(path);
	}
	return *folder != '\0' ? demo_build_marker(ctx, folder) : 0;
}

static int
demo_build_write_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Fills the new file fd; returns 0 or -1 with errno set. */
static int
demo_build_fill(int fd, const struct demo_message *m)
{
	struct timespec		 times[2];
	const char *const	*piece;

	for (piece = m->text; *piece != NULL; piece++) {
		if (demo_build_write_all(fd, *piece, strlen(*piece)) == -1)
			return -1;
	}

	/*
	 * Dated through the descriptor before the rename, so the message
	 * never shows up in new/ or cur/ with today's date: clients that sort
	 * by arrival see the same order as those that sort by Date.
	 */
	times[0].tv_sec = times[1].tv_sec = m->date;
	times[0].tv_nsec = times[1].tv_nsec = 0;
	if (futimens(fd, times) == -1)
		return -1;
	return fsync(fd);
}

/* Maildir delivery: a fresh file in tmp/, written and synced, then renamed. */
static int
demo_build_deliver(struct demo_ctx *ctx, const struct demo_message *m,
    const char *tmp, const char *dst)
{
	int	fd, saved;

	fd = openat(ctx->rootfd, tmp,
	    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1) {
		bote_err_errno(ctx->err, errno, "create '%s/%s'", ctx->root,
		    tmp);
		return -1;
	}
	if (demo_build_fill(fd, m) == -1) {
		saved = errno;
		close(fd);
		unlinkat(ctx->rootfd, tmp, 0);
		bote_err_errno(ctx->err, saved, "write '%s/%s'", ctx->root,
		    tmp);
		return -1;
	}
	if (close(fd) == -1 || renameat(ctx->rootfd, tmp, ctx->rootfd,
	    dst) == -1) {
		saved = errno;
		unlinkat(ctx->rootfd, tmp, 0);
		bote_err_errno(ctx->err, saved, "deliver '%s/%s'", ctx->root,
		    dst);
		return -1;
	}
	return 0;
}

static int
demo_build_message(struct demo_ctx *ctx, const struct demo_message *m)
{
	char	*name, *info, *tmp, *dst;
	int	 rc;

	/* Fixed names, so tests and bug reports can point at a message. */
	name = xasprintf("%lld.M%uP4242Q%u.demo",
	    DEMO_NAME_EPOCH + (long long)ctx->index, ctx->index, ctx->index);
	ctx->index++;
	tmp = demo_build_path(m->folder, "tmp", name);
	if (m->flags == NULL)
		dst = demo_build_path(m->folder, "new", name);
	else {
		info = xasprintf("%s:2,%s", name, m->flags);
		dst = demo_build_path(m->folder, "cur", info);
		free(info);
	}
	rc = demo_build_deliver(ctx, m, tmp, dst);
	free(dst);
	free(tmp);
	free(name);
	return rc;
}

static int
demo_build_messages(struct demo_ctx *ctx, const struct demo_message *m,
    size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (demo_build_message(ctx, &m[i]) == -1)
			return -1;
	}
	return 0;
}

int
demo_build(const char *root, struct bote_err *err)
{
	struct demo_ctx	ctx;
	size_t		i;
	int		rc;

	ctx.root = root;
	ctx.index = 1;
	ctx.err = err;
	ctx.rootfd = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (ctx.rootfd == -1) {
		bote_err_errno(err, errno, "open demo directory '%s'", root);
		return -1;
	}
	rc = demo_build_folder(&ctx, "");
	for (i = 0; rc == 0 && i < nitems(demo_folders); i++)
		rc = demo_build_folder(&ctx, demo_folders[i]);
	if (rc == 0)
		rc = demo_build_messages(&ctx, demo_messages_inbox,
		    demo_messages_inbox_len);
	if (rc == 0)
		rc = demo_build_messages(&ctx, demo_messages_folders,
		    demo_messages_folders_len);
	close(ctx.rootfd);
	return rc;
}

int
demo_create(char **dir_out, struct bote_err *err)
{
	const char	*tmpdir;
	char		*dir;
	size_t		 len;

	*dir_out = NULL;
	tmpdir = getenv("TMPDIR");
	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	len = strlen(tmpdir);
	while (len > 0 && tmpdir[len - 1] == '/')
		len--;
	dir = xasprintf("%.*s/%sXXXXXX", (int)len, tmpdir, DEMO_DIR_MARK);

	/* mkdtemp: a fresh name nobody else can have prepared, mode 0700. */
	if (mkdtemp(dir) == NULL) {
		bote_err_errno(err, errno, "create demo directory in '%.*s'",
		    (int)len, tmpdir);
		free(dir);
		return -1;
	}
	if (demo_build(dir, err) == -1) {
		demo_remove(dir, NULL);
		free(dir);
		return -1;
	}
	*dir_out = dir;
	return 0;
}

/* Removes one entry of the directory dfd; path names that directory. */
static int
demo_remove_entry(int dfd, const char *path, const char *name,
    struct bote_err *err)
{
	struct stat	 st;
	char		*sub;
	int		 fd, rc;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1) {
		bote_err_errno(err, errno, "remove '%s/%s'", path, name);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		/* Symlinks land here too: unlinkat removes the link only. */
		if (unlinkat(dfd, name, 0) == -1) {
			bote_err_errno(err, errno, "remove '%s/%s'", path,
			    name);
			return -1;
		}
		return 0;
	}

	/* O_NOFOLLOW: fail if a symlink took the directory's place. */
	sub = xasprintf("%s/%s", path, name);
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1) {
		bote_err_errno(err, errno, "remove '%s'", sub);
		rc = -1;
	} else
		rc = demo_remove_contents(fd, sub, err);
	if (rc == 0 && unlinkat(dfd, name, AT_REMOVEDIR) == -1) {
		bote_err_errno(err, errno, "remove '%s'", sub);
		rc = -1;
	}
	free(sub);
	return rc;
}

/* Returns how many entries of d it removed, or -1. */
static int
demo_remove_pass(DIR *d, const char *path, struct bote_err *err)
{
	struct dirent	*de;
	int		 removed = 0;

	rewinddir(d);
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (demo_remove_entry(dirfd(d), path, de->d_name, err) == -1)
			return -1;
		removed++;
	}
	if (errno != 0) {
		bote_err_errno(err, errno, "read directory '%s'", path);
		return -1;
	}
	return removed;
}

/* Empties the directory fd, which it takes over; path is for messages. */
static int
demo_remove_contents(int fd, const char *path, struct bote_err *err)
{
	DIR	*d;
	int	 n, saved;

	if ((d = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		bote_err_errno(err, saved, "read directory '%s'", path);
		return -1;
	}

	/*
	 * POSIX leaves open whether readdir still returns every entry while
	 * entries are being removed, so scan until a pass finds nothing.
	 */
	while ((n = demo_remove_pass(d, path, err)) > 0)
		;
	closedir(d);
	return n;
}

/* The safety belt: only a path whose last component names a demo directory. */
static int
demo_remove_allowed(const char *dir)
{
	const char	*end, *start;
	size_t		 marklen = strlen(DEMO_DIR_MARK);

	end = dir + strlen(dir);
	while (end > dir && end[-1] == '/')
		end--;
	start = end;
	while (start > dir && start[-1] != '/')
		start--;
	for (; (size_t)(end - start) >= marklen; start++) {
		if (memcmp(start, DEMO_DIR_MARK, marklen) == 0)
			return 1;
	}
	return 0;
}

int
demo_remove(const char *dir, struct bote_err *err)
{
	int	fd;

	if (!demo_remove_allowed(dir)) {
		bote_err_set(err, BOTE_ERR_USAGE,
		    "remove demo directory '%s': not a bote demo directory",
		    dir);
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			return 0;
		bote_err_errno(err, errno, "remove demo directory '%s'", dir);
		return -1;
	}
	if (demo_remove_contents(fd, dir, err) == -1)
		return -1;
	if (rmdir(dir) == -1) {
		bote_err_errno(err, errno, "remove demo directory '%s'", dir);
		return -1;
	}
	return 0;
}
