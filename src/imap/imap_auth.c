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

static const char *
mech_name(enum account_auth a)
{
	switch (a) {
	case ACCOUNT_AUTH_PLAIN:		return "PLAIN";
	case ACCOUNT_AUTH_SASL_LOGIN:		return "LOGIN";
	case ACCOUNT_AUTH_SCRAM_SHA_1:		return "SCRAM-SHA-1";
	case ACCOUNT_AUTH_SCRAM_SHA_256:	return "SCRAM-SHA-256";
	case ACCOUNT_AUTH_XOAUTH2:		return "XOAUTH2";
	case ACCOUNT_AUTH_OAUTHBEARER:		return "OAUTHBEARER";
	default:				return NULL;
	}
}

static void
base64(struct buf *out, const unsigned char *in, size_t len)
{
	static const char	 abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long		 v;
	size_t			 i;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 | in[i + 2];
		buf_putc(out, abc[v >> 18 & 63]);
		buf_putc(out, abc[v >> 12 & 63]);
		buf_putc(out, abc[v >> 6 & 63]);
		buf_putc(out, abc[v & 63]);
	}
	if (i < len) {
		v = (unsigned long)in[i] << 16 | (i + 1 < len ? (unsigned long)in[i + 1] << 8 : 0);
		buf_putc(out, abc[v >> 18 & 63]);
		buf_putc(out, abc[v >> 12 & 63]);
		buf_putc(out, i + 1 < len ? abc[v >> 6 & 63] : '=');
		buf_putc(out, '=');
	}
}

/* RFC 5801 saslname: ',' and '=' escaped. */
static void
saslname(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ',')
			buf_puts(b, "=2C");
		else if (*s == '=')
			buf_puts(b, "=3D");
		else
			buf_putc(b, *s);
	}
}

static int
send_line(struct drv *d, const char *line)
{
	if (mailstream_write(d->imap->imap_stream, line, strlen(line)) == -1 ||
	    mailstream_flush(d->imap->imap_stream) == -1)
		return -1;
	return 0;
}

/*
 * AUTHENTICATE OAUTHBEARER with the initial response.  A refusal comes
 * as a continuation carrying the server's JSON error, which the client
 * must answer with a single ^A before the tagged NO (RFC 7628 3.2.3).
 */
static int
oauthbearer(struct drv *d, const char *user, const char *token, struct bote_err *err)
{
	struct buf	 gs2 = BUF_INIT, cmd = BUF_INIT;
	const char	*line;
	char		 text[128];
	int		 rc = -1, sent_ir, lines;

	buf_puts(&gs2, "n,a=");
	saslname(&gs2, user);
	buf_printf(&gs2, ",\001host=%s\001port=%u\001auth=Bearer %s\001\001", d->acct->host,
	    (unsigned)d->acct->port, token);
	sent_ir = imap_conn_has(d->imap, 0, "SASL-IR");
	buf_puts(&cmd, AUTH_TAG " AUTHENTICATE OAUTHBEARER");
	if (sent_ir) {
		buf_putc(&cmd, ' ');
		base64(&cmd, (const unsigned char *)gs2.data, gs2.len);
	}
	buf_puts(&cmd, "\r\n");
	if (send_line(d, cmd.data) == -1)
		goto lost;
	for (lines = 0; lines < 100; lines++) {
		if ((line = mailimap_read_line(d->imap)) == NULL)
			goto lost;
		if (line[0] == '+' && !sent_ir) {
			buf_truncate(&cmd, 0);
			base64(&cmd, (const unsigned char *)gs2.data, gs2.len);
			buf_puts(&cmd, "\r\n");
			sent_ir = 1;
			if (send_line(d, cmd.data) == -1)
				goto lost;
		} else if (line[0] == '+') {
			/* The error report: "AQ==" is base64 of the ^A that ends it. */
			if (send_line(d, "AQ==\r\n") == -1)
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
	if (gs2.data != NULL)
		explicit_bzero(gs2.data, gs2.len);
	if (cmd.data != NULL)
		explicit_bzero(cmd.data, cmd.len);
	buf_free(&gs2);
	buf_free(&cmd);
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
	mech = mech_name(how);
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
