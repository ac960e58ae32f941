/*
 * actions_folders.c - folder requests (create, rename, delete, subscribe) and their answers.
 *
 * Several may wait at once (-e 'create-mailbox A; create-mailbox B'); each
 * is remembered by id until its terminal event.  A delete the store
 * refuses because the folder still holds messages comes back as
 * EV_NOT_EMPTY, and only an explicit second answer sends it again forced.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "views.h"

void
tui_request_folder_op(struct tui *t, int kind, const char *name, const char *to, int flag)
{
	struct request		*r = msg_request_new((enum req_kind)kind, PRIO_INTERACTIVE);
	struct folder_op	*op;

	r->folder = xstrdup(name);
	r->dst = to != NULL ? xstrdup(to) : NULL;
	r->force = kind == REQ_DELETE_FOLDER && flag;
	r->on = kind == REQ_SUBSCRIBE && flag;
	t->fops = xreallocarray(t->fops, t->nfops + 1, sizeof *t->fops);
	op = &t->fops[t->nfops++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	op->name = xstrdup(name);
	op->to = to != NULL ? xstrdup(to) : NULL;
	op->on = flag;
	op->id = worker_submit(t->w, r);
}

/* The open folder is gone (deleted) or has a new name: show what is there now. */
static void
follow_open_folder(struct tui *t, const struct folder_op *op)
{
	enum view_id	view = t->view;

	if (t->folder == NULL || strcmp(t->folder, op->name) != 0)
		return;
	tui_open_folder(t, op->kind == REQ_RENAME_FOLDER ? op->to : "INBOX");
	if (view == VIEW_FOLDERS)
		t->view = view;
}

static void
succeeded(struct tui *t, const struct folder_op *op)
{
	switch (op->kind) {
	case REQ_CREATE_FOLDER:
		tui_message(t, _("Folder '%s' created."), op->name);
		break;
	case REQ_RENAME_FOLDER:
		follow_open_folder(t, op);
		tui_message(t, _("Folder '%s' renamed to '%s'."), op->name, op->to);
		break;
	case REQ_DELETE_FOLDER:
		follow_open_folder(t, op);
		tui_message(t, _("Folder '%s' deleted."), op->name);
		break;
	case REQ_SUBSCRIBE:
		tui_message(t, op->on ? _("Subscribed to '%s'.") : _("Unsubscribed from '%s'."),
		    op->name);
		break;
	}
	/* Counts too: the list and the sidebar show them; the cursor goes to what changed. */
	free(t->fwant);
	t->fwant = op->kind == REQ_DELETE_FOLDER ? NULL :
	    xstrdup(op->kind == REQ_RENAME_FOLDER ? op->to : op->name);
	tui_request_folders(t, 1);
}

/*
 * The second, explicit confirmation: the warning naming how many messages
 * would be lost stands on the status bar, whole, above the prompt.
 */
static void
confirm_forced(struct tui *t, const char *name, size_t count)
{
	char	warning[512], answer[16];

	snprintf(warning, sizeof warning, P_("Folder '%s' holds %zu message: it will be lost.",
	    "Folder '%s' holds %zu messages: they will be lost.", count), name, count);
	tui_draw(t);
	draw_row(LINES - 2, 0, warning, COLS, theme_attr(TH_ERROR));
	/* "yes" in full, in English or in the user's language: never a stray key. */
	if (tui_prompt(t, _("Type yes to delete: "), "", answer, sizeof answer) == 0 &&
	    (strcmp(answer, "yes") == 0 || strcmp(answer, _("yes")) == 0))
		tui_request_folder_op(t, REQ_DELETE_FOLDER, name, NULL, 1);
	else
		tui_message(t, _("Folder '%s' kept."), name);
}

static void
op_free(struct folder_op *op)
{
	free(op->name);
	free(op->to);
}

int
tui_folder_event(struct tui *t, struct event *ev)
{
	struct folder_op	 op;
	size_t			 i;

	for (i = 0; i < t->nfops && t->fops[i].id != ev->reply_to; i++)
		;
	if (i == t->nfops || ev->reply_to == 0)
		return 0;
	if (ev->kind == EV_NOT_EMPTY) {
		char *name = xstrdup(t->fops[i].name);

		t->fops[i].refused = 1;
		confirm_forced(t, name, ev->count);	/* may add to t->fops */
		free(name);
		return 1;
	}
	if (!msg_event_is_terminal(ev))
		return 1;
	op = t->fops[i];
	t->fops[i] = t->fops[--t->nfops];
	if (ev->kind == EV_DONE && !op.refused)
		succeeded(t, &op);
	else if (ev->kind == EV_UNSUPPORTED && op.kind == REQ_SUBSCRIBE)
		tui_error(t, "%s", _("Subscriptions are an IMAP feature: local folders are always all shown."));
	else if (ev->kind == EV_ERROR || ev->kind == EV_UNSUPPORTED)
		tui_error(t, "%s", ev->err.msg);
	op_free(&op);
	if (t->quit_after && t->nfops == 0)
		t->quit = 1;
	return 1;
}

void
tui_folder_ops_free(struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->nfops; i++)
		op_free(&t->fops[i]);
	free(t->fops);
	t->fops = NULL;
	t->nfops = 0;
	free(t->fwant);
	t->fwant = NULL;
}
