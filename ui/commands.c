/* commands.c - what each named command does; keys, ':' and -e all end up here. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/flags.h"
#include "commands.h"
#include "complete.h"
#include "keymap.h"
#include "view_attach.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define V(x)	(1u << (x))
#define V_LISTS	(V(VIEW_FOLDERS) | V(VIEW_INDEX) | V(VIEW_HELP) | V(VIEW_ATTACH) | V(VIEW_URLS))

static size_t *
cursor(struct tui *t, size_t *count)
{
	switch (t->view) {
	case VIEW_FOLDERS:
		*count = t->folders.n;
		return &t->fsel;
	case VIEW_INDEX:
		*count = t->list.n;
		return &t->sel;
	case VIEW_ATTACH:
	case VIEW_URLS:
		return view_attach_cursor(t, count);
	default:
		*count = 0;
		return NULL;
	}
}

static int
move_cursor(struct tui *t, long delta, int absolute)
{
	size_t	 n, *c = cursor(t, &n);
	long	 pos;

	if (t->view == VIEW_PAGER) {
		if (absolute)
			t->ptop = delta < 0 ? (t->msg.nlines > 0 ? t->msg.nlines - 1 : 0) : 0;
		view_pager_scroll(t, absolute ? 0 : delta);
		return 0;
	}
	if (t->view == VIEW_HELP) {
		pos = absolute ? (delta < 0 ? (long)view_help_lines(t) : 0) :
		    (long)t->htop + delta;
		if (pos > (long)view_help_lines(t) - tui_body_rows())
			pos = (long)view_help_lines(t) - tui_body_rows();
		t->htop = pos < 0 ? 0 : (size_t)pos;
		return 0;
	}
	if (c == NULL || n == 0)
		return 0;
	pos = absolute ? (delta < 0 ? (long)n - 1 : 0) : (long)*c + delta;
	if (pos < 0)
		pos = 0;
	if (pos >= (long)n)
		pos = (long)n - 1;
	if (!absolute && (size_t)pos == *c && delta != 0)
		tui_message(t, "%s", delta > 0 ? _("You are on the last entry.") :
		    _("You are on the first entry."));
	*c = (size_t)pos;
	return 0;
}

static int
cmd_next_entry(struct tui *t, const char *arg)
{
	(void)arg;
	if (t->view == VIEW_PAGER) {
		if (t->sel + 1 >= t->list.n) {
			tui_message(t, "%s", _("You are on the last message."));
			return 0;
		}
		t->sel++;
		tui_request_render(t);
		return 0;
	}
	return move_cursor(t, 1, 0);
}

static int
cmd_previous_entry(struct tui *t, const char *arg)
{
	(void)arg;
	if (t->view == VIEW_PAGER) {
		if (t->sel == 0) {
			tui_message(t, "%s", _("You are on the first message."));
			return 0;
		}
		t->sel--;
		tui_request_render(t);
		return 0;
	}
	return move_cursor(t, -1, 0);
}

static int
cmd_next_line(struct tui *t, const char *arg)
{
	(void)arg;
	return move_cursor(t, 1, 0);
}

static int
cmd_previous_line(struct tui *t, const char *arg)
{
	(void)arg;
	return move_cursor(t, -1, 0);
}

static int
cmd_next_page(struct tui *t, const char *arg)
{
	(void)arg;
	return move_cursor(t, tui_body_rows() > 1 ? tui_body_rows() - 1 : 1, 0);
}

static int
cmd_previous_page(struct tui *t, const char *arg)
{
	(void)arg;
	return move_cursor(t, -(tui_body_rows() > 1 ? tui_body_rows() - 1 : 1), 0);
}

static int
cmd_first_entry(struct tui *t, const char *arg)
{
	(void)arg;
	return move_cursor(t, 0, 1);
}

static int
cmd_last_entry(struct tui *t, const char *arg)
{
	(void)arg;
	return move_cursor(t, -1, 1);
}

static int
cmd_jump(struct tui *t, const char *arg)
{
	char	 buf[32];
	char	*end;
	long	 n;

	if (arg == NULL || arg[0] == '\0') {
		if (tui_prompt(t, _("Jump to message: "), "", buf, sizeof buf) != 0)
			return 0;
		arg = buf;
	}
	n = strtol(arg, &end, 10);
	if (*end != '\0' || n < 1 || (size_t)n > t->list.n) {
		tui_error(t, _("Invalid message number."));
		return -1;
	}
	t->sel = (size_t)n - 1;
	return 0;
}

static int
cmd_select(struct tui *t, const char *arg)
{
	(void)arg;
	if (t->view == VIEW_FOLDERS) {
		if (t->folders.n == 0)
			return 0;
		tui_open_folder(t, t->folders.v[t->fsel].name);
		return 0;
	}
	if (t->view == VIEW_INDEX)
		tui_request_render(t);
	return 0;
}

static int
cmd_change_folder(struct tui *t, const char *arg)
{
	if (arg != NULL && arg[0] != '\0') {
		tui_open_folder(t, arg);
		return 0;
	}
	tui_request_folders(t, 1);	/* fresh counts; the list shows what is known meanwhile */
	t->view = VIEW_FOLDERS;
	return 0;
}

static int
cmd_exit(struct tui *t, const char *arg)
{
	(void)arg;
	switch (t->view) {
	case VIEW_HELP:
		t->view = t->help_of;
		break;
	case VIEW_PAGER:
		display_free(&t->msg);
		t->view = VIEW_INDEX;
		break;
	case VIEW_ATTACH:
	case VIEW_URLS:
		t->view = view_attach_back(t);
		if (t->view == VIEW_INDEX)
			display_free(&t->msg);
		break;
	case VIEW_FOLDERS:
		if (t->folder != NULL)
			t->view = VIEW_INDEX;
		else
			t->quit = 1;
		break;
	default:
		t->quit = 1;
	}
	return 0;
}

static int
cmd_fetch_mail(struct tui *t, const char *arg)
{
	(void)arg;
	tui_request_fetch(t);
	return 0;
}

static int
cmd_quit(struct tui *t, const char *arg)
{
	(void)arg;
	/* Folder changes still on the way are waited for, unless asked twice. */
	if (t->nfops > 0 && !t->quit_after) {
		t->quit_after = 1;
		tui_message(t, "%s", _("Waiting for folder changes to finish (again to quit now)..."));
		return 0;
	}
	t->quit = 1;
	return 0;
}

static int
cmd_help(struct tui *t, const char *arg)
{
	(void)arg;
	if (t->view == VIEW_HELP)
		return cmd_exit(t, NULL);
	t->help_of = t->view;
	t->htop = 0;
	t->view = VIEW_HELP;
	return 0;
}

/*
 * Toggle one flag on the rows an action is for: set it on all when the
 * first lacks it, else clear it on all (mutt does the same for tagged rows).
 */
static int
toggle_flag(struct tui *t, unsigned flag)
{
	size_t	*rows, n = tui_action_rows(t, &rows);

	if (n == 0)
		return -1;
	if (t->rows.v[rows[0]].flags & flag)
		tui_request_flags(t, rows, n, 0, flag);
	else
		tui_request_flags(t, rows, n, flag, 0);
	free(rows);
	return 0;
}

static int
cmd_flag_message(struct tui *t, const char *arg)
{
	(void)arg;
	return toggle_flag(t, FLAG_FLAGGED);
}

static int
cmd_toggle_new(struct tui *t, const char *arg)
{
	(void)arg;
	return toggle_flag(t, FLAG_SEEN);
}

static int
cmd_undelete(struct tui *t, const char *arg)
{
	size_t	*rows, n = tui_action_rows(t, &rows);

	(void)arg;
	if (n > 0)
		tui_request_flags(t, rows, n, 0, FLAG_DELETED);
	free(rows);
	return 0;
}

static int
transfer(struct tui *t, const char *arg, int keep)
{
	const struct account *xa;
	const char	*xfolder;
	char	 buf[512];
	size_t	*rows, n;
	int	 prefix = t->tag_prefix;

	if (t->folder == NULL || t->list.n == 0) {
		tui_error(t, "%s", _("No message selected."));
		return -1;
	}
	if (arg == NULL || arg[0] == '\0') {
		if (tui_prompt_complete(t, keep ? _("Copy to folder: ") : _("Move to folder: "),
		    "", buf, sizeof buf, COMPLETE_FOLDER) != 0 || buf[0] == '\0') {
			t->tag_prefix = 0;
			return 0;
		}
		arg = buf;
	}
	if ((xa = tui_xfer_target(t, arg, &xfolder)) != NULL) {
		t->tag_prefix = prefix;
		if ((n = tui_action_rows(t, &rows)) > 0)
			tui_request_xfer(t, rows, n, xa, xfolder, keep);
		free(rows);
		return 0;
	}
	if (strcmp(arg, t->folder) == 0) {
		tui_error(t, _("'%s' is the current folder."), arg);
		t->tag_prefix = 0;
		return -1;
	}
	t->tag_prefix = prefix;
	if ((n = tui_action_rows(t, &rows)) > 0)
		tui_request_transfer(t, rows, n, arg, keep);
	free(rows);
	return 0;
}

static int
cmd_save_message(struct tui *t, const char *arg)
{
	return transfer(t, arg, 0);
}

static int
cmd_copy_message(struct tui *t, const char *arg)
{
	return transfer(t, arg, 1);
}

/*
 * Delete moves the message to the Trash folder, where it can still be
 * found; inside Trash, without one, or with delete = mark in the config it
 * only marks it for sync-mailbox.
 */
static int
cmd_delete_message(struct tui *t, const char *arg)
{
	long	 trash = folder_list_find_role(&t->folders, ROLE_TRASH);
	long	 here = t->folder ? folder_list_find(&t->folders, t->folder) : -1;
	size_t	*rows, n = tui_action_rows(t, &rows);

	(void)arg;
	if (n == 0)
		return -1;
	if (trash >= 0 && trash != here && !t->cfg.delete_mark)
		tui_request_transfer(t, rows, n, t->folders.v[trash].name, 0);
	else {
		msgops_record_mark(t, rows, n);
		tui_request_flags(t, rows, n, FLAG_DELETED, 0);
		if (n == 1 && t->view == VIEW_INDEX && t->sel + 1 < t->list.n)
			t->sel++;
	}
	free(rows);
	return 0;
}

/* Expunge; the worker's answer reads the folder again with the cursor kept. */
static int
cmd_sync_mailbox(struct tui *t, const char *arg)
{
	(void)arg;
	if (t->folder != NULL)
		tui_request_expunge(t);
	return 0;
}

static int
cmd_search(struct tui *t, const char *arg)
{
	char	buf[256];

	if (t->view == VIEW_INDEX)
		return cmd_index_search(t, arg, 0);
	if (arg == NULL || arg[0] == '\0') {
		if (tui_prompt(t, _("Search for: "), "", buf, sizeof buf) != 0 ||
		    buf[0] == '\0')
			return 0;
		arg = buf;
	}
	free(t->search);
	t->search = xstrdup(arg);
	view_pager_search(t, 0);
	return 0;
}

static int
cmd_search_next(struct tui *t, const char *arg)
{
	if (t->view == VIEW_INDEX)
		return cmd_index_search(t, arg, 1);
	(void)arg;
	if (t->search == NULL)
		return cmd_search(t, NULL);
	view_pager_search(t, 1);
	return 0;
}

/* The last search again, the other way: upwards (vi's N). */
static int
cmd_search_opposite(struct tui *t, const char *arg)
{
	int	rc;

	t->search_back = 1;
	rc = cmd_search_next(t, arg);
	t->search_back = 0;
	return rc;
}

static int
cmd_command_prompt(struct tui *t, const char *arg)
{
	char	buf[512];

	(void)arg;
	if (tui_prompt_complete(t, ":", "", buf, sizeof buf, COMPLETE_COMMAND) != 0 ||
	    buf[0] == '\0')
		return 0;
	return keymap_run(t, buf);
}

static int
cmd_redraw(struct tui *t, const char *arg)
{
	(void)arg;
	(void)t;
	clearok(stdscr, TRUE);
	return 0;
}

#define V_ALL	(V(VIEW_FOLDERS) | V(VIEW_INDEX) | V(VIEW_PAGER) | V(VIEW_HELP) | \
		 V(VIEW_ATTACH) | V(VIEW_URLS))
#define V_MSG	(V(VIEW_INDEX) | V(VIEW_PAGER))

static const struct command commands[] = {
	{ "quit", N_("leave bote"), V_ALL, cmd_quit },
	{ "exit", N_("leave this view"), V_ALL, cmd_exit },
	{ "help", N_("show the keys of this view"), V_ALL, cmd_help },
	{ "enter-command", N_("type a command by name"), V_ALL, cmd_command_prompt },
	{ "redraw-screen", N_("clear and redraw the screen"), V_ALL, cmd_redraw },
	{ "change-folder", N_("open a folder (list folders without a name)"), V_ALL,
	    cmd_change_folder },
	{ "next-entry", N_("move to the next entry"), V_LISTS | V(VIEW_PAGER), cmd_next_entry },
	{ "previous-entry", N_("move to the previous entry"), V_LISTS | V(VIEW_PAGER),
	    cmd_previous_entry },
	{ "next-line", N_("scroll down one line"), V_ALL, cmd_next_line },
	{ "previous-line", N_("scroll up one line"), V_ALL, cmd_previous_line },
	{ "next-page", N_("move down one page"), V_ALL, cmd_next_page },
	{ "previous-page", N_("move up one page"), V_ALL, cmd_previous_page },
	{ "first-entry", N_("move to the first entry"), V_ALL, cmd_first_entry },
	{ "last-entry", N_("move to the last entry"), V_ALL, cmd_last_entry },
	{ "jump", N_("jump to a message by its number"), V(VIEW_INDEX), cmd_jump },
	{ "select-entry", N_("open the selected folder or message"),
	    V(VIEW_FOLDERS) | V(VIEW_INDEX), cmd_select },
	{ "display-message", N_("show the selected message"), V(VIEW_INDEX), cmd_select },
	{ "flag-message", N_("toggle the important flag"), V_MSG, cmd_flag_message },
	{ "toggle-new", N_("toggle read/unread"), V_MSG, cmd_toggle_new },
	{ "delete-message", N_("move to Trash (in Trash: mark for removal)"), V_MSG,
	    cmd_delete_message },
	{ "undelete-message", N_("remove the deletion mark"), V_MSG, cmd_undelete },
	{ "sync-mailbox", N_("remove messages marked as deleted"), V(VIEW_INDEX),
	    cmd_sync_mailbox },
	{ "save-message", N_("move the message to a folder"), V_MSG, cmd_save_message },
	{ "copy-message", N_("copy the message to a folder"), V_MSG, cmd_copy_message },
	{ "archive-message", N_("move the message to the Archive folder"), V_MSG,
	    cmd_archive_message },
	{ "save-to-file", N_("save the message to a file (.eml; mbox for several or *.mbox)"),
	    V_MSG, cmd_save_to_file },
	{ "mark-read", N_("mark the message as read"), V_MSG, cmd_mark_read },
	{ "mark-unread", N_("mark the message as unread"), V_MSG, cmd_mark_unread },
	{ "mark-flagged", N_("set the important flag"), V_MSG, cmd_mark_flagged },
	{ "mark-unflagged", N_("clear the important flag"), V_MSG, cmd_mark_unflagged },
	{ "undo", N_("undo the last move or delete"), V_MSG, cmd_undo },
	{ "search", N_("search: in the list by pattern, in a message by text"), V_MSG,
	    cmd_search },
	{ "search-next", N_("find the next match"), V_MSG, cmd_search_next },
	{ "search-opposite", N_("find the previous match"), V_MSG, cmd_search_opposite },
	{ "sort-mailbox", N_("sort by date, from, subject, size or thread"), V(VIEW_INDEX),
	    cmd_sort_mailbox },
	{ "sort-reverse", N_("sort in reverse order"), V(VIEW_INDEX), cmd_sort_reverse },
	{ "limit", N_("show only messages matching a pattern ('all' for all)"),
	    V(VIEW_INDEX), cmd_limit },
	{ "tag-entry", N_("tag or untag the message"), V(VIEW_INDEX), cmd_tag_entry },
	{ "tag-pattern", N_("tag messages matching a pattern"), V(VIEW_INDEX),
	    cmd_tag_pattern },
	{ "untag-pattern", N_("untag messages matching a pattern"), V(VIEW_INDEX),
	    cmd_untag_pattern },
	{ "tag-prefix", N_("apply the next action to all tagged messages"), V(VIEW_INDEX),
	    cmd_tag_prefix },
	{ "collapse-thread", N_("collapse or expand this thread"), V(VIEW_INDEX),
	    cmd_collapse_thread },
	{ "collapse-all", N_("collapse or expand all threads"), V(VIEW_INDEX),
	    cmd_collapse_all },
	{ "cancel", N_("stop a search, a fetch or a folder load"), V_ALL, cmd_cancel },
	{ "fetch-mail", N_("fetch new mail from the POP3 server into the spool"), V_ALL,
	  cmd_fetch_mail },
	{ "create-mailbox", N_("create a folder"), V_ALL & ~V(VIEW_HELP), cmd_create_mailbox },
	{ "rename-mailbox", N_("rename a folder (OLD NEW)"), V_ALL & ~V(VIEW_HELP),
	  cmd_rename_mailbox },
	{ "delete-mailbox", N_("delete a folder (asks first)"), V_ALL & ~V(VIEW_HELP),
	  cmd_delete_mailbox },
	{ "subscribe", N_("subscribe to a folder (IMAP)"), V_ALL & ~V(VIEW_HELP), cmd_subscribe },
	{ "unsubscribe", N_("unsubscribe from a folder (IMAP)"), V_ALL & ~V(VIEW_HELP),
	  cmd_unsubscribe },
	{ "toggle-sidebar", N_("show or hide the folder list beside the messages"), V(VIEW_INDEX),
	  cmd_toggle_sidebar },
	{ "sidebar-next", N_("move the sidebar's cursor down"), V(VIEW_INDEX), cmd_sidebar_next },
	{ "sidebar-prev", N_("move the sidebar's cursor up"), V(VIEW_INDEX), cmd_sidebar_prev },
	{ "sidebar-open", N_("open the folder under the sidebar's cursor"), V(VIEW_INDEX),
	  cmd_sidebar_open },
	{ "view-attachments", N_("show the parts of the message"), V_MSG,
	    cmd_view_attachments },
	{ "save-attachment", N_("save the part into a directory"), V(VIEW_ATTACH),
	    cmd_save_attachment },
	{ "save-all-attachments", N_("save every attachment into a directory"),
	    V(VIEW_ATTACH), cmd_save_all_attachments },
	{ "open-attachment", N_("open the part with its mailcap viewer"), V(VIEW_ATTACH),
	    cmd_open_attachment },
	{ "view-urls", N_("list the links of the message"), V_MSG, cmd_view_urls },
	{ "open-url", N_("open the link with the url_opener"), V(VIEW_URLS), cmd_open_url },
};

const struct command *
keymap_commands(size_t *n)
{
	*n = sizeof commands / sizeof commands[0];
	return commands;
}

const struct command *
keymap_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}
