/*
 * actions.c - the UI's side of the worker protocol: send requests, apply the events that answer them.
 *
 * Only the newest request of each kind matters (opening another folder
 * makes the old open's events stale; they are dropped by id).  Flag
 * changes are shown at once and rolled back when the worker refuses them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/flags.h"
#include "core/sort.h"
#include "keymap.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "view_attach.h"
#include "views.h"

/* How long after a fetch the spool watch's news is taken to be that fetch's mail. */
#define FETCH_ECHO_MS	5000

/*
 * Requests quitting waits for: everything that changes the store or writes
 * a file, except a POP3 fetch, which quitting cancels on purpose.
 */
static int
settles(enum req_kind kind)
{
	return kind != REQ_LIST_FOLDERS && kind != REQ_OPEN_FOLDER && kind != REQ_RENDER &&
	    kind != REQ_SEARCH && kind != REQ_FETCH;
}

uint64_t
tui_submit(struct tui *t, struct request *r)
{
	int		write = settles(r->kind);
	uint64_t	id = worker_submit(t->w, r);

	/* Requests run in order: once the newest write is answered, all are. */
	if (write)
		t->write_req = id;
	return id;
}

static uint64_t
submit(struct tui *t, struct request *r)
{
	return tui_submit(t, r);
}

void
tui_request_folders(struct tui *t, int counts)
{
	struct request	*r = msg_request_new(REQ_LIST_FOLDERS, PRIO_INTERACTIVE);

	r->counts = counts;
	t->folders_req = submit(t, r);
}

/*
 * The startup's folder list may be the store's cached one (driver.h): the
 * real one is asked for once the folder is open and nothing else waits.
 */
static void
folders_after_open(struct tui *t)
{
	if (!t->folders_cached || t->folders_req != 0 || t->open_req != 0)
		return;
	t->folders_cached = 0;
	tui_request_folders(t, t->view == VIEW_FOLDERS);
}

/* Display position of the first unread row, else the last one (mutt's choice). */
static size_t
first_unread(struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->list.n; i++)
		if (!(listing_row(t, i)->flags & FLAG_SEEN))
			return i;
	return t->list.n ? t->list.n - 1 : 0;
}

static void
start_open(struct tui *t, const char *name)
{
	struct request	*r = msg_request_new(REQ_OPEN_FOLDER, PRIO_INTERACTIVE);

	if (t->open_req != 0)
		worker_cancel(t->w, t->open_req);
	r->folder = xstrdup(name);
	t->open_req = submit(t, r);
	t->loading = 1;
	t->loaded = 0;
}

void
tui_open_folder(struct tui *t, const char *name)
{
	msgref_free(&t->keep);
	display_free(&t->msg);
	summary_vec_free(&t->rows);
	t->counted = 0;
	free(t->list.match);
	t->list.match = NULL;
	t->list.nmatch = 0;
	listing_rebuild(t, 1);
	free(t->folder);
	t->folder = xstrdup(name);
	t->sel = t->top = 0;
	t->view = VIEW_INDEX;
	start_open(t, name);
	tui_message(t, _("Opening %s..."), name);
}

void
tui_reload_folder(struct tui *t, const struct msgref *ref)
{
	if (t->folder == NULL)
		return;
	msgref_free(&t->keep);
	if (ref != NULL)
		msgref_copy(&t->keep, ref);
	start_open(t, t->folder);
}

void
tui_request_render(struct tui *t)
{
	struct request	*r;
	struct summary	*row = listing_current(t);

	if (row == NULL) {
		tui_error(t, "%s", _("No message selected."));
		return;
	}
	if (t->render_req != 0)
		worker_cancel(t->w, t->render_req);
	r = msg_request_new(REQ_RENDER, PRIO_INTERACTIVE);
	msg_request_set_refs(r, &row->ref, 1);
	if (t->cfg.html_filter != NULL)
		r->html_filter = xstrdup(t->cfg.html_filter);
	t->render_req = submit(t, r);
	display_free(&t->msg);
	t->ptop = 0;
	t->view = VIEW_PAGER;
	tui_message(t, "%s", _("Opening message..."));
}

size_t
tui_action_rows(struct tui *t, size_t **out)
{
	size_t	i, n = 0;

	*out = NULL;
	if (t->folder == NULL || t->list.n == 0) {
		tui_error(t, "%s", _("No message selected."));
		return 0;
	}
	if (!t->tag_prefix) {
		*out = xcalloc(1, sizeof **out);
		(*out)[0] = t->list.rows[t->sel];
		return 1;
	}
	t->tag_prefix = 0;
	*out = xcalloc(t->rows.n, sizeof **out);
	for (i = 0; i < t->rows.n; i++)
		if (t->rows.v[i].flags & FLAG_TAGGED)
			(*out)[n++] = i;
	if (n == 0) {
		tui_error(t, "%s", _("No tagged messages."));
		free(*out);
		*out = NULL;
	}
	return n;
}

static struct request *
rows_request(struct tui *t, enum req_kind kind, const size_t *rows, size_t n)
{
	struct request	*r = msg_request_new(kind, PRIO_INTERACTIVE);
	size_t		 i;

	r->refs = xcalloc(n ? n : 1, sizeof *r->refs);
	for (i = 0; i < n; i++)
		msgref_copy(&r->refs[i], &t->rows.v[rows[i]].ref);
	r->nrefs = n;
	return r;
}

void
tui_request_flags(struct tui *t, const size_t *rows, size_t n, unsigned set, unsigned clear)
{
	struct request		*r = rows_request(t, REQ_SET_FLAGS, rows, n);
	struct flag_change	*c;
	uint64_t		 id;
	size_t			 i;

	r->set = set;
	r->clear = clear;
	id = submit(t, r);
	t->changes = xreallocarray(t->changes, t->nchanges + n, sizeof *t->changes);
	for (i = 0; i < n; i++) {
		c = &t->changes[t->nchanges++];
		c->id = id;
		msgref_copy(&c->ref, &t->rows.v[rows[i]].ref);
		c->old_flags = t->rows.v[rows[i]].flags;
		/* Shown at once; the worker's answer confirms or undoes it. */
		view_index_set_flags(t, rows[i], (t->rows.v[rows[i]].flags | set) & ~clear);
	}
}

/* Remove rows (indices ascending or not) from the folder's rows. */
static void
drop_rows(struct tui *t, const size_t *rows, size_t n)
{
	unsigned char	*gone = xcalloc(t->rows.n ? t->rows.n : 1, 1);
	size_t		 i, j, r = t->sel < t->list.n ? t->list.rows[t->sel] : 0, kept = 0;

	for (i = 0; i < n; i++)
		gone[rows[i]] = 1;
	/* The cursor moves to the next row still there. */
	for (i = r; i < t->rows.n && gone[i]; i++)
		;
	for (j = 0; j < i && j < t->rows.n; j++)
		kept += !gone[j];
	for (i = j = 0; i < t->rows.n; i++) {
		if (gone[i]) {
			summary_free(&t->rows.v[i]);
			continue;
		}
		t->rows.v[j++] = t->rows.v[i];
	}
	t->rows.n = j;
	t->counted = 0;
	free(gone);
	free(t->list.match);
	t->list.match = NULL;
	t->list.nmatch = 0;
	t->want_row = kept < t->rows.n ? kept : (t->rows.n ? t->rows.n - 1 : 0);
	listing_rebuild(t, 1);
}

void
tui_request_transfer(struct tui *t, const size_t *rows, size_t n, const char *dst, int keep)
{
	struct request	*r = rows_request(t, keep ? REQ_COPY : REQ_MOVE_TRACKED, rows, n);
	uint64_t	 id;

	r->dst = xstrdup(dst);
	id = submit(t, r);
	if (!keep) {
		msgops_record_move(t, id, dst);
		/* Gone from view at once; an error reloads the folder. */
		drop_rows(t, rows, n);
		if (t->view == VIEW_PAGER) {
			display_free(&t->msg);
			t->view = VIEW_INDEX;
		}
	}
	if (n == 1)
		tui_message(t, keep ? _("Copied to %s.") : _("Moved to %s."), dst);
	else
		tui_message(t, keep ? P_("%zu message copied to %s.", "%zu messages copied to %s.",
		    n) : P_("%zu message moved to %s.", "%zu messages moved to %s.", n), n, dst);
}

void
tui_request_search(struct tui *t, const struct pattern *pat, const char *text, int kind)
{
	struct request	*r = msg_request_new(REQ_SEARCH, PRIO_NORMAL);
	size_t		 i;
	time_t		 now = time(NULL);

	if (t->search_req != 0)
		worker_cancel(t->w, t->search_req);
	/* Only rows the summaries cannot decide travel to the worker. */
	r->rows.v = xcalloc(t->rows.n ? t->rows.n : 1, sizeof *r->rows.v);
	for (i = 0; i < t->rows.n; i++)
		if (pattern_match(pat, &t->rows.v[i], (t->rows.v[i].flags & FLAG_TAGGED) != 0,
		    now) == PAT_NEED_BODY)
			summary_copy(&r->rows.v[r->rows.n++], &t->rows.v[i]);
	r->text = xstrdup(text);
	t->search_req = submit(t, r);
	t->search_kind = kind;
	t->search_kind_back = t->search_back;
	t->search_done = 0;
	t->search_total = r->rows.n;
	tui_message(t, "%s", _("Searching message text... (^G cancels)"));
}

void
tui_request_expunge(struct tui *t)
{
	size_t	i;

	struct summary	*row;

	msgref_free(&t->keep);
	for (i = t->sel; (row = listing_row(t, i)) != NULL; i++)
		if (!(row->flags & FLAG_DELETED)) {
			msgref_copy(&t->keep, &row->ref);
			break;
		}
	t->expunge_req = submit(t, msg_request_new(REQ_EXPUNGE, PRIO_INTERACTIVE));
}

/* Mark the rows of ev that were tagged before it arrived (tags are few: a list is enough). */
static void
carry_tags(const struct tui *t, struct event *ev)
{
	const struct msgref	**tagged;
	size_t			  i, k, n = 0;

	for (i = 0; i < t->rows.n; i++)
		n += (t->rows.v[i].flags & FLAG_TAGGED) != 0;
	if (n == 0)
		return;
	tagged = xcalloc(n, sizeof *tagged);
	for (i = n = 0; i < t->rows.n; i++)
		if (t->rows.v[i].flags & FLAG_TAGGED)
			tagged[n++] = &t->rows.v[i].ref;
	for (k = 0; k < ev->rows.n; k++)
		for (i = 0; i < n; i++)
			if (msgref_equal(&ev->rows.v[k].ref, tagged[i])) {
				ev->rows.v[k].flags |= FLAG_TAGGED;
				break;
			}
	free(tagged);
}

static long
find_row(const struct tui *t, const struct msgref *ref)
{
	size_t	i;

	for (i = 0; i < t->rows.n; i++)
		if (msgref_equal(&t->rows.v[i].ref, ref))
			return (long)i;
	return -1;
}

/*
 * Take the rows of an event, or sort the rows already here when the event
 * says they are final (rows_kept); the cursor stays on the same message
 * when possible.
 */
static void
take_rows(struct tui *t, struct event *ev)
{
	struct msgref	 cur = { 0, 0, NULL };
	struct summary	*row;
	long		 i = -1;

	if (t->keep.name != NULL || t->keep.uid != 0)
		msgref_copy(&cur, &t->keep);
	else if ((row = listing_current(t)) != NULL)
		msgref_copy(&cur, &row->ref);
	if (ev->rows_kept)
		sort_summaries(t->rows.v, t->rows.n, SORT_DATE, 0);
	else {
		/* Tags live only in the UI: carry them over to the new rows. */
		carry_tags(t, ev);
		summary_vec_free(&t->rows);
		t->rows = ev->rows;
		t->counted = 0;
		memset(&ev->rows, 0, sizeof ev->rows);
	}
	free(t->list.match);
	t->list.match = NULL;
	t->list.nmatch = 0;
	if (cur.name != NULL || cur.uid != 0)
		i = find_row(t, &cur);
	t->want_row = i >= 0 ? (size_t)i : SIZE_MAX;
	listing_rebuild(t, 1);
	if (i < 0)
		t->sel = first_unread(t);
	msgref_free(&cur);
	view_index_clamp(t);
}

/*
 * After a reload the store asked for: unread messages with a UID above
 * the highest shown before are new mail (IMAP UIDs only grow); a Maildir
 * has no UIDs and counted the files that arrived in new/ itself.  For the
 * bell and new_mail_command.
 */
static void
tell_new_mail(struct tui *t)
{
	size_t	i, n = 0;

	for (i = 0; i < t->rows.n; i++)
		if (t->rows.v[i].ref.uid > t->push_uid && !(t->rows.v[i].flags & FLAG_SEEN))
			n++;
	if (n == 0)
		n = t->push_arrived;
	t->push_arrived = 0;
	if (n > 0)
		tui_new_mail(t, t->folder, n);
}

static void
on_open_event(struct tui *t, struct event *ev)
{
	size_t	i;

	switch (ev->kind) {
	case EV_FOLDER_OPENED:
		take_rows(t, ev);
		for (t->loaded = 0, i = 0; i < t->rows.n; i++)
			t->loaded += t->rows.v[i].subject != NULL;
		break;
	case EV_SUMMARIES:
		for (i = 0; i < ev->rows.n && ev->offset + i < t->rows.n; i++) {
			if (!msgref_equal(&t->rows.v[ev->offset + i].ref, &ev->rows.v[i].ref))
				continue;
			/*
			 * The batch's flags are the index's, copied when the folder was
			 * announced; the row's may be newer: a tag, a key pressed while it
			 * loaded, news from the server.
			 */
			ev->rows.v[i].flags = t->rows.v[ev->offset + i].flags;
			summary_free(&t->rows.v[ev->offset + i]);
			t->rows.v[ev->offset + i] = ev->rows.v[i];
			memset(&ev->rows.v[i], 0, sizeof ev->rows.v[i]);
			t->loaded++;
		}
		break;
	case EV_FOLDER_SORTED:
		take_rows(t, ev);
		t->loaded = t->rows.n;
		break;
	default:
		if (!msg_event_is_terminal(ev))
			break;
		t->loading = 0;
		t->open_req = 0;
		msgref_free(&t->keep);
		if (ev->kind == EV_ERROR) {
			tui_error(t, "%s", ev->err.msg);
			if (t->rows.n == 0 && t->view == VIEW_INDEX) {
				/* Nothing to show: the folder list is the way on. */
				free(t->folder);
				t->folder = NULL;
				t->view = VIEW_FOLDERS;
				tui_request_folders(t, 1);
			}
		} else if (ev->kind == EV_DONE && (t->quiet_reload || t->status_error))
			t->quiet_reload = 0;	/* keep what the user has not read yet */
		else if (ev->kind == EV_DONE)
			tui_message(t, P_("%zu message in %s.", "%zu messages in %s.", t->rows.n),
			    t->rows.n, t->folder ? t->folder : "");
		if (t->push_reload && ev->kind == EV_DONE)
			tell_new_mail(t);
		t->push_reload = 0;
		if (t->pending_cmds != NULL) {
			char	*cmds = t->pending_cmds;

			t->pending_cmds = NULL;
			keymap_run_list(t, cmds);
			free(cmds);
		}
		folders_after_open(t);
	}
}

static void
on_render_event(struct tui *t, struct event *ev)
{
	long	i;

	if (ev->kind == EV_MESSAGE) {
		display_free(&t->msg);
		t->msg = ev->msg;
		memset(&ev->msg, 0, sizeof ev->msg);
		t->status[0] = '\0';
		i = find_row(t, &ev->refs[0]);
		if (i >= 0 && !(t->rows.v[i].flags & FLAG_SEEN)) {
			size_t r = (size_t)i;

			tui_request_flags(t, &r, 1, FLAG_SEEN, 0);
		}
		return;
	}
	if (!msg_event_is_terminal(ev))
		return;
	t->render_req = 0;
	if (ev->kind == EV_ERROR) {
		tui_error(t, "%s", ev->err.msg);
		if (t->view == VIEW_PAGER)
			t->view = VIEW_INDEX;
	}
}

/* Confirm, correct or undo an optimistic flag change. */
static int
on_flag_event(struct tui *t, struct event *ev)
{
	struct flag_change	*c = NULL;
	size_t			 k, i;
	long			 row;

	for (k = 0; k < t->nchanges; k++)
		if (t->changes[k].id == ev->reply_to)
			c = &t->changes[k];
	if (c == NULL)
		return 0;
	if (ev->kind == EV_FLAGS) {
		for (i = 0; i < ev->nrefs; i++)
			if ((row = find_row(t, &ev->refs[i])) >= 0)
				view_index_set_flags(t, (size_t)row, ev->flags[i] |
				    (t->rows.v[row].flags & FLAG_TAGGED));
	} else if (msg_event_is_terminal(ev)) {
		/* Every row of the request: undo them all on failure, then forget them. */
		for (k = 0; k < t->nchanges;) {
			c = &t->changes[k];
			if (c->id != ev->reply_to) {
				k++;
				continue;
			}
			if (ev->kind != EV_DONE && (row = find_row(t, &c->ref)) >= 0)
				view_index_set_flags(t, (size_t)row, c->old_flags |
				    (t->rows.v[row].flags & FLAG_TAGGED));
			msgref_free(&c->ref);
			*c = t->changes[--t->nchanges];
		}
		if (ev->kind != EV_DONE)
			tui_error(t, "%s", ev->err.msg);
	}
	return 1;
}

/* Apply a finished body search as a limit, as tags, or as the next match. */
static void
apply_search(struct tui *t, struct event *ev)
{
	size_t	i, n = 0, start;
	long	r;
	int	kind = t->search_kind;

	if (kind == SEARCH_LIMIT) {
		free(t->list.match);
		t->list.match = xcalloc(t->rows.n ? t->rows.n : 1, 1);
		t->list.nmatch = t->rows.n;
	}
	for (i = 0; i < ev->nrefs; i++) {
		if ((r = find_row(t, &ev->refs[i])) < 0)
			continue;
		n++;
		if (kind == SEARCH_LIMIT)
			t->list.match[r] = 1;
		else if (kind == SEARCH_TAG)
			t->rows.v[r].flags |= FLAG_TAGGED;
	}
	if (kind == SEARCH_FIND) {
		start = t->sel;
		for (i = 1; i <= t->list.n; i++) {
			size_t pos = t->search_kind_back ? (start + t->list.n - i) % t->list.n :
			    (start + i) % t->list.n;

			for (size_t k = 0; k < ev->nrefs; k++)
				if (msgref_equal(&listing_row(t, pos)->ref, &ev->refs[k])) {
					t->sel = pos;
					view_index_clamp(t);
					tui_message(t, "%s", _("Found."));
					return;
				}
		}
		tui_error(t, "%s", _("Not found."));
		return;
	}
	listing_rebuild(t, 0);
	tui_message(t, kind == SEARCH_TAG ? P_("%zu message tagged.", "%zu messages tagged.", n) :
	    P_("%zu message matches.", "%zu messages match.", n), n);
}

static void
on_search_event(struct tui *t, struct event *ev)
{
	if (ev->kind == EV_PROGRESS) {
		t->search_done = ev->count;
		t->search_total = ev->total;
		tui_message(t, _("Searching message text... %zu of %zu (^G cancels)"), ev->count,
		    ev->total);
	} else if (ev->kind == EV_SEARCH_RESULT)
		apply_search(t, ev);
	else if (msg_event_is_terminal(ev)) {
		t->search_req = 0;
		if (ev->kind == EV_CANCELLED)
			tui_message(t, "%s", _("Search cancelled."));
		else if (ev->kind != EV_DONE)
			tui_error(t, "%s", ev->err.msg);
	}
}

void
tui_request_fetch(struct tui *t)
{
	if (t->acct == NULL || t->acct->protocol != ACCOUNT_POP3) {
		tui_error(t, "%s", _("Nothing to fetch: this is not a POP3 account."));
		return;
	}
	if (t->fetch_req != 0) {
		tui_message(t, "%s", _("A fetch is already running (^G cancels it)."));
		return;
	}
	t->fetch_req = submit(t, msg_request_new(REQ_FETCH, PRIO_NORMAL));
	t->fetch_shown = 0;
	tui_message(t, "%s", _("Fetching mail..."));
}

/* The spool's inbox shows what has landed, at most every two seconds while a fetch runs. */
static void
show_fetched(struct tui *t, size_t fetched, int final)
{
	if (fetched == t->fetch_shown || t->folder == NULL || strcmp(t->folder, "INBOX") != 0)
		return;
	if (!final && (t->open_req != 0 || tui_now_ms() - t->fetch_reloaded < 2000))
		return;
	t->fetch_shown = fetched;
	t->fetch_reloaded = tui_now_ms();
	t->quiet_reload = 1;
	tui_reload_folder(t, listing_current(t) != NULL ? &listing_current(t)->ref : NULL);
}

static void
on_fetch_event(struct tui *t, struct event *ev)
{
	char	bar[21];
	size_t	i, fill;

	switch (ev->kind) {
	case EV_PROGRESS:
		if (ev->total == 0)
			break;
		fill = ev->count * 20 / ev->total;
		for (i = 0; i < 20; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[20] = '\0';
		tui_message(t, _("Fetching [%s] %zu of %zu messages, %.1f of %.1f MB (^G cancels)"),
		    bar, ev->count, ev->total, ev->bytes / 1e6, ev->bytes_total / 1e6);
		show_fetched(t, ev->count, 0);
		break;
	case EV_NOTICE:
		tui_error(t, "%s", ev->err.msg);
		break;
	case EV_FETCHED:
		tui_message(t, P_("%zu new message (%.1f MB), %zu deleted on the server.",
		    "%zu new messages (%.1f MB), %zu deleted on the server.", ev->count),
		    ev->count, ev->bytes / 1e6, ev->total);
		if (ev->count > 0) {
			show_fetched(t, SIZE_MAX, 1);
			tui_new_mail(t, "INBOX", ev->count);
		}
		break;
	case EV_CANCELLED:
		tui_message(t, "%s", _("Fetch cancelled; what arrived is kept."));
		break;
	case EV_ERROR:
	case EV_UNSUPPORTED:
		tui_error(t, _("Fetch failed: %s"), ev->err.msg);
		break;
	default:
		break;
	}
	if (msg_event_is_terminal(ev)) {
		t->fetch_req = 0;
		t->fetch_ended = tui_now_ms();
	}
}

/* What the server said unasked (IMAP IDLE): another client changed the open folder. */
static void
on_news(struct tui *t, struct event *ev)
{
	size_t	i, n = 0, *rows;
	long	r;

	if (ev->kind == EV_FLAGS) {
		for (i = 0; i < ev->nrefs; i++)
			if ((r = find_row(t, &ev->refs[i])) >= 0)
				view_index_set_flags(t, (size_t)r, ev->flags[i] |
				    (t->rows.v[r].flags & FLAG_TAGGED));
		listing_rebuild(t, 0);
	} else if (ev->kind == EV_VANISHED) {
		rows = xcalloc(ev->nrefs ? ev->nrefs : 1, sizeof *rows);
		for (i = 0; i < ev->nrefs; i++)
			if ((r = find_row(t, &ev->refs[i])) >= 0)
				rows[n++] = (size_t)r;
		if (n > 0)
			drop_rows(t, rows, n);
		free(rows);
	} else if (ev->kind == EV_NOTICE) {
		tui_error(t, "%s", ev->err.msg);
	} else if (ev->kind == EV_FOLDER_CHANGED && t->folder != NULL && ev->folder != NULL &&
	    strcmp(t->folder, ev->folder) == 0 && t->open_req == 0) {
		t->quiet_reload = 1;
		t->push_reload = 1;
		/*
		 * The spool watch also sees what bote's own fetch delivered, which
		 * the fetch has announced already: no second bell for it.
		 */
		t->push_arrived = t->fetch_req != 0 ||
		    tui_now_ms() - t->fetch_ended < FETCH_ECHO_MS ? 0 : ev->count;
		t->push_uid = 0;
		for (i = 0; i < t->rows.n; i++)
			if (t->rows.v[i].ref.uid > t->push_uid)
				t->push_uid = t->rows.v[i].ref.uid;
		tui_reload_folder(t, listing_current(t) != NULL ? &listing_current(t)->ref : NULL);
	}
}

static void
on_event(struct tui *t, struct event *ev)
{
	t->dirty = 1;
	if (ev->reply_to == t->write_req && msg_event_is_terminal(ev))
		t->write_req = 0;
	if (ev->kind == EV_CONN_STATE) {
		t->offline = !ev->online;
		if (!ev->online) {
			tui_error(t, _("Offline: %s"), ev->err.msg);
			return;
		}
		tui_message(t, "%s", _("The mail store is reachable again."));
		/* Unreachable from the start: what failed then is asked for now. */
		if (t->folders.n == 0 && t->folders_req == 0)
			tui_request_folders(t, t->view == VIEW_FOLDERS);
		if (t->folder == NULL && t->view == VIEW_INDEX && t->open_req == 0)
			tui_open_folder(t, "INBOX");
		return;
	}
	if (ev->reply_to == 0) {
		on_news(t, ev);
		return;
	}
	if (on_flag_event(t, ev) || msgops_event(t, ev) || tui_folder_event(t, ev) ||
	    view_attach_event(t, ev))
		return;
	if (tui_xfer_event(t, ev))
		return;
	if (ev->reply_to == t->fetch_req && t->fetch_req != 0) {
		on_fetch_event(t, ev);
	} else if (ev->reply_to == t->open_req && t->open_req != 0) {
		on_open_event(t, ev);
	} else if (ev->reply_to == t->render_req && t->render_req != 0) {
		on_render_event(t, ev);
	} else if (ev->reply_to == t->folders_req && t->folders_req != 0) {
		if (ev->kind == EV_FOLDERS) {
			folder_list_free(&t->folders);
			t->folders = ev->folders;
			t->folders_cached = t->folders.cached;
			memset(&ev->folders, 0, sizeof ev->folders);
			t->fsel = 0;
			for (size_t i = 0; t->folder != NULL && i < t->folders.n; i++)
				if (strcmp(t->folders.v[i].name, t->folder) == 0)
					t->fsel = i;
			if (t->fwant != NULL && folder_list_find(&t->folders, t->fwant) >= 0)
				t->fsel = (size_t)folder_list_find(&t->folders, t->fwant);
			free(t->fwant);
			t->fwant = NULL;
		} else if (msg_event_is_terminal(ev)) {
			t->folders_req = 0;
			if (ev->kind == EV_ERROR)
				tui_error(t, "%s", ev->err.msg);
			folders_after_open(t);
		}
	} else if (ev->reply_to == t->search_req && t->search_req != 0) {
		on_search_event(t, ev);
	} else if (ev->reply_to == t->expunge_req && t->expunge_req != 0) {
		if (ev->kind == EV_EXPUNGED)
			tui_message(t, P_("%zu message removed.", "%zu messages removed.",
			    ev->count), ev->count);
		else if (msg_event_is_terminal(ev)) {
			t->expunge_req = 0;
			if (ev->kind == EV_ERROR)
				tui_error(t, "%s", ev->err.msg);
			/* The disk is the truth: read the folder again, cursor kept. */
			if (t->folder != NULL) {
				t->quiet_reload = ev->kind == EV_DONE;
				start_open(t, t->folder);
			}
		}
	} else if (ev->kind == EV_ERROR) {
		/* A move or copy failed: say so and show the folder as it is. */
		tui_error(t, "%s", ev->err.msg);
		if (t->folder != NULL && t->open_req == 0)
			tui_reload_folder(t, NULL);
	}
}

void
tui_handle_events(struct tui *t)
{
	struct event	*ev;

	wake_clear(&t->wake);
	while ((ev = worker_pop(t->w)) != NULL) {
		on_event(t, ev);
		msg_event_free(ev);
	}
}
