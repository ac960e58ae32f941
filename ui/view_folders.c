/* view_folders.c - the folder list: hierarchy by indentation, unread and total counts. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "theme.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "views.h"


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
	if (t->ftop + (size_t)rows > t->folders.n)
		t->ftop = t->folders.n > (size_t)rows ? t->folders.n - (size_t)rows : 0;
	for (y = 0, i = t->ftop; y < rows && i < t->folders.n; y++, i++) {
		f = &t->folders.v[i];
		attr = i == t->fsel ? theme_attr(TH_INDICATOR) :
		    f->unread > 0 ? theme_attr(TH_FOLDER_UNREAD) : theme_attr(TH_NORMAL);
		draw_fill(1 + y, 0, COLS, attr);
		leaf = strrchr(f->name, '/');
		leaf = leaf ? leaf + 1 : f->name;
		x = 2 + 2 * (f->depth > 8 ? 8 : f->depth);
		counts[0] = '\0';
		if (f->total >= 0)
			snprintf(counts, sizeof counts, _("%ld new, %ld total"), f->unread,
			    f->total);
		/* Counts right-aligned; the name gets what is left. */
		w = utf8_width(counts);
		x += draw_text(1 + y, x, leaf, COLS - x - w - 2, attr);
		if (f->unsubscribed)
			draw_text(1 + y, x, _("  (not subscribed)"), COLS - x - w - 2, attr);
		if (w > 0 && COLS - w - 1 > x)
			draw_text(1 + y, COLS - w - 1, counts, w, attr);
	}
	snprintf(status, sizeof status, P_("-- bote: %zu folder --", "-- bote: %zu folders --",
	    t->folders.n), t->folders.n);
	draw_row(LINES - 2, 0, status, COLS, theme_attr(TH_STATUS));
}
