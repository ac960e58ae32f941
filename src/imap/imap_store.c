/* imap_store.c - flags, copy, move and expunge by UID, never touching other clients' deleted mail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/flags.h"
#include "imap/imap.h"
#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
need_writable(struct drv *d, struct bote_err *err)
{
	if (d->folder == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("no folder selected"));
		return -1;
	}
	if (d->readonly) {
		imap_conn_error(err, BOTE_ERR_UNSUPPORTED, _("cannot change folder '%s'"),
		    d->folder, _("it is open read-only"));
		return -1;
	}
	return imap_conn_ensure(d, err);
}

struct mailimap_set *
imap_store_uid_set(struct drv *d, const struct msgref *refs, size_t n, struct bote_err *err)
{
	struct mailimap_set	*set = mailimap_set_new_empty();
	char			 object[32];
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (refs[i].epoch != d->uidvalidity || imap_fetch_find(d, refs[i].uid) == NULL) {
			snprintf(object, sizeof object, "%u", refs[i].uid);
			imap_conn_error(err, BOTE_ERR_NOTFOUND,
			    _("cannot find message '%s'"), object, _("it is no longer in this folder"));
			mailimap_set_free(set);
			return NULL;
		}
		mailimap_set_add_single(set, refs[i].uid);
	}
	return set;
}

struct mailimap_flag_list *
imap_store_flag_list(unsigned bits)
{
	struct mailimap_flag_list	*fl;
	struct mailimap_flag		*f;
	unsigned			 bit;

	if ((bits & FLAG_ALL_STORED) == 0)
		return NULL;
	fl = mailimap_flag_list_new_empty();
	for (bit = 1; bit <= FLAG_PASSED; bit <<= 1) {
		if (!(bits & bit & FLAG_ALL_STORED))
			continue;
		switch (bit) {
		case FLAG_SEEN:
			f = mailimap_flag_new_seen();
			break;
		case FLAG_REPLIED:
			f = mailimap_flag_new_answered();
			break;
		case FLAG_FLAGGED:
			f = mailimap_flag_new_flagged();
			break;
		case FLAG_DELETED:
			f = mailimap_flag_new_deleted();
			break;
		case FLAG_DRAFT:
			f = mailimap_flag_new_draft();
			break;
		default:
			f = mailimap_flag_new_flag_keyword(xstrdup(imap_flags_name(bit)));
			break;
		}
		mailimap_flag_list_add(fl, f);
	}
	return fl;
}

/* UID STORE +FLAGS.SILENT or -FLAGS.SILENT; nothing to send is success. */
static int
store(struct drv *d, struct mailimap_set *set, unsigned bits, int add, struct bote_err *err)
{
	struct mailimap_flag_list	*fl = imap_store_flag_list(bits);
	struct mailimap_store_att_flags	*att;
	int				 rc;

	if (fl == NULL)
		return 0;
	att = add ? mailimap_store_att_flags_new_add_flags_silent(fl) :
	    mailimap_store_att_flags_new_remove_flags_silent(fl);
	imap_conn_limit(d, 0, 30);
	rc = mailimap_uid_store(d->imap, set, att);
	mailimap_store_att_flags_free(att);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot change flags in folder '%s'"), d->folder, err);
	return 0;
}

int
imap_store_flags(struct drv *d, const struct msgref *refs, size_t n, unsigned set_bits,
    unsigned clear_bits, unsigned *flags_out, struct bote_err *err)
{
	struct mailimap_set	*set;
	struct imap_msg		*m;
	size_t			 i;
	int			 rc;

	if (need_writable(d, err) == -1 || (set = imap_store_uid_set(d, refs, n, err)) == NULL)
		return -1;
	rc = store(d, set, set_bits, 1, err);
	if (rc == 0)
		rc = store(d, set, clear_bits, 0, err);
	mailimap_set_free(set);
	if (rc != 0)
		return -1;
	/* .SILENT: the server confirms nothing, so the result is what was asked for. */
	for (i = 0; i < n; i++) {
		m = imap_fetch_find(d, refs[i].uid);
		/* As for a Maildir: \Recent (FLAG_NEW) stays for the session unless cleared. */
		m->flags = ((m->flags | (set_bits & FLAG_ALL_STORED)) &
		    ~(clear_bits & FLAG_ALL_STORED)) & ~(clear_bits & FLAG_NEW);
		if (flags_out != NULL)
			flags_out[i] = m->flags;
	}
	return 0;
}

/* Drop messages the server no longer has in this folder from what bote knows. */
static void
forget(struct drv *d, const struct msgref *refs, size_t n)
{
	struct imap_msg	*m;
	char		*gone = xcalloc(d->nmsgs + 1, 1);
	size_t		 i, k;

	/* Marks first: msgs stays sorted for the lookups until the compaction. */
	for (i = 0; i < n; i++)
		if ((m = imap_fetch_find(d, refs[i].uid)) != NULL)
			gone[m - d->msgs] = 1;
	for (i = k = 0; i < d->nmsgs; i++)
		if (!gone[i])
			d->msgs[k++] = d->msgs[i];
	d->nmsgs = k;
	free(gone);
}

static char *
target(struct drv *d, const char *dst, struct bote_err *err)
{
	if (strcmp(dst, d->folder) == 0) {
		imap_conn_error(err, BOTE_ERR_USAGE, _("cannot copy to folder '%s'"), dst,
		    _("it is the current folder"));
		return NULL;
	}
	return imap_folders_server_name(d, dst, err);
}

int
imap_store_copy(struct drv *d, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	struct mailimap_set	*set;
	char			*name;
	int			 rc;

	if (d->folder == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("no folder selected"));
		return -1;
	}
	if (imap_conn_ensure(d, err) == -1 || (name = target(d, dst, err)) == NULL)
		return -1;
	if ((set = imap_store_uid_set(d, refs, n, err)) == NULL) {
		free(name);
		return -1;
	}
	imap_conn_limit(d, 0, 120);
	rc = mailimap_uid_copy(d->imap, set, name);
	mailimap_set_free(set);
	free(name);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot copy to folder '%s'"), dst, err);
	return 0;
}

/* A COPYUID answer: the destination's UIDVALIDITY and the paired UID sets. */
struct copyuid {
	uint32_t		 uidvalidity;
	struct mailimap_set	*src, *dst;
};
/* The UIDs of refs (owned), for imap_expunge_uids. */
static uint32_t *
ref_uids(const struct msgref *refs, size_t n)
{
	uint32_t	*uids = xcalloc(n ? n : 1, sizeof *uids);
	size_t		 i;

	for (i = 0; i < n; i++)
		uids[i] = refs[i].uid;
	return uids;
}

/*
 * Without MOVE: COPY, then \Deleted and an expunge of exactly these
 * UIDs (imap_expunge.c).  When the server cannot do that safely the
 * originals stay, marked \Deleted, and the error says so.
 */
static int
copy_delete(struct drv *d, struct mailimap_set *set, const char *name, const char *dst,
    const struct msgref *refs, size_t n, struct copyuid *cu, struct bote_err *err)
{
	struct imap_msg	*m;
	uint32_t	*uids;
	size_t		 i;
	int		 rc;

	imap_conn_limit(d, 0, 120);
	if ((rc = mailimap_uidplus_uid_copy(d->imap, set, name, &cu->uidvalidity, &cu->src,
	    &cu->dst)) != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot move to folder '%s'"), dst, err);
	if (store(d, set, FLAG_DELETED, 1, err) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if ((m = imap_fetch_find(d, refs[i].uid)) != NULL)
			m->flags |= FLAG_DELETED;
	uids = ref_uids(refs, n);
	rc = imap_expunge_uids(d, uids, n, err);
	free(uids);
	if (rc == 1)
		imap_conn_error(err, BOTE_ERR_COMMAND, _("cannot finish the move to folder '%s'"),
		    dst, _("the copy is there, the original stays marked deleted: other mail here "
		    "is marked deleted too, and this server can only expunge all of it (no UIDPLUS)"));
	return rc == 0 ? 0 : -1;
}

/*
 * Move; with landed, also where the messages went (from COPYUID, which
 * Dovecot sends for MOVE as well; a server without it leaves landed zero).
 */
int
imap_store_move_tracked(struct drv *d, const struct msgref *refs, size_t n, const char *dst,
    struct msgref *landed, struct bote_err *err)
{
	struct mailimap_set	*set;
	struct copyuid		 cu = { 0, NULL, NULL };
	char			*name;
	int			 rc;

	if (need_writable(d, err) == -1 || (name = target(d, dst, err)) == NULL)
		return -1;
	if ((set = imap_store_uid_set(d, refs, n, err)) == NULL) {
		free(name);
		return -1;
	}
	if (d->has_move) {
		imap_conn_limit(d, 0, 120);
		if ((rc = mailimap_uidplus_uid_move(d->imap, set, name, &cu.uidvalidity, &cu.src,
		    &cu.dst)) != MAILIMAP_NO_ERROR)
			rc = imap_conn_fail(d, rc, _("cannot move to folder '%s'"), dst, err);
	} else
		rc = copy_delete(d, set, name, dst, refs, n, &cu, err);
	if (rc == 0 && landed != NULL &&
	    imap_copyuid_map(cu.uidvalidity, cu.src, cu.dst, refs, n, landed) != 0)
		for (size_t i = 0; i < n; i++)
			landed[i].epoch = landed[i].uid = 0;
	if (cu.src != NULL)
		mailimap_set_free(cu.src);
	if (cu.dst != NULL)
		mailimap_set_free(cu.dst);
	mailimap_set_free(set);
	free(name);
	if (rc == 0)
		forget(d, refs, n);
	return rc;
}

int
imap_store_move(struct drv *d, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	return imap_store_move_tracked(d, refs, n, dst, NULL, err);
}

int
imap_store_expunge(struct drv *d, size_t *removed, struct bote_err *err)
{
	struct msgref	*refs;
	uint32_t	*uids;
	size_t		 i, n = 0;
	int		 rc;

	*removed = 0;
	if (need_writable(d, err) == -1)
		return -1;
	refs = xcalloc(d->nmsgs ? d->nmsgs : 1, sizeof *refs);
	for (i = 0; i < d->nmsgs; i++)
		if (d->msgs[i].flags & FLAG_DELETED) {
			refs[n].epoch = d->uidvalidity;
			refs[n++].uid = d->msgs[i].uid;
		}
	uids = ref_uids(refs, n);
	rc = imap_expunge_uids(d, uids, n, err);
	free(uids);
	if (rc == 0) {
		forget(d, refs, n);
		*removed = n;
	} else if (rc == 1)
		imap_conn_error(err, BOTE_ERR_COMMAND, _("cannot expunge folder '%s'"), d->folder,
		    _("another client marked other messages deleted there, and this server can "
		    "only expunge all of them (no UIDPLUS)"));
	free(refs);
	return rc == 0 ? 0 : -1;
}
