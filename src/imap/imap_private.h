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

/* imap_fetch.c */
int	 imap_fetch_index(struct drv *, struct summary_vec *, struct bote_err *);
int	 imap_fetch_summaries(struct drv *, struct summary *, size_t, struct bote_err *);
int	 imap_fetch_message(struct drv *, const struct msgref *, int *, struct bote_err *);
/* The known message with this uid, or NULL. */
struct imap_msg *imap_fetch_find(struct drv *, uint32_t uid);

/* imap_store.c */
int	 imap_store_flags(struct drv *, const struct msgref *, size_t, unsigned, unsigned,
	    unsigned *, struct bote_err *);
int	 imap_store_copy(struct drv *, const struct msgref *, size_t, const char *,
	    struct bote_err *);
int	 imap_store_move(struct drv *, const struct msgref *, size_t, const char *,
	    struct bote_err *);
int	 imap_store_expunge(struct drv *, size_t *, struct bote_err *);
/* A UID set of refs of the selected folder (owned), or NULL with err set. */
struct mailimap_set *imap_store_uid_set(struct drv *, const struct msgref *, size_t,
	    struct bote_err *);

#endif
