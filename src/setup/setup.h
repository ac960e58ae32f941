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

/* Where a suggested server came from; the wizard says so. */
enum setup_source {
	SETUP_SRC_NONE,		/* nothing suggested */
	SETUP_SRC_GUESS,	/* imap.DOMAIN and the like, not checked */
	SETUP_SRC_TABLE,	/* bote's table of well-known providers */
	SETUP_SRC_AUTOCONFIG,	/* the provider's autoconfig file, over verified HTTPS */
	SETUP_SRC_SRV,		/* the domain's SRV records (RFC 6186) */
	SETUP_SRC_DNS,		/* a usual name (imap., mail., pop.) that exists in DNS */
};

struct setup_server {
	char			*host;		/* owned; NULL when none is known */
	uint16_t		 port;
	enum account_tls	 tls;
	enum setup_source	 src;
};

struct setup_guess {
	struct setup_server	 imap;
	struct setup_server	 pop3;
	char			*user;		/* owned: the login the provider documents, or NULL */
	int			 known;		/* from the table of providers */
};

/*
 * Servers for an address without asking the network: a table of
 * well-known providers, else imap.DOMAIN and pop.DOMAIN with implicit TLS.
 * -1 when the address has no domain.  Free with setup_guess_free.
 */
int	setup_guess_servers(const char *email, struct setup_guess *);
void	setup_guess_free(struct setup_guess *);

/* 1 when name is a plausible host name (letters, digits, '-', dots; at most 253). */
int	setup_host_ok(const char *name);

/*
 * Autoconfig (the config-v1.1.xml format Thunderbird's ISPDB uses): the
 * first IMAP and POP3 incomingServer with SSL or STARTTLS, into the
 * empty slots of g.  Returns how many servers it filled; bad XML fills
 * nothing.  %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN% in the
 * user name are replaced from email.
 */
int	setup_autoconfig_parse(const char *xml, size_t len, const char *email,
	    struct setup_guess *g);

/* One SRV record of a DNS answer. */
struct setup_srv {
	char		target[256];	/* "" for ".": the service is not offered */
	uint16_t	priority;
	uint16_t	weight;
	uint16_t	port;
};

/*
 * The SRV records of a DNS answer (msg, len as res_nquery returned it), at
 * most max of them, in *n.  -1 for a malformed or failed answer.
 */
int	setup_srv_parse(const unsigned char *msg, size_t len, struct setup_srv *out,
	    size_t max, size_t *n);

/*
 * The record to use from recs[0..n): lowest priority, then highest
 * weight, then the first.  NULL when n is 0.
 */
const struct setup_srv *setup_srv_pick(const struct setup_srv *recs, size_t n);

/*
 * Look for the servers of an address on the network, on a thread of its
 * own: the provider's autoconfig file over HTTPS, then SRV records, then
 * the usual names in DNS.  The UI polls setup_discover_finished after
 * ui_wake signals; setup_discover_free may be called at any time and never
 * waits for the network (an unfinished lookup ends on its own).
 */
struct setup_discover;

struct setup_discover *setup_discover_start(const char *email, struct wake *ui_wake,
	    struct bote_err *);
int	setup_discover_finished(struct setup_discover *);
/* What was found (valid once finished); slots stay empty where nothing was. */
const struct setup_guess *setup_discover_result(struct setup_discover *);
void	setup_discover_free(struct setup_discover *);

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
	char		 not_before[32];
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
