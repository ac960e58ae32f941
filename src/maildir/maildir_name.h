/*
 * maildir_name.h - Maildir file-name rules, shared with mutt, notmuch and Dovecot.
 *
 * A file name is "UNIQUE" or "UNIQUE:2,LETTERS".  LETTERS are flags in ASCII
 * order: D draft, F flagged, P passed, R replied, S seen, T trashed, and the
 * lowercase letters Dovecot uses for keywords.  Letters bote does not know are
 * kept as they are.  Pure functions, callable from any thread.
 */
#ifndef BOTE_MAILDIR_NAME_H
#define BOTE_MAILDIR_NAME_H

#include <stddef.h>

/* Length of the unique part: everything before the first ':'. */
size_t	 maildir_name_unique_len(const char *filename);
/* The flag letters after ":2,", or "" when there is no such suffix (borrowed). */
const char *maildir_name_letters(const char *filename);
/* FLAG_* bits of the letters; keyword letters are not bits. */
unsigned maildir_letters_flags(const char *letters);
/* Lowercase keyword letters of a file name, or NULL when none (owned). */
char	*maildir_name_keywords(const char *filename);
/*
 * The name a file gets in cur/ after setting then clearing FLAG_* bits:
 * "UNIQUE:2," followed by the union of kept and new letters, sorted and
 * without duplicates.  Owned result.
 */
char	*maildir_name_with_flags(const char *filename, unsigned set, unsigned clear);
/*
 * A new unique name "SEC.MUSECPpidQcount.HOST" with '/' and ':' in the host
 * name escaped as \057 and \072.  Owned result.
 */
char	*maildir_name_new_unique(void);
/* 1 when the name is safe to use as a file name inside cur/ or new/. */
int	 maildir_name_valid(const char *filename);

#endif
