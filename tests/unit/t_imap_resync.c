/* t_imap_resync.c - VANISHED sets applied to the cached UIDs, and the IMAP records of the header cache. */
#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/hcache.h"
#include "core/flags.h"
#include "imap/imap_private.h"
#include "util/xmalloc.h"

static char	base[] = "/tmp/t_imap_resync.XXXXXX";

/* "a:b,c" as libetpan's parser gives it: items with 0 for '*'. */
static struct mailimap_set *
set_of(const uint32_t *pairs, size_t n)
{
	struct mailimap_set	*set = mailimap_set_new_empty();
	size_t			 i;

	for (i = 0; i < n; i++)
		mailimap_set_add_interval(set, pairs[2 * i], pairs[2 * i + 1]);
	return set;
}

static char *
marks(const unsigned char *gone, size_t n)
{
	char	*s = xmalloc(n + 1);
	size_t	 i;

	for (i = 0; i < n; i++)
		s[i] = gone[i] ? 'x' : '.';
	s[n] = '\0';
	return s;
}

static void
vanish(const char *name, const uint32_t *pairs, size_t npairs, const char *want,
    size_t want_n)
{
	static const uint32_t	 uids[] = { 1, 2, 5, 9, 10, 4000, 70000, 4294967295u };
	unsigned char		 gone[8] = { 0 };
	struct mailimap_set	*set = set_of(pairs, npairs);
	size_t			 got;
	char			*m;

	got = imap_resync_vanish(uids, 8, set, gone);
	m = marks(gone, 8);
	is_str(m, want, "%s: marks", name);
	is_int((long)got, (long)want_n, "%s: count", name);
	free(m);
	mailimap_set_free(set);
}

static void
test_vanish(void)
{
	unsigned char	gone[4] = { 0 };
	uint32_t	u[] = { 3, 4, 5, 6 };
	struct mailimap_set *set;

	vanish("single", (const uint32_t[]){ 5, 5 }, 1, "..x.....", 1);
	vanish("range", (const uint32_t[]){ 2, 10 }, 1, ".xxxx...", 4);
	vanish("reversed range", (const uint32_t[]){ 10, 2 }, 1, ".xxxx...", 4);
	vanish("no hit", (const uint32_t[]){ 11, 3999 }, 1, "........", 0);
	vanish("all", (const uint32_t[]){ 1, 4294967295u }, 1, "xxxxxxxx", 8);
	vanish("star", (const uint32_t[]){ 4001, 0 }, 1, "......xx", 2);
	vanish("overlap counted once", (const uint32_t[]){ 1, 5, 2, 9 }, 2, "xxxx....", 4);
	vanish("several", (const uint32_t[]){ 1, 1, 4000, 4000, 70000, 70001 }, 3,
	    "x....xx.", 3);
	is_int((long)imap_resync_vanish(u, 4, NULL, gone), 0, "no set: nothing");
	set = mailimap_set_new_empty();
	is_int((long)imap_resync_vanish(u, 4, set, gone), 0, "an empty set: nothing");
	mailimap_set_free(set);
	set = set_of((const uint32_t[]){ 1, 100 }, 1);
	is_int((long)imap_resync_vanish(u, 0, set, gone), 0, "no cached rows: nothing");
	mailimap_set_free(set);
}

static void
row(struct summary *s, uint32_t uid, const char *subject, unsigned flags, const char *kw)
{
	memset(s, 0, sizeof *s);
	s->ref.uid = uid;
	s->flags = flags;
	s->subject = subject != NULL ? xstrdup(subject) : NULL;
	s->from_addr = xstrdup("a@example.org");
	s->keywords = kw != NULL ? xstrdup(kw) : NULL;
	s->size = 1000 + uid;
	s->date = 1700000000 + uid;
}

static void
test_records(void)
{
	struct hcache_imap_state	 st = { 7, 40, 99 }, got;
	struct summary_vec		 v;
	struct summary			 s;
	struct hcache_txn		*t;
	struct hcache			*hc;
	struct bote_err			 err;
	struct buf			 b = BUF_INIT;
	char				*dir = xasprintf("%s/c", base);
	uint32_t			 uid;

	if ((hc = hcache_open(dir, &err)) == NULL) {
		printf("Bail out! %s\n", err.msg);
		exit(1);
	}
	t = hcache_begin(hc, &err);
	/* Put in reverse order: the load comes back by UID. */
	for (uid = 30; uid >= 10; uid -= 10) {
		row(&s, uid, uid == 20 ? NULL : "Hello", uid == 10 ? FLAG_SEEN | FLAG_FLAGGED : 0,
		    uid == 30 ? "$label1 work" : NULL);
		ok(hcache_put_imap(t, "INBOX", 7, &s) == 0, "put uid %u", uid);
		summary_free(&s);
	}
	row(&s, 5, "other uidvalidity", 0, NULL);
	hcache_put_imap(t, "INBOX", 6, &s);
	summary_free(&s);
	row(&s, 0, "uid 0", 0, NULL);
	ok(hcache_put_imap(t, "INBOX", 7, &s) == -1, "uid 0 is refused");
	summary_free(&s);
	hcache_put_imap_state(t, "INBOX", &st);
	ok(hcache_commit(t, &err) == 0, "commit");

	ok(hcache_imap_load(hc, "INBOX", &got, &v, &err) == 0, "load");
	is_int((long)got.uidvalidity, 7, "state: uidvalidity");
	is_int((long)got.uidnext, 40, "state: uidnext");
	is_int((long)got.modseq, 99, "state: modseq");
	is_int((long)v.n, 3, "three rows under uidvalidity 7, not the one under 6");
	if (v.n == 3) {
		is_int((long)v.v[0].ref.uid, 10, "by uid: 10 first");
		is_int((long)v.v[2].ref.uid, 30, "by uid: 30 last");
		is_int((long)v.v[0].ref.epoch, 7, "epoch is the uidvalidity");
		is_int((long)v.v[0].flags, FLAG_SEEN | FLAG_FLAGGED, "flags kept");
		is_str(v.v[0].subject, "Hello", "subject kept");
		ok(v.v[0].block != NULL, "rows come packed");
		ok(v.v[1].subject == NULL, "a NULL subject stays NULL");
		is_str(v.v[1].from_addr, "a@example.org", "other fields of that row kept");
		is_str(v.v[2].keywords, "$label1 work", "keywords kept");
		is_int((long)v.v[2].size, 1030, "size kept");
		is_int((long)v.v[2].date, 1700000030, "date kept");
	}
	summary_vec_free(&v);

	t = hcache_begin(hc, &err);
	hcache_del_imap(t, "INBOX", 7, 20);
	hcache_commit(t, &err);
	hcache_imap_load(hc, "INBOX", &got, &v, &err);
	is_int((long)v.n, 2, "a deleted row is gone");
	summary_vec_free(&v);

	ok(hcache_folder_drop(hc, "INBOX", &err) == 0, "drop the folder");
	hcache_imap_load(hc, "INBOX", &got, &v, &err);
	ok(v.n == 0 && got.uidvalidity == 0, "dropped: no rows, no state");
	summary_vec_free(&v);
	hcache_imap_load(hc, "Nowhere", &got, &v, &err);
	ok(v.n == 0 && got.uidvalidity == 0, "an unknown folder: empty");
	summary_vec_free(&v);

	is_int(hcache_blob_get(hc, "imap-folders", &b, &err), 0, "no blob yet");
	ok(hcache_blob_put(hc, "imap-folders", "abc\n", 4, &err) == 0, "put a blob");
	is_int(hcache_blob_get(hc, "imap-folders", &b, &err), 1, "get it back");
	ok(b.len == 4 && memcmp(b.data, "abc\n", 4) == 0, "same bytes");
	ok(hcache_blob_put(hc, "format", "x", 1, &err) == -1, "the format stamp cannot be replaced");
	buf_free(&b);
	hcache_close(hc);
	free(dir);
}

int
main(void)
{
	if (mkdtemp(base) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_vanish();
	test_records();
	tap_rm_tree(base);
	return done_testing();
}
