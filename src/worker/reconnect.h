/* reconnect.h - when to try an unreachable store again: exponential back-off with jitter. */
#ifndef BOTE_RECONNECT_H
#define BOTE_RECONNECT_H

#include <stdint.h>

#define RECONNECT_FIRST_MS	1000		/* the first retry after a loss */
#define RECONNECT_MAX_MS	(5 * 60 * 1000)	/* never wait longer than this */

struct reconnect {
	int64_t		delay_ms;	/* the base delay of the next failure */
	int64_t		due_ms;		/* monotonic ms of the next attempt; 0: now */
	uint32_t	seed;		/* jitter state */
};

void	reconnect_init(struct reconnect *, uint32_t seed);
/* The store answered: the next loss starts again at RECONNECT_FIRST_MS. */
void	reconnect_ok(struct reconnect *);
/* An attempt failed at now_ms: schedule the next one; returns its delay. */
int64_t	reconnect_failed(struct reconnect *, int64_t now_ms);
/* Try at once (the machine woke up, the user asked). */
void	reconnect_now(struct reconnect *);
/* Milliseconds until the next attempt at now_ms (0: go). */
int64_t	reconnect_left(const struct reconnect *, int64_t now_ms);

#endif
