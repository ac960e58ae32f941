/* hcache.h - the LMDB header cache: message summaries kept between runs, one per account. */
#ifndef BOTE_HCACHE_H
#define BOTE_HCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/summary.h"
#include "util/buf.h"
#include "util/err.h"

/*
 * Bump with any change of the on-disk keys or values (hcache_private.h):
 * a cache written with another format is deleted and rebuilt on open.
 */
#define HCACHE_FORMAT	2

/*
 * Threads: a struct hcache and its transactions are used by one thread at
 * a time, the account's worker (the environment is opened MDB_NOTLS, so
 * the handle may move to another thread between calls, but calls never
 * overlap).  A directory is opened at most once per process, as LMDB
 * requires; several processes (two bote instances) may share it.
 *
 * Nothing the cache returns points into the LMDB map: a loaded
 * struct hcache_folder is plain memory that may outlive the handle and be
 * handed to another thread.  Writers never wait for readers.
 *
 * The cache is only a cache: a file that is not a valid LMDB environment,
 * or one written with another HCACHE_FORMAT, is replaced by an empty one
 * (a broken file is kept aside as data.mdb.broken-TIME); a record that
 * does not decode is a miss.  Flags are not cached (they live in the
 * Maildir file name).  Strings handed out are untrusted message text.
 *
 * Crashes: a killed process loses at most the batch it was committing;
 * a system crash may also lose the last committed batch (MDB_NOMETASYNC),
 * never the file.  LMDB does not checksum pages: a file damaged inside
 * (a disk error, another program writing into it) can still crash LMDB,
 * which is why a directory or file of another user is never used.
 */
struct hcache;
struct hcache_txn;

/*
 * Opens or creates the cache in dir (created mode 0700 with its parents;
 * an existing dir keeps its mode).  Refuses a dir that is a symbolic link
 * or belongs to another user.
 * Returns an owned handle, or NULL with err (BOTE_ERR_LOCAL) when not
 * even a fresh cache could be created.
 */
struct hcache	*hcache_open(const char *dir, struct bote_err *err);
/* Closes and frees the handle (NULL is allowed); no transaction may be open. */
void		 hcache_close(struct hcache *);

/* One cached message of a loaded folder; every pointer is borrowed from the folder. */
struct hcache_entry {
	uint64_t		 size;		/* file size when cached */
	int64_t			 mtime;		/* file mtime (seconds) when cached */
	const char		*unique;	/* Maildir unique name, NUL-terminated */
	uint32_t		 ulen;		/* strlen(unique) */
	size_t			 off;		/* private: arena offset while loading */
	char			*block;		/* private: the header strings, NUL-separated (owned until taken) */
	int64_t			 date;		/* private: decoded fields */
	uint8_t			 nulls;		/* private: bit i: string i is NULL */
	uint8_t			 attach;	/* private: has_attachments */
};

/*
 * Every record of one folder, copied with one cursor scan into one
 * allocation, with a hash on the unique name: about 40 bytes per message
 * plus its encoded record (some 250 bytes for a typical header, more with
 * long References), so free it once the rows are filled.  v[i] are in key
 * order (byte order of the unique names); an entry's index is (e - f->v),
 * so a caller can keep a bitmap of the entries it saw in the directory and
 * hcache_del_maildir() the others.
 */
struct hcache_folder {
	struct hcache_entry	*v;		/* owned */
	size_t			 n;
	size_t			 bad;		/* records that did not decode */
	unsigned char		*arena;		/* private: the unique names */
	size_t			 arenalen;
	size_t			 arenacap;
	uint32_t		*slots;		/* private: index + 1, 0 = empty */
	size_t			 nslots;
};

/*
 * Fills *out (no need to initialise it) with the Maildir records of
 * folder; an unknown folder gives an empty table.  A cache found corrupt
 * on the way is rebuilt and the folder is empty.  On error *out is empty
 * and -1 is returned with err; free *out with hcache_folder_free() either
 * way.
 */
int		 hcache_folder_load(struct hcache *, const char *folder,
		    struct hcache_folder *out, struct bote_err *err);
/* The entry for a unique name (ulen bytes, no NUL needed), or NULL. */
const struct hcache_entry *hcache_folder_find(const struct hcache_folder *,
		    const char *unique, size_t ulen);
/*
 * Fills from_name, from_addr, to, subject, message_id, in_reply_to,
 * references, date and has_attachments of dst from the entry, as
 * mime_summary_parse() does from a header: string members it fills are
 * freed first, so they must be NULL or owned; the new ones are owned by
 * dst.  ref, flags, keywords and size are left alone.
 */
void		 hcache_entry_fill(const struct hcache_entry *, struct summary *dst);
/*
 * Like hcache_entry_fill, but without copying: dst's seven header strings
 * become the entry's block (dst->block, see summary_pack), which the entry
 * gives up.  dst must not be packed yet.  Each entry can be taken once; a
 * second take fills like hcache_entry_fill would from an empty record.
 */
void		 hcache_entry_take(struct hcache_entry *, struct summary *dst);
/* Frees the table's memory and empties it; freeing an empty table is fine. */
void		 hcache_folder_free(struct hcache_folder *);

/*
 * A batch of writes applied in one LMDB transaction at hcache_commit():
 * all of them or none reach the disk, also when the process is killed.
 * The batch is kept in memory until then (about the encoded size of its
 * records), so commit every few thousand records.  A full map is grown
 * once and the batch retried; a corrupt cache is rebuilt and the batch
 * retried.  hcache_begin() returns an owned txn (never NULL today).
 */
/*
 * One cursor scan over a folder's records that fills rows directly, without
 * a table in between.  fn sees the records in bytewise order of their
 * unique names (shorter first when one is a prefix of the other: strcmp()
 * order), so a caller with rows in that order can walk them alongside.  For
 * each sane record fn says where it goes: a row to fill (its seven header
 * strings become one block, as hcache_entry_take gives), or NULL with *keep
 * set when the record's file still exists (it will be written again), or
 * NULL with *keep clear when its file is gone: those records are listed in
 * *gone (unique names only) for deletion.
 */
typedef struct summary *(*hcache_sift_fn)(void *ctx, const char *unique, size_t ulen,
		    uint64_t size, int64_t mtime, int *keep);
int		 hcache_folder_sift(struct hcache *, const char *folder, hcache_sift_fn fn,
		    void *ctx, struct hcache_folder *gone, struct bote_err *err);

struct hcache_txn *hcache_begin(struct hcache *, struct bote_err *err);
/*
 * Caches a Maildir message: its unique name, file size and mtime, and
 * the summary fields hcache_entry_fill() gives back (s is borrowed).
 * Returns -1, leaving the batch usable, when the record cannot be cached:
 * an empty or too long folder name (more than 511 bytes) or unique name
 * (more than 255), strings of more than 16 MiB together.
 */
int		 hcache_put_maildir(struct hcache_txn *, const char *folder,
		    const char *unique, uint64_t size, int64_t mtime,
		    const struct summary *s);
/* Forgets one message; a missing record is not an error.  -1 as for put. */
int		 hcache_del_maildir(struct hcache_txn *, const char *folder,
		    const char *unique);
/* Writes the batch and frees txn, also on failure (-1 with err, nothing written). */
int		 hcache_commit(struct hcache_txn *, struct bote_err *err);
/* Frees txn without writing anything; NULL is allowed. */
void		 hcache_abort(struct hcache_txn *);
/*
 * IMAP folders (hcache_imap.c): one record per message keyed by
 * UIDVALIDITY and UID, holding what a list row shows - flags and keywords
 * too - and one state record per folder.  modseq is the HIGHESTMODSEQ
 * every record was brought up to; 0 when some message of the folder may
 * be missing (a first open that did not finish), so that only a full
 * flag fetch may resync from it.
 */
struct hcache_imap_state {
	uint32_t	uidvalidity;	/* 0: no state */
	uint32_t	uidnext;
	uint64_t	modseq;
};
/*
 * Fills *st (zero when none) and out with every sane record of folder
 * under st->uidvalidity, sorted by UID: packed rows (ref.epoch and
 * ref.uid set, flags, keywords, size, date, header fields).  Records
 * under another UIDVALIDITY are not loaded.  Free out with
 * summary_vec_free() either way; -1 with err on a cache error.
 */
int		 hcache_imap_load(struct hcache *, const char *folder,
		    struct hcache_imap_state *st, struct summary_vec *out,
		    struct bote_err *err);
/* Caches one row of an IMAP folder (its ref.uid, flags, keywords and header fields). */
int		 hcache_put_imap(struct hcache_txn *, const char *folder,
		    uint32_t uidvalidity, const struct summary *s);
int		 hcache_del_imap(struct hcache_txn *, const char *folder,
		    uint32_t uidvalidity, uint32_t uid);
int		 hcache_put_imap_state(struct hcache_txn *, const char *folder,
		    const struct hcache_imap_state *);
/*
 * A small named value kept beside the records (the IMAP folder list for
 * offline use): put replaces it in a transaction of its own; get fills
 * out (appending) and returns 1, or 0 when there is none.  -1 with err.
 */
int		 hcache_blob_put(struct hcache *, const char *name, const void *,
		    size_t, struct bote_err *err);
int		 hcache_blob_get(struct hcache *, const char *name, struct buf *out,
		    struct bote_err *err);

/* Forgets every record of folder (all record types) in a transaction of its own. */
int		 hcache_folder_drop(struct hcache *, const char *folder,
		    struct bote_err *err);

#endif
