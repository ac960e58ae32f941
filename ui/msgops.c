/*
 * msgops.c - message operations beyond move and copy: archive, explicit
 * read/unread and flag/unflag, save-to-file and undo of the last move or
 * delete.
 *
 * Like every change in the list they show at once: a move takes the rows
 * away (ui/actions.c reloads the folder when the worker fails), a flag
 * change is rolled back when the worker refuses it.  Undo remembers one
 * operation: for a move the worker answers where the messages landed
 * (Maildir: their new names; IMAP: COPYUID), which is what moving them
 * back needs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "core/flags.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "views.h"

static void
undo_clear(struct undo_op *u)
{
	size_t	i;

	for (i = 0; i < u->n; i++)
		msgref_free(&u->refs[i]);
	free(u->refs);
	free(u->from);
	free(u->to);
	memset(u, 0, sizeof *u);
}

void
msgops_free(struct tui *t)
{
	undo_clear(&t->undo);
	free(t->save_path);
	t->save_path = NULL;
	free(t->undo_to);
	t->undo_to = NULL;
}

void
msgops_record_move(struct tui *t, uint64_t req, const char *to)
{
	undo_clear(&t->undo);
	t->undo.kind = UNDO_MOVE;
	t->undo.req = req;
	t->undo.from = xstrdup(t->folder);
	t->undo.to = xstrdup(to);
}

void
msgops_record_mark(struct tui *t, const size_t *rows, size_t n)
{
	size_t	i;

	undo_clear(&t->undo);
	t->undo.kind = UNDO_MARK;
	t->undo.from = xstrdup(t->folder);
	t->undo.refs = xcalloc(n ? n : 1, sizeof *t->undo.refs);
	for (i = 0; i < n; i++)
		msgref_copy(&t->undo.refs[i], &t->rows.v[rows[i]].ref);
	t->undo.n = n;
	t->undo.known = 1;
}

/* EV_MOVED: where the messages of the remembered move went. */
static void
moved(struct tui *t, struct event *ev)
{
	struct undo_op	*u = &t->undo;
	size_t		 i;

	u->refs = xcalloc(ev->nrefs ? ev->nrefs : 1, sizeof *u->refs);
	u->n = ev->nrefs;
	u->known = ev->nrefs > 0;
	for (i = 0; i < ev->nrefs; i++) {
		u->refs[i] = ev->refs[i];
		memset(&ev->refs[i], 0, sizeof ev->refs[i]);
		if (u->refs[i].name == NULL && u->refs[i].uid == 0)
			u->known = 0;
	}
}

int
msgops_event(struct tui *t, struct event *ev)
{
	if (t->undo.kind == UNDO_MOVE && t->undo.req != 0 && ev->reply_to == t->undo.req) {
		if (ev->kind == EV_MOVED) {
			moved(t, ev);
			return 1;
		}
		if (msg_event_is_terminal(ev)) {
			t->undo.req = 0;
			if (ev->kind != EV_DONE)
				undo_clear(&t->undo);	/* nothing (certain) to undo */
		}
		return 0;	/* errors: ui/actions.c says so and reloads */
	}
	if (t->undo_req != 0 && ev->reply_to == t->undo_req) {
		if (!msg_event_is_terminal(ev))
			return 1;
		t->undo_req = 0;
		if (ev->kind != EV_DONE)
			tui_error(t, _("Undo failed: %s"), ev->err.msg);
		else
			tui_message(t, _("Undone: back in %s."), t->undo_to);
		free(t->undo_to);
		t->undo_to = NULL;
		return 1;
	}
	if (t->save_req != 0 && ev->reply_to == t->save_req) {
		if (!msg_event_is_terminal(ev))
			return 1;
		t->save_req = 0;
		if (ev->kind != EV_DONE)
			tui_error(t, "%s", ev->err.msg);
		else
			tui_message(t, P_("%zu message saved to %s.", "%zu messages saved to %s.",
			    t->save_n), t->save_n, t->save_path);
		free(t->save_path);
		t->save_path = NULL;
		return 1;
	}
	return 0;
}

int
cmd_undo(struct tui *t, const char *arg)
{
	struct undo_op	*u = &t->undo;
	struct request	*r;
	size_t		*rows, i, n = 0;
	long		 k;

	(void)arg;
	if (u->kind == UNDO_NONE) {
		tui_error(t, "%s", _("Nothing to undo."));
		return -1;
	}
	if (u->kind == UNDO_MOVE && u->req != 0) {
		tui_error(t, "%s", _("The move is still running; undo once it is done."));
		return -1;
	}
	if (!u->known) {
		tui_error(t, _("Cannot undo the move to %s: the server did not say where the "
		    "messages went (no UIDPLUS)."), u->to);
		undo_clear(u);
		return -1;
	}
	if (u->kind == UNDO_MARK) {
		if (t->folder == NULL || strcmp(t->folder, u->from) != 0) {
			tui_error(t, _("Open %s to undo the deletion there."), u->from);
			return -1;
		}
		rows = xcalloc(u->n ? u->n : 1, sizeof *rows);
		for (i = 0; i < u->n; i++)
			for (k = 0; k < (long)t->rows.n; k++)
				if (msgref_equal(&t->rows.v[k].ref, &u->refs[i])) {
					rows[n++] = (size_t)k;
					break;
				}
		if (n > 0)
			tui_request_flags(t, rows, n, 0, FLAG_DELETED);
		tui_message(t, P_("Undo: %zu message is no longer marked deleted.",
		    "Undo: %zu messages are no longer marked deleted.", n), n);
		free(rows);
		undo_clear(u);
		return 0;
	}
	r = msg_request_new(REQ_UNDO_MOVE, PRIO_INTERACTIVE);
	msg_request_set_refs(r, u->refs, u->n);
	r->folder = xstrdup(u->to);
	r->dst = xstrdup(u->from);
	t->undo_req = tui_submit(t, r);
	free(t->undo_to);
	t->undo_to = xstrdup(u->from);
	/*
	 * The undo selects another folder on the worker: read ours again
	 * right behind it (requests run in order), so whatever is asked
	 * next finds its folder selected, and the list shows the result.
	 */
	t->quiet_reload = 1;
	tui_reload_folder(t, listing_current(t) ? &listing_current(t)->ref : NULL);
	tui_message(t, P_("Undo: moving %zu message back from %s to %s...",
	    "Undo: moving %zu messages back from %s to %s...", u->n), u->n, u->to, u->from);
	undo_clear(u);
	return 0;
}

/* Set or clear one flag on the rows an action is for (mark-read, mark-flagged, ...). */
static int
set_flag(struct tui *t, unsigned flag, int on)
{
	size_t	*rows, n = tui_action_rows(t, &rows);

	if (n == 0)
		return -1;
	tui_request_flags(t, rows, n, on ? flag : 0, on ? 0 : flag);
	free(rows);
	return 0;
}

int
cmd_mark_read(struct tui *t, const char *arg)
{
	(void)arg;
	return set_flag(t, FLAG_SEEN, 1);
}

int
cmd_mark_unread(struct tui *t, const char *arg)
{
	(void)arg;
	return set_flag(t, FLAG_SEEN, 0);
}

int
cmd_mark_flagged(struct tui *t, const char *arg)
{
	(void)arg;
	return set_flag(t, FLAG_FLAGGED, 1);
}

int
cmd_mark_unflagged(struct tui *t, const char *arg)
{
	(void)arg;
	return set_flag(t, FLAG_FLAGGED, 0);
}

int
cmd_archive_message(struct tui *t, const char *arg)
{
	long	 a = folder_list_find_role(&t->folders, ROLE_ARCHIVE);
	size_t	*rows, n;

	(void)arg;
	if (a < 0) {
		tui_error(t, "%s", _("There is no Archive folder."));
		t->tag_prefix = 0;
		return -1;
	}
	if (t->folder != NULL && strcmp(t->folders.v[a].name, t->folder) == 0) {
		tui_error(t, _("'%s' is the current folder."), t->folder);
		t->tag_prefix = 0;
		return -1;
	}
	if ((n = tui_action_rows(t, &rows)) > 0)
		tui_request_transfer(t, rows, n, t->folders.v[a].name, 0);
	free(rows);
	return 0;
}

/* A path typed by the user: ~/ means the home directory. */
static char *
expand_path(const char *arg)
{
	const char	*home = getenv("HOME");

	if (strncmp(arg, "~/", 2) == 0 && home != NULL && home[0] == '/')
		return xasprintf("%s/%s", home, arg + 2);
	return xstrdup(arg);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Whether to write path: a new file, or an existing regular file the user
 * agrees to replace (SAVE_OVERWRITE in *bits).  Symbolic links and
 * anything but regular files are refused; the worker's O_EXCL catches a
 * file that appears meanwhile.
 */
static int
confirm_target(struct tui *t, const char *path, unsigned *bits)
{
	struct stat	st;
	char		label[512], answer[8];

	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		tui_error(t, _("Cannot save to %s: %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode) || !S_ISREG(st.st_mode)) {
		tui_error(t, _("Cannot save to %s: %s"), path,
		    S_ISLNK(st.st_mode) ? _("it is a symbolic link") : _("it is not a regular file"));
		return -1;
	}
	snprintf(label, sizeof label, "%s", _("The file exists. Overwrite? (y/n) "));
	if (tui_prompt(t, label, "", answer, sizeof answer) != 0 ||
	    (answer[0] != 'y' && answer[0] != 'Y' && strcmp(answer, _("y")) != 0)) {
		tui_message(t, "%s", _("Not saved."));
		return -1;
	}
	*bits |= SAVE_OVERWRITE;
	return 0;
}

int
cmd_save_to_file(struct tui *t, const char *arg)
{
	struct request	*r;
	char		 buf[1024], *path;
	size_t		*rows, n, i;
	unsigned	 bits = 0;
	int		 prefix = t->tag_prefix;

	if (t->folder == NULL || t->list.n == 0) {
		tui_error(t, "%s", _("No message selected."));
		return -1;
	}
	if (t->save_req != 0) {
		tui_error(t, "%s", _("A save is still running."));
		t->tag_prefix = 0;
		return -1;
	}
	if (arg == NULL || arg[0] == '\0') {
		if (tui_prompt(t, _("Save to file: "), "", buf, sizeof buf) != 0 || buf[0] == '\0') {
			t->tag_prefix = 0;
			return 0;
		}
		arg = buf;
	}
	path = expand_path(arg);
	if (confirm_target(t, path, &bits) != 0) {
		t->tag_prefix = 0;
		free(path);
		return -1;
	}
	t->tag_prefix = prefix;
	if ((n = tui_action_rows(t, &rows)) == 0) {
		free(path);
		return -1;
	}
	/* One message is kept as it is (.eml); several need the mbox separators. */
	if (n > 1 || ends_with(path, ".mbox"))
		bits |= SAVE_MBOX;
	r = msg_request_new(REQ_SAVE_FILE, PRIO_INTERACTIVE);
	r->refs = xcalloc(n, sizeof *r->refs);
	r->rows.v = xcalloc(n, sizeof *r->rows.v);
	for (i = 0; i < n; i++) {
		msgref_copy(&r->refs[i], &t->rows.v[rows[i]].ref);
		summary_copy(&r->rows.v[i], &t->rows.v[rows[i]]);
	}
	r->nrefs = r->rows.n = n;
	r->dst = xstrdup(path);
	r->set = bits;
	t->save_req = tui_submit(t, r);
	free(t->save_path);
	t->save_path = path;
	t->save_n = n;
	tui_message(t, _("Saving to %s..."), path);
	free(rows);
	return 0;
}
