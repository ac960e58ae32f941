/* pop3_session.h - one POP3 connection over libetpan's mailpop3 and bote's own transport. */
#ifndef BOTE_POP3_SESSION_H
#define BOTE_POP3_SESSION_H

#include <stddef.h>

#include "config/config.h"
#include "net/net.h"
#include "pop3/pop3_uidl.h"
#include "util/err.h"

struct pop3_session;

struct pop3_login {
	struct net_params	 net;
	const char		*user;		/* borrowed */
	const char		*password;	/* borrowed; the OAuth token when token */
	enum account_auth	 auth;		/* how to log in (the account's auth) */
	int			 token;		/* password is oauth_token_command's token */
	struct net_peer		*peer;		/* filled by the TLS handshake when not NULL */
};

/*
 * Connect, check the greeting, upgrade with STLS when the account says
 * so (refusing every way that upgrade can go wrong), and log in as
 * lg->auth says (pop3_auth.c); nothing secret is sent before TLS.  NULL
 * with err set on failure.
 */
struct pop3_session *pop3_session_open(const struct pop3_login *, struct bote_err *);

/* The capabilities that matter to bote, space separated, into buf. */
void	pop3_session_caps(const struct pop3_session *, char *buf, size_t len);

/* 1 when the server's CAPA lists UIDL (or UIDL answered). */
int	pop3_session_has_uidl(const struct pop3_session *);

/*
 * LIST and UIDL, parsed by bote, not by libetpan.  A server without UIDL
 * leaves every uidl NULL and *has_uidl 0.
 */
int	pop3_session_listing(struct pop3_session *, struct pop3_listing *,
	    int *has_uidl, struct bote_err *);

/*
 * RETR: start a batch (with PIPELINING every command goes out now), then
 * read each message in the same order.  retr_next returns 0 with *data
 * (CRLF line ends, dot-unstuffed; valid until the next call), 1 when the
 * server refused that message, -1 on error.  Replies far longer than
 * announced, or slower than 16 KiB/s, end the session with an error.
 */
int	pop3_session_retr_start(struct pop3_session *, struct pop3_msg *const *msgs,
	    size_t n, struct bote_err *);
int	pop3_session_retr_next(struct pop3_session *, const struct pop3_msg *,
	    const char **data, size_t *len, struct bote_err *);

/* DELE each index; refused[i] says the server said no to index[i]. */
int	pop3_session_dele(struct pop3_session *, const unsigned *index, size_t n,
	    int *refused, struct bote_err *);

/* QUIT: 0 only when the server confirmed it, i.e. committed the DELEs. */
int	pop3_session_quit(struct pop3_session *, struct bote_err *);

/* Drop the connection without QUIT: the server deletes nothing. */
void	pop3_session_close(struct pop3_session *);

#endif
