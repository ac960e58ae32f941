/* sort.h - ordering message list rows. */
#ifndef BOTE_SORT_H
#define BOTE_SORT_H

#include <stddef.h>

#include "core/summary.h"

enum sort_key {
	SORT_DATE = 0,		/* oldest first, like mutt's default */
	SORT_FROM,
	SORT_SUBJECT,
	SORT_SIZE,
};

/* Compare two rows by key (ties: date, then identity); for sorting index arrays. */
int	sort_compare(const struct summary *, const struct summary *, enum sort_key);
/* Parse "date", "from", "subject", "size" (or their first letter); -1 when unknown. */
int	sort_key_parse(const char *, enum sort_key *);
/* Sort rows in place; ties keep a stable order by unique name. */
void	sort_summaries(struct summary *rows, size_t n, enum sort_key, int reverse);

#endif
