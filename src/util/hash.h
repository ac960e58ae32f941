/* hash.h - FNV-1a, the one string hash of the in-memory tables (index, cache, rows). */
#ifndef BOTE_HASH_H
#define BOTE_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Fast and good enough for names the local store gave us; tables fed by a
 * server (message ids, for threads) use a seeded hash instead.
 */
static inline uint64_t
hash_fnv1a(const char *s, size_t len)
{
	uint64_t	h = 1469598103934665603ULL;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

#endif
