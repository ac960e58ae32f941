/*
 * view_attach.c - the attachment view: the message's parts as a tree; save one or all, open one.
 *
 * Parts come from the rendered message (t->msg.parts).  Saving and
 * preparing a part for its viewer happen on the worker (REQ_SAVE_PART,
 * REQ_OPEN_PART); only running the viewer the worker chose is done here,
 * since a viewer that needs the terminal must have it.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attach/attach.h"
#include "commands.h"
#include "draw.h"
#include "theme.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "view_attach.h"

struct pending_save {
	uint64_t	 id;
	struct msgref	 ref;
	char		*part, *dir, *name;
};

static struct attach_ui *
ui(struct tui *t)
{
	if (t->att == NULL) {
		t->att = xcalloc(1, sizeof *t->att);
		t->att->back = VIEW_INDEX;
	}
	return t->att;
}

void
view_attach_free(struct tui *t)
{
	struct attach_ui	*a = t->att;
	size_t			 i;

	if (a == NULL)
		return;
	for (i = 0; i < a->nsaves; i++) {
		msgref_free(&a->saves[i].ref);
		free(a->saves[i].part);
		free(a->saves[i].dir);
		free(a->saves[i].name);
	}
	free(a->saves);
	url_list_free(&a->urls);
	free(a);
	t->att = NULL;
}

size_t *
view_attach_cursor(struct tui *t, size_t *count)
{
	struct attach_ui	*a = ui(t);

	if (t->view == VIEW_URLS) {
		view_urls_update(t);
		*count = a->urls.n;
		return &a->usel;
	}
	*count = t->msg.nparts;
	return &a->sel;
}

enum view_id
view_attach_back(struct tui *t)
{
	return ui(t)->back;
}

/*
 * From the list the message is rendered first; the view shows it once
 * the parts arrive.
 */
void
view_attach_enter(struct tui *t, enum view_id v)
{
	struct attach_ui	*a = ui(t);

	if (t->view == VIEW_INDEX) {
		tui_request_render(t);
		if (t->view != VIEW_PAGER)
			return;	/* nothing selected */
		a->back = VIEW_INDEX;
	} else if (t->view == VIEW_PAGER)
		a->back = VIEW_PAGER;
	if (v == VIEW_ATTACH)
		a->sel = a->top = 0;
	else {
		/* Extract again even if a new message sits where the old one was. */
		url_list_free(&a->urls);
		a->urls_of = a;
		a->usel = a->utop = 0;
	}
	t->view = v;
}

static void
human_size(uint64_t n, char *buf, size_t len)
{
	if (n < 1024)
		snprintf(buf, len, "%lluB", (unsigned long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, "%.1fK", n / 1024.0);
	else
		snprintf(buf, len, "%.1fM", n / 1048576.0);
}

void
view_attach_draw(struct tui *t)
{
	struct attach_ui		*a = ui(t);
	const struct display_part	*p;
	int				 rows = tui_body_rows(), y, x, attr, depth;
	size_t				 i;
	char				 meta[160], size[32], status[128];

	if (t->msg.nparts == 0) {
		draw_row(1, 0, t->render_req != 0 ? _("Opening message...") :
		    _("This message has no parts to show."), COLS, theme_attr(TH_NOTE));
	}
	if (a->sel >= t->msg.nparts)
		a->sel = t->msg.nparts > 0 ? t->msg.nparts - 1 : 0;
	if (a->sel < a->top)
		a->top = a->sel;
	if (a->sel >= a->top + (size_t)rows)
		a->top = a->sel - (size_t)rows + 1;
	for (y = 0, i = a->top; y < rows && i < t->msg.nparts; y++, i++) {
		p = &t->msg.parts[i];
		attr = i == a->sel ? theme_attr(TH_INDICATOR) : theme_attr(TH_NORMAL);
		draw_fill(1 + y, 0, COLS, attr);
		depth = p->depth > 8 ? 8 : p->depth < 0 ? 0 : p->depth;
		human_size(p->size, size, sizeof size);
		/* The type and the name come from the mail: draw_text sanitizes them. */
		snprintf(meta, sizeof meta, "%*s%-6s ", 2 * depth, "", p->path);
		x = draw_text(1 + y, 1, meta, COLS - 1, attr) + 1;
		x += draw_text(1 + y, x, "[", COLS - x, attr);
		x += draw_text(1 + y, x, p->mime_type ? p->mime_type : "?", 40, attr);
		snprintf(meta, sizeof meta, ", %s]  ", size);
		x += draw_text(1 + y, x, meta, COLS - x, attr);
		if (p->filename != NULL)
			draw_text(1 + y, x, p->filename, COLS - x, attr);
	}
	snprintf(status, sizeof status, P_("-- bote: %zu part --", "-- bote: %zu parts --",
	    t->msg.nparts), t->msg.nparts);
	draw_row(LINES - 2, 0, status, COLS, theme_attr(TH_STATUS));
}

static const struct display_part *
current_part(struct tui *t)
{
	struct attach_ui	*a = ui(t);

	if (t->msg.nparts == 0 || a->sel >= t->msg.nparts) {
		tui_error(t, "%s", _("No part selected."));
		return NULL;
	}
	return &t->msg.parts[a->sel];
}

/* "~/x" and "~" from $HOME; the result is owned. */
static char *
expand_dir(const char *d)
{
	const char	*home = getenv("HOME");

	if (home != NULL && d[0] == '~' && (d[1] == '/' || d[1] == '\0'))
		return xasprintf("%s%s", home, d + 1);
	return xstrdup(d);
}

static int
ask_dir(struct tui *t, const char *arg, char **dir)
{
	char	buf[1024];

	if (arg == NULL || arg[0] == '\0') {
		if (tui_prompt(t, _("Save into directory: "), "", buf, sizeof buf) != 0 ||
		    buf[0] == '\0')
			return -1;
		arg = buf;
	}
	*dir = expand_dir(arg);
	return 0;
}

static void
submit_save(struct tui *t, const struct msgref *ref, const char *part, const char *dir,
    const char *name, int overwrite)
{
	struct attach_ui	*a = ui(t);
	struct request		*r = msg_request_new(REQ_SAVE_PART, PRIO_INTERACTIVE);
	struct pending_save	*s;

	msg_request_set_refs(r, ref, 1);
	r->part = xstrdup(part);
	r->dir = xstrdup(dir);
	r->name = xstrdup(name);
	r->overwrite = overwrite;
	a->saves = xreallocarray(a->saves, a->nsaves + 1, sizeof *a->saves);
	s = &a->saves[a->nsaves++];
	s->id = worker_submit(t->w, r);
	msgref_copy(&s->ref, ref);
	s->part = xstrdup(part);
	s->dir = xstrdup(dir);
	s->name = xstrdup(name);
}

static void
save_part(struct tui *t, const struct summary *row, const struct display_part *p,
    const char *dir)
{
	char	*name = attach_name_safe(p->filename, p->mime_type);

	submit_save(t, &row->ref, p->path, dir, name, 0);
	free(name);
}

int
cmd_save_attachment(struct tui *t, const char *arg)
{
	const struct display_part	*p;
	struct summary			*row = listing_current(t);
	char				*dir;

	if ((p = current_part(t)) == NULL || row == NULL)
		return -1;
	if (ask_dir(t, arg, &dir) != 0)
		return 0;
	save_part(t, row, p, dir);
	free(dir);
	return 0;
}

/* Every part marked as an attachment (not the text shown inline). */
int
cmd_save_all_attachments(struct tui *t, const char *arg)
{
	struct summary	*row = listing_current(t);
	char		*dir;
	size_t		 i, n = 0;

	if (row == NULL || t->msg.nparts == 0) {
		tui_error(t, "%s", _("No part selected."));
		return -1;
	}
	if (ask_dir(t, arg, &dir) != 0)
		return 0;
	for (i = 0; i < t->msg.nparts; i++)
		if (t->msg.parts[i].is_attachment) {
			save_part(t, row, &t->msg.parts[i], dir);
			n++;
		}
	free(dir);
	if (n == 0)
		tui_error(t, "%s", _("This message has no attachments."));
	return 0;
}

int
cmd_open_attachment(struct tui *t, const char *arg)
{
	const struct display_part	*p;
	struct attach_ui		*a = ui(t);
	struct summary			*row = listing_current(t);
	struct request			*r;

	(void)arg;
	if ((p = current_part(t)) == NULL || row == NULL)
		return -1;
	if (a->open_req != 0) {
		/* One at a time: a stale answer must not be taken for another's. */
		tui_error(t, "%s", _("A part is still being opened."));
		return -1;
	}
	r = msg_request_new(REQ_OPEN_PART, PRIO_INTERACTIVE);
	msg_request_set_refs(r, &row->ref, 1);
	r->part = xstrdup(p->path);
	if (t->cfg.html_filter != NULL)
		r->html_filter = xstrdup(t->cfg.html_filter);
	a->open_req = worker_submit(t->w, r);
	tui_message(t, "%s", _("Opening part..."));
	return 0;
}

int
cmd_view_attachments(struct tui *t, const char *arg)
{
	(void)arg;
	view_attach_enter(t, VIEW_ATTACH);
	return 0;
}

static int
yes(const char *s)
{
	return strcmp(s, "y") == 0 || strcmp(s, "yes") == 0 || strcmp(s, _("y")) == 0 ||
	    strcmp(s, _("yes")) == 0;
}

static void
on_saved(struct tui *t, struct pending_save *s, struct event *ev)
{
	char	answer[16], *q;

	if (ev->kind == EV_SAVED && ev->count == 1) {
		tui_message(t, _("Saved '%s'."), ev->folder);
		return;
	}
	if (ev->kind == EV_SAVED) {
		q = xasprintf(_("'%s' exists. Overwrite? (y/n) "), s->name);
		if (tui_prompt(t, q, "", answer, sizeof answer) == 0 && yes(answer))
			submit_save(t, &s->ref, s->part, s->dir, s->name, 1);
		else
			tui_message(t, "%s", _("Not saved."));
		free(q);
		return;
	}
	if (ev->kind == EV_ERROR || ev->kind == EV_UNSUPPORTED)
		tui_error(t, _("Cannot save: %s"), ev->err.msg);
}

/* Gives the terminal to a viewer that needs it, or starts one in the background. */
static void
run_viewer(struct tui *t, struct event *ev)
{
	struct bote_err	 err;
	int		 rc;

	bote_err_clear(&err);
	if (!ev->online) {
		if (attach_spawn_detached((const char *const *)ev->argv,
		    ev->count ? ev->folder : NULL, &err) != 0)
			tui_error(t, "%s", err.msg);
		else
			tui_message(t, _("Started '%s'."), ev->argv[0]);
		return;
	}
	def_prog_mode();
	endwin();
	rc = attach_spawn_wait((const char *const *)ev->argv, ev->count ? ev->folder : NULL,
	    &err);
	reset_prog_mode();
	clearok(stdscr, TRUE);
	refresh();
	unlink(ev->folder);	/* bote's own temporary file; the viewer is done with it */
	if (rc == -1)
		tui_error(t, "%s", err.msg);
	else if (rc != 0)
		tui_error(t, _("'%s' exited with status %d."), ev->argv[0], rc);
}

static void
on_open(struct tui *t, struct event *ev)
{
	switch (ev->kind) {
	case EV_VIEWER:
		run_viewer(t, ev);
		break;
	case EV_MESSAGE:
		/* copiousoutput or a text part: shown in the pager. */
		display_free(&t->msg);
		t->msg = ev->msg;
		memset(&ev->msg, 0, sizeof ev->msg);
		t->ptop = 0;
		t->view = VIEW_PAGER;
		t->status[0] = '\0';
		break;
	case EV_ERROR:
	case EV_UNSUPPORTED:
		tui_error(t, _("Cannot open: %s"), ev->err.msg);
		break;
	default:
		break;
	}
	/*
	 * The answer is in once the viewer ran or the part is shown: the next
	 * part may be opened at once, not only after the request's closing
	 * event (which a busy worker may send a moment later; the key for the
	 * next part was refused then).  That event no longer matches: ignored.
	 */
	if (msg_event_is_terminal(ev) || ev->kind == EV_VIEWER || ev->kind == EV_MESSAGE)
		ui(t)->open_req = 0;
}

int
view_attach_event(struct tui *t, struct event *ev)
{
	struct attach_ui	*a = t->att;
	struct pending_save	 s;
	size_t			 i;

	if (a == NULL || ev->reply_to == 0)
		return 0;
	if (ev->reply_to == a->open_req) {
		on_open(t, ev);
		return 1;
	}
	for (i = 0; i < a->nsaves; i++)
		if (a->saves[i].id == ev->reply_to)
			break;
	if (i == a->nsaves)
		return 0;
	/* A copy: an overwrite adds a save, which may move the array. */
	s = a->saves[i];
	if (!msg_event_is_terminal(ev)) {
		on_saved(t, &s, ev);
		return 1;
	}
	if (ev->kind != EV_DONE)
		on_saved(t, &s, ev);
	for (i = 0; i < a->nsaves && a->saves[i].id != ev->reply_to; i++)
		;
	a->saves[i] = a->saves[--a->nsaves];
	msgref_free(&s.ref);
	free(s.part);
	free(s.dir);
	free(s.name);
	return 1;
}
