/* listing.h - what the message list shows: the folder's rows sorted or threaded, limited, collapsed. */
#ifndef BOTE_LISTING_H
#define BOTE_LISTING_H

#include <stddef.h>

#include "core/pattern.h"
#include "core/sort.h"
#include "core/summary.h"
#include "core/thread.h"

struct listing {
	size_t			*rows;		/* display position -> row index (owned) */
	size_t			*tpos;		/* display position -> thread position, threaded only */
	size_t			 n;
	struct thread_view	*tv;		/* threads of the current rows, or NULL */
	enum sort_key		 key;
	int			 threaded;	/* sort by thread (key orders nothing then) */
	int			 reverse;
	struct pattern		*limit;		/* only rows matching it are shown, or NULL */
	char			*limit_text;
	unsigned char		*match;		/* per row: the worker's verdict for body patterns */
	size_t			 nmatch;
};

struct tui;

/*
 * Recompute the display from t->rows (threads are built again when
 * rows_changed).  The cursor stays on the row it was on when that row is
 * still shown, else on the nearest position.
 */
void	listing_rebuild(struct tui *, int rows_changed);
/* The row at display position pos, or NULL. */
struct summary *listing_row(struct tui *, size_t pos);
/* The display position of row index r, or -1 when it is not shown. */
long	listing_pos(const struct tui *, size_t r);
/* The selected row, or NULL. */
struct summary *listing_current(struct tui *);
void	listing_free(struct listing *);

#endif
