/* resume.c - suspend detection by comparing CLOCK_BOOTTIME with CLOCK_MONOTONIC. */
#include "util/resume.h"

#include <time.h>

static int64_t
clock_ms(clockid_t id)
{
	struct timespec	ts;

	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
offset_now(void)
{
	return clock_ms(CLOCK_BOOTTIME) - clock_ms(CLOCK_MONOTONIC);
}

int
resume_jumped(int64_t old_offset_ms, int64_t new_offset_ms)
{
	return new_offset_ms - old_offset_ms >= RESUME_JUMP_MS;
}

void
resume_watch_init(struct resume_watch *rw)
{
	rw->offset_ms = offset_now();
}

int
resume_watch_check(struct resume_watch *rw)
{
	int64_t	now = offset_now();
	int	jumped = resume_jumped(rw->offset_ms, now);

	rw->offset_ms = now;
	return jumped;
}
