/* draw.h - putting untrusted text on the screen: every string passes the sanitizer here. */
#ifndef BOTE_DRAW_H
#define BOTE_DRAW_H

/*
 * Draw s (untrusted UTF-8) at row y, column x with attribute attr, cut to
 * at most maxcols columns at a character boundary.  Returns the columns used.
 * Tabs are expanded.  UI thread only.
 */
int	draw_text(int y, int x, const char *s, int maxcols, int attr);
/* Fill columns [x, x+cols) of row y with spaces in attr. */
void	draw_fill(int y, int x, int cols, int attr);
/* draw_text + fill to the end of the cut, so the row has one colour across cols. */
void	draw_row(int y, int x, const char *s, int cols, int attr);
/*
 * Like draw_row, but shows case-insensitive matches of needle (may be NULL
 * or "") in match_attr.
 */
void	draw_row_matches(int y, int x, const char *s, int cols, int attr,
	    const char *needle, int match_attr);
/* 1 when s contains needle, ignoring ASCII case (sanitized comparison). */
int	draw_contains(const char *s, const char *needle);

#endif
