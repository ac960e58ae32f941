/*
 * imap_resync.c - a folder's index from the header cache plus what changed
 * on the server: with QRESYNC only the changes since the cached modseq
 * (nothing at all when HIGHESTMODSEQ is unchanged), else every UID's
 * flags and the new messages.  See docs/ARCHITECTURE.md, "IMAP".
 */
#include <stdlib.h>
#include <string.h>

#include "cache/hcache.h"
#include "core/flags.h"
#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

void
imap_resync_enable(struct drv *d)
{
	struct mailimap_capability_data	*req, *res = NULL;
	clist				*list;
	int				 rc;

	/* Logged in: whatever the cache showed while offline, the server answers again. */
	d->offline = 0;
	d->qresync = 0;
	if (d->imap == NULL || !imap_conn_has(d->imap, 0, "QRESYNC") || !imap_conn_has(d->imap, 0, "ENABLE"))
		return;
	list = clist_new();
	clist_append(list, mailimap_capability_new(MAILIMAP_CAPABILITY_NAME, NULL,
	    xstrdup("QRESYNC")));
	req = mailimap_capability_data_new(list);
	imap_conn_limit(d, 0, 0);
	rc = mailimap_enable(d->imap, req, &res);
	mailimap_capability_data_free(req);
	if (res != NULL)
		mailimap_capability_data_free(res);
	if (rc == MAILIMAP_NO_ERROR)
		d->qresync = 1;
	else if (rc == MAILIMAP_ERROR_STREAM || rc == MAILIMAP_ERROR_PARSE)
		imap_conn_drop(d);	/* the next operation reconnects */
}

int
imap_resync_select(struct drv *d, const char *server)
{
	uint64_t	modseq = 0;
	int		rc;

	if (d->qresync || imap_conn_has(d->imap, 0, "CONDSTORE"))
		rc = d->readonly ? mailimap_examine_condstore(d->imap, server, &modseq) :
		    mailimap_select_condstore(d->imap, server, &modseq);
	else
		rc = d->readonly ? mailimap_examine(d->imap, server) :
		    mailimap_select(d->imap, server);
	d->modseq = rc == MAILIMAP_NO_ERROR ? modseq : 0;
	d->uidnext = rc == MAILIMAP_NO_ERROR ? d->imap->imap_selection_info->sel_uidnext : 0;
	return rc;
}

/* The first index with uids[i] >= uid. */
static size_t
lower_bound(const uint32_t *uids, size_t n, uint32_t uid)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (uids[mid] < uid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
imap_resync_vanish(const uint32_t *uids, size_t n, const struct mailimap_set *set,
    unsigned char *gone)
{
	clistiter	*it;
	uint32_t	 first, last, t;
	size_t		 i, marked = 0;

	if (set == NULL || set->set_list == NULL)
		return 0;
	for (it = clist_begin(set->set_list); it != NULL; it = clist_next(it)) {
		const struct mailimap_set_item *item = clist_content(it);

		if (item == NULL)
			continue;
		first = item->set_first;
		last = item->set_last;
		/* '*' (0 here) is the largest UID; "9:3" is "3:9" (RFC 3501 9). */
		if (first == 0)
			first = UINT32_MAX;
		if (last == 0)
			last = UINT32_MAX;
		if (first > last) {
			t = first;
			first = last;
			last = t;
		}
		for (i = lower_bound(uids, n, first); i < n && uids[i] <= last; i++)
			if (!gone[i]) {
				gone[i] = 1;
				marked++;
			}
	}
	return marked;
}

/* What the cache held and what the server said of it. */
struct merge {
	struct summary_vec	 cached;	/* sorted by uid */
	uint32_t		*uids;		/* cached.v[i].ref.uid */
	unsigned char		*gone;		/* expunged on the server */
	unsigned char		*dirty;		/* flags changed: write back */
	unsigned char		*seen;		/* named by a full flag fetch */
	struct summary_vec	 fresh;		/* messages the cache lacks, unfilled */
	size_t			 freshcap;
};

static void
merge_free(struct merge *m)
{
	summary_vec_free(&m->cached);
	summary_vec_free(&m->fresh);
	free(m->uids);
	free(m->gone);
	free(m->dirty);
	free(m->seen);
}

static size_t
count_gone(const struct merge *m)
{
	size_t	i, k = 0;

	for (i = 0; i < m->cached.n; i++)
		k += m->gone[i] != 0;
	return k;
}

/* Forget what the server said, keeping what the cache held (flag updates stay: they are true). */
static void
reset_merge(struct merge *m)
{
	memset(m->gone, 0, m->cached.n);
	memset(m->seen, 0, m->cached.n);
	summary_vec_free(&m->fresh);
	m->freshcap = 0;
}

static long
cached_index(const struct merge *m, uint32_t uid)
{
	size_t	i = lower_bound(m->uids, m->cached.n, uid);

	return i < m->cached.n && m->uids[i] == uid ? (long)i : -1;
}

static int
same_keywords(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * One FETCH response: new flags for a cached row; a row the cache lacks is
 * kept, or only its UID noted in want when the response has flags alone.
 */
static void
merge_row(struct drv *d, struct merge *m, const struct mailimap_msg_att *att,
    struct mailimap_set *want)
{
	struct summary	 row;
	struct summary	*c;
	long		 i;

	if (!imap_fetch_index_row(att, &row)) {
		summary_free(&row);
		return;
	}
	row.ref.epoch = d->uidvalidity;
	if ((i = cached_index(m, row.ref.uid)) >= 0) {
		c = &m->cached.v[i];
		m->seen[i] = 1;
		m->gone[i] = 0;
		if (c->flags != row.flags || !same_keywords(c->keywords, row.keywords)) {
			c->flags = row.flags;
			free(c->keywords);
			c->keywords = row.keywords;
			row.keywords = NULL;
			m->dirty[i] = 1;
		}
		summary_free(&row);
		return;
	}
	if (want != NULL) {
		mailimap_set_add_single(want, row.ref.uid);
		summary_free(&row);
		return;
	}
	if (m->fresh.n == m->freshcap) {
		m->freshcap = m->freshcap ? m->freshcap * 2 : 64;
		m->fresh.v = xreallocarray(m->fresh.v, m->freshcap, sizeof *m->fresh.v);
	}
	m->fresh.v[m->fresh.n++] = row;
}

/* Streaming: the response and what to do with a row the cache lacks. */
struct merge_call {
	struct drv		*d;
	struct merge		*m;
	struct mailimap_set	*want;
};

static void
merge_one(const struct mailimap_msg_att *att, void *arg)
{
	struct merge_call	*c = arg;

	merge_row(c->d, c->m, att, c->want);
}

size_t
imap_resync_vanished(const uint32_t *uids, size_t n, const clist *ext, unsigned char *gone)
{
	clistiter	*it;
	size_t		 marked = 0;

	if (ext == NULL)
		return 0;
	for (it = clist_begin((clist *)ext); it != NULL; it = clist_next(it)) {
		const struct mailimap_extension_data *e = clist_content(it);
		const struct mailimap_qresync_vanished *qv;

		if (e == NULL || e->ext_extension == NULL ||
		    e->ext_extension->ext_id != MAILIMAP_EXTENSION_QRESYNC ||
		    e->ext_type != MAILIMAP_QRESYNC_TYPE_VANISHED || (qv = e->ext_data) == NULL)
			continue;
		marked += imap_resync_vanish(uids, n, qv->qr_known_uids, gone);
	}
	return marked;
}

/* Every VANISHED response the last command brought, not only the first one libetpan returns. */
static void
merge_vanished(struct drv *d, struct merge *m, const struct mailimap_qresync_vanished *v)
{
	if (v != NULL)
		imap_resync_vanish(m->uids, m->cached.n, v->qr_known_uids, m->gone);
	if (d->imap != NULL && d->imap->imap_response_info != NULL)
		imap_resync_vanished(m->uids, m->cached.n,
		    d->imap->imap_response_info->rsp_extension_list, m->gone);
}

/* QRESYNC: what changed since the cached modseq, expunges as VANISHED (EARLIER). */
static int
changes_since(struct drv *d, struct merge *m, uint64_t modseq, size_t exists,
    struct bote_err *err)
{
	struct mailimap_set			*set = mailimap_set_new_interval(1, 0);
	struct mailimap_qresync_vanished	*v = NULL;
	struct merge_call			 c = { d, m, NULL };
	int					 rc;

	rc = imap_fetch_stream(d, set, 0, modseq, exists, merge_one, &c, &v);
	mailimap_set_free(set);
	if (rc == MAILIMAP_NO_ERROR)
		merge_vanished(d, m, v);
	if (v != NULL)
		mailimap_qresync_vanished_free(v);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot read the messages of folder '%s'"),
		    d->folder, err);
	return 0;
}

/* Without QRESYNC: every UID's flags, then the index of the UIDs the cache lacks. */
static int
full_flags(struct drv *d, struct merge *m, size_t exists, struct bote_err *err)
{
	struct mailimap_set	*set;
	struct merge_call	 c = { d, m, mailimap_set_new_empty() };
	size_t			 i;
	int			 rc = MAILIMAP_NO_ERROR;

	if (exists > 0)
		rc = imap_fetch_stream(d, NULL, 1, 0, exists, merge_one, &c, NULL);
	if (rc == MAILIMAP_NO_ERROR) {
		for (i = 0; i < m->cached.n; i++)
			m->gone[i] = !m->seen[i];
		set = c.want;
		c.want = NULL;
		if (clist_count(set->set_list) > 0)
			rc = imap_fetch_stream(d, set, 0, 0, (size_t)clist_count(set->set_list),
			    merge_one, &c, NULL);
		mailimap_set_free(set);
	} else
		mailimap_set_free(c.want);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot read the messages of folder '%s'"),
		    d->folder, err);
	return 0;
}

static int
cmp_row_uid(const void *a, const void *b)
{
	uint32_t	x = ((const struct summary *)a)->ref.uid;
	uint32_t	y = ((const struct summary *)b)->ref.uid;

	return x < y ? -1 : x > y;
}

/* Expunged records out of the cache, changed flags in, in one commit. */
static void
write_back(struct drv *d, struct merge *m)
{
	struct hcache_txn	*t;
	struct bote_err		 err;
	size_t			 i, n = 0;

	if ((t = hcache_begin(d->hc, &err)) == NULL)
		return;
	for (i = 0; i < m->cached.n; i++) {
		if (m->gone[i]) {
			hcache_del_imap(t, d->folder, d->uidvalidity, m->uids[i]);
			n++;
		} else if (m->dirty[i]) {
			hcache_put_imap(t, d->folder, d->uidvalidity, &m->cached.v[i]);
			n++;
		}
	}
	if (n > 0)
		hcache_commit(t, &err);
	else
		hcache_abort(t);
}

static int
is_fresh(const struct merge *m, uint32_t uid)
{
	return cached_index(m, uid) < 0;
}

/* The rows that stay, then the fresh ones, by UID; the driver's index from them. */
static void
assemble(struct drv *d, struct merge *m, struct summary_vec *out)
{
	size_t	i, n = 0, k;

	/*
	 * The cached rows stay where they are, the gone ones squeezed out: a
	 * second array of 100,000 rows beside the first was the peak of an
	 * unchanged reopen.
	 */
	for (i = 0; i < m->cached.n; i++) {
		if (m->gone[i]) {
			summary_free(&m->cached.v[i]);
			continue;
		}
		if (n != i) {
			m->cached.v[n] = m->cached.v[i];
			memset(&m->cached.v[i], 0, sizeof m->cached.v[i]);
		}
		n++;
	}
	out->v = xreallocarray(m->cached.v, n + m->fresh.n + 1, sizeof *out->v);
	m->cached.v = NULL;
	k = n;
	for (i = 0; i < m->fresh.n; i++) {
		out->v[n++] = m->fresh.v[i];
		memset(&m->fresh.v[i], 0, sizeof m->fresh.v[i]);
	}
	out->n = n;
	if (m->fresh.n > 0) {
		qsort(out->v, n, sizeof *out->v, cmp_row_uid);
		imap_fetch_drop_dup_uids(out);	/* a hostile server may name a UID twice */
		n = out->n;
	}
	imap_fetch_keep_index(d, out);
	/* The rows that came from the cache are cached, also those with no header field. */
	for (i = 0; i < n; i++)
		if (!is_fresh(m, out->v[i].ref.uid))
			imap_fetch_find(d, out->v[i].ref.uid)->cached = 1;
	d->uncached = n > k ? n - k : 0;
	m->cached.n = 0;	/* its rows are out's now */
}

static void
load_cached(struct merge *m)
{
	size_t	i, n = m->cached.n;

	m->uids = xcalloc(n + 1, sizeof *m->uids);
	m->gone = xcalloc(n + 1, 1);
	m->dirty = xcalloc(n + 1, 1);
	m->seen = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		m->uids[i] = m->cached.v[i].ref.uid;
		/* \Recent belongs to the session that saw it first, not to the cache. */
		m->cached.v[i].flags &= ~FLAG_NEW;
	}
}

int
imap_resync_index(struct drv *d, struct summary_vec *out, struct bote_err *err)
{
	struct hcache_imap_state	 st;
	struct merge			 m;
	struct bote_err			 cerr;
	size_t				 exists;
	int				 rc = 0, unchanged, pre;

	memset(out, 0, sizeof *out);
	memset(&m, 0, sizeof m);
	/* What the cache held when SELECT went out, if it was read meanwhile. */
	pre = imap_prefetch_take(d, d->folder, &st, &m.cached);
	if (imap_cache_handle(d) == NULL) {
		if (d->offline)
			return imap_cache_offline_error(d, err);
		return 0;
	}
	if (!d->offline && imap_conn_ensure(d, err) == -1) {
		merge_free(&m);
		return -1;
	}
	if (d->folder == NULL)
		st.uidvalidity = 0;
	else if (!pre && hcache_imap_load(d->hc, d->folder, &st, &m.cached, &cerr) != 0)
		st.uidvalidity = 0;
	if (d->offline) {
		if (st.uidvalidity == 0 || st.uidvalidity != d->uidvalidity) {
			merge_free(&m);
			return imap_cache_offline_error(d, err);
		}
		load_cached(&m);
		assemble(d, &m, out);
		merge_free(&m);
		return 1;
	}
	if (st.uidvalidity != 0 && st.uidvalidity != d->uidvalidity) {
		/* Rebuilt on the server: every cached UID names another message, or none. */
		imap_cache_drop(d);
		st.uidvalidity = 0;
	}
	if (st.uidvalidity == 0) {
		merge_free(&m);
		d->cache_modseq = 0;
		return 0;
	}
	load_cached(&m);
	exists = d->imap->imap_selection_info->sel_exists;
	unchanged = d->qresync && d->modseq != 0 && st.modseq == d->modseq &&
	    st.uidnext == d->uidnext && m.cached.n == exists;
	if (unchanged)
		d->cache_modseq = st.modseq;
	else if (d->qresync && d->modseq != 0 && st.modseq != 0) {
		d->cache_modseq = st.modseq;
		rc = changes_since(d, &m, st.modseq, exists, err);
		/* A count that does not add up: ask for every UID instead. */
		if (rc == 0 && m.cached.n + m.fresh.n - count_gone(&m) != exists) {
			reset_merge(&m);
			d->cache_modseq = 0;
			rc = full_flags(d, &m, exists, err);
		}
	} else {
		d->cache_modseq = 0;
		rc = full_flags(d, &m, exists, err);
	}
	if (rc == 0) {
		write_back(d, &m);
		assemble(d, &m, out);
		if (!unchanged)		/* else the state is what the cache holds: no disk write */
			imap_cache_state(d);
	}
	merge_free(&m);
	return rc == 0 ? 1 : -1;
}
