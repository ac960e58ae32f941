/* maildir_file.h - durable file operations for the spool: deliver, copy, move between folders. */
#ifndef BOTE_MAILDIR_FILE_H
#define BOTE_MAILDIR_FILE_H

#include <time.h>

#include "util/err.h"

/*
 * rename() that fails with EEXIST instead of replacing the target (renameat2
 * RENAME_NOREPLACE; link + unlink where the file system lacks it).  Paths are
 * relative to the directory fds (AT_FDCWD allowed).  Returns 0 or -1/errno.
 */
int	maildir_file_rename_noreplace(int fromdir, const char *from, int todir,
	    const char *to);
/* fsync a directory so a rename or unlink in it survives a crash. */
int	maildir_file_sync_dir(const char *dir, struct bote_err *);
/*
 * Write everything readable from in (what names it in errors) into folder
 * directory dst_dir under a new unique name with the given ":2," letters:
 * tmp/ (O_EXCL, 0600), file time mtime when > 0, fsync, link into cur/ (or
 * new/ when to_new), fsync that directory.  *name_out gets the basename.
 */
int	maildir_file_deliver(int in, const char *what, const char *dst_dir, const char *letters,
	    int to_new, time_t mtime, char **name_out, struct bote_err *);
/*
 * Copy the message file src into folder directory dst_dir under a new unique
 * name with the given ":2," letters: tmp/ (O_EXCL, 0600), fsync, rename into
 * cur/ (or new/ when to_new), fsync cur/.  The new basename is returned in
 * *name_out when not NULL (owned).
 */
int	maildir_file_copy(const char *src, const char *dst_dir, const char *letters,
	    int to_new, char **name_out, struct bote_err *);
/*
 * Move src_dir/sub/name to dst_dir/sub/ without ever replacing a file there
 * (a clash gets a new unique name) and durably: the destination directory is
 * synced before the source directory.  Falls back to copy + unlink across
 * file systems.  *name_out receives the destination basename (owned).
 */
int	maildir_file_move(const char *src_dir, const char *sub, const char *name,
	    const char *dst_dir, char **name_out, struct bote_err *);

#endif
