/* hcache_folder.c - one folder's cached summaries: one cursor scan, a hash by unique name. */
#include <stdlib.h>
#include <string.h>

#include "cache/hcache_private.h"
#include "util/xmalloc.h"

static size_t
hash_unique(const char *s, size_t len)
{
	size_t	h = 1469598103934665603ULL;
	size_t	i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static unsigned char *
arena_take(struct hcache_folder *f, size_t n)
{
	size_t	off = f->arenalen;

	if (f->arenacap - f->arenalen < n) {
		if (f->arenacap == 0)
			f->arenacap = 64 * 1024;
		while (f->arenacap - f->arenalen < n)
			f->arenacap *= 2;
		/* Large blocks are mremap()ed by glibc: growing does not copy. */
		f->arena = xreallocarray(f->arena, f->arenacap, 1);
	}
	f->arenalen += n;
	return f->arena + off;
}

/* Copies one record out of the map, "unique\0" then the value, when both are sane. */
static void
folder_add(struct hcache_folder *f, const MDB_val *k, const MDB_val *v)
{
	const char		*unique = (const char *)k->mv_data + HCACHE_PREFIX;
	size_t			 ulen = k->mv_size - HCACHE_PREFIX;
	struct hcache_entry	*e;
	unsigned char		*p;
	uint64_t		 size;
	int64_t			 mtime;

	if (ulen == 0 || ulen > HCACHE_UNIQUE_MAX ||
	    memchr(unique, '\0', ulen) != NULL ||
	    hcache_codec_check(v->mv_data, v->mv_size, &size, &mtime) != 0) {
		f->bad++;
		return;
	}
	/* Room for 256, then doubled at each power of two. */
	if (f->n == 0 || (f->n >= 256 && (f->n & (f->n - 1)) == 0))
		f->v = xreallocarray(f->v, f->n ? f->n * 2 : 256, sizeof *f->v);
	e = &f->v[f->n++];
	e->size = size;
	e->mtime = mtime;
	e->ulen = (uint32_t)ulen;
	e->vlen = (uint32_t)v->mv_size;
	e->off = f->arenalen;
	p = arena_take(f, ulen + 1 + v->mv_size);
	memcpy(p, unique, ulen);
	p[ulen] = '\0';
	memcpy(p + ulen + 1, v->mv_data, v->mv_size);
}

/* Entries point into the arena only once it stops moving. */
static void
folder_index(struct hcache_folder *f)
{
	size_t	i, h, mask;

	f->nslots = 16;
	while (f->nslots < f->n * 2)
		f->nslots *= 2;
	f->slots = xcalloc(f->nslots, sizeof *f->slots);
	mask = f->nslots - 1;
	for (i = 0; i < f->n; i++) {
		f->v[i].unique = (const char *)f->arena + f->v[i].off;
		/* Keys are unique in LMDB: no duplicate check needed. */
		h = hash_unique(f->v[i].unique, f->v[i].ulen) & mask;
		while (f->slots[h] != 0)
			h = (h + 1) & mask;
		f->slots[h] = (uint32_t)(i + 1);
	}
}

/* One range scan over "folder id, 'M'"; an LMDB error code or 0. */
static int
folder_scan(struct hcache *hc, const char *folder, struct hcache_folder *f)
{
	MDB_txn		*txn;
	MDB_cursor	*cur;
	MDB_val		 k, v;
	unsigned char	 prefix[HCACHE_PREFIX];
	uint32_t	 id;
	int		 rc;

	if ((rc = hcache_env_txn(hc, MDB_RDONLY, &txn)) != 0)
		return rc;
	rc = hcache_env_folder(hc, txn, folder, strlen(folder), &id);
	if (rc == 0)
		rc = mdb_cursor_open(txn, hc->summaries, &cur);
	if (rc != 0) {
		mdb_txn_abort(txn);
		return rc == MDB_NOTFOUND ? 0 : rc;
	}
	k.mv_size = hcache_codec_key(prefix, id, HCACHE_REC_MAILDIR, NULL, 0);
	k.mv_data = prefix;
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (rc == 0 && k.mv_size >= HCACHE_PREFIX &&
	    memcmp(k.mv_data, prefix, HCACHE_PREFIX) == 0) {
		folder_add(f, &k, &v);
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int
hcache_folder_load(struct hcache *hc, const char *folder, struct hcache_folder *out,
    struct bote_err *err)
{
	int	rc;

	memset(out, 0, sizeof *out);
	rc = folder_scan(hc, folder, out);
	if (rc != 0) {
		hcache_folder_free(out);
		if (!hcache_env_corrupt(rc)) {
			bote_err_set(err, BOTE_ERR_LOCAL,
			    "cannot read header cache '%s': %s", hc->dir,
			    mdb_strerror(rc));
			return -1;
		}
		/* Corrupt: start over empty; the caller parses the messages. */
		if (hcache_env_rebuild(hc, err) != 0)
			return -1;
	}
	folder_index(out);
	return 0;
}

const struct hcache_entry *
hcache_folder_find(const struct hcache_folder *f, const char *unique, size_t ulen)
{
	const struct hcache_entry	*e;
	size_t				 h, mask;

	if (f->nslots == 0)
		return NULL;
	mask = f->nslots - 1;
	h = hash_unique(unique, ulen) & mask;
	for (; f->slots[h] != 0; h = (h + 1) & mask) {
		e = &f->v[f->slots[h] - 1];
		if (e->ulen == ulen && memcmp(e->unique, unique, ulen) == 0)
			return e;
	}
	return NULL;
}

void
hcache_entry_fill(const struct hcache_entry *e, struct summary *dst)
{
	const unsigned char	*v = (const unsigned char *)e->unique + e->ulen + 1;

	hcache_codec_fill(v, e->vlen, dst);
}

void
hcache_folder_free(struct hcache_folder *f)
{
	free(f->v);
	free(f->arena);
	free(f->slots);
	memset(f, 0, sizeof *f);
}
