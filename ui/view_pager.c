/* view_pager.c - one message: header block, body, attachment list; scrolling and search. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "theme.h"
#include "util/i18n.h"
#include "views.h"

static int
style_attr(enum line_style s)
{
	switch (s) {
	case LINE_HEADER:	return theme_attr(TH_HEADER_VALUE);
	case LINE_QUOTE:	return theme_attr(TH_QUOTE);
	case LINE_SIGNATURE:	return theme_attr(TH_SIGNATURE);
	case LINE_ATTACHMENT:	return theme_attr(TH_ATTACHMENT);
	case LINE_NOTE:		return theme_attr(TH_NOTE);
	case LINE_BODY:		break;
	}
	return theme_attr(TH_NORMAL);
}

void
view_pager_scroll(struct tui *t, long delta)
{
	long	rows = tui_body_rows(), max, pos;

	max = (long)t->msg.nlines - rows;
	if (max < 0)
		max = 0;
	pos = (long)t->ptop + delta;
	if (pos > max)
		pos = max;
	if (pos < 0)
		pos = 0;
	t->ptop = (size_t)pos;
}

static void
draw_line(struct tui *t, int y, const struct display_line *l)
{
	char	label[128];
	int	x = 0, n;

	if (l->style == LINE_HEADER && l->label_len > 0 && l->label_len < sizeof label) {
		n = (int)l->label_len;
		snprintf(label, sizeof label, "%.*s", n, l->text);
		x = draw_text(y, 0, label, COLS, theme_attr(TH_HEADER_NAME));
		draw_row_matches(y, x, l->text + l->label_len, COLS - x,
		    style_attr(l->style), t->search, theme_attr(TH_SEARCH));
		return;
	}
	draw_row_matches(y, 0, l->text, COLS, style_attr(l->style), t->search,
	    theme_attr(TH_SEARCH));
}

void
view_pager_draw(struct tui *t)
{
	int	rows = tui_body_rows(), y;
	size_t	i;
	char	status[512];
	size_t	pct;

	for (y = 0, i = t->ptop; y < rows && i < t->msg.nlines; y++, i++)
		draw_line(t, 1 + y, &t->msg.lines[i]);
	pct = t->msg.nlines == 0 ? 100 :
	    (size_t)(i * 100 / t->msg.nlines);
	snprintf(status, sizeof status, "-- %zu/%zu: ", t->sel + 1, t->list.n);
	y = draw_text(LINES - 2, 0, status, COLS, theme_attr(TH_STATUS));
	snprintf(status, sizeof status, " -- %s (%zu%%) --",
	    i >= t->msg.nlines ? _("end") : _("more"), pct);
	draw_fill(LINES - 2, y, COLS - y, theme_attr(TH_STATUS));
	/* The subject is untrusted: draw_text sanitizes it. */
	y += draw_text(LINES - 2, y, t->msg.subject ? t->msg.subject : "",
	    COLS - y - (int)strlen(status), theme_attr(TH_STATUS));
	draw_text(LINES - 2, y, status, COLS - y, theme_attr(TH_STATUS));
}

/* search-opposite: the nearest match above the top line, wrapping to the end. */
static void
search_back(struct tui *t)
{
	size_t	i, n = t->msg.nlines;

	for (i = 1; i <= n; i++) {
		size_t line = (t->ptop + n - i) % n;

		if (!draw_contains(t->msg.lines[line].text, t->search))
			continue;
		if (line >= t->ptop)
			tui_message(t, "%s", _("Search wrapped to bottom."));
		else
			tui_message(t, _("Found on line %zu."), line + 1);
		t->ptop = line;
		view_pager_scroll(t, 0);
		return;
	}
	tui_error(t, _("Not found: %s"), t->search);
}

void
view_pager_search(struct tui *t, int from_next)
{
	size_t	i, start = t->ptop + (from_next ? 1 : 0);

	if (t->view != VIEW_PAGER || t->search == NULL)
		return;
	if (t->search_back) {
		search_back(t);
		return;
	}
	for (i = start; i < t->msg.nlines; i++)
		if (draw_contains(t->msg.lines[i].text, t->search)) {
			t->ptop = i;
			view_pager_scroll(t, 0);
			if (t->ptop != i)	/* near the end: the match is on screen anyway */
				tui_message(t, _("Found on line %zu."), i + 1);
			return;
		}
	for (i = 0; i < start && i < t->msg.nlines; i++)
		if (draw_contains(t->msg.lines[i].text, t->search)) {
			t->ptop = i;
			view_pager_scroll(t, 0);
			tui_message(t, "%s", _("Search wrapped to top."));
			return;
		}
	tui_error(t, _("Not found: %s"), t->search);
}
