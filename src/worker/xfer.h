/* xfer.h - copying and moving messages to a folder of another account (worker thread). */
#ifndef BOTE_XFER_H
#define BOTE_XFER_H

#include "worker/msg.h"
#include "worker/session.h"

struct worker;

/*
 * REQ_XFER: each row's raw message appended to r->dst of r->dst_acct,
 * which the worker opens for the occasion (its password_command runs
 * here).  Moves mark the sources \Deleted only after every copy is
 * confirmed durable (EV_FLAGS); nothing is removed.  EV_PROGRESS after
 * each message.  0, or -1 with err (the messages before the failing one
 * are copied; err says how many).
 */
int	xfer_run(struct worker *, struct session *, struct request *, struct bote_err *);

#endif
