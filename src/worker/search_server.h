/* search_server.h - deciding a body or header search by asking the server instead of reading mail. */
#ifndef BOTE_SEARCH_SERVER_H
#define BOTE_SEARCH_SERVER_H

#include "core/pattern.h"
#include "core/summary.h"
#include "worker/session.h"

/*
 * Ask the store to decide every text term of pat for rows[0..n), then
 * match each row with those answers and its summary.  match[i] is set to
 * 1 or 0.  Returns 0 when the server decided, 1 when it cannot (no server
 * search, a regex, text the server cannot take: read the messages
 * instead), -1 on an error (err set).  Worker thread.
 */
int	search_server(struct session *, const struct pattern *pat, const struct summary *rows,
	    size_t n, time_t now, unsigned char *match, struct bote_err *err);

#endif
