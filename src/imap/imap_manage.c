/* imap_manage.c - CREATE, RENAME, DELETE, SUBSCRIBE and UNSUBSCRIBE by UTF-8 folder names. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imap/imap.h"
#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Connected, writable, and the server's name for folder in *server (owned). */
static int
prepare(struct drv *d, const char *folder, char **server, struct bote_err *err)
{
	*server = NULL;
	if (d->readonly) {
		imap_conn_error(err, BOTE_ERR_UNSUPPORTED, _("cannot change folder '%s'"), folder,
		    _("the account is open read-only"));
		return -1;
	}
	if (imap_conn_ensure(d, err) == -1)
		return -1;
	return (*server = imap_folders_server_name(d, folder, err)) == NULL ? -1 : 0;
}

/*
 * Leave a folder that is about to be renamed or deleted: EXAMINE INBOX
 * selects another one without CLOSE's implicit expunge.
 */
static void
leave(struct drv *d, const char *folder)
{
	if (d->folder == NULL || strcmp(d->folder, folder) != 0)
		return;
	imap_folders_forget(d);
	imap_conn_limit(d, (size_t)1 << 20, 60);
	if (d->imap != NULL && mailimap_examine(d->imap, "INBOX") != MAILIMAP_NO_ERROR)
		imap_conn_drop(d);	/* the next operation starts afresh */
}

/* Subscriptions follow create, rename and delete; a refusal there is no failure of those. */
static void
follow(struct drv *d, const char *server, int on)
{
	int	rc;

	if (d->imap == NULL)
		return;
	imap_conn_limit(d, 0, 0);
	rc = on ? mailimap_subscribe(d->imap, server) : mailimap_unsubscribe(d->imap, server);
	if (rc != MAILIMAP_NO_ERROR)
		imap_conn_fail(d, rc, "%s", server, NULL);
}

int
imap_manage_create(struct drv *d, const char *folder, struct bote_err *err)
{
	char	*server;
	int	 rc;

	if (folder_name_check(folder, err) != 0 || prepare(d, folder, &server, err) != 0)
		return -1;
	imap_conn_limit(d, 0, 0);
	if ((rc = mailimap_create(d->imap, server)) != MAILIMAP_NO_ERROR) {
		free(server);
		return imap_conn_fail(d, rc, _("cannot create folder '%s'"), folder, err);
	}
	/* As other clients do: a folder made here is one the user wants to see. */
	follow(d, server, 1);
	free(server);
	return 0;
}

int
imap_manage_rename(struct drv *d, const char *from, const char *to, struct bote_err *err)
{
	char	*old = NULL, *new = NULL;
	int	 rc;

	if (strcasecmp(from, "INBOX") == 0) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("cannot rename INBOX"));
		return -1;
	}
	if (folder_name_check(to, err) != 0 || prepare(d, from, &old, err) != 0 ||
	    (new = imap_folders_server_name(d, to, err)) == NULL) {
		free(old);
		return -1;
	}
	leave(d, from);
	if (d->imap == NULL && imap_conn_ensure(d, err) == -1) {
		free(old);
		free(new);
		return -1;
	}
	imap_conn_limit(d, 0, 0);
	if ((rc = mailimap_rename(d->imap, old, new)) != MAILIMAP_NO_ERROR) {
		imap_conn_fail(d, rc, _("cannot rename folder '%s'"), from, err);
		free(old);
		free(new);
		return -1;
	}
	/* Servers keep subscriptions by name: move it along. */
	follow(d, old, 0);
	follow(d, new, 1);
	free(old);
	free(new);
	/* Cached by the old name, maybe under another UIDVALIDITY now: read afresh. */
	imap_cache_forget(d, from);
	return 0;
}

int
imap_manage_delete(struct drv *d, const char *folder, int force, size_t *count,
    struct bote_err *err)
{
	char	*server;
	long	 total = -1, unread = -1;
	int	 rc;

	*count = 0;
	if (strcasecmp(folder, "INBOX") == 0) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("cannot delete INBOX"));
		return -1;
	}
	if (prepare(d, folder, &server, err) != 0)
		return -1;
	if (!force) {
		imap_folders_status(d, server, &total, &unread);
		if (total != 0) {
			free(server);
			if (total < 0)
				return imap_conn_fail(d, MAILIMAP_ERROR_STATUS,
				    _("cannot delete folder '%s'"), folder, err);
			*count = (size_t)total;
			bote_err_set(err, BOTE_ERR_NOTEMPTY,
			    P_("cannot delete folder '%s': it holds %ld message",
			    "cannot delete folder '%s': it holds %ld messages", total),
			    folder, total);
			return -1;
		}
	}
	leave(d, folder);
	if (d->imap == NULL && imap_conn_ensure(d, err) == -1) {
		free(server);
		return -1;
	}
	imap_conn_limit(d, 0, 0);
	if ((rc = mailimap_delete(d->imap, server)) != MAILIMAP_NO_ERROR) {
		free(server);
		return imap_conn_fail(d, rc, _("cannot delete folder '%s'"), folder, err);
	}
	follow(d, server, 0);
	free(server);
	imap_cache_forget(d, folder);
	*count = total > 0 ? (size_t)total : 0;
	return 0;
}

int
imap_manage_subscribe(struct drv *d, const char *folder, int on, struct bote_err *err)
{
	char	*server;
	int	 rc;

	if (prepare(d, folder, &server, err) != 0)
		return -1;
	imap_conn_limit(d, 0, 0);
	rc = on ? mailimap_subscribe(d->imap, server) : mailimap_unsubscribe(d->imap, server);
	free(server);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, on ? _("cannot subscribe to folder '%s'") :
		    _("cannot unsubscribe from folder '%s'"), folder, err);
	return 0;
}
