/* imap_queue.c - the durable offline queue of an IMAP account: LMDB records in the order made. */
#include "imap/imap_queue.h"

#include <lmdb.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

#define QUEUE_MAPSIZE	((size_t)64 << 20)	/* room for about a million queued UIDs */
#define HEAD_LEN	25			/* op, set, clear, uidvalidity, three lengths */
#define NAME_MAX_LEN	4096
#define OP_STARTED	0x80			/* in the op byte: imap_queue_mark_started */

struct imap_queue {
	MDB_env	*env;
	MDB_dbi	 dbi;
	char	*dir;
};

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static uint64_t
get64(const unsigned char *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

unsigned char *
imap_queue_encode(const struct imap_qrec *r, size_t *len)
{
	size_t		 flen = strlen(r->folder), dlen = r->dst != NULL ? strlen(r->dst) : 0, i;
	unsigned char	*b, *p;

	*len = HEAD_LEN + flen + dlen + 4 * r->nuids;
	p = b = xmalloc(*len);
	*p++ = (unsigned char)r->op | (r->started ? OP_STARTED : 0);
	put32(p, r->set);
	put32(p + 4, r->clear);
	put32(p + 8, r->uidvalidity);
	put32(p + 12, (uint32_t)flen);
	put32(p + 16, (uint32_t)dlen);
	put32(p + 20, (uint32_t)r->nuids);
	p += 24;
	memcpy(p, r->folder, flen);
	p += flen;
	if (dlen > 0)
		memcpy(p, r->dst, dlen);
	p += dlen;
	for (i = 0; i < r->nuids; i++, p += 4)
		put32(p, r->uids[i]);
	return b;
}

int
imap_queue_decode(const unsigned char *b, size_t len, struct imap_qrec *r)
{
	uint32_t	flen, dlen, n;
	size_t		i;
	unsigned	op;

	memset(r, 0, sizeof *r);
	if (len < HEAD_LEN)
		return -1;
	op = b[0] & ~OP_STARTED;
	if (op != IMAP_Q_FLAGS && op != IMAP_Q_MOVE)
		return -1;
	flen = get32(b + 13);
	dlen = get32(b + 17);
	n = get32(b + 21);
	if (flen == 0 || flen > NAME_MAX_LEN || dlen > NAME_MAX_LEN || n == 0 ||
	    (op == IMAP_Q_MOVE) != (dlen > 0) ||
	    len != HEAD_LEN + (size_t)flen + dlen + 4 * (size_t)n ||
	    memchr(b + HEAD_LEN, '\0', flen + dlen) != NULL)
		return -1;
	r->op = op;
	r->started = (b[0] & OP_STARTED) != 0;
	r->set = get32(b + 1);
	r->clear = get32(b + 5);
	r->uidvalidity = get32(b + 9);
	r->folder = xstrndup((const char *)b + HEAD_LEN, flen);
	r->dst = dlen > 0 ? xstrndup((const char *)b + HEAD_LEN + flen, dlen) : NULL;
	r->uids = xcalloc(n, sizeof *r->uids);
	for (i = 0; i < n; i++)
		r->uids[i] = get32(b + HEAD_LEN + flen + dlen + 4 * i);
	r->nuids = n;
	return 0;
}

void
imap_qrec_free(struct imap_qrec *r)
{
	free(r->folder);
	free(r->dst);
	free(r->uids);
	memset(r, 0, sizeof *r);
}

static int
lmdb_fail(const struct imap_queue *q, int rc, struct bote_err *err)
{
	bote_err_set(err, BOTE_ERR_LOCAL, _("offline queue '%s': %s"), q->dir,
	    mdb_strerror(rc));
	return -1;
}

struct imap_queue *
imap_queue_open(const char *dir, struct bote_err *err)
{
	struct imap_queue	*q = xcalloc(1, sizeof *q);
	MDB_txn			*txn;
	int			 rc;

	q->dir = xstrdup(dir);
	if ((rc = mdb_env_create(&q->env)) != 0)
		goto fail;
	/* Synchronous commits: what the UI showed as done must survive a crash. */
	if ((rc = mdb_env_set_mapsize(q->env, QUEUE_MAPSIZE)) != 0 ||
	    (rc = mdb_env_open(q->env, dir, MDB_NOTLS, 0600)) != 0)
		goto fail;
	if ((rc = mdb_txn_begin(q->env, NULL, 0, &txn)) != 0)
		goto fail;
	if ((rc = mdb_dbi_open(txn, NULL, 0, &q->dbi)) != 0 ||
	    (rc = mdb_txn_commit(txn)) != 0) {
		mdb_txn_abort(txn);
		goto fail;
	}
	return q;
fail:
	lmdb_fail(q, rc, err);
	imap_queue_close(q);
	return NULL;
}

void
imap_queue_close(struct imap_queue *q)
{
	if (q == NULL)
		return;
	if (q->env != NULL)
		mdb_env_close(q->env);
	free(q->dir);
	free(q);
}

int
imap_queue_add(struct imap_queue *q, struct imap_qrec *r, struct bote_err *err)
{
	MDB_txn		*txn;
	MDB_cursor	*cur;
	MDB_val		 k, v;
	unsigned char	 key[8], *val;
	size_t		 len;
	int		 rc;

	if ((rc = mdb_txn_begin(q->env, NULL, 0, &txn)) != 0)
		return lmdb_fail(q, rc, err);
	if ((rc = mdb_cursor_open(txn, q->dbi, &cur)) != 0)
		goto abort;
	/* The next number after the newest record: keys sort as numbers. */
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	r->seq = rc == 0 && k.mv_size == 8 ? get64(k.mv_data) + 1 : 1;
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		goto abort;
	put64(key, r->seq);
	val = imap_queue_encode(r, &len);
	k.mv_data = key;
	k.mv_size = sizeof key;
	v.mv_data = val;
	v.mv_size = len;
	rc = mdb_put(txn, q->dbi, &k, &v, 0);
	free(val);
	if (rc != 0)
		goto abort;
	if ((rc = mdb_txn_commit(txn)) != 0)
		return lmdb_fail(q, rc, err);
	return 0;
abort:
	mdb_txn_abort(txn);
	return lmdb_fail(q, rc, err);
}

int
imap_queue_first(struct imap_queue *q, struct imap_qrec *out, struct bote_err *err)
{
	MDB_txn		*txn;
	MDB_cursor	*cur;
	MDB_val		 k, v;
	int		 rc, found = 0;

	memset(out, 0, sizeof *out);
	if ((rc = mdb_txn_begin(q->env, NULL, MDB_RDONLY, &txn)) != 0)
		return lmdb_fail(q, rc, err);
	if ((rc = mdb_cursor_open(txn, q->dbi, &cur)) != 0) {
		mdb_txn_abort(txn);
		return lmdb_fail(q, rc, err);
	}
	/* A record that does not decode is not ours to act on: skip it, it stays for a look. */
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size == 8 && imap_queue_decode(v.mv_data, v.mv_size, out) == 0) {
			out->seq = get64(k.mv_data);
			found = 1;
			break;
		}
	}
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return lmdb_fail(q, rc, err);
	return found;
}

size_t
imap_queue_count(struct imap_queue *q)
{
	MDB_txn		*txn;
	MDB_stat	 st;
	size_t		 n = 0;

	if (mdb_txn_begin(q->env, NULL, MDB_RDONLY, &txn) != 0)
		return 0;
	if (mdb_stat(txn, q->dbi, &st) == 0)
		n = st.ms_entries;
	mdb_txn_abort(txn);
	return n;
}

/* A write transaction and the key of record seq, for a change to that record. */
static int
begin_record(struct imap_queue *q, uint64_t seq, unsigned char key[8], MDB_val *k,
    MDB_txn **txn, struct bote_err *err)
{
	int	rc;

	put64(key, seq);
	k->mv_data = key;
	k->mv_size = 8;
	if ((rc = mdb_txn_begin(q->env, NULL, 0, txn)) != 0)
		return lmdb_fail(q, rc, err);
	return 0;
}

int
imap_queue_mark_started(struct imap_queue *q, uint64_t seq, struct bote_err *err)
{
	MDB_txn		*txn;
	MDB_val		 k, v;
	unsigned char	 key[8], *val;
	int		 rc;

	if (begin_record(q, seq, key, &k, &txn, err) != 0)
		return -1;
	if ((rc = mdb_get(txn, q->dbi, &k, &v)) != 0 || v.mv_size < HEAD_LEN) {
		mdb_txn_abort(txn);
		return rc == 0 ? 0 : lmdb_fail(q, rc, err);
	}
	/* The same bytes with the mark set (the value is LMDB's, read-only: copy). */
	val = xmalloc(v.mv_size);
	memcpy(val, v.mv_data, v.mv_size);
	val[0] |= OP_STARTED;
	v.mv_data = val;
	rc = mdb_put(txn, q->dbi, &k, &v, 0);
	free(val);
	if (rc != 0) {
		mdb_txn_abort(txn);
		return lmdb_fail(q, rc, err);
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return lmdb_fail(q, rc, err);
	return 0;
}

int
imap_queue_remove(struct imap_queue *q, uint64_t seq, struct bote_err *err)
{
	MDB_txn		*txn;
	MDB_val		 k;
	unsigned char	 key[8];
	int		 rc;

	if (begin_record(q, seq, key, &k, &txn, err) != 0)
		return -1;
	rc = mdb_del(txn, q->dbi, &k, NULL);
	if (rc != 0 && rc != MDB_NOTFOUND) {
		mdb_txn_abort(txn);
		return lmdb_fail(q, rc, err);
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return lmdb_fail(q, rc, err);
	return 0;
}
