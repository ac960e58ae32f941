/* hcache_txn.c - header cache writes: batched in memory, then one LMDB transaction. */
#include <stdlib.h>
#include <string.h>

#include "cache/hcache_private.h"
#include "util/xmalloc.h"

/*
 * A batch is a log of operations rather than an open LMDB transaction:
 * MDB_MAP_FULL kills the transaction, and the map can only be grown with
 * none open, so the log is what is replayed after growing (or after
 * replacing a corrupt file).  It also keeps the writer lock, which other
 * bote processes wait for, to the few milliseconds of the commit.
 */
enum {
	OP_PUT = 1,
	OP_DEL,
	OP_DROP,
	OP_PUT_IMAP,		/* key bytes: u32be UIDVALIDITY, u32be UID */
	OP_DEL_IMAP,
	OP_PUT_STATE,		/* no key bytes: the folder's IMAP state */
};

struct op {
	uint32_t	kind;
	uint32_t	flen;		/* followed by the folder name, */
	uint32_t	ulen;		/* the unique name */
	uint32_t	vlen;		/* and the encoded value */
};

struct hcache_txn {
	struct hcache	*hc;
	struct buf	 log;		/* struct op, then its bytes, ... */
};

/* The folder id the previous operation used: batches are mostly one folder. */
struct lastfolder {
	const char	*name;
	size_t		 len;
	uint32_t	 id;
	int		 known;
};

static int
name_ok(const char *s, size_t max)
{
	size_t	len = strlen(s);

	return len > 0 && len <= max;
}

static size_t
op_append_raw(struct hcache_txn *t, uint32_t kind, const char *folder,
    const void *key, size_t klen)
{
	struct op	op;
	size_t		at = t->log.len;

	memset(&op, 0, sizeof op);
	op.kind = kind;
	op.flen = (uint32_t)strlen(folder);
	op.ulen = (uint32_t)klen;
	buf_append(&t->log, &op, sizeof op);
	buf_append(&t->log, folder, op.flen);
	if (klen > 0)
		buf_append(&t->log, key, klen);
	return at;
}

static size_t
op_append(struct hcache_txn *t, uint32_t kind, const char *folder,
    const char *unique)
{
	return op_append_raw(t, kind, folder, unique, unique != NULL ? strlen(unique) : 0);
}

/* The log may have moved while the value was appended: patch its length through the offset. */
static void
op_set_vlen(struct hcache_txn *t, size_t at, size_t start)
{
	struct op	op;

	memcpy(&op, t->log.data + at, sizeof op);
	op.vlen = (uint32_t)(t->log.len - start);
	memcpy(t->log.data + at, &op, sizeof op);
}

/* The record type of an operation's key. */
static int
op_type(uint32_t kind)
{
	switch (kind) {
	case OP_PUT_IMAP:
	case OP_DEL_IMAP:
		return HCACHE_REC_IMAP;
	case OP_PUT_STATE:
		return HCACHE_REC_STATE;
	default:
		return HCACHE_REC_MAILDIR;
	}
}

/*
 * Ids are never taken from a counter that could be lost: one above every
 * id in use, also by records whose folder name record is gone.
 */
static int
folder_new_id(struct hcache *hc, MDB_txn *txn, uint32_t *id)
{
	MDB_cursor	*cur;
	MDB_val		 k, v;
	uint32_t	 max = 0, n;
	int		 rc;

	if ((rc = mdb_cursor_open(txn, hc->folders, &cur)) != 0)
		return rc;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
		if (v.mv_size == 4 && (n = hcache_codec_get_be32(v.mv_data)) > max)
			max = n;
	mdb_cursor_close(cur);
	if (rc != MDB_NOTFOUND)
		return rc;
	if ((rc = mdb_cursor_open(txn, hc->summaries, &cur)) != 0)
		return rc;
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	if (rc == 0 && k.mv_size >= 4 &&
	    (n = hcache_codec_get_be32(k.mv_data)) > max)
		max = n;
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return rc;
	if (max == UINT32_MAX)
		return MDB_MAP_FULL;
	*id = max + 1;
	return 0;
}

static int
folder_id(struct hcache *hc, MDB_txn *txn, struct lastfolder *lf,
    const char *name, size_t len, int create, uint32_t *id)
{
	MDB_val		k, v;
	unsigned char	be[4];
	int		rc;

	if (lf->known && lf->len == len && memcmp(lf->name, name, len) == 0) {
		*id = lf->id;
		return 0;
	}
	lf->known = 0;
	rc = hcache_env_folder(hc, txn, name, len, id);
	if (rc == MDB_NOTFOUND && create &&
	    (rc = folder_new_id(hc, txn, id)) == 0) {
		hcache_codec_put_be32(be, *id);
		k.mv_size = len;
		k.mv_data = (void *)name;
		v.mv_size = sizeof be;
		v.mv_data = be;
		rc = mdb_put(txn, hc->folders, &k, &v, 0);
	}
	if (rc == 0) {
		lf->name = name;
		lf->len = len;
		lf->id = *id;
		lf->known = 1;
	}
	return rc;
}

static int
folder_drop(struct hcache *hc, MDB_txn *txn, const char *name, size_t len)
{
	MDB_cursor	*cur;
	MDB_val		 k, v;
	unsigned char	 prefix[4];
	uint32_t	 id;
	int		 rc;

	rc = hcache_env_folder(hc, txn, name, len, &id);
	if (rc == 0 && (rc = mdb_cursor_open(txn, hc->summaries, &cur)) == 0) {
		hcache_codec_put_be32(prefix, id);
		for (;;) {
			k.mv_size = sizeof prefix;
			k.mv_data = prefix;
			rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
			if (rc != 0 || k.mv_size < 4 ||
			    memcmp(k.mv_data, prefix, 4) != 0)
				break;
			if ((rc = mdb_cursor_del(cur, 0)) != 0)
				break;
		}
		mdb_cursor_close(cur);
	}
	if (rc != 0 && rc != MDB_NOTFOUND)
		return rc;
	k.mv_size = len;
	k.mv_data = (void *)name;
	rc = mdb_del(txn, hc->folders, &k, NULL);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int
op_apply(struct hcache *hc, MDB_txn *txn, struct lastfolder *lf,
    const struct op *op, const char *p)
{
	unsigned char	key[HCACHE_KEY_MAX];
	MDB_val		k, v;
	uint32_t	id;
	int		rc, del;

	if (op->kind == OP_DROP) {
		lf->known = 0;
		return folder_drop(hc, txn, p, op->flen);
	}
	del = op->kind == OP_DEL || op->kind == OP_DEL_IMAP;
	rc = folder_id(hc, txn, lf, p, op->flen, !del, &id);
	if (rc != 0)
		return rc == MDB_NOTFOUND && del ? 0 : rc;
	k.mv_size = hcache_codec_key(key, id, op_type(op->kind), p + op->flen,
	    op->ulen);
	k.mv_data = key;
	if (del) {
		rc = mdb_del(txn, hc->summaries, &k, NULL);
		return rc == MDB_NOTFOUND ? 0 : rc;
	}
	v.mv_size = op->vlen;
	v.mv_data = (void *)(p + op->flen + op->ulen);
	return mdb_put(txn, hc->summaries, &k, &v, 0);
}

/* The whole log in one LMDB transaction; 0 or an LMDB error code. */
static int
log_apply(struct hcache *hc, const struct buf *log)
{
	MDB_txn			*txn;
	struct lastfolder	 lf;
	struct op		 op;
	size_t			 off;
	int			 rc;

	if ((rc = hcache_env_txn(hc, 0, &txn)) != 0)
		return rc;
	memset(&lf, 0, sizeof lf);
	for (off = 0; off < log->len && rc == 0;) {
		memcpy(&op, log->data + off, sizeof op);
		off += sizeof op;
		rc = op_apply(hc, txn, &lf, &op, log->data + off);
		off += (size_t)op.flen + op.ulen + op.vlen;
	}
	if (rc != 0) {
		mdb_txn_abort(txn);
		return rc;
	}
	return mdb_txn_commit(txn);
}

static int
log_commit(struct hcache *hc, const struct buf *log, struct bote_err *err)
{
	int	rc, grown = 0, rebuilt = 0;

	while ((rc = log_apply(hc, log)) != 0) {
		if (rc == MDB_MAP_FULL && !grown) {
			grown = 1;
			if (hcache_env_grow(hc, err) != 0)
				return -1;
			continue;
		}
		if (hcache_env_corrupt(rc) && !rebuilt) {
			rebuilt = 1;
			if (hcache_env_rebuild(hc, err) != 0)
				return -1;
			continue;
		}
		bote_err_set(err, BOTE_ERR_LOCAL,
		    "cannot write header cache '%s': %s", hc->dir,
		    mdb_strerror(rc));
		return -1;
	}
	return 0;
}

struct hcache_txn *
hcache_begin(struct hcache *hc, struct bote_err *err)
{
	struct hcache_txn	*t = xcalloc(1, sizeof *t);

	(void)err;
	t->hc = hc;
	return t;
}

int
hcache_put_maildir(struct hcache_txn *t, const char *folder, const char *unique,
    uint64_t size, int64_t mtime, const struct summary *s)
{
	size_t		at, start;

	if (!name_ok(folder, HCACHE_FOLDER_MAX) ||
	    !name_ok(unique, HCACHE_UNIQUE_MAX))
		return -1;
	at = op_append(t, OP_PUT, folder, unique);
	start = t->log.len;
	if (hcache_codec_encode(&t->log, size, mtime, s) != 0) {
		buf_truncate(&t->log, at);
		return -1;
	}
	op_set_vlen(t, at, start);
	return 0;
}

int
hcache_put_imap(struct hcache_txn *t, const char *folder, uint32_t uidvalidity,
    const struct summary *s)
{
	unsigned char	key[8];
	size_t		at, start;

	if (!name_ok(folder, HCACHE_FOLDER_MAX) || s->ref.uid == 0)
		return -1;
	hcache_codec_put_be32(key, uidvalidity);
	hcache_codec_put_be32(key + 4, s->ref.uid);
	at = op_append_raw(t, OP_PUT_IMAP, folder, key, sizeof key);
	start = t->log.len;
	if (hcache_imap_encode(&t->log, s) != 0) {
		buf_truncate(&t->log, at);
		return -1;
	}
	op_set_vlen(t, at, start);
	return 0;
}

int
hcache_del_imap(struct hcache_txn *t, const char *folder, uint32_t uidvalidity,
    uint32_t uid)
{
	unsigned char	key[8];

	if (!name_ok(folder, HCACHE_FOLDER_MAX))
		return -1;
	hcache_codec_put_be32(key, uidvalidity);
	hcache_codec_put_be32(key + 4, uid);
	op_append_raw(t, OP_DEL_IMAP, folder, key, sizeof key);
	return 0;
}

int
hcache_put_imap_state(struct hcache_txn *t, const char *folder,
    const struct hcache_imap_state *st)
{
	size_t	at, start;

	if (!name_ok(folder, HCACHE_FOLDER_MAX))
		return -1;
	at = op_append_raw(t, OP_PUT_STATE, folder, NULL, 0);
	start = t->log.len;
	hcache_imap_encode_state(&t->log, st);
	op_set_vlen(t, at, start);
	return 0;
}

int
hcache_del_maildir(struct hcache_txn *t, const char *folder, const char *unique)
{
	if (!name_ok(folder, HCACHE_FOLDER_MAX) ||
	    !name_ok(unique, HCACHE_UNIQUE_MAX))
		return -1;
	op_append(t, OP_DEL, folder, unique);
	return 0;
}

int
hcache_commit(struct hcache_txn *t, struct bote_err *err)
{
	int	rc = 0;

	if (t->log.len > 0)
		rc = log_commit(t->hc, &t->log, err);
	hcache_env_release(t->hc);
	hcache_abort(t);
	return rc;
}

void
hcache_abort(struct hcache_txn *t)
{
	if (t == NULL)
		return;
	buf_free(&t->log);
	free(t);
}

int
hcache_folder_drop(struct hcache *hc, const char *folder, struct bote_err *err)
{
	struct hcache_txn	*t;

	if (!name_ok(folder, HCACHE_FOLDER_MAX))
		return 0;	/* such a folder cannot have records */
	t = hcache_begin(hc, err);
	op_append(t, OP_DROP, folder, NULL);
	return hcache_commit(t, err);
}
