/* view_sidebar.c - the folder list beside the message list: names by level, unread counts. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "theme.h"
#include "util/sanitize.h"
#include "views.h"

#define SIDEBAR_MAX	28	/* columns at most, separator included */
#define SIDEBAR_MIN_COLS 60	/* a narrower terminal keeps all columns for the list */

int
view_sidebar_cols(struct tui *t)
{
	int	w = COLS / 3;

	if (!t->sidebar || t->view != VIEW_INDEX || COLS < SIDEBAR_MIN_COLS)
		return 0;
	return w < SIDEBAR_MAX ? w : SIDEBAR_MAX;
}

void
view_sidebar_draw(struct tui *t)
{
	int			 rows = tui_body_rows(), w = view_sidebar_cols(t), y, x, attr, cw;
	long			 open = t->folder ? folder_list_find(&t->folders, t->folder) : -1;
	size_t			 top = 0, i;
	const struct folder_info *f;
	const char		*leaf;
	char			 count[32];

	if (w == 0)
		return;
	/* The cursor stays in sight. */
	if (t->sbsel >= (size_t)rows)
		top = t->sbsel - (size_t)rows + 1;
	for (y = 0, i = top; y < rows; y++, i++) {
		draw_fill(1 + y, 0, w - 1, theme_attr(TH_NORMAL));
		draw_text(1 + y, w - 1, "|", 1, theme_attr(TH_STATUS));
		if (i >= t->folders.n)
			continue;
		f = &t->folders.v[i];
		/* The open folder as the list's cursor; the sidebar's own cursor as the title. */
		attr = (long)i == open ? theme_attr(TH_INDICATOR) : i == t->sbsel ?
		    theme_attr(TH_TITLE) : f->unread > 0 ? theme_attr(TH_FOLDER_UNREAD) :
		    theme_attr(TH_NORMAL);
		draw_fill(1 + y, 0, w - 1, attr);
		leaf = strrchr(f->name, '/');
		leaf = leaf ? leaf + 1 : f->name;
		x = 1 + (f->depth > 4 ? 4 : f->depth);
		count[0] = '\0';
		if (f->unread > 0)
			snprintf(count, sizeof count, "%ld", f->unread);
		cw = utf8_width(count);
		draw_text(1 + y, x, leaf, w - 2 - x - (cw ? cw + 1 : 0), attr);
		if (cw > 0 && w - 2 - cw > x)
			draw_text(1 + y, w - 2 - cw, count, cw, attr);
	}
}
