/* t_maildir_index.c - the folder scan: what is listed, in the order of the cache keys, with each file's own stat; the watch's comparison with it. */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/flags.h"
#include "maildir/maildir_index.h"
#include "maildir/maildir_watch.h"
#include "tap.h"
#include "util/xmalloc.h"

#define BIG	2600	/* more than one thread's worth of files (SCAN_PARALLEL_MIN) */

static char	dir[] = "/tmp/bote-t-index-XXXXXX";

static void
put(const char *sub, const char *name, size_t size, time_t mtime)
{
	char		*path = xasprintf("%s/%s/%s", dir, sub, name);
	struct timespec	 ts[2] = { { mtime, 0 }, { mtime, 0 } };
	int		 fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char		 buf[256];

	memset(buf, 'x', sizeof buf);
	if (fd == -1 || write(fd, buf, size % sizeof buf) < 0 || close(fd) != 0 ||
	    utimensat(AT_FDCWD, path, ts, 0) != 0)
		printf("# cannot make %s\n", path);
	free(path);
}

static void
unlink_in(const char *sub, const char *name)
{
	char	*path = xasprintf("%s/%s/%s", dir, sub, name);

	if (unlink(path) != 0)
		printf("# cannot remove %s\n", path);
	free(path);
}

static void
rename_in(const char *from, const char *to)
{
	char	*a = xasprintf("%s/%s", dir, from), *b = xasprintf("%s/%s", dir, to);

	if (rename(a, b) != 0)
		printf("# cannot rename %s\n", a);
	free(a);
	free(b);
}

/* Bytewise order of the unique parts, shorter first on a tie: LMDB's key order. */
static int
unique_cmp(const struct maildir_entry *a, const struct maildir_entry *b)
{
	size_t	n = a->ulen < b->ulen ? a->ulen : b->ulen;
	int	c = memcmp(maildir_entry_basename(a), maildir_entry_basename(b), n);

	if (c != 0)
		return c;
	return a->ulen < b->ulen ? -1 : a->ulen > b->ulen;
}

/* Every entry: in order, its size and mtime what stat says, its flags what its name says. */
static void
check_index(const struct maildir_index *ix, const char *what)
{
	struct stat	 st;
	char		*path;
	const char	*colon;
	size_t		 i, unordered = 0, wrong_stat = 0, wrong_flags = 0, lost = 0;
	unsigned	 want;

	for (i = 0; i < ix->n; i++) {
		const struct maildir_entry *e = &ix->v[i];
		char *unique = xstrndup(maildir_entry_basename(e), e->ulen);

		if (i > 0 && unique_cmp(&ix->v[i - 1], e) >= 0)
			unordered++;
		path = xasprintf("%s/%s", dir, e->file);
		if (lstat(path, &st) != 0 || (uint64_t)st.st_size != e->size ||
		    st.st_mtime != e->mtime)
			wrong_stat++;
		colon = strchr(maildir_entry_basename(e), ':');
		want = colon != NULL && strchr(colon, 'S') != NULL ? FLAG_SEEN : 0;
		if ((e->flags & FLAG_SEEN) != want ||
		    (strncmp(e->file, "new/", 4) == 0 && !(e->flags & FLAG_NEW)))
			wrong_flags++;
		if (maildir_index_find(ix, unique) != e)
			lost++;
		free(path);
		free(unique);
	}
	is_int(unordered, 0, "%s: entries in bytewise order of their unique parts", what);
	is_int(wrong_stat, 0, "%s: every size and mtime is the file's own", what);
	is_int(wrong_flags, 0, "%s: flags from the name and the subdirectory", what);
	is_int(lost, 0, "%s: every entry found by its unique part", what);
}

/* The watch itself: what it must report although no event announced it. */
static void
watch_cases(struct maildir_index *ix)
{
	struct maildir_watch	w;
	struct bote_err		err;
	size_t			arrived;
	int			wake[2];
	char			*path, *target;

	if (pipe(wake) != 0)
		return;
	ok(maildir_index_scan(ix, dir, 1, &err) == 0, "watch: rescanned");
	/* Delivered between the scan and the start of the watch. */
	put("new", "1900000000.M6P6Q6.host", 1, 30);
	maildir_watch_init(&w);
	maildir_watch_start(&w, dir);
	ok(maildir_watch_wait(&w, ix, wake[0], 0, &arrived) == 1 && arrived == 1,
	    "watch: mail delivered while the index was read is reported");
	ok(maildir_index_scan(ix, dir, 1, &err) == 0 &&
	    maildir_watch_wait(&w, ix, wake[0], 0, &arrived) == 0,
	    "watch: after the reload (bote's own renames of new/ into cur/) nothing");
	/* An operation's rescan takes a delivery into the index: still news. */
	put("new", "1900000001.M7P7Q7.host", 1, 31);
	maildir_watch_before_rescan(&w, ix);
	ok(maildir_index_scan(ix, dir, 0, &err) == 0 &&
	    maildir_watch_wait(&w, ix, wake[0], 0, &arrived) == 1 && arrived == 1,
	    "watch: a delivery an operation's rescan took in is still reported");
	/* The folder deleted and made again: watched again once selected again. */
	ok(maildir_index_scan(ix, dir, 1, &err) == 0, "watch: reloaded");
	(void)maildir_watch_wait(&w, ix, wake[0], 0, &arrived);
	path = xasprintf("%s/new", dir);
	target = xasprintf("%s/new.old", dir);
	if (rename(path, target) != 0 || mkdir(path, 0700) != 0)
		diag("cannot replace new/");
	ok(maildir_watch_wait(&w, ix, wake[0], 2000, &arrived) == 1,
	    "watch: new/ moved away and made again is a change");
	maildir_watch_start(&w, dir);
	(void)maildir_watch_wait(&w, ix, wake[0], 0, &arrived);
	put("new", "1900000002.M8P8Q8.host", 1, 32);
	ok(maildir_watch_wait(&w, ix, wake[0], 2000, &arrived) == 1 && arrived == 1,
	    "watch: after that a delivery is heard again");
	free(path);
	free(target);
	maildir_watch_stop(&w);
	close(wake[0]);
	close(wake[1]);
}

int
main(void)
{
	struct maildir_index	 ix = { 0 };
	struct bote_err		 err;
	char			 name[128], *path, *target;
	size_t			 i, arrived;

	if (mkdtemp(dir) == NULL)
		return 1;
	path = xasprintf("%s/cur", dir);
	mkdir(path, 0700);
	free(path);
	path = xasprintf("%s/new", dir);
	mkdir(path, 0700);
	free(path);

	/* A small folder stays on one thread. */
	put("cur", "1700000000.M1P1Q1.host:2,S", 10, 1000);
	put("cur", "1600000000.M1P1Q1.host:2,", 20, 1001);
	put("new", "1650000000.M1P1Q1.host", 30, 1002);
	ok(maildir_index_scan(&ix, dir, 0, &err) == 0, "scan a small folder");
	is_int(ix.n, 3, "three files");
	ok(ix.n == 3 && strcmp(ix.v[1].file, "new/1650000000.M1P1Q1.host") == 0,
	    "new/ sorts in with cur/ by name");
	check_index(&ix, "small");

	/*
	 * A big one: runs of names that share their first 8 bytes (delivered
	 * within 100 s; a mass import in one second), names shorter than 8
	 * bytes or prefixes of others, bytes above 0x7f, and what is no message.
	 */
	for (i = 0; i < BIG; i++) {
		if (i % 3 == 0)
			snprintf(name, sizeof name, "1700000000.M%zuP99Q%zu.host,S=%zu:2,%s",
			    i, i, i, i % 2 ? "S" : "");
		else
			snprintf(name, sizeof name, "%lld.M%zuP%zuQ1.host:2,%s",
			    1500000000LL + (long long)(i * 7919 % BIG) * 37, i, i % 13,
			    i % 5 ? "FS" : "");
		put("cur", name, i, 1000000 + (time_t)i);
	}
	put("cur", "a:2,S", 1, 5);
	put("cur", "ab", 2, 6);
	put("cur", "abc:2,", 3, 7);
	put("cur", "\xc3\xa9t\xc3\xa9:2,S", 4, 8);
	put("cur", "z", 5, 9);
	put("new", "1650000001.M2P2Q2.host", 6, 10);
	put("new", "a", 7, 11);			/* its unique part is taken in cur/ */
	put("cur", ".hidden", 8, 12);
	put("cur", "ctl\x01name", 9, 13);
	path = xasprintf("%s/cur/1700000000.Mdir", dir);
	mkdir(path, 0700);
	free(path);
	path = xasprintf("%s/cur/1700000000.Mlink:2,S", dir);
	target = xasprintf("%s/cur/z", dir);
	if (symlink(target, path) != 0)
		diag("cannot make the symlink");
	free(path);
	free(target);

	ok(maildir_index_scan(&ix, dir, 0, &err) == 0, "scan a big folder (two threads)");
	is_int(ix.n, BIG + 3 + 5 + 1, "every message, and nothing else");
	is_int(ix.duplicates, 1, "new/a is left out: cur/a has its unique part");
	ok(maildir_index_find(&ix, "a") != NULL &&
	    strcmp(maildir_index_find(&ix, "a")->file, "cur/a:2,S") == 0, "cur/ wins a clash");
	ok(maildir_index_find(&ix, "1700000000.Mlink") == NULL, "a symlink is not listed");
	ok(maildir_index_find(&ix, "1700000000.Mdir") == NULL, "a directory is not listed");
	ok(maildir_index_find(&ix, ".hidden") == NULL, "a dot file is not listed");
	ok(maildir_index_find(&ix, "ctl\x01name") == NULL, "a name with a control byte is not listed");
	ok(ix.n > 0 && strcmp(ix.v[ix.n - 1].file, "cur/\xc3\xa9t\xc3\xa9:2,S") == 0,
	    "bytes above 0x7f sort last");
	check_index(&ix, "big");

	/* First sight: new/ moves to cur/ and keeps its place in the order. */
	ok(maildir_index_scan(&ix, dir, 1, &err) == 0, "scan with new/ moved to cur/");
	ok(maildir_index_find(&ix, "1650000001.M2P2Q2.host") != NULL &&
	    strcmp(maildir_index_find(&ix, "1650000001.M2P2Q2.host")->file,
	    "cur/1650000001.M2P2Q2.host:2,") == 0 &&
	    (maildir_index_find(&ix, "1650000001.M2P2Q2.host")->flags & FLAG_NEW),
	    "a new/ file is now cur/NAME:2, and still new");
	is_int(ix.duplicates, 1, "the clashing new/a stays in new/, left out");
	check_index(&ix, "moved");

	/* The folder watch's comparison: the index as it is, then others' changes. */
	ok(maildir_watch_differs(dir, &ix, &arrived) == 0 && arrived == 0,
	    "watch: the folder as scanned is no change (the left-out new/a included)");
	put("new", "1800000000.M3P3Q3.host", 1, 20);
	ok(maildir_watch_differs(dir, &ix, &arrived) == 1 && arrived == 1,
	    "watch: a delivery into new/ is a change, and one arrival");
	unlink_in("new", "1800000000.M3P3Q3.host");
	rename_in("cur/z", "cur/z:2,FS");
	ok(maildir_watch_differs(dir, &ix, &arrived) == 1 && arrived == 0,
	    "watch: a file renamed elsewhere (flags) is a change, no arrival");
	rename_in("cur/z:2,FS", "cur/z");
	ok(maildir_watch_differs(dir, &ix, &arrived) == 0, "watch: renamed back, no change");
	unlink_in("cur", "ab");
	ok(maildir_watch_differs(dir, &ix, &arrived) == 1 && arrived == 0,
	    "watch: a file removed elsewhere is a change");
	ok(maildir_index_scan(&ix, dir, 1, &err) == 0 &&
	    maildir_watch_differs(dir, &ix, &arrived) == 0, "watch: after a rescan, no change");
	put("cur", ".hidden2", 1, 21);
	ok(maildir_watch_differs(dir, &ix, &arrived) == 0, "watch: a dot file is no message, no change");
	put("cur", "1800000001.M4P4Q4.host:2,", 1, 22);
	put("cur", "1800000002.M5P5Q5.host:2,S", 1, 23);
	ok(maildir_watch_differs(dir, &ix, &arrived) == 1 && arrived == 1,
	    "watch: unread mail another client moved to cur/ arrived; mail marked seen did not");
	watch_cases(&ix);

	maildir_index_free(&ix);
	tap_rm_tree(dir);
	return done_testing();
}
