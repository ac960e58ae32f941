/* attach.h - attachments outside the mail: safe file names, the private temp dir, viewers. */
#ifndef BOTE_ATTACH_H
#define BOTE_ATTACH_H

#include <stddef.h>
#include <sys/types.h>

#include "util/err.h"

#define ATTACH_NAME_MAX		200		/* bytes of a saved file's name */

/*
 * A file name for saving a part: the final component of 'name' (after the
 * last '/' or '\\'; the name is untrusted and may be NULL), made valid
 * UTF-8 without control, invisible or bidi characters, no leading '.',
 * '-' or white space, no trailing dots or white space, at most
 * ATTACH_NAME_MAX bytes (cut at a character, the extension kept when it
 * is short).  When nothing is left: "attachment" plus an extension for
 * mime_type.  The result never is "", "." or "..", never holds '/', and
 * is owned by the caller.  Any thread.
 */
char	*attach_name_safe(const char *name, const char *mime_type);

/* ".pdf" for "application/pdf": a short, fixed extension for known types, else ".bin". */
const char *attach_type_ext(const char *mime_type);

/*
 * The process's private directory for parts handed to viewers: created
 * on first use with mkdtemp(3) under $TMPDIR (else /tmp), mode 0700.
 * attach_tmp_file() creates a new empty file in it named
 * "part-XXXXXX" plus attach_type_ext(mime_type) (mkstemps, O_EXCL,
 * 0600), never from the mail's file name; returns its fd and the owned
 * path in *path, or -1.  attach_tmp_cleanup() removes the directory and
 * what is in it (at exit, after the workers stopped).  Any thread.
 */
int	attach_tmp_file(const char *mime_type, char **path, struct bote_err *err);
void	attach_tmp_cleanup(void);

/*
 * Starts argv (NULL-terminated, borrowed; argv[0] looked up in PATH)
 * with stdin from the file 'in' (or /dev/null when NULL), stdout and
 * stderr on /dev/null, and does not wait; the child is reaped by a later
 * attach_reap().  Returns 0 or -1.  UI thread.
 */
int	attach_spawn_detached(const char *const *argv, const char *in, struct bote_err *err);
/*
 * Runs argv on the terminal (stdout and stderr inherited, stdin from
 * 'in' when not NULL) and waits; its exit status, or -1.
 */
int	attach_spawn_wait(const char *const *argv, const char *in, struct bote_err *err);
/* Collects children of attach_spawn_detached() that have ended. */
void	attach_reap(void);

/* A NULL-terminated, owned string vector. */
void	attach_argv_free(char **argv);

#endif
