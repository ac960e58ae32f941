/* imap_prefetch.c - reading a folder's header cache on a second thread while the server answers SELECT. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cache/hcache.h"
#include "imap/imap_private.h"
#include "util/xmalloc.h"

/*
 * An unchanged reopen of a big folder is two waits in a row: the server's
 * SELECT (Dovecot looks at every file of a Maildir INBOX) and decoding the
 * cached rows (100,000 of them).  Neither needs the other, so the rows are
 * read on a thread that lives exactly as long as the SELECT command: the
 * worker thread only talks to the server meanwhile and touches neither the
 * cache nor the rows, and it joins the thread as soon as the reply is in.
 * imap_resync_index then takes the rows instead of reading them itself.
 */
struct imap_prefetch {
	pthread_t			 th;
	struct hcache			*hc;
	char				*folder;
	struct hcache_imap_state	 st;
	struct summary_vec		 rows;
	int				 rc;
	int				 running;
};

static void *
prefetch_main(void *arg)
{
	struct imap_prefetch	*p = arg;
	struct bote_err		 err;

	p->rc = hcache_imap_load(p->hc, p->folder, &p->st, &p->rows, &err);
	return NULL;
}

void
imap_prefetch_start(struct drv *d, const char *folder)
{
	struct imap_prefetch	*p;

	imap_prefetch_drop(d);
	if (d->offline || imap_cache_handle(d) == NULL)
		return;
	p = xcalloc(1, sizeof *p);
	p->hc = d->hc;
	p->folder = xstrdup(folder);
	if (pthread_create(&p->th, NULL, prefetch_main, p) != 0) {
		/* No thread: fetch_index reads the cache itself, as it always could. */
		free(p->folder);
		free(p);
		return;
	}
	p->running = 1;
	d->pre = p;
}

void
imap_prefetch_join(struct drv *d)
{
	if (d->pre != NULL && d->pre->running) {
		pthread_join(d->pre->th, NULL);
		d->pre->running = 0;
	}
}

int
imap_prefetch_take(struct drv *d, const char *folder, struct hcache_imap_state *st,
    struct summary_vec *rows)
{
	struct imap_prefetch	*p;
	int			 ok;

	imap_prefetch_join(d);
	if ((p = d->pre) == NULL)
		return 0;
	ok = p->rc == 0 && folder != NULL && strcmp(p->folder, folder) == 0;
	if (ok) {
		*st = p->st;
		*rows = p->rows;
		memset(&p->rows, 0, sizeof p->rows);
	}
	imap_prefetch_drop(d);
	return ok;
}

void
imap_prefetch_drop(struct drv *d)
{
	struct imap_prefetch	*p;

	imap_prefetch_join(d);
	if ((p = d->pre) == NULL)
		return;
	summary_vec_free(&p->rows);
	free(p->folder);
	free(p);
	d->pre = NULL;
}
