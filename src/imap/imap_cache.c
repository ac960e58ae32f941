/* imap_cache.c - the IMAP driver's header cache and folder list, and opening an account from them when the server is unreachable. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache/hcache.h"
#include "imap/imap_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define FOLDERS_BLOB	"imap-folders"
#define CACHE_COMMIT_ROWS	1000
#define FOLDERS_MAGIC	"bote-folders 1\n"

/* One cache per account: user, host and port, hashed into the directory name. */
static char *
cache_dir(const struct account *a)
{
	struct bote_err	 err;
	char		*base, *dir, *id;
	const char	*p;
	uint64_t	 h = 1469598103934665603ULL;

	if ((base = config_user_dir("cache", &err)) == NULL)
		return NULL;
	id = xasprintf("%s@%s:%u", a->user != NULL ? a->user : "", a->host, (unsigned)a->port);
	for (p = id; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	dir = xasprintf("%s/imap-%016llx", base, (unsigned long long)h);
	free(id);
	free(base);
	return dir;
}

/* The header cache, opened on first use; NULL when there is none (bote is slower, not broken). */
struct hcache *
imap_cache_handle(struct drv *d)
{
	struct bote_err	err;

	if (!d->hc_tried) {
		d->hc_tried = 1;
		if (d->cache_dir == NULL)
			d->cache_dir = cache_dir(d->acct);
		if (d->cache_dir != NULL)
			d->hc = hcache_open(d->cache_dir, &err);
	}
	return d->hc;
}

void
imap_cache_close(struct drv *d)
{
	imap_prefetch_drop(d);
	imap_cache_flush(d);
	hcache_close(d->hc);
	d->hc = NULL;
	free(d->cache_dir);
	d->cache_dir = NULL;
}

void
imap_cache_state(struct drv *d)
{
	struct hcache_imap_state	 st;
	struct hcache_txn		*t;
	struct bote_err			 err;

	if (d->folder == NULL || d->offline || imap_cache_handle(d) == NULL)
		return;
	imap_cache_flush(d);
	st.uidvalidity = d->uidvalidity;
	st.uidnext = d->uidnext;
	/* Only a complete cache may skip the messages that did not change. */
	st.modseq = d->uncached == 0 ? d->modseq : d->cache_modseq;
	if ((t = hcache_begin(d->hc, &err)) == NULL)
		return;
	hcache_put_imap_state(t, d->folder, &st);
	hcache_commit(t, &err);
}

/*
 * Rows go to the cache in commits of CACHE_COMMIT_ROWS: each commit waits
 * for the disk, and a kill loses at most one.  A header batch is 1,000
 * rows, so each is its own commit: a bigger one held some 4 MB of log and
 * as much of LMDB's dirty pages on a first open, for no gain in time.
 */
void
imap_cache_flush(struct drv *d)
{
	struct bote_err	err;

	if (d->txn != NULL)
		hcache_commit(d->txn, &err);
	d->txn = NULL;
	d->txn_rows = 0;
}

void
imap_cache_rows(struct drv *d, const struct summary *rows, size_t n)
{
	struct imap_msg		*m;
	struct bote_err		 err;
	size_t			 i, put = 0;

	if (d->folder == NULL || d->offline || imap_cache_handle(d) == NULL)
		return;
	if (d->txn == NULL && (d->txn = hcache_begin(d->hc, &err)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		/* Asked for: a message without any of the fields is cached as such. */
		if (rows[i].ref.epoch != d->uidvalidity ||
		    (m = imap_fetch_find(d, rows[i].ref.uid)) == NULL || m->cached)
			continue;
		if (hcache_put_imap(d->txn, d->folder, d->uidvalidity, &rows[i]) == 0) {
			m->cached = 1;
			put++;
		}
	}
	d->uncached = d->uncached > put ? d->uncached - put : 0;
	if ((d->txn_rows += put) >= CACHE_COMMIT_ROWS || d->uncached == 0)
		imap_cache_flush(d);
	if (d->uncached == 0 && put > 0)
		imap_cache_state(d);
}

void
imap_cache_drop(struct drv *d)
{
	struct bote_err	err;

	imap_cache_flush(d);
	if (d->folder != NULL && imap_cache_handle(d) != NULL)
		hcache_folder_drop(d->hc, d->folder, &err);
	/* The bodies of the old UIDVALIDITY belong to UIDs that mean nothing now. */
	imap_bodies_forget(d, d->folder, d->uidvalidity);
}

void
imap_cache_forget(struct drv *d, const char *folder)
{
	struct bote_err	err;

	imap_cache_flush(d);
	if (imap_cache_handle(d) != NULL)
		hcache_folder_drop(d->hc, folder, &err);
	imap_bodies_forget(d, folder, 0);
}

/*
 * The folder list as text: a magic line, then one folder a line as
 * "role depth name".  Read back defensively: the file is only a cache.
 */
static void
folders_save(struct drv *d, const struct folder_list *fl)
{
	struct buf	b = BUF_INIT;
	struct bote_err	err;
	size_t		i;

	if (imap_cache_handle(d) == NULL)
		return;
	buf_puts(&b, FOLDERS_MAGIC);
	for (i = 0; i < fl->n; i++) {
		if (strchr(fl->v[i].name, '\n') != NULL)
			continue;
		buf_printf(&b, "%d %s\n", (int)fl->v[i].role, fl->v[i].name);
	}
	hcache_blob_put(d->hc, FOLDERS_BLOB, b.data, b.len, &err);
	buf_free(&b);
}

static int
folders_load(struct drv *d, struct folder_list *out)
{
	struct buf		 b = BUF_INIT;
	struct bote_err		 err;
	struct folder_info	 fi;
	char			*p, *nl, *end;
	const char		*s;
	long			 role;

	memset(out, 0, sizeof *out);
	if (imap_cache_handle(d) == NULL || hcache_blob_get(d->hc, FOLDERS_BLOB, &b, &err) != 1)
		return -1;
	buf_putc(&b, '\0');
	if (strncmp(b.data, FOLDERS_MAGIC, strlen(FOLDERS_MAGIC)) != 0) {
		buf_free(&b);
		return -1;
	}
	for (p = b.data + strlen(FOLDERS_MAGIC); (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		*nl = '\0';
		errno = 0;
		role = strtol(p, &end, 10);
		if (errno != 0 || end == p || *end != ' ' || role < ROLE_NONE || role > ROLE_ARCHIVE ||
		    end[1] == '\0')
			continue;
		memset(&fi, 0, sizeof fi);
		fi.name = end + 1;
		fi.role = (enum folder_role)role;
		for (s = fi.name; *s != '\0'; s++)
			fi.depth += *s == '/';
		fi.total = fi.unread = -1;
		folder_list_add(out, &fi);
	}
	buf_free(&b);
	folder_list_sort(out);
	return out->n > 0 ? 0 : -1;
}

int
imap_cache_offline_error(struct drv *d, struct bote_err *err)
{
	imap_conn_error(err, BOTE_ERR_CONNECTION, _("cannot reach '%s'"), d->acct->host,
	    _("offline, showing the cached mail"));
	return -1;
}

int
imap_cache_list_folders(struct drv *d, int counts, struct folder_list *out,
    struct bote_err *err)
{
	if (d->offline) {
		if (folders_load(d, out) == 0)
			return 0;
		return imap_cache_offline_error(d, err);
	}
	/*
	 * The startup's list (no counts, nothing selected yet) comes from the
	 * cache when it has one: the server's LIST is asked for after the
	 * first SELECT, which it would otherwise slow down (see driver.h).
	 */
	if (!counts && d->folder == NULL && !d->folders_asked) {
		d->folders_asked = 1;
		if (folders_load(d, out) == 0) {
			out->cached = 1;
			return 0;
		}
	}
	d->folders_asked = 1;
	if (imap_folders_list(d, counts, out, err) != 0)
		return -1;
	folders_save(d, out);
	return 0;
}

int
imap_cache_select(struct drv *d, const char *folder, struct select_info *si,
    struct bote_err *err)
{
	struct hcache_imap_state	 st;
	struct summary_vec		 rows;
	struct bote_err			 cerr;

	int				 rc;

	if (!d->offline) {
		/* The cached rows are decoded while the server works on SELECT. */
		imap_prefetch_start(d, folder);
		rc = imap_folders_select(d, folder, si, err);
		imap_prefetch_join(d);
		if (rc != 0)
			imap_prefetch_drop(d);
		return rc;
	}
	/* Offline: the folder as the cache last saw it. */
	if (imap_cache_handle(d) == NULL ||
	    hcache_imap_load(d->hc, folder, &st, &rows, &cerr) != 0 || st.uidvalidity == 0) {
		summary_vec_free(&rows);
		imap_conn_error(err, BOTE_ERR_CONNECTION, _("cannot open folder '%s'"), folder,
		    _("offline, and it is not in the cache"));
		return -1;
	}
	free(d->folder);
	d->folder = xstrdup(folder);
	d->uidvalidity = st.uidvalidity;
	d->uidnext = st.uidnext;
	memset(si, 0, sizeof *si);
	si->epoch = st.uidvalidity;
	si->uidnext = st.uidnext;
	si->exists = rows.n;
	summary_vec_free(&rows);
	return 0;
}

/*
 * Connecting: when the server cannot be reached (no route, refused,
 * timed out - not a refused login or certificate) and the account has a
 * cache, the account opens offline: read-only, from the
 * cache, saying so (session_offline).
 */
int
imap_cache_connect(struct drv *d, struct bote_err *err)
{
	struct bote_err		e;
	struct stat		st;

	d->offline = 0;
	bote_err_clear(&e);
	if (imap_conn_open(d, &e) == 0)
		return 0;
	if (d->cache_dir == NULL)
		d->cache_dir = cache_dir(d->acct);
	/* Only an account seen before: an empty cache would show nothing. */
	if (e.kind == BOTE_ERR_CONNECTION && d->cache_dir != NULL &&
	    stat(d->cache_dir, &st) == 0 && imap_cache_handle(d) != NULL) {
		d->offline = 1;
		return 0;
	}
	if (err != NULL)
		*err = e;
	return -1;
}
