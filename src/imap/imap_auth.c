/*
 * imap_auth.c - logging in: the LOGIN command, SASL through libetpan's
 * cyrus-sasl (PLAIN, LOGIN, SCRAM-SHA-1/256), XOAUTH2, and OAUTHBEARER
 * (RFC 7628, which libetpan lacks, spoken here on the raw stream).
 * Always over TLS or to loopback (src/net refuses anything else).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imap/imap_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sasl.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

#define SECRET_MAX	4096	/* a password or token; longer is a mistake */
#define AUTH_TAG	"bote-auth"

static const char *
login_user(const struct drv *d)
{
	return d->acct->user != NULL ? d->acct->user : d->acct->email != NULL ? d->acct->email : "";
}

static int
refuse(struct drv *d, const char *reason, struct bote_err *err)
{
	imap_conn_error(err, BOTE_ERR_AUTH, _("cannot log in to '%s'"), d->acct->host, reason);
	return -1;
}

/* A secret that can go into a command line or a SASL string as it is. */
static int
usable(const char *user, const char *secret)
{
	return strpbrk(user, "\r\n") == NULL && strpbrk(secret, "\r\n") == NULL &&
	    strlen(user) <= 400 && strlen(secret) <= SECRET_MAX;
}

/* The mechanism auto picks: a token's, else LOGIN unless disabled, else SASL PLAIN or LOGIN. */
static enum account_auth
pick(struct drv *d)
{
	if (d->acct->oauth_token_command != NULL)
		return imap_conn_has(d->imap, 1, "OAUTHBEARER") ?
		    ACCOUNT_AUTH_OAUTHBEARER : ACCOUNT_AUTH_XOAUTH2;
	if (!imap_conn_has(d->imap, 0, "LOGINDISABLED"))
		return ACCOUNT_AUTH_LOGIN;
	if (imap_conn_has(d->imap, 1, "PLAIN"))
		return ACCOUNT_AUTH_PLAIN;
	return ACCOUNT_AUTH_SASL_LOGIN;
}

/*
 * AUTHENTICATE OAUTHBEARER with the initial response.  A refusal comes
 * as a continuation carrying the server's JSON error, which the client
 * must answer with a single ^A before the tagged NO (RFC 7628 3.2.3).
 */
static int
oauthbearer(struct drv *d, const char *user, const char *token, struct bote_err *err)
{
	struct buf	 ir = BUF_INIT, cmd = BUF_INIT;
	const char	*line;
	char		 text[128];
	int		 rc = -1, sent_ir, lines;

	sasl_oauthbearer(&ir, user, d->acct->host, (unsigned)d->acct->port, token);
	sent_ir = imap_conn_has(d->imap, 0, "SASL-IR");
	buf_puts(&cmd, AUTH_TAG " AUTHENTICATE OAUTHBEARER");
	if (sent_ir) {
		buf_putc(&cmd, ' ');
		buf_puts(&cmd, ir.data);
	}
	buf_puts(&cmd, "\r\n");
	if (net_send_line(d->imap->imap_stream, cmd.data) == -1)
		goto lost;
	for (lines = 0; lines < 100; lines++) {
		if ((line = mailimap_read_line(d->imap)) == NULL)
			goto lost;
		if (line[0] == '+' && !sent_ir) {
			buf_truncate(&cmd, 0);
			buf_puts(&cmd, ir.data);
			buf_puts(&cmd, "\r\n");
			sent_ir = 1;
			if (net_send_line(d->imap->imap_stream, cmd.data) == -1)
				goto lost;
		} else if (line[0] == '+') {
			/* The error report: "AQ==" is base64 of the ^A that ends it. */
			if (net_send_line(d->imap->imap_stream, "AQ==\r\n") == -1)
				goto lost;
		} else if (strncmp(line, AUTH_TAG " ", sizeof AUTH_TAG) == 0) {
			line += sizeof AUTH_TAG;
			if (strncasecmp(line, "OK", 2) == 0) {
				d->imap->imap_state = MAILIMAP_STATE_AUTHENTICATED;
				rc = 0;
			} else {
				sanitize_server_text(line, text, sizeof text);
				imap_conn_error(err, BOTE_ERR_AUTH, _("login refused by '%s'"),
				    d->acct->host, text);
			}
			goto out;
		}
		/* Untagged data ("* CAPABILITY ...") is read again after login. */
	}
lost:
	imap_conn_error(err, BOTE_ERR_CONNECTION, _("login refused by '%s'"), d->acct->host,
	    _("connection lost"));
	imap_conn_drop(d);
out:
	sasl_buf_wipe(&ir);
	sasl_buf_wipe(&cmd);
	return rc;
}

static char *
secret(struct drv *d, int token, struct bote_err *err)
{
	if (token)
		return account_oauth_token(d->acct, err);
	if (d->password == NULL && (d->password = account_password(d->acct, err)) == NULL)
		return NULL;
	return xstrdup(d->password);
}

int
imap_auth_login(struct drv *d, struct bote_err *err)
{
	enum account_auth	 how = d->acct->auth;
	const char		*user = login_user(d), *mech;
	char			*pw, reason[160];
	int			 token, rc;

	if (how == ACCOUNT_AUTH_AUTO)
		how = pick(d);
	mech = config_auth_mech(how);
	if (how == ACCOUNT_AUTH_LOGIN && imap_conn_has(d->imap, 0, "LOGINDISABLED"))
		return refuse(d, d->acct->auth == ACCOUNT_AUTH_LOGIN ?
		    _("the server disables LOGIN (LOGINDISABLED)") :
		    _("the server disables LOGIN and offers no AUTHENTICATE PLAIN"), err);
	if (mech != NULL && !imap_conn_has(d->imap, 1, mech)) {
		snprintf(reason, sizeof reason, _("the server does not offer AUTHENTICATE %s"), mech);
		return refuse(d, reason, err);
	}
	token = how == ACCOUNT_AUTH_XOAUTH2 || how == ACCOUNT_AUTH_OAUTHBEARER;
	if ((pw = secret(d, token, err)) == NULL)
		return -1;
	if (!usable(user, pw)) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
		return refuse(d, token ? _("user name or token has line breaks or is too long") :
		    _("user name or password has line breaks or is too long"), err);
	}
	imap_conn_limit(d, 0, 0);
	switch (how) {
	case ACCOUNT_AUTH_LOGIN:
		rc = mailimap_login(d->imap, user, pw);
		break;
	case ACCOUNT_AUTH_XOAUTH2:
		rc = mailimap_oauth2_authenticate(d->imap, user, pw);
		break;
	case ACCOUNT_AUTH_OAUTHBEARER:
		rc = oauthbearer(d, user, pw, err);
		explicit_bzero(pw, strlen(pw));
		free(pw);
		return rc;
	default:
		rc = mailimap_authenticate(d->imap, mech, d->acct->host, NULL, NULL, user, user,
		    pw, NULL);
		break;
	}
	explicit_bzero(pw, strlen(pw));
	free(pw);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc == MAILIMAP_ERROR_STREAM || rc == MAILIMAP_ERROR_PARSE ?
		    rc : MAILIMAP_ERROR_LOGIN, _("login refused by '%s'"), d->acct->host, err);
	return 0;
}
