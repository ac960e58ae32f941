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

/* Sort rows in place; ties keep a stable order by unique name. */
void	sort_summaries(struct summary *rows, size_t n, enum sort_key, int reverse);

#endif
