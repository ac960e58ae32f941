/* commands_folders.c - folder management commands: create, rename, delete, (un)subscribe, the sidebar. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "complete.h"
#include "draw.h"
#include "theme.h"
#include "util/i18n.h"

#define NAME_LEN	512

/* One key: y confirms, anything else declines. */
static int
confirm(struct tui *t, const char *question)
{
	wint_t	wc;
	int	r;

	draw_row(LINES - 1, 0, question, COLS, theme_attr(TH_MESSAGE));
	refresh();
	nodelay(stdscr, FALSE);
	r = get_wch(&wc);
	nodelay(stdscr, TRUE);
	t->status[0] = '\0';
	t->dirty = 1;
	return r == OK && (wc == 'y' || wc == 'Y');
}

/*
 * Copy the next word of *s into out: up to a space, or between quotes
 * ("..." or '...') for names with spaces.  0 when there was none.
 */
static int
next_word(const char **s, char *out, size_t len)
{
	const char	*p = *s, *end;
	char		 quote = 0;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return 0;
	if (*p == '"' || *p == '\'')
		quote = *p++;
	end = quote ? strchr(p, quote) : p + strcspn(p, " ");
	if (end == NULL)
		end = p + strlen(p);
	snprintf(out, len, "%.*s", (int)(end - p), p);
	*s = *end != '\0' && quote ? end + 1 : end;
	return 1;
}

/* A one-name argument: all of it (names may hold spaces), or what stands between quotes. */
static int
one_name(const char *arg, char *out, size_t len)
{
	if (arg == NULL || arg[0] == '\0')
		return 0;
	if (arg[0] == '"' || arg[0] == '\'')
		return next_word(&arg, out, len);
	snprintf(out, len, "%s", arg);
	return 1;
}

/*
 * The folder a command acts on: its argument, else the one under the
 * cursor of the folder list, else what the user types (Tab completes).
 */
static const char *
target(struct tui *t, const char *arg, const char *label, char *buf, size_t len)
{
	if (one_name(arg, buf, len))
		return buf;
	if (t->view == VIEW_FOLDERS && t->folders.n > 0 && label == NULL) {
		snprintf(buf, len, "%s", t->folders.v[t->fsel].name);
		return buf;
	}
	if (tui_prompt_complete(t, label ? label : _("Folder: "), "", buf, len,
	    COMPLETE_FOLDER) != 0 || buf[0] == '\0')
		return NULL;
	return buf;
}

/* The name checks every store makes, at once on the status line. */
static int
name_ok(struct tui *t, const char *name)
{
	struct bote_err	err;

	if (folder_name_check(name, &err) == 0)
		return 1;
	tui_error(t, "%s", err.msg);
	return 0;
}

int
cmd_create_mailbox(struct tui *t, const char *arg)
{
	char	name[NAME_LEN];

	if (!one_name(arg, name, sizeof name) &&
	    (tui_prompt_complete(t, _("Create folder: "), "", name, sizeof name,
	    COMPLETE_FOLDER) != 0 || name[0] == '\0'))
		return 0;
	if (!name_ok(t, name))
		return -1;
	tui_request_folder_op(t, REQ_CREATE_FOLDER, name, NULL, 0);
	return 0;
}

int
cmd_rename_mailbox(struct tui *t, const char *arg)
{
	char		 from[NAME_LEN], to[NAME_LEN], label[NAME_LEN + 64];
	const char	*p = arg;

	to[0] = '\0';
	if (p != NULL && next_word(&p, from, sizeof from))
		next_word(&p, to, sizeof to);
	else if (t->view == VIEW_FOLDERS && t->folders.n > 0)
		snprintf(from, sizeof from, "%s", t->folders.v[t->fsel].name);
	else if (tui_prompt_complete(t, _("Rename folder: "), t->folder ? t->folder : "", from,
	    sizeof from, COMPLETE_FOLDER) != 0 || from[0] == '\0')
		return 0;
	if (strcasecmp(from, "INBOX") == 0) {
		tui_error(t, "%s", _("INBOX cannot be renamed."));
		return -1;
	}
	if (to[0] == '\0') {
		snprintf(label, sizeof label, _("Rename '%s' to: "), from);
		if (tui_prompt_complete(t, label, from, to, sizeof to, COMPLETE_FOLDER) != 0 ||
		    to[0] == '\0' || strcmp(to, from) == 0)
			return 0;
	}
	if (!name_ok(t, to))
		return -1;
	tui_request_folder_op(t, REQ_RENAME_FOLDER, from, to, 0);
	return 0;
}

int
cmd_delete_mailbox(struct tui *t, const char *arg)
{
	char		 buf[NAME_LEN], question[NAME_LEN + 64];
	const char	*name;

	if ((name = target(t, arg, NULL, buf, sizeof buf)) == NULL)
		return 0;
	if (strcasecmp(name, "INBOX") == 0) {
		tui_error(t, "%s", _("INBOX cannot be deleted."));
		return -1;
	}
	snprintf(question, sizeof question, _("Delete folder '%s'? (y/n) "), name);
	if (!confirm(t, question)) {
		tui_message(t, _("Folder '%s' kept."), name);
		return 0;
	}
	/* Not forced: a folder with messages comes back for a second answer. */
	tui_request_folder_op(t, REQ_DELETE_FOLDER, name, NULL, 0);
	return 0;
}

static int
subscription(struct tui *t, const char *arg, int on)
{
	char		 buf[NAME_LEN];
	const char	*name;

	if ((name = target(t, arg, NULL, buf, sizeof buf)) == NULL)
		return 0;
	tui_request_folder_op(t, REQ_SUBSCRIBE, name, NULL, on);
	return 0;
}

int
cmd_subscribe(struct tui *t, const char *arg)
{
	return subscription(t, arg, 1);
}

int
cmd_unsubscribe(struct tui *t, const char *arg)
{
	return subscription(t, arg, 0);
}

int
cmd_toggle_sidebar(struct tui *t, const char *arg)
{
	long	open = t->folder ? folder_list_find(&t->folders, t->folder) : -1;

	(void)arg;
	t->sidebar = !t->sidebar;
	if (!t->sidebar)
		return 0;
	t->sbsel = open >= 0 ? (size_t)open : 0;
	tui_request_folders(t, 1);	/* with counts: the sidebar shows them */
	return 0;
}

static int
sidebar_move(struct tui *t, int delta)
{
	if (!t->sidebar) {
		tui_error(t, "%s", _("The sidebar is hidden (B shows it)."));
		return -1;
	}
	if (t->folders.n == 0)
		return 0;
	if (t->sbsel >= t->folders.n)
		t->sbsel = t->folders.n - 1;
	if (delta > 0 && t->sbsel + 1 < t->folders.n)
		t->sbsel++;
	else if (delta < 0 && t->sbsel > 0)
		t->sbsel--;
	return 0;
}

int
cmd_sidebar_next(struct tui *t, const char *arg)
{
	(void)arg;
	return sidebar_move(t, 1);
}

int
cmd_sidebar_prev(struct tui *t, const char *arg)
{
	(void)arg;
	return sidebar_move(t, -1);
}

int
cmd_sidebar_open(struct tui *t, const char *arg)
{
	(void)arg;
	if (sidebar_move(t, 0) != 0 || t->folders.n == 0)
		return -1;
	tui_open_folder(t, t->folders.v[t->sbsel].name);
	return 0;
}
