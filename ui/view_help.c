/* view_help.c - the keys of the view the user came from, with what each command does. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "util/i18n.h"
#include "views.h"

static const char *const view_titles[VIEW_COUNT] = {
	N_("Keys in the folder list"),
	N_("Keys in the message list"),
	N_("Keys in the message view"),
	N_("Keys in help"),
	N_("Keys in the attachment view"),
	N_("Keys in the link list"),
};

size_t
view_help_lines(struct tui *t)
{
	const struct binding	*b;
	size_t			 n, i, count = 2;

	b = keymap_bindings(&n);
	for (i = 0; i < n; i++)
		count += b[i].view == t->help_of;
	return count;
}

void
view_help_draw(struct tui *t)
{
	const struct binding	*b;
	const struct command	*c;
	size_t			 n, i, line = 0;
	int			 rows = tui_body_rows(), y = 1;
	char			 key[32], text[256];

	b = keymap_bindings(&n);
	if (line++ >= t->htop && y <= rows)
		draw_row(y++, 0, _(view_titles[t->help_of]), COLS, theme_attr(TH_HEADER_NAME));
	if (line++ >= t->htop && y <= rows)
		y++;
	for (i = 0; i < n && y <= rows; i++) {
		if (b[i].view != t->help_of)
			continue;
		if (line++ < t->htop)
			continue;
		c = keymap_find(b[i].command);
		snprintf(text, sizeof text, "  %-10s %-20s %s",
		    keymap_key_name(b[i].key, key, sizeof key), b[i].command,
		    c ? _(c->help) : "");
		draw_row(y++, 0, text, COLS, theme_attr(TH_NORMAL));
	}
	draw_row(LINES - 2, 0, _("-- bote: help -- q to go back --"), COLS,
	    theme_attr(TH_STATUS));
}
