/*
 * maildir_driver.c - the Maildir spool driver: plain POSIX on a Maildir++ tree.
 *
 * Flags live only in file names (so mutt, notmuch and Dovecot sharing the
 * spool see them); a message is identified by the unique part of its name,
 * which survives flag changes.  Another program may rename a file at any
 * time: an operation that finds its file gone rescans once and retries.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/flags.h"
#include "driver/driver.h"
#include "maildir/maildir_append.h"
#include "maildir/maildir_file.h"
#include "maildir/maildir_folders.h"
#include "maildir/maildir_index.h"
#include "maildir/maildir_manage.h"
#include "maildir/maildir_name.h"
#include "maildir/maildir_watch.h"
#include "mime/mime.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define MAILDIR_HEADER_MAX	(256 * 1024)	/* header bytes read for a summary */

struct drv {
	char			*root;
	char			*account;
	int			 readonly;
	char			*folder;	/* selected folder name, or NULL */
	char			*dir;		/* its directory */
	struct maildir_index	 ix;
	struct maildir_watch	 watch;		/* other programs' changes to the folder */
};

static struct drv *
maildir_create(const struct drv_params *p, struct bote_err *err)
{
	struct drv	*d;
	struct stat	 st;

	if (p->path == NULL || p->path[0] == '\0') {
		bote_err_set(err, BOTE_ERR_USAGE, "no Maildir path given");
		return NULL;
	}
	if (stat(p->path, &st) != 0) {
		bote_err_errno(err, errno, "cannot open folder '%s'", p->path);
		if (errno == ENOENT)
			err->kind = BOTE_ERR_NOTFOUND;
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		bote_err_set(err, BOTE_ERR_NOTFOUND, "not a Maildir '%s': not a directory",
		    p->path);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->root = xstrdup(p->path);
	d->account = xstrdup(p->account ? p->account : "local");
	d->readonly = p->readonly;
	maildir_watch_init(&d->watch);
	return d;
}

static void
maildir_destroy(struct drv *d)
{
	if (d == NULL)
		return;
	maildir_watch_stop(&d->watch);
	maildir_index_free(&d->ix);
	free(d->root);
	free(d->account);
	free(d->folder);
	free(d->dir);
	free(d);
}

static int
maildir_connect(struct drv *d, struct bote_err *err)
{
	if (access(d->root, R_OK | X_OK) != 0) {
		bote_err_errno(err, errno, "cannot read Maildir '%s'", d->root);
		return -1;
	}
	return 0;
}

static void
maildir_disconnect(struct drv *d)
{
	(void)d;
}

static int
maildir_list(struct drv *d, int counts, struct folder_list *out, struct bote_err *err)
{
	return maildir_folders_list(d->root, counts, out, err);
}

static int
maildir_select(struct drv *d, const char *folder, struct select_info *out,
    struct bote_err *err)
{
	char	*dir = maildir_folders_dir(d->root, folder, err);

	if (dir == NULL)
		return -1;
	if (maildir_index_scan(&d->ix, dir, !d->readonly, err) != 0) {
		free(dir);
		return -1;
	}
	free(d->dir);
	free(d->folder);
	d->dir = dir;
	d->folder = xstrdup(folder);
	maildir_watch_start(&d->watch, dir);
	memset(out, 0, sizeof *out);
	out->exists = d->ix.n;
	return 0;
}

static int
need_folder(struct drv *d, struct bote_err *err)
{
	if (d->dir == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "no folder selected");
		return -1;
	}
	return 0;
}

static int
need_writable(struct drv *d, struct bote_err *err)
{
	if (need_folder(d, err) != 0)
		return -1;
	if (d->readonly) {
		bote_err_set(err, BOTE_ERR_UNSUPPORTED, "folder '%s' is open read-only",
		    d->folder);
		return -1;
	}
	return 0;
}

static int
maildir_fetch_index(struct drv *d, struct summary_vec *out, struct bote_err *err)
{
	size_t			 i;
	struct maildir_entry	*e;
	struct summary		*s;

	if (need_folder(d, err) != 0)
		return -1;
	out->v = xcalloc(d->ix.n ? d->ix.n : 1, sizeof *out->v);
	out->n = d->ix.n;
	for (i = 0; i < d->ix.n; i++) {
		e = &d->ix.v[i];
		s = &out->v[i];
		s->ref.name = xstrndup(maildir_entry_basename(e), e->ulen);
		s->flags = e->flags;
		s->keywords = maildir_name_keywords(maildir_entry_basename(e));
		s->size = e->size;
		s->mtime = e->mtime;
		s->date = e->mtime;	/* until the Date: header is read */
	}
	return 0;
}

/* The entry for ref; after one rescan if another program renamed the file. */
static struct maildir_entry *
lookup(struct drv *d, const struct msgref *ref, struct bote_err *err)
{
	struct maildir_entry	*e;

	if (ref->name == NULL || (e = maildir_index_find(&d->ix, ref->name)) == NULL) {
		bote_err_set(err, BOTE_ERR_NOTFOUND, "message '%s' is no longer in '%s'",
		    ref->name ? ref->name : "?", d->folder);
		return NULL;
	}
	return e;
}

static int
rescan(struct drv *d, struct bote_err *err)
{
	/* What the new index takes in silently is still news for the UI. */
	maildir_watch_before_rescan(&d->watch, &d->ix);
	/* Never move new/ files here: the caller is in the middle of an operation. */
	return maildir_index_scan(&d->ix, d->dir, 0, err);
}

static int
open_entry(struct drv *d, const struct maildir_entry *e)
{
	char	*path = xasprintf("%s/%s", d->dir, e->file);
	int	 fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	free(path);
	return fd;
}

/*
 * Reads only: the index, the folder path and the files.  Two calls on
 * disjoint rows may run at once (DRV_CAP_PARALLEL_SUMMARIES), which is how a
 * cold open uses both cores.
 */
static int
maildir_fetch_summaries(struct drv *d, struct summary *rows, size_t n,
    struct bote_err *err)
{
	struct buf		 hdr = BUF_INIT;
	struct maildir_entry	*e;
	size_t			 i;
	int			 fd;
	time_t			 fallback;

	if (need_folder(d, err) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((e = lookup(d, &rows[i].ref, NULL)) == NULL)
			continue;
		if ((fd = open_entry(d, e)) == -1)
			continue;	/* renamed or removed meanwhile: keep the row bare */
		buf_truncate(&hdr, 0);
		if (mime_read_header(fd, &hdr, MAILDIR_HEADER_MAX, NULL) == 0) {
			fallback = rows[i].date;
			mime_summary_parse(buf_cstr(&hdr), hdr.len, &rows[i], NULL);
			if (rows[i].date == 0)
				rows[i].date = fallback;
		}
		close(fd);
	}
	buf_free(&hdr);
	return 0;
}

static int
maildir_fetch_message(struct drv *d, const struct msgref *ref, int *fd_out,
    struct bote_err *err)
{
	struct maildir_entry	*e;
	int			 fd, try;

	if (need_folder(d, err) != 0)
		return -1;
	for (try = 0; try < 2; try++) {
		if ((e = lookup(d, ref, err)) == NULL)
			return -1;
		if ((fd = open_entry(d, e)) != -1) {
			*fd_out = fd;
			return 0;
		}
		if (errno != ENOENT || try > 0 || rescan(d, err) != 0)
			break;
	}
	bote_err_errno(err, errno, "cannot open message '%s'", ref->name);
	return -1;
}

/* Rename one entry to carry new flags; cur/ always, since flagged mail is no longer new. */
static int
set_entry_flags(struct drv *d, struct maildir_entry *e, unsigned set, unsigned clear)
{
	char	*newname = maildir_name_with_flags(maildir_entry_basename(e), set, clear);
	char	*from = xasprintf("%s/%s", d->dir, e->file);
	char	*to = xasprintf("%s/cur/%s", d->dir, newname);
	int	 rc = 0;

	if (strcmp(from, to) != 0)
		rc = rename(from, to);
	if (rc == 0) {
		free(e->file);
		e->file = xasprintf("cur/%s", newname);
		e->flags = maildir_letters_flags(maildir_name_letters(newname)) |
		    (e->flags & FLAG_NEW & ~clear);
	}
	free(newname);
	free(from);
	free(to);
	return rc;
}

static int
maildir_store_flags(struct drv *d, const struct msgref *refs, size_t n, unsigned set,
    unsigned clear, unsigned *flags_out, struct bote_err *err)
{
	struct maildir_entry	*e;
	size_t			 i;
	int			 try;

	if (need_writable(d, err) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		for (try = 0; try < 2; try++) {
			if ((e = lookup(d, &refs[i], err)) == NULL)
				return -1;
			if (set_entry_flags(d, e, set, clear) == 0)
				break;
			if (errno != ENOENT || try > 0 || rescan(d, err) != 0) {
				bote_err_errno(err, errno, "cannot change flags of '%s'",
				    refs[i].name);
				return -1;
			}
		}
		if (flags_out != NULL)
			flags_out[i] = e->flags;
	}
	return 0;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Copy or move one entry; -1 with errno ENOENT when its file was renamed away meanwhile. */
static int
transfer_one(struct drv *d, struct maildir_entry *e, const char *dst_dir, int keep,
    char **name_out, struct bote_err *err)
{
	char	*src, *sub;
	int	 rc;

	if (keep) {
		src = xasprintf("%s/%s", d->dir, e->file);
		rc = maildir_file_copy(src, dst_dir,
		    maildir_name_letters(maildir_entry_basename(e)),
		    strncmp(e->file, "new/", 4) == 0, NULL, err);
		free(src);
		return rc;
	}
	sub = xstrndup(e->file, 3);
	rc = maildir_file_move(d->dir, sub, maildir_entry_basename(e), dst_dir, name_out, err);
	free(sub);
	return rc;
}

static int
transfer(struct drv *d, const struct msgref *refs, size_t n, const char *dst, int keep,
    struct msgref *landed, struct bote_err *err)
{
	struct maildir_entry	*e;
	struct maildir_index	 gone = { 0 };
	char			*dst_dir, *moved;
	size_t			 i, j, *idx, nidx = 0;
	int			 rc = 0, try;

	if ((keep ? need_folder(d, err) : need_writable(d, err)) != 0)
		return -1;
	if ((dst_dir = maildir_folders_dir(d->root, dst, err)) == NULL)
		return -1;
	if (strcmp(dst_dir, d->dir) == 0) {
		bote_err_set(err, BOTE_ERR_USAGE, "'%s' is the current folder", dst);
		free(dst_dir);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		for (try = 0; try < 2; try++) {
			if ((e = lookup(d, &refs[i], err)) == NULL) {
				rc = -1;
				break;
			}
			moved = NULL;
			if ((rc = transfer_one(d, e, dst_dir, keep, landed ? &moved : NULL,
			    err)) == 0 || try > 0 ||
			    errno != ENOENT || rescan(d, NULL) != 0)
				break;
			/* Renamed by another program: look it up again and retry once. */
		}
		if (rc == 0 && landed != NULL && moved != NULL) {
			/* The unique part may differ from the source's on a clash. */
			landed[i].name = xstrndup(moved, strcspn(moved, ":"));
			free(moved);
		}
		if (rc == 0 && !keep) {
			/* Remember the moved unique names; indices change on rescan. */
			gone.v = xreallocarray(gone.v, gone.n + 1, sizeof *gone.v);
			gone.v[gone.n].file = xstrdup(e->file);
			gone.v[gone.n].ulen = e->ulen;
			gone.n++;
		}
	}
	idx = xcalloc(gone.n ? gone.n : 1, sizeof *idx);
	for (j = 0; j < gone.n; j++) {
		char *u = xstrndup(maildir_entry_basename(&gone.v[j]), gone.v[j].ulen);

		if ((e = maildir_index_find(&d->ix, u)) != NULL)
			idx[nidx++] = (size_t)(e - d->ix.v);
		free(u);
	}
	qsort(idx, nidx, sizeof *idx, cmp_size);
	maildir_index_remove(&d->ix, idx, nidx);
	free(idx);
	maildir_index_free(&gone);
	free(dst_dir);
	return rc;
}

static int
maildir_copy(struct drv *d, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	return transfer(d, refs, n, dst, 1, NULL, err);
}

static int
maildir_move(struct drv *d, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	return transfer(d, refs, n, dst, 0, NULL, err);
}

static int
maildir_move_tracked(struct drv *d, const struct msgref *refs, size_t n, const char *dst,
    struct msgref *landed, struct bote_err *err)
{
	return transfer(d, refs, n, dst, 0, landed, err);
}

static int
maildir_expunge(struct drv *d, size_t *removed, struct bote_err *err)
{
	size_t	*gone, ngone = 0, i;
	char	*path;
	int	 rc = 0;

	*removed = 0;
	if (need_writable(d, err) != 0)
		return -1;
	gone = xcalloc(d->ix.n ? d->ix.n : 1, sizeof *gone);
	for (i = 0; i < d->ix.n; i++) {
		if (!(d->ix.v[i].flags & FLAG_DELETED))
			continue;
		path = xasprintf("%s/%s", d->dir, d->ix.v[i].file);
		/*
		 * A file that is gone was renamed by another program - perhaps
		 * undeleted - so it is neither removed nor counted; the next scan
		 * shows it as it is now.
		 */
		if (unlink(path) == 0)
			gone[ngone++] = i;
		else if (errno != ENOENT && rc == 0) {
			bote_err_errno(err, errno, "cannot remove '%s'", path);
			rc = -1;
		}
		free(path);
	}
	maildir_index_remove(&d->ix, gone, ngone);
	free(gone);
	*removed = ngone;
	path = xasprintf("%s/cur", d->dir);
	if (ngone > 0 && maildir_file_sync_dir(path, rc == 0 ? err : NULL) != 0)
		rc = -1;
	free(path);
	return rc;
}

static int
need_store_writable(struct drv *d, struct bote_err *err)
{
	if (d->readonly) {
		bote_err_set(err, BOTE_ERR_UNSUPPORTED, "Maildir '%s' is open read-only", d->root);
		return -1;
	}
	return 0;
}

/* The selected folder was renamed or deleted: forget it (the next select finds it anew). */
static void
drop_selection(struct drv *d, const char *name)
{
	if (d->folder == NULL || strcmp(d->folder, name) != 0)
		return;
	maildir_watch_stop(&d->watch);
	maildir_index_free(&d->ix);
	free(d->folder);
	free(d->dir);
	d->folder = d->dir = NULL;
}

static int
maildir_create_folder(struct drv *d, const char *name, struct bote_err *err)
{
	if (need_store_writable(d, err) != 0)
		return -1;
	return maildir_manage_create(d->root, name, err);
}

static int
maildir_rename_folder(struct drv *d, const char *from, const char *to, struct bote_err *err)
{
	if (need_store_writable(d, err) != 0 || maildir_manage_rename(d->root, from, to, err) != 0)
		return -1;
	drop_selection(d, from);
	return 0;
}

static int
maildir_delete_folder(struct drv *d, const char *name, int force, size_t *count,
    struct bote_err *err)
{
	*count = 0;
	if (need_store_writable(d, err) != 0 ||
	    maildir_manage_delete(d->root, name, force, count, err) != 0)
		return -1;
	drop_selection(d, name);
	return 0;
}

/*
 * Idle: another program may deliver into the folder or rename its files
 * (flags set by mutt on a shared spool); tell the UI to read it again.
 */
static int
maildir_wait(struct drv *d, int wake_fd, int timeout_ms, struct drv_changes *out,
    struct bote_err *err)
{
	struct pollfd	pfd = { .fd = wake_fd, .events = POLLIN };

	(void)err;
	if (d->dir == NULL) {
		(void)poll(&pfd, 1, timeout_ms);
		return 0;
	}
	if (maildir_watch_wait(&d->watch, &d->ix, wake_fd, timeout_ms, &out->arrived) == 1)
		out->reread = 1;
	return 0;
}

static void
maildir_abort(struct drv *d)
{
	(void)d;	/* nothing in this driver blocks for long */
}

static int
maildir_append(struct drv *d, const char *folder, int fd, unsigned flags, time_t date,
    struct msgref *out, struct bote_err *err)
{
	if (d->readonly) {
		bote_err_set(err, BOTE_ERR_UNSUPPORTED, "cannot save to folder '%s': read-only",
		    folder);
		return -1;
	}
	return maildir_append_to(d->root, folder, fd, flags, date, out, err);
}

const struct drv_ops maildir_driver_ops = {
	.name = "maildir",
	.caps = DRV_CAP_PUSH | DRV_CAP_KEYWORDS | DRV_CAP_MOVE | DRV_CAP_PARALLEL_SUMMARIES,
	.create = maildir_create,
	.destroy = maildir_destroy,
	.connect = maildir_connect,
	.disconnect = maildir_disconnect,
	.list_folders = maildir_list,
	.select = maildir_select,
	.fetch_index = maildir_fetch_index,
	.fetch_summaries = maildir_fetch_summaries,
	.fetch_message = maildir_fetch_message,
	.store_flags = maildir_store_flags,
	.copy = maildir_copy,
	.move = maildir_move,
	.move_tracked = maildir_move_tracked,
	.expunge = maildir_expunge,
	.create_folder = maildir_create_folder,
	.rename_folder = maildir_rename_folder,
	.delete_folder = maildir_delete_folder,
	.append = maildir_append,
	.wait = maildir_wait,
	.abort = maildir_abort,
};
