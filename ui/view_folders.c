/* view_folders.c - the folder list: hierarchy by indentation, unread and total counts. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "theme.h"
#include "util/i18n.h"
#include "views.h"

#define COUNT_COLS	16

void
view_folders_draw(struct tui *t)
{
	int			 rows = tui_body_rows(), y, attr, x, w;
	size_t			 i;
	struct folder_info	*f;
	const char		*leaf;
	char			 counts[64], status[256];

	if (t->fsel < t->ftop)
		t->ftop = t->fsel;
	if (t->fsel >= t->ftop + (size_t)rows)
		t->ftop = t->fsel - (size_t)rows + 1;
	for (y = 0, i = t->ftop; y < rows && i < t->folders.n; y++, i++) {
		f = &t->folders.v[i];
		attr = i == t->fsel ? theme_attr(TH_INDICATOR) :
		    f->unread > 0 ? theme_attr(TH_FOLDER_UNREAD) : theme_attr(TH_NORMAL);
		draw_fill(1 + y, 0, COLS, attr);
		leaf = strrchr(f->name, '/');
		leaf = leaf ? leaf + 1 : f->name;
		x = 2 + 2 * (f->depth > 8 ? 8 : f->depth);
		w = COLS - x - COUNT_COLS;
		draw_text(1 + y, x, leaf, w, attr);
		if (f->total >= 0) {
			snprintf(counts, sizeof counts, "%6ld %s %6ld", f->unread, _("new"),
			    f->total);
			draw_text(1 + y, COLS - COUNT_COLS, counts, COUNT_COLS, attr);
		}
	}
	snprintf(status, sizeof status, _("-- bote: %zu folders --"), t->folders.n);
	draw_row(LINES - 2, 0, status, COLS, theme_attr(TH_STATUS));
}
