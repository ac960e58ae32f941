/* fuzz_vanished.c - libFuzzer target: a server's VANISHED set marks exactly the cached UIDs it names, in bounded time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imap/imap_private.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_UIDS	4096

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The reference: each UID against each item, as RFC 3501 reads a set. */
static int
named(const struct mailimap_set *set, uint32_t uid)
{
	clistiter	*it;
	uint32_t	 a, b, t;

	for (it = clist_begin(set->set_list); it != NULL; it = clist_next(it)) {
		const struct mailimap_set_item *item = clist_content(it);

		a = item->set_first ? item->set_first : UINT32_MAX;
		b = item->set_last ? item->set_last : UINT32_MAX;
		if (a > b) {
			t = a;
			a = b;
			b = t;
		}
		if (uid >= a && uid <= b)
			return 1;
	}
	return 0;
}

/*
 * Input: a count n (2 bytes), n cached UIDs as deltas (4 bytes each, made
 * strictly increasing), then the set's items as pairs of 4-byte numbers.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mailimap_set	*set;
	uint32_t		*uids;
	unsigned char		*gone;
	size_t			 n, i, marked, want = 0;
	uint64_t		 uid = 0;

	if (size < 2)
		return 0;
	n = ((size_t)data[0] << 8 | data[1]) % MAX_UIDS;
	data += 2;
	size -= 2;
	if (n * 4 > size)
		n = size / 4;
	uids = calloc(n + 1, sizeof *uids);
	gone = calloc(n + 1, 1);
	if (uids == NULL || gone == NULL)
		abort();
	for (i = 0; i < n; i++) {
		uid += (get32(data + 4 * i) & 0xffff) + 1;
		if (uid > UINT32_MAX) {
			n = i;
			break;
		}
		uids[i] = (uint32_t)uid;
	}
	data += 4 * n;
	size -= 4 * n;
	set = mailimap_set_new_empty();
	for (; size >= 8; data += 8, size -= 8)
		mailimap_set_add_interval(set, get32(data), get32(data + 4));
	marked = imap_resync_vanish(uids, n, set, gone);
	for (i = 0; i < n; i++) {
		if ((gone[i] != 0) != named(set, uids[i]))
			abort();
		want += gone[i] != 0;
	}
	if (marked != want)
		abort();
	/* A second pass marks nothing new. */
	if (imap_resync_vanish(uids, n, set, gone) != 0)
		abort();
	mailimap_set_free(set);
	free(uids);
	free(gone);
	return 0;
}
