/*
 * actions.c - the UI's side of the worker protocol: send requests, apply the events that answer them.
 *
 * Only the newest request of each kind matters (opening another folder
 * makes the old open's events stale; they are dropped by id).  Flag
 * changes are shown at once and rolled back when the worker refuses them.
 */
#include <stdlib.h>
#include <string.h>

#include "core/flags.h"
#include "keymap.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "views.h"

static uint64_t
submit(struct tui *t, struct request *r)
{
	return worker_submit(t->w, r);
}

void
tui_request_folders(struct tui *t)
{
	t->folders_req = submit(t, msg_request_new(REQ_LIST_FOLDERS, PRIO_INTERACTIVE));
}

/* First unread row, else the last one (mutt's choice). */
static size_t
first_unread(const struct summary_vec *rows)
{
	size_t	i;

	for (i = 0; i < rows->n; i++)
		if (!(rows->v[i].flags & FLAG_SEEN))
			return i;
	return rows->n ? rows->n - 1 : 0;
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

	if (t->rows.n == 0) {
		tui_error(t, "%s", _("No message selected."));
		return;
	}
	if (t->render_req != 0)
		worker_cancel(t->w, t->render_req);
	r = msg_request_new(REQ_RENDER, PRIO_INTERACTIVE);
	msg_request_set_refs(r, &t->rows.v[t->sel].ref, 1);
	t->render_req = submit(t, r);
	display_free(&t->msg);
	t->ptop = 0;
	t->view = VIEW_PAGER;
	tui_message(t, "%s", _("Opening message..."));
}

void
tui_request_flags(struct tui *t, unsigned set, unsigned clear)
{
	struct summary		*row = &t->rows.v[t->sel];
	struct request		*r = msg_request_new(REQ_SET_FLAGS, PRIO_INTERACTIVE);
	struct flag_change	*c;

	msg_request_set_refs(r, &row->ref, 1);
	r->set = set;
	r->clear = clear;
	t->changes = xreallocarray(t->changes, t->nchanges + 1, sizeof *t->changes);
	c = &t->changes[t->nchanges++];
	msgref_copy(&c->ref, &row->ref);
	c->old_flags = row->flags;
	/* Shown at once; the worker's answer confirms or undoes it. */
	row->flags = (row->flags | set) & ~clear;
	c->id = submit(t, r);
}

static void
drop_row(struct tui *t, size_t i)
{
	summary_free(&t->rows.v[i]);
	memmove(&t->rows.v[i], &t->rows.v[i + 1], (t->rows.n - i - 1) * sizeof t->rows.v[0]);
	t->rows.n--;
	view_index_clamp(t);
}

void
tui_request_transfer(struct tui *t, const char *dst, int keep)
{
	struct request	*r = msg_request_new(keep ? REQ_COPY : REQ_MOVE, PRIO_INTERACTIVE);

	msg_request_set_refs(r, &t->rows.v[t->sel].ref, 1);
	r->dst = xstrdup(dst);
	submit(t, r);
	if (!keep) {
		/* Gone from view at once; an error reloads the folder. */
		drop_row(t, t->sel);
		if (t->view == VIEW_PAGER) {
			display_free(&t->msg);
			t->view = VIEW_INDEX;
		}
	}
	tui_message(t, keep ? _("Copied to %s.") : _("Moved to %s."), dst);
}

void
tui_request_expunge(struct tui *t)
{
	size_t	i;

	msgref_free(&t->keep);
	for (i = t->sel; i < t->rows.n; i++)
		if (!(t->rows.v[i].flags & FLAG_DELETED)) {
			msgref_copy(&t->keep, &t->rows.v[i].ref);
			break;
		}
	t->expunge_req = submit(t, msg_request_new(REQ_EXPUNGE, PRIO_INTERACTIVE));
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

/* Take the rows of an event; the cursor stays on the same message when possible. */
static void
take_rows(struct tui *t, struct event *ev)
{
	struct msgref	cur = { 0, 0, NULL };
	long		i = -1;

	if (t->keep.name != NULL || t->keep.uid != 0)
		msgref_copy(&cur, &t->keep);
	else if (t->rows.n > 0 && t->sel < t->rows.n)
		msgref_copy(&cur, &t->rows.v[t->sel].ref);
	summary_vec_free(&t->rows);
	t->rows = ev->rows;
	memset(&ev->rows, 0, sizeof ev->rows);
	if (cur.name != NULL || cur.uid != 0)
		i = find_row(t, &cur);
	t->sel = i >= 0 ? (size_t)i : first_unread(&t->rows);
	msgref_free(&cur);
	view_index_clamp(t);
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
			}
		} else if (ev->kind == EV_DONE && (t->quiet_reload || t->status_error))
			t->quiet_reload = 0;	/* keep what the user has not read yet */
		else if (ev->kind == EV_DONE)
			tui_message(t, P_("%zu message in %s.", "%zu messages in %s.", t->rows.n),
			    t->rows.n, t->folder ? t->folder : "");
		if (t->pending_cmds != NULL) {
			char	*cmds = t->pending_cmds;

			t->pending_cmds = NULL;
			keymap_run_list(t, cmds);
			free(cmds);
		}
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
		if (i >= 0 && !(t->rows.v[i].flags & FLAG_SEEN) && (size_t)i == t->sel)
			tui_request_flags(t, FLAG_SEEN, 0);
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
				t->rows.v[row].flags = ev->flags[i];
	} else if (msg_event_is_terminal(ev)) {
		if (ev->kind != EV_DONE) {
			if ((row = find_row(t, &c->ref)) >= 0)
				t->rows.v[row].flags = c->old_flags;
			tui_error(t, "%s", ev->err.msg);
		}
		msgref_free(&c->ref);
		*c = t->changes[--t->nchanges];
	}
	return 1;
}

static void
on_event(struct tui *t, struct event *ev)
{
	t->dirty = 1;
	if (on_flag_event(t, ev))
		return;
	if (ev->reply_to == t->open_req && t->open_req != 0) {
		on_open_event(t, ev);
	} else if (ev->reply_to == t->render_req && t->render_req != 0) {
		on_render_event(t, ev);
	} else if (ev->reply_to == t->folders_req && t->folders_req != 0) {
		if (ev->kind == EV_FOLDERS) {
			folder_list_free(&t->folders);
			t->folders = ev->folders;
			memset(&ev->folders, 0, sizeof ev->folders);
			t->fsel = 0;
			for (size_t i = 0; t->folder != NULL && i < t->folders.n; i++)
				if (strcmp(t->folders.v[i].name, t->folder) == 0)
					t->fsel = i;
		} else if (msg_event_is_terminal(ev)) {
			t->folders_req = 0;
			if (ev->kind == EV_ERROR)
				tui_error(t, "%s", ev->err.msg);
		}
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
