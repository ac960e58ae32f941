/* hcache_private.h - shared by the header cache's files: the handle, the disk layout, helpers. */
#ifndef BOTE_HCACHE_PRIVATE_H
#define BOTE_HCACHE_PRIVATE_H

#include <lmdb.h>
#include <stddef.h>
#include <stdint.h>

#include "cache/hcache.h"
#include "util/buf.h"

/*
 * On-disk layout (HCACHE_FORMAT 1).  Byte order is fixed so that a layout
 * description, not the compiler, defines the file; LMDB itself is not
 * portable between architectures, a foreign file is rebuilt anyway.
 *
 * "meta"       "format" -> u32le HCACHE_FORMAT, u32le hcache_codec_layout()
 * "folders"    folder name (1..HCACHE_FOLDER_MAX bytes) -> u32be folder id
 * "summaries"  u32be folder id, u8 record type, then per type:
 *                'M' Maildir: the unique name (1..HCACHE_UNIQUE_MAX bytes)
 *                'I' IMAP: u32be UIDVALIDITY, u32be UID
 *                'S' the IMAP folder's state: nothing more
 *              Big-endian ids keep one folder's records, and one type's,
 *              next to each other: a folder load is one cursor range, and
 *              an IMAP folder's records come in UID order.
 * "meta"       also "imap-folders" -> the folder list (hcache_imap.c)
 *
 * A Maildir value:
 *    0  u64le  file size		 8  i64le  file mtime (seconds)
 *   16  i64le  Date			24  u8     'M' (must match the key)
 *   25  u8     bit 0: has_attachments	26  u16le  HCACHE_NSTR
 *   28  u32le  length of each string, HCACHE_NULL for NULL, in the
 *              order from_name, from_addr, to, subject, message_id,
 *              in_reply_to, references
 *   56  the strings' bytes, back to back, without NULs; their lengths
 *       add up to exactly the rest of the value.
 */
#define HCACHE_REC_MAILDIR	'M'
#define HCACHE_REC_IMAP		'I'
#define HCACHE_REC_STATE	'S'
#define HCACHE_NSTR		7
#define HCACHE_NULL		UINT32_MAX
#define HCACHE_HEAD		(28 + 4 * HCACHE_NSTR)
#define HCACHE_PREFIX		5		/* folder id + record type */
#define HCACHE_UNIQUE_MAX	255		/* NAME_MAX bounds a unique part */
#define HCACHE_FOLDER_MAX	511		/* LMDB's default key size limit */
#define HCACHE_KEY_MAX		(HCACHE_PREFIX + HCACHE_UNIQUE_MAX)
/*
 * An IMAP value ('I'):
 *    0  u64le  RFC822.SIZE		 8  i64le  INTERNALDATE
 *   16  i64le  Date			24  u8     'I'
 *   25  u8     bit 0: has_attachments	26  u16le  HCACHE_NSTR + 1
 *   28  u32le  FLAG_* bits
 *   32  u32le  length of each string (as for Maildir, then the keywords)
 *   64  the strings' bytes, back to back.
 * The state value ('S'): u32le UIDVALIDITY, u32le UIDNEXT, u64le
 * HIGHESTMODSEQ (0: not every message was cached with it).
 */
#define HCACHE_IMAP_HEAD	(32 + 4 * (HCACHE_NSTR + 1))
#define HCACHE_STATE_LEN	16
/* Headers are read up to 256 KiB: a bigger value is a corrupt one. */
#define HCACHE_VALUE_MAX	((size_t)16 << 20)

struct hcache {
	MDB_env		*env;
	MDB_dbi		 meta;
	MDB_dbi		 folders;
	MDB_dbi		 summaries;
	char		*dir;		/* owned */
};

/* hcache.c: the environment. */
int	 hcache_env_txn(struct hcache *, unsigned flags, MDB_txn **);
int	 hcache_env_rebuild(struct hcache *, struct bote_err *);
int	 hcache_env_grow(struct hcache *, struct bote_err *);
int	 hcache_env_corrupt(int rc);
/*
 * Drop the mapped pages from this process (they stay in the page cache and
 * fault back in when read): a big cache must not count twice in bote's
 * memory, once mapped and once decoded.
 */
void	 hcache_env_release(struct hcache *);
/*
 * Call each for every record whose key starts with prefix, in key order,
 * letting go of mapped pages as it goes; closes cur and ends the read
 * transaction txn.  0 or an LMDB error code.
 */
int	 hcache_env_scan(struct hcache *, MDB_txn *, MDB_cursor *, const unsigned char *prefix,
	    size_t plen, void (*each)(const MDB_val *k, const MDB_val *v, void *arg), void *arg);
int	 hcache_env_folder(struct hcache *, MDB_txn *, const char *, size_t,
	    uint32_t *id);

/* hcache_codec.c: keys and values. */
uint32_t hcache_codec_layout(void);
size_t	 hcache_codec_key(unsigned char *dst, uint32_t folder, int type,
	    const char *unique, size_t ulen);
void	 hcache_codec_put_be32(unsigned char *, uint32_t);
uint32_t hcache_codec_get_be32(const unsigned char *);
void	 hcache_codec_put_le32(unsigned char *, uint32_t);
uint32_t hcache_codec_get_le32(const unsigned char *);
/* A record value of either type (see hcache_codec.c); -1 when too big. */
int	 hcache_codec_encode_record(struct buf *, int type, uint64_t size, int64_t mtime,
	    const struct summary *, const unsigned char *extra, size_t nextra,
	    const char *const *str, int nstr);
int	 hcache_codec_encode(struct buf *, uint64_t size, int64_t mtime,
	    const struct summary *);
int	 hcache_codec_check(const unsigned char *, size_t, uint64_t *size,
	    int64_t *mtime);
void	 hcache_codec_fill(const unsigned char *, size_t, struct summary *);
void	 hcache_codec_put_le64(unsigned char *, uint64_t);
void	 hcache_codec_strings(const struct summary *, const char *out[HCACHE_NSTR]);
uint64_t hcache_codec_get_le64(const unsigned char *);

/* hcache_imap.c: IMAP values. */
int	 hcache_imap_encode(struct buf *, const struct summary *);
void	 hcache_imap_encode_state(struct buf *, const struct hcache_imap_state *);

#endif
