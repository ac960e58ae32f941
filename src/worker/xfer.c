/*
 * xfer.c - messages to another account: read each one from this account's
 * store, append it to the other's, and only then mark the source (a move),
 * so a failure half-way leaves every message in at least one place.
 */
#include "worker/xfer.h"

#include <stdlib.h>
#include <unistd.h>

#include "config/config.h"
#include "core/flags.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "worker/worker_ops.h"

static struct session *
open_destination(const struct account *a, struct bote_err *err)
{
	if (a->protocol == ACCOUNT_IMAP)
		return session_open_imap(a, NULL, 0, err);
	return session_open_maildir(a->spool, 0, err);
}

static void
progress(struct worker *w, const struct request *r, size_t done)
{
	struct event	*ev = msg_event_new(r->id, EV_PROGRESS);

	ev->count = done;
	ev->total = r->rows.n;
	worker_emit(w, ev);
}

/* Mark the copied sources \Deleted and tell the UI their new flags. */
static int
mark_moved(struct worker *w, struct session *s, struct request *r, size_t n,
    struct bote_err *err)
{
	struct event	*ev = msg_event_new(r->id, EV_FLAGS);
	size_t		 i;

	ev->refs = xcalloc(n, sizeof *ev->refs);
	ev->flags = xcalloc(n, sizeof *ev->flags);
	for (i = 0; i < n; i++)
		msgref_copy(&ev->refs[i], &r->rows.v[i].ref);
	ev->nrefs = n;
	if (session_set_flags(s, ev->refs, n, FLAG_DELETED, 0, ev->flags, err) != 0) {
		msg_event_free(ev);
		return -1;
	}
	worker_emit(w, ev);
	return 0;
}

int
xfer_run(struct worker *w, struct session *s, struct request *r, struct bote_err *err)
{
	struct session	*dst;
	struct bote_err	 why;
	size_t		 i;
	int		 fd, rc = 0;

	if (r->dst_acct == NULL || r->dst == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", "transfer without a destination");
		return -1;
	}
	if ((dst = open_destination(r->dst_acct, err)) == NULL)
		return -1;
	for (i = 0; i < r->rows.n && rc == 0; i++) {
		if (worker_cancelled(w, r)) {
			bote_err_set(&why, BOTE_ERR_CANCELLED, "%s", _("cancelled"));
			rc = -1;
		} else if (session_raw(s, &r->rows.v[i].ref, &fd, &why) != 0)
			rc = -1;
		else {
			rc = session_append(dst, r->dst, fd, r->rows.v[i].flags & FLAG_ALL_STORED,
			    r->rows.v[i].date, NULL, &why);
			close(fd);
		}
		if (rc == 0)
			progress(w, r, i + 1);
	}
	session_close(dst);
	if (rc != 0) {
		/* i - 1 messages made it; the failing one and the rest stay where they were. */
		bote_err_set(err, why.kind, P_("%s (after %zu message was copied to %s:%s)",
		    "%s (after %zu messages were copied to %s:%s)", i - 1), why.msg, i - 1,
		    r->dst_acct->name, r->dst);
		if (!r->keep && i > 1)
			(void)mark_moved(w, s, r, i - 1, &why);
		return -1;
	}
	if (!r->keep && r->rows.n > 0)
		return mark_moved(w, s, r, r->rows.n, err);
	return 0;
}
