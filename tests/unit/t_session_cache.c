/* t_session_cache.c - a session fills rows from the header cache in one merged pass, in any row order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/hcache.h"
#include "fake_drv.h"
#include "tap.h"
#include "util/xmalloc.h"
#include "worker/session.h"

/* ---- a driver whose files are a table; the test sets their order and sizes ---- */

#define NFILES	8

static const char *const names[NFILES] = {
	"1700000000.M1", "1700000000.M10", "1700000000.M2", "a", "ab", "abc", "b", "\xc3\xa9",
};
static uint64_t	sizes[NFILES] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static int	present[NFILES] = { 1, 1, 1, 1, 1, 1, 1, 1 };
static int	reversed;	/* rows in reverse table order, else table (name) order */
static int	with_nameless;	/* one row without a name, as a store without names has */
static size_t	nread;		/* rows the driver read headers for */

static int
fake_connect(struct drv *d, struct bote_err *err)
{
	(void)d;
	(void)err;
	return 0;
}

static int
fake_list(struct drv *d, int counts, struct folder_list *out, struct bote_err *err)
{
	(void)d;
	(void)counts;
	(void)out;
	(void)err;
	return 0;
}

static int
fake_select(struct drv *d, const char *folder, struct select_info *si, struct bote_err *err)
{
	(void)d;
	(void)folder;
	(void)err;
	memset(si, 0, sizeof *si);
	return 0;
}

static int
fake_index(struct drv *d, struct summary_vec *out, struct bote_err *err)
{
	size_t	i, k;

	(void)d;
	(void)err;
	out->v = xcalloc(NFILES + 1, sizeof *out->v);
	out->n = 0;
	for (k = 0; k < NFILES; k++) {
		i = reversed ? NFILES - 1 - k : k;
		if (!present[i])
			continue;
		out->v[out->n].ref.name = xstrdup(names[i]);
		out->v[out->n].size = sizes[i];
		out->v[out->n].mtime = 100;
		out->n++;
	}
	if (with_nameless)
		out->v[out->n++].ref.uid = 7;
	return 0;
}

static int
fake_summaries(struct drv *d, struct summary *rows, size_t n, struct bote_err *err)
{
	size_t	i;

	(void)d;
	(void)err;
	for (i = 0; i < n; i++) {
		free(rows[i].subject);
		rows[i].subject = xasprintf("%s of size %llu",
		    rows[i].ref.name ? rows[i].ref.name : "-", (unsigned long long)rows[i].size);
		nread++;
	}
	return 0;
}

static const struct drv_ops fake_ops = {
	.name = "fake",
	.create = fake_create,
	.destroy = fake_destroy,
	.connect = fake_connect,
	.disconnect = fake_disconnect,
	.list_folders = fake_list,
	.select = fake_select,
	.fetch_index = fake_index,
	.fetch_summaries = fake_summaries,
};

/* ---- helpers ---- */

static char	dir[] = "/tmp/bote-t-scache-XXXXXX";

/* Opens INBOX in a fresh session; returns how many rows carry the subject their file gives. */
static size_t
open_and_check(size_t *rows_out)
{
	struct drv_params	 p = { .account = "t", .path = "/", .cache_dir = dir };
	struct session		*s;
	struct summary_vec	 rows = { 0 };
	struct bote_err		 err;
	char			*want;
	size_t			 i, right = 0;

	nread = 0;
	if ((s = session_open(&fake_ops, &p, &err)) == NULL ||
	    session_open_folder(s, "INBOX", &rows, &err) != 0) {
		diag("open failed: %s", err.msg);
		session_close(s);
		return 0;
	}
	for (i = 0; i < rows.n; i++) {
		want = xasprintf("%s of size %llu", rows.v[i].ref.name ? rows.v[i].ref.name : "-",
		    (unsigned long long)rows.v[i].size);
		right += rows.v[i].subject != NULL && strcmp(rows.v[i].subject, want) == 0;
		free(want);
	}
	*rows_out = rows.n;
	summary_vec_free(&rows);
	session_close(s);
	return right;
}

/* Rows a select leaves for the files (the worker skips ordering by file date when none). */
static size_t
unfilled_after_select(void)
{
	struct drv_params	 p = { .account = "t", .path = "/", .cache_dir = dir };
	struct session		*s;
	struct summary_vec	 rows = { 0 };
	struct bote_err		 err;
	size_t			 n = (size_t)-1;

	if ((s = session_open(&fake_ops, &p, &err)) != NULL &&
	    session_select_index(s, "INBOX", &rows, &err) == 0)
		n = session_rows_unfilled(rows.v, rows.n);
	summary_vec_free(&rows);
	session_close(s);
	return n;
}

static size_t
cached_records(void)
{
	struct hcache		*hc;
	struct hcache_folder	 f;
	struct bote_err		 err;
	size_t			 n = 0;

	if ((hc = hcache_open(dir, &err)) == NULL)
		return 0;
	if (hcache_folder_load(hc, "INBOX", &f, &err) == 0)
		n = f.n;
	hcache_folder_free(&f);
	hcache_close(hc);
	return n;
}

int
main(void)
{
	size_t	n;

	if (mkdtemp(dir) == NULL)
		return 1;
	session_library_init();

	is_int(open_and_check(&n), NFILES, "first open: every row read from its file");
	is_int(nread, NFILES, "all of them");
	is_int(cached_records(), NFILES, "and cached");

	is_int(open_and_check(&n), NFILES, "rows in name order: every row right from the cache");
	is_int(nread, 0, "no file read");

	reversed = 1;
	is_int(open_and_check(&n), NFILES, "rows in reverse order: every row right from the cache");
	is_int(nread, 0, "no file read");

	/* "ab" changed; "a" (a prefix of it), "abc" and the last vanished; a nameless row came. */
	sizes[4] = 20;
	present[3] = present[5] = present[NFILES - 1] = 0;
	with_nameless = 1;
	is_int(open_and_check(&n), NFILES - 2, "changes: every row right");
	is_int(n, NFILES - 2, "five files and the nameless row");
	is_int(nread, 2, "the changed file and the nameless row were read");
	is_int(cached_records(), NFILES - 3, "records of vanished files deleted, the changed one rewritten");

	reversed = 0;
	is_int(open_and_check(&n), NFILES - 2, "again in name order: every row right");
	is_int(nread, 1, "only the nameless row read");
	is_int(unfilled_after_select(), 1, "after select only the nameless row is left to read");
	with_nameless = 0;
	is_int(unfilled_after_select(), 0, "and without it none");

	session_library_shutdown();
	tap_rm_tree(dir);
	return done_testing();
}
