/*
 * imap_queue.h - changes made while an IMAP account is offline, kept
 * durably in LMDB until the server has them.
 *
 * One environment per account (under $XDG_STATE_HOME/bote/imap/), one
 * record per user action, keyed by an 8-byte big-endian sequence number
 * so a cursor walks them in the order they were made.  A record names its
 * folder and the folder's UIDVALIDITY: the UIDs mean nothing without it.
 * Every commit is synchronous: a change the UI showed survives a crash.
 */
#ifndef BOTE_IMAP_QUEUE_H
#define BOTE_IMAP_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

enum imap_qop {
	IMAP_Q_FLAGS = 1,	/* set, then clear FLAG_* bits */
	IMAP_Q_MOVE = 2,	/* move to dst */
};

struct imap_qrec {
	uint64_t	 seq;		/* assigned by imap_queue_add */
	enum imap_qop	 op;
	char		*folder;	/* UTF-8; owned */
	char		*dst;		/* MOVE: UTF-8; owned, else NULL */
	uint32_t	 uidvalidity;
	unsigned	 set, clear;	/* FLAGS */
	uint32_t	*uids;		/* owned */
	size_t		 nuids;
	int		 started;	/* MOVE: sent to the server once; it may have happened */
};

struct imap_queue;

/* Open (creating) the queue in dir, which must exist. */
struct imap_queue *imap_queue_open(const char *dir, struct bote_err *);
void	imap_queue_close(struct imap_queue *);
/* Append rec durably; rec->seq is set. */
int	imap_queue_add(struct imap_queue *, struct imap_qrec *, struct bote_err *);
/* The oldest record: 1 with *out filled (imap_qrec_free), 0 when empty, -1 on error. */
int	imap_queue_first(struct imap_queue *, struct imap_qrec *out, struct bote_err *);
/* How many records wait (0 also on error). */
size_t	imap_queue_count(struct imap_queue *);
/*
 * Note durably that record seq is about to be sent: a move the server
 * carried out just before the connection (or bote) died leaves its
 * messages gone from the folder, which is then no conflict to report.
 */
int	imap_queue_mark_started(struct imap_queue *, uint64_t seq, struct bote_err *);
/* Remove the record seq durably (done or reported). */
int	imap_queue_remove(struct imap_queue *, uint64_t seq, struct bote_err *);
void	imap_qrec_free(struct imap_qrec *);

/* The value bytes of a record (owned, *len set), and back; -1 for bytes that do not add up. */
unsigned char *imap_queue_encode(const struct imap_qrec *, size_t *len);
int	imap_queue_decode(const unsigned char *, size_t len, struct imap_qrec *out);

#endif
