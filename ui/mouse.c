/*
 * mouse.c - optional mouse (mouse = yes): a click selects a row, a double
 * click opens it, the wheel scrolls.  Off by default so that the
 * terminal's own text selection keeps working.
 */
#include <curses.h>

#include "keymap.h"
#include "views.h"

#define WHEEL_LINES	3

#ifndef BUTTON5_PRESSED
#define BUTTON5_PRESSED	0	/* ncurses without wheel-down support */
#endif

void
tui_mouse_enable(int on)
{
	mmask_t	want = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
	    BUTTON4_PRESSED | BUTTON5_PRESSED;

	mousemask(on ? want : 0, NULL);
	/* 200 ms tells a double click from two clicks. */
	mouseinterval(on ? 200 : 0);
}

/* Select the list row on screen row y; 1 when there was one. */
static int
select_row(struct tui *t, int y)
{
	size_t	pos;

	if (y < 1 || y > tui_body_rows())
		return 0;
	if (t->view == VIEW_INDEX) {
		pos = t->top + (size_t)(y - 1);
		if (pos >= t->list.n)
			return 0;
		t->sel = pos;
		return 1;
	}
	if (t->view == VIEW_FOLDERS) {
		pos = t->ftop + (size_t)(y - 1);
		if (pos >= t->folders.n)
			return 0;
		t->fsel = pos;
		return 1;
	}
	return 0;
}

void
tui_mouse_event(struct tui *t)
{
	MEVENT		 ev;
	const char	*cmd;
	int		 i;

	if (getmouse(&ev) != OK)
		return;
	t->dirty = 1;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int up = (ev.bstate & BUTTON4_PRESSED) != 0;

		if (t->view == VIEW_PAGER || t->view == VIEW_HELP)
			cmd = up ? "previous-line" : "next-line";
		else
			cmd = up ? "previous-entry" : "next-entry";
		for (i = 0; i < WHEEL_LINES; i++)
			keymap_run(t, cmd);
		return;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)))
		return;
	if (select_row(t, ev.y) && (ev.bstate & BUTTON1_DOUBLE_CLICKED))
		keymap_run(t, t->view == VIEW_INDEX ? "display-message" : "select-entry");
}
