/* maildir_index.c - scanning a Maildir folder and finding its files by unique name. */
#include "maildir/maildir_index.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/flags.h"
#include "maildir/maildir_file.h"
#include "maildir/maildir_name.h"
#include "util/xmalloc.h"
#include "util/hash.h"

const char *
maildir_entry_basename(const struct maildir_entry *e)
{
	return e->file + 4;	/* after "cur/" or "new/" */
}

static int
same_unique(const struct maildir_entry *a, const struct maildir_entry *b)
{
	return a->hash == b->hash && a->ulen == b->ulen &&
	    memcmp(maildir_entry_basename(a), maildir_entry_basename(b), a->ulen) == 0;
}

/*
 * Two files with one unique part (a copy made by hand, a half-finished
 * rename by another program) would make every operation on one act on the
 * other; the later one is left out of the index and untouched on disk.
 */
void
maildir_index_rehash(struct maildir_index *ix)
{
	size_t	i, j, h, mask;

	free(ix->slots);
	ix->nslots = 16;
	while (ix->nslots < ix->n * 2)
		ix->nslots *= 2;
	ix->slots = xcalloc(ix->nslots, sizeof *ix->slots);
	mask = ix->nslots - 1;
	for (i = j = 0; i < ix->n; i++) {
		h = ix->v[i].hash & mask;
		while (ix->slots[h] != 0 && !same_unique(&ix->v[ix->slots[h] - 1], &ix->v[i]))
			h = (h + 1) & mask;
		if (ix->slots[h] != 0) {
			ix->dupes = xreallocarray(ix->dupes, ix->duplicates + 1, sizeof *ix->dupes);
			ix->dupes[ix->duplicates++] = ix->v[i].file;
			continue;
		}
		ix->v[j] = ix->v[i];
		ix->slots[h] = ++j;
	}
	ix->n = j;
}

struct maildir_entry *
maildir_index_find(const struct maildir_index *ix, const char *unique)
{
	size_t			 len = strlen(unique), h, mask;
	uint32_t		 hash;
	struct maildir_entry	*e;

	if (ix->nslots == 0)
		return NULL;
	mask = ix->nslots - 1;
	hash = (uint32_t)hash_bytes(unique, len);
	for (h = hash & mask; ix->slots[h] != 0; h = (h + 1) & mask) {
		e = &ix->v[ix->slots[h] - 1];
		if (e->hash == hash && e->ulen == len &&
		    memcmp(maildir_entry_basename(e), unique, len) == 0)
			return e;
	}
	return NULL;
}

#define SCAN_PARALLEL_MIN	2048	/* fewer files are not worth a second thread */
#define REFUSED			SIZE_MAX	/* ulen of an entry that is no message */

/* An entry as readdir finds it: the name only, stat_entry() does the rest. */
static void
add_name(struct maildir_index *ix, const char *sub, const char *name, unsigned extra)
{
	struct maildir_entry	*e;
	size_t			 len = strlen(name);

	if ((ix->n & (ix->n - 1)) == 0)
		ix->v = xreallocarray(ix->v, ix->n ? ix->n * 2 : 64, sizeof *ix->v);
	e = &ix->v[ix->n++];
	memset(e, 0, sizeof *e);
	/* "cur/" + name: one copy, no format string, for each of 100,000 files. */
	e->file = xmalloc(4 + len + 1);
	memcpy(e->file, sub, 3);
	e->file[3] = '/';
	memcpy(e->file + 4, name, len + 1);
	e->flags = extra;
}

/*
 * What readdir cannot tell: a regular file or not, size, mtime, and the
 * rest of the entry.  A file that is no message (or vanished meanwhile) is
 * marked REFUSED for order_entries() to drop.  Neither allocates nor frees:
 * even free() gives a thread a malloc arena of its own.
 */
static void
stat_entry(int dfd, struct maildir_entry *e)
{
	const char	*name = maildir_entry_basename(e);
	struct stat	 st;

	/* Symlinks are not messages: open() refuses them too (O_NOFOLLOW). */
	if (!maildir_name_valid(name) ||
	    fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) {
		e->ulen = REFUSED;
		return;
	}
	e->size = (uint64_t)st.st_size;
	e->mtime = st.st_mtime;
	e->ulen = maildir_name_unique_len(name);
	e->flags |= maildir_letters_flags(maildir_name_letters(name));
	e->hash = (uint32_t)hash_bytes(name, e->ulen);
}

struct stat_job {
	int			 dfd;
	struct maildir_entry	*v;
	size_t			 n;
};

static void *
stat_job_main(void *arg)
{
	struct stat_job	*j = arg;
	size_t		 i;

	for (i = 0; i < j->n; i++)
		stat_entry(j->dfd, &j->v[i]);
	return NULL;
}

/*
 * One stat per file is most of a warm open (the kernel's name lookups), and
 * the calls are independent: a big folder splits them over two threads.
 */
static void
stat_entries(int dfd, struct maildir_entry *v, size_t n)
{
	struct stat_job	 lo = { dfd, v, n / 2 }, hi = { dfd, v + n / 2, n - n / 2 };
	sigset_t	 all, old;
	pthread_t	 th;
	int		 started;

	if (n < SCAN_PARALLEL_MIN) {
		lo.n = n;
		stat_job_main(&lo);
		return;
	}
	/* Signals stay with the threads that handle them. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	started = pthread_create(&th, NULL, stat_job_main, &hi) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	stat_job_main(&lo);
	if (started)
		pthread_join(th, NULL);
	else
		stat_job_main(&hi);
}

/* Never replace a file in cur/: a clash stays in new/. */
static void
move_to_cur(struct maildir_entry *v, size_t n, int newfd, int curfd)
{
	char	*target;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (v[i].ulen == REFUSED)
			continue;
		target = maildir_name_with_flags(maildir_entry_basename(&v[i]), 0, 0);
		if (maildir_file_rename_noreplace(newfd, maildir_entry_basename(&v[i]),
		    curfd, target) == 0) {
			/* The unique part, and so ulen and hash, stay. */
			free(v[i].file);
			v[i].file = xasprintf("cur/%s", target);
			v[i].flags = maildir_letters_flags(maildir_name_letters(target)) |
			    FLAG_NEW;
		}
		free(target);
	}
}

static int
scan_sub(struct maildir_index *ix, const char *dir, const char *sub, int move_new,
    struct bote_err *err)
{
	char		*path = xasprintf("%s/%s", dir, sub);
	int		 dfd, curfd = -1;
	size_t		 first = ix->n;
	DIR		*d;
	struct dirent	*de;

	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd == -1 || (d = fdopendir(dfd)) == NULL) {
		bote_err_errno(err, errno, "cannot read folder directory '%s'", path);
		if (dfd != -1)
			close(dfd);
		free(path);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		/* What is surely no regular file needs no stat; the rest is checked there. */
		if (de->d_type != DT_UNKNOWN && de->d_type != DT_REG)
			continue;
		add_name(ix, sub, de->d_name, strcmp(sub, "new") == 0 ? FLAG_NEW : 0);
	}
	stat_entries(dfd, ix->v + first, ix->n - first);
	if (move_new) {
		free(path);
		path = xasprintf("%s/cur", dir);
		if ((curfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
			move_to_cur(ix->v + first, ix->n - first, dfd, curfd);
			close(curfd);
		}
	}
	closedir(d);
	free(path);
	return 0;
}

/*
 * Entries in bytewise order of their unique parts: the order of the header
 * cache's keys, so a warm open checks the folder against its cache in one
 * sequential pass (session.c) instead of 100,000 hash lookups, each a cache
 * and TLB miss.  Names mostly differ in their first bytes (the delivery
 * time), so a radix sort on those does nearly all the work.
 */
struct order_key {
	uint64_t	key;	/* the first 8 bytes of the unique part, big-endian, 0-padded */
	size_t		idx;	/* entry index: the tie-break, so the sort is stable */
};

static uint64_t
prefix_key(const char *s, size_t len)
{
	uint64_t	k = 0;
	size_t		i;

	for (i = 0; i < 8; i++)
		k = k << 8 | (i < len ? (unsigned char)s[i] : 0);
	return k;
}

/* Stable LSD radix sort by key, a byte a time; returns a or tmp, whichever holds the result. */
static struct order_key *
radix_sort(struct order_key *a, struct order_key *tmp, size_t n)
{
	struct order_key	*t;
	size_t			 count[256], i, c, sum, k;
	unsigned		 shift;

	for (shift = 0; shift < 64; shift += 8) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(a[i].key >> shift) & 0xff]++;
		if (count[(a[0].key >> shift) & 0xff] == n)
			continue;	/* one value in this byte: nothing moves */
		for (sum = c = 0; c < 256; c++) {
			k = count[c];
			count[c] = sum;
			sum += k;
		}
		for (i = 0; i < n; i++)
			tmp[count[(a[i].key >> shift) & 0xff]++] = a[i];
		t = a;
		a = tmp;
		tmp = t;
	}
	return a;
}

static int
cmp_order(const void *pa, const void *pb, void *arg)
{
	const struct order_key		*a = pa, *b = pb;
	const struct maildir_entry	*v = arg, *x = &v[a->idx], *y = &v[b->idx];
	int				 c;

	c = memcmp(maildir_entry_basename(x), maildir_entry_basename(y),
	    x->ulen < y->ulen ? x->ulen : y->ulen);
	if (c == 0 && x->ulen != y->ulen)
		c = x->ulen < y->ulen ? -1 : 1;
	if (c == 0)
		c = a->idx < b->idx ? -1 : a->idx > b->idx;
	return c;
}

/* Sorts the entries (see above) and drops those stat_entry() refused. */
static void
order_entries(struct maildir_index *ix)
{
	struct order_key	*keys, *tmp, *sorted;
	struct maildir_entry	*v;
	size_t			 i, j, n = 0;

	keys = xreallocarray(NULL, ix->n ? ix->n : 1, sizeof *keys);
	tmp = xreallocarray(NULL, ix->n ? ix->n : 1, sizeof *tmp);
	for (i = 0; i < ix->n; i++) {
		if (ix->v[i].ulen == REFUSED) {
			free(ix->v[i].file);
			continue;
		}
		keys[n].key = prefix_key(maildir_entry_basename(&ix->v[i]), ix->v[i].ulen);
		keys[n++].idx = i;
	}
	sorted = n > 0 ? radix_sort(keys, tmp, n) : keys;
	/* Equal first bytes (mail delivered within 100 s, short names): compare all of them. */
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && sorted[j].key == sorted[i].key; j++)
			;
		if (j - i > 1)
			qsort_r(sorted + i, j - i, sizeof *sorted, cmp_order, ix->v);
	}
	v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = ix->v[sorted[i].idx];
	free(ix->v);
	ix->v = v;
	ix->n = n;
	free(keys);
	free(tmp);
}

int
maildir_index_scan(struct maildir_index *ix, const char *dir, int move_new,
    struct bote_err *err)
{
	struct maildir_index	fresh;

	/* A failed scan leaves the old index usable. */
	memset(&fresh, 0, sizeof fresh);
	/* cur/ first: files moved out of new/ must not be read twice. */
	if (scan_sub(&fresh, dir, "cur", 0, err) != 0 ||
	    scan_sub(&fresh, dir, "new", move_new, err) != 0) {
		maildir_index_free(&fresh);
		return -1;
	}
	order_entries(&fresh);
	maildir_index_rehash(&fresh);
	maildir_index_free(ix);
	*ix = fresh;
	return 0;
}

void
maildir_index_remove(struct maildir_index *ix, const size_t *idx, size_t n)
{
	size_t	i, j, k;

	for (i = j = k = 0; i < ix->n; i++) {
		if (k < n && idx[k] == i) {
			free(ix->v[i].file);
			k++;
			continue;
		}
		ix->v[j++] = ix->v[i];
	}
	ix->n = j;
	maildir_index_rehash(ix);
}

void
maildir_index_free(struct maildir_index *ix)
{
	size_t	i;

	for (i = 0; i < ix->n; i++)
		free(ix->v[i].file);
	for (i = 0; i < ix->duplicates; i++)
		free(ix->dupes[i]);
	free(ix->dupes);
	free(ix->v);
	free(ix->slots);
	memset(ix, 0, sizeof *ix);
}
