/* listing.c - building the message list's display order: sort, threads, limit, collapsed threads. */
#include "listing.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/flags.h"
#include "util/xmalloc.h"
#include "views.h"

struct sort_ctx {
	const struct summary	*rows;
	enum sort_key		 key;
	int			 reverse;
};

static int
cmp_index(const void *a, const void *b, void *arg)
{
	const struct sort_ctx	*c = arg;
	int			 r;

	r = sort_compare(&c->rows[*(const size_t *)a], &c->rows[*(const size_t *)b], c->key);
	return c->reverse ? -r : r;
}

/* Whether row r passes the limit; body patterns use the worker's verdict. */
static int
passes(const struct tui *t, size_t r, time_t now)
{
	const struct listing	*l = &t->list;
	enum pattern_result	 m;

	if (l->limit == NULL)
		return 1;
	m = pattern_match(l->limit, &t->rows.v[r], (t->rows.v[r].flags & FLAG_TAGGED) != 0, now);
	if (m == PAT_NEED_BODY)
		return l->match != NULL && r < l->nmatch && l->match[r];
	return m == PAT_YES;
}

static void
build_sorted(struct tui *t, time_t now)
{
	struct listing	*l = &t->list;
	struct sort_ctx	 c = { t->rows.v, l->key, l->reverse };
	size_t		 i;

	int		 sorted = 1;

	for (i = 0; i < t->rows.n; i++)
		if (passes(t, i, now))
			l->rows[l->n++] = i;
	/* The worker sends rows by date: then the usual order needs no sort at all. */
	for (i = 1; sorted && i < l->n; i++)
		sorted = cmp_index(&l->rows[i - 1], &l->rows[i], &c) <= 0;
	if (l->n > 1 && !sorted)
		qsort_r(l->rows, l->n, sizeof *l->rows, cmp_index, &c);
}

static void
build_threaded(struct tui *t, int rows_changed, time_t now)
{
	struct listing		*l = &t->list;
	struct thread_opts	 o = { .sort = THREAD_SORT_FIRST, .reverse = l->reverse };
	size_t			 i, pos;

	if (rows_changed || l->tv == NULL) {
		thread_free(l->tv);
		l->tv = thread_build(t->rows.v, t->rows.n, &o);
	}
	l->tpos = xreallocarray(l->tpos, t->rows.n ? t->rows.n : 1, sizeof *l->tpos);
	for (i = 0; i < l->tv->nvisible; i++) {
		pos = l->tv->visible[i];
		if (!passes(t, l->tv->order[pos], now))
			continue;
		l->tpos[l->n] = pos;
		l->rows[l->n++] = l->tv->order[pos];
	}
}

void
listing_rebuild(struct tui *t, int rows_changed)
{
	struct listing	*l = &t->list;
	size_t		 cur = SIZE_MAX;
	long		 p;
	time_t		 now = time(NULL);

	if (t->sel < l->n)
		cur = l->rows[t->sel];
	if (rows_changed)
		cur = SIZE_MAX;	/* indices mean other rows now; take_rows placed the cursor */
	l->rows = xreallocarray(l->rows, t->rows.n ? t->rows.n : 1, sizeof *l->rows);
	l->n = 0;
	if (!l->threaded) {
		thread_free(l->tv);
		l->tv = NULL;
		build_sorted(t, now);
	} else
		build_threaded(t, rows_changed, now);
	if (cur != SIZE_MAX && (p = listing_pos(t, cur)) >= 0)
		t->sel = (size_t)p;
	else if (rows_changed && t->want_row < t->rows.n &&
	    (p = listing_pos(t, t->want_row)) >= 0)
		t->sel = (size_t)p;
	else if (t->sel >= l->n)
		t->sel = l->n ? l->n - 1 : 0;
	view_index_clamp(t);
}

struct summary *
listing_row(struct tui *t, size_t pos)
{
	return pos < t->list.n ? &t->rows.v[t->list.rows[pos]] : NULL;
}

long
listing_pos(const struct tui *t, size_t r)
{
	size_t	i;

	for (i = 0; i < t->list.n; i++)
		if (t->list.rows[i] == r)
			return (long)i;
	return -1;
}

struct summary *
listing_current(struct tui *t)
{
	return listing_row(t, t->sel);
}

void
listing_free(struct listing *l)
{
	free(l->rows);
	free(l->tpos);
	thread_free(l->tv);
	pattern_free(l->limit);
	free(l->limit_text);
	free(l->match);
	memset(l, 0, sizeof *l);
}
