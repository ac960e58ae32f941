/* msgref.c - message identity helpers. */
#include "core/msgref.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void
msgref_copy(struct msgref *dst, const struct msgref *src)
{
	dst->epoch = src->epoch;
	dst->uid = src->uid;
	dst->name = src->name ? xstrdup(src->name) : NULL;
}

void
msgref_free(struct msgref *ref)
{
	free(ref->name);
	ref->name = NULL;
}

int
msgref_equal(const struct msgref *a, const struct msgref *b)
{
	if (a->epoch != b->epoch || a->uid != b->uid)
		return 0;
	if (a->name == NULL || b->name == NULL)
		return a->name == b->name;
	return strcmp(a->name, b->name) == 0;
}
