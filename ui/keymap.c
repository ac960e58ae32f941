/* keymap.c - default key bindings (familiar to mutt users) and running commands by name. */
#include "keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

#define FK(k)	(KEYMAP_FKEY + (k))
#define CTRL(c)	((c) & 0x1f)

/* Bindings valid in every view come first; a view's own binding wins. */
static const struct binding bindings[] = {
	{ VIEW_FOLDERS, 'j', "next-entry" },
	{ VIEW_FOLDERS, FK(KEY_DOWN), "next-entry" },
	{ VIEW_FOLDERS, 'k', "previous-entry" },
	{ VIEW_FOLDERS, FK(KEY_UP), "previous-entry" },
	{ VIEW_FOLDERS, FK(KEY_NPAGE), "next-page" },
	{ VIEW_FOLDERS, ' ', "next-page" },
	{ VIEW_FOLDERS, FK(KEY_PPAGE), "previous-page" },
	{ VIEW_FOLDERS, '-', "previous-page" },
	{ VIEW_FOLDERS, FK(KEY_HOME), "first-entry" },
	{ VIEW_FOLDERS, '=', "first-entry" },
	{ VIEW_FOLDERS, FK(KEY_END), "last-entry" },
	{ VIEW_FOLDERS, '*', "last-entry" },
	{ VIEW_FOLDERS, '\n', "select-entry" },
	{ VIEW_FOLDERS, '\r', "select-entry" },
	{ VIEW_FOLDERS, FK(KEY_ENTER), "select-entry" },
	{ VIEW_FOLDERS, 'q', "exit" },
	{ VIEW_FOLDERS, 'Q', "quit" },
	{ VIEW_FOLDERS, '?', "help" },
	{ VIEW_FOLDERS, ':', "enter-command" },
	{ VIEW_FOLDERS, CTRL('l'), "redraw-screen" },
	{ VIEW_FOLDERS, 'G', "fetch-mail" },
	{ VIEW_FOLDERS, CTRL('g'), "cancel" },

	{ VIEW_INDEX, 'j', "next-entry" },
	{ VIEW_INDEX, FK(KEY_DOWN), "next-entry" },
	{ VIEW_INDEX, 'k', "previous-entry" },
	{ VIEW_INDEX, FK(KEY_UP), "previous-entry" },
	{ VIEW_INDEX, FK(KEY_NPAGE), "next-page" },
	{ VIEW_INDEX, ' ', "next-page" },
	{ VIEW_INDEX, FK(KEY_PPAGE), "previous-page" },
	{ VIEW_INDEX, '-', "previous-page" },
	{ VIEW_INDEX, FK(KEY_HOME), "first-entry" },
	{ VIEW_INDEX, '=', "first-entry" },
	{ VIEW_INDEX, FK(KEY_END), "last-entry" },
	{ VIEW_INDEX, '*', "last-entry" },
	{ VIEW_INDEX, '\n', "display-message" },
	{ VIEW_INDEX, '\r', "display-message" },
	{ VIEW_INDEX, FK(KEY_ENTER), "display-message" },
	{ VIEW_INDEX, 'c', "change-folder" },
	{ VIEW_INDEX, 'y', "change-folder" },
	{ VIEW_INDEX, 'F', "flag-message" },
	{ VIEW_INDEX, 'N', "toggle-new" },
	{ VIEW_INDEX, 'd', "delete-message" },
	{ VIEW_INDEX, 'u', "undelete-message" },
	{ VIEW_INDEX, '$', "sync-mailbox" },
	{ VIEW_INDEX, 's', "save-message" },
	{ VIEW_INDEX, 'C', "copy-message" },
	{ VIEW_INDEX, '/', "search" },
	{ VIEW_INDEX, 'n', "search-next" },
	{ VIEW_INDEX, 'o', "sort-mailbox" },
	{ VIEW_INDEX, 'O', "sort-reverse" },
	{ VIEW_INDEX, 'l', "limit" },
	{ VIEW_INDEX, 't', "tag-entry" },
	{ VIEW_INDEX, 'T', "tag-pattern" },
	{ VIEW_INDEX, CTRL('t'), "untag-pattern" },
	{ VIEW_INDEX, ';', "tag-prefix" },
	{ VIEW_INDEX, KEYMAP_META('v'), "collapse-thread" },
	{ VIEW_INDEX, KEYMAP_META('V'), "collapse-all" },
	{ VIEW_INDEX, CTRL('g'), "cancel" },
	{ VIEW_INDEX, 'G', "fetch-mail" },
	{ VIEW_INDEX, 'q', "quit" },
	{ VIEW_INDEX, 'Q', "quit" },
	{ VIEW_INDEX, '?', "help" },
	{ VIEW_INDEX, ':', "enter-command" },
	{ VIEW_INDEX, CTRL('l'), "redraw-screen" },

	{ VIEW_PAGER, FK(KEY_DOWN), "next-line" },
	{ VIEW_PAGER, '\n', "next-line" },
	{ VIEW_PAGER, '\r', "next-line" },
	{ VIEW_PAGER, FK(KEY_ENTER), "next-line" },
	{ VIEW_PAGER, FK(KEY_UP), "previous-line" },
	{ VIEW_PAGER, FK(KEY_BACKSPACE), "previous-line" },
	{ VIEW_PAGER, ' ', "next-page" },
	{ VIEW_PAGER, FK(KEY_NPAGE), "next-page" },
	{ VIEW_PAGER, '-', "previous-page" },
	{ VIEW_PAGER, FK(KEY_PPAGE), "previous-page" },
	{ VIEW_PAGER, '^', "first-entry" },
	{ VIEW_PAGER, FK(KEY_HOME), "first-entry" },
	{ VIEW_PAGER, FK(KEY_END), "last-entry" },
	{ VIEW_PAGER, 'j', "next-entry" },
	{ VIEW_PAGER, 'k', "previous-entry" },
	{ VIEW_PAGER, '/', "search" },
	{ VIEW_PAGER, 'n', "search-next" },
	{ VIEW_PAGER, 'F', "flag-message" },
	{ VIEW_PAGER, 'N', "toggle-new" },
	{ VIEW_PAGER, 'd', "delete-message" },
	{ VIEW_PAGER, 'u', "undelete-message" },
	{ VIEW_PAGER, 's', "save-message" },
	{ VIEW_PAGER, 'C', "copy-message" },
	{ VIEW_PAGER, 'c', "change-folder" },
	{ VIEW_PAGER, CTRL('g'), "cancel" },
	{ VIEW_PAGER, 'q', "exit" },
	{ VIEW_PAGER, 'i', "exit" },
	{ VIEW_PAGER, 'Q', "quit" },
	{ VIEW_PAGER, '?', "help" },
	{ VIEW_PAGER, ':', "enter-command" },
	{ VIEW_PAGER, CTRL('l'), "redraw-screen" },

	{ VIEW_HELP, 'j', "next-line" },
	{ VIEW_HELP, FK(KEY_DOWN), "next-line" },
	{ VIEW_HELP, 'k', "previous-line" },
	{ VIEW_HELP, FK(KEY_UP), "previous-line" },
	{ VIEW_HELP, ' ', "next-page" },
	{ VIEW_HELP, FK(KEY_NPAGE), "next-page" },
	{ VIEW_HELP, '-', "previous-page" },
	{ VIEW_HELP, FK(KEY_PPAGE), "previous-page" },
	{ VIEW_HELP, 'q', "exit" },
	{ VIEW_HELP, '?', "exit" },
	{ VIEW_HELP, 0x1b, "exit" },
	{ VIEW_HELP, 'Q', "quit" },

	{ VIEW_INDEX, 'v', "view-attachments" },
	{ VIEW_PAGER, 'v', "view-attachments" },
	{ VIEW_INDEX, CTRL('b'), "view-urls" },
	{ VIEW_PAGER, CTRL('b'), "view-urls" },

	{ VIEW_ATTACH, 'j', "next-entry" },
	{ VIEW_ATTACH, FK(KEY_DOWN), "next-entry" },
	{ VIEW_ATTACH, 'k', "previous-entry" },
	{ VIEW_ATTACH, FK(KEY_UP), "previous-entry" },
	{ VIEW_ATTACH, FK(KEY_HOME), "first-entry" },
	{ VIEW_ATTACH, FK(KEY_END), "last-entry" },
	{ VIEW_ATTACH, '\n', "open-attachment" },
	{ VIEW_ATTACH, '\r', "open-attachment" },
	{ VIEW_ATTACH, FK(KEY_ENTER), "open-attachment" },
	{ VIEW_ATTACH, 'm', "open-attachment" },
	{ VIEW_ATTACH, 's', "save-attachment" },
	{ VIEW_ATTACH, 'S', "save-all-attachments" },
	{ VIEW_ATTACH, 'q', "exit" },
	{ VIEW_ATTACH, 'Q', "quit" },
	{ VIEW_ATTACH, '?', "help" },
	{ VIEW_ATTACH, ':', "enter-command" },
	{ VIEW_ATTACH, CTRL('l'), "redraw-screen" },

	{ VIEW_URLS, 'j', "next-entry" },
	{ VIEW_URLS, FK(KEY_DOWN), "next-entry" },
	{ VIEW_URLS, 'k', "previous-entry" },
	{ VIEW_URLS, FK(KEY_UP), "previous-entry" },
	{ VIEW_URLS, FK(KEY_HOME), "first-entry" },
	{ VIEW_URLS, FK(KEY_END), "last-entry" },
	{ VIEW_URLS, '\n', "open-url" },
	{ VIEW_URLS, '\r', "open-url" },
	{ VIEW_URLS, FK(KEY_ENTER), "open-url" },
	{ VIEW_URLS, 'q', "exit" },
	{ VIEW_URLS, 'Q', "quit" },
	{ VIEW_URLS, '?', "help" },
	{ VIEW_URLS, ':', "enter-command" },
	{ VIEW_URLS, CTRL('l'), "redraw-screen" },
};

const struct binding *
keymap_bindings(size_t *n)
{
	*n = sizeof bindings / sizeof bindings[0];
	return bindings;
}

const char *
keymap_lookup(enum view_id view, int key)
{
	size_t	i;

	for (i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].view == view && bindings[i].key == key)
			return bindings[i].command;
	return NULL;
}

const char *
keymap_key_name(int key, char *buf, size_t len)
{
	static const struct {
		int		 key;
		const char	*name;
	} names[] = {
		{ FK(KEY_DOWN), "Down" }, { FK(KEY_UP), "Up" }, { FK(KEY_NPAGE), "PageDown" },
		{ FK(KEY_PPAGE), "PageUp" }, { FK(KEY_HOME), "Home" }, { FK(KEY_END), "End" },
		{ FK(KEY_ENTER), "Enter" }, { FK(KEY_BACKSPACE), "Backspace" },
		{ '\n', "Enter" }, { '\r', "Return" }, { ' ', "Space" }, { 0x1b, "Esc" },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, len, "%s", names[i].name);
			return buf;
		}
	if (key >= KEYMAP_META(0) && key < KEYMAP_META(0x80))
		snprintf(buf, len, "Esc %c", key - KEYMAP_META(0));
	else if (key < 0x20)
		snprintf(buf, len, "^%c", key + '@');
	else if (key < 0x80)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "<%#x>", key);
	return buf;
}

int
keymap_run(struct tui *t, const char *line)
{
	const struct command	*c;
	char			*copy = xstrdup(line), *name, *arg;
	int			 rc;

	for (name = copy; *name == ' ' || *name == '\t'; name++)
		;
	arg = name + strcspn(name, " \t");
	if (*arg != '\0') {
		*arg++ = '\0';
		while (*arg == ' ' || *arg == '\t')
			arg++;
		arg[strcspn(arg, "\r\n")] = '\0';
		for (size_t n = strlen(arg); n > 0 && arg[n - 1] == ' '; n--)
			arg[n - 1] = '\0';
	}
	if (*name == '\0') {
		free(copy);
		return 0;
	}
	if ((c = keymap_find(name)) == NULL) {
		tui_error(t, _("Unknown command '%s'."), name);
		free(copy);
		return -1;
	}
	if (!(c->views & (1u << t->view))) {
		tui_error(t, _("'%s' is not available here."), name);
		free(copy);
		return -1;
	}
	rc = c->run(t, *arg ? arg : NULL);
	free(copy);
	return rc;
}

void
keymap_run_list(struct tui *t, const char *list)
{
	char	*copy = xstrdup(list), *cmd, *save = NULL;

	for (cmd = strtok_r(copy, ";", &save); cmd != NULL && !t->quit;
	    cmd = strtok_r(NULL, ";", &save))
		keymap_run(t, cmd);
	free(copy);
}
