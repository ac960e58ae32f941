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
 * Load theme NAME from $BOTE_DATADIR/themes or the installed theme directory
 * and set up colour pairs; call after initscr().  Returns 0, or -1 with a
 * one-line reason in errbuf (built-in colours are used then).
 */
int	theme_load(const char *name, char *errbuf, size_t errlen);
/* The curses attribute (colour pair and A_* bits) of an element. */
int	theme_attr(enum theme_elem);
/* Parse one theme line into element/colours/attributes; exposed for tests. */
int	theme_parse_line(const char *line, enum theme_elem *elem, short *fg, short *bg,
	    int *attrs);

#endif
