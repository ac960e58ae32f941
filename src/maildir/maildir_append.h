/* maildir_append.h - storing a whole message into a folder of a Maildir tree (the append driver op). */
#ifndef BOTE_MAILDIR_APPEND_H
#define BOTE_MAILDIR_APPEND_H

#include <time.h>

#include "core/msgref.h"
#include "util/err.h"

/*
 * The message readable from fd into folder of the tree at root, durably
 * (drv_ops.append): flags become ":2," letters in cur/, none means new/;
 * date, when > 0, the file time.  out->name gets the unique name.
 */
int	maildir_append_to(const char *root, const char *folder, int fd, unsigned flags,
	    time_t date, struct msgref *out, struct bote_err *);

#endif
