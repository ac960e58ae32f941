/* reconnect.c - the back-off schedule of an unreachable account: 1 s doubling to 5 min, with jitter. */
#include "worker/reconnect.h"

void
reconnect_init(struct reconnect *rc, uint32_t seed)
{
	rc->delay_ms = RECONNECT_FIRST_MS;
	rc->due_ms = 0;
	rc->seed = seed != 0 ? seed : 0x9e3779b9u;
}

void
reconnect_ok(struct reconnect *rc)
{
	rc->delay_ms = RECONNECT_FIRST_MS;
	rc->due_ms = 0;
}

/* xorshift32: enough to keep many clients of one server from retrying in step. */
static uint32_t
next_random(struct reconnect *rc)
{
	uint32_t	x = rc->seed;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rc->seed = x;
}

int64_t
reconnect_failed(struct reconnect *rc, int64_t now_ms)
{
	int64_t	base = rc->delay_ms, wait;

	/* Up to a quarter less than the base, so the schedule never exceeds the cap. */
	wait = base - (int64_t)(next_random(rc) % (uint32_t)(base / 4 + 1));
	rc->due_ms = now_ms + wait;
	rc->delay_ms = base * 2 > RECONNECT_MAX_MS ? RECONNECT_MAX_MS : base * 2;
	return wait;
}

void
reconnect_now(struct reconnect *rc)
{
	rc->due_ms = 0;
}

int64_t
reconnect_left(const struct reconnect *rc, int64_t now_ms)
{
	return rc->due_ms > now_ms ? rc->due_ms - now_ms : 0;
}
