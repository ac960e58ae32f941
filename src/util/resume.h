/* resume.h - noticing that the machine slept: the boot clock ran on while the monotonic one stood. */
#ifndef BOTE_RESUME_H
#define BOTE_RESUME_H

#include <stdint.h>

/*
 * Linux stops CLOCK_MONOTONIC during suspend and keeps CLOCK_BOOTTIME
 * running, so their difference grows by the time slept.  The wall clock
 * would show it too, but also every NTP step and manual change.
 */
struct resume_watch {
	int64_t	offset_ms;	/* boot - monotonic at the last look */
};

#define RESUME_JUMP_MS	3000	/* slept at least this long: connections are suspect */

void	resume_watch_init(struct resume_watch *);
/* 1 once when the machine slept since the last call (or init). */
int	resume_watch_check(struct resume_watch *);
/* The rule alone, for tests: did the offset grow by RESUME_JUMP_MS or more? */
int	resume_jumped(int64_t old_offset_ms, int64_t new_offset_ms);

#endif
