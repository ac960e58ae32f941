/* msg.c - building and freeing requests and events. */
#include "worker/msg.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/xmalloc.h"

struct request *
msg_request_new(enum req_kind kind, enum req_prio prio)
{
	struct request	*r = xcalloc(1, sizeof *r);

	r->kind = kind;
	r->prio = prio;
	atomic_init(&r->cancelled, 0);
	return r;
}

void
msg_request_set_refs(struct request *r, const struct msgref *refs, size_t n)
{
	size_t	i;

	r->refs = xcalloc(n ? n : 1, sizeof *r->refs);
	for (i = 0; i < n; i++)
		msgref_copy(&r->refs[i], &refs[i]);
	r->nrefs = n;
}

void
msg_request_free(struct request *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrefs; i++)
		msgref_free(&r->refs[i]);
	free(r->refs);
	free(r->folder);
	free(r->dst);
	free(r->text);
	free(r->part);
	free(r->dir);
	free(r->name);
	free(r->html_filter);
	summary_vec_free(&r->rows);
	account_copy_free(r->dst_acct);
	free(r);
}

struct event *
msg_event_new(uint64_t reply_to, enum ev_kind kind)
{
	struct event	*e = xcalloc(1, sizeof *e);

	e->reply_to = reply_to;
	e->kind = kind;
	return e;
}

void
msg_event_free(struct event *e)
{
	size_t	i;

	if (e == NULL)
		return;
	folder_list_free(&e->folders);
	summary_vec_free(&e->rows);
	display_free(&e->msg);
	for (i = 0; i < e->nrefs; i++)
		msgref_free(&e->refs[i]);
	free(e->refs);
	free(e->flags);
	free(e->folder);
	if (e->argv != NULL)
		for (i = 0; e->argv[i] != NULL; i++)
			free(e->argv[i]);
	free(e->argv);
	free(e);
}

int
msg_event_is_terminal(const struct event *e)
{
	return e->kind == EV_DONE || e->kind == EV_ERROR || e->kind == EV_CANCELLED ||
	    e->kind == EV_UNSUPPORTED;
}
