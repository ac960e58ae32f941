/* hcache_imap.c - IMAP folders in the header cache: rows by UIDVALIDITY and UID, the folder's resync state, named blobs. */
#include <stdlib.h>
#include <string.h>

#include "cache/hcache_private.h"
#include "util/xmalloc.h"

#define NSTR_IMAP	(HCACHE_NSTR + 1)	/* the seven header strings, then keywords */
#define FLAGS_MAX	0xffffu			/* FLAG_* fit in 16 bits: more is corruption */
#define BLOB_MAX	((size_t)16 << 20)

int
hcache_imap_encode(struct buf *b, const struct summary *s)
{
	const char	*str[NSTR_IMAP];
	unsigned char	 flags[4];

	hcache_codec_strings(s, str);
	str[HCACHE_NSTR] = s->keywords;
	hcache_codec_put_le32(flags, s->flags & FLAGS_MAX);
	return hcache_codec_encode_record(b, HCACHE_REC_IMAP, s->size, (int64_t)s->mtime, s,
	    flags, sizeof flags, str, NSTR_IMAP);
}

void
hcache_imap_encode_state(struct buf *b, const struct hcache_imap_state *st)
{
	unsigned char	v[HCACHE_STATE_LEN];

	hcache_codec_put_le32(v, st->uidvalidity);
	hcache_codec_put_le32(v + 4, st->uidnext);
	hcache_codec_put_le64(v + 8, st->modseq);
	buf_append(b, v, sizeof v);
}

/*
 * A value is used only when its fixed part is sane and its lengths add up
 * to exactly its size (the file is outside bote's control); then the row
 * gets its fields, the header strings in one block as summary_pack makes.
 */
static int
decode(const unsigned char *v, size_t vlen, struct summary *s)
{
	char		**slot[HCACHE_NSTR] = {
		&s->from_name, &s->from_addr, &s->to, &s->subject, &s->message_id,
		&s->in_reply_to, &s->references,
	};
	uint32_t	 len[NSTR_IMAP], flags;
	uint64_t	 total = 0, blk = 0;
	const unsigned char *p = v + HCACHE_IMAP_HEAD;
	char		*out;
	int		 i;

	if (vlen < HCACHE_IMAP_HEAD || vlen > HCACHE_VALUE_MAX)
		return -1;
	if (v[24] != HCACHE_REC_IMAP || (v[25] & ~1) != 0 || v[26] != NSTR_IMAP ||
	    v[27] != 0 || (flags = hcache_codec_get_le32(v + 28)) > FLAGS_MAX)
		return -1;
	for (i = 0; i < NSTR_IMAP; i++) {
		len[i] = hcache_codec_get_le32(v + 32 + 4 * i);
		if (len[i] == HCACHE_NULL)
			continue;
		total += len[i];	/* at most 8 * 2^32: no overflow */
		if (i < HCACHE_NSTR)
			blk += (uint64_t)len[i] + 1;
	}
	if (total != vlen - HCACHE_IMAP_HEAD)
		return -1;
	s->size = hcache_codec_get_le64(v);
	s->mtime = 0;
	s->date = (time_t)(int64_t)hcache_codec_get_le64(v + 16);
	if (s->date == 0)
		s->date = (time_t)(int64_t)hcache_codec_get_le64(v + 8);
	s->has_attachments = v[25] & 1;
	s->flags = flags;
	s->block = out = blk > 0 ? xmalloc((size_t)blk) : NULL;
	for (i = 0; i < HCACHE_NSTR; i++) {
		if (len[i] == HCACHE_NULL) {
			*slot[i] = NULL;
			continue;
		}
		memcpy(out, p, len[i]);
		out[len[i]] = '\0';
		*slot[i] = out;
		out += (size_t)len[i] + 1;
		p += len[i];
	}
	if (len[HCACHE_NSTR] != HCACHE_NULL && len[HCACHE_NSTR] > 0) {
		s->keywords = xmalloc((size_t)len[HCACHE_NSTR] + 1);
		memcpy(s->keywords, p, len[HCACHE_NSTR]);
		s->keywords[len[HCACHE_NSTR]] = '\0';
	}
	return 0;
}

static void
state_decode(const MDB_val *v, struct hcache_imap_state *st)
{
	const unsigned char	*p = v->mv_data;

	memset(st, 0, sizeof *st);
	if (v->mv_size != HCACHE_STATE_LEN)
		return;
	st->uidvalidity = hcache_codec_get_le32(p);
	st->uidnext = hcache_codec_get_le32(p + 4);
	st->modseq = hcache_codec_get_le64(p + 8);
}

struct imap_scan {
	struct summary_vec	*out;
	size_t			 cap;
	uint32_t		 uidvalidity;
};

/* A record "prefix, UID" of the folder's UIDVALIDITY: a row, when it decodes. */
static void
scan_one(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct imap_scan	*is = arg;
	struct summary		*row;

	if (k->mv_size != HCACHE_PREFIX + 8)
		return;
	if (is->out->n == is->cap) {
		is->cap = is->cap ? is->cap * 2 : 1024;
		is->out->v = xreallocarray(is->out->v, is->cap, sizeof *is->out->v);
	}
	row = &is->out->v[is->out->n];
	memset(row, 0, sizeof *row);
	row->ref.epoch = is->uidvalidity;
	row->ref.uid = hcache_codec_get_be32((const unsigned char *)k->mv_data + HCACHE_PREFIX + 4);
	if (row->ref.uid != 0 && decode(v->mv_data, v->mv_size, row) == 0)
		is->out->n++;
}

/* The state, then one range scan over "folder id, 'I', UIDVALIDITY"; an LMDB code. */
static int
imap_scan(struct hcache *hc, const char *folder, struct hcache_imap_state *st,
    struct summary_vec *out)
{
	struct imap_scan	 is = { out, 0, 0 };
	MDB_txn			*txn;
	MDB_cursor		*cur;
	MDB_val			 k, v;
	unsigned char		 key[HCACHE_PREFIX + 4];
	uint32_t		 id;
	int			 rc;

	if ((rc = hcache_env_txn(hc, MDB_RDONLY, &txn)) != 0)
		return rc;
	rc = hcache_env_folder(hc, txn, folder, strlen(folder), &id);
	if (rc == 0) {
		k.mv_size = hcache_codec_key(key, id, HCACHE_REC_STATE, NULL, 0);
		k.mv_data = key;
		if ((rc = mdb_get(txn, hc->summaries, &k, &v)) == 0)
			state_decode(&v, st);
	}
	if (rc == 0 && st->uidvalidity != 0)
		rc = mdb_cursor_open(txn, hc->summaries, &cur);
	if (rc != 0 || st->uidvalidity == 0) {
		mdb_txn_abort(txn);
		return rc == MDB_NOTFOUND ? 0 : rc;
	}
	hcache_codec_key(key, id, HCACHE_REC_IMAP, NULL, 0);
	hcache_codec_put_be32(key + HCACHE_PREFIX, st->uidvalidity);
	is.uidvalidity = st->uidvalidity;
	return hcache_env_scan(hc, txn, cur, key, sizeof key, scan_one, &is);
}

int
hcache_imap_load(struct hcache *hc, const char *folder, struct hcache_imap_state *st,
    struct summary_vec *out, struct bote_err *err)
{
	int	rc;

	memset(st, 0, sizeof *st);
	memset(out, 0, sizeof *out);
	if (strlen(folder) == 0 || strlen(folder) > HCACHE_FOLDER_MAX)
		return 0;
	if ((rc = imap_scan(hc, folder, st, out)) == 0)
		return 0;
	summary_vec_free(out);
	memset(st, 0, sizeof *st);
	if (!hcache_env_corrupt(rc)) {
		bote_err_set(err, BOTE_ERR_LOCAL, "cannot read header cache '%s': %s",
		    hc->dir, mdb_strerror(rc));
		return -1;
	}
	return hcache_env_rebuild(hc, err);
}

static MDB_val
blob_key(const char *name)
{
	MDB_val	k;

	k.mv_size = strlen(name);
	k.mv_data = (void *)name;
	return k;
}

int
hcache_blob_put(struct hcache *hc, const char *name, const void *data, size_t len,
    struct bote_err *err)
{
	MDB_txn	*txn;
	MDB_val	 k = blob_key(name), v;
	int	 rc, tries;

	if (len > BLOB_MAX || strcmp(name, "format") == 0)
		return -1;
	for (tries = 0; tries < 2; tries++) {
		if ((rc = hcache_env_txn(hc, 0, &txn)) != 0)
			break;
		v.mv_size = len;
		v.mv_data = (void *)data;
		if ((rc = mdb_put(txn, hc->meta, &k, &v, 0)) == 0) {
			rc = mdb_txn_commit(txn);
			break;
		}
		mdb_txn_abort(txn);
		if (rc != MDB_MAP_FULL || hcache_env_grow(hc, err) != 0)
			break;
	}
	hcache_env_release(hc);
	if (rc != 0) {
		bote_err_set(err, BOTE_ERR_LOCAL, "cannot write header cache '%s': %s",
		    hc->dir, mdb_strerror(rc));
		return -1;
	}
	return 0;
}

int
hcache_blob_get(struct hcache *hc, const char *name, struct buf *out, struct bote_err *err)
{
	MDB_txn	*txn;
	MDB_val	 k = blob_key(name), v;
	int	 rc;

	if ((rc = hcache_env_txn(hc, MDB_RDONLY, &txn)) == 0) {
		if ((rc = mdb_get(txn, hc->meta, &k, &v)) == 0 && v.mv_size <= BLOB_MAX)
			buf_append(out, v.mv_data, v.mv_size);
		mdb_txn_abort(txn);
	}
	hcache_env_release(hc);
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc != 0) {
		bote_err_set(err, BOTE_ERR_LOCAL, "cannot read header cache '%s': %s",
		    hc->dir, mdb_strerror(rc));
		return -1;
	}
	return 1;
}
