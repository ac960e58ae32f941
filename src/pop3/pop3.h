/*
 * pop3.h - fetch a POP3 mailbox into a local Maildir without ever losing
 * or duplicating a message (docs/ARCHITECTURE.md, "POP3 into the spool").
 *
 * Blocking; run it on a worker thread or from `bote fetch`.  Cancel by
 * making cancel_fd readable: the fetch then stops at the next read, and
 * what is on disk stays consistent with the journal.
 */
#ifndef BOTE_POP3_H
#define BOTE_POP3_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/err.h"

struct account;

struct pop3_progress {
	size_t		msgs_done;	/* downloaded this run */
	size_t		msgs_total;	/* to download this run */
	uint64_t	bytes_done;
	uint64_t	bytes_total;
};

struct pop3_fetch_opts {
	const struct account	*account;	/* borrowed; protocol pop3 */
	const char		*password;	/* borrowed (the token when the account uses one); wiped by the caller */
	const char		*state_dir;	/* journal and lock; NULL: $XDG_STATE_HOME/bote */
	int			 cancel_fd;	/* -1 for none */
	int			 timeout;	/* seconds per network wait; 0: 30 */
	/* Called after every delivered batch and once at the start. */
	void			(*progress)(const struct pop3_progress *, void *);
	/* One line per message left alone (too big, bad UIDL); not sanitized. */
	void			(*notice)(const char *, void *);
	void			*ctx;
	time_t			 now;		/* 0: time(NULL); tests age mail with it */
};

struct pop3_fetch_result {
	size_t		on_server;	/* messages listed by the server */
	size_t		fetched;	/* delivered into the spool this run */
	size_t		deleted;	/* DELE committed by QUIT */
	size_t		skipped;	/* left on the server with a notice */
	uint64_t	bytes;		/* bytes delivered */
};

/*
 * One fetch: connect, log in, deliver every message not yet in the spool
 * (each durable and journaled before the next batch), delete what the
 * account's keep_on_server says may go, QUIT.  Returns 0, or -1 with err
 * set; after an error nothing was deleted that is not safely on disk.
 */
int	pop3_fetch(const struct pop3_fetch_opts *, struct pop3_fetch_result *,
	    struct bote_err *);

#endif
