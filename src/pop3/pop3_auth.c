/*
 * pop3_auth.c - logging in to POP3: USER/PASS, SASL through libetpan's
 * cyrus-sasl (PLAIN, LOGIN, SCRAM-SHA-1/256), and XOAUTH2 and OAUTHBEARER
 * (which cyrus-sasl lacks) spoken here on the raw stream.  No APOP: it is
 * broken in Debian's libetpan, and MD5 of a password is no protection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pop3/pop3_session_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/sasl.h"

#define SECRET_MAX	4096	/* a password or token; longer is a mistake */
#define AUTH_LINE_MAX	255	/* RFC 5034: longer AUTH lines send the response later */

static int
refuse(struct pop3_session *s, const char *reason, struct bote_err *err)
{
	bote_err_set(err, BOTE_ERR_AUTH, _("pop3 '%s': cannot log in: %s"), s->host, reason);
	return -1;
}

/*
 * auto: a token's mechanism; else USER/PASS when announced (or when
 * there is no CAPA to ask), else SASL PLAIN, else SASL LOGIN, else try
 * USER/PASS anyway as bote always did.
 */
static enum account_auth
pick(const struct pop3_session *s, const struct pop3_login *lg)
{
	if (lg->token)
		return s->sasl & POP3_SASL(ACCOUNT_AUTH_OAUTHBEARER) ?
		    ACCOUNT_AUTH_OAUTHBEARER : ACCOUNT_AUTH_XOAUTH2;
	if (!s->capa_ok || s->capa_user)
		return ACCOUNT_AUTH_LOGIN;
	if (s->sasl & POP3_SASL(ACCOUNT_AUTH_PLAIN))
		return ACCOUNT_AUTH_PLAIN;
	if (s->sasl & POP3_SASL(ACCOUNT_AUTH_SASL_LOGIN))
		return ACCOUNT_AUTH_SASL_LOGIN;
	return ACCOUNT_AUTH_LOGIN;
}

static int
user_pass(struct pop3_session *s, const struct pop3_login *lg, struct bote_err *err)
{
	int	rc;

	pop3_session_limit(s, 4096);
	if ((rc = mailpop3_user(s->f, lg->user)) != MAILPOP3_NO_ERROR)
		return pop3_session_fail(s, rc, "USER", err);
	pop3_session_limit(s, 4096);
	if ((rc = mailpop3_pass(s->f, lg->password)) != MAILPOP3_NO_ERROR)
		return pop3_session_fail(s, rc, "PASS", err);
	return 0;
}

/*
 * AUTH XOAUTH2 or OAUTHBEARER with the response on the AUTH line when it
 * fits (RFC 5034), else after the server's empty challenge.  A refused
 * token comes as a challenge with the server's JSON error, answered with
 * ^A for OAUTHBEARER (RFC 7628 3.2.3) or an empty line for XOAUTH2,
 * before the -ERR.
 */
static int
oauth(struct pop3_session *s, enum account_auth how, const struct pop3_login *lg,
    struct bote_err *err)
{
	struct buf	 ir = BUF_INIT, cmd = BUF_INIT;
	const char	*mech = config_auth_mech(how), *what = how == ACCOUNT_AUTH_XOAUTH2 ?
			    "AUTH XOAUTH2" : "AUTH OAUTHBEARER";
	char		*line, text[128];
	int		 rc = -1, sent_ir, lines;

	if (how == ACCOUNT_AUTH_XOAUTH2)
		sasl_xoauth2(&ir, lg->user, lg->password);
	else
		sasl_oauthbearer(&ir, lg->user, s->host, lg->net.port, lg->password);
	sent_ir = strlen("AUTH ") + strlen(mech) + 1 + ir.len + 2 <= AUTH_LINE_MAX;
	buf_printf(&cmd, "AUTH %s%s%s\r\n", mech, sent_ir ? " " : "", sent_ir ? ir.data : "");
	pop3_session_limit(s, 16384);
	if (net_send_line(s->f->pop3_stream, cmd.data) == -1)
		goto lost;
	for (lines = 0; lines < 10; lines++) {
		line = mailstream_read_line_remove_eol(s->f->pop3_stream,
		    s->f->pop3_stream_buffer);
		if (line == NULL)
			goto lost;
		if (strncmp(line, "+OK", 3) == 0) {
			/* libetpan's state stays behind: bote speaks the rest itself. */
			rc = 0;
			goto out;
		}
		if (strncmp(line, "-ERR", 4) == 0) {
			sanitize_server_text(line + (line[4] == ' ' ? 5 : 4), text, sizeof text);
			bote_err_set(err, BOTE_ERR_AUTH, _("pop3 '%s': login refused: %s"),
			    s->host, text);
			goto out;
		}
		if (line[0] != '+') {
			bote_err_set(err, BOTE_ERR_PARSE,
			    _("pop3 '%s': %s: the server's reply makes no sense"), s->host, what);
			goto out;
		}
		buf_truncate(&cmd, 0);
		if (!sent_ir) {
			buf_puts(&cmd, ir.data);
			sent_ir = 1;
		} else if (how == ACCOUNT_AUTH_OAUTHBEARER)
			buf_puts(&cmd, "AQ==");	/* base64 of the ^A that ends the error */
		buf_puts(&cmd, "\r\n");
		if (net_send_line(s->f->pop3_stream, cmd.data) == -1)
			goto lost;
	}
	bote_err_set(err, BOTE_ERR_PARSE, _("pop3 '%s': %s: the server's reply makes no sense"),
	    s->host, what);
	goto out;
lost:
	pop3_session_fail(s, MAILPOP3_ERROR_STREAM, what, err);
out:
	sasl_buf_wipe(&ir);
	sasl_buf_wipe(&cmd);
	return rc;
}

int
pop3_auth_login(struct pop3_session *s, const struct pop3_login *lg, struct bote_err *err)
{
	enum account_auth	 how = lg->auth;
	const char		*mech;
	char			 reason[160], what[64];
	int			 rc;

	if (strpbrk(lg->user, "\r\n") != NULL || strpbrk(lg->password, "\r\n") != NULL ||
	    strlen(lg->user) > 400 || strlen(lg->password) > (lg->token ? SECRET_MAX : 400))
		return refuse(s, lg->token ? _("user name or token has line breaks or is too long") :
		    _("user name or password has line breaks or is too long"), err);
	if (how == ACCOUNT_AUTH_AUTO)
		how = pick(s, lg);
	if (how == ACCOUNT_AUTH_LOGIN) {
		if (s->capa_ok && !s->capa_user && lg->auth == ACCOUNT_AUTH_LOGIN)
			return refuse(s, _("the server does not offer USER and PASS"), err);
		return user_pass(s, lg, err);
	}
	mech = config_auth_mech(how);
	if (!(s->sasl & POP3_SASL(how))) {
		snprintf(reason, sizeof reason, _("the server does not offer AUTH %s"), mech);
		return refuse(s, reason, err);
	}
	if (how == ACCOUNT_AUTH_XOAUTH2 || how == ACCOUNT_AUTH_OAUTHBEARER)
		return oauth(s, how, lg, err);
	pop3_session_limit(s, 16384);
	rc = mailpop3_auth(s->f, mech, s->host, NULL, NULL, lg->user, lg->user, lg->password,
	    NULL);
	if (rc == MAILPOP3_NO_ERROR)
		return 0;
	snprintf(what, sizeof what, "AUTH %s", mech);
	return pop3_session_fail(s, rc == MAILPOP3_ERROR_STREAM ? rc : MAILPOP3_ERROR_DENIED,
	    what, err);
}
