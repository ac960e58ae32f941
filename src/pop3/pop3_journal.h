/*
 * pop3_journal.h - the durable record of what a POP3 account delivered,
 * an LMDB environment under the state directory.
 *
 * Keys are "u" + UIDL, or "h" + the SHA-256 (hex) of a message on a
 * server without UIDL, or "t" + a file name in tmp/ that a batch is about
 * to write before its key is known (removed with the batch).  An entry is PENDING from before its file is
 * written until the file is renamed into new/, then DONE.  Every commit is
 * synchronous: a DONE entry exists only for a message already durable in
 * the spool, and only DONE entries allow a DELE.
 */
#ifndef BOTE_POP3_JOURNAL_H
#define BOTE_POP3_JOURNAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/err.h"

enum pop3_jstate {
	POP3_J_PENDING = 1,
	POP3_J_DONE = 2,
};

struct pop3_jentry {
	char		*key;		/* owned */
	enum pop3_jstate state;
	uint64_t	 size;		/* octets delivered (LF line ends) */
	int64_t		 fetched;	/* time of delivery */
	int64_t		 msgdate;	/* the message's own date, or 0 */
	char		*name;		/* Maildir unique name; owned */
};

struct pop3_journal;

/*
 * Refuse a journal that cannot be trusted: a symbolic link, a file of
 * another kind or owner, or (when the spool already holds mail) an empty
 * data file, which LMDB would silently start afresh.
 */
int	pop3_journal_check(const char *dir, int spool_has_mail, struct bote_err *);
/* Open (creating) the journal in dir; the directory must exist. */
struct pop3_journal *pop3_journal_open(const char *dir, struct bote_err *);
void	pop3_journal_close(struct pop3_journal *);

/* 1 with *out filled (free with pop3_journal_entry_free), 0 when absent, -1 on error. */
int	pop3_journal_get(struct pop3_journal *, const char *key, struct pop3_jentry *out,
	    struct bote_err *);
/*
 * One durable transaction: remove the ndels keys, then write the n
 * entries.
 */
int	pop3_journal_commit(struct pop3_journal *, const struct pop3_jentry *, size_t n,
	    char *const *dels, size_t ndels, struct bote_err *);
/*
 * Every entry, in key order (the array and its entries are owned by the
 * caller: pop3_journal_entries_free).
 */
int	pop3_journal_all(struct pop3_journal *, struct pop3_jentry **out, size_t *n,
	    struct bote_err *);
void	pop3_journal_entry_free(struct pop3_jentry *);
void	pop3_journal_entries_free(struct pop3_jentry *, size_t n);

#endif
