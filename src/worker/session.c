/* session.c - account sessions: the one door from the UI to the drivers. */
#include "worker/session.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/hcache.h"
#include "config/config.h"
#include "core/sort.h"
#include "mime/mime.h"
#include "util/buf.h"
#include "util/xmalloc.h"

struct session {
	const struct drv_ops	*ops;
	struct drv		*drv;
	struct hcache		*hc;		/* NULL: no header cache */
	char			*folder;	/* selected folder */
	struct hcache_folder	 gone;		/* its cache records whose files are gone */
	int			 sifted;	/* gone is complete: prune may delete */
	struct hcache_txn	*txn;		/* records written but not yet committed */
	size_t			 txn_rows;
};

#define CACHE_COMMIT_ROWS	5000	/* rows per cache commit: each one waits for the disk */

static int
unsupported(const struct session *s, const char *what, struct bote_err *err)
{
	bote_err_set(err, BOTE_ERR_UNSUPPORTED, "'%s' cannot %s", s->ops->name, what);
	return -1;
}

static void	cache_flush(struct session *);

/* Drop the cache records of the previously selected folder. */
static void
forget_folder(struct session *s)
{
	cache_flush(s);
	hcache_folder_free(&s->gone);
	memset(&s->gone, 0, sizeof s->gone);
	s->sifted = 0;
	free(s->folder);
	s->folder = NULL;
}

char *
session_cache_dir(const char *kind, const char *path)
{
	const char	*base = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char		*real = realpath(path, NULL), *dir;
	const char	*p;
	uint64_t	 h = 1469598103934665603ULL;

	/* One cache per store, named by a hash of its real path. */
	for (p = real ? real : path; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	if (base != NULL && base[0] == '/')
		dir = xasprintf("%s/bote/%s-%016llx", base, kind, (unsigned long long)h);
	else if (home != NULL && home[0] == '/')
		dir = xasprintf("%s/.cache/bote/%s-%016llx", home, kind, (unsigned long long)h);
	else
		dir = NULL;
	free(real);
	return dir;
}

void
session_library_init(void)
{
	mime_init();
}

void
session_library_shutdown(void)
{
	mime_shutdown();
}

struct session *
session_open(const struct drv_ops *ops, const struct drv_params *p, struct bote_err *err)
{
	struct session	*s = xcalloc(1, sizeof *s);
	struct bote_err	 cerr;

	s->ops = ops;
	/* Without a usable cache bote is slower, never broken: go on without. */
	if (p->cache_dir != NULL)
		s->hc = hcache_open(p->cache_dir, &cerr);
	if ((s->drv = s->ops->create(p, err)) == NULL ||
	    s->ops->connect(s->drv, err) != 0) {
		session_close(s);
		return NULL;
	}
	return s;
}

struct session *
session_open_maildir(const char *path, int readonly, struct bote_err *err)
{
	struct drv_params	 p = { .account = "local", .path = path, .readonly = readonly };
	struct session		*s;

	p.cache_dir = session_cache_dir("maildir", path);
	s = session_open(driver_find("maildir"), &p, err);
	free((char *)p.cache_dir);
	return s;
}

struct session *
session_open_imap(const struct account *a, const char *password, int readonly,
    struct bote_err *err)
{
	struct drv_params	p = { .account = a->name, .acct = a, .password = password,
				    .readonly = readonly };

	return session_open(driver_find("imap"), &p, err);
}

int
session_wait(struct session *s, int wake_fd, int timeout_ms, struct drv_changes *out,
    struct bote_err *err)
{
	memset(out, 0, sizeof *out);
	if (s->ops->wait == NULL)
		return unsupported(s, "wait for news", err);
	return s->ops->wait(s->drv, wake_fd, timeout_ms, out, err);
}

const char *
session_folder(const struct session *s)
{
	return s->folder;
}

void
session_abort(struct session *s)
{
	if (s->ops->abort != NULL)
		s->ops->abort(s->drv);
}

int
session_offline(const struct session *s)
{
	return s->ops->offline != NULL && s->ops->offline(s->drv);
}

void
session_close(struct session *s)
{
	if (s == NULL)
		return;
	if (s->drv != NULL) {
		s->ops->disconnect(s->drv);
		s->ops->destroy(s->drv);
	}
	forget_folder(s);
	hcache_close(s->hc);
	free(s);
}

int
session_folders(struct session *s, int counts, struct folder_list *out,
    struct bote_err *err)
{
	return s->ops->list_folders(s->drv, counts, out, err);
}

/* Rows the cache filled (at select) have their block; the others are read from their files. */
static int
unfilled(const struct summary *row)
{
	return row->block == NULL && row->subject == NULL;
}

/*
 * The rows in the order of the cache's keys (bytewise by name), walked
 * alongside the cache's records: one merged pass, no hash lookups.
 */
struct row_walk {
	struct summary	*rows;
	size_t		*order;		/* indices of rows with a name, sorted by name */
	size_t		 n, next;
};

/* strcmp() of a row's name against a record's name (len bytes, no NUL inside). */
static int
name_cmp(const char *name, const char *key, size_t len)
{
	int	c = strncmp(name, key, len);

	return c != 0 ? c : name[len] != '\0';
}

/*
 * The cache's verdict on one record (they come in key order): fill the row
 * of the same file when size and mtime still match; keep a record whose
 * file still exists (it is read again and rewritten); list the others for
 * deletion.  Rows passed over have no record and are read from their files.
 */
static struct summary *
sift_row(void *ctx, const char *unique, size_t ulen, uint64_t size, int64_t mtime,
    int *keep)
{
	struct row_walk	*w = ctx;
	struct summary	*r;
	int		 c = 1;

	while (w->next < w->n &&
	    (c = name_cmp(w->rows[w->order[w->next]].ref.name, unique, ulen)) < 0)
		w->next++;
	*keep = 0;
	if (w->next == w->n || c != 0)
		return NULL;
	r = &w->rows[w->order[w->next++]];
	*keep = 1;
	if (r->size == size && (int64_t)r->mtime == mtime && unfilled(r))
		return r;
	return NULL;
}

static int
cmp_row_name(const void *a, const void *b, void *arg)
{
	const struct summary	*rows = arg;
	size_t			 x = *(const size_t *)a, y = *(const size_t *)b;
	int			 c = strcmp(rows[x].ref.name, rows[y].ref.name);

	return c != 0 ? c : (x > y) - (x < y);
}

/* Fill every row the cache knows in one cursor scan; note the records of vanished files. */
static void
sift_cache(struct session *s, const char *folder, struct summary_vec *rows)
{
	struct row_walk	w = { rows->v, NULL, 0, 0 };
	struct bote_err	cerr;
	size_t		i;
	int		sorted = 1;

	w.order = xreallocarray(NULL, rows->n ? rows->n : 1, sizeof *w.order);
	for (i = 0; i < rows->n; i++) {
		if (rows->v[i].ref.name == NULL)
			continue;
		if (w.n > 0 && sorted)
			sorted = strcmp(rows->v[w.order[w.n - 1]].ref.name, rows->v[i].ref.name) <= 0;
		w.order[w.n++] = i;
	}
	/* The Maildir driver lists files in this order already; others may not. */
	if (!sorted)
		qsort_r(w.order, w.n, sizeof *w.order, cmp_row_name, rows->v);
	if (hcache_folder_sift(s->hc, folder, sift_row, &w, &s->gone, &cerr) == 0)
		s->sifted = 1;
	free(w.order);
}

int
session_select_index(struct session *s, const char *folder, struct summary_vec *out,
    struct bote_err *err)
{
	struct select_info	si;

	if (s->ops->select(s->drv, folder, &si, err) != 0)
		return -1;
	if (s->ops->fetch_index(s->drv, out, err) != 0)
		return -1;
	forget_folder(s);
	s->folder = xstrdup(folder);
	if (s->hc != NULL)
		sift_cache(s, folder, out);
	return 0;
}

static size_t
rows_to_read(const struct summary *rows, size_t n, size_t *miss)
{
	size_t	i, nmiss = 0;

	for (i = 0; i < n; i++)
		if (unfilled(&rows[i]))
			miss[nmiss++] = i;
	return nmiss;
}

size_t
session_rows_unfilled(const struct summary *rows, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		k += unfilled(&rows[i]);
	return k;
}

static void
cache_flush(struct session *s)
{
	struct bote_err	cerr;

	if (s->txn != NULL)
		hcache_commit(s->txn, &cerr);
	s->txn = NULL;
	s->txn_rows = 0;
}

/* Rows go to the cache in commits of CACHE_COMMIT_ROWS: a kill loses at most one. */
static void
cache_put(struct session *s, const struct summary *rows, const size_t *idx, size_t n)
{
	struct bote_err	cerr;
	size_t		i;

	if (s->hc == NULL || s->folder == NULL || n == 0)
		return;
	if (s->txn == NULL && (s->txn = hcache_begin(s->hc, &cerr)) == NULL)
		return;
	for (i = 0; i < n; i++)
		if (rows[idx[i]].ref.name != NULL)
			hcache_put_maildir(s->txn, s->folder, rows[idx[i]].ref.name,
			    rows[idx[i]].size, (int64_t)rows[idx[i]].mtime, &rows[idx[i]]);
	if ((s->txn_rows += n) >= CACHE_COMMIT_ROWS)
		cache_flush(s);
}

#define PARALLEL_MIN	256	/* fewer rows are not worth a second thread */

struct fill_half {
	struct session	*s;
	struct summary	*rows;
	size_t		 n;
	int		 rc;
	struct bote_err	 err;
};

static void *
fill_half_main(void *arg)
{
	struct fill_half	*h = arg;

	h->rc = h->s->ops->fetch_summaries(h->s->drv, h->rows, h->n, &h->err);
	return NULL;
}

/* The driver reads headers; on two threads when it allows and the batch is big. */
static int
fetch(struct session *s, struct summary *rows, size_t n, struct bote_err *err)
{
	struct fill_half	h;
	pthread_t		th;
	int			rc;

	if (!(s->ops->caps & DRV_CAP_PARALLEL_SUMMARIES) || n < PARALLEL_MIN)
		return s->ops->fetch_summaries(s->drv, rows, n, err);
	h.s = s;
	h.rows = rows + n / 2;
	h.n = n - n / 2;
	h.rc = 0;
	if (pthread_create(&th, NULL, fill_half_main, &h) != 0)
		return s->ops->fetch_summaries(s->drv, rows, n, err);
	rc = s->ops->fetch_summaries(s->drv, rows, n / 2, err);
	pthread_join(th, NULL);
	if (rc == 0 && h.rc != 0) {
		rc = h.rc;
		if (err != NULL)
			*err = h.err;
	}
	return rc;
}

int
session_fill_summaries(struct session *s, struct summary *rows, size_t n,
    struct bote_err *err)
{
	size_t		*miss, nmiss, i;
	struct summary	*tmp;
	int		 rc = 0;

	if (s->hc == NULL) {
		rc = fetch(s, rows, n, err);
		for (i = 0; i < n; i++)
			summary_pack(&rows[i]);
		return rc;
	}
	miss = xcalloc(n ? n : 1, sizeof *miss);
	if ((nmiss = rows_to_read(rows, n, miss)) > 0) {
		/* The driver fills a contiguous array: lend it the missing rows. */
		tmp = xcalloc(nmiss, sizeof *tmp);
		for (i = 0; i < nmiss; i++)
			tmp[i] = rows[miss[i]];
		rc = fetch(s, tmp, nmiss, err);
		for (i = 0; i < nmiss; i++) {
			rows[miss[i]] = tmp[i];
			summary_pack(&rows[miss[i]]);	/* trimmed and compact before caching */
		}
		free(tmp);
		if (rc == 0)
			cache_put(s, rows, miss, nmiss);
	}
	free(miss);
	for (i = 0; i < n; i++)
		summary_pack(&rows[i]);
	return rc;
}

void
session_prune_cache(struct session *s)
{
	struct hcache_txn	*txn;
	struct bote_err		 cerr;
	size_t			 i;

	cache_flush(s);
	if (!s->sifted || s->folder == NULL)
		return;
	if (s->gone.n > 0 && (txn = hcache_begin(s->hc, &cerr)) != NULL) {
		for (i = 0; i < s->gone.n; i++)
			hcache_del_maildir(txn, s->folder, s->gone.v[i].unique);
		hcache_commit(txn, &cerr);
	}
	hcache_folder_free(&s->gone);
	memset(&s->gone, 0, sizeof s->gone);
	s->sifted = 0;
}

int
session_open_folder(struct session *s, const char *folder, struct summary_vec *out,
    struct bote_err *err)
{
	size_t	i, n;

	if (session_select_index(s, folder, out, err) != 0)
		return -1;
	/* In batches, so the cache grows in commits a kill cannot undo. */
	for (i = 0; i < out->n; i += n) {
		n = out->n - i < 1000 ? out->n - i : 1000;
		if (session_fill_summaries(s, out->v + i, n, err) != 0) {
			summary_vec_free(out);
			return -1;
		}
	}
	session_prune_cache(s);
	sort_summaries(out->v, out->n, SORT_DATE, 0);
	return 0;
}

int
session_raw(struct session *s, const struct msgref *ref, int *fd_out, struct bote_err *err)
{
	return s->ops->fetch_message(s->drv, ref, fd_out, err);
}

int
session_render(struct session *s, const struct msgref *ref, struct display *out,
    struct bote_err *err)
{
	return session_render_with(s, ref, NULL, out, err);
}

int
session_render_with(struct session *s, const struct msgref *ref,
    const char *const *html_filter, struct display *out, struct bote_err *err)
{
	struct render_opts	opts = { 0 };
	int			fd, rc;

	opts.html_filter = html_filter;
	if (s->ops->fetch_message(s->drv, ref, &fd, err) != 0)
		return -1;
	rc = mime_render_fd(fd, &opts, out, err);
	close(fd);
	return rc;
}

int
session_message_text(struct session *s, const struct msgref *ref, char **headers,
    char **body, struct bote_err *err)
{
	struct render_opts	opts = { 0 };
	struct display		d = { 0 };
	struct buf		hb = BUF_INIT, bb = BUF_INIT;
	size_t			i;
	int			fd;

	*headers = *body = NULL;
	if (s->ops->fetch_message(s->drv, ref, &fd, err) != 0)
		return -1;
	if (mime_read_header(fd, &hb, MIME_HEADER_MAX, err) != 0 ||
	    lseek(fd, 0, SEEK_SET) != 0 || mime_render_fd(fd, &opts, &d, err) != 0) {
		close(fd);
		buf_free(&hb);
		display_free(&d);
		return -1;
	}
	close(fd);
	for (i = 0; i < d.nlines; i++) {
		if (d.lines[i].style == LINE_HEADER)
			continue;
		buf_puts(&bb, d.lines[i].text);
		buf_putc(&bb, '\n');
	}
	display_free(&d);
	*headers = buf_steal(&hb);
	*body = buf_steal(&bb);
	return 0;
}

int
session_set_flags(struct session *s, const struct msgref *refs, size_t n, unsigned set,
    unsigned clear, unsigned *flags_out, struct bote_err *err)
{
	if (s->ops->store_flags == NULL)
		return unsupported(s, "change flags", err);
	return s->ops->store_flags(s->drv, refs, n, set, clear, flags_out, err);
}

int
session_move(struct session *s, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	if (s->ops->move == NULL)
		return unsupported(s, "move messages", err);
	return s->ops->move(s->drv, refs, n, dst, err);
}

int
session_move_tracked(struct session *s, const struct msgref *refs, size_t n, const char *dst,
    struct msgref *landed, struct bote_err *err)
{
	if (s->ops->move_tracked == NULL)
		return session_move(s, refs, n, dst, err);
	return s->ops->move_tracked(s->drv, refs, n, dst, landed, err);
}

int
session_copy(struct session *s, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	if (s->ops->copy == NULL)
		return unsupported(s, "copy messages", err);
	return s->ops->copy(s->drv, refs, n, dst, err);
}

int
session_expunge(struct session *s, size_t *removed, struct bote_err *err)
{
	if (s->ops->expunge == NULL)
		return unsupported(s, "expunge", err);
	return s->ops->expunge(s->drv, removed, err);
}

int
session_create_folder(struct session *s, const char *name, struct bote_err *err)
{
	if (s->ops->create_folder == NULL)
		return unsupported(s, "create folders", err);
	return s->ops->create_folder(s->drv, name, err);
}

/* The cache's state of a folder that is renamed or deleted is of no use any more. */
static void
forget_if(struct session *s, const char *name)
{
	if (s->folder != NULL && strcmp(s->folder, name) == 0)
		forget_folder(s);
}

/* Its records too, once the store has let go of it (a write batch of ours comes first). */
static void
drop_cached(struct session *s, const char *name)
{
	struct bote_err	cerr;

	if (s->hc == NULL)
		return;
	cache_flush(s);
	hcache_folder_drop(s->hc, name, &cerr);
}

int
session_rename_folder(struct session *s, const char *from, const char *to,
    struct bote_err *err)
{
	if (s->ops->rename_folder == NULL)
		return unsupported(s, "rename folders", err);
	forget_if(s, from);
	if (s->ops->rename_folder(s->drv, from, to, err) != 0)
		return -1;
	drop_cached(s, from);
	return 0;
}

int
session_delete_folder(struct session *s, const char *name, int force, size_t *count,
    struct bote_err *err)
{
	*count = 0;
	if (s->ops->delete_folder == NULL)
		return unsupported(s, "delete folders", err);
	forget_if(s, name);
	if (s->ops->delete_folder(s->drv, name, force, count, err) != 0)
		return -1;
	drop_cached(s, name);
	return 0;
}

int
session_subscribe(struct session *s, const char *name, int on, struct bote_err *err)
{
	if (s->ops->subscribe == NULL)
		return unsupported(s, "subscribe to folders", err);
	return s->ops->subscribe(s->drv, name, on, err);
}

int
session_search(struct session *s, const struct pattern_term *t, const struct msgref *refs,
    size_t n, unsigned char *hits, struct bote_err *err)
{
	if (s->ops->search == NULL)
		return unsupported(s, "search on a server", err);
	return s->ops->search(s->drv, t, refs, n, hits, err);
}

int
session_append(struct session *s, const char *folder, int fd, unsigned flags, time_t date,
    struct msgref *out, struct bote_err *err)
{
	if (s->ops->append == NULL)
		return unsupported(s, "save messages", err);
	return s->ops->append(s->drv, folder, fd, flags, date, out, err);
}
