/* t_imap_copyuid.c - pairing a COPYUID answer's UID sets with the moved messages, for undo. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "imap/imap_private.h"

static struct mailimap_set *
set(const char *spec)
{
	struct mailimap_set	*s = mailimap_set_new_empty();
	char			*copy = strdup(spec), *p, *save = NULL, *colon;

	for (p = strtok_r(copy, ",", &save); p != NULL; p = strtok_r(NULL, ",", &save))
		if ((colon = strchr(p, ':')) != NULL)
			mailimap_set_add_interval(s, (uint32_t)atol(p), (uint32_t)atol(colon + 1));
		else
			mailimap_set_add_single(s, (uint32_t)atol(p));
	free(copy);
	return s;
}

/* Map refs with uids[] through "src" -> "dst"; the landed uids joined by ',' into out. */
static int
map(uint32_t validity, const char *src, const char *dst, const uint32_t *uids, size_t n,
    char *out, size_t len)
{
	struct mailimap_set	*s = src ? set(src) : NULL, *d = dst ? set(dst) : NULL;
	struct msgref		 refs[8], landed[8];
	size_t			 i, used = 0;
	int			 rc;

	memset(refs, 0, sizeof refs);
	memset(landed, 0, sizeof landed);
	for (i = 0; i < n; i++) {
		refs[i].epoch = 1;
		refs[i].uid = uids[i];
	}
	rc = imap_copyuid_map(validity, s, d, refs, n, landed);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%u", i ? "," : "",
		    landed[i].uid);
	for (i = 0; i < n && rc == 0; i++)
		if (landed[i].epoch != validity)
			rc = -2;
	if (s != NULL)
		mailimap_set_free(s);
	if (d != NULL)
		mailimap_set_free(d);
	return rc;
}

int
main(void)
{
	char		out[128];
	uint32_t	three[] = { 4, 5, 9 }, rev[] = { 9, 4, 5 }, one[] = { 7 };

	is_int(map(77, "4:5,9", "100:102", three, 3, out, sizeof out), 0, "ranges pair up");
	is_str(out, "100,101,102", "in order");
	is_int(map(77, "4:5,9", "100:102", rev, 3, out, sizeof out), 0,
	    "refs in another order than the set");
	is_str(out, "102,100,101", "each still gets its own");
	is_int(map(77, "9,5:4", "3,2:1", three, 3, out, sizeof out), 0,
	    "descending ranges are read as the server wrote them");
	is_str(out, "1,2,3", "9->3, 5->2, 4->1");
	is_int(map(77, "7", "42", one, 1, out, sizeof out), 0, "a single message");
	is_str(out, "42", "single uid");
	is_int(map(0, "7", "42", one, 1, out, sizeof out), -1, "no UIDVALIDITY: unusable");
	is_int(map(77, NULL, NULL, one, 1, out, sizeof out), -1, "no COPYUID at all: unusable");
	is_int(map(77, "4:5", "100:102", three, 3, out, sizeof out), -1,
	    "sets of different sizes: unusable");
	is_int(map(77, "4:5,8", "100:102", three, 3, out, sizeof out), -1,
	    "a moved message missing from the answer: unusable");
	is_int(map(77, "1:100000", "1:100000", one, 1, out, sizeof out), -1,
	    "a set bigger than what was moved is refused, not expanded");
	return done_testing();
}
