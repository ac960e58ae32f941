/* summary.c - message list rows. */
#include "core/summary.h"

#include <stdlib.h>
#include <string.h>

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
