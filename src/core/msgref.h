/* msgref.h - message identity: a small value that is safe to copy between threads. */
#ifndef BOTE_MSGREF_H
#define BOTE_MSGREF_H

#include <stdint.h>

/*
 * IMAP: {UIDVALIDITY, UID, NULL}.  Maildir: {0, 0, unique part of the file
 * name (everything before ":2,")}.  The name is owned by the struct.
 */
struct msgref {
	uint32_t	 epoch;
	uint32_t	 uid;
	char		*name;
};

void	msgref_copy(struct msgref *dst, const struct msgref *src);
void	msgref_free(struct msgref *);
int	msgref_equal(const struct msgref *, const struct msgref *);

#endif
