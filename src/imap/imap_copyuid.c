/* imap_copyuid.c - where moved messages landed, from a COPYUID response code (RFC 4315), for undo. */
#include <stdlib.h>

#include "imap/imap.h"
#include "imap/imap_private.h"
#include "util/xmalloc.h"

/* The UIDs of a set in the order the server wrote them (ranges may run downwards). */
static uint32_t *
expand(const struct mailimap_set *set, size_t max, size_t *n)
{
	struct mailimap_set_item	*it;
	clistiter			*cur;
	uint32_t			*v = xcalloc(max ? max : 1, sizeof *v), u, last;

	*n = 0;
	for (cur = clist_begin(set->set_list); cur != NULL; cur = clist_next(cur)) {
		it = clist_content(cur);
		/* 0 is "*": meaningless in a COPYUID, so the answer is unusable. */
		if (it->set_first == 0 || it->set_last == 0)
			goto bad;
		last = it->set_last;
		for (u = it->set_first;; u = u < last ? u + 1 : u - 1) {
			if (*n == max)
				goto bad;
			v[(*n)++] = u;
			if (u == last)
				break;
		}
	}
	return v;
bad:
	free(v);
	*n = 0;
	return NULL;
}

int
imap_copyuid_map(uint32_t uidvalidity, const struct mailimap_set *src,
    const struct mailimap_set *dst, const struct msgref *refs, size_t n,
    struct msgref *landed)
{
	uint32_t	*s, *t;
	size_t		 ns, nt, i, k, found = 0;

	if (uidvalidity == 0 || src == NULL || dst == NULL)
		return -1;
	s = expand(src, n, &ns);
	t = expand(dst, n, &nt);
	if (s != NULL && t != NULL && ns == nt) {
		/* The two sets pair up in order: the i-th source UID became the i-th. */
		for (i = 0; i < n; i++)
			for (k = 0; k < ns; k++)
				if (s[k] == refs[i].uid) {
					landed[i].epoch = uidvalidity;
					landed[i].uid = t[k];
					found++;
					break;
				}
	}
	free(s);
	free(t);
	return found == n && n > 0 ? 0 : -1;
}
