/* t_hcache.c - the header cache gives back what it was given, survives kill -9, replaces broken files. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <lmdb.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache/hcache.h"
#include "cache/hcache_private.h"
#include "util/xmalloc.h"
#include "tap.h"

static char	 base[] = "/tmp/t_hcache.XXXXXX";

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
nap(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Resident memory in KiB: "RssAnon" (the heap) or "RssFile" (the map, among others). */
static long
rss_kib(const char *which)
{
	FILE	*f = fopen("/proc/self/status", "r");
	char	 line[256];
	long	 kib = 0;
	size_t	 len = strlen(which);

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, which, len) == 0 && line[len] == ':')
			kib = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return kib;
}

static char *
sub(const char *name)
{
	return xasprintf("%s/%s", base, name);
}

static struct hcache *
must_open(const char *dir)
{
	struct bote_err	 err;
	struct hcache	*hc;

	bote_err_clear(&err);
	hc = hcache_open(dir, &err);
	if (hc == NULL) {
		printf("Bail out! cannot open header cache '%s': %s\n", dir, err.msg);
		exit(1);
	}
	return hc;
}

static size_t
load_count(struct hcache *hc, const char *folder)
{
	struct hcache_folder	f;
	struct bote_err		err;
	size_t			n;

	if (hcache_folder_load(hc, folder, &f, &err) != 0) {
		diag("load '%s': %s", folder, err.msg);
		return (size_t)-1;
	}
	n = f.n;
	hcache_folder_free(&f);
	return n;
}

/* The summary the cache is fed for message n: every field derived from n. */
static void
make_summary(struct summary *s, unsigned n)
{
	memset(s, 0, sizeof *s);
	s->date = 1700000000 + (time_t)n;
	s->from_name = xasprintf("Sender %u", n);
	s->from_addr = xasprintf("s%u@example.org", n);
	s->to = xasprintf("to%u@example.org", n);
	s->subject = xasprintf("msg-%u", n);
	s->message_id = xasprintf("id%u@example.org", n);
	s->in_reply_to = n % 3 ? xasprintf("id%u@example.org", n - 1) : NULL;
	s->references = n % 3 ? xasprintf("<id%u@example.org> <id%u@example.org>",
	    n / 2, n - 1) : NULL;
	s->has_attachments = n % 2;
}

static void
unique_of(char *buf, size_t len, unsigned n)
{
	snprintf(buf, len, "1700000000.M%uP42.host", n);
}

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
same_summary(const struct summary *a, const struct summary *b)
{
	return a->date == b->date && a->has_attachments == b->has_attachments &&
	    same_str(a->from_name, b->from_name) && same_str(a->from_addr, b->from_addr) &&
	    same_str(a->to, b->to) && same_str(a->subject, b->subject) &&
	    same_str(a->message_id, b->message_id) &&
	    same_str(a->in_reply_to, b->in_reply_to) &&
	    same_str(a->references, b->references);
}

static int
put_range(struct hcache *hc, const char *folder, unsigned from, unsigned to,
    unsigned batch, struct bote_err *err)
{
	struct hcache_txn	*t = NULL;
	struct summary		 s;
	char			 u[64];
	unsigned		 n;

	bote_err_clear(err);
	for (n = from; n < to; n++) {
		if (t == NULL)
			t = hcache_begin(hc, err);
		make_summary(&s, n);
		unique_of(u, sizeof u, n);
		if (hcache_put_maildir(t, folder, u, n, (int64_t)n * 2, &s) != 0) {
			summary_free(&s);
			hcache_abort(t);
			return -1;
		}
		summary_free(&s);
		if ((n + 1 - from) % batch == 0 || n + 1 == to) {
			if (hcache_commit(t, err) != 0)
				return -1;
			t = NULL;
		}
	}
	return 0;
}

/* Every entry of a load decodes to what message n was; n taken from the unique name. */
static int
check_entries(const struct hcache_folder *f, unsigned *seen_max)
{
	struct summary	got, want;
	unsigned	n;
	size_t		i;
	int		good = 1;

	*seen_max = 0;
	for (i = 0; i < f->n && good; i++) {
		if (sscanf(f->v[i].unique, "1700000000.M%uP42.host", &n) != 1)
			return 0;
		memset(&got, 0, sizeof got);
		hcache_entry_fill(&f->v[i], &got);
		make_summary(&want, n);
		good = same_summary(&got, &want) && f->v[i].size == n &&
		    f->v[i].mtime == (int64_t)n * 2 &&
		    hcache_folder_find(f, f->v[i].unique, f->v[i].ulen) == &f->v[i];
		if (!good)
			diag("record %u does not match", n);
		if (n > *seen_max)
			*seen_max = n;
		summary_free(&got);
		summary_free(&want);
	}
	return good;
}

static char *
repeat(const char *s, size_t times)
{
	size_t	 len = strlen(s), i;
	char	*out = xmalloc(len * times + 1);

	for (i = 0; i < times; i++)
		memcpy(out + i * len, s, len);
	out[len * times] = '\0';
	return out;
}

static void
fill_back(const struct hcache_folder *f, const char *unique, struct summary *got,
    const char *what)
{
	const struct hcache_entry	*e;

	memset(got, 0, sizeof *got);
	e = hcache_folder_find(f, unique, strlen(unique));
	ok(e != NULL, "%s: found", what);
	if (e != NULL)
		hcache_entry_fill(e, got);
}

static void
test_roundtrip(void)
{
	char			*dir = sub("a/b/c"), *big, *refs, *name;
	struct hcache		*hc;
	struct hcache_txn	*t;
	struct hcache_folder	 f;
	struct summary		 full, nulls, empty, wide, got;
	struct bote_err		 err;
	const struct hcache_entry *e;
	struct stat		 st;

	hc = must_open(dir);
	ok(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700,
	    "cache directory created with parents, mode 0700");

	memset(&full, 0, sizeof full);
	full.date = 1712345678;
	full.from_name = "Ada Lovelace";
	full.from_addr = "ada@example.org";
	full.to = "Charles Babbage <cb@example.org>";
	full.subject = "Re: engines";
	full.message_id = "m1@example.org";
	full.in_reply_to = "m0@example.org";
	full.references = "<m-1@example.org> <m0@example.org>";
	full.has_attachments = 1;
	memset(&nulls, 0, sizeof nulls);
	memset(&empty, 0, sizeof empty);
	empty.from_name = empty.from_addr = empty.to = empty.subject = "";
	empty.message_id = empty.in_reply_to = empty.references = "";
	big = repeat("Grüße, 日本語 🙂 ", 8000);
	refs = repeat("<a-very-long-message-id@example.org> ", 600);
	memset(&wide, 0, sizeof wide);
	wide.date = -86400;
	wide.from_name = "Jürgen Ünlü";
	wide.from_addr = "j@exämple.de";
	wide.to = "ℌ𝔢𝔩𝔩𝔬";
	wide.subject = big;
	wide.message_id = "x";
	wide.references = refs;

	t = hcache_begin(hc, &err);
	ok(hcache_put_maildir(t, "INBOX", "full", 1234, 1700000001, &full) == 0, "put full");
	ok(hcache_put_maildir(t, "INBOX", "nulls", 0, 0, &nulls) == 0, "put all-NULL");
	ok(hcache_put_maildir(t, "INBOX", "empty", 1, -5, &empty) == 0, "put all-empty");
	ok(hcache_put_maildir(t, "INBOX", "wide", UINT64_MAX, INT64_MIN, &wide) == 0,
	    "put long non-ASCII");
	ok(hcache_put_maildir(t, "", "x", 1, 1, &full) == -1, "empty folder name refused");
	ok(hcache_put_maildir(t, "INBOX", "", 1, 1, &full) == -1, "empty unique refused");
	name = repeat("u", 256);
	ok(hcache_put_maildir(t, "INBOX", name, 1, 1, &full) == -1, "256-byte unique refused");
	free(name);
	name = repeat("f", 512);
	ok(hcache_put_maildir(t, name, "u", 1, 1, &full) == -1, "512-byte folder refused");
	ok(hcache_commit(t, &err) == 0, "commit after refused puts: %s", err.msg);

	ok(hcache_folder_load(hc, "INBOX", &f, &err) == 0, "load INBOX");
	is_int(f.n, 4, "four records");
	is_int(f.bad, 0, "none bad");
	ok(load_count(hc, name) == 0, "loading a too long folder name is a miss");
	free(name);

	fill_back(&f, "full", &got, "full");
	ok(same_summary(&got, &full), "every field comes back");
	e = hcache_folder_find(&f, "full", 4);
	ok(e != NULL && e->size == 1234 && e->mtime == 1700000001 && e->ulen == 4 &&
	    strcmp(e->unique, "full") == 0, "size, mtime and unique name");
	/* Filling again frees what it replaces (ASan would see a leak) and keeps ref and flags. */
	got.ref.name = xstrdup("keep");
	got.flags = 7;
	got.size = 99;
	got.keywords = xstrdup("ab");
	hcache_entry_fill(e, &got);
	ok(same_summary(&got, &full) && strcmp(got.ref.name, "keep") == 0 &&
	    got.flags == 7 && got.size == 99 && strcmp(got.keywords, "ab") == 0,
	    "fill leaves ref, flags, size and keywords alone");
	summary_free(&got);

	fill_back(&f, "nulls", &got, "nulls");
	ok(same_summary(&got, &nulls) && got.subject == NULL && got.date == 0,
	    "NULL strings stay NULL");
	summary_free(&got);
	fill_back(&f, "empty", &got, "empty");
	ok(same_summary(&got, &empty) && got.subject != NULL, "empty strings stay empty");
	summary_free(&got);
	e = hcache_folder_find(&f, "wide", 4);
	fill_back(&f, "wide", &got, "wide");
	ok(same_summary(&got, &wide), "long and non-ASCII strings come back");
	ok(e != NULL && e->size == UINT64_MAX && e->mtime == INT64_MIN,
	    "extreme size and mtime");
	summary_free(&got);
	ok(hcache_folder_find(&f, "ful", 3) == NULL, "a prefix of a name is a miss");
	ok(hcache_folder_find(&f, "fullx", 5) == NULL, "a longer name is a miss");
	hcache_folder_free(&f);
	hcache_folder_free(&f);

	t = hcache_begin(hc, &err);
	hcache_put_maildir(t, "INBOX", "aborted", 1, 1, &full);
	hcache_abort(t);
	hcache_abort(NULL);
	is_int(load_count(hc, "INBOX"), 4, "an aborted batch writes nothing");

	hcache_close(hc);
	hc = must_open(dir);
	ok(hcache_folder_load(hc, "INBOX", &f, &err) == 0 && f.n == 4, "reopen keeps records");
	fill_back(&f, "wide", &got, "wide after reopen");
	ok(same_summary(&got, &wide), "fields survive a reopen");
	summary_free(&got);
	hcache_folder_free(&f);
	free(refs);
	free(big);
	hcache_close(hc);
	hcache_close(NULL);
	free(dir);
}

static int
subject_is(struct hcache *hc, const char *folder, const char *unique, const char *want)
{
	struct hcache_folder		 f;
	const struct hcache_entry	*e;
	struct summary			 s;
	int				 same;

	memset(&s, 0, sizeof s);
	if (hcache_folder_load(hc, folder, &f, NULL) != 0)
		return 0;
	if ((e = hcache_folder_find(&f, unique, strlen(unique))) != NULL)
		hcache_entry_fill(e, &s);
	same = same_str(s.subject, want);
	summary_free(&s);
	hcache_folder_free(&f);
	return same;
}

static void
test_folders(void)
{
	static const char	*names[] = { "A", "AB", "A/B", "A.B", "B", "a" };
	char			*dir = sub("folders"), u[32];
	struct hcache		*hc = must_open(dir);
	struct hcache_txn	*t;
	struct summary		 s;
	struct bote_err		 err;
	size_t			 i, j;

	t = hcache_begin(hc, &err);
	for (i = 0; i < 6; i++) {
		memset(&s, 0, sizeof s);
		s.subject = (char *)names[i];
		hcache_put_maildir(t, names[i], "same", i, i, &s);
		for (j = 0; j <= i; j++) {
			snprintf(u, sizeof u, "only-%zu-%zu", i, j);
			hcache_put_maildir(t, names[i], u, j, j, &s);
		}
	}
	ok(hcache_commit(t, &err) == 0, "commit six folders: %s", err.msg);
	for (i = 0; i < 6; i++) {
		is_int(load_count(hc, names[i]), i + 2, "folder '%s' has only its records",
		    names[i]);
		ok(subject_is(hc, names[i], "same", names[i]),
		    "folder '%s': a shared unique name is its own", names[i]);
	}
	is_int(load_count(hc, "C"), 0, "an unknown folder is empty");

	t = hcache_begin(hc, &err);
	ok(hcache_del_maildir(t, "A", "same") == 0, "delete");
	ok(hcache_del_maildir(t, "A", "never-there") == 0, "delete a missing record");
	ok(hcache_del_maildir(t, "Nowhere", "x") == 0, "delete in a missing folder");
	ok(hcache_commit(t, &err) == 0, "commit deletes: %s", err.msg);
	is_int(load_count(hc, "A"), 1, "record deleted from A");
	ok(subject_is(hc, "A", "same", NULL), "deleted record is a miss");
	ok(subject_is(hc, "AB", "same", "AB"), "same name in AB untouched");

	ok(hcache_folder_drop(hc, "A", &err) == 0, "drop A: %s", err.msg);
	ok(hcache_folder_drop(hc, "Nowhere", &err) == 0, "drop a missing folder");
	is_int(load_count(hc, "A"), 0, "A is empty after drop");
	is_int(load_count(hc, "AB"), 3, "AB survives the drop of A");
	is_int(load_count(hc, "A/B"), 4, "A/B survives the drop of A");
	memset(&s, 0, sizeof s);
	s.subject = "again";
	t = hcache_begin(hc, &err);
	hcache_put_maildir(t, "A", "new", 1, 1, &s);
	ok(hcache_commit(t, &err) == 0, "write to a dropped folder");
	is_int(load_count(hc, "A"), 1, "a dropped folder starts empty again");
	ok(subject_is(hc, "A", "new", "again"), "its new record reads back");

	/* Overwrite, and delete then put in one batch: the last operation wins. */
	t = hcache_begin(hc, &err);
	s.subject = "first";
	hcache_put_maildir(t, "B", "same", 1, 1, &s);
	s.subject = "second";
	hcache_put_maildir(t, "B", "same", 2, 2, &s);
	hcache_del_maildir(t, "B", "only-4-0");
	hcache_put_maildir(t, "B", "only-4-0", 3, 3, &s);
	hcache_del_maildir(t, "B", "only-4-1");
	ok(hcache_commit(t, &err) == 0, "mixed batch");
	ok(subject_is(hc, "B", "same", "second"), "a later put replaces an earlier one");
	ok(subject_is(hc, "B", "only-4-0", "second"), "put after delete");
	is_int(load_count(hc, "B"), 5, "delete in a batch");
	hcache_close(hc);
	free(dir);
}

/* Opens the cache's environment with LMDB directly, as another program would. */
static MDB_env *
raw_open(const char *dir)
{
	MDB_env	*env;

	mdb_env_create(&env);
	mdb_env_set_maxdbs(env, 8);
	mdb_env_set_mapsize(env, (size_t)1 << 30);
	if (mdb_env_open(env, dir, 0, 0600) != 0) {
		mdb_env_close(env);
		return NULL;
	}
	return env;
}

static int
raw_put(const char *dir, const char *db, const void *key, size_t klen,
    const void *val, size_t vlen)
{
	MDB_env	*env = raw_open(dir);
	MDB_txn	*txn;
	MDB_dbi	 dbi;
	MDB_val	 k = { klen, (void *)key }, v = { vlen, (void *)val };
	int	 rc;

	if (env == NULL)
		return -1;
	mdb_txn_begin(env, NULL, 0, &txn);
	if ((rc = mdb_dbi_open(txn, db, MDB_CREATE, &dbi)) == 0)
		rc = mdb_put(txn, dbi, &k, &v, 0);
	rc = rc == 0 ? mdb_txn_commit(txn) : (mdb_txn_abort(txn), rc);
	mdb_env_close(env);
	return rc == 0 ? 0 : -1;
}

static void
fill_one(const char *dir, const char *folder, unsigned n)
{
	struct hcache	*hc = must_open(dir);
	struct bote_err	 err;

	if (put_range(hc, folder, 0, n, 1000, &err) != 0)
		diag("fill: %s", err.msg);
	hcache_close(hc);
}

static void
test_format(void)
{
	char			*dir = sub("format");
	unsigned char		 stamp[8];
	struct hcache		*hc;
	struct bote_err		 err;

	fill_one(dir, "INBOX", 10);
	hcache_codec_put_le32(stamp, HCACHE_FORMAT + 1);
	hcache_codec_put_le32(stamp + 4, hcache_codec_layout());
	ok(raw_put(dir, "meta", "format", 6, stamp, 8) == 0, "stamp another format");
	bote_err_clear(&err);
	hc = hcache_open(dir, &err);
	ok(hc != NULL && err.kind == BOTE_ERR_NONE, "another format opens without error");
	is_int(load_count(hc, "INBOX"), 0, "and is empty");
	hcache_close(hc);

	fill_one(dir, "INBOX", 10);
	hcache_codec_put_le32(stamp, HCACHE_FORMAT);
	hcache_codec_put_le32(stamp + 4, hcache_codec_layout() ^ 1);
	raw_put(dir, "meta", "format", 6, stamp, 8);
	hc = must_open(dir);
	is_int(load_count(hc, "INBOX"), 0, "another layout hash: empty");
	hcache_close(hc);

	fill_one(dir, "INBOX", 10);
	raw_put(dir, "meta", "format", 6, "v1", 2);
	hc = must_open(dir);
	is_int(load_count(hc, "INBOX"), 0, "a malformed stamp: empty");
	ok(put_range(hc, "INBOX", 0, 10, 10, &err) == 0, "and writable");
	is_int(load_count(hc, "INBOX"), 10, "records written after a rebuild read back");
	hcache_close(hc);
	free(dir);
}

static size_t
count_broken(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*de;
	size_t		 n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, "data.mdb.broken-", 16) == 0;
	closedir(d);
	return n;
}

static void
write_file(const char *path, const void *p, size_t len)
{
	int	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd == -1 || write(fd, p, len) != (ssize_t)len)
		diag("cannot write '%s'", path);
	if (fd != -1)
		close(fd);
}

/* The cache in dir was replaced by a working, empty one. */
static void
check_fresh(const char *dir, const char *what)
{
	struct hcache	*hc;
	struct bote_err	 err;

	bote_err_clear(&err);
	hc = hcache_open(dir, &err);
	ok(hc != NULL, "%s: opens (%s)", what, err.msg);
	if (hc == NULL)
		return;
	is_int(load_count(hc, "INBOX"), 0, "%s: empty", what);
	ok(put_range(hc, "INBOX", 0, 50, 50, &err) == 0 && load_count(hc, "INBOX") == 50,
	    "%s: writable", what);
	hcache_close(hc);
}

static void
test_broken(void)
{
	char		*dir = sub("broken"), *data, *lock, *target;
	struct hcache	*hc;
	struct bote_err	 err;
	unsigned char	 junk[65536];
	size_t		 i;
	struct stat	 st;

	data = xasprintf("%s/data.mdb", dir);
	lock = xasprintf("%s/lock.mdb", dir);
	srandom(42);
	for (i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)random();

	fill_one(dir, "INBOX", 10);
	write_file(data, junk, sizeof junk);
	check_fresh(dir, "random bytes");
	ok(count_broken(dir) == 1, "the broken file is kept aside");

	/* The lock file is rebuilt by its first user: a garbage one costs nothing. */
	hc = must_open(dir);
	put_range(hc, "INBOX", 0, 70, 10, &err);
	hcache_close(hc);
	write_file(lock, junk, sizeof junk);
	hc = must_open(dir);
	is_int(load_count(hc, "INBOX"), 70, "a garbage lock file: the data is kept");
	hcache_close(hc);

	/* Page numbers past the end of the file would be a SIGBUS in LMDB. */
	fill_one(dir, "INBOX", 20000);
	stat(data, &st);
	ok(truncate(data, st.st_size / 2) == 0, "truncate to half");
	check_fresh(dir, "truncated to half");
	fill_one(dir, "INBOX", 10);
	ok(truncate(data, 4096) == 0, "truncate to one page");
	check_fresh(dir, "truncated to one page");
	fill_one(dir, "INBOX", 10);
	ok(truncate(data, 100) == 0, "truncate to 100 bytes");
	check_fresh(dir, "truncated to 100 bytes");
	fill_one(dir, "INBOX", 10);
	ok(truncate(data, 0) == 0, "truncate to nothing");
	check_fresh(dir, "an empty file");

	/* Another program's LMDB file: plain records, or "meta" not a database. */
	unlink(data);
	unlink(lock);
	raw_put(dir, NULL, "meta", 4, "not a database", 14);
	check_fresh(dir, "a foreign file with a 'meta' record");
	unlink(data);
	unlink(lock);
	raw_put(dir, NULL, "key", 3, "value", 5);
	check_fresh(dir, "a foreign file");

	/* A data file that is a symlink is not followed into its target. */
	target = sub("elsewhere");
	write_file(target, "precious", 8);
	unlink(data);
	unlink(lock);
	ok(symlink(target, data) == 0, "data.mdb is a symlink");
	check_fresh(dir, "a symlinked data.mdb");
	ok(lstat(data, &st) == 0 && S_ISREG(st.st_mode) && stat(target, &st) == 0 &&
	    st.st_size == 8, "the symlink's target is untouched");

	if (geteuid() == 0) {
		ok(chown(data, 65534, 65534) == 0, "chown data.mdb");
		check_fresh(dir, "a data.mdb owned by another user");
	} else {
		ok(chmod(data, 0) == 0, "chmod data.mdb");
		check_fresh(dir, "an unreadable data.mdb");
	}
	free(target);
	free(lock);
	free(data);
	free(dir);
}

static void
test_refuse(void)
{
	char		*dir = sub("real"), *link = sub("link"), *slash, *other;
	struct hcache	*hc;
	struct bote_err	 err;

	mkdir(dir, 0700);
	ok(symlink(dir, link) == 0, "symlink to a directory");
	hc = hcache_open(link, &err);
	ok(hc == NULL && strstr(err.msg, "symbolic link") != NULL,
	    "a symlinked directory is refused: %s", err.msg);
	hcache_close(hc);
	slash = xasprintf("%s/", link);
	hc = hcache_open(slash, &err);
	ok(hc == NULL, "also with a trailing slash");
	hcache_close(hc);
	other = sub("other");
	mkdir(other, 0700);
	if (geteuid() == 0) {
		ok(chown(other, 65534, 65534) == 0, "chown a directory");
	} else {
		free(other);
		other = xstrdup("/");
	}
	hc = hcache_open(other, &err);
	ok(hc == NULL && strstr(err.msg, "owned by another user") != NULL,
	    "a directory of another user is refused: %s", err.msg);
	hcache_close(hc);
	free(slash);
	free(other);
	free(link);
	free(dir);
}

/* Rewrites the value of the record whose key ends in unique. */
static int
raw_corrupt(const char *dir, const char *unique, const void *val, size_t vlen,
    unsigned char *prefix)
{
	MDB_env		*env = raw_open(dir);
	MDB_txn		*txn;
	MDB_dbi		 dbi;
	MDB_cursor	*cur;
	MDB_val		 k, v, nv = { vlen, (void *)val };
	size_t		 ulen = strlen(unique);
	int		 rc, done = 0;

	if (env == NULL)
		return -1;
	mdb_txn_begin(env, NULL, 0, &txn);
	mdb_dbi_open(txn, "summaries", 0, &dbi);
	mdb_cursor_open(txn, dbi, &cur);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && !done;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != HCACHE_PREFIX + ulen ||
		    memcmp((char *)k.mv_data + HCACHE_PREFIX, unique, ulen) != 0)
			continue;
		memcpy(prefix, k.mv_data, HCACHE_PREFIX);
		done = mdb_cursor_put(cur, &k, &nv, MDB_CURRENT) == 0;
	}
	mdb_cursor_close(cur);
	mdb_txn_commit(txn);
	mdb_env_close(env);
	return done ? 0 : -1;
}

static void
test_corrupt_values(void)
{
	char			*dir = sub("values");
	struct hcache		*hc = must_open(dir);
	struct hcache_txn	*t;
	struct hcache_folder	 f;
	struct summary		 s, got;
	struct buf		 good = BUF_INIT;
	unsigned char		 prefix[HCACHE_PREFIX], v[HCACHE_HEAD + 8], key[16];
	struct bote_err		 err;
	int			 i;
	static const char	*names[] = { "good1", "bad1", "bad2", "bad3", "bad4",
	    "bad5", "good2" };

	memset(&s, 0, sizeof s);
	s.subject = "fine";
	s.from_addr = "x@example.org";
	t = hcache_begin(hc, &err);
	for (i = 0; i < 7; i++)
		hcache_put_maildir(t, "C", names[i], 10, 20, &s);
	hcache_commit(t, &err);
	hcache_close(hc);
	hcache_codec_encode(&good, 10, 20, &s);

	ok(raw_corrupt(dir, "bad1", "short", 5, prefix) == 0, "corrupt: too short");
	memcpy(v, good.data, HCACHE_HEAD);
	hcache_codec_put_le32(v + 28 + 4 * 3, 1000);
	ok(raw_corrupt(dir, "bad2", v, HCACHE_HEAD + 8, prefix) == 0,
	    "corrupt: a length past the end");
	for (i = 0; i < HCACHE_NSTR; i++)
		hcache_codec_put_le32(v + 28 + 4 * i, 0xfffffff0U);
	ok(raw_corrupt(dir, "bad3", v, HCACHE_HEAD + 8, prefix) == 0,
	    "corrupt: lengths that overflow 32 bits");
	memcpy(v, good.data, HCACHE_HEAD);
	v[24] = 'I';
	ok(raw_corrupt(dir, "bad4", v, HCACHE_HEAD, prefix) == 0, "corrupt: wrong type");
	memcpy(v, good.data, HCACHE_HEAD);
	ok(raw_corrupt(dir, "bad5", v, HCACHE_HEAD + 1, prefix) == 0,
	    "corrupt: a byte too many");
	/* Keys the cache never writes: no unique name, an IMAP record in the same folder. */
	memcpy(key, prefix, HCACHE_PREFIX);
	raw_put(dir, "summaries", key, HCACHE_PREFIX, good.data, good.len);
	key[4] = HCACHE_REC_IMAP;
	memset(key + HCACHE_PREFIX, 1, 8);
	raw_put(dir, "summaries", key, HCACHE_PREFIX + 8, good.data, good.len);
	buf_free(&good);

	hc = must_open(dir);
	ok(hcache_folder_load(hc, "C", &f, &err) == 0, "load with corrupt records");
	is_int(f.n, 2, "the good records load");
	is_int(f.bad, 6, "the bad ones are counted");
	for (i = 1; i <= 5; i++)
		ok(hcache_folder_find(&f, names[i], strlen(names[i])) == NULL,
		    "'%s' is a miss", names[i]);
	fill_back(&f, "good2", &got, "good2");
	ok(got.subject != NULL && strcmp(got.subject, "fine") == 0 && got.to == NULL,
	    "a good neighbour decodes");
	summary_free(&got);
	hcache_folder_free(&f);
	t = hcache_begin(hc, &err);
	hcache_put_maildir(t, "C", "bad1", 10, 20, &s);
	hcache_commit(t, &err);
	is_int(load_count(hc, "C"), 3, "a bad record is replaced by writing it again");
	hcache_close(hc);
	free(dir);
}

static void
test_map_full(void)
{
	char		*dir = sub("mapfull");
	struct hcache	*hc = must_open(dir);
	struct bote_err	 err;
	MDB_envinfo	 info;

	put_range(hc, "INBOX", 0, 2000, 1000, &err);
	/* White box: a map just big enough for what is there, as after years of use. */
	mdb_env_set_mapsize(hc->env, 1);
	mdb_env_info(hc->env, &info);
	diag("map shrunk to %zu KiB", info.me_mapsize >> 10);
	ok(put_range(hc, "INBOX", 2000, 2200, 200, &err) == 0,
	    "a full map is grown and the batch retried: %s", err.msg);
	mdb_env_info(hc->env, &info);
	diag("map grown to %zu KiB", info.me_mapsize >> 10);
	is_int(load_count(hc, "INBOX"), 2200, "all records are there");
	mdb_env_set_mapsize(hc->env, 1);
	bote_err_clear(&err);
	ok(put_range(hc, "INBOX", 2200, 32200, 30000, &err) == -1 &&
	    strstr(err.msg, "header cache") != NULL,
	    "a batch bigger than twice the map fails clearly: %s", err.msg);
	is_int(load_count(hc, "INBOX"), 2200, "and writes nothing");
	ok(put_range(hc, "INBOX", 2200, 2300, 100, &err) == 0, "smaller batches go on");
	is_int(load_count(hc, "INBOX"), 2300, "and read back");
	hcache_close(hc);
	free(dir);
}

static void
test_large(void)
{
	char			*dir = sub("large"), *data;
	struct hcache		*hc = must_open(dir);
	struct hcache_folder	 f;
	struct summary		*rows;
	struct bote_err		 err;
	struct stat		 st;
	double			 t0, t1;
	long			 anon0, anon1, anon2, file0, file1;
	unsigned		 max;
	size_t			 i;

	t0 = now();
	ok(put_range(hc, "Big", 0, 100000, 1000, &err) == 0, "write 100,000: %s", err.msg);
	t1 = now();
	diag("write 100,000 records in batches of 1000: %.0f ms", (t1 - t0) * 1e3);
	hcache_close(hc);
	data = xasprintf("%s/data.mdb", dir);
	stat(data, &st);
	diag("data.mdb: %.1f MiB", st.st_size / 1048576.0);
	free(data);

	hc = must_open(dir);
	anon0 = rss_kib("RssAnon");
	file0 = rss_kib("RssFile");
	t0 = now();
	ok(hcache_folder_load(hc, "Big", &f, &err) == 0, "load 100,000");
	t1 = now();
	anon1 = rss_kib("RssAnon");
	file1 = rss_kib("RssFile");
	diag("load 100,000 records: %.1f ms; RSS heap +%ld KiB, map +%ld KiB; "
	    "table %zu KiB (arena %zu, entries %zu, hash %zu)", (t1 - t0) * 1e3,
	    anon1 - anon0, file1 - file0,
	    (f.arenacap + f.n * sizeof *f.v + f.nslots * 4) >> 10, f.arenacap >> 10,
	    (f.n * sizeof *f.v) >> 10, (f.nslots * 4) >> 10);
	is_int(f.n, 100000, "all of them");
	t0 = now();
	rows = xcalloc(f.n, sizeof *rows);
	for (i = 0; i < f.n; i++) {
		char	u[64];

		unique_of(u, sizeof u, (unsigned)i);
		hcache_entry_fill(hcache_folder_find(&f, u, strlen(u)), &rows[i]);
	}
	t1 = now();
	anon2 = rss_kib("RssAnon");
	diag("find + fill 100,000 summaries: %.1f ms, RSS heap +%ld KiB", (t1 - t0) * 1e3,
	    anon2 - anon1);
	ok(check_entries(&f, &max) && max == 99999, "every record decodes");
	for (i = 0; i < f.n; i++)
		summary_free(&rows[i]);
	free(rows);
	hcache_folder_free(&f);
	hcache_close(hc);
	free(dir);
}

#define KILL_TOTAL	200000
#define KILL_BATCH	500

static void __attribute__((noreturn))
kill_child(const char *dir)
{
	struct hcache	*hc;
	struct bote_err	 err;

	if ((hc = hcache_open(dir, &err)) == NULL)
		_exit(2);
	if (put_range(hc, "K", 0, KILL_TOTAL, KILL_BATCH, &err) != 0)
		_exit(3);
	hcache_close(hc);
	_exit(0);
}

static void
test_kill(void)
{
	char			*dir = sub("kill");
	struct hcache		*hc;
	struct hcache_folder	 f;
	struct bote_err		 err;
	pid_t			 pid;
	int			 status;
	unsigned		 max;
	size_t			 n = 0;
	double			 start;

	/* Created first and closed: LMDB environments must not cross fork(). */
	hcache_close(must_open(dir));
	fflush(stdout);
	if ((pid = fork()) == 0)
		kill_child(dir);
	hc = must_open(dir);
	start = now();
	while (now() < start + 20 && (n = load_count(hc, "K")) == 0)
		nap(5);
	ok(n > 0 && n != (size_t)-1, "the child's first commit is visible");
	/* About 0.3 s in, and surely before a fast machine is done. */
	while (now() < start + 0.3 && n < KILL_TOTAL / 2) {
		nap(10);
		n = load_count(hc, "K");
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child killed mid-run");

	bote_err_clear(&err);
	ok(hcache_folder_load(hc, "K", &f, &err) == 0 && err.kind == BOTE_ERR_NONE,
	    "load after kill -9: %s", err.msg);
	diag("%zu of %d records committed before the kill", f.n, KILL_TOTAL);
	ok(f.n > 0 && f.n % KILL_BATCH == 0, "whole batches only (%zu records)", f.n);
	is_int(f.bad, 0, "no record is damaged");
	ok(check_entries(&f, &max) && max + 1 == f.n, "every record decodes consistently");
	n = f.n;
	hcache_folder_free(&f);
	ok(put_range(hc, "K", (unsigned)n, (unsigned)n + 1000, KILL_BATCH, &err) == 0,
	    "writable after the kill: %s", err.msg);
	is_int(load_count(hc, "K"), n + 1000, "new records read back");
	hcache_close(hc);

	/* A fresh process sees the same. */
	hc = must_open(dir);
	is_int(load_count(hc, "K"), n + 1000, "reopened after the kill");
	hcache_close(hc);
	free(dir);
}

/* Another process grows the file past this one's map: LMDB says MDB_MAP_RESIZED. */
static void
test_resized(void)
{
	char		*dir = sub("resized");
	struct hcache	*hc = must_open(dir);
	struct bote_err	 err;
	pid_t		 pid;
	int		 status;

	put_range(hc, "INBOX", 0, 100, 100, &err);
	/* White box: this process's map as small as the file. */
	mdb_env_set_mapsize(hc->env, 1);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		/* Its own environment: LMDB's must not cross fork(); the parent's is left alone. */
		struct hcache	*other = hcache_open(dir, &err);

		_exit(other != NULL && put_range(other, "INBOX", 100, 5000, 1000, &err) == 0 ?
		    0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "another process wrote 4900 records");
	is_int(load_count(hc, "INBOX"), 5000, "a resized map is adopted for reading");
	ok(put_range(hc, "INBOX", 5000, 5100, 100, &err) == 0, "and for writing: %s", err.msg);
	hcache_close(hc);
	free(dir);
}

/* The child holds LMDB's writer lock, mid-transaction, when it dies. */
static void
test_kill_locked(void)
{
	char		*dir = sub("locked");
	struct hcache	*hc;
	struct bote_err	 err;
	MDB_env		*env;
	MDB_txn		*txn;
	MDB_dbi		 dbi;
	MDB_val		 k = { 3, "key" }, v = { 5, "value" };
	pid_t		 pid;
	int		 fds[2], status;
	char		 c = 0;

	hc = must_open(dir);
	put_range(hc, "INBOX", 0, 100, 100, &err);
	hcache_close(hc);
	if (pipe(fds) != 0) {
		printf("Bail out! pipe: %s\n", strerror(errno));
		exit(1);
	}
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if ((env = raw_open(dir)) == NULL ||
		    mdb_txn_begin(env, NULL, 0, &txn) != 0 ||
		    mdb_dbi_open(txn, "summaries", 0, &dbi) != 0 ||
		    mdb_put(txn, dbi, &k, &v, 0) != 0)
			_exit(2);
		if (write(fds[1], "x", 1) != 1)
			_exit(3);
		pause();
		_exit(0);
	}
	close(fds[1]);
	ok(read(fds[0], &c, 1) == 1 && c == 'x', "child holds the write lock");
	close(fds[0]);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	/* A lock that stayed taken would hang here: let the alarm end the test. */
	alarm(30);
	hc = must_open(dir);
	ok(put_range(hc, "INBOX", 100, 200, 100, &err) == 0,
	    "the next writer is not blocked: %s", err.msg);
	is_int(load_count(hc, "INBOX"), 200, "and nothing of the dead transaction shows");
	hcache_close(hc);
	alarm(0);
	free(dir);
}

int
main(void)
{
	if (mkdtemp(base) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_roundtrip();
	test_folders();
	test_format();
	test_broken();
	test_refuse();
	test_corrupt_values();
	test_map_full();
	test_large();
	test_kill();
	test_kill_locked();
	test_resized();
	tap_rm_tree(base);
	return done_testing();
}
