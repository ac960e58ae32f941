/*
 * imap_driver.c - the IMAP-live driver: one libetpan session per account
 * worker over bote's own transport, UIDs everywhere, reconnecting after a
 * lost connection.  See docs/ARCHITECTURE.md, "IMAP".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static struct drv *
imap_create(const struct drv_params *p, struct bote_err *err)
{
	struct drv	*d;
	int		 fd;

	if (p->acct == NULL || p->acct->protocol != ACCOUNT_IMAP || p->acct->host == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("no IMAP account given"));
		return NULL;
	}
	if (p->has_cancel_fd)
		fd = p->cancel_fd;
	else if ((fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1) {
		bote_err_errno(err, errno, "%s", _("cannot create a wakeup descriptor"));
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->acct = account_copy(p->acct);
	d->password = p->password != NULL ? xstrdup(p->password) : NULL;
	d->readonly = p->readonly;
	d->cancel_fd = fd;
	d->own_cancel = !p->has_cancel_fd;
	return d;
}

static void
imap_destroy(struct drv *d)
{
	if (d == NULL)
		return;
	imap_conn_drop(d);
	imap_offline_close(d);
	if (d->password != NULL) {
		explicit_bzero(d->password, strlen(d->password));
		free(d->password);
	}
	account_copy_free(d->acct);
	free(d->folder);
	free(d->msgs);
	if (d->own_cancel)
		close(d->cancel_fd);
	free(d);
}

static int
imap_connect(struct drv *d, struct bote_err *err)
{
	return imap_conn_open(d, err);
}

static void
imap_disconnect(struct drv *d)
{
	imap_conn_close(d);
}

static void
imap_abort(struct drv *d)
{
	imap_conn_abort(d);
}

const struct drv_ops imap_driver_ops = {
	.name = "imap",
	.caps = DRV_CAP_REMOTE | DRV_CAP_PUSH | DRV_CAP_KEYWORDS | DRV_CAP_MOVE,
	.create = imap_create,
	.destroy = imap_destroy,
	.connect = imap_connect,
	.disconnect = imap_disconnect,
	.list_folders = imap_folders_list,
	.select = imap_folders_select,
	.fetch_index = imap_fetch_index,
	.fetch_summaries = imap_fetch_summaries,
	.fetch_message = imap_fetch_message,
	.store_flags = imap_offline_store_flags,
	.copy = imap_store_copy,
	.move = imap_offline_move,
	.move_tracked = imap_offline_move_tracked,
	.expunge = imap_store_expunge,
	.create_folder = imap_manage_create,
	.rename_folder = imap_manage_rename,
	.delete_folder = imap_manage_delete,
	.subscribe = imap_manage_subscribe,
	.search = imap_search,
	.append = imap_append,
	.wait = imap_idle_wait,
	.abort = imap_abort,
};
