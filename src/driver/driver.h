/*
 * driver.h - the account-driver interface: the only code that touches a mail store.
 *
 * A driver instance belongs to one account and is used by one thread at a
 * time (the account's worker; see src/worker).  Operations may block on disk
 * or network and must never touch the terminal.  Unless noted, an operation
 * returns 0 on success and -1 on failure with *err filled in.  A NULL
 * operation is unsupported; callers answer BOTE_ERR_UNSUPPORTED.
 *
 * Ownership: pointers passed in are borrowed for the duration of the call;
 * structures filled in (folder_list, summary arrays) become the caller's and
 * are freed with their own *_free functions.
 */
#ifndef BOTE_DRIVER_H
#define BOTE_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "core/folder.h"
#include "core/msgref.h"
#include "core/pattern.h"
#include "core/summary.h"
#include "util/err.h"

struct drv;		/* driver-private state */

#define DRV_CAP_REMOTE		0x01	/* network-backed: may go offline */
#define DRV_CAP_PUSH		0x02	/* wait() blocks for server or file events */
#define DRV_CAP_KEYWORDS	0x04	/* arbitrary keywords */
#define DRV_CAP_MOVE		0x08	/* atomic move */
#define DRV_CAP_PARALLEL_SUMMARIES 0x10	/* fetch_summaries may run on two threads at once, on disjoint rows */

struct account;

struct drv_params {
	const char	*account;	/* account name for messages; borrowed */
	const char	*path;		/* Maildir: root directory; borrowed */
	int		 readonly;	/* never change the store (bote list/show) */
	const char	*cache_dir;	/* header cache directory, or NULL; borrowed */
	/*
	 * IMAP: the account (host, port, TLS, user, password source), copied
	 * by create().  The password, when given, is copied too; without it
	 * connect() runs the account's password_command - on the worker
	 * thread, since it may wait for a passphrase.
	 */
	const struct account *acct;	/* borrowed */
	const char	*password;	/* borrowed; NULL: ask the account */
	/*
	 * With has_cancel_fd, network waits also give up when cancel_fd (the
	 * worker's abort eventfd, which the worker drains) is readable;
	 * otherwise the driver makes its own for abort().
	 */
	int		 has_cancel_fd;
	int		 cancel_fd;
};

/* What wait() saw happen to the selected folder, from another client (arrays owned). */
struct drv_changes {
	struct msgref	*flag_refs;	/* messages whose flags changed */
	unsigned	*flags;		/* their flags now */
	size_t		 nflags;
	struct msgref	*gone;		/* messages expunged */
	size_t		 ngone;
	int		 reread;	/* new mail, or changes bote cannot place: read the folder again */
	size_t		 arrived;	/* with reread: new messages counted (Maildir; IMAP tells by UID) */
	char		**notices;	/* one-line reports (offline changes that could not be made) */
	size_t		 nnotices;
};

struct select_info {
	uint32_t	epoch;		/* IMAP UIDVALIDITY, 0 for Maildir */
	uint32_t	uidnext;	/* 0 when unknown */
	size_t		exists;
};

struct drv_ops {
	const char	*name;
	unsigned	 caps;

	/* Lifecycle.  create() validates the parameters and does no slow I/O. */
	struct drv	*(*create)(const struct drv_params *, struct bote_err *);
	void		 (*destroy)(struct drv *);
	int		 (*connect)(struct drv *, struct bote_err *);
	void		 (*disconnect)(struct drv *);

	/*
	 * Folders: every selectable folder, with counts (total, unread) when
	 * asked, else -1.  Counting may read every folder's message list, which
	 * at startup would delay the folder the user is waiting for.  Without
	 * counts, the first call before any folder is selected may answer from
	 * the driver's cache and set out->cached: the caller asks again once a
	 * folder is open (IMAP: a LIST before the first SELECT makes Dovecot's
	 * SELECT of a big Maildir INBOX resync it, 60-130 ms for 100,000).
	 */
	int	(*list_folders)(struct drv *, int counts, struct folder_list *out,
		    struct bote_err *);

	/* Select a folder; later message operations act on it. */
	int	(*select)(struct drv *, const char *folder, struct select_info *out,
		    struct bote_err *);

	/*
	 * Identities and flags of every message in the selected folder, with
	 * size and a fallback date (file time); header fields stay NULL.
	 */
	int	(*fetch_index)(struct drv *, struct summary_vec *out, struct bote_err *);

	/*
	 * Fill the header fields of rows[0..n) in place (rows from fetch_index).
	 * Callers pass visible rows first and the rest in batches.  A message
	 * that cannot be read keeps NULL fields; that is not an error.
	 */
	int	(*fetch_summaries)(struct drv *, struct summary *rows, size_t n,
		    struct bote_err *);

	/*
	 * A readable fd positioned at the start of the raw message; caller
	 * closes.  IMAP streams the body into an unlinked 0600 file under
	 * $XDG_CACHE_HOME/bote, never holding it in memory.
	 */
	int	(*fetch_message)(struct drv *, const struct msgref *, int *fd_out,
		    struct bote_err *);

	/*
	 * Mutation.  store_flags sets then clears FLAG_* bits (FLAG_NEW is
	 * ignored) and writes the resulting flags to *flags_out[i] when
	 * flags_out is not NULL.  copy and move never lose the source before
	 * the destination is durable.
	 */
	int	(*store_flags)(struct drv *, const struct msgref *, size_t n, unsigned set,
		    unsigned clear, unsigned *flags_out, struct bote_err *);
	int	(*copy)(struct drv *, const struct msgref *, size_t n, const char *dst,
		    struct bote_err *);
	int	(*move)(struct drv *, const struct msgref *, size_t n, const char *dst,
		    struct bote_err *);
	/*
	 * move() that also says where each message landed, for undo:
	 * landed[i] (zeroed by the caller, filled with owned copies) is
	 * refs[i]'s identity in dst, or stays zero when the store cannot
	 * tell (IMAP without COPYUID).  NULL: only move() exists.
	 */
	int	(*move_tracked)(struct drv *, const struct msgref *, size_t n, const char *dst,
		    struct msgref *landed, struct bote_err *);
	/* Remove messages flagged FLAG_DELETED from the selected folder; *removed counts them. */
	int	(*expunge)(struct drv *, size_t *removed, struct bote_err *);

	/*
	 * Folder management, by UTF-8 names with '/' between levels, as
	 * list_folders gives them.  rename_folder keeps the messages;
	 * delete_folder never removes INBOX and refuses a folder that still
	 * holds messages unless force is set: it then fails with
	 * BOTE_ERR_NOTEMPTY and *count set to their number.  subscribe
	 * (on = 1) or unsubscribe; NULL where the store has no subscriptions.
	 */
	int	(*create_folder)(struct drv *, const char *name, struct bote_err *);
	int	(*rename_folder)(struct drv *, const char *from, const char *to,
		    struct bote_err *);
	int	(*delete_folder)(struct drv *, const char *name, int force, size_t *count,
		    struct bote_err *);
	int	(*subscribe)(struct drv *, const char *name, int on, struct bote_err *);

	/*
	 * Server-side search: hits[i] = 1 when refs[i] of the selected folder
	 * satisfies the term, else 0, without reading any message here.
	 * BOTE_ERR_UNSUPPORTED when this server cannot take the term (the
	 * caller then decides by reading the messages).  NULL: no server.
	 */
	int	(*search)(struct drv *, const struct pattern_term *, const struct msgref *refs,
		    size_t n, unsigned char *hits, struct bote_err *);

	/*
	 * Store a whole message (fd: a regular file, read from offset 0) in
	 * folder, with FLAG_* flags and date as its received time (0: now).
	 * Returns only once the message is durable (Maildir: fsynced and
	 * renamed into place; IMAP: the server's OK).  *out, when not NULL,
	 * gets the new message's identity where the store tells it (IMAP
	 * APPENDUID; zeros without UIDPLUS).  Works on any folder, selected
	 * or not; a selected folder shows the message after the next select.
	 */
	int	(*append)(struct drv *, const char *folder, int fd, unsigned flags, time_t date,
		    struct msgref *out, struct bote_err *);

	/*
	 * Wait for news of the selected folder (IMAP: IDLE, else a NOOP at
	 * the end; Maildir: inotify, else the directories' mtimes) until
	 * wake_fd is readable, timeout_ms passes or something changed; *out
	 * (zeroed by the caller) says what.  Reconnects and
	 * reselects when the connection was lost; without a folder it only
	 * connects.  -1 with err when the store cannot be reached.
	 */
	int	(*wait)(struct drv *, int wake_fd, int timeout_ms, struct drv_changes *out,
		    struct bote_err *);

	/*
	 * The only operation callable from another thread: make a blocked call
	 * (or a wait) return.  IMAP: the connection is then dropped, and the
	 * next operation reconnects.
	 */
	void	(*abort)(struct drv *);

	/*
	 * 1 when the account was opened from its cache because the server
	 * could not be reached: folders, rows and cached bodies are the
	 * cache's, read-only.  NULL: never offline.
	 */
	int	(*offline)(struct drv *);
};

void	driver_changes_free(struct drv_changes *);

/* Registry: the driver for a name ("maildir", "imap"), or NULL. */
const struct drv_ops *driver_find(const char *name);

extern const struct drv_ops maildir_driver_ops;
extern const struct drv_ops imap_driver_ops;

#endif
