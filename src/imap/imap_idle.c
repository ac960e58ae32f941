/*
 * imap_idle.c - waiting for news of the selected folder: IDLE when the
 * server has it, else a NOOP after the wait, and what the server said
 * (expunges, flag changes, new mail) turned into driver changes.
 *
 * libetpan 1.9.4 traps (see ARCHITECTURE.md, "IMAP"): bytes it or OpenSSL
 * buffered are invisible to poll(), so net_wait_data looks there first;
 * untagged data before IDLE's "+" makes mailimap_idle() fail, so a NOOP
 * collects what is pending just before.
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "core/flags.h"
#include "imap/imap_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/resume.h"
#include "util/xmalloc.h"

#define IDLE_MAX_MS	(24 * 60 * 1000)	/* servers may drop an IDLE after 30 minutes */
#define POLL_MS		(60 * 1000)		/* without IDLE: a NOOP this often */
#define SLICE_MS	(15 * 1000)		/* how often a long wait looks for a resume */
#define DONE_MAX	((size_t)4 << 20)	/* bytes of news one IDLE may bring */
#define RESUMED_SECS	5			/* after a suspend: a live server answers by then */

static void
add_gone(struct drv_changes *out, uint32_t epoch, uint32_t uid)
{
	out->gone = xreallocarray(out->gone, out->ngone + 1, sizeof *out->gone);
	out->gone[out->ngone].epoch = epoch;
	out->gone[out->ngone].uid = uid;
	out->gone[out->ngone].name = NULL;
	out->ngone++;
}

static void
add_flags(struct drv_changes *out, uint32_t epoch, uint32_t uid, unsigned flags)
{
	size_t	i;

	/* The newest word about a message counts. */
	for (i = 0; i < out->nflags; i++)
		if (out->flag_refs[i].uid == uid) {
			out->flags[i] = flags;
			return;
		}
	out->flag_refs = xreallocarray(out->flag_refs, out->nflags + 1, sizeof *out->flag_refs);
	out->flags = xreallocarray(out->flags, out->nflags + 1, sizeof *out->flags);
	out->flag_refs[out->nflags].epoch = epoch;
	out->flag_refs[out->nflags].uid = uid;
	out->flag_refs[out->nflags].name = NULL;
	out->flags[out->nflags] = flags;
	out->nflags++;
}

/* EXPUNGE numbers are sequence numbers, each counted after the ones before. */
static size_t
collect_expunges(struct drv *d, clist *expunged, struct drv_changes *out)
{
	clistiter	*it;
	uint32_t	 seq;
	size_t		 n = 0;

	for (it = expunged != NULL ? clist_begin(expunged) : NULL; it != NULL;
	    it = clist_next(it)) {
		seq = *(uint32_t *)clist_content(it);
		if (seq == 0 || seq > d->nmsgs) {
			out->reread = 1;	/* a message bote has not indexed yet */
			continue;
		}
		add_gone(out, d->uidvalidity, d->msgs[seq - 1].uid);
		memmove(&d->msgs[seq - 1], &d->msgs[seq], (d->nmsgs - seq) * sizeof *d->msgs);
		d->nmsgs--;
		n++;
	}
	return n;
}

/*
 * With QRESYNC enabled (imap_resync.c) a server reports expunges as
 * VANISHED UID sets instead of EXPUNGE numbers.
 */
static size_t
collect_vanished(struct drv *d, clist *ext, struct drv_changes *out)
{
	uint32_t	*uids;
	unsigned char	*gone;
	size_t		 i, k, n;

	if (ext == NULL || d->nmsgs == 0)
		return 0;
	uids = xcalloc(d->nmsgs, sizeof *uids);
	gone = xcalloc(d->nmsgs, 1);
	for (i = 0; i < d->nmsgs; i++)
		uids[i] = d->msgs[i].uid;	/* sorted by uid */
	n = imap_resync_vanished(uids, d->nmsgs, ext, gone);
	for (i = k = 0; i < d->nmsgs; i++) {
		if (gone[i])
			add_gone(out, d->uidvalidity, d->msgs[i].uid);
		else
			d->msgs[k++] = d->msgs[i];
	}
	d->nmsgs = k;
	free(uids);
	free(gone);
	return n;
}

static void
collect_fetch(struct drv *d, const struct mailimap_msg_att *att, size_t expunged,
    struct drv_changes *out)
{
	struct imap_msg	*m = NULL;
	struct buf	 kw = BUF_INIT;
	clistiter	*it;
	uint32_t	 uid = 0;
	unsigned	 flags = 0;
	int		 has_flags = 0;

	for (it = clist_begin(att->att_list); it != NULL; it = clist_next(it)) {
		const struct mailimap_msg_att_item *item = clist_content(it);

		if (item->att_type == MAILIMAP_MSG_ATT_ITEM_DYNAMIC) {
			flags |= imap_fetch_flags(item->att_data.att_dyn, &kw);
			has_flags = 1;
		} else if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
		    item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID)
			uid = item->att_data.att_static->att_data.att_uid;
	}
	buf_free(&kw);
	if (!has_flags)
		return;
	if (uid != 0)
		m = imap_fetch_find(d, uid);
	else if (expunged > 0)
		out->reread = 1;	/* numbered before or after the expunges: unknowable */
	else if (att->att_number >= 1 && att->att_number <= d->nmsgs)
		m = &d->msgs[att->att_number - 1];
	if (m == NULL)
		return;	/* new mail: EXISTS says so */
	/* \Recent is the server's business per session; bote keeps its own "new". */
	flags = (flags & ~(unsigned)FLAG_NEW) | (m->flags & FLAG_NEW);
	if (flags == m->flags)
		return;
	m->flags = flags;
	add_flags(out, d->uidvalidity, m->uid, flags);
}

void
imap_idle_collect(struct drv *d, struct drv_changes *out)
{
	struct mailimap_response_info	*ri;
	clistiter			*it;
	uint32_t			 exists;
	size_t				 expunged = 0;

	if (d->imap == NULL || d->folder == NULL)
		return;
	if ((ri = d->imap->imap_response_info) != NULL) {
		expunged = collect_expunges(d, ri->rsp_expunged, out);
		expunged += collect_vanished(d, ri->rsp_extension_list, out);
		for (it = ri->rsp_fetch_list != NULL ? clist_begin(ri->rsp_fetch_list) : NULL;
		    it != NULL; it = clist_next(it))
			collect_fetch(d, clist_content(it), expunged, out);
	}
	exists = d->imap->imap_selection_info != NULL ?
	    d->imap->imap_selection_info->sel_exists : 0;
	/* Told once per state: a folder the UI does not read again must not loop. */
	if (exists > d->nmsgs && (exists != d->told_exists || d->nmsgs != d->told_known)) {
		d->told_exists = exists;
		d->told_known = d->nmsgs;
		out->reread = 1;
	}
}

static int
changed(const struct drv_changes *c)
{
	return c->nflags > 0 || c->ngone > 0 || c->reread || c->nnotices > 0;
}

/*
 * The reply's limits: after a resume from suspend the connection is
 * likely dead, and a short deadline finds out without the usual timeout.
 */
static void
limit_reply(struct drv *d, int resumed)
{
	if (resumed)
		net_set_limits(d->imap->imap_stream, DONE_MAX, net_now() + RESUMED_SECS);
	else
		imap_conn_limit(d, DONE_MAX, 0);
}

static int
noop(struct drv *d, int resumed, struct drv_changes *out, struct bote_err *err)
{
	int	rc;

	limit_reply(d, resumed);
	if ((rc = mailimap_noop(d->imap)) != MAILIMAP_NO_ERROR)
		return d->folder != NULL ?
		    imap_conn_fail(d, rc, _("cannot check folder '%s'"), d->folder, err) :
		    imap_conn_fail(d, rc, _("cannot reach '%s'"), d->acct->host, err);
	imap_idle_collect(d, out);
	return 0;
}

/*
 * Sleep on the wake fd (and the server's socket when connected) for at
 * most ms, in slices so a resume from suspend is noticed at once
 * (*resumed set).  Returns the net_wait_data result.
 */
static int
sleep_for(struct drv *d, int wake_fd, int ms, int *resumed)
{
	struct resume_watch	rw;
	int			r, slice;

	*resumed = 0;
	resume_watch_init(&rw);
	while (ms > 0) {
		slice = ms < SLICE_MS ? ms : SLICE_MS;
		if (d->imap != NULL)
			r = net_wait_data(d->imap->imap_stream, wake_fd, slice);
		else {
			struct pollfd	pf[2] = { { .fd = wake_fd, .events = POLLIN },
					    { .fd = d->cancel_fd, .events = POLLIN } };

			r = poll(pf, 2, slice) > 0 ? NET_WAIT_WAKE : NET_WAIT_TIMEOUT;
		}
		if (r != NET_WAIT_TIMEOUT)
			return r;
		if (resume_watch_check(&rw)) {
			*resumed = 1;
			return NET_WAIT_DATA;	/* look at the connection now */
		}
		ms -= slice;
	}
	return NET_WAIT_TIMEOUT;
}

static int
idle(struct drv *d, int wake_fd, int ms, struct drv_changes *out, struct bote_err *err)
{
	int	rc, w, resumed;

	imap_conn_limit(d, 0, 0);
	if ((rc = mailimap_idle(d->imap)) != MAILIMAP_NO_ERROR) {
		if (rc == MAILIMAP_ERROR_STREAM || rc == MAILIMAP_ERROR_PARSE ||
		    d->imap == NULL || net_last_error(d->imap->imap_stream) != NULL)
			return imap_conn_fail(d, rc, _("cannot wait for news of folder '%s'"),
			    d->folder, err);
		d->no_idle = 1;	/* offered but refused: poll instead, as without IDLE */
		return 0;
	}
	w = sleep_for(d, wake_fd, ms, &resumed);
	if (w == NET_WAIT_CANCELLED || w == NET_WAIT_ERROR) {
		imap_conn_error(err, w == NET_WAIT_CANCELLED ? BOTE_ERR_CANCELLED :
		    BOTE_ERR_CONNECTION, _("cannot wait for news of folder '%s'"), d->folder,
		    net_last_error(d->imap->imap_stream) != NULL ?
		    net_last_error(d->imap->imap_stream) : _("connection lost"));
		imap_conn_drop(d);
		return -1;
	}
	/* Woken, timed out or news: DONE, and the news comes with its reply. */
	limit_reply(d, resumed);
	if ((rc = mailimap_idle_done(d->imap)) != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot wait for news of folder '%s'"), d->folder,
		    err);
	imap_idle_collect(d, out);
	return 0;
}

int
imap_idle_wait(struct drv *d, int wake_fd, int timeout_ms, struct drv_changes *out,
    struct bote_err *err)
{
	int	w, resumed;

	if (imap_conn_ensure(d, err) == -1)
		return -1;
	/* Changes made offline first, in order; what could not be made is told. */
	if (imap_offline_replay(d, out, err) == -1)
		return -1;
	imap_offline_notes(d, out);
	if (changed(out))
		return 0;
	if (timeout_ms > IDLE_MAX_MS)
		timeout_ms = IDLE_MAX_MS;
	if (d->folder == NULL || d->no_idle || !imap_conn_has(d->imap, 0, "IDLE")) {
		/* Nothing selected, or no IDLE: sleep, then a NOOP reads what the server said. */
		w = sleep_for(d, wake_fd, timeout_ms < POLL_MS ? timeout_ms : POLL_MS, &resumed);
		if (w == NET_WAIT_WAKE)
			return 0;	/* the user wants something: the poll can wait */
		return noop(d, resumed, out, err);
	}
	/* What arrived since the last command, and no untagged data before IDLE's "+". */
	if (noop(d, 0, out, err) == -1)
		return -1;
	if (changed(out) || timeout_ms <= 0)
		return 0;
	return idle(d, wake_fd, timeout_ms, out, err);
}
