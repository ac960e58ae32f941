/*
 * imap_offline.c - flag changes and moves made while the server is out of
 * reach: queued durably (imap_queue), shown as done, and replayed in order
 * once the connection is back.  A change that cannot be made any more
 * (folder rebuilt, message gone, server refusal) becomes a one-line notice,
 * never a silent loss.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/flags.h"
#include "imap/imap_private.h"
#include "imap/imap_queue.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* $XDG_STATE_HOME/bote/imap/q-HASH, HASH naming user, host and port. */
static char *
queue_dir(const struct drv *d, struct bote_err *err)
{
	char		*base, *imap, *dir, *who;
	const char	*p;
	uint64_t	 h = 1469598103934665603ULL;

	if ((base = config_user_dir("state", err)) == NULL)
		return NULL;
	who = xasprintf("%s@%s:%u", d->acct->user != NULL ? d->acct->user :
	    d->acct->email != NULL ? d->acct->email : "", d->acct->host, d->acct->port);
	for (p = who; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;	/* FNV-1a: stable on disk */
	imap = xasprintf("%s/imap", base);
	dir = xasprintf("%s/q-%016llx", imap, (unsigned long long)h);
	free(who);
	free(base);
	if ((mkdir(imap, 0700) == -1 && errno != EEXIST) ||
	    (mkdir(dir, 0700) == -1 && errno != EEXIST)) {
		bote_err_errno(err, errno, _("cannot create directory '%s'"), dir);
		free(dir);
		dir = NULL;
	}
	free(imap);
	return dir;
}

static struct imap_queue *
queue(struct drv *d, struct bote_err *err)
{
	char	*dir;

	if (d->queue == NULL && (dir = queue_dir(d, err)) != NULL) {
		d->queue = imap_queue_open(dir, err);
		free(dir);
	}
	return d->queue;
}

/* Anything queued?  (Read-only sessions never queue nor replay.) */
static int
pending(struct drv *d)
{
	struct bote_err	err;

	if (d->readonly)
		return 0;
	return queue(d, &err) != NULL && imap_queue_count(d->queue) > 0;
}

void
imap_offline_close(struct drv *d)
{
	size_t	i;

	imap_queue_close(d->queue);
	d->queue = NULL;
	for (i = 0; i < d->nnotes; i++)
		free(d->notes[i]);
	free(d->notes);
	d->notes = NULL;
	d->nnotes = 0;
}

/* Keep a notice (owned line) for the next wait() to hand out. */
static void
note(struct drv *d, char *line)
{
	d->notes = xreallocarray(d->notes, d->nnotes + 1, sizeof *d->notes);
	d->notes[d->nnotes++] = line;
}

void
imap_offline_notes(struct drv *d, struct drv_changes *out)
{
	size_t	i;

	if (d->nnotes == 0)
		return;
	out->notices = xreallocarray(out->notices, out->nnotices + d->nnotes,
	    sizeof *out->notices);
	for (i = 0; i < d->nnotes; i++)
		out->notices[out->nnotices++] = d->notes[i];
	free(d->notes);
	d->notes = NULL;
	d->nnotes = 0;
}

/* Queue instead of failing: only when the server could not be reached at all. */
static int
want_queue(const struct drv *d, int rc, const struct bote_err *err)
{
	return rc == -1 && err->kind == BOTE_ERR_CONNECTION && !d->readonly && d->folder != NULL;
}

static int
enqueue(struct drv *d, enum imap_qop op, const struct msgref *refs, size_t n,
    unsigned set, unsigned clear, const char *dst, struct bote_err *err)
{
	struct imap_qrec	r;
	struct bote_err		qerr;
	size_t			i;
	int			rc;

	memset(&r, 0, sizeof r);
	r.op = op;
	r.folder = d->folder;
	r.dst = (char *)dst;
	r.uidvalidity = d->uidvalidity;
	r.set = set;
	r.clear = clear;
	r.uids = xcalloc(n ? n : 1, sizeof *r.uids);
	for (i = 0; i < n; i++)
		if (refs[i].epoch == d->uidvalidity)
			r.uids[r.nuids++] = refs[i].uid;
	if (r.nuids == 0) {
		free(r.uids);
		return -1;	/* err still says why the server was not asked */
	}
	rc = queue(d, &qerr) != NULL ? imap_queue_add(d->queue, &r, &qerr) : -1;
	free(r.uids);
	if (rc == -1) {
		*err = qerr;	/* not even kept: the change must fail visibly */
		return -1;
	}
	return 0;
}

/*
 * Later changes must not overtake queued ones: replay those first.  While
 * the server is known to be out of reach, do not even try (a black-holed
 * network would cost a timeout per keypress): -1 with a connection error.
 */
static int
before_change(struct drv *d, struct bote_err *err)
{
	if (d->imap == NULL && d->offline && d->folder != NULL && !d->readonly) {
		bote_err_set(err, BOTE_ERR_CONNECTION, "%s", _("offline"));
		return -1;
	}
	if (d->imap != NULL && imap_offline_replay(d, NULL, err) == -1)
		return -1;
	return 0;
}

int
imap_offline_store_flags(struct drv *d, const struct msgref *refs, size_t n, unsigned set,
    unsigned clear, unsigned *flags_out, struct bote_err *err)
{
	struct imap_msg	*m;
	size_t		 i;
	int		 rc;

	if ((rc = before_change(d, err)) == 0)
		rc = imap_store_flags(d, refs, n, set, clear, flags_out, err);
	if (!want_queue(d, rc, err))
		return rc;
	if (enqueue(d, IMAP_Q_FLAGS, refs, n, set & FLAG_ALL_STORED, clear & FLAG_ALL_STORED,
	    NULL, err) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned	f = 0;

		if ((m = imap_fetch_find(d, refs[i].uid)) != NULL) {
			m->flags = ((m->flags | (set & FLAG_ALL_STORED)) &
			    ~(clear & FLAG_ALL_STORED)) & ~(clear & FLAG_NEW);
			f = m->flags;
		} else
			f = set & ~clear;
		if (flags_out != NULL)
			flags_out[i] = f;
	}
	return 0;
}

/* A queued move lands where only the replay will tell: landed stays zero (no undo). */
int
imap_offline_move_tracked(struct drv *d, const struct msgref *refs, size_t n, const char *dst,
    struct msgref *landed, struct bote_err *err)
{
	int	rc;

	if ((rc = before_change(d, err)) == 0)
		rc = imap_store_move_tracked(d, refs, n, dst, landed, err);
	if (!want_queue(d, rc, err) || strcmp(dst, d->folder) == 0)
		return rc;
	return enqueue(d, IMAP_Q_MOVE, refs, n, 0, 0, dst, err);
}

int
imap_offline_move(struct drv *d, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	return imap_offline_move_tracked(d, refs, n, dst, NULL, err);
}

/* Carry out one record on its folder, now selected with its index read. */
static int
replay_one(struct drv *d, const struct imap_qrec *r, struct bote_err *err)
{
	struct msgref	*refs = xcalloc(r->nuids, sizeof *refs);
	size_t		 i, n = 0;
	int		 rc = 0;

	for (i = 0; i < r->nuids; i++)
		if (imap_fetch_find(d, r->uids[i]) != NULL) {
			refs[n].epoch = r->uidvalidity;
			refs[n++].uid = r->uids[i];
		}
	/* A move sent before the connection died may have been made: gone is done then. */
	if (n < r->nuids && !(r->op == IMAP_Q_MOVE && r->started))
		note(d, xasprintf(P_("Offline change not made: %zu message in %s is gone.",
		    "Offline change not made: %zu messages in %s are gone.", r->nuids - n),
		    r->nuids - n, r->folder));
	if (n > 0 && r->op == IMAP_Q_FLAGS)
		rc = imap_store_flags(d, refs, n, r->set, r->clear, NULL, err);
	else if (n > 0)
		rc = imap_store_move(d, refs, n, r->dst, err);
	free(refs);
	return rc;
}

/* Select the record's folder and read its index; 1 when the record can be applied. */
static int
enter(struct drv *d, const struct imap_qrec *r, struct bote_err *err)
{
	struct select_info	si;
	struct summary_vec	rows;

	if (imap_folders_select(d, r->folder, &si, err) == -1)
		return err->kind == BOTE_ERR_CONNECTION ? -1 : 0;
	if (si.epoch != r->uidvalidity)
		return 0;
	if (imap_fetch_index(d, &rows, err) == -1)
		return err->kind == BOTE_ERR_CONNECTION ? -1 : 0;
	summary_vec_free(&rows);
	return 1;
}

int
imap_offline_replay(struct drv *d, struct drv_changes *out, struct bote_err *err)
{
	struct imap_qrec	 r;
	struct bote_err		 e;
	char			*home = d->folder != NULL ? xstrdup(d->folder) : NULL;
	struct select_info	 si;
	struct summary_vec	 rows;
	int			 rc = 0, got = 0, done = 0;

	if (!pending(d)) {
		free(home);
		return 0;
	}
	while (rc == 0 && (got = imap_queue_first(d->queue, &r, err)) == 1) {
		bote_err_clear(&e);
		switch (enter(d, &r, &e)) {
		case -1:
			*err = e;
			rc = -1;	/* the connection went: the record stays */
			break;
		case 0:
			note(d, xasprintf(P_("Offline change to %zu message in %s not made: the "
			    "folder changed on the server.", "Offline change to %zu messages in %s "
			    "not made: the folder changed on the server.", r.nuids), r.nuids,
			    r.folder));
			break;
		default:
			if (r.op == IMAP_Q_MOVE && !r.started &&
			    imap_queue_mark_started(d->queue, r.seq, err) == -1) {
				rc = -1;	/* the record stays as it is */
				break;
			}
			if (replay_one(d, &r, &e) == -1 && e.kind == BOTE_ERR_CONNECTION) {
				*err = e;
				rc = -1;
			} else if (e.kind != BOTE_ERR_NONE)
				note(d, xasprintf(_("Offline change in %s not made: %s"), r.folder,
				    e.msg));
		}
		if (rc == 0 && imap_queue_remove(d->queue, r.seq, err) == -1)
			rc = -1;
		done++;
		imap_qrec_free(&r);
	}
	if (got == -1)
		rc = -1;
	/* Back to the folder the user looks at, its index read again. */
	if (done > 0 && home != NULL && rc == 0) {
		if (imap_folders_select(d, home, &si, err) == -1 ||
		    imap_fetch_index(d, &rows, err) == -1)
			rc = -1;
		else
			summary_vec_free(&rows);
	}
	if (done > 0 && out != NULL)
		out->reread = 1;
	free(home);
	return rc;
}
