/* t_hcache_sift.c - one pass over a folder's cache records: fill, keep, or list as gone. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache/hcache.h"
#include "tap.h"
#include "util/xmalloc.h"

static struct summary	rows[2];

/* "a" goes into rows[0], "b" is kept (its file changed), anything else is gone. */
static struct summary *
sift(void *ctx, const char *unique, size_t ulen, uint64_t size, int64_t mtime, int *keep)
{
	(void)ctx;
	(void)size;
	(void)mtime;
	*keep = 0;
	if (ulen == 1 && unique[0] == 'a')
		return &rows[0];
	if (ulen == 1 && unique[0] == 'b')
		*keep = 1;
	return NULL;
}

/* The names fn saw, in the order it saw them. */
static char	seen[16][8];
static size_t	nseen;

static struct summary *
record_order(void *ctx, const char *unique, size_t ulen, uint64_t size, int64_t mtime,
    int *keep)
{
	(void)ctx;
	(void)size;
	(void)mtime;
	*keep = 1;
	if (nseen < 16 && ulen < sizeof seen[0]) {
		memcpy(seen[nseen], unique, ulen);
		seen[nseen++][ulen] = '\0';
	}
	return NULL;
}

int
main(void)
{
	char			 dir[] = "/tmp/bote-t-sift-XXXXXX";
	struct hcache		*hc;
	struct hcache_txn	*txn;
	struct hcache_folder	 gone;
	struct summary		 s = { 0 };
	struct bote_err		 err;
	const char		*names[] = { "a", "b", "c", "d" };
	size_t			 i;

	if (mkdtemp(dir) == NULL)
		return 1;
	hc = hcache_open(dir, &err);
	ok(hc != NULL, "open a fresh cache");
	s.subject = "Betreff";
	s.from_name = "Anna";
	s.references = "<x@y>";
	s.date = 1234;
	txn = hcache_begin(hc, &err);
	for (i = 0; i < 4; i++)
		hcache_put_maildir(txn, "INBOX", names[i], 10, 20, &s);
	hcache_put_maildir(txn, "Other", "z", 1, 2, &s);
	ok(hcache_commit(txn, &err) == 0, "four records in INBOX, one in Other");

	ok(hcache_folder_sift(hc, "INBOX", sift, NULL, &gone, &err) == 0, "sift INBOX");
	ok(rows[0].block != NULL, "the matching row got its strings as one block");
	is_str(rows[0].subject, "Betreff", "subject filled");
	is_str(rows[0].from_name, "Anna", "sender filled");
	is_str(rows[0].references, "<x@y>", "references filled");
	ok(rows[0].to == NULL, "a NULL string stays NULL");
	is_int(rows[0].date, 1234, "date filled");
	is_int(gone.n, 2, "records of vanished files listed (c, d), the kept one (b) not");
	ok(gone.n == 2 && ((strcmp(gone.v[0].unique, "c") == 0 && strcmp(gone.v[1].unique, "d") == 0) ||
	    (strcmp(gone.v[0].unique, "d") == 0 && strcmp(gone.v[1].unique, "c") == 0)),
	    "by their unique names");
	hcache_folder_free(&gone);

	rows[0].ref.name = xstrdup("a");
	summary_free(&rows[0]);
	ok(1, "the filled row frees like a packed one");

	ok(hcache_folder_sift(hc, "Nowhere", sift, NULL, &gone, &err) == 0 && gone.n == 0,
	    "a folder without records sifts to nothing");
	hcache_folder_free(&gone);

	/* Callers walk their rows alongside: records come in strcmp() order. */
	{
		const char	*mixed[] = { "ba", "\xc3\xa9", "a", "1700", "b", "170", "ab" };
		const char	*sorted[] = { "170", "1700", "a", "ab", "b", "ba", "\xc3\xa9" };
		int		 same = 1;

		txn = hcache_begin(hc, &err);
		for (i = 0; i < 7; i++)
			hcache_put_maildir(txn, "Order", mixed[i], 10, 20, &s);
		ok(hcache_commit(txn, &err) == 0, "seven records in Order, put in no order");
		ok(hcache_folder_sift(hc, "Order", record_order, NULL, &gone, &err) == 0,
		    "sift Order");
		for (i = 0; i < 7; i++)
			same &= i < nseen && strcmp(seen[i], sorted[i]) == 0;
		ok(nseen == 7 && same, "fn saw them by name, a prefix first, bytes above 0x7f last");
		hcache_folder_free(&gone);
	}
	hcache_close(hc);
	tap_rm_tree(dir);
	return done_testing();
}
