/* t_collate.c - the list's sort order: case and accents do not count, other scripts and broken bytes follow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/sort.h"
#include "core/summary.h"
#include "tap.h"
#include "util/xmalloc.h"

static int
sign(int x)
{
	return x < 0 ? -1 : x > 0;
}

/* collate_cmp(a, b) has the sign want, and the opposite one the other way round. */
static void
order(const char *a, const char *b, int want, const char *what)
{
	ok(sign(collate_cmp(a, b)) == want && sign(collate_cmp(b, a)) == -want, "%s", what);
}

int
main(void)
{
	static const char *const subjects[] = {
		"Zeitung", "Öl", "Apfel", "Äpfel", "Bär", "bar", "Straße", "Strasse", "Stroh",
		"日本語", "école", "Echo", "\xff broken",
	};
	static const char *const want[] = {
		"Apfel", "Äpfel", "bar", "Bär", "Echo", "école", "Öl", "Strasse", "Straße",
		"Stroh", "Zeitung", "日本語", "\xff broken",
	};
	struct summary	rows[sizeof subjects / sizeof subjects[0]];
	size_t		i, n = sizeof subjects / sizeof subjects[0], wrong = 0;

	order("apfel", "Apfelsaft", -1, "case does not count before the letters do");
	order("Apfel", "apfel", -1, "between words equal but for case, upper case first");
	order("Apfel", "Apfel", 0, "the same text is equal");
	order("Ärger", "Zeitung", -1, "Ä sorts with the A's, before Z");
	order("Ärger", "Arg", 1, "Ä is a: 'Ärger' after 'Arg'");
	order("Ärger", "Argument", -1, "'Ärger' before 'Argument'");
	order("Öl", "Olm", -1, "Ö is o");
	order("Ol", "Öl", -1, "between words equal but for accents, the plain one first");
	order("bar", "Bär", -1, "accents decide before case");
	order("Straße", "Strassen", -1, "ß is ss");
	order("Straße", "Strast", -1, "ß sorts as two letters");
	order("Æsop", "Aesops", -1, "Æ is ae");
	order("Łódź", "Lodzi", -1, "Latin Extended-A: Ł and ź are l and z");
	order("Zürich", "日本", -1, "other scripts follow the Latin letters");
	order("abc\xff", "abc\xc3\xa4", 1, "a byte that is no UTF-8 sorts after a letter");
	order("\xc3", "a", 1, "a cut sequence does not read past the end");
	order("\xc0\xaf", "/", 1, "an overlong '/' is no '/'");
	order("\xed\xa0\x80", "\xee\x80\x80", 1, "a surrogate is no UTF-8");
	order("", "a", -1, "the empty string first");
	order("a", "a b", -1, "a prefix first");
	order("×", "x", 1, "the multiplication sign is no x");

	/* Sorting by subject uses it. */
	memset(rows, 0, sizeof rows);
	for (i = 0; i < n; i++) {
		rows[i].subject = xstrdup(subjects[i]);
		rows[i].date = (time_t)(1000 - i);
		rows[i].ref.name = xasprintf("%zu", i);
	}
	sort_summaries(rows, n, SORT_SUBJECT, 0);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].subject, want[i]) != 0) {
			diag("row %zu: %s, want %s", i, rows[i].subject, want[i]);
			wrong++;
		}
	is_int(wrong, 0, "sort by subject: a German reader's order");
	for (i = 0; i < n; i++) {
		free(rows[i].subject);
		free(rows[i].ref.name);
	}
	return done_testing();
}
