/*
 * fetch.h - fetching a POP3 account into its spool, as ui/ sees it: the
 * command line runs it directly, the terminal UI on the account's worker.
 */
#ifndef BOTE_FETCH_H
#define BOTE_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct account;

struct fetch_progress {
	size_t		msgs_done, msgs_total;
	uint64_t	bytes_done, bytes_total;
};

struct fetch_report {
	size_t		on_server, fetched, deleted, skipped;
	uint64_t	bytes;
};

struct fetch_hooks {
	void	(*progress)(const struct fetch_progress *, void *);
	void	(*notice)(const char *, void *);	/* not sanitized */
	void	*ctx;
	int	 cancel_fd;	/* -1 for none */
};

/*
 * Fetch account now (blocking).  password is borrowed; hooks may be
 * NULL.  Returns 0, or -1 with err set.
 */
int	fetch_account(const struct account *, const char *password,
	    const struct fetch_hooks *, struct fetch_report *, struct bote_err *);

#endif
