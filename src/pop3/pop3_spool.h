/* pop3_spool.h - delivery into the spool Maildir: tmp/, fsync, rename into new/, fsync new/. */
#ifndef BOTE_POP3_SPOOL_H
#define BOTE_POP3_SPOOL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/err.h"

struct pop3_spool {
	char	*root;		/* owned */
	int	 tmp_fd;	/* directory fds */
	int	 new_fd;
	int	 cur_fd;
};

enum pop3_spool_where {
	POP3_SPOOL_ABSENT,
	POP3_SPOOL_TMP,		/* written, never published */
	POP3_SPOOL_PUBLISHED,	/* in new/ or, read since, in cur/ */
};

/* Open root as a Maildir, creating root, cur/, new/ and tmp/ (0700) as needed. */
int	pop3_spool_open(const char *root, struct pop3_spool *, struct bote_err *);
void	pop3_spool_close(struct pop3_spool *);
/* 1 when new/ or cur/ holds a message. */
int	pop3_spool_has_mail(struct pop3_spool *);

/*
 * Write a message (CRLF line ends, as RETR gives it) to tmp/NAME with
 * O_EXCL and mode 0600, storing LF line ends like every Maildir tool.
 * Write-back starts at once; the open fd goes to *fd for
 * pop3_spool_sync.  *written gets the bytes stored.
 */
int	pop3_spool_write(struct pop3_spool *, const char *name, const char *data,
	    size_t len, int *fd, uint64_t *written, struct bote_err *);
/* Close every fd (all of them, even after an error), then make them durable. */
int	pop3_spool_sync(struct pop3_spool *, const int *fds, size_t n, struct bote_err *);
/* tmp/NAME to new/NAME, never replacing a file. */
int	pop3_spool_publish(struct pop3_spool *, const char *name, struct bote_err *);
/* Make the renames into new/ durable. */
int	pop3_spool_sync_new(struct pop3_spool *, struct bote_err *);
/*
 * Where each of names[0..n) is now (one pass over cur/ for all of them);
 * paths[i] gets "new/NAME" or "cur/NAME:2,..." for a published one (owned),
 * else NULL.
 */
void	pop3_spool_where(struct pop3_spool *, char *const *names, size_t n,
	    enum pop3_spool_where *where, char **paths);
/* The first len bytes of a published file (path as pop3_spool_where gives it). */
ssize_t	pop3_spool_read_head(struct pop3_spool *, const char *path, char *buf, size_t len);
void	pop3_spool_unlink_tmp(struct pop3_spool *, const char *name);

#endif
