/* summary.c - message list rows. */
#include "core/summary.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void
summary_free(struct summary *s)
{
	msgref_free(&s->ref);
	free(s->keywords);
	free(s->from_name);
	free(s->from_addr);
	free(s->to);
	free(s->subject);
	free(s->message_id);
	free(s->in_reply_to);
	free(s->references);
	memset(s, 0, sizeof *s);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
summary_copy(struct summary *dst, const struct summary *src)
{
	*dst = *src;
	msgref_copy(&dst->ref, &src->ref);
	dst->keywords = dup_or_null(src->keywords);
	dst->from_name = dup_or_null(src->from_name);
	dst->from_addr = dup_or_null(src->from_addr);
	dst->to = dup_or_null(src->to);
	dst->subject = dup_or_null(src->subject);
	dst->message_id = dup_or_null(src->message_id);
	dst->in_reply_to = dup_or_null(src->in_reply_to);
	dst->references = dup_or_null(src->references);
}

const char *
summary_sender(const struct summary *s)
{
	if (s->from_name != NULL && s->from_name[0] != '\0')
		return s->from_name;
	if (s->from_addr != NULL)
		return s->from_addr;
	return "";
}

void
summary_vec_free(struct summary_vec *sv)
{
	size_t	i;

	for (i = 0; i < sv->n; i++)
		summary_free(&sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}
