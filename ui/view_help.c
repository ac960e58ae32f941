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

/* The config's problems come first: a heading, each one kept, a blank line. */
static size_t
problem_lines(struct tui *t)
{
	size_t	kept = t->nproblems < TUI_MAX_PROBLEMS ? t->nproblems : TUI_MAX_PROBLEMS;

	return t->nproblems > 0 ? kept + 2 : 0;
}

size_t
view_help_lines(struct tui *t)
{
	const struct keymap_entry	**b;

	return keymap_view_bindings(t->help_of, &b) + 2 + problem_lines(t);
}

/* Generated from the live keymap, so that the config's own bindings show. */
void
view_help_draw(struct tui *t)
{
	const struct keymap_entry	**b;
	const struct command		 *c;
	size_t				  n, i, line = 0, len;
	int				  rows = tui_body_rows(), y = 1;
	char				  key[64], name[64], text[512];

	n = keymap_view_bindings(t->help_of, &b);
	for (i = 0; i < problem_lines(t) && y <= rows; i++) {
		if (line++ < t->htop)
			continue;
		if (i == 0)
			draw_row(y++, 0, _("Lines of the configuration that were skipped:"), COLS,
			    theme_attr(TH_ERROR));
		else if (i <= problem_lines(t) - 2)
			draw_row(y++, 0, t->problems[i - 1], COLS, theme_attr(TH_ERROR));
		else
			y++;
	}
	if (line++ >= t->htop && y <= rows)
		draw_row(y++, 0, _(view_titles[t->help_of]), COLS, theme_attr(TH_HEADER_NAME));
	if (line++ >= t->htop && y <= rows)
		y++;
	for (i = 0; i < n && y <= rows; i++) {
		if (line++ < t->htop)
			continue;
		len = strcspn(b[i]->command, " \t");
		snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : 63),
		    b[i]->command);
		c = keymap_find(name);
		snprintf(text, sizeof text, "  %-10s %-22s %s",
		    keyspec_seq_name(&b[i]->seq, key, sizeof key), b[i]->command,
		    c ? _(c->help) : "");
		/* A command line from the config is the user's text: sanitized by draw_row. */
		draw_row(y++, 0, text, COLS, theme_attr(TH_NORMAL));
	}
	draw_row(LINES - 2, 0, _("-- bote: help -- q to go back --"), COLS,
	    theme_attr(TH_STATUS));
}
