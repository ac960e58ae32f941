/* pop3_uidl.c - parse and check LIST and UIDL replies ourselves: libetpan's parser writes out of bounds on "0". */
#include <stdlib.h>
#include <string.h>

#include "pop3/pop3_uidl.h"
#include "util/xmalloc.h"

/* A decimal number of at most 20 digits ending at a space or the end; -1 for anything else. */
static int
parse_number(const char **pp, uint64_t max, uint64_t *out)
{
	const char	*p = *pp;
	uint64_t	 v = 0;
	int		 digits = 0;

	while (*p >= '0' && *p <= '9') {
		if (v > (max - (uint64_t)(*p - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
		p++;
		digits++;
	}
	if (digits == 0)
		return -1;
	*pp = p;
	*out = v;
	return 0;
}

int
pop3_uidl_parse_list(const char *line, unsigned *index, uint64_t *size)
{
	const char	*p = line;
	uint64_t	 n, s;

	if (parse_number(&p, POP3_MAX_INDEX, &n) == -1 || n == 0 || *p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	if (parse_number(&p, UINT64_MAX / 4, &s) == -1)
		return -1;
	if (*p != '\0' && *p != ' ')
		return -1;	/* RFC 1939 allows more after a space, nothing glued on */
	*index = (unsigned)n;
	*size = s;
	return 0;
}

int
pop3_uidl_parse_uidl(const char *line, unsigned *index, const char **uidl)
{
	const char	*p = line;
	uint64_t	 n;

	if (parse_number(&p, POP3_MAX_INDEX, &n) == -1 || n == 0 || *p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	*index = (unsigned)n;
	*uidl = p;
	return 0;
}

int
pop3_uidl_valid(const char *uidl)
{
	size_t	n;

	for (n = 0; uidl[n] != '\0'; n++)
		if ((unsigned char)uidl[n] < 0x21 || (unsigned char)uidl[n] > 0x7e ||
		    n >= POP3_UIDL_MAX)
			return 0;
	return n > 0;
}

int
pop3_uidl_add(struct pop3_listing *l, unsigned index, uint64_t size)
{
	struct pop3_msg	*m;

	if (l->n % 256 == 0)
		l->msgs = xreallocarray(l->msgs, l->n + 256, sizeof *l->msgs);
	m = &l->msgs[l->n++];
	memset(m, 0, sizeof *m);
	m->index = index;
	m->size = size;
	if (index > l->max_index)
		l->max_index = index;
	return 0;
}

static int
cmp_index(const void *a, const void *b)
{
	const struct pop3_msg	*x = a, *y = b;

	return x->index < y->index ? -1 : x->index > y->index;
}

/* Sort by index and drop every message whose index appears twice: neither can be trusted. */
void
pop3_uidl_sort(struct pop3_listing *l)
{
	size_t	i, j, k;

	if (l->n == 0)
		return;
	qsort(l->msgs, l->n, sizeof *l->msgs, cmp_index);
	for (i = j = 0; i < l->n; i = k) {
		for (k = i + 1; k < l->n && l->msgs[k].index == l->msgs[i].index; k++)
			;
		if (k - i == 1)
			l->msgs[j++] = l->msgs[i];
		else
			l->bad_lines += k - i;
	}
	l->n = j;
	l->max_index = j > 0 ? l->msgs[j - 1].index : 0;
}

struct pop3_msg *
pop3_uidl_find(struct pop3_listing *l, unsigned index)
{
	struct pop3_msg	key = { .index = index };

	if (l->n == 0)
		return NULL;
	return bsearch(&key, l->msgs, l->n, sizeof *l->msgs, cmp_index);
}

void
pop3_uidl_attach(struct pop3_listing *l, unsigned index, const char *uidl)
{
	struct pop3_msg	*m = pop3_uidl_find(l, index);

	if (m == NULL)
		return;
	if (m->uidl != NULL || m->uidl_bad) {
		/* Two UIDL lines for one message: trust neither. */
		free(m->uidl);
		m->uidl = NULL;
		m->uidl_bad = 1;
		return;
	}
	if (!pop3_uidl_valid(uidl)) {
		m->uidl_bad = 1;
		return;
	}
	m->uidl = xstrdup(uidl);
}

static int
cmp_uidl(const void *a, const void *b)
{
	const struct pop3_msg	*x = *(struct pop3_msg *const *)a;
	const struct pop3_msg	*y = *(struct pop3_msg *const *)b;

	return strcmp(x->uidl, y->uidl);
}

void
pop3_uidl_mark_dups(struct pop3_listing *l)
{
	struct pop3_msg	**v;
	size_t		  i, n = 0, k;

	v = xreallocarray(NULL, l->n + 1, sizeof *v);
	for (i = 0; i < l->n; i++)
		if (l->msgs[i].uidl != NULL)
			v[n++] = &l->msgs[i];
	qsort(v, n, sizeof *v, cmp_uidl);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && strcmp(v[k]->uidl, v[i]->uidl) == 0; k++)
			;
		if (k - i > 1)
			while (i < k)
				v[i++]->uidl_dup = 1;
	}
	free(v);
}

void
pop3_uidl_free(struct pop3_listing *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->msgs[i].uidl);
	free(l->msgs);
	memset(l, 0, sizeof *l);
}
