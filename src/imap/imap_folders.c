/* imap_folders.c - LIST with SPECIAL-USE roles, names in modified UTF-7, STATUS counts, SELECT. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imap/imap.h"
#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define LIST_MAX	((size_t)16 << 20)	/* bytes of a LIST reply: 100,000 folders */

struct subs {
	char	**v;
	size_t	  n;
};

/* The role a SPECIAL-USE attribute (RFC 6154; libetpan drops the backslash) names. */
static enum folder_role
special_use(const struct mailimap_mbx_list_flags *f)
{
	static const struct {
		const char		*attr;
		enum folder_role	 role;
	} uses[] = {
		{ "Sent", ROLE_SENT }, { "Drafts", ROLE_DRAFTS }, { "Trash", ROLE_TRASH },
		{ "Junk", ROLE_JUNK }, { "Archive", ROLE_ARCHIVE },
	};
	clistiter	*it;
	size_t		 i;

	if (f == NULL || f->mbf_oflags == NULL)
		return ROLE_NONE;
	for (it = clist_begin(f->mbf_oflags); it != NULL; it = clist_next(it)) {
		const struct mailimap_mbx_list_oflag *o = clist_content(it);

		if (o->of_type != MAILIMAP_MBX_LIST_OFLAG_FLAG_EXT || o->of_flag_ext == NULL)
			continue;
		for (i = 0; i < sizeof uses / sizeof uses[0]; i++)
			if (strcasecmp(o->of_flag_ext, uses[i].attr) == 0)
				return uses[i].role;
	}
	return ROLE_NONE;
}

static int
has_attr(const struct mailimap_mbx_list_flags *f, const char *attr)
{
	clistiter	*it;

	if (f == NULL || f->mbf_oflags == NULL)
		return 0;
	for (it = clist_begin(f->mbf_oflags); it != NULL; it = clist_next(it)) {
		const struct mailimap_mbx_list_oflag *o = clist_content(it);

		if (o->of_type == MAILIMAP_MBX_LIST_OFLAG_FLAG_EXT && o->of_flag_ext != NULL &&
		    strcasecmp(o->of_flag_ext, attr) == 0)
			return 1;
	}
	return 0;
}

static int
selectable(const struct mailimap_mbx_list_flags *f)
{
	if (f == NULL)
		return 1;
	if (f->mbf_type == MAILIMAP_MBX_LIST_FLAGS_SFLAG &&
	    f->mbf_sflag == MAILIMAP_MBX_LIST_SFLAG_NOSELECT)
		return 0;
	return !has_attr(f, "NonExistent") && !has_attr(f, "Noselect");
}

/*
 * The display name: decoded, levels joined by '/'.  NULL for a name that
 * would not map back to itself (invalid modified UTF-7, or a '/' inside a
 * level when the server's delimiter is another character).
 */
static char *
display_name(const char *server, char delim)
{
	char	*name = imap_mutf7_decode(server), *p;

	if (name == NULL || delim == '/' || delim == '\0')
		return name;
	if (strchr(name, '/') != NULL) {
		free(name);
		return NULL;
	}
	for (p = name; *p != '\0'; p++)
		if (*p == delim)
			*p = '/';
	return name;
}

/* The server's delimiter, asked for with LIST "" "" when no listing told it yet. */
static int
learn_delimiter(struct drv *d, struct bote_err *err)
{
	clist		*list = NULL;
	clistiter	*it;
	int		 rc;

	if (d->delim != '\0')
		return 0;
	imap_conn_limit(d, 0, 0);
	if ((rc = mailimap_list(d->imap, "", "", &list)) != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot list the folders of '%s'"), d->acct->host, err);
	for (it = clist_begin(list); it != NULL; it = clist_next(it)) {
		const struct mailimap_mailbox_list *mb = clist_content(it);

		if (mb->mb_delimiter != '\0')
			d->delim = mb->mb_delimiter;
	}
	mailimap_list_result_free(list);
	if (d->delim == '\0')
		d->delim = '/';	/* a flat server: no level will ever be split */
	return 0;
}

char *
imap_folders_server_name(struct drv *d, const char *folder, struct bote_err *err)
{
	char	*levels, *name, *p;

	if (learn_delimiter(d, err) == -1)
		return NULL;
	levels = xstrdup(folder);
	if (d->delim != '/') {
		if (strchr(levels, d->delim) != NULL) {
			imap_conn_error(err, BOTE_ERR_NOTFOUND, _("cannot use folder '%s'"),
			    folder, _("the name holds the server's hierarchy delimiter"));
			free(levels);
			return NULL;
		}
		for (p = levels; *p != '\0'; p++)
			if (*p == '/')
				*p = d->delim;
	}
	if ((name = imap_mutf7_encode(levels)) == NULL)
		imap_conn_error(err, BOTE_ERR_USAGE, _("cannot use folder '%s'"), folder,
		    _("the name is not valid UTF-8"));
	free(levels);
	return name;
}

void
imap_folders_status(struct drv *d, const char *server, long *total, long *unread)
{
	struct mailimap_status_att_list		*atts = mailimap_status_att_list_new_empty();
	struct mailimap_mailbox_data_status	*st = NULL;
	clistiter				*it;

	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_MESSAGES);
	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_UNSEEN);
	imap_conn_limit(d, 0, 0);
	if (mailimap_status(d->imap, server, atts, &st) == MAILIMAP_NO_ERROR && st != NULL) {
		for (it = clist_begin(st->st_info_list); it != NULL; it = clist_next(it)) {
			const struct mailimap_status_info *si = clist_content(it);

			if (si->st_att == MAILIMAP_STATUS_ATT_MESSAGES)
				*total = (long)si->st_value;
			else if (si->st_att == MAILIMAP_STATUS_ATT_UNSEEN)
				*unread = (long)si->st_value;
		}
	}
	if (st != NULL)
		mailimap_mailbox_data_status_free(st);
	mailimap_status_att_list_free(atts);
}

static int
depth_of(const char *name)
{
	int	n = 0;

	for (; *name != '\0'; name++)
		n += *name == '/';
	return n;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The server's names of the subscribed folders, sorted; NULL when LSUB is refused. */
static struct subs *
subscriptions(struct drv *d)
{
	clist		*list = NULL;
	clistiter	*it;
	struct subs	*s;

	imap_conn_limit(d, LIST_MAX, 120);
	if (mailimap_lsub(d->imap, "", "*", &list) != MAILIMAP_NO_ERROR)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->v = xcalloc(clist_count(list) + 1, sizeof *s->v);
	for (it = clist_begin(list); it != NULL; it = clist_next(it)) {
		const struct mailimap_mailbox_list *mb = clist_content(it);

		if (mb->mb_name != NULL)
			s->v[s->n++] = xstrdup(mb->mb_name);
	}
	mailimap_list_result_free(list);
	qsort(s->v, s->n, sizeof *s->v, cmp_name);
	return s;
}

static int
subscribed(const struct subs *s, const char *server)
{
	return bsearch(&server, s->v, s->n, sizeof *s->v, cmp_name) != NULL;
}

static void
subs_free(struct subs *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	free(s);
}

int
imap_folders_list(struct drv *d, int counts, struct folder_list *out, struct bote_err *err)
{
	clist			*list = NULL;
	clistiter		*it;
	struct folder_info	 fi;
	struct subs		*subs;
	int			 rc, any_special = 0;
	size_t			 i;

	memset(out, 0, sizeof *out);
	if (imap_conn_ensure(d, err) == -1)
		return -1;
	/* Subscriptions only mark the list: a server that refuses LSUB lists all the same. */
	subs = subscriptions(d);
	if (d->imap == NULL && imap_conn_ensure(d, err) == -1)
		return -1;	/* LSUB cost the connection (subs is NULL then) */
	imap_conn_limit(d, LIST_MAX, 120);
	if ((rc = mailimap_list(d->imap, "", "*", &list)) != MAILIMAP_NO_ERROR) {
		subs_free(subs);
		return imap_conn_fail(d, rc, _("cannot list the folders of '%s'"), d->acct->host, err);
	}
	for (it = clist_begin(list); it != NULL; it = clist_next(it)) {
		const struct mailimap_mailbox_list *mb = clist_content(it);

		if (mb->mb_delimiter != '\0' && d->delim == '\0')
			d->delim = mb->mb_delimiter;
		if (mb->mb_name == NULL || !selectable(mb->mb_flag))
			continue;
		memset(&fi, 0, sizeof fi);
		if ((fi.name = display_name(mb->mb_name, mb->mb_delimiter)) == NULL)
			continue;	/* a name bote could not send back unchanged */
		fi.role = strcasecmp(fi.name, "INBOX") == 0 ? ROLE_INBOX : special_use(mb->mb_flag);
		any_special |= fi.role > ROLE_INBOX;
		fi.depth = depth_of(fi.name);
		fi.total = fi.unread = -1;
		if (counts)
			imap_folders_status(d, mb->mb_name, &fi.total, &fi.unread);
		fi.unsubscribed = subs != NULL && strcasecmp(fi.name, "INBOX") != 0 &&
		    !subscribed(subs, mb->mb_name);
		folder_list_add(out, &fi);
		free(fi.name);
	}
	mailimap_list_result_free(list);
	subs_free(subs);
	/* A server without SPECIAL-USE: guess from the names, as for a Maildir. */
	for (i = 0; !any_special && i < out->n; i++)
		if (out->v[i].role == ROLE_NONE)
			out->v[i].role = folder_role_guess(out->v[i].name);
	folder_list_sort(out);
	return 0;
}

static void
forget_messages(struct drv *d)
{
	free(d->msgs);
	d->msgs = NULL;
	d->nmsgs = 0;
}

void
imap_folders_forget(struct drv *d)
{
	free(d->folder);
	d->folder = NULL;
	forget_messages(d);
}

static int
select_raw(struct drv *d, const char *folder, struct select_info *si, struct bote_err *err)
{
	struct mailimap_selection_info	*sel;
	char				*server;
	int				 rc;

	if ((server = imap_folders_server_name(d, folder, err)) == NULL)
		return -1;
	imap_conn_limit(d, (size_t)1 << 20, 60);
	rc = d->readonly ? mailimap_examine(d->imap, server) : mailimap_select(d->imap, server);
	free(server);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot open folder '%s'"), folder, err);
	sel = d->imap->imap_selection_info;
	memset(si, 0, sizeof *si);
	si->epoch = sel->sel_uidvalidity;
	si->uidnext = sel->sel_uidnext;
	si->exists = sel->sel_exists;
	return 0;
}

int
imap_folders_select(struct drv *d, const char *folder, struct select_info *si,
    struct bote_err *err)
{
	struct select_info	 old_si;
	char			*old = d->folder;

	if (d->imap == NULL) {
		d->folder = NULL;	/* selecting afresh: nothing to restore on reconnect */
		free(old);
		old = NULL;
		if (imap_conn_ensure(d, err) == -1)
			return -1;
	}
	if (select_raw(d, folder, si, err) == -1) {
		/*
		 * A failed SELECT leaves no folder selected on the server; the
		 * previous one stays usable, as with a Maildir, by selecting it again.
		 */
		d->folder = NULL;
		if (old != NULL && d->imap != NULL && select_raw(d, old, &old_si, NULL) == 0 &&
		    old_si.epoch == d->uidvalidity)
			d->folder = old;
		else {
			free(old);
			forget_messages(d);
		}
		return -1;
	}
	if (old == NULL || strcmp(old, folder) != 0 || si->epoch != d->uidvalidity)
		forget_messages(d);
	free(old);
	d->folder = xstrdup(folder);
	d->uidvalidity = si->epoch;
	return 0;
}
