/* view_index.c - the message list: number, flags, date, sender, size, subject. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/flags.h"
#include "draw.h"
#include "theme.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "listing.h"
#include "views.h"

#define FROM_COLS	20

void
view_index_clamp(struct tui *t)
{
	int	rows = tui_body_rows();

	size_t	n = t->list.n;

	if (n == 0) {
		t->sel = t->top = 0;
		return;
	}
	if (t->sel >= n)
		t->sel = n - 1;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + (size_t)rows)
		t->top = t->sel - (size_t)rows + 1;
	/* After the terminal grew, show as many rows as fit instead of blank lines. */
	if (t->top + (size_t)rows > n)
		t->top = n > (size_t)rows ? n - (size_t)rows : 0;
}

/* Today: time of day; this year: "Nov 21"; older: the full date. */
static void
format_date(time_t when, char *buf, size_t len)
{
	time_t		now = time(NULL);
	struct tm	tm, tnow;

	if (when == 0) {
		snprintf(buf, len, "%s", "");
		return;
	}
	localtime_r(&when, &tm);
	localtime_r(&now, &tnow);
	if (tm.tm_year == tnow.tm_year && tm.tm_yday == tnow.tm_yday)
		strftime(buf, len, "%H:%M", &tm);
	else if (tm.tm_year == tnow.tm_year)
		strftime(buf, len, "%b %d", &tm);
	else
		strftime(buf, len, "%Y-%m-%d", &tm);
}

static void
format_size(uint64_t size, char *buf, size_t len)
{
	if (size < 1024)
		snprintf(buf, len, "%4u", (unsigned)size);
	else if (size < 1024 * 1024)
		snprintf(buf, len, "%3.*fK", size < 10 * 1024 ? 1 : 0, size / 1024.0);
	else
		snprintf(buf, len, "%3.*fM", size < 10 * 1024 * 1024 ? 1 : 0,
		    size / (1024.0 * 1024.0));
}

static int
row_attr(struct tui *t, size_t i)
{
	unsigned	f = listing_row(t, i)->flags;

	if (i == t->sel)
		return theme_attr(TH_INDICATOR);
	if (f & FLAG_DELETED)
		return theme_attr(TH_DELETED);
	if (f & FLAG_FLAGGED)
		return theme_attr(TH_FLAGGED);
	if (!(f & FLAG_SEEN))
		return theme_attr(TH_UNREAD);
	return theme_attr(TH_NORMAL);
}

static void
draw_row_at(struct tui *t, int y, size_t i)
{
	const struct summary	*s = listing_row(t, i);
	char			 lead[64], date[32], size[16], tree[THREAD_PREFIX_MAX + 16];
	char			*from, *clean;
	int			 attr = row_attr(t, i), x;
	size_t			 hidden;

	format_date(s->date, date, sizeof date);
	format_size(s->size, size, sizeof size);
	snprintf(lead, sizeof lead, "%5zu%c%c%c%c %-6s ", i + 1,
	    (s->flags & FLAG_TAGGED) ? '*' : ' ',
	    (s->flags & FLAG_DELETED) ? 'D' : !(s->flags & FLAG_SEEN) ? 'N' : ' ',
	    (s->flags & FLAG_FLAGGED) ? '!' : ' ',
	    (s->flags & FLAG_REPLIED) ? 'r' : s->has_attachments ? '+' : ' ', date);
	/* The sidebar, when shown, keeps the left columns: the row starts after it. */
	x = view_sidebar_cols(t);
	draw_fill(y, x, COLS - x, attr);
	x += draw_text(y, x, lead, COLS - x, attr);
	/* Pad the sanitized text: controls and tabs change width when cleaned. */
	clean = sanitize(summary_sender(s), strlen(summary_sender(s)), 0);
	from = utf8_pad(clean, FROM_COLS);
	x += draw_text(y, x, from, COLS - x, attr);
	free(from);
	free(clean);
	x += draw_text(y, x, "  (", COLS - x, attr);
	x += draw_text(y, x, size, COLS - x, attr);
	x += draw_text(y, x, ") ", COLS - x, attr);
	if (t->list.threaded && t->list.tv != NULL) {
		/* The tree is bote's own text, drawn like the rest of the row. */
		thread_tree_prefix(t->list.tv, t->list.tpos[i], tree, sizeof tree);
		x += draw_text(y, x, tree, COLS - x, attr);
		if ((hidden = thread_hidden(t->list.tv, t->list.tpos[i])) > 0) {
			snprintf(tree, sizeof tree, "(+%zu) ", hidden);
			x += draw_text(y, x, tree, COLS - x, attr);
		}
	}
	draw_text(y, x, s->subject ? s->subject : "", COLS - x, attr);
}

void
view_index_set_flags(struct tui *t, size_t row, unsigned flags)
{
	struct summary	*s = &t->rows.v[row];

	if (t->counted) {
		t->nunread += !(flags & FLAG_SEEN);
		t->nunread -= !(s->flags & FLAG_SEEN);
		t->nflagged += (flags & FLAG_FLAGGED) != 0;
		t->nflagged -= (s->flags & FLAG_FLAGGED) != 0;
	}
	s->flags = flags;
}

static void
count_rows(struct tui *t)
{
	size_t	i;

	if (t->counted)
		return;
	t->nunread = t->nflagged = 0;
	for (i = 0; i < t->rows.n; i++) {
		t->nunread += !(t->rows.v[i].flags & FLAG_SEEN);
		t->nflagged += (t->rows.v[i].flags & FLAG_FLAGGED) != 0;
	}
	t->counted = 1;
}

void
view_index_draw(struct tui *t)
{
	int	rows = tui_body_rows(), y, x;
	size_t	i;
	char	status[512], count[64];

	view_index_clamp(t);
	for (y = 0, i = t->top; y < rows && i < t->list.n; y++, i++)
		draw_row_at(t, 1 + y, i);
	x = view_sidebar_cols(t) + 2;
	if (t->list.n == 0 && t->rows.n > 0)
		draw_text(2, x, _("(no messages match the limit)"), COLS - x, theme_attr(TH_NOTE));
	else if (t->rows.n == 0)
		draw_text(2, x, _("(no messages)"), COLS - x, theme_attr(TH_NOTE));
	view_sidebar_draw(t);
	count_rows(t);
	snprintf(count, sizeof count, P_("%zu message", "%zu messages", t->rows.n), t->rows.n);
	snprintf(status, sizeof status, _("-- bote: %s [%s, %zu new, %zu flagged] -- %zu/%zu --"),
	    t->folder ? t->folder : "", count, t->nunread, t->nflagged,
	    t->list.n ? t->sel + 1 : 0, t->list.n);
	if (t->list.limit_text != NULL) {
		size_t	len = strlen(status);

		/* The pattern is the user's own text, but drawn through the sanitizer anyway. */
		snprintf(status + len, sizeof status - len, _(" limit: %s --"), t->list.limit_text);
	}
	if (t->list.threaded) {
		size_t	len = strlen(status);

		snprintf(status + len, sizeof status - len, "%s", _(" threads --"));
	}
	if (t->loading && t->rows.n > 0) {
		/* Headers still arriving: say how far, so a big folder never looks stuck. */
		size_t	len = strlen(status);

		snprintf(status + len, sizeof status - len, _(" loading %zu%% --"),
		    t->loaded * 100 / t->rows.n);
	}
	draw_row(LINES - 2, 0, status, COLS, theme_attr(TH_STATUS));
}
