/* theme.h - colour and attribute of every screen element, loaded from themes/NAME.theme. */
#ifndef BOTE_THEME_H
#define BOTE_THEME_H

#include <stddef.h>

enum theme_elem {
	TH_NORMAL = 0,
	TH_TITLE,		/* top line: key hints */
	TH_STATUS,		/* status bar */
	TH_MESSAGE,		/* bottom line: information */
	TH_ERROR,		/* bottom line: errors */
	TH_INDICATOR,		/* the selected row */
	TH_UNREAD,
	TH_FLAGGED,
	TH_DELETED,
	TH_FOLDER_UNREAD,	/* folders holding unread mail */
	TH_HEADER_NAME,
	TH_HEADER_VALUE,
	TH_QUOTE,
	TH_SIGNATURE,
	TH_ATTACHMENT,
	TH_NOTE,
	TH_SEARCH,		/* search matches in the pager */
	TH_COUNT
};

/*
 * A colour: -1 the terminal's default, 0-255 the terminal's palette, or
 * THEME_RGB(r, g, b) for #rrggbb.
 */
#define THEME_RGB_FLAG		0x1000000
#define THEME_RGB(r, g, b)	(THEME_RGB_FLAG | (r) << 16 | (g) << 8 | (b))

/*
 * Load theme NAME from $BOTE_DATADIR/themes, the installed theme directory
 * or themes/ beside the program (or the file NAME when it holds a '/') and
 * set up colour pairs; call after initscr().  Each problem (file missing,
 * a line not understood) goes to report as one line naming the theme and
 * line; a bad line is skipped, a missing theme leaves the built-in
 * colours.  Returns the number of problems.
 */
int	theme_load(const char *name, void (*report)(void *, const char *), void *arg);
/* The curses attribute (colour pair and A_* bits) of an element. */
int	theme_attr(enum theme_elem);
/*
 * Parse one theme line into element/colours/attributes; exposed for tests.
 * Returns 0, 1 for a blank or comment line, -1 with the reason in why.
 */
int	theme_parse_line(const char *line, enum theme_elem *elem, int *fg, int *bg,
	    int *attrs, char *why, size_t whylen);
/*
 * The colour to give curses for c on a terminal with ncolors colours:
 * itself when it fits, #rrggbb itself on a direct-colour terminal, else
 * the nearest palette colour.
 */
int	theme_map_color(int c, int ncolors, int direct);

#endif
