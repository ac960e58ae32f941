/* cli.h - the commands that print to stdout instead of starting the terminal UI. */
#ifndef BOTE_CLI_H
#define BOTE_CLI_H

#include "util/err.h"

struct session;

/* Exit codes shared by every command. */
#define EXIT_OK		0
#define EXIT_FAIL	1	/* runtime error: missing folder, unreadable file */
#define EXIT_USAGE	2	/* bad command line */

struct cli_target {
	const char	*path;		/* -f: Maildir root or folder directory; NULL = configured */
	const char	*folder;	/* folder inside it; NULL = INBOX or the Maildir itself */
	const char	*config;	/* -F: configuration file; NULL = the default */
	const char	*account;	/* -a: account name; NULL = the default or all */
};

/* "bote: MSG" on stderr, sanitized: messages quote paths and names from the store. */
void	cli_print_error(const char *msg);
/* Map "-f maildir:/x" or "-f /x" to a directory path (borrowed from arg), or NULL if unsupported. */
const char *cli_maildir_path(const char *arg);
/*
 * Ask for the password of account on /dev/tty with echo off; an owned
 * string the caller wipes, or NULL when there is no terminal.
 */
char	*cli_ask_password(const char *account);
/* cli_print_error, then the exit code for err (EXIT_USAGE or EXIT_FAIL). */
int	cli_fail(const struct bote_err *);
/*
 * The store a command works on (-f PATH or URL, else the configured
 * account) and in *url_folder the folder a URL names (owned), or NULL.
 */
struct session *cli_open(const struct cli_target *, int readonly, char **url_folder,
	    struct bote_err *);
int	cli_folders(const struct cli_target *);
int	cli_list(const struct cli_target *);
int	cli_show(const struct cli_target *, const char *id);
/* A message (file, or stdin when NULL) into FOLDER, durably. */
int	cli_save(const struct cli_target *, const char *file);
/* POP3 accounts (one, or every one) into their spools. */
int	cli_fetch(const char *config, const char *account);

#endif
