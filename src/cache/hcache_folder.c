/* hcache_folder.c - one folder's cached summaries: one cursor scan, a hash by unique name. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache/hcache_private.h"
#include "util/xmalloc.h"
#include "util/hash.h"

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

/*
 * The value's strings as the block a packed summary keeps (NUL after each
 * non-NULL string), made here so that filling a row later copies nothing.
 */
static void
decode_block(struct hcache_entry *e, const unsigned char *v, size_t vlen)
{
	const unsigned char	*p = v + HCACHE_HEAD;
	uint32_t		 len;
	size_t			 total = 0;
	char			*out;
	int			 i;

	e->nulls = 0;
	for (i = 0; i < HCACHE_NSTR; i++) {
		len = hcache_codec_get_le32(v + 28 + 4 * i);
		if (len == HCACHE_NULL)
			e->nulls |= 1u << i;
		else
			total += (size_t)len + 1;
	}
	e->block = out = total ? xmalloc(total) : NULL;
	for (i = 0; i < HCACHE_NSTR; i++) {
		if (e->nulls & (1u << i))
			continue;
		len = hcache_codec_get_le32(v + 28 + 4 * i);
		memcpy(out, p, len);
		out[len] = '\0';
		out += (size_t)len + 1;
		p += len;
	}
	e->date = (int64_t)((uint64_t)v[16] | (uint64_t)v[17] << 8 | (uint64_t)v[18] << 16 |
	    (uint64_t)v[19] << 24 | (uint64_t)v[20] << 32 | (uint64_t)v[21] << 40 |
	    (uint64_t)v[22] << 48 | (uint64_t)v[23] << 56);
	e->attach = v[25] & 1;
	(void)vlen;
}

/* Decodes one record out of the map when key and value are sane. */
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
	e->off = f->arenalen;
	p = arena_take(f, ulen + 1);
	memcpy(p, unique, ulen);
	p[ulen] = '\0';
	decode_block(e, v->mv_data, v->mv_size);
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
		h = (size_t)hash_bytes(f->v[i].unique, f->v[i].ulen) & mask;
		while (f->slots[h] != 0)
			h = (h + 1) & mask;
		f->slots[h] = (uint32_t)(i + 1);
	}
}

/* A sift: records go straight into rows; only vanished ones are kept, by name. */
struct sift {
	hcache_sift_fn	 fn;
	void		*ctx;
};

static void
attach_block(const struct hcache_entry *, char *, struct summary *);

static void
sift_add(struct hcache_folder *f, const struct sift *sf, const MDB_val *k, const MDB_val *v)
{
	const char		*unique = (const char *)k->mv_data + HCACHE_PREFIX;
	size_t			 ulen = k->mv_size - HCACHE_PREFIX;
	struct hcache_entry	 tmp, *e;
	struct summary		*dst;
	unsigned char		*p;
	uint64_t		 size;
	int64_t			 mtime;
	int			 keep = 0;

	if (ulen == 0 || ulen > HCACHE_UNIQUE_MAX || memchr(unique, '\0', ulen) != NULL ||
	    hcache_codec_check(v->mv_data, v->mv_size, &size, &mtime) != 0) {
		f->bad++;
		return;
	}
	if ((dst = sf->fn(sf->ctx, unique, ulen, size, mtime, &keep)) != NULL) {
		memset(&tmp, 0, sizeof tmp);
		decode_block(&tmp, v->mv_data, v->mv_size);
		attach_block(&tmp, tmp.block, dst);
		dst->block = tmp.block;
		return;
	}
	if (keep)
		return;
	if (f->n == 0 || (f->n >= 256 && (f->n & (f->n - 1)) == 0))
		f->v = xreallocarray(f->v, f->n ? f->n * 2 : 256, sizeof *f->v);
	e = &f->v[f->n++];
	memset(e, 0, sizeof *e);
	e->ulen = (uint32_t)ulen;
	e->off = f->arenalen;
	e->nulls = 0x7f;
	p = arena_take(f, ulen + 1);
	memcpy(p, unique, ulen);
	p[ulen] = '\0';
}

struct folder_scan {
	struct hcache_folder	*f;
	const struct sift	*sf;
};

static void
scan_one(const MDB_val *k, const MDB_val *v, void *arg)
{
	struct folder_scan	*fs = arg;

	if (fs->sf != NULL)
		sift_add(fs->f, fs->sf, k, v);
	else
		folder_add(fs->f, k, v);
}

/* One range scan over "folder id, 'M'"; an LMDB error code or 0. */
static int
folder_scan(struct hcache *hc, const char *folder, struct hcache_folder *f,
    const struct sift *sf)
{
	struct folder_scan	 fs = { f, sf };
	MDB_txn			*txn;
	MDB_cursor		*cur;
	unsigned char		 prefix[HCACHE_PREFIX];
	uint32_t		 id;
	int			 rc;

	if ((rc = hcache_env_txn(hc, MDB_RDONLY, &txn)) != 0)
		return rc;
	rc = hcache_env_folder(hc, txn, folder, strlen(folder), &id);
	if (rc == 0)
		rc = mdb_cursor_open(txn, hc->summaries, &cur);
	if (rc != 0) {
		mdb_txn_abort(txn);
		return rc == MDB_NOTFOUND ? 0 : rc;
	}
	(void)hcache_codec_key(prefix, id, HCACHE_REC_MAILDIR, NULL, 0);
	return hcache_env_scan(hc, txn, cur, prefix, HCACHE_PREFIX, scan_one, &fs);
}

static int
load(struct hcache *hc, const char *folder, struct hcache_folder *out,
    const struct sift *sf, struct bote_err *err)
{
	int	rc;

	memset(out, 0, sizeof *out);
	rc = folder_scan(hc, folder, out, sf);
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

int
hcache_folder_load(struct hcache *hc, const char *folder, struct hcache_folder *out,
    struct bote_err *err)
{
	return load(hc, folder, out, NULL, err);
}

int
hcache_folder_sift(struct hcache *hc, const char *folder, hcache_sift_fn fn, void *ctx,
    struct hcache_folder *gone, struct bote_err *err)
{
	struct sift	sf = { fn, ctx };

	return load(hc, folder, gone, &sf, err);
}

const struct hcache_entry *
hcache_folder_find(const struct hcache_folder *f, const char *unique, size_t ulen)
{
	const struct hcache_entry	*e;
	size_t				 h, mask;

	if (f->nslots == 0)
		return NULL;
	mask = f->nslots - 1;
	h = (size_t)hash_bytes(unique, ulen) & mask;
	for (; f->slots[h] != 0; h = (h + 1) & mask) {
		e = &f->v[f->slots[h] - 1];
		if (e->ulen == ulen && memcmp(e->unique, unique, ulen) == 0)
			return e;
	}
	return NULL;
}

/* Point the seven header strings of dst into block (laid out by decode_block). */
static void
attach_block(const struct hcache_entry *e, char *block, struct summary *dst)
{
	char	**f[HCACHE_NSTR] = {
		&dst->from_name, &dst->from_addr, &dst->to, &dst->subject, &dst->message_id,
		&dst->in_reply_to, &dst->references,
	};
	char	 *p = block;
	int	  i;

	for (i = 0; i < HCACHE_NSTR; i++) {
		free(*f[i]);
		if (e->nulls & (1u << i) || p == NULL) {
			*f[i] = NULL;
			continue;
		}
		*f[i] = p;
		p += strlen(p) + 1;
	}
	dst->date = (time_t)e->date;
	dst->has_attachments = e->attach;
}

void
hcache_entry_fill(const struct hcache_entry *e, struct summary *dst)
{
	char	**f[HCACHE_NSTR] = {
		&dst->from_name, &dst->from_addr, &dst->to, &dst->subject, &dst->message_id,
		&dst->in_reply_to, &dst->references,
	};
	int	  i;

	attach_block(e, e->block, dst);
	/* A copy: every string its own allocation, as an unpacked row has them. */
	for (i = 0; i < HCACHE_NSTR; i++)
		if (*f[i] != NULL)
			*f[i] = xstrdup(*f[i]);
}

void
hcache_entry_take(struct hcache_entry *e, struct summary *dst)
{
	attach_block(e, e->block, dst);
	dst->block = e->block;
	e->block = NULL;
	e->nulls = 0x7f;	/* taken: an empty record from now on */
}

void
hcache_folder_free(struct hcache_folder *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].block);
	free(f->v);
	free(f->arena);
	free(f->slots);
	memset(f, 0, sizeof *f);
}
