/* imap_search.c - pattern terms as UID SEARCH on the server, so a body search downloads no bodies. */
#include <stdlib.h>
#include <string.h>

#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Beyond this many UID ranges the search covers the whole folder, intersected here. */
#define SCOPE_RANGES_MAX	500

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* One field's key; libetpan takes ownership of the strings. */
static struct mailimap_search_key *
field_key(unsigned what, const struct pattern_term *t)
{
	switch (what) {
	case PATTERN_TERM_FROM:
		return mailimap_search_key_new_from(xstrdup(t->text));
	case PATTERN_TERM_TO:
		return mailimap_search_key_new_to(xstrdup(t->text));
	case PATTERN_TERM_CC:
		return mailimap_search_key_new_cc(xstrdup(t->text));
	case PATTERN_TERM_BODY:
		return mailimap_search_key_new_body(xstrdup(t->text));
	case PATTERN_TERM_TEXT:
		return mailimap_search_key_new_text(xstrdup(t->text));
	default:
		return mailimap_search_key_new_header(xstrdup(t->header), xstrdup(t->text));
	}
}

/* The term's fields ORed: "OR FROM x OR TO x CC x". */
static struct mailimap_search_key *
term_key(const struct pattern_term *t)
{
	struct mailimap_search_key	*key = NULL, *k;
	unsigned			 bit;

	for (bit = PATTERN_TERM_HEADER; bit != 0; bit >>= 1) {
		if (!(t->what & bit))
			continue;
		k = field_key(bit, t);
		key = key == NULL ? k : mailimap_search_key_new_or(k, key);
	}
	return key;
}

/*
 * The UIDs of refs of this folder as ranges ("4:9,12"), or NULL (the
 * whole folder) when there would be too many for one command line.
 */
static struct mailimap_set *
scope_set(struct drv *d, const struct msgref *refs, size_t n, size_t *nuids)
{
	struct mailimap_set	*set;
	uint32_t		*uids = xcalloc(n ? n : 1, sizeof *uids);
	size_t			 i, k = 0, ranges = 0, start;

	for (i = 0; i < n; i++)
		if (refs[i].epoch == d->uidvalidity && refs[i].uid != 0)
			uids[k++] = refs[i].uid;
	*nuids = k;
	qsort(uids, k, sizeof *uids, cmp_u32);
	set = mailimap_set_new_empty();
	for (i = 0; i < k; i = start) {
		for (start = i + 1; start < k && uids[start] <= uids[start - 1] + 1; start++)
			;
		mailimap_set_add_interval(set, uids[i], uids[start - 1]);
		ranges++;
	}
	free(uids);
	if (ranges > SCOPE_RANGES_MAX) {
		mailimap_set_free(set);
		return NULL;
	}
	return set;
}

static int
unsupported(struct drv *d, const char *reason, struct bote_err *err)
{
	imap_conn_error(err, BOTE_ERR_UNSUPPORTED, _("cannot search folder '%s' on the server"),
	    d->folder, reason);
	return -1;
}

int
imap_search(struct drv *d, const struct pattern_term *t, const struct msgref *refs, size_t n,
    unsigned char *hits, struct bote_err *err)
{
	struct mailimap_search_key	*key, *all;
	struct mailimap_set		*set;
	clist				*result = NULL;
	clistiter			*it;
	uint32_t			*found;
	size_t				 nfound = 0, nuids, i;
	int				 rc, utf8;

	memset(hits, 0, n);
	if (d->folder == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("no folder selected"));
		return -1;
	}
	if (imap_conn_ensure(d, err) == -1)
		return -1;
	utf8 = !is_ascii(t->text) || !is_ascii(t->header);
	/*
	 * 8-bit text must go as a literal (RFC 3501 quoted strings are 7-bit),
	 * and libetpan sends search literals only as LITERAL+.
	 */
	if (utf8 && !imap_conn_has(d->imap, 0, "LITERAL+"))
		return unsupported(d, _("the server takes no non-ASCII search text"), err);
	if ((key = term_key(t)) == NULL)
		return unsupported(d, _("nothing to search for"), err);
	set = scope_set(d, refs, n, &nuids);
	if (nuids == 0) {
		mailimap_search_key_free(key);
		if (set != NULL)
			mailimap_set_free(set);
		return 0;
	}
	if (set != NULL) {
		all = mailimap_search_key_new_multiple_empty();
		mailimap_search_key_multiple_add(all, mailimap_search_key_new_uid(set));
		mailimap_search_key_multiple_add(all, key);
		key = all;
	}
	imap_conn_limit(d, 16 * 1024 * 1024, 300);
	rc = mailimap_uid_search_literalplus(d->imap, utf8 ? "UTF-8" : NULL, key, &result);
	mailimap_search_key_free(key);
	if (rc != MAILIMAP_NO_ERROR) {
		/*
		 * A NO to a UTF-8 search is BADCHARSET in all but name (libetpan
		 * keeps only the text of the reply, not its code): read instead.
		 */
		if (rc != MAILIMAP_ERROR_STREAM && rc != MAILIMAP_ERROR_PARSE && utf8 &&
		    d->imap != NULL)
			return unsupported(d, _("the server has no UTF-8 search"), err);
		return imap_conn_fail(d, rc, _("cannot search folder '%s' on the server"),
		    d->folder, err);
	}
	found = xcalloc((size_t)clist_count(result) + 1, sizeof *found);
	for (it = clist_begin(result); it != NULL; it = clist_next(it))
		found[nfound++] = *(uint32_t *)clist_content(it);
	mailimap_search_result_free(result);
	qsort(found, nfound, sizeof *found, cmp_u32);
	for (i = 0; i < n; i++)
		hits[i] = refs[i].epoch == d->uidvalidity &&
		    bsearch(&refs[i].uid, found, nfound, sizeof *found, cmp_u32) != NULL;
	free(found);
	return 0;
}
