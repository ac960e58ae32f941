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
};

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
	int		 offline;	/* the last connect failed: queue changes without trying */
	int		 no_idle;	/* the server refused IDLE: poll with NOOP */
	struct imap_queue *queue;	/* imap_offline: opened on first use, or NULL */
	char		**notes;	/* imap_offline: replay conflicts for the next wait(); owned */
	size_t		 nnotes;
	int		 own_cancel;	/* cancel_fd is ours to drain and close */
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
