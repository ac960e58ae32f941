/*
 * imap_private.h - the IMAP-live driver's state and the calls between its
 * files (imap_conn, imap_folders, imap_fetch, imap_store, imap_driver).
 * Worker thread only, except imap_conn_abort.
 */
#ifndef BOTE_IMAP_PRIVATE_H
#define BOTE_IMAP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <libetpan/libetpan.h>

#include "config/config.h"
#include "driver/driver.h"
#include "net/net.h"
#include "util/err.h"

/* What bote knows of one message of the selected folder (from fetch_index). */
struct imap_msg {
	uint32_t	uid;
	unsigned	flags;
	uint64_t	size;
	unsigned	cached : 1;	/* its row is in the header cache (imap_cache.c) */
};

struct hcache;
struct hcache_txn;
struct hcache_imap_state;
struct imap_prefetch;

struct drv {
	struct account	*acct;		/* own copy */
	char		*password;	/* owned, wiped; NULL until first needed */
	int		 readonly;
	int		 cancel_fd;	/* eventfd: abort() makes every wait give up */
	struct net_peer	*peer;		/* filled by each TLS handshake when not NULL (probe) */
	mailimap	*imap;		/* NULL while disconnected */
	int		 has_move, has_uidplus;
	char		 delim;		/* hierarchy delimiter, '\0' while unknown */
	char		*folder;	/* selected folder (UTF-8), or NULL */
	uint32_t	 uidvalidity;
	struct imap_msg	*msgs;		/* sorted by uid */
	size_t		 nmsgs;
	uint32_t	 told_exists;	/* imap_idle: EXISTS when new mail was last reported */
	size_t		 told_known;	/* imap_idle: nmsgs then */
	int		 offline;	/* the last connect failed: queue changes without trying,
					   and show folders, rows and bodies from the cache */
	int		 no_idle;	/* the server refused IDLE: poll with NOOP */
	struct imap_queue *queue;	/* imap_offline: opened on first use, or NULL */
	char		**notes;	/* imap_offline: replay conflicts for the next wait(); owned */
	size_t		 nnotes;
	int		 own_cancel;	/* cancel_fd is ours to drain and close */
	/* The caches (imap_cache.c, imap_resync.c, imap_bodies.c). */
	char		*cache_dir;	/* $XDG_CACHE_HOME/bote/imap-HASH, or NULL */
	struct hcache	*hc;		/* header cache, NULL when unusable */
	int		 hc_tried;
	struct hcache_txn *txn;		/* rows read but not yet committed */
	size_t		 txn_rows;
	int		 qresync;	/* ENABLE QRESYNC accepted */
	uint64_t	 modseq;	/* HIGHESTMODSEQ at SELECT, 0 when none */
	uint32_t	 uidnext;	/* UIDNEXT at SELECT */
	size_t		 uncached;	/* index rows not yet in the header cache */
	uint64_t	 cache_modseq;	/* the modseq the cached rows are up to */
	uint64_t	 bodies_used;	/* bytes in the body cache, when bodies_known */
	int		 bodies_known;
	struct imap_prefetch *pre;	/* imap_prefetch: cached rows read during SELECT, or NULL */
	int		 folders_asked;	/* list_folders was called: the cache answers only the first */
};

/* imap_conn.c */
int	 imap_conn_open(struct drv *, struct bote_err *);
/* Connected (reconnecting, and reselecting the folder, after a loss). */
int	 imap_conn_ensure(struct drv *, struct bote_err *);
/* Drop the connection without a word to the server. */
void	 imap_conn_drop(struct drv *);
/* LOGOUT (briefly) and drop. */
void	 imap_conn_close(struct drv *);
void	 imap_conn_abort(struct drv *);
/* 1 when the server's capabilities name this one (auth: an AUTH= mechanism); NULL-safe. */
int	 imap_conn_has(mailimap *, int auth, const char *name);
/* Budget and deadline for the next command's reply (0: the defaults for a short reply). */
void	 imap_conn_limit(struct drv *, size_t max, time_t extra_secs);
/*
 * The one place libetpan's codes become bote's errors: what (a translated
 * format naming the object with one '%s'), then ": reason", the server's
 * words cleaned to printable ASCII.  A lost or unparsable connection is
 * dropped (the next operation reconnects).  Always returns -1.
 */
int	 imap_conn_fail(struct drv *, int rc, const char *what, const char *object,
	    struct bote_err *);
/* "what 'object': reason" for errors found by bote itself; what as above. */
void	 imap_conn_error(struct bote_err *, enum bote_err_kind, const char *what,
	    const char *object, const char *reason);

/* imap_folders.c */
int	 imap_folders_list(struct drv *, int counts, struct folder_list *,
	    struct bote_err *);
/* SELECT (or EXAMINE when read-only) by UTF-8 name. */
int	 imap_folders_select(struct drv *, const char *folder, struct select_info *,
	    struct bote_err *);
/* The server's name for a UTF-8 folder name (owned), or NULL with err set. */
char	*imap_folders_server_name(struct drv *, const char *folder, struct bote_err *);
/* STATUS (MESSAGES UNSEEN) of a folder by its server name; what the server will not count keeps its value. */
void	 imap_folders_status(struct drv *, const char *server, long *total, long *unread);
/* Forget the selected folder's messages (it changed under bote, or is gone). */
void	 imap_folders_forget(struct drv *);

/* imap_manage.c: create, rename, delete, (un)subscribe (see drv_ops). */
int	 imap_manage_create(struct drv *, const char *, struct bote_err *);
int	 imap_manage_rename(struct drv *, const char *, const char *, struct bote_err *);
int	 imap_manage_delete(struct drv *, const char *, int, size_t *, struct bote_err *);
int	 imap_manage_subscribe(struct drv *, const char *, int, struct bote_err *);

/* imap_fetch.c */
int	 imap_fetch_index(struct drv *, struct summary_vec *, struct bote_err *);
int	 imap_fetch_summaries(struct drv *, struct summary *, size_t, struct bote_err *);
int	 imap_fetch_message(struct drv *, const struct msgref *, int *, struct bote_err *);
/* FLAG_* bits of a FETCH's FLAGS; keywords appended to kw, space-separated. */
struct buf;
unsigned imap_fetch_flags(const struct mailimap_msg_att_dynamic *, struct buf *kw);
/* The known message with this uid, or NULL. */
struct imap_msg *imap_fetch_find(struct drv *, uint32_t uid);

/* imap_idle.c */
int	 imap_idle_wait(struct drv *, int wake_fd, int timeout_ms, struct drv_changes *,
	    struct bote_err *);
/* What NOOP or IDLE brought: expunges, flag changes, new mail (tests call it too). */
void	 imap_idle_collect(struct drv *, struct drv_changes *);

/* imap_offline.c: flag changes and moves queued while offline, replayed in order. */
int	 imap_offline_store_flags(struct drv *, const struct msgref *, size_t, unsigned,
	    unsigned, unsigned *, struct bote_err *);
int	 imap_offline_move_tracked(struct drv *, const struct msgref *, size_t, const char *,
	    struct msgref *, struct bote_err *);
int	 imap_offline_move(struct drv *, const struct msgref *, size_t, const char *,
	    struct bote_err *);
/* Replay what is queued (connected, idle); conflicts go to d->notes.  -1 on connection loss. */
int	 imap_offline_replay(struct drv *, struct drv_changes *, struct bote_err *);
void	 imap_offline_close(struct drv *);
/* Move the pending notices into out. */
void	 imap_offline_notes(struct drv *, struct drv_changes *);

/* imap_cache.c: the header cache and the folder list for offline use */
struct hcache *imap_cache_handle(struct drv *);
/* Rows of rows[0..n) whose headers the server just sent go into the cache. */
void	 imap_cache_rows(struct drv *, const struct summary *, size_t);
/* The folder's state (UIDVALIDITY, UIDNEXT, modseq) once every row is cached. */
void	 imap_cache_state(struct drv *);
/* Commit the rows written so far (before another folder, or the end). */
void	 imap_cache_flush(struct drv *);
/* Drop every record of the selected folder (UIDVALIDITY changed). */
void	 imap_cache_drop(struct drv *);
/* Drop a folder's headers and bodies: it was renamed or deleted on the server. */
void	 imap_cache_forget(struct drv *, const char *folder);
int	 imap_cache_list_folders(struct drv *, int, struct folder_list *, struct bote_err *);
int	 imap_cache_select(struct drv *, const char *, struct select_info *, struct bote_err *);
int	 imap_cache_connect(struct drv *, struct bote_err *);
void	 imap_cache_close(struct drv *);
/* The "offline" error for an operation that needs the server. */
int	 imap_cache_offline_error(struct drv *, struct bote_err *);

/*
 * imap_prefetch.c: the folder's cached rows, read on a thread while the
 * server answers SELECT (start right before it, join right after it).
 */
void	 imap_prefetch_start(struct drv *, const char *folder);
void	 imap_prefetch_join(struct drv *);
/* 1 with the rows and state of folder as the cache had them; 0 (nothing to take) otherwise. */
int	 imap_prefetch_take(struct drv *, const char *folder, struct hcache_imap_state *,
	    struct summary_vec *);
void	 imap_prefetch_drop(struct drv *);

/* imap_resync.c: the index from the cache plus the server's changes */
/* After every login: online again, and ENABLE QRESYNC when the server offers it. */
void	 imap_resync_enable(struct drv *);
/* SELECT or EXAMINE with CONDSTORE when offered, noting HIGHESTMODSEQ; a libetpan code. */
int	 imap_resync_select(struct drv *, const char *server_name);
/*
 * The index from the cache, brought up to date with the server: 1 when
 * out is filled, 0 when the cache has nothing for the folder (read it all),
 * -1 with err.
 */
int	 imap_resync_index(struct drv *, struct summary_vec *, struct bote_err *);
/*
 * Mark in gone[] the UIDs of the sorted uids[0..n) that set names (a
 * VANISHED response); returns how many were newly marked.  The work is
 * bounded by the set's items and n, never by the width of a range.
 */
size_t	 imap_resync_vanish(const uint32_t *uids, size_t n, const struct mailimap_set *set,
	    unsigned char *gone);
/* The same for every VANISHED response in a reply's extension list (rsp_extension_list). */
size_t	 imap_resync_vanished(const uint32_t *uids, size_t n, const clist *ext,
	    unsigned char *gone);

/* imap_fetch.c, used by imap_resync.c */
typedef void (*imap_fetch_fn)(const struct mailimap_msg_att *, void *ctx);
/*
 * UID FETCH set (UID FLAGS[ RFC822.SIZE INTERNALDATE]), with
 * (CHANGEDSINCE modseq VANISHED) when modseq is not 0; a NULL set is
 * 1:*.  fn sees each
 * response; expect sizes the reply's budget.  A libetpan code; *vanished
 * (modseq only) is the caller's to free.
 */
int	 imap_fetch_stream(struct drv *, struct mailimap_set *, int flags_only, uint64_t modseq,
	    size_t expect, imap_fetch_fn, void *ctx, struct mailimap_qresync_vanished **vanished);
int	 imap_fetch_index_row(const struct mailimap_msg_att *, struct summary *);
/* Sorted rows: keep one row per UID (a server may report one twice). */
void	 imap_fetch_drop_dup_uids(struct summary_vec *);
void	 imap_fetch_keep_index(struct drv *, const struct summary_vec *);

/* imap_bodies.c: bodies kept on disk */
/* An fd of the cached body of uid in the selected folder, or -1. */
int	 imap_bodies_open(struct drv *, uint32_t uid);
/* Give the complete body in fd (written from offset 0) a name in the cache; errors only cost the copy. */
void	 imap_bodies_keep(struct drv *, uint32_t uid, int fd, uint64_t size);
/* Remove a folder's bodies of every UIDVALIDITY but keep (0: all): rebuilt, renamed or deleted. */
void	 imap_bodies_forget(struct drv *, const char *folder, uint32_t keep);

/* imap_store.c */
int	 imap_store_flags(struct drv *, const struct msgref *, size_t, unsigned, unsigned,
	    unsigned *, struct bote_err *);
int	 imap_store_copy(struct drv *, const struct msgref *, size_t, const char *,
	    struct bote_err *);
int	 imap_store_move(struct drv *, const struct msgref *, size_t, const char *,
	    struct bote_err *);
int	 imap_store_move_tracked(struct drv *, const struct msgref *, size_t, const char *,
	    struct msgref *, struct bote_err *);
int	 imap_store_expunge(struct drv *, size_t *, struct bote_err *);
/* An IMAP flag list for the FLAG_* bits (owned); NULL when none is stored on a server. */
struct mailimap_flag_list *imap_store_flag_list(unsigned bits);
/* A UID set of refs of the selected folder (owned), or NULL with err set. */
struct mailimap_set *imap_store_uid_set(struct drv *, const struct msgref *, size_t,
	    struct bote_err *);

/*
 * imap_copyuid.c: fill landed[i] (epoch and uid) for every refs[i] from a
 * COPYUID answer (sources and destinations pair up in order).  0 when
 * every ref was found, else -1 (landed may be partly filled).
 */
int	 imap_copyuid_map(uint32_t uidvalidity, const struct mailimap_set *src,
	    const struct mailimap_set *dst, const struct msgref *refs, size_t n,
	    struct msgref *landed);

/*
 * imap_expunge.c: remove exactly uids[0..n) (sorted in place), already
 * \Deleted; never another client's \Deleted mail.  0 done, 1 refused
 * (no UIDPLUS and other \Deleted mail in the folder; err untouched), -1.
 */
int	 imap_expunge_uids(struct drv *, uint32_t *uids, size_t n, struct bote_err *);

/* imap_auth.c: log in as the account says (auth, LOGINDISABLED); 0 or -1 with err. */
int	 imap_auth_login(struct drv *, struct bote_err *);

/* imap_append.c */
int	 imap_append(struct drv *, const char *folder, int fd, unsigned flags, time_t date,
	    struct msgref *, struct bote_err *);

/* imap_search.c */
int	 imap_search(struct drv *, const struct pattern_term *, const struct msgref *, size_t,
	    unsigned char *, struct bote_err *);

#endif
