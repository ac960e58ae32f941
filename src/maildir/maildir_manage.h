/* maildir_manage.h - creating, renaming and deleting the folders of a Maildir++ tree. */
#ifndef BOTE_MAILDIR_MANAGE_H
#define BOTE_MAILDIR_MANAGE_H

#include <stddef.h>

#include "util/err.h"

/*
 * A new Maildir++ folder root/".A.B" for name "A/B" with cur/, new/, tmp/
 * and the maildirfolder marker; it appears to other programs only complete
 * (cur/ comes last) and is synced.  An existing folder of that name fails.
 */
int	maildir_manage_create(const char *root, const char *name, struct bote_err *);
/*
 * Rename a folder by one rename() that never replaces an existing
 * directory; Maildir++ subfolders ("From/X") follow it.  A plain nested
 * Maildir stays nested (its new parent must exist).  INBOX is refused.
 */
int	maildir_manage_rename(const char *root, const char *from, const char *to,
	    struct bote_err *);
/*
 * Delete a folder: it is first renamed out of sight, counted again there
 * (mail delivered meanwhile makes a not-forced delete give it back) and
 * then removed.  Without force a folder holding messages fails with
 * BOTE_ERR_NOTEMPTY and *count set.  INBOX and folders holding other
 * folders are refused.
 */
int	maildir_manage_delete(const char *root, const char *name, int force, size_t *count,
	    struct bote_err *);

#endif
