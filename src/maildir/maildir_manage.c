/* maildir_manage.c - folder create, rename and delete on the Maildir spool, each as atomic as POSIX allows. */
#include "maildir/maildir_manage.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/folder.h"
#include "maildir/maildir_file.h"
#include "maildir/maildir_folders.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *const subdirs[] = { "tmp", "new", "cur" };	/* cur/ last: then it is a Maildir */

static int
exists_already(const char *root, const char *name, struct bote_err *err)
{
	char	*dir = maildir_folders_dir(root, name, NULL);

	if (dir == NULL)
		return 0;
	free(dir);
	bote_err_set(err, BOTE_ERR_USAGE, _("cannot create folder '%s': it exists already"), name);
	return 1;
}

/* Remove what create made of dir, newest first. */
static void
undo_create(const char *dir)
{
	char	*p;
	int	 i;

	for (i = 2; i >= 0; i--) {
		p = xasprintf("%s/%s", dir, subdirs[i]);
		(void)rmdir(p);
		free(p);
	}
	p = xasprintf("%s/maildirfolder", dir);
	(void)unlink(p);
	free(p);
	(void)rmdir(dir);
}

int
maildir_manage_create(const char *root, const char *name, struct bote_err *err)
{
	char	*dir, *p;
	int	 i, fd, rc = -1;

	if ((dir = maildir_folders_new_dir(root, name, err)) == NULL)
		return -1;
	if (exists_already(root, name, err)) {
		free(dir);
		return -1;
	}
	if (mkdir(dir, 0700) != 0) {
		if (errno == EEXIST)
			bote_err_set(err, BOTE_ERR_USAGE,
			    _("cannot create folder '%s': it exists already"), name);
		else
			bote_err_errno(err, errno, _("cannot create folder '%s'"), name);
		free(dir);
		return -1;
	}
	/* Maildir++: the marker tells Dovecot and the LDA this is a subfolder. */
	p = xasprintf("%s/maildirfolder", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	free(p);
	if (fd == -1)
		goto fail;
	close(fd);
	for (i = 0; i < 3; i++) {
		p = xasprintf("%s/%s", dir, subdirs[i]);
		if (mkdir(p, 0700) != 0) {
			free(p);
			goto fail;
		}
		free(p);
	}
	if (maildir_file_sync_dir(dir, err) == 0 && maildir_file_sync_dir(root, err) == 0)
		rc = 0;
	free(dir);
	return rc;
fail:
	bote_err_errno(err, errno, _("cannot create folder '%s'"), name);
	undo_create(dir);
	free(dir);
	return -1;
}

static int
is_inbox(const char *root, const char *name, const char *dir)
{
	return strcasecmp(name, "INBOX") == 0 || strcmp(dir, root) == 0;
}

/* Maildir++ subfolders of the entry old (".A.X" for ".A") move to new (".B.X"). */
static void
rename_children(const char *root, const char *old, const char *new)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 len = strlen(old);
	char		*to;

	if ((d = opendir(root)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, old, len) != 0 || de->d_name[len] != '.')
			continue;
		to = xasprintf("%s%s", new, de->d_name + len);
		/* A clash leaves that child where it was: nothing is replaced. */
		if (strlen(to) <= NAME_MAX) {
			char *f = xasprintf("%s/%s", root, de->d_name);
			char *t = xasprintf("%s/%s", root, to);

			(void)maildir_file_rename_noreplace(AT_FDCWD, f, AT_FDCWD, t);
			free(f);
			free(t);
		}
		free(to);
	}
	closedir(d);
}

int
maildir_manage_rename(const char *root, const char *from, const char *to,
    struct bote_err *err)
{
	char	*src, *dst, *plain;
	int	 nested, rc = -1;

	if ((src = maildir_folders_dir(root, from, err)) == NULL)
		return -1;
	if (is_inbox(root, from, src)) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("cannot rename INBOX"));
		free(src);
		return -1;
	}
	plain = xasprintf("%s/%s", root, from);
	nested = strcmp(plain, src) == 0;
	free(plain);
	if (nested)
		dst = folder_name_check(to, err) == 0 ? xasprintf("%s/%s", root, to) : NULL;
	else
		dst = maildir_folders_new_dir(root, to, err);
	if (dst == NULL || exists_already(root, to, err)) {
		if (dst != NULL)
			err->kind = BOTE_ERR_USAGE;
		free(src);
		free(dst);
		return -1;
	}
	if (maildir_file_rename_noreplace(AT_FDCWD, src, AT_FDCWD, dst) != 0)
		bote_err_errno(err, errno, _("cannot rename folder '%s'"), from);
	else {
		if (!nested)
			rename_children(root, strrchr(src, '/') + 1, strrchr(dst, '/') + 1);
		rc = maildir_file_sync_dir(root, err);
	}
	free(src);
	free(dst);
	return rc;
}

/* Empty the subdirectory sub of the directory dfd and remove it; files only. */
static int
remove_sub(int dfd, const char *sub)
{
	DIR		*d;
	struct dirent	*de;
	int		 fd, rc = 0;

	if ((fd = openat(dfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		/* unlinkat without AT_REMOVEDIR: a directory in here stops the delete. */
		if (unlinkat(fd, de->d_name, 0) != 0 && errno != ENOENT)
			rc = -1;
	}
	closedir(d);
	if (rc == 0 && unlinkat(dfd, sub, AT_REMOVEDIR) != 0)
		rc = -1;
	return rc;
}

/*
 * Directories in a folder other than cur/, new/ and tmp/ are folders of
 * their own (plain nested Maildirs): deleting them too would be a surprise.
 */
static int
has_subfolders(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	int		 found = 0;
	char		*p;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, "cur") == 0 || strcmp(de->d_name, "new") == 0 ||
		    strcmp(de->d_name, "tmp") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		found = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
		free(p);
	}
	closedir(d);
	return found;
}

/* Remove a folder directory already out of sight: the messages, then the rest. */
static int
remove_folder(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 dfd, i, rc = 0;

	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return -1;
	for (i = 2; i >= 0 && rc == 0; i--)
		rc = remove_sub(dfd, subdirs[i]);
	if (rc == 0 && (d = fdopendir(dup(dfd))) != NULL) {
		/* Index files of Dovecot or mutt, the maildirfolder marker. */
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 &&
			    unlinkat(dfd, de->d_name, 0) != 0 && errno != ENOENT)
				rc = -1;
		closedir(d);
	}
	close(dfd);
	if (rc == 0 && rmdir(dir) != 0)
		rc = -1;
	return rc;
}

/*
 * The hiding place: "..bote-deleting-PID-N" decodes to a name with an empty
 * first level, which the folder scan never lists.
 */
static char *
hide(const char *root, const char *dir)
{
	char	*hidden;
	int	 n;

	for (n = 0; n < 100; n++) {
		hidden = xasprintf("%s/..bote-deleting-%ld-%d", root, (long)getpid(), n);
		if (maildir_file_rename_noreplace(AT_FDCWD, dir, AT_FDCWD, hidden) == 0)
			return hidden;
		free(hidden);
		if (errno != EEXIST && errno != ENOTEMPTY)
			return NULL;
	}
	errno = EEXIST;
	return NULL;
}

static void
not_empty(struct bote_err *err, const char *name, long total)
{
	bote_err_set(err, BOTE_ERR_NOTEMPTY, P_("cannot delete folder '%s': it holds %ld message",
	    "cannot delete folder '%s': it holds %ld messages", total), name, total);
}

int
maildir_manage_delete(const char *root, const char *name, int force, size_t *count,
    struct bote_err *err)
{
	char	*dir, *hidden;
	long	 total, unread;
	int	 rc = -1;

	*count = 0;
	if ((dir = maildir_folders_dir(root, name, err)) == NULL)
		return -1;
	if (is_inbox(root, name, dir)) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("cannot delete INBOX"));
		free(dir);
		return -1;
	}
	if (has_subfolders(dir)) {
		bote_err_set(err, BOTE_ERR_USAGE,
		    _("cannot delete folder '%s': it holds other folders"), name);
		free(dir);
		return -1;
	}
	maildir_folders_count(dir, &total, &unread);
	if (total > 0 && !force) {
		*count = (size_t)total;
		not_empty(err, name, total);
		free(dir);
		return -1;
	}
	if ((hidden = hide(root, dir)) == NULL) {
		bote_err_errno(err, errno, _("cannot delete folder '%s'"), name);
		free(dir);
		return -1;
	}
	/* Counted again out of sight: a delivery in between is not lost unasked. */
	maildir_folders_count(hidden, &total, &unread);
	if (total > 0 && !force) {
		*count = (size_t)total;
		if (maildir_file_rename_noreplace(AT_FDCWD, hidden, AT_FDCWD, dir) != 0)
			bote_err_errno(err, errno, _("cannot put folder '%s' back from '%s'"),
			    name, hidden);
		else
			not_empty(err, name, total);
	} else if (remove_folder(hidden) != 0)
		bote_err_errno(err, errno, _("cannot delete folder '%s' (what is left is in '%s')"),
		    name, hidden);
	else {
		*count = (size_t)total;
		rc = maildir_file_sync_dir(root, err);
	}
	free(hidden);
	free(dir);
	return rc;
}
