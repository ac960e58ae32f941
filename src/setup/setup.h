/*
 * setup.h - the setup wizard's logic without a screen: advice on IMAP or
 * POP3 from four questions, server guesses from an address, and a probe
 * of the server on a thread of its own.  ui/view_setup.c asks, shows and
 * writes the config with config_write.
 */
#ifndef BOTE_SETUP_H
#define BOTE_SETUP_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "util/err.h"

struct wake;

/* The four questions; each answer 1 yes, 0 no (or "don't know"). */
struct setup_answers {
	int	devices;	/* read this mailbox on more than one device? */
	int	offline;	/* need all mail without a network? */
	int	quota;		/* small server quota, or mail off the provider? */
	int	backup;		/* is this machine backed up? */
};

#define SETUP_REASONS_MAX	4

struct setup_advice {
	enum account_protocol	 protocol;	/* ACCOUNT_IMAP or ACCOUNT_POP3 */
	enum account_keep	 keep;		/* pop3 */
	unsigned		 keep_days;
	int			 warn_backup;	/* POP3 on a machine without backups */
	const char		*reasons[SETUP_REASONS_MAX];	/* N_() texts, static */
	size_t			 nreasons;
};

/* The recommendation for a set of answers, with its reasons. */
void	setup_recommend(const struct setup_answers *, struct setup_advice *);

struct setup_guess {
	char		*imap_host;	/* owned */
	uint16_t	 imap_port;
	char		*pop3_host;	/* owned */
	uint16_t	 pop3_port;
	int		 known;		/* from the table of providers, not a guess */
};

/*
 * Servers for an address: a table of well-known providers, else
 * imap.DOMAIN and pop.DOMAIN with implicit TLS.  -1 when the address has
 * no domain.  Free with setup_guess_free.
 */
int	setup_guess_servers(const char *email, struct setup_guess *);
void	setup_guess_free(struct setup_guess *);

/* What a probe found. */
struct setup_probe_result {
	int		 reached;	/* a server answered */
	int		 tls_ok;	/* TLS verified (chain and name, or the pin) */
	int		 untrusted;	/* the certificate could be pinned: fingerprint below */
	int		 login_ok;
	int		 auth_failed;	/* the server refused the password */
	char		 protocol[16];	/* TLS version */
	char		 subject[256];
	char		 issuer[256];
	char		 not_after[32];
	char		 fingerprint[104];	/* "sha256:AB:..." or "" */
	char		 caps[256];	/* interesting capabilities, space separated */
	struct bote_err	 err;		/* why it failed, one line */
};

struct setup_probe;

/*
 * Connect to the account's server on a new thread, show what it offers
 * and try the login; the UI polls setup_probe_finished after ui_wake
 * signals.  The account and password are copied.
 */
struct setup_probe *setup_probe_start(const struct account *, const char *password,
	    struct wake *ui_wake, struct bote_err *);
/* 1 once the result is ready (then read it with setup_probe_result). */
int	setup_probe_finished(struct setup_probe *);
const struct setup_probe_result *setup_probe_result(struct setup_probe *);
/* Any thread: make the probe give up at its next wait. */
void	setup_probe_cancel(struct setup_probe *);
/* Cancel if needed, wait for the thread, free. */
void	setup_probe_free(struct setup_probe *);

#endif
