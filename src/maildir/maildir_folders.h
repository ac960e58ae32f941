/* maildir_folders.h - finding folders in a Maildir tree: Maildir++ ".Sub.Folder" and nested Maildirs. */
#ifndef BOTE_MAILDIR_FOLDERS_H
#define BOTE_MAILDIR_FOLDERS_H

#include "core/folder.h"
#include "util/err.h"

#define MAILDIR_MAX_DEPTH	16	/* nested plain Maildirs followed at most this deep */

/* 1 when dir has cur/ and new/ subdirectories. */
int	 maildir_folders_is_maildir(const char *dir);
/*
 * Every folder under root: root itself as INBOX when it is a Maildir, its
 * Maildir++ subfolders (".Sub.Folder" -> "Sub/Folder", modified UTF-7
 * decoded) and plain Maildirs nested in ordinary directories.  Counts are
 * filled when with_counts is set.  Fails when root holds no Maildir at all.
 */
int	 maildir_folders_list(const char *root, int with_counts, struct folder_list *out,
	    struct bote_err *err);
/*
 * The directory of the folder called name (owned), or NULL with err set.
 * Names with "..", empty levels or control characters are refused.
 */
char	*maildir_folders_dir(const char *root, const char *name, struct bote_err *err);
/*
 * The Maildir++ directory (root/".A.B") a new folder "A/B" gets (owned), or
 * NULL with err (BOTE_ERR_USAGE) when the name is refused: the rules of
 * folder_name_check, and no '.' (Maildir++ separates levels with it).
 */
char	*maildir_folders_new_dir(const char *root, const char *name, struct bote_err *err);
/* Message and unread counts of one Maildir directory. */
void	 maildir_folders_count(const char *dir, long *total, long *unread);

#endif
