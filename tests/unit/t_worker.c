/* t_worker.c - the worker protocol with a fake driver: order, one terminal event, cancel, wakeups, failures, stop. */
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/flags.h"
#include "core/sort.h"
#include "fake_drv.h"
#include "tap.h"
#include "util/xmalloc.h"
#include "worker/worker.h"

/* ---- a fake driver whose speed and failures the test controls ---- */

static atomic_int fake_fail_connects;	/* connects left to fail */
static atomic_int fake_batch_ms;	/* delay per fetch_summaries call */
static atomic_int fake_hang;		/* fetch_index blocks until aborted (or forever) */
static atomic_int fake_abortable = 1;
static atomic_int fake_aborted;
static atomic_int fake_rows = 50;
static atomic_int fake_running;		/* ops currently inside the driver */
static atomic_int fake_overlap;		/* ever two ops at once? */

static void
ms_sleep(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static void
enter(void)
{
	if (atomic_fetch_add(&fake_running, 1) != 0)
		atomic_store(&fake_overlap, 1);
}

static void
leave(void)
{
	atomic_fetch_sub(&fake_running, 1);
}

static int
fake_connect(struct drv *d, struct bote_err *err)
{
	(void)d;
	if (atomic_load(&fake_fail_connects) > 0) {
		atomic_fetch_sub(&fake_fail_connects, 1);
		bote_err_set(err, BOTE_ERR_CONNECTION, "connection to 'fake' lost");
		return -1;
	}
	return 0;
}

static int
fake_list(struct drv *d, int counts, struct folder_list *out, struct bote_err *err)
{
	struct folder_info	f = { .name = "INBOX", .role = ROLE_INBOX, .total = counts ? 1 : -1 };

	(void)d;
	(void)err;
	enter();
	folder_list_add(out, &f);
	f.name = "Sent";
	f.role = ROLE_SENT;
	folder_list_add(out, &f);
	leave();
	return 0;
}

static int
fake_select(struct drv *d, const char *folder, struct select_info *si, struct bote_err *err)
{
	(void)d;
	memset(si, 0, sizeof *si);
	if (strcmp(folder, "missing") == 0) {
		bote_err_set(err, BOTE_ERR_NOTFOUND, "no such folder '%s'", folder);
		return -1;
	}
	return 0;
}

static int
fake_index(struct drv *d, struct summary_vec *out, struct bote_err *err)
{
	int	i, n = atomic_load(&fake_rows);

	(void)d;
	(void)err;
	enter();
	while (atomic_load(&fake_hang) &&
	    !(atomic_load(&fake_abortable) && atomic_load(&fake_aborted)))
		ms_sleep(5);
	out->v = xcalloc((size_t)n + 1, sizeof *out->v);
	out->n = (size_t)n;
	for (i = 0; i < n; i++) {
		out->v[i].ref.name = xasprintf("m%05d", i);
		out->v[i].date = 1000 + (n - i);	/* file dates: reverse order */
		out->v[i].flags = i < n - 3 ? FLAG_SEEN : 0;
	}
	leave();
	return 0;
}

static int
fake_summaries(struct drv *d, struct summary *rows, size_t n, struct bote_err *err)
{
	size_t	i;

	(void)d;
	(void)err;
	enter();
	ms_sleep(atomic_load(&fake_batch_ms));
	for (i = 0; i < n; i++) {
		free(rows[i].subject);
		rows[i].subject = xasprintf("subject of %s", rows[i].ref.name);
		rows[i].date = atoi(rows[i].ref.name + 1);	/* header dates: name order */
	}
	leave();
	return 0;
}

static int
fake_store(struct drv *d, const struct msgref *refs, size_t n, unsigned set, unsigned clear,
    unsigned *out, struct bote_err *err)
{
	size_t	i;

	(void)d;
	(void)refs;
	if (set & FLAG_DELETED) {
		bote_err_set(err, BOTE_ERR_COMMAND, "cannot delete in 'fake'");
		return -1;
	}
	for (i = 0; i < n && out != NULL; i++)
		out[i] = set & ~clear;
	return 0;
}

static void
fake_abort(struct drv *d)
{
	(void)d;
	atomic_store(&fake_aborted, 1);
}

static const struct drv_ops fake_ops = {
	.name = "fake",
	.create = fake_create,
	.destroy = fake_destroy,
	.connect = fake_connect,
	.disconnect = fake_disconnect,
	.list_folders = fake_list,
	.select = fake_select,
	.fetch_index = fake_index,
	.fetch_summaries = fake_summaries,
	.store_flags = fake_store,
	.abort = fake_abort,
};

/* ---- helpers ---- */

static struct wake	ui_wake;

static struct worker *
start(void)
{
	struct worker_params	p = { .ops = &fake_ops, .ui_wake = &ui_wake };
	struct bote_err		err;

	p.drv.account = "fake";
	return worker_start(&p, &err);
}

/* Wait on the UI wake fd like the UI loop does, then pop one event. */
static struct event *
next_event(struct worker *w, int timeout_ms)
{
	struct pollfd	 pfd = { .fd = ui_wake.fd, .events = POLLIN };
	struct event	*ev;
	int		 waited = 0;

	for (;;) {
		if ((ev = worker_pop(w)) != NULL)
			return ev;
		if (waited >= timeout_ms)
			return NULL;
		if (poll(&pfd, 1, 20) > 0)
			wake_clear(&ui_wake);
		waited += 20;
	}
}

static uint64_t
submit(struct worker *w, enum req_kind kind, enum req_prio prio, const char *folder)
{
	struct request	*r = msg_request_new(kind, prio);

	if (folder != NULL)
		r->folder = xstrdup(folder);
	return worker_submit(w, r);
}

/* Collect events until every id in ids has had its terminal event; returns how many terminals came per id. */
static int
drain(struct worker *w, const uint64_t *ids, size_t n, enum ev_kind *terminal, int *terminals,
    uint64_t *order, size_t *norder)
{
	struct event	*ev;
	size_t		 i, done = 0;

	memset(terminals, 0, n * sizeof *terminals);
	*norder = 0;
	while (done < n && (ev = next_event(w, 5000)) != NULL) {
		for (i = 0; i < n; i++)
			if (ids[i] == ev->reply_to && msg_event_is_terminal(ev)) {
				if (terminals[i]++ == 0)
					done++;
				terminal[i] = ev->kind;
				order[(*norder)++] = ev->reply_to;
			}
		msg_event_free(ev);
	}
	return (int)done;
}

/* ---- tests ---- */

static void
test_order_and_terminals(void)
{
	struct worker	*w = start();
	uint64_t	 ids[6], order[16];
	enum ev_kind	 term[6];
	int		 terms[6], i, once = 1;
	size_t		 n;

	atomic_store(&fake_batch_ms, 300);
	ids[0] = submit(w, REQ_OPEN_FOLDER, PRIO_NORMAL, "INBOX");	/* runs first */
	for (i = 0; i < 400 && atomic_load(&fake_running) == 0; i++)
		ms_sleep(5);	/* until it is inside the driver */
	ids[1] = submit(w, REQ_LIST_FOLDERS, PRIO_BACKGROUND, NULL);
	ids[2] = submit(w, REQ_LIST_FOLDERS, PRIO_NORMAL, NULL);
	ids[3] = submit(w, REQ_LIST_FOLDERS, PRIO_NORMAL, NULL);
	ids[4] = submit(w, REQ_LIST_FOLDERS, PRIO_INTERACTIVE, NULL);
	ids[5] = submit(w, REQ_OPEN_FOLDER, PRIO_NORMAL, "missing");
	is_int(drain(w, ids, 6, term, terms, order, &n), 6, "all six requests answered");
	for (i = 0; i < 6; i++)
		once &= terms[i] == 1;
	ok(once, "exactly one terminal event each");
	ok(n == 6 && order[0] == ids[0] && order[1] == ids[4] && order[2] == ids[2] &&
	    order[3] == ids[3] && order[4] == ids[5] && order[5] == ids[1],
	    "interactive jumps the queue, background goes last, FIFO within a priority");
	is_int(term[5], EV_ERROR, "a failing request ends in EV_ERROR");
	ok(!atomic_load(&fake_overlap), "driver calls never overlap");
	is_int(worker_stop(w, 2000), 0, "worker stops");
	atomic_store(&fake_batch_ms, 0);
}

/* Assemble the rows of a streamed open as the UI does: announced, filled by batches, sorted. */
static void
test_streaming_open(void)
{
	struct worker		*w = start();
	struct event		*ev;
	struct summary_vec	 ui = { NULL, 0 };
	uint64_t		 id;
	int			 opened = 0, batches = 0, kept = 0, sorted_ok = 0, terminal = 0;
	int			 placed = 1;
	size_t			 i, total = 0;

	atomic_store(&fake_rows, 5000);
	atomic_store(&fake_batch_ms, 60);
	id = submit(w, REQ_OPEN_FOLDER, PRIO_INTERACTIVE, "INBOX");
	while (!terminal && (ev = next_event(w, 10000)) != NULL) {
		ok(ev->reply_to == id, "event %d belongs to the request", (int)ev->kind);
		if (ev->kind == EV_FOLDER_OPENED) {
			opened++;
			total = ev->rows.n;
			ui = ev->rows;
			memset(&ev->rows, 0, sizeof ev->rows);
		} else if (ev->kind == EV_SUMMARIES) {
			batches++;
			for (i = 0; i < ev->rows.n; i++) {
				if (ev->offset + i >= ui.n ||
				    !msgref_equal(&ui.v[ev->offset + i].ref, &ev->rows.v[i].ref)) {
					placed = 0;
					continue;
				}
				summary_free(&ui.v[ev->offset + i]);
				ui.v[ev->offset + i] = ev->rows.v[i];
				memset(&ev->rows.v[i], 0, sizeof ev->rows.v[i]);
			}
		} else if (ev->kind == EV_FOLDER_SORTED) {
			kept = ev->rows_kept && ev->rows.n == 0;
			sort_summaries(ui.v, ui.n, SORT_DATE, 0);
			sorted_ok = ui.n == 5000;
			for (i = 0; i < ui.n; i++)
				sorted_ok &= (i == 0 || ui.v[i - 1].date <= ui.v[i].date) &&
				    ui.v[i].subject != NULL;
		} else if (msg_event_is_terminal(ev))
			terminal = ev->kind;
		msg_event_free(ev);
	}
	is_int(opened, 1, "a slow folder is announced once, before its headers");
	is_int(total, 5000, "the announcement has every row");
	ok(batches >= 3, "headers follow in batches (%d)", batches);
	ok(placed, "every batch names the announced rows at its offset");
	ok(kept, "the end of a streamed open carries no rows: the receiver has them");
	ok(sorted_ok, "the rows as received are complete and sort by header date");
	is_int(terminal, EV_DONE, "and the request is done");
	summary_vec_free(&ui);

	atomic_store(&fake_rows, 50);
	atomic_store(&fake_batch_ms, 0);
	id = submit(w, REQ_OPEN_FOLDER, PRIO_INTERACTIVE, "INBOX");
	opened = batches = terminal = 0;
	while (!terminal && (ev = next_event(w, 5000)) != NULL) {
		opened += ev->kind == EV_FOLDER_OPENED;
		batches += ev->kind == EV_FOLDER_SORTED;
		if (msg_event_is_terminal(ev))
			terminal = ev->kind;
		msg_event_free(ev);
	}
	ok(opened == 0 && batches == 1, "a quick folder arrives in one piece");
	worker_stop(w, 2000);
}

static void
test_cancel(void)
{
	struct worker	*w = start();
	uint64_t	 ids[2], order[8];
	enum ev_kind	 term[2];
	int		 terms[2];
	size_t		 n;

	atomic_store(&fake_rows, 20000);
	atomic_store(&fake_batch_ms, 50);
	ids[0] = submit(w, REQ_OPEN_FOLDER, PRIO_NORMAL, "INBOX");
	ids[1] = submit(w, REQ_LIST_FOLDERS, PRIO_NORMAL, NULL);
	ms_sleep(100);
	worker_cancel(w, ids[0]);
	worker_cancel(w, ids[1]);
	is_int(drain(w, ids, 2, term, terms, order, &n), 2, "cancelled requests still end");
	is_int(term[0], EV_CANCELLED, "the running request ends CANCELLED");
	is_int(term[1], EV_CANCELLED, "the queued request ends CANCELLED without running");
	worker_stop(w, 2000);
	atomic_store(&fake_rows, 50);
	atomic_store(&fake_batch_ms, 0);
}

static void
test_wakeups_coalesce(void)
{
	struct worker	*w = start();
	struct event	*ev;
	unsigned long	 before = atomic_load(&ui_wake.writes);
	int		 i, terminals = 0, events = 0;

	/* Nobody drains while 200 requests are answered: the fd is written a handful of times. */
	for (i = 0; i < 200; i++)
		submit(w, REQ_LIST_FOLDERS, PRIO_NORMAL, NULL);
	ms_sleep(500);
	while (terminals < 200 && (ev = next_event(w, 5000)) != NULL) {
		terminals += msg_event_is_terminal(ev);
		events++;
		msg_event_free(ev);
	}
	is_int(terminals, 200, "200 requests, 200 terminal events");
	ok(atomic_load(&ui_wake.writes) - before < 20,
	    "%d events cost %lu wake writes", events, atomic_load(&ui_wake.writes) - before);
	worker_stop(w, 2000);
}

static void
test_connection_loss(void)
{
	struct worker	*w;
	uint64_t	 ids[2], order[4];
	enum ev_kind	 term[2];
	int		 terms[2];
	size_t		 n;
	struct event	*ev;

	atomic_store(&fake_fail_connects, 2);	/* start-up and first request fail */
	w = start();
	ev = next_event(w, 5000);
	ok(ev != NULL && ev->kind == EV_CONN_STATE && !ev->online && ev->reply_to == 0 &&
	    ev->err.kind == BOTE_ERR_CONNECTION, "a failed start says offline, unsolicited");
	msg_event_free(ev);
	ids[0] = submit(w, REQ_LIST_FOLDERS, PRIO_NORMAL, NULL);
	is_int(drain(w, ids, 1, term, terms, order, &n), 1, "request while offline is answered");
	is_int(term[0], EV_ERROR, "with an error");
	ids[1] = submit(w, REQ_LIST_FOLDERS, PRIO_NORMAL, NULL);
	ev = next_event(w, 5000);
	ok(ev != NULL && ev->kind == EV_CONN_STATE && ev->online,
	    "reconnecting says online again");
	msg_event_free(ev);
	ev = next_event(w, 5000);
	ok(ev != NULL && ev->kind == EV_FOLDERS && ev->folders.n == 2,
	    "the next request reconnects and succeeds");
	msg_event_free(ev);
	ev = next_event(w, 5000);
	ok(ev != NULL && ev->kind == EV_DONE, "then DONE");
	msg_event_free(ev);
	worker_stop(w, 2000);
}

/* Counts only when asked: at startup they would delay the open. */
static void
test_folder_counts(void)
{
	struct worker	*w = start();
	struct event	*ev;
	struct request	*r;
	int		 counts;

	for (counts = 0; counts < 2; counts++) {
		r = msg_request_new(REQ_LIST_FOLDERS, PRIO_INTERACTIVE);
		r->counts = counts;
		worker_submit(w, r);
		while ((ev = next_event(w, 5000)) != NULL && ev->kind == EV_CONN_STATE)
			msg_event_free(ev);
		ok(ev != NULL && ev->kind == EV_FOLDERS && ev->folders.n == 2 &&
		    ev->folders.v[0].total == (counts ? 1 : -1),
		    "folders %s counts when %s", counts ? "with" : "without",
		    counts ? "asked" : "not asked");
		msg_event_free(ev);
		ev = next_event(w, 5000);
		ok(ev != NULL && ev->kind == EV_DONE, "then DONE");
		msg_event_free(ev);
	}
	worker_stop(w, 2000);
}

static void
test_flags_error(void)
{
	struct worker	*w = start();
	struct request	*r = msg_request_new(REQ_SET_FLAGS, PRIO_INTERACTIVE);
	struct msgref	 ref = { 0, 0, "m00001" };
	struct event	*ev;
	int		 flags_seen = 0, kind = 0;

	msg_request_set_refs(r, &ref, 1);
	r->set = FLAG_DELETED;
	worker_submit(w, r);
	while ((ev = next_event(w, 5000)) != NULL) {
		flags_seen += ev->kind == EV_FLAGS;
		if (msg_event_is_terminal(ev)) {
			kind = ev->kind;
			ok(strstr(ev->err.msg, "cannot delete") != NULL, "error message carried: %s",
			    ev->err.msg);
			msg_event_free(ev);
			break;
		}
		msg_event_free(ev);
	}
	ok(kind == EV_ERROR && flags_seen == 0, "a refused flag change sends no flags, one error");
	worker_stop(w, 2000);
}

static void
test_stop_while_hung(void)
{
	struct worker	*w;
	struct timespec	 t0, t1;
	long		 ms;

	atomic_store(&fake_hang, 1);
	atomic_store(&fake_aborted, 0);
	atomic_store(&fake_abortable, 1);
	w = start();
	submit(w, REQ_OPEN_FOLDER, PRIO_NORMAL, "INBOX");
	ms_sleep(100);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	is_int(worker_stop(w, 2000), 0, "stop aborts a hung driver call through abort()");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	ok(ms < 1500, "and returns promptly (%ld ms)", ms);

	atomic_store(&fake_aborted, 0);
	atomic_store(&fake_abortable, 0);	/* a driver that ignores abort */
	w = start();
	submit(w, REQ_OPEN_FOLDER, PRIO_NORMAL, "INBOX");
	ms_sleep(100);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	is_int(worker_stop(w, 300), -1, "a driver that ignores abort: stop gives up");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	ok(ms < 1000, "after its timeout (%ld ms), so quitting never hangs", ms);
	/* Let the detached thread finish and free itself. */
	atomic_store(&fake_hang, 0);
	ms_sleep(200);
}

int
main(void)
{
	if (wake_init(&ui_wake) != 0)
		return 1;
	test_order_and_terminals();
	test_streaming_open();
	test_cancel();
	test_wakeups_coalesce();
	test_connection_loss();
	test_folder_counts();
	test_flags_error();
	test_stop_while_hung();
	wake_destroy(&ui_wake);
	return done_testing();
}
