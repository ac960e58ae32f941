/* search_server.c - pattern terms to the server, one search per term, the rest decided locally. */
#include "worker/search_server.h"

#include <stdlib.h>
#include <string.h>

#include "core/flags.h"
#include "util/xmalloc.h"

int
search_server(struct session *s, const struct pattern *pat, const struct summary *rows,
    size_t n, time_t now, unsigned char *match, struct bote_err *err)
{
	struct pattern_term	 term;
	struct msgref		*refs;
	unsigned char		*hits, *row_hits;
	size_t			 nterms = pattern_nterms(pat), i, k;
	int			 rc = 0;

	if (nterms == 0 || n == 0)
		return 1;
	for (k = 0; k < nterms; k++)
		if (pattern_term(pat, k, &term) == -1)
			return 1;
	/* Borrowed refs: the rows outlive this call. */
	refs = xcalloc(n, sizeof *refs);
	for (i = 0; i < n; i++)
		refs[i] = rows[i].ref;
	/* hits[k * n + i]: term k holds for row i. */
	hits = xcalloc(nterms, n);
	for (k = 0; k < nterms && rc == 0; k++) {
		(void)pattern_term(pat, k, &term);
		if (session_search(s, &term, refs, n, hits + k * n, err) != 0)
			rc = err->kind == BOTE_ERR_UNSUPPORTED ? 1 : -1;
	}
	free(refs);
	if (rc != 0) {
		free(hits);
		return rc;
	}
	row_hits = xcalloc(nterms, 1);
	for (i = 0; i < n; i++) {
		for (k = 0; k < nterms; k++)
			row_hits[k] = hits[k * n + i];
		match[i] = pattern_match_hits(pat, &rows[i], (rows[i].flags & FLAG_TAGGED) != 0,
		    now, row_hits) == PAT_YES;
	}
	free(row_hits);
	free(hits);
	return 0;
}
