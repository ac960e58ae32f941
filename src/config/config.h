/* config.h - the configuration file: accounts, general options and key bindings (INI). */
#ifndef BOTE_CONFIG_H
#define BOTE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

enum account_protocol {
	ACCOUNT_IMAP,
	ACCOUNT_POP3,
	ACCOUNT_MAILDIR,	/* a local Maildir only: spool, no server */
};

enum account_tls {
	ACCOUNT_TLS_IMPLICIT,	/* default: TLS from the first byte (993, 995) */
	ACCOUNT_TLS_STARTTLS,	/* mandatory upgrade; never falls back */
	ACCOUNT_TLS_NONE,	/* plaintext; accepted for loopback hosts only */
};

/* How to log in to an IMAP or POP3 server (auth = ...). */
enum account_auth {
	ACCOUNT_AUTH_AUTO,		/* token: OAUTHBEARER/XOAUTH2; else LOGIN, PLAIN, SASL LOGIN */
	ACCOUNT_AUTH_LOGIN,		/* IMAP LOGIN (never when LOGINDISABLED); POP3 USER/PASS */
	ACCOUNT_AUTH_PLAIN,		/* SASL PLAIN */
	ACCOUNT_AUTH_SASL_LOGIN,	/* SASL LOGIN */
	ACCOUNT_AUTH_SCRAM_SHA_1,
	ACCOUNT_AUTH_SCRAM_SHA_256,
	ACCOUNT_AUTH_XOAUTH2,		/* the token from oauth_token_command */
	ACCOUNT_AUTH_OAUTHBEARER,	/* RFC 7628, the same token */
};

enum account_keep {
	ACCOUNT_KEEP_FOREVER,	/* pop3: leave every message on the server */
	ACCOUNT_KEEP_NEVER,	/* pop3: delete once it is safely in the spool */
	ACCOUNT_KEEP_DAYS,	/* pop3: delete when older than keep_days */
};

/*
 * One [account "NAME"] section.  Every string is owned by the config.  A
 * loaded config is read-only: any thread may read it at the same time.
 */
struct account {
	char			*name;
	enum account_protocol	 protocol;
	char			*email;		/* NULL when not given */
	char			*host;		/* required for imap, pop3 */
	uint16_t		 port;		/* imap, pop3: never 0 after loading; maildir: 0 */
	enum account_tls	 tls;
	char			*user;		/* defaults to email */
	char			*password_command;	/* run with /bin/sh -c */
	char			*password;	/* only from a private file */
	char			*ca_file;	/* extra trust anchor (PEM), ~ expanded */
	int			 has_pin;
	unsigned char		 pin[32];	/* SHA-256 of the server certificate */
	char			*spool;		/* pop3, maildir: Maildir root, ~ expanded */
	enum account_keep	 keep;
	unsigned		 keep_days;	/* ACCOUNT_KEEP_DAYS: 1..36500 */
	uint64_t		 max_message_size;	/* pop3: bytes; 0 = no cap */
	uint64_t		 body_cache_size;	/* imap: bytes of messages kept on disk; 0 = the default */
	unsigned		 fetch_interval;	/* pop3: seconds between fetches in the UI; 0 = off */
	unsigned		 timeout;	/* seconds one network wait may take; default 30 */
	enum account_auth	 auth;		/* imap, pop3 */
	char			*oauth_token_command;	/* imap, pop3: run with /bin/sh -c */
	unsigned		 line;		/* line of the section header, for messages */
};

/* One line of a [bind VIEW] section: KEY = COMMAND. */
struct config_bind {
	char	*view;		/* "global", "folders", "index", "pager", "help" */
	char	*key;		/* as written: "j", "C-n", "M-x", "<Down>" */
	char	*command;	/* a UI command line with its arguments */
	unsigned line;
};

struct config {
	char			*path;		/* the file this came from, or NULL */
	struct account		*accounts;
	size_t			 naccounts;
	char			*default_account;	/* [general] account */
	char			*theme;		/* [general] theme */
	char			*html_filter;	/* [general] html_filter */
	int			 delete_mark;	/* [general] delete = mark: mark, expunge on sync */
	char			*keys;		/* [general] keys: "mutt", "vi" or NULL */
	int			 mouse;		/* [general] mouse = yes */
	int			 bell_on_new_mail;	/* [general] bell_on_new_mail = yes */
	char			*new_mail_command;	/* [general] new_mail_command */
	char			*url_opener;	/* [general] url_opener */
	struct config_bind	*binds;
	size_t			 nbinds;
};

/*
 * $XDG_CONFIG_HOME/bote/config (or ~/.config/bote/config).  Returns an
 * owned string, or NULL when neither $XDG_CONFIG_HOME nor $HOME is an
 * absolute path.
 */
char	*config_default_path(void);

/*
 * The per-user directory for KIND "cache" ($XDG_CACHE_HOME/bote) or
 * "state" ($XDG_STATE_HOME/bote), created with mode 0700 when missing.
 * Returns an owned string, or NULL with err set.
 */
char	*config_user_dir(const char *kind, struct bote_err *);

/*
 * Read and validate FILE into *cfg (zeroed first).  A missing file fails
 * with BOTE_ERR_NOTFOUND; a syntax or value error with BOTE_ERR_PARSE and
 * a message naming the file and line; a file holding a password that
 * others may read, or that another user owns, with BOTE_ERR_LOCAL.  Its
 * commands run as the user, so a file that is not regular, is writable by
 * group or others, or belongs to someone other than the user or root is
 * refused with BOTE_ERR_LOCAL as well.  Files over 1 MiB are refused.
 * On failure *cfg is empty and needs no config_free (calling it is safe).
 * Any thread.
 */
int	 config_load(const char *file, struct config *cfg, struct bote_err *);

/*
 * Parse text already in memory (it may hold NULs, which are refused); NAME
 * is used in messages.  Same rules, without the file checks.
 */
int	 config_parse(const char *name, const char *text, size_t len,
	    struct config *cfg, struct bote_err *);

/* Frees every string (wiping passwords) and zeroes *cfg; safe twice. */
void	 config_free(struct config *);

/*
 * The account called NAME, or with NAME NULL the default account (the
 * [general] account, else the first).  Borrowed; NULL when there is none.
 */
const struct account *config_account(const struct config *, const char *name);

/*
 * The account's password: runs password_command (first line of its
 * output, without the newline) or returns the configured password.
 * Returns an owned string the caller wipes and frees, or NULL with err
 * set (BOTE_ERR_AUTH when neither is configured or the command fails).
 * The command runs with stdin from /dev/null and bote's stderr, and is
 * waited for without a deadline (it may ask for a passphrase), so call
 * this on a worker thread, never on the UI thread.
 */
char	*account_password(const struct account *, struct bote_err *);
/* The OAuth 2 access token: oauth_token_command's first line, as above. */
char	*account_oauth_token(const struct account *, struct bote_err *);
/* The SASL name of a mechanism ("PLAIN", "SCRAM-SHA-1", ...); NULL for auto and login. */
const char *config_auth_mech(enum account_auth);
/* 1 when the login uses the token: auth = xoauth2 or oauthbearer, or auto with a token command. */
int	 account_uses_token(const struct account *);
/* What the login needs: the token when account_uses_token, else the password. */
char	*account_login_secret(const struct account *, struct bote_err *);

/*
 * A deep copy of an account (owned) for a worker or driver that outlives
 * the config; account_copy_free wipes its password.  NULL is fine to free.
 */
struct account *account_copy(const struct account *);
void	 account_copy_free(struct account *);

/*
 * A one-off IMAP account for `-f imaps://user@host:port/FOLDER` (993 by
 * default) or `imap://...` (143; plaintext for loopback hosts, else
 * STARTTLS, which is then required).  %XX escapes are decoded in the user
 * and the folder.  *folder is the URL's folder (owned) or NULL.  The
 * account is freed with account_copy_free; NULL with err set when the URL
 * is not one of these.
 */
struct account *config_url_account(const char *url, char **folder, struct bote_err *);

/*
 * Write cfg to FILE atomically (temporary file, fsync, rename, fsync of
 * the directory), mode 0600, with a comment explaining each key written.
 * FILE's directory is created (0700) when missing; a symlink FILE is
 * followed, so the file it points to is replaced.  A config that would
 * not load again is refused with BOTE_ERR_PARSE and nothing is written.
 */
int	 config_write(const char *file, const struct config *, struct bote_err *);

/*
 * "sha256:AB:CD:..." (colons between byte pairs optional, any case) into
 * 32 bytes.  Returns 0, or -1 with out untouched.
 */
int	 config_parse_pin(const char *text, unsigned char out[32]);

#endif
