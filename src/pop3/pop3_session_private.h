/* pop3_session_private.h - what pop3_session.c shares with pop3_auth.c: the session and its errors. */
#ifndef BOTE_POP3_SESSION_PRIVATE_H
#define BOTE_POP3_SESSION_PRIVATE_H

#include <libetpan/libetpan.h>

#include "pop3/pop3_session.h"

/* SASL mechanisms in CAPA's SASL line, as bits 1 << enum account_auth. */
#define POP3_SASL(a)	(1u << (a))

struct pop3_session {
	mailpop3	*f;
	const char	*host;		/* borrowed from the login */
	int		 timeout;
	int		 capa_ok;	/* CAPA answered */
	int		 capa_uidl;
	int		 capa_user;
	int		 capa_stls;
	unsigned	 sasl;		/* POP3_SASL bits */
	int		 pipelining;	/* CAPA PIPELINING: RETR and DELE go out in batches */
	MMAPString	*body;		/* the last RETR's message */
};

/* libetpan's code rc for the step what mapped to err; returns -1. */
int	pop3_session_fail(struct pop3_session *, int rc, const char *what, struct bote_err *);

/* Reads stop after max bytes or the session's timeout. */
void	pop3_session_limit(struct pop3_session *, size_t max);

/* Log in as lg->auth says; over TLS or to loopback by now. */
int	pop3_auth_login(struct pop3_session *, const struct pop3_login *, struct bote_err *);

#endif
