/* summary.h - one row of the message list: what is shown without opening the message. */
#ifndef BOTE_SUMMARY_H
#define BOTE_SUMMARY_H

#include <stdint.h>
#include <time.h>

#include "core/msgref.h"

/*
 * All strings are owned, decoded UTF-8 taken from the message and therefore
 * untrusted: they must pass through the sanitizer before any terminal.
 * Missing headers are NULL (never "").
 */
struct summary {
	struct msgref	 ref;
	unsigned	 flags;		/* FLAG_* */
	char		*keywords;	/* Maildir letters a-z or IMAP keywords, space separated; may be NULL */
	time_t		 date;		/* Date: header, else file time; 0 when unknown */
	uint64_t	 size;		/* bytes of the whole message */
	time_t		 mtime;		/* Maildir: the file's mtime (a cache key); 0 otherwise */
	char		*from_name;	/* display name of the first From address, or NULL */
	char		*from_addr;	/* address of the first From address, or NULL */
	char		*to;		/* To: as display text */
	char		*subject;
	char		*message_id;	/* without <> */
	char		*in_reply_to;	/* first message id, without <> */
	char		*references;	/* raw References: header */
	unsigned	 has_attachments : 1;	/* multipart/mixed seen in the header */
	char		*block;		/* when set, owns the seven header strings above */
};

#define SUMMARY_REFS_KEEP	20	/* References ids kept: threading needs the last few */

struct summary_vec {
	struct summary	*v;		/* owned */
	size_t		 n;
};

void	summary_free(struct summary *);
/*
 * Make the row compact for keeping: References cut to its last
 * SUMMARY_REFS_KEEP ids, then the seven header strings (from_name .. references)
 * moved into one allocation, s->block.  Those strings must not then be freed
 * or replaced one by one (the fill functions work on rows before this).
 */
void	summary_pack(struct summary *);
/* Cut a References value to its last SUMMARY_REFS_KEEP ids, in place. */
void	summary_trim_references(char *);
/* Deep copy of src into dst (dst's old contents are not freed); the copy is unpacked. */
void	summary_copy(struct summary *dst, const struct summary *src);		/* frees the members, not the struct */
/* "from_name" when present, else "from_addr", else "" (borrowed). */
const char *summary_sender(const struct summary *);
void	summary_vec_free(struct summary_vec *);	/* frees every row and the array */

#endif
