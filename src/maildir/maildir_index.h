/* maildir_index.h - the in-memory list of one folder's files, looked up by unique name. */
#ifndef BOTE_MAILDIR_INDEX_H
#define BOTE_MAILDIR_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/err.h"

struct maildir_entry {
	char		*file;		/* "cur/UNIQUE:2,FS" relative to the folder (owned) */
	size_t		 ulen;		/* bytes of the unique part in basename */
	unsigned	 flags;		/* FLAG_* from the name and the subdirectory */
	uint32_t	 hash;		/* of the unique part, so the table is rebuilt without hashing */
	uint64_t	 size;
	time_t		 mtime;
};

struct maildir_index {
	struct maildir_entry	*v;		/* bytewise by unique part after a scan */
	size_t			 n;
	size_t			*slots;		/* open-addressing hash: entry index + 1, 0 = empty */
	size_t			 nslots;	/* power of two, >= 2n */
	size_t			 duplicates;	/* files left out: their unique part was taken */
	char			**dupes;	/* their "cur/NAME" (owned), for the folder watch */
};

/*
 * Read new/ and cur/ of dir, replacing the index only when that succeeds.
 * With move_new, files in new/ are first renamed into cur/ with an empty
 * ":2," suffix, as Dovecot and notmuch do on first sight; they keep FLAG_NEW
 * for this session.  Every file is stat()ed (size and mtime are the header
 * cache's keys), on two threads in a big folder.
 */
int	 maildir_index_scan(struct maildir_index *, const char *dir, int move_new,
	    struct bote_err *);
/* Entry for a unique name, or NULL. */
struct maildir_entry *maildir_index_find(const struct maildir_index *, const char *unique);
/* Basename of an entry's file (borrowed). */
const char *maildir_entry_basename(const struct maildir_entry *);
/* Remove entries (indices sorted ascending) and rebuild the hash. */
void	 maildir_index_remove(struct maildir_index *, const size_t *idx, size_t n);
void	 maildir_index_rehash(struct maildir_index *);
void	 maildir_index_free(struct maildir_index *);

#endif
