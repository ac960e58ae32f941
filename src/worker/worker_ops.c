/*
 * worker_ops.c - the work behind each request, run on the account's worker thread.
 *
 * Opening a folder streams: rows with flags and file dates first (when
 * reading the headers takes long enough for the user to notice), then the
 * headers in batches starting around the row the cursor will be on, then
 * word that the rows are complete (the UI sorts them by date: it holds the
 * headers, the worker gave them away).  A folder that loads quickly arrives
 * in one piece, sorted.
 */
#include "worker/worker_ops.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attach/attach.h"
#include "config/config.h"
#include "core/flags.h"
#include "core/pattern.h"
#include "core/sort.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "worker/fetch.h"
#include "worker/worker_save.h"
#include "worker/search_server.h"
#include "worker/xfer.h"

#define OPEN_QUIET_MS	150	/* below this, send the folder in one piece */
#define OPEN_BATCH	1000	/* rows per header batch */
#define OPEN_WINDOW	200	/* rows around the cursor that are read first */

static long
elapsed_ms(const struct timespec *since)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Where the UI will put the cursor: the first unread row, else the last (as mutt). */
static size_t
cursor_guess(const struct summary_vec *rows)
{
	size_t	i;

	for (i = 0; i < rows->n; i++)
		if (!(rows->v[i].flags & FLAG_SEEN))
			return i;
	return rows->n ? rows->n - 1 : 0;
}

/* One batch of header reading: rows [off, off + n) of the folder. */
struct open_batch {
	size_t		 off, n;
	struct summary	*rows;		/* once announced: the batch's own rows, else NULL */
};

struct open_state {
	struct worker		*w;
	struct request		*r;
	struct summary_vec	 rows;		/* the folder, until announced */
	struct open_batch	*plan;
	size_t			 nplan;
	struct timespec		 start;
	int			 announced;	/* EV_FOLDER_OPENED sent */
};

/* Batches of rows [from, to), in order. */
static void
plan_range(struct open_state *st, size_t from, size_t to)
{
	size_t	n;

	for (; from < to; from += n) {
		n = to - from < OPEN_BATCH ? to - from : OPEN_BATCH;
		st->plan = xreallocarray(st->plan, st->nplan + 1, sizeof *st->plan);
		st->plan[st->nplan].off = from;
		st->plan[st->nplan].n = n;
		st->plan[st->nplan].rows = NULL;
		st->nplan++;
	}
}

/*
 * The folder goes to the UI whole (EV_FOLDER_OPENED): the batches still to
 * read get copies of their rows, which go to the UI in turn, so the worker
 * never holds the folder's rows beside the UI's and its share shrinks as
 * the UI's grows.
 */
static void
announce(struct open_state *st, size_t next)
{
	struct event	*ev;
	size_t		 b, i;

	for (b = next; b < st->nplan; b++) {
		st->plan[b].rows = xcalloc(st->plan[b].n, sizeof *st->plan[b].rows);
		for (i = 0; i < st->plan[b].n; i++)
			summary_copy(&st->plan[b].rows[i], &st->rows.v[st->plan[b].off + i]);
	}
	ev = msg_event_new(st->r->id, EV_FOLDER_OPENED);
	ev->folder = xstrdup(st->r->folder);
	ev->rows = st->rows;	/* moved, not copied */
	memset(&st->rows, 0, sizeof st->rows);
	worker_emit(st->w, ev);
	st->announced = 1;
}

static void
open_state_free(struct open_state *st)
{
	size_t	b, i;

	for (b = 0; b < st->nplan; b++) {
		if (st->plan[b].rows == NULL)
			continue;
		for (i = 0; i < st->plan[b].n; i++)
			summary_free(&st->plan[b].rows[i]);
		free(st->plan[b].rows);
	}
	free(st->plan);
	summary_vec_free(&st->rows);
}

/* Read every batch's headers; tell the UI once the load has become noticeable. */
static int
fill_all(struct session *s, struct open_state *st, struct bote_err *err)
{
	struct open_batch	*b;
	struct event		*ev;
	size_t			 k;

	for (k = 0; k < st->nplan; k++) {
		if (worker_cancelled(st->w, st->r)) {
			bote_err_set(err, BOTE_ERR_CANCELLED, "cancelled");
			return -1;
		}
		b = &st->plan[k];
		if (session_fill_summaries(s, b->rows != NULL ? b->rows : st->rows.v + b->off,
		    b->n, err) != 0)
			return -1;
		if (!st->announced && elapsed_ms(&st->start) >= OPEN_QUIET_MS)
			announce(st, k + 1);
		else if (st->announced) {
			ev = msg_event_new(st->r->id, EV_SUMMARIES);
			ev->folder = xstrdup(st->r->folder);
			ev->rows.v = b->rows;	/* moved, not copied */
			ev->rows.n = b->n;
			ev->offset = b->off;
			b->rows = NULL;
			worker_emit(st->w, ev);
		}
	}
	return 0;
}

static int
op_open_folder(struct worker *w, struct session *s, struct request *r, struct bote_err *err)
{
	struct open_state	 st;
	struct event		*ev;
	size_t			 pos, lo, hi;

	memset(&st, 0, sizeof st);
	st.w = w;
	st.r = r;
	if (session_select_index(s, r->folder, &st.rows, err) != 0)
		return -1;
	/*
	 * File dates order the rows until the headers give the real ones; rows
	 * the cache filled all have them, and then nothing streams.
	 */
	if (session_rows_unfilled(st.rows.v, st.rows.n) > 0)
		sort_summaries(st.rows.v, st.rows.n, SORT_DATE, 0);
	/*
	 * The quiet period counts from here: with a warm cache the headers come
	 * in one quick piece, and streaming them would only copy every row twice.
	 */
	clock_gettime(CLOCK_MONOTONIC, &st.start);
	pos = cursor_guess(&st.rows);
	lo = pos > OPEN_WINDOW ? pos - OPEN_WINDOW : 0;
	hi = pos + OPEN_WINDOW < st.rows.n ? pos + OPEN_WINDOW : st.rows.n;
	plan_range(&st, lo, hi);
	plan_range(&st, hi, st.rows.n);
	plan_range(&st, 0, lo);
	if (fill_all(s, &st, err) != 0) {
		open_state_free(&st);
		return -1;
	}
	ev = msg_event_new(r->id, EV_FOLDER_SORTED);
	ev->folder = xstrdup(r->folder);
	if (st.announced)
		ev->rows_kept = 1;	/* the UI holds every row: it sorts them */
	else {
		sort_summaries(st.rows.v, st.rows.n, SORT_DATE, 0);
		ev->rows = st.rows;	/* moved, not copied */
		memset(&st.rows, 0, sizeof st.rows);
	}
	open_state_free(&st);
	worker_emit(w, ev);
	/* The rows are on screen: now the cache may wait for the disk. */
	session_prune_cache(s);
	return 0;
}

static int
op_list_folders(struct worker *w, struct session *s, struct request *r,
    struct bote_err *err)
{
	struct event	*ev = msg_event_new(r->id, EV_FOLDERS);

	if (session_folders(s, r->counts, &ev->folders, err) != 0) {
		msg_event_free(ev);
		return -1;
	}
	worker_emit(w, ev);
	return 0;
}

static int
op_render(struct worker *w, struct session *s, struct request *r, struct bote_err *err)
{
	struct event	*ev;
	char		**filter;
	int		 rc;

	if (r->nrefs != 1) {
		bote_err_set(err, BOTE_ERR_USAGE, "render takes one message");
		return -1;
	}
	ev = msg_event_new(r->id, EV_MESSAGE);
	filter = worker_attach_filter_argv(r->html_filter);
	rc = session_render_with(s, &r->refs[0], (const char *const *)filter, &ev->msg, err);
	attach_argv_free(filter);
	if (rc != 0) {
		msg_event_free(ev);
		return -1;
	}
	ev->refs = xcalloc(1, sizeof *ev->refs);
	msgref_copy(&ev->refs[0], &r->refs[0]);
	ev->nrefs = 1;
	worker_emit(w, ev);
	return 0;
}

static int
op_set_flags(struct worker *w, struct session *s, struct request *r, struct bote_err *err)
{
	struct event	*ev = msg_event_new(r->id, EV_FLAGS);
	size_t		 i;

	ev->flags = xcalloc(r->nrefs ? r->nrefs : 1, sizeof *ev->flags);
	if (session_set_flags(s, r->refs, r->nrefs, r->set, r->clear, ev->flags, err) != 0) {
		msg_event_free(ev);
		return -1;
	}
	ev->refs = xcalloc(r->nrefs ? r->nrefs : 1, sizeof *ev->refs);
	for (i = 0; i < r->nrefs; i++)
		msgref_copy(&ev->refs[i], &r->refs[i]);
	ev->nrefs = r->nrefs;
	worker_emit(w, ev);
	return 0;
}

static int
op_expunge(struct worker *w, struct session *s, struct request *r, struct bote_err *err)
{
	struct event	*ev = msg_event_new(r->id, EV_EXPUNGED);

	if (session_expunge(s, &ev->count, err) != 0) {
		msg_event_free(ev);
		return -1;
	}
	worker_emit(w, ev);
	return 0;
}

struct fetch_relay {
	struct worker	*w;
	uint64_t	 id;
};

static void
fetch_progress(const struct fetch_progress *p, void *arg)
{
	struct fetch_relay	*fr = arg;
	struct event		*ev = msg_event_new(fr->id, EV_PROGRESS);

	ev->count = p->msgs_done;
	ev->total = p->msgs_total;
	ev->bytes = p->bytes_done;
	ev->bytes_total = p->bytes_total;
	worker_emit(fr->w, ev);
}

static void
fetch_notice(const char *msg, void *arg)
{
	struct fetch_relay	*fr = arg;
	struct event		*ev = msg_event_new(fr->id, EV_NOTICE);

	bote_err_set(&ev->err, BOTE_ERR_COMMAND, "%s", msg);
	worker_emit(fr->w, ev);
}

/* POP3 into the spool, on this thread; cancel and stop end it through the abort fd. */
static int
op_fetch(struct worker *w, struct request *r, struct bote_err *err)
{
	const struct account	*a = worker_account(w);
	struct fetch_relay	 fr = { w, r->id };
	struct fetch_hooks	 h = { fetch_progress, fetch_notice, &fr, worker_abort_fd(w) };
	struct fetch_report	 rep;
	struct event		*ev;
	char			*pw;
	int			 rc;

	if (a == NULL || a->protocol != ACCOUNT_POP3) {
		bote_err_set(err, BOTE_ERR_UNSUPPORTED, "%s",
		    _("nothing to fetch: this is not a POP3 account"));
		return -1;
	}
	worker_abort_reset(w);
	if (worker_cancelled(w, r)) {
		bote_err_set(err, BOTE_ERR_CANCELLED, "%s", _("fetch cancelled"));
		return -1;
	}
	if ((pw = account_login_secret(a, err)) == NULL)
		return -1;
	rc = fetch_account(a, pw, &h, &rep, err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc == -1)
		return -1;
	ev = msg_event_new(r->id, EV_FETCHED);
	ev->count = rep.fetched;
	ev->total = rep.deleted;
	ev->offset = rep.skipped;
	ev->bytes = rep.bytes;
	worker_emit(w, ev);
	return 0;
}

/* Decide rows by their text; progress at most every 100 ms so the UI is not flooded. */
/* A move that tells the UI where the messages landed, so it can be undone. */
static int
op_move_tracked(struct worker *w, struct session *s, struct request *r, struct bote_err *err)
{
	struct event	*ev = msg_event_new(r->id, EV_MOVED);

	ev->refs = xcalloc(r->nrefs ? r->nrefs : 1, sizeof *ev->refs);
	ev->nrefs = r->nrefs;
	if (session_move_tracked(s, r->refs, r->nrefs, r->dst, ev->refs, err) != 0) {
		msg_event_free(ev);
		return -1;
	}
	worker_emit(w, ev);
	return 0;
}

/*
 * Undo a move: select the folder the messages went to and move them back.
 * The UI reads its folder again right after, which selects it again.
 */
static int
op_undo_move(struct session *s, struct request *r, struct bote_err *err)
{
	struct summary_vec	rows = { NULL, 0 };

	if (session_select_index(s, r->folder, &rows, err) != 0)
		return -1;
	summary_vec_free(&rows);
	return session_move(s, r->refs, r->nrefs, r->dst, err);
}

static int
op_search(struct worker *w, struct session *s, struct request *r, struct bote_err *err)
{
	struct pattern	*pat = pattern_parse(r->text ? r->text : "", err);
	struct event	*res, *ev;
	struct timespec	 last;
	char		*headers, *body;
	unsigned char	*match;
	size_t		 i;
	time_t		 now = time(NULL);
	int		 served;

	if (pat == NULL)
		return -1;
	res = msg_event_new(r->id, EV_SEARCH_RESULT);
	res->refs = xcalloc(r->rows.n ? r->rows.n : 1, sizeof *res->refs);
	/* A server that can decide the text terms spares reading every message. */
	match = xcalloc(r->rows.n ? r->rows.n : 1, 1);
	served = search_server(s, pat, r->rows.v, r->rows.n, now, match, err);
	for (i = 0; served == 0 && i < r->rows.n; i++)
		if (match[i])
			msgref_copy(&res->refs[res->nrefs++], &r->rows.v[i].ref);
	free(match);
	if (served == -1) {
		msg_event_free(res);
		pattern_free(pat);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &last);
	for (i = 0; served == 1 && i < r->rows.n; i++) {
		if (worker_cancelled(w, r)) {
			bote_err_set(err, BOTE_ERR_CANCELLED, "cancelled");
			msg_event_free(res);
			pattern_free(pat);
			return -1;
		}
		/* A message that cannot be read simply does not match. */
		if (session_message_text(s, &r->rows.v[i].ref, &headers, &body, NULL) == 0) {
			if (pattern_match_text(pat, &r->rows.v[i],
			    (r->rows.v[i].flags & FLAG_TAGGED) != 0, now, headers, body))
				msgref_copy(&res->refs[res->nrefs++], &r->rows.v[i].ref);
			free(headers);
			free(body);
		}
		if (elapsed_ms(&last) >= 100) {
			ev = msg_event_new(r->id, EV_PROGRESS);
			ev->count = i + 1;
			ev->total = r->rows.n;
			worker_emit(w, ev);
			clock_gettime(CLOCK_MONOTONIC, &last);
		}
	}
	pattern_free(pat);
	worker_emit(w, res);
	return 0;
}

int
worker_ops_run(struct worker *w, struct session *s, struct request *r,
    struct bote_err *err)
{
	switch (r->kind) {
	case REQ_LIST_FOLDERS:
		return op_list_folders(w, s, r, err);
	case REQ_OPEN_FOLDER:
		return op_open_folder(w, s, r, err);
	case REQ_RENDER:
		return op_render(w, s, r, err);
	case REQ_SET_FLAGS:
		return op_set_flags(w, s, r, err);
	case REQ_MOVE:
		return session_move(s, r->refs, r->nrefs, r->dst, err);
	case REQ_COPY:
		return session_copy(s, r->refs, r->nrefs, r->dst, err);
	case REQ_EXPUNGE:
		return op_expunge(w, s, r, err);
	case REQ_SEARCH:
		return op_search(w, s, r, err);
	case REQ_FETCH:
		return op_fetch(w, r, err);
	case REQ_CREATE_FOLDER:
	case REQ_RENAME_FOLDER:
	case REQ_DELETE_FOLDER:
	case REQ_SUBSCRIBE:
		return worker_ops_folder(w, s, r, err);
	case REQ_MOVE_TRACKED:
		return op_move_tracked(w, s, r, err);
	case REQ_UNDO_MOVE:
		return op_undo_move(s, r, err);
	case REQ_SAVE_FILE:
		return worker_save_file(s, r, err);
	case REQ_XFER:
		return xfer_run(w, s, r, err);
	case REQ_SAVE_PART:
		return worker_attach_save(w, s, r, err);
	case REQ_OPEN_PART:
		return worker_attach_open(w, s, r, err);
	}
	bote_err_set(err, BOTE_ERR_UNSUPPORTED, "unknown request %d", (int)r->kind);
	return -1;
}
