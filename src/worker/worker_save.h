/* worker_save.h - REQ_SAVE_FILE: write messages into a file (worker thread only). */
#ifndef BOTE_WORKER_SAVE_H
#define BOTE_WORKER_SAVE_H

#include "worker/msg.h"
#include "worker/session.h"

/*
 * Write r->refs of the selected folder into the file r->dst: raw (.eml)
 * or, with SAVE_MBOX, as mbox using r->rows for the From_ lines.  The file
 * is new (0600, O_EXCL | O_NOFOLLOW) unless SAVE_OVERWRITE; a failure
 * leaves no partial file behind.
 */
int	worker_save_file(struct session *, const struct request *, struct bote_err *);

#endif
