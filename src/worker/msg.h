/*
 * msg.h - requests (UI -> worker) and events (worker -> UI).
 *
 * Both are plain structs that own their payload; whoever pops one from a
 * queue owns it and frees it with msg_request_free / msg_event_free.
 * Nothing in them points into the other thread's data.  Every request gets
 * zero or more data events and then exactly one terminal event (DONE,
 * ERROR, CANCELLED or UNSUPPORTED) carrying its id in reply_to.
 */
#ifndef BOTE_MSG_H
#define BOTE_MSG_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include "core/display.h"
#include "core/folder.h"
#include "core/msgref.h"
#include "core/summary.h"
#include "util/err.h"

struct account;

enum req_kind {
	REQ_LIST_FOLDERS,	/* -> EV_FOLDERS */
	REQ_OPEN_FOLDER,	/* -> EV_FOLDER_OPENED, EV_SUMMARIES... (then sorted by date) */
	REQ_RENDER,		/* -> EV_MESSAGE */
	REQ_SET_FLAGS,		/* -> EV_FLAGS */
	REQ_MOVE,
	REQ_COPY,
	REQ_EXPUNGE,		/* -> EV_EXPUNGED */
	REQ_SEARCH,		/* -> EV_PROGRESS..., EV_SEARCH_RESULT */
	REQ_FETCH,		/* POP3 into the spool -> EV_PROGRESS..., EV_NOTICE..., EV_FETCHED */
	REQ_CREATE_FOLDER,	/* folder */
	REQ_RENAME_FOLDER,	/* folder -> dst */
	REQ_DELETE_FOLDER,	/* folder, force -> EV_NOT_EMPTY when it holds messages and !force */
	REQ_SUBSCRIBE,		/* folder, on */
	REQ_MOVE_TRACKED,	/* REQ_MOVE that answers where they landed -> EV_MOVED */
	REQ_UNDO_MOVE,		/* refs in folder go back to dst (the UI reloads its folder) */
	REQ_SAVE_FILE,		/* refs (rows: their summaries) into the file dst; set: SAVE_* */
	REQ_XFER,		/* rows into dst of dst_acct (another account) -> EV_PROGRESS..., EV_FLAGS */
	REQ_SAVE_PART,		/* refs[0]'s part into dir/name -> EV_SAVED */
	REQ_OPEN_PART,		/* refs[0]'s part for a viewer -> EV_VIEWER or EV_MESSAGE */
};

enum req_prio {
	PRIO_INTERACTIVE = 0,	/* the user waits for it: to the head of the queue */
	PRIO_NORMAL,
	PRIO_BACKGROUND,	/* prefetch: behind everything else */
};

struct request {
	uint64_t		 id;		/* set by worker_submit */
	enum req_kind		 kind;
	enum req_prio		 prio;
	atomic_int		 cancelled;	/* set by worker_cancel; checked between steps */
	char			*folder;	/* owned; OPEN_FOLDER, *_FOLDER, SUBSCRIBE */
	char			*dst;		/* owned; MOVE, COPY, RENAME_FOLDER */
	struct msgref		*refs;		/* owned array */
	size_t			 nrefs;
	unsigned		 set, clear;	/* SET_FLAGS */
	int			 counts;	/* LIST_FOLDERS: with message counts */
	int			 force;		/* DELETE_FOLDER: also when it holds messages */
	int			 on;		/* SUBSCRIBE: 1 subscribe, 0 unsubscribe */
	char			*text;		/* owned; SEARCH: the pattern */
	struct summary_vec	 rows;		/* owned; SEARCH, XFER: copies of the rows */
	struct account		*dst_acct;	/* owned; XFER: the destination account */
	int			 keep;		/* XFER: copy (1) or move (0: marks the sources \Deleted) */
	char			*part;		/* owned; SAVE_PART, OPEN_PART: display_part path */
	char			*dir;		/* owned; SAVE_PART: the directory saved into */
	char			*name;		/* owned; SAVE_PART: the safe file name in dir */
	int			 overwrite;	/* SAVE_PART: replace an existing file */
	char			*html_filter;	/* owned; RENDER, OPEN_PART: command line or NULL */
	TAILQ_ENTRY(request)	 link;
};

enum ev_kind {
	EV_FOLDERS,
	EV_FOLDER_OPENED,	/* rows: identities, flags, fallback dates; no headers yet */
	EV_SUMMARIES,		/* rows[offset .. offset+n) now have their headers */
	EV_FOLDER_SORTED,	/* final rows of the folder, complete and sorted; or rows_kept */
	EV_MESSAGE,
	EV_FLAGS,		/* flags[i] is the new flag set of refs[i] */
	EV_EXPUNGED,
	EV_PROGRESS,		/* count done of total (FETCH: messages; bytes of bytes_total) */
	EV_NOTICE,		/* err.msg: something left alone, worth a line (FETCH) */
	EV_FETCHED,		/* FETCH result: count new, total deleted, offset skipped, bytes */
	EV_SEARCH_RESULT,	/* refs: the rows that match */
	EV_MOVED,		/* refs[i]: where the i-th moved message landed (zero: unknown) */
	EV_CONN_STATE,		/* unsolicited: online says whether the store is reachable; err why not */
	EV_NOT_EMPTY,		/* DELETE_FOLDER refused: folder holds count messages (then DONE) */
	EV_VANISHED,		/* unsolicited: refs were expunged by another client */
	EV_FOLDER_CHANGED,	/* unsolicited: folder has news bote cannot apply row by row (new mail) */
	EV_SAVED,		/* SAVE_PART: folder = path; count 1 written, 0 it exists (nothing done) */
	EV_VIEWER,		/* OPEN_PART: run argv (on the terminal when online is 1); folder = file */
	/* terminal events */
	EV_DONE,
	EV_ERROR,
	EV_CANCELLED,
	EV_UNSUPPORTED,
};

struct event {
	uint64_t		 reply_to;	/* request id; 0 = unsolicited */
	enum ev_kind		 kind;
	struct bote_err		 err;		/* EV_ERROR, EV_UNSUPPORTED */
	struct folder_list	 folders;	/* EV_FOLDERS */
	char			*folder;	/* EV_FOLDER_*, EV_SUMMARIES, EV_NOT_EMPTY */
	struct summary_vec	 rows;		/* EV_FOLDER_OPENED, EV_SUMMARIES, EV_FOLDER_SORTED */
	size_t			 offset;	/* EV_SUMMARIES: index of rows.v[0] in the folder */
	/*
	 * EV_FOLDER_SORTED after EV_FOLDER_OPENED: rows is empty, the rows of
	 * EV_FOLDER_OPENED with EV_SUMMARIES applied are complete and final,
	 * and the receiver sorts them by date (sort_summaries, SORT_DATE).
	 */
	int			 rows_kept;
	struct display		 msg;		/* EV_MESSAGE */
	struct msgref		*refs;		/* EV_FLAGS (unsolicited too), EV_MESSAGE (refs[0]), EV_VANISHED */
	unsigned		*flags;
	size_t			 nrefs;
	size_t			 count;		/* EV_EXPUNGED: removed; EV_PROGRESS: done; EV_NOT_EMPTY */
	size_t			 total;		/* EV_PROGRESS */
	uint64_t		 bytes;		/* EV_PROGRESS, EV_FETCHED */
	uint64_t		 bytes_total;	/* EV_PROGRESS */
	int			 online;	/* EV_CONN_STATE; EV_VIEWER: needsterminal */
	char			**argv;		/* owned, NULL-terminated; EV_VIEWER */
	TAILQ_ENTRY(event)	 link;
};

/* REQ_SAVE_FILE: the request's set bits. */
#define SAVE_MBOX	0x01	/* mbox with From_ lines, else the raw message (.eml) */
#define SAVE_OVERWRITE	0x02	/* replace an existing file (the user confirmed) */

TAILQ_HEAD(request_queue, request);
TAILQ_HEAD(event_queue, event);

/* Constructors copy every argument; results are owned by the caller until submitted. */
struct request *msg_request_new(enum req_kind, enum req_prio);
void	msg_request_set_refs(struct request *, const struct msgref *, size_t);
void	msg_request_free(struct request *);
struct event *msg_event_new(uint64_t reply_to, enum ev_kind);
void	msg_event_free(struct event *);
/* 1 for DONE, ERROR, CANCELLED and UNSUPPORTED. */
int	msg_event_is_terminal(const struct event *);

#endif
