/* mailcap.h - RFC 1524 mailcap files: parsing, matching a type, and commands without a shell string. */
#ifndef BOTE_MAILCAP_H
#define BOTE_MAILCAP_H

#include <stddef.h>

#include "util/err.h"

#define MAILCAP_MAX_FILE	(1u << 20)	/* bytes read of one mailcap file */
#define MAILCAP_MAX_ENTRIES	10000
#define MAILCAP_TEST_TIMEOUT	5		/* seconds a test= command may run */

struct mailcap_entry {
	char		*type;		/* "image/png", "image" or image/ and a star (lower case) */
	char		*view;		/* the view command, unexpanded */
	char		*test;		/* test= command, or NULL */
	unsigned	 needsterminal : 1;
	unsigned	 copiousoutput : 1;
};

struct mailcap {
	struct mailcap_entry	*v;
	size_t			 n;
};

/*
 * What a command may refer to.  file (%s) is bote's generated temp file
 * name, type (%t) the part's type; params are the part's Content-Type
 * parameters as name, value pairs (NULL-terminated, borrowed, untrusted).
 * A parameter (%{name}) is used only when its value passes
 * mailcap_param_ok(); otherwise it is replaced by nothing.
 */
struct mailcap_vars {
	const char		*file;
	const char		*type;
	const char *const	*params;
};

/* Adds the entries of one file's text; lines it cannot use are skipped. */
void	mailcap_parse(struct mailcap *, const char *text, size_t len);
/*
 * Reads the files of $MAILCAPS (a ':'-separated list), else ~/.mailcap
 * and /etc/mailcap, in that order; missing files are skipped.
 */
void	mailcap_load(struct mailcap *);
void	mailcap_free(struct mailcap *);

/*
 * The first entry for type whose test= command (if any) exits 0; NULL
 * when none.  Test commands run with vars, stdin and stdout on
 * /dev/null, and are killed after MAILCAP_TEST_TIMEOUT.  Worker thread.
 */
const struct mailcap_entry *mailcap_find(const struct mailcap *, const char *type,
	    const struct mailcap_vars *vars);
/* Does the entry type pattern match type ("text/plain", "text", and text/ with a star do)? */
int	mailcap_type_match(const char *pattern, const char *type);

/* 1 when a parameter value is safe to hand to a viewer: [A-Za-z0-9][A-Za-z0-9._+-]{0,63}. */
int	mailcap_param_ok(const char *value);

/*
 * Turns a mailcap command into an argument vector (owned, NULL-terminated;
 * free with attach_argv_free()).  A command without shell syntax is split
 * by a small tokenizer (blanks separate words; '...' and "..." quote;
 * backslash escapes), and %s, %t and %{name} become (parts of) words
 * without being split again.  A command that uses the shell (| & ; < > ( )
 * $ ` * ? [ ] { } ~ outside single quotes, a comment, or an assignment
 * before the command) runs as
 *	/bin/sh -c SCRIPT sh FILE TYPE PARAM...
 * where SCRIPT is the command with %s, %t and %{name} replaced by "$1",
 * "$2", "$3"...: the values from the mail are positional parameters and
 * never parsed by the shell.  *uses_file says whether %s occurred.
 * Returns -1 (BOTE_ERR_PARSE) for an empty command or an open quote.
 */
int	mailcap_command(const char *cmd, const struct mailcap_vars *vars, char ***argv,
	    int *uses_file, struct bote_err *err);

#endif
