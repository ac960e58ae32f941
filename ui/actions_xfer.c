/*
 * actions_xfer.c - copy-message and save-message to a folder of another
 * configured account, written ACCOUNT:FOLDER ("work:Archive/2026").  The
 * worker appends each message there; a move then marks the originals
 * deleted (shown as D, removed by sync-mailbox), never before every copy
 * is confirmed.
 */
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "views.h"

const struct account *
tui_xfer_target(struct tui *t, const char *arg, const char **folder)
{
	const struct account	*a;
	const char		*colon = strchr(arg, ':');
	char			*name;

	if (colon == NULL || colon == arg || colon[1] == '\0' || t->cfg.naccounts == 0)
		return NULL;
	name = xstrndup(arg, (size_t)(colon - arg));
	a = config_account(&t->cfg, name);
	free(name);
	/* The open account's own folders go the usual way (COPY, MOVE, rename). */
	if (a == NULL || (t->acct != NULL && strcmp(a->name, t->acct->name) == 0))
		return NULL;
	*folder = colon + 1;
	return a;
}

void
tui_request_xfer(struct tui *t, const size_t *rows, size_t n, const struct account *a,
    const char *folder, int keep)
{
	struct request	*r = msg_request_new(REQ_XFER, PRIO_INTERACTIVE);
	size_t		 i;

	r->rows.v = xcalloc(n ? n : 1, sizeof *r->rows.v);
	for (i = 0; i < n; i++)
		summary_copy(&r->rows.v[i], &t->rows.v[rows[i]]);
	r->rows.n = n;
	r->dst_acct = account_copy(a);
	r->dst = xstrdup(folder);
	r->keep = keep;
	free(t->xfer_dst);
	t->xfer_dst = xasprintf("%s:%s", a->name, folder);
	t->xfer_keep = keep;
	t->xfer_req = worker_submit(t->w, r);
	tui_message(t, keep ? _("Copying to %s...") : _("Moving to %s..."), t->xfer_dst);
}

/* The worker's new flags for the moved rows (\Deleted). */
static void
apply_flags(struct tui *t, const struct event *ev)
{
	size_t	i, k;

	for (i = 0; i < ev->nrefs; i++)
		for (k = 0; k < t->rows.n; k++)
			if (msgref_equal(&t->rows.v[k].ref, &ev->refs[i])) {
				view_index_set_flags(t, k, ev->flags[i]);
				break;
			}
}

int
tui_xfer_event(struct tui *t, struct event *ev)
{
	if (t->xfer_req == 0 || ev->reply_to != t->xfer_req)
		return 0;
	switch (ev->kind) {
	case EV_PROGRESS:
		tui_message(t, t->xfer_keep ? _("Copying to %s: %zu of %zu") :
		    _("Moving to %s: %zu of %zu"), t->xfer_dst, ev->count, ev->total);
		break;
	case EV_FLAGS:
		apply_flags(t, ev);
		break;
	case EV_DONE:
		tui_message(t, t->xfer_keep ? _("Copied to %s.") :
		    _("Moved to %s; the originals are marked deleted."), t->xfer_dst);
		break;
	case EV_ERROR:
	case EV_UNSUPPORTED:
	case EV_CANCELLED:
		tui_error(t, "%s", ev->err.msg);
		break;
	default:
		break;
	}
	if (msg_event_is_terminal(ev))
		t->xfer_req = 0;
	return 1;
}
