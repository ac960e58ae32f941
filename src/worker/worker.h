/*
 * worker.h - one thread per account that owns its driver and answers requests with events.
 *
 * The UI thread submits requests and never waits for a worker: it polls the
 * shared wake fd it passed in and pops events when it is readable.  Every
 * submitted request gets exactly one terminal event, also when it is
 * cancelled or the worker stops.  All functions except those marked
 * otherwise are for the UI thread.
 */
#ifndef BOTE_WORKER_H
#define BOTE_WORKER_H

#include <stdint.h>

#include "config/config.h"
#include "driver/driver.h"
#include "worker/msg.h"
#include "worker/wake.h"

struct worker;

struct worker_params {
	const struct drv_ops	*ops;		/* borrowed, static */
	struct drv_params	 drv;		/* strings borrowed for the call; copied; drv.acct
					   must be account (the worker's copy is used) */
	struct wake		*ui_wake;	/* borrowed; signalled when events wait */
	const struct account	*account;	/* copied; NULL for a bare Maildir (nothing to fetch) */
	unsigned		 test_delay_ms;	/* tests only: wait this long before each request */
};

/* Starts the thread; the driver is created and connected on it. */
struct worker *worker_start(const struct worker_params *, struct bote_err *);
/* Queue a request (ownership transferred) by its priority; returns its id (never 0). */
uint64_t worker_submit(struct worker *, struct request *);
/* Ask a queued or running request to stop; its terminal event still comes. */
void	 worker_cancel(struct worker *, uint64_t id);
/* The next event (owned by the caller), or NULL when none waits. */
struct event *worker_pop(struct worker *);
/*
 * Stop: queued requests are answered CANCELLED, the running one is aborted
 * through the driver.  Waits at most timeout_ms for the thread; returns 0
 * when it ended and everything is freed, -1 when it is still stuck in the
 * driver (it is then detached and frees itself when it returns).
 */
int	 worker_stop(struct worker *, int timeout_ms);

#endif
