/*
 * imap_expunge.c - removing exactly bote's own \Deleted messages: UID
 * EXPUNGE with UIDPLUS; without it a plain EXPUNGE only when the server
 * holds no other \Deleted message in the folder, since EXPUNGE removes
 * every one of them, including mail another client only marked.
 */
#include <stdlib.h>
#include <string.h>

#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* 1 when every message the server has marked \Deleted is one of uids[0..n). */
static int
only_ours(struct drv *d, const uint32_t *uids, size_t n, struct bote_err *err)
{
	struct mailimap_search_key	*key;
	clist				*result = NULL;
	clistiter			*it;
	uint32_t			 uid;
	int				 rc, mine = 1;

	/*
	 * A server answers SEARCH from this session's view of the folder
	 * (Dovecot does), while EXPUNGE acts on what is stored now: NOOP
	 * first, so flags other clients set are in the view.
	 */
	imap_conn_limit(d, 16 * 1024 * 1024, 120);
	if ((rc = mailimap_noop(d->imap)) != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot expunge folder '%s'"), d->folder, err);
	key = mailimap_search_key_new(MAILIMAP_SEARCH_KEY_DELETED, NULL, NULL, NULL, NULL, NULL,
	    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL,
	    NULL, 0, NULL, NULL, NULL);
	imap_conn_limit(d, 16 * 1024 * 1024, 120);
	rc = mailimap_uid_search(d->imap, NULL, key, &result);
	mailimap_search_key_free(key);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot expunge folder '%s'"), d->folder, err);
	for (it = clist_begin(result); it != NULL && mine; it = clist_next(it)) {
		uid = *(uint32_t *)clist_content(it);
		mine = bsearch(&uid, uids, n, sizeof *uids, cmp_u32) != NULL;
	}
	mailimap_search_result_free(result);
	return mine;
}

int
imap_expunge_uids(struct drv *d, uint32_t *uids, size_t n, struct bote_err *err)
{
	struct mailimap_set	*set;
	size_t			 i;
	int			 rc;

	if (n == 0)
		return 0;
	qsort(uids, n, sizeof *uids, cmp_u32);
	if (d->has_uidplus) {
		set = mailimap_set_new_empty();
		for (i = 0; i < n; i++)
			mailimap_set_add_single(set, uids[i]);
		imap_conn_limit(d, 0, 120);
		rc = mailimap_uid_expunge(d->imap, set);
		mailimap_set_free(set);
	} else {
		if ((rc = only_ours(d, uids, n, err)) == -1)
			return -1;
		if (rc == 0)
			return 1;
		/*
		 * Between the NOOP and the EXPUNGE another client may still mark a
		 * message; the window is two round trips.
		 */
		imap_conn_limit(d, 0, 120);
		rc = mailimap_expunge(d->imap);
	}
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot expunge folder '%s'"), d->folder, err);
	return 0;
}
