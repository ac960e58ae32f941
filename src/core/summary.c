/* summary.c - message list rows: freeing, copying, and packing them for keeping. */
#include "core/summary.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void
summary_trim_references(char *refs)
{
	size_t	 count = 0;
	char	*p, *keep = NULL;

	if (refs == NULL)
		return;
	/* Walk back over the ids; keep points at the '<' of the oldest one kept. */
	for (p = refs + strlen(refs); p > refs; p--) {
		if (p[-1] != '<')
			continue;
		if (++count > SUMMARY_REFS_KEEP) {
			memmove(refs, keep, strlen(keep) + 1);
			return;
		}
		keep = p - 1;
	}
}

/* The seven header strings that summary_pack moves into one block. */
static void
header_fields(struct summary *s, char **f[7])
{
	f[0] = &s->from_name;
	f[1] = &s->from_addr;
	f[2] = &s->to;
	f[3] = &s->subject;
	f[4] = &s->message_id;
	f[5] = &s->in_reply_to;
	f[6] = &s->references;
}

void
summary_pack(struct summary *s)
{
	char	**f[7], *p;
	size_t	 len[7], total = 0, i;

	if (s->block != NULL)
		return;
	summary_trim_references(s->references);
	header_fields(s, f);
	for (i = 0; i < 7; i++) {
		len[i] = *f[i] != NULL ? strlen(*f[i]) + 1 : 0;
		total += len[i];
	}
	if (total == 0)
		return;
	s->block = p = xmalloc(total);
	for (i = 0; i < 7; i++) {
		if (*f[i] == NULL)
			continue;
		memcpy(p, *f[i], len[i]);
		free(*f[i]);
		*f[i] = p;
		p += len[i];
	}
}

void
summary_free(struct summary *s)
{
	char	**f[7];
	size_t	  i;

	msgref_free(&s->ref);
	free(s->keywords);
	if (s->block != NULL)
		free(s->block);
	else {
		header_fields(s, f);
		for (i = 0; i < 7; i++)
			free(*f[i]);
	}
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
	dst->block = NULL;
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
