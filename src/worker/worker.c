/*
 * worker.c - the account thread: queues, wakeups, cancellation and the terminal-event guarantee.
 *
 * Inbox: requests under a mutex, interactive ones ahead of normal ones ahead
 * of background ones (FIFO within a priority); the worker sleeps in poll()
 * on its own wake fd, which later also interrupts IMAP IDLE.  Outbox:
 * events under a mutex; every append signals the UI's shared wake fd.
 * Signals are blocked on the thread so that a SIGWINCH or SIGCHLD never
 * turns a blocking driver call into EINTR.
 */
#include "worker/worker.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "util/resume.h"
#include "worker/fetch.h"
#include "worker/reconnect.h"
#include "worker/session.h"
#include "worker/worker_ops.h"
#include "util/xmalloc.h"

struct worker {
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	struct request_queue	 inbox;
	struct event_queue	 outbox;
	struct wake		 wake_in;	/* UI -> worker */
	struct wake		*ui_wake;	/* worker -> UI */
	struct request		*running;	/* under lock */
	uint64_t		 next_id;
	int			 stopping;	/* under lock */
	int			 detached;	/* under lock: the UI gave up waiting */
	int			 finished;	/* under lock */
	pthread_cond_t		 done;
	unsigned		 test_delay_ms;
	const struct drv_ops	*ops;
	struct drv_params	 params;	/* strings owned */
	struct session		*session;	/* worker thread only, once open */
	int			 online;	/* worker thread only: last state told to the UI */
	struct bote_err		 open_err;	/* why the session could not open */
	struct account		*acct;		/* own copy, or NULL */
	int			 abort_fd;	/* eventfd: written by cancel and stop */
	struct reconnect	 retry;		/* worker thread only: back-off while offline */
};

#define WAIT_MS		(24 * 60 * 1000)	/* one IDLE at most; the driver may wait less */
#define SLICE_MS	(15 * 1000)		/* offline: how often to look for a resume */

const struct account *
worker_account(struct worker *w)
{
	return w->acct;
}

int
worker_abort_fd(struct worker *w)
{
	return w->abort_fd;
}

void
worker_abort_reset(struct worker *w)
{
	uint64_t	v;

	if (read(w->abort_fd, &v, sizeof v) < 0) {
		/* EAGAIN: nothing pending, which is the usual case. */
	}
}

/* Under w->lock. */
static void
abort_running(struct worker *w)
{
	uint64_t	one = 1;

	if (write(w->abort_fd, &one, sizeof one) < 0) {
		/* The counter cannot overflow in practice; a failed write changes nothing. */
	}
}

void
worker_emit(struct worker *w, struct event *ev)
{
	pthread_mutex_lock(&w->lock);
	TAILQ_INSERT_TAIL(&w->outbox, ev, link);
	pthread_mutex_unlock(&w->lock);
	wake_signal(w->ui_wake);
}

int
worker_cancelled(struct worker *w, const struct request *r)
{
	int	stopping;

	pthread_mutex_lock(&w->lock);
	stopping = w->stopping;
	pthread_mutex_unlock(&w->lock);
	return stopping || atomic_load(&r->cancelled);
}

static void
emit_terminal(struct worker *w, const struct request *r, enum ev_kind kind,
    const struct bote_err *err)
{
	struct event	*ev = msg_event_new(r->id, kind);

	if (err != NULL)
		ev->err = *err;
	worker_emit(w, ev);
}

/* Tests only: an interruptible pause that makes every request look slow. */
static int
test_delay(struct worker *w)
{
	struct pollfd	pfd = { .fd = w->wake_in.fd, .events = POLLIN };
	struct timespec	start, now;
	long		left;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = (long)w->test_delay_ms - ((now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)left) > 0) {
			wake_clear(&w->wake_in);
			pthread_mutex_lock(&w->lock);
			if (w->stopping || atomic_load(&w->running->cancelled)) {
				pthread_mutex_unlock(&w->lock);
				return -1;
			}
			pthread_mutex_unlock(&w->lock);
		}
	}
}

static int64_t
net_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
remote(const struct worker *w)
{
	return (w->ops->caps & DRV_CAP_REMOTE) != 0;
}

/* Tell the UI when the store becomes unreachable or reachable again (not on every request). */
static void
conn_state(struct worker *w, int online, const struct bote_err *err)
{
	struct event	*ev;

	/* Only the retry step's own failures stretch the schedule, not every request's. */
	if (online)
		reconnect_ok(&w->retry);
	else if (w->online)
		(void)reconnect_failed(&w->retry, net_now_ms());
	if (online == w->online)
		return;
	w->online = online;
	ev = msg_event_new(0, EV_CONN_STATE);
	ev->online = online;
	if (err != NULL)
		ev->err = *err;
	worker_emit(w, ev);
}

/* Reachable again: say so, and have the open folder read again (it may have changed meanwhile). */
static void
came_back(struct worker *w)
{
	struct event	*ev;
	int		 was = w->online;

	conn_state(w, 1, NULL);
	if (!was && w->session != NULL && session_folder(w->session) != NULL) {
		ev = msg_event_new(0, EV_FOLDER_CHANGED);
		ev->folder = xstrdup(session_folder(w->session));
		worker_emit(w, ev);
	}
}

/* The session pointer is read by worker_stop on the UI thread: publish it under the lock. */
static struct session *
set_session(struct worker *w, struct session *s)
{
	pthread_mutex_lock(&w->lock);
	w->session = s;
	pthread_mutex_unlock(&w->lock);
	return s;
}

static void
run_request(struct worker *w, struct request *r)
{
	struct bote_err	err;

	if (worker_cancelled(w, r) || (w->test_delay_ms > 0 && test_delay(w) != 0)) {
		emit_terminal(w, r, EV_CANCELLED, NULL);
		return;
	}
	if (w->session == NULL) {
		/* Opening failed earlier: try again for each request. */
		bote_err_clear(&err);
		if (set_session(w, session_open(w->ops, &w->params, &err)) == NULL) {
			if (remote(w))
				conn_state(w, 0, &err);
			emit_terminal(w, r, EV_ERROR, &err);
			return;
		}
		came_back(w);
	}
	bote_err_clear(&err);
	switch (worker_ops_run(w, w->session, r, &err)) {
	case 0:
		/* Maybe back, maybe only queued offline: the retry step finds out at once. */
		if (remote(w) && !w->online)
			reconnect_now(&w->retry);
		emit_terminal(w, r, EV_DONE, NULL);
		break;
	default:
		if (err.kind == BOTE_ERR_CANCELLED)
			emit_terminal(w, r, EV_CANCELLED, NULL);
		else if (err.kind == BOTE_ERR_UNSUPPORTED)
			emit_terminal(w, r, EV_UNSUPPORTED, &err);
		else {
			if (remote(w) && err.kind == BOTE_ERR_CONNECTION)
				conn_state(w, 0, &err);
			emit_terminal(w, r, EV_ERROR, &err);
		}
	}
}

/* Sleep on the wake fd for at most ms (-1: until woken). */
static void
sleep_woken(struct worker *w, int ms)
{
	struct pollfd	pfd = { .fd = w->wake_in.fd, .events = POLLIN };

	(void)poll(&pfd, 1, ms);
}

/* Hand what the driver heard to the UI: flag changes, expunges, or "read it again". */
static void
emit_changes(struct worker *w, struct drv_changes *c)
{
	struct event	*ev;

	if (c->nflags > 0) {
		ev = msg_event_new(0, EV_FLAGS);
		ev->refs = c->flag_refs;
		ev->flags = c->flags;
		ev->nrefs = c->nflags;
		c->flag_refs = NULL;
		c->flags = NULL;
		c->nflags = 0;
		worker_emit(w, ev);
	}
	if (c->ngone > 0) {
		ev = msg_event_new(0, EV_VANISHED);
		ev->refs = c->gone;
		ev->nrefs = c->ngone;
		c->gone = NULL;
		c->ngone = 0;
		worker_emit(w, ev);
	}
	for (size_t i = 0; i < c->nnotices; i++) {
		ev = msg_event_new(0, EV_NOTICE);
		bote_err_set(&ev->err, BOTE_ERR_COMMAND, "%s", c->notices[i]);
		worker_emit(w, ev);
	}
	if (c->reread && session_folder(w->session) != NULL) {
		ev = msg_event_new(0, EV_FOLDER_CHANGED);
		ev->folder = xstrdup(session_folder(w->session));
		ev->count = c->arrived;
		worker_emit(w, ev);
	}
	driver_changes_free(c);
}

/* Offline: wait out the back-off (a resume or any request cuts it short), then try again. */
static void
retry_step(struct worker *w)
{
	struct resume_watch	rw;
	struct drv_changes	chg;
	struct bote_err		err;
	int64_t			left = reconnect_left(&w->retry, net_now_ms());

	if (left > 0) {
		resume_watch_init(&rw);
		sleep_woken(w, left < SLICE_MS ? (int)left : SLICE_MS);
		if (resume_watch_check(&rw))
			reconnect_now(&w->retry);
		return;
	}
	bote_err_clear(&err);
	if (w->session == NULL) {
		if (set_session(w, session_open(w->ops, &w->params, &err)) == NULL) {
			(void)reconnect_failed(&w->retry, net_now_ms());
			conn_state(w, 0, &err);
		} else
			came_back(w);
		return;
	}
	/* Connects, reselects and replays the offline queue; no IDLE (timeout 0). */
	if (session_wait(w->session, w->wake_in.fd, 0, &chg, &err) == -1) {
		driver_changes_free(&chg);
		(void)reconnect_failed(&w->retry, net_now_ms());
		if (err.kind != BOTE_ERR_CANCELLED)
			conn_state(w, 0, &err);
		return;
	}
	came_back(w);
	emit_changes(w, &chg);
}

/*
 * Nothing to do: listen to the server (IMAP IDLE) until a request or a
 * stop wakes us, or retry an unreachable store on the back-off schedule.
 */
static void
idle_step(struct worker *w)
{
	struct drv_changes	chg;
	struct bote_err		err;

	if (!remote(w)) {
		/* A local store: watch the open folder for other programs' changes. */
		if ((w->ops->caps & DRV_CAP_PUSH) == 0 || w->session == NULL ||
		    session_folder(w->session) == NULL) {
			sleep_woken(w, -1);
			return;
		}
		bote_err_clear(&err);
		if (session_wait(w->session, w->wake_in.fd, WAIT_MS, &chg, &err) == 0)
			emit_changes(w, &chg);
		else {
			driver_changes_free(&chg);
			sleep_woken(w, -1);
		}
		return;
	}
	if (!w->online || w->session == NULL) {
		retry_step(w);
		return;
	}
	bote_err_clear(&err);
	if (session_wait(w->session, w->wake_in.fd, WAIT_MS, &chg, &err) == 0) {
		emit_changes(w, &chg);
		return;
	}
	driver_changes_free(&chg);	/* news before the loss is read again after it */
	if (err.kind == BOTE_ERR_UNSUPPORTED)
		sleep_woken(w, -1);
	else if (err.kind != BOTE_ERR_CANCELLED)
		conn_state(w, 0, &err);
}

static struct request *
next_request(struct worker *w)
{
	struct request	*r;

	for (;;) {
		/* Cleared before the queue is looked at: a later submit wakes the wait below. */
		wake_clear(&w->wake_in);
		pthread_mutex_lock(&w->lock);
		if (w->stopping) {
			pthread_mutex_unlock(&w->lock);
			return NULL;
		}
		/* Under the lock: a cancel or stop written from now on is never drained. */
		worker_abort_reset(w);
		if ((r = TAILQ_FIRST(&w->inbox)) != NULL) {
			TAILQ_REMOVE(&w->inbox, r, link);
			w->running = r;
			pthread_mutex_unlock(&w->lock);
			return r;
		}
		pthread_mutex_unlock(&w->lock);
		idle_step(w);
	}
}

static void
free_params(struct drv_params *p)
{
	free((char *)p->account);
	free((char *)p->path);
	free((char *)p->cache_dir);
}

static void
worker_free(struct worker *w)
{
	struct event	*ev;

	while ((ev = TAILQ_FIRST(&w->outbox)) != NULL) {
		TAILQ_REMOVE(&w->outbox, ev, link);
		msg_event_free(ev);
	}
	wake_destroy(&w->wake_in);
	close(w->abort_fd);
	account_copy_free(w->acct);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->done);
	free_params(&w->params);
	free(w);
}

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	struct request	*r;
	sigset_t	 all;
	int		 detached;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	w->online = 1;	/* until proven otherwise: no news is good news */
	reconnect_init(&w->retry, (uint32_t)(uintptr_t)w ^ (uint32_t)net_now_ms());
	if (set_session(w, session_open(w->ops, &w->params, &w->open_err)) == NULL)
		conn_state(w, 0, &w->open_err);
	while ((r = next_request(w)) != NULL) {
		run_request(w, r);
		pthread_mutex_lock(&w->lock);
		w->running = NULL;
		pthread_mutex_unlock(&w->lock);
		msg_request_free(r);
	}
	/* Stopping: every queued request still gets its terminal event. */
	pthread_mutex_lock(&w->lock);
	while ((r = TAILQ_FIRST(&w->inbox)) != NULL) {
		TAILQ_REMOVE(&w->inbox, r, link);
		pthread_mutex_unlock(&w->lock);
		emit_terminal(w, r, EV_CANCELLED, NULL);
		msg_request_free(r);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	session_close(w->session);
	set_session(w, NULL);
	pthread_mutex_lock(&w->lock);
	w->finished = 1;
	detached = w->detached;
	pthread_cond_signal(&w->done);
	pthread_mutex_unlock(&w->lock);
	if (detached)
		worker_free(w);
	return NULL;
}

struct worker *
worker_start(const struct worker_params *p, struct bote_err *err)
{
	struct worker	*w = xcalloc(1, sizeof *w);
	int		 rc;

	TAILQ_INIT(&w->inbox);
	TAILQ_INIT(&w->outbox);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->done, NULL);
	w->ui_wake = p->ui_wake;
	w->ops = p->ops;
	w->params = p->drv;
	w->params.account = xstrdup(p->drv.account ? p->drv.account : "");
	w->params.path = p->drv.path ? xstrdup(p->drv.path) : NULL;
	w->params.cache_dir = p->drv.cache_dir ? xstrdup(p->drv.cache_dir) : NULL;
	w->test_delay_ms = p->test_delay_ms;
	w->next_id = 1;
	w->acct = p->account != NULL ? account_copy(p->account) : NULL;
	/* The driver copies the account again on this thread's own copy, never the UI's config. */
	w->params.acct = p->drv.acct != NULL ? w->acct : NULL;
	w->params.password = NULL;
	w->abort_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	/* The driver's network waits watch the same fd that cancel and stop write. */
	w->params.has_cancel_fd = 1;
	w->params.cancel_fd = w->abort_fd;
	if (w->abort_fd == -1 || wake_init(&w->wake_in) != 0) {
		bote_err_errno(err, errno, "cannot create a wakeup descriptor");
		if (w->abort_fd != -1)
			close(w->abort_fd);
		account_copy_free(w->acct);
		free_params(&w->params);
		free(w);
		return NULL;
	}
	if ((rc = pthread_create(&w->thread, NULL, worker_main, w)) != 0) {
		bote_err_errno(err, rc, "cannot start the worker thread for '%s'",
		    w->params.account);
		wake_destroy(&w->wake_in);
		close(w->abort_fd);
		account_copy_free(w->acct);
		free_params(&w->params);
		free(w);
		return NULL;
	}
	return w;
}

uint64_t
worker_submit(struct worker *w, struct request *r)
{
	struct request	*q;
	uint64_t	 id;

	pthread_mutex_lock(&w->lock);
	id = r->id = w->next_id++;
	TAILQ_FOREACH(q, &w->inbox, link)
		if (q->prio > r->prio)
			break;
	if (q != NULL)
		TAILQ_INSERT_BEFORE(q, r, link);
	else
		TAILQ_INSERT_TAIL(&w->inbox, r, link);
	pthread_mutex_unlock(&w->lock);
	wake_signal(&w->wake_in);
	return id;
}

void
worker_cancel(struct worker *w, uint64_t id)
{
	struct request	*q;

	pthread_mutex_lock(&w->lock);
	TAILQ_FOREACH(q, &w->inbox, link)
		if (q->id == id)
			atomic_store(&q->cancelled, 1);
	if (w->running != NULL && w->running->id == id) {
		atomic_store(&w->running->cancelled, 1);
		abort_running(w);
	}
	pthread_mutex_unlock(&w->lock);
	wake_signal(&w->wake_in);
}

struct event *
worker_pop(struct worker *w)
{
	struct event	*ev;

	pthread_mutex_lock(&w->lock);
	if ((ev = TAILQ_FIRST(&w->outbox)) != NULL)
		TAILQ_REMOVE(&w->outbox, ev, link);
	pthread_mutex_unlock(&w->lock);
	return ev;
}

int
worker_stop(struct worker *w, int timeout_ms)
{
	struct timespec	deadline;
	int		finished;

	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	if (w->session != NULL)
		session_abort(w->session);	/* the driver's one thread-safe op */
	abort_running(w);	/* also ends an IDLE: there is no running request then */
	pthread_mutex_unlock(&w->lock);
	wake_signal(&w->wake_in);

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&w->lock);
	while (!w->finished &&
	    pthread_cond_timedwait(&w->done, &w->lock, &deadline) != ETIMEDOUT)
		;
	finished = w->finished;
	if (!finished)
		w->detached = 1;
	pthread_mutex_unlock(&w->lock);
	if (!finished) {
		pthread_detach(w->thread);
		return -1;
	}
	pthread_join(w->thread, NULL);
	worker_free(w);
	return 0;
}
