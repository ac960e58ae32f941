/* config_private.h - shared by the config files: limits, the account key table, path and text helpers. */
#ifndef BOTE_CONFIG_PRIVATE_H
#define BOTE_CONFIG_PRIVATE_H

#include <stddef.h>

#include "config/config.h"

/* A config is written by hand; anything bigger is a mistake or an attack. */
#define CONFIG_MAX_FILE		(1024 * 1024)
#define CONFIG_MAX_LINE		4096
/* Small enough that config_write's quoting (at worst doubling) still fits a line. */
#define CONFIG_MAX_KEY		64
#define CONFIG_MAX_VALUE	1024
#define CONFIG_MAX_ACCOUNTS	1000
#define CONFIG_MAX_BINDS	2000
#define CONFIG_MAX_NAME		64		/* account names may become file names */
#define CONFIG_POP3_MAX_SIZE	(50ULL << 20)	/* max_message_size for pop3 */

/* The [account] keys, in the order config_write writes them. */
enum config_akey {
	CONFIG_AK_PROTOCOL,
	CONFIG_AK_EMAIL,
	CONFIG_AK_HOST,
	CONFIG_AK_PORT,
	CONFIG_AK_TLS,
	CONFIG_AK_USER,
	CONFIG_AK_PASSWORD_COMMAND,
	CONFIG_AK_PASSWORD,
	CONFIG_AK_CA_FILE,
	CONFIG_AK_PIN,
	CONFIG_AK_SPOOL,
	CONFIG_AK_KEEP,
	CONFIG_AK_MAX_SIZE,
	CONFIG_AK_INTERVAL,
	CONFIG_AK_TIMEOUT,
	CONFIG_AK_AUTH,
	CONFIG_AK_OAUTH_TOKEN_COMMAND,
	CONFIG_AK_COUNT
};

struct config_key {
	const char	*name;
	unsigned	 applies;	/* bits 1 << enum account_protocol */
	size_t		 off;		/* string keys: offsetof their char * */
	/* Parses a value (never empty) into the account; -1 with the reason in err. */
	int		(*set)(const struct config_key *, struct account *, const char *,
			    struct bote_err *);
	/* The value as config_write writes it (owned), or NULL when unset. */
	char		*(*show)(const struct config_key *, const struct account *);
	const char	*help;		/* N_(): config_write's comment above the key */
};

extern const struct config_key config_account_keys[CONFIG_AK_COUNT];

/* config_keys.c */
int	 config_key_find(const char *);
/*
 * Defaults and the rules between keys, after a section's last line.  seen
 * holds each key's line (0: not given); on error *line is the line to blame.
 */
int	 config_account_finish(struct account *, const unsigned *seen, unsigned *line,
	    struct bote_err *);
void	 config_account_clear(struct account *);

/* config_paths.c */
char	*config_path_base(const char *env, const char *fallback, struct bote_err *);
int	 config_path_mkdirs(const char *dir, struct bote_err *);
char	*config_path_expand(const char *, struct bote_err *);
/* [general] delete: "trash" (0) or "mark" (1) into *mark; -1 for anything else. */
int	config_delete_parse(const char *, int *mark);
char	*config_path_contract(const char *);

/* config_text.c */
/* NULL when s[0..n) is valid UTF-8 without control characters (tab allowed), else why not. */
const char *config_text_check(const char *s, size_t n);
/* A message cut to fit its buffer may end inside a character: drop that part. */
void	 config_text_cut(char *);
void	 config_secret_free(char *);

/* The value of one hex digit, or -1. */
int	config_hexval(char);

#endif
