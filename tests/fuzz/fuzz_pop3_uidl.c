/*
 * fuzz_pop3_uidl.c - libFuzzer target: arbitrary LIST and UIDL replies through bote's own POP3
 * listing parser, as pop3_session_listing() feeds it; the listing must come out consistent.
 *
 * Input: LIST lines, an empty line, UIDL lines (one line per '\n', NUL bytes end a line early
 * as they would in the C string the session hands over).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pop3/pop3_uidl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(struct pop3_listing *l)
{
	size_t	i, j;

	for (i = 0; i < l->n; i++) {
		const struct pop3_msg	*m = &l->msgs[i];

		if (m->index == 0 || m->index > POP3_MAX_INDEX || m->index > l->max_index)
			abort();
		if (i > 0 && l->msgs[i - 1].index >= m->index)
			abort();	/* sorted, each index once */
		if (pop3_uidl_find(l, m->index) != m)
			abort();
		if (m->uidl != NULL && (m->uidl_bad || !pop3_uidl_valid(m->uidl)))
			abort();	/* nothing unchecked becomes a UIDL */
		if (m->uidl == NULL && m->uidl_dup)
			abort();
		if (m->uidl != NULL) {
			int	shared = 0;

			for (j = 0; j < l->n; j++)
				if (j != i && l->msgs[j].uidl != NULL &&
				    strcmp(l->msgs[j].uidl, m->uidl) == 0)
					shared = 1;
			if (shared != m->uidl_dup)
				abort();
		}
	}
	if (l->n > 0 && l->max_index != l->msgs[l->n - 1].index)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pop3_listing	 l;
	char			*text, *line, *next;
	int			 in_uidl = 0;

	memset(&l, 0, sizeof l);
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (line = text; line != NULL; line = next) {
		const char	*uidl;
		unsigned	 index;
		uint64_t	 msize;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (!in_uidl && *line == '\0') {
			pop3_uidl_sort(&l);
			in_uidl = 1;
		} else if (!in_uidl) {
			if (l.n < POP3_MAX_INDEX && pop3_uidl_parse_list(line, &index, &msize) == 0) {
				if (index == 0 || index > POP3_MAX_INDEX)
					abort();
				pop3_uidl_add(&l, index, msize);
			}
		} else if (pop3_uidl_parse_uidl(line, &index, &uidl) == 0) {
			if (index == 0 || index > POP3_MAX_INDEX || uidl < line ||
			    uidl > line + strlen(line))
				abort();
			pop3_uidl_attach(&l, index, uidl);
		}
	}
	if (!in_uidl)
		pop3_uidl_sort(&l);
	pop3_uidl_mark_dups(&l);
	check(&l);
	pop3_uidl_free(&l);
	free(text);
	return 0;
}
