/* sort.c - ordering message list rows by date, sender, subject or size. */
#include "core/sort.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/collate.h"

static int
cmp_name(const struct summary *a, const struct summary *b)
{
	if (a->ref.uid != b->ref.uid)
		return a->ref.uid < b->ref.uid ? -1 : 1;
	return strcmp(a->ref.name ? a->ref.name : "", b->ref.name ? b->ref.name : "");
}

static int
cmp_date(const void *pa, const void *pb)
{
	const struct summary *a = pa, *b = pb;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return cmp_name(a, b);
}

static int
cmp_from(const void *pa, const void *pb)
{
	const struct summary *a = pa, *b = pb;
	int	c = collate_cmp(summary_sender(a), summary_sender(b));

	return c ? c : cmp_date(a, b);
}

/* Subjects compare without "Re:"/"AW:"/"Fwd:" prefixes so replies sort with their thread. */
static const char *
strip_reply(const char *s)
{
	static const char *const prefixes[] = { "re:", "aw:", "fwd:", "fw:", "wg:", "antw:" };
	size_t	i, len;
	int	again = 1;

	if (s == NULL)
		return "";
	while (again) {
		again = 0;
		while (*s == ' ')
			s++;
		for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
			len = strlen(prefixes[i]);
			if (strncasecmp(s, prefixes[i], len) == 0) {
				s += len;
				again = 1;
			}
		}
	}
	return s;
}

static int
cmp_subject(const void *pa, const void *pb)
{
	const struct summary *a = pa, *b = pb;
	int	c = collate_cmp(strip_reply(a->subject), strip_reply(b->subject));

	return c ? c : cmp_date(a, b);
}

static int
cmp_size(const void *pa, const void *pb)
{
	const struct summary *a = pa, *b = pb;

	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	return cmp_date(a, b);
}

int
sort_compare(const struct summary *a, const struct summary *b, enum sort_key key)
{
	switch (key) {
	case SORT_FROM:		return cmp_from(a, b);
	case SORT_SUBJECT:	return cmp_subject(a, b);
	case SORT_SIZE:		return cmp_size(a, b);
	case SORT_DATE:		break;
	}
	return cmp_date(a, b);
}

int
sort_key_parse(const char *s, enum sort_key *key)
{
	static const struct {
		const char	*name;
		enum sort_key	 key;
	} keys[] = {
		{ "date", SORT_DATE }, { "from", SORT_FROM },
		{ "subject", SORT_SUBJECT }, { "size", SORT_SIZE },
	};
	size_t	i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcasecmp(s, keys[i].name) == 0 ||
		    (s[0] != '\0' && s[1] == '\0' && s[0] == keys[i].name[0])) {
			*key = keys[i].key;
			return 0;
		}
	if (strcasecmp(s, "z") == 0) {
		*key = SORT_SIZE;
		return 0;
	}
	return -1;
}

void
sort_summaries(struct summary *rows, size_t n, enum sort_key key, int reverse)
{
	int	(*cmp)(const void *, const void *) = cmp_date;
	size_t	i;
	struct summary tmp;

	switch (key) {
	case SORT_DATE:		cmp = cmp_date; break;
	case SORT_FROM:		cmp = cmp_from; break;
	case SORT_SUBJECT:	cmp = cmp_subject; break;
	case SORT_SIZE:		cmp = cmp_size; break;
	}
	if (n > 1)
		qsort(rows, n, sizeof *rows, cmp);
	if (reverse)
		for (i = 0; i < n / 2; i++) {
			tmp = rows[i];
			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = tmp;
		}
}
