/* wake.h - waking a thread that sleeps in poll(): an eventfd with coalesced writes. */
#ifndef BOTE_WAKE_H
#define BOTE_WAKE_H

#include <stdatomic.h>

/*
 * Many signals between two drains cost one write: the flag goes 0 -> 1 only
 * once, and only that transition writes to the fd.  The sleeper clears the
 * flag before draining, so a signal that races with the drain is never lost
 * (it writes again and the next poll() returns at once).
 */
struct wake {
	int		fd;		/* readable when signalled; poll it */
	atomic_int	pending;
	atomic_ulong	writes;		/* fd writes made, for tests of the coalescing */
};

int	wake_init(struct wake *);	/* 0, or -1 with errno */
void	wake_destroy(struct wake *);
/* Any thread. */
void	wake_signal(struct wake *);
/* The sleeping thread, after poll() said readable (or before looking at its queues). */
void	wake_clear(struct wake *);

#endif
