/* imap_conn.c - one IMAP connection: greeting, STARTTLS, capabilities, login, errors, limits. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

#define REPLY_MAX	(64 * 1024)	/* a greeting, CAPABILITY or tagged reply */

static int
timeout_of(const struct drv *d)
{
	return d->acct->timeout > 0 ? (int)d->acct->timeout : 30;
}

void
imap_conn_limit(struct drv *d, size_t max, time_t extra_secs)
{
	if (d->imap == NULL || d->imap->imap_stream == NULL)
		return;
	net_set_limits(d->imap->imap_stream, max > 0 ? max : REPLY_MAX,
	    net_now() + timeout_of(d) + extra_secs);
}

void
imap_conn_drop(struct drv *d)
{
	if (d->imap == NULL)
		return;
	/* Without a stream mailimap_free() cannot send LOGOUT to a dead or hostile peer. */
	if (d->imap->imap_stream != NULL) {
		mailstream_close(d->imap->imap_stream);
		d->imap->imap_stream = NULL;
	}
	mailimap_free(d->imap);
	d->imap = NULL;
	d->delim = '\0';
}

void
imap_conn_close(struct drv *d)
{
	if (d->imap == NULL)
		return;
	imap_conn_limit(d, 4096, 0);
	mailimap_logout(d->imap);
	imap_conn_drop(d);
}

void
imap_conn_abort(struct drv *d)
{
	uint64_t	one = 1;

	if (write(d->cancel_fd, &one, sizeof one) < 0) {
		/* The counter cannot overflow in practice; nothing else to do. */
	}
}

void
imap_conn_error(struct bote_err *err, enum bote_err_kind kind, const char *what,
    const char *object, const char *reason)
{
	char	head[384];

	snprintf(head, sizeof head, what, object);
	bote_err_set(err, kind, "%s: %s", head, reason);
}

int
imap_conn_fail(struct drv *d, int rc, const char *what, const char *object,
    struct bote_err *err)
{
	const char	*why = d->imap != NULL && d->imap->imap_stream != NULL ?
			    net_last_error(d->imap->imap_stream) : NULL;
	char		 text[128];

	if (why != NULL) {
		imap_conn_error(err, strcmp(why, _("cancelled")) == 0 ? BOTE_ERR_CANCELLED :
		    BOTE_ERR_CONNECTION, what, object, why);
		imap_conn_drop(d);
		return -1;
	}
	switch (rc) {
	case MAILIMAP_ERROR_STREAM:
		imap_conn_error(err, BOTE_ERR_CONNECTION, what, object, _("connection lost"));
		imap_conn_drop(d);
		break;
	case MAILIMAP_ERROR_MEMORY:
		/*
		 * libetpan sizes a literal's buffer from the server's number: a
		 * hostile {4000000000} fails there, before any budget applies.
		 */
		imap_conn_error(err, BOTE_ERR_PARSE, what, object,
		    _("the server announced more data than bote accepts"));
		imap_conn_drop(d);
		break;
	case MAILIMAP_ERROR_PARSE:
		imap_conn_error(err, BOTE_ERR_PARSE, what, object,
		    _("the server's reply makes no sense"));
		imap_conn_drop(d);
		break;
	default:
		sanitize_server_text(d->imap != NULL ? d->imap->imap_response : NULL, text,
		    sizeof text);
		imap_conn_error(err, rc == MAILIMAP_ERROR_LOGIN || rc == MAILIMAP_ERROR_SASL ?
		    BOTE_ERR_AUTH : BOTE_ERR_COMMAND, what, object, text);
		break;
	}
	return -1;
}

/* The server's last capability list, or NULL (libetpan leaves the list NULL for "[CAPABILITY ]"). */
static clist *
imap_conn_caps(mailimap *imap)
{
	if (imap == NULL || imap->imap_connection_info == NULL ||
	    imap->imap_connection_info->imap_capability == NULL)
		return NULL;
	return imap->imap_connection_info->imap_capability->cap_list;
}

/*
 * Whether the server named this capability (auth: an AUTH= mechanism).
 * libetpan's own mailimap_has_extension() follows the null list above.
 */
int
imap_conn_has(mailimap *imap, int auth, const char *name)
{
	clistiter	*it;
	clist		*caps = imap_conn_caps(imap);

	if (caps == NULL)
		return 0;
	for (it = clist_begin(caps); it != NULL; it = clist_next(it)) {
		const struct mailimap_capability	*c = clist_content(it);

		if (auth && c->cap_type == MAILIMAP_CAPABILITY_AUTH_TYPE &&
		    c->cap_data.cap_auth_type != NULL &&
		    strcasecmp(c->cap_data.cap_auth_type, name) == 0)
			return 1;
		if (!auth && c->cap_type == MAILIMAP_CAPABILITY_NAME &&
		    c->cap_data.cap_name != NULL && strcasecmp(c->cap_data.cap_name, name) == 0)
			return 1;
	}
	return 0;
}

/*
 * Capabilities as the server states them now: what libetpan holds may
 * predate TLS (RFC 3501 6.2.1: discard it), so it is dropped first.  Not
 * mailimap_capability(): it copies the list after a tagged OK without
 * looking, and "* CAPABILITY" with no atoms, or none at all, leaves it
 * NULL (a crash, found by fuzz_imap).  A server that names nothing has
 * no capabilities; imap_conn_has() reads the list safely.
 */
static int
read_capabilities(struct drv *d, struct bote_err *err)
{
	struct mailimap_connection_info	*ci = d->imap->imap_connection_info;
	int				 rc;

	if (ci != NULL && ci->imap_capability != NULL) {
		mailimap_capability_data_free(ci->imap_capability);
		ci->imap_capability = NULL;
	}
	imap_conn_limit(d, 0, 0);
	if ((rc = mailimap_custom_command(d->imap, "CAPABILITY")) != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot read the capabilities of '%s'"),
		    d->acct->host, err);
	return 0;
}

static int
starttls(struct drv *d, const struct net_params *np, struct bote_err *err)
{
	int	rc;

	if (d->imap->imap_connection_info == NULL ||
	    d->imap->imap_connection_info->imap_capability == NULL) {
		if (read_capabilities(d, err) == -1)
			return -1;
	}
	if (!imap_conn_has(d->imap, 0, "STARTTLS")) {
		imap_conn_error(err, BOTE_ERR_TLS, _("cannot secure the connection to '%s'"),
		    d->acct->host, _("the server does not offer STARTTLS, and this account requires it"));
		return -1;
	}
	imap_conn_limit(d, 4096, 0);
	rc = mailimap_starttls(d->imap);
	if (rc == MAILIMAP_ERROR_STARTTLS && d->imap->imap_stream->read_buffer_len > 0) {
		/* CVE-2020-15953: plaintext queued after the go-ahead would pass as encrypted. */
		imap_conn_error(err, BOTE_ERR_TLS, _("cannot secure the connection to '%s'"),
		    d->acct->host, _("the server sent data after agreeing to STARTTLS"));
		return -1;
	}
	if (rc == MAILIMAP_ERROR_STARTTLS) {
		imap_conn_error(err, BOTE_ERR_TLS, _("cannot secure the connection to '%s'"),
		    d->acct->host, _("the server refused STARTTLS"));
		return -1;
	}
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot secure the connection to '%s'"), d->acct->host,
		    err);
	if (net_starttls(d->imap->imap_stream, np, d->peer, err) == -1)
		return -1;
	/* What the server said before TLS may have been forged: ask again. */
	return read_capabilities(d, err);
}

static void
drain_cancel(struct drv *d)
{
	uint64_t	v;

	if (read(d->cancel_fd, &v, sizeof v) < 0) {
		/* EAGAIN: no abort pending, the usual case. */
	}
}

int
imap_conn_open(struct drv *d, struct bote_err *err)
{
	struct net_params	 np;
	mailstream		*stream;
	int			 rc;

	imap_conn_drop(d);
	/* A borrowed fd is the worker's to drain: a stop must outlive a reconnect. */
	if (d->own_cancel)
		drain_cancel(d);
	net_params_from_account(&np, d->acct, d->cancel_fd);
	if ((d->imap = mailimap_new(0, NULL)) == NULL)
		abort();
	mailimap_set_timeout(d->imap, np.timeout);
	if ((stream = net_open(&np, d->peer, err)) == NULL)
		goto fail;
	net_set_limits(stream, REPLY_MAX, net_now() + np.timeout);
	rc = mailimap_connect(d->imap, stream);
	if (rc != MAILIMAP_NO_ERROR_AUTHENTICATED && rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
		if (d->imap->imap_stream == NULL)
			mailstream_close(stream);	/* libetpan did not take it */
		imap_conn_fail(d, rc, _("no IMAP greeting from '%s'"), d->acct->host, err);
		goto fail;
	}
	if (np.tls == NET_TLS_STARTTLS) {
		if (rc == MAILIMAP_NO_ERROR_AUTHENTICATED) {
			/* PREAUTH before TLS: the session would run in plaintext. */
			imap_conn_error(err, BOTE_ERR_TLS,
			    _("cannot secure the connection to '%s'"), d->acct->host,
			    _("the server logged in before STARTTLS (PREAUTH)"));
			goto fail;
		}
		if (starttls(d, &np, err) == -1)
			goto fail;
	}
	if (rc != MAILIMAP_NO_ERROR_AUTHENTICATED && imap_auth_login(d, err) == -1)
		goto fail;
	/* Dovecot lists MOVE, UIDPLUS and the rest only after login. */
	if (read_capabilities(d, err) == -1)
		goto fail;
	d->has_move = imap_conn_has(d->imap, 0, "MOVE");
	d->has_uidplus = imap_conn_has(d->imap, 0, "UIDPLUS");
	d->offline = 0;
	imap_resync_enable(d);
	return 0;
fail:
	imap_conn_drop(d);
	/* Unreachable (not refused): changes are queued from now on without a try each. */
	d->offline = err != NULL && err->kind == BOTE_ERR_CONNECTION;
	return -1;
}

int
imap_conn_ensure(struct drv *d, struct bote_err *err)
{
	struct select_info	 si;
	uint32_t		 old = d->uidvalidity;
	char			*folder;

	if (d->imap != NULL)
		return 0;
	if (imap_conn_open(d, err) == -1)
		return -1;
	if (d->folder == NULL)
		return 0;
	folder = xstrdup(d->folder);
	if (imap_folders_select(d, folder, &si, err) == -1) {
		free(folder);
		return -1;
	}
	free(folder);
	if (si.epoch != old) {
		/* Every UID bote holds now names another message, or none. */
		imap_conn_error(err, BOTE_ERR_NOTFOUND, _("cannot use folder '%s'"),
		    d->folder, _("it was rebuilt on the server; open it again"));
		free(d->folder);
		d->folder = NULL;
		return -1;
	}
	return 0;
}
