/* worker_ops.h - what the worker does for each kind of request (worker thread only). */
#ifndef BOTE_WORKER_OPS_H
#define BOTE_WORKER_OPS_H

#include "worker/msg.h"
#include "worker/session.h"

struct worker;

/* Queue an event for the UI (ownership transferred). */
void	worker_emit(struct worker *, struct event *);
/* The account the worker serves (its own copy), or NULL. */
const struct account *worker_account(struct worker *);
/*
 * Readable once a cancel or stop arrives for the running request: give it
 * to blocking network code.  worker_abort_reset() before each use.
 */
int	worker_abort_fd(struct worker *);
void	worker_abort_reset(struct worker *);
/* 1 when the request was cancelled or the worker is stopping. */
int	worker_cancelled(struct worker *, const struct request *);

/*
 * Carry out r, emitting its data events; the caller emits the terminal
 * event.  Returns 0, or -1 with err (kind BOTE_ERR_CANCELLED when it
 * stopped because it was cancelled).
 */
int	worker_ops_run(struct worker *, struct session *, struct request *,
	    struct bote_err *);

/* Create, rename, delete and (un)subscribe folders (worker_folders.c). */
int	worker_ops_folder(struct worker *, struct session *, struct request *,
	    struct bote_err *);
/* worker_attach.c: REQ_SAVE_PART and REQ_OPEN_PART. */
int	worker_attach_save(struct worker *, struct session *, struct request *,
	    struct bote_err *);
int	worker_attach_open(struct worker *, struct session *, struct request *,
	    struct bote_err *);
/* A command line (html_filter) as an owned argument vector, or NULL. */
char	**worker_attach_filter_argv(const char *cmd);

#endif
