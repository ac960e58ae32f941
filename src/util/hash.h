/* hash.h - the one string hash of the in-memory tables (index, cache, rows). */
#ifndef BOTE_HASH_H
#define BOTE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Fast and good enough for names the local store gave us; tables fed by a
 * server (message ids, for threads) use a seeded hash instead.  A word at a
 * time: a byte at a time (FNV-1a) cost 200 cycles for a 50-byte Maildir
 * name, and every open hashes each name three times.  The shift after each
 * multiplication brings high bits down, since the tables use the low ones.
 * Values live only in memory, so they may differ between builds.
 */
static inline uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t	h = 0x9e3779b97f4a7c15ULL ^ len, w;
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, sizeof w);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	for (w = 0; i < len; i++)
		w = w << 8 | (unsigned char)s[i];
	h = (h ^ w) * 0x94d049bb133111ebULL;
	return h ^ h >> 29;
}

#endif
