/* config_url.c - imap://user@host:port/FOLDER and imaps://... as a one-off account for -f. */
#include <stdlib.h>
#include <string.h>

#include "config/config_private.h"
#include "net/net.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* %XX decoded (owned); NULL for a bad escape or one that yields a control byte. */
static char *
unescape(const char *s, size_t len)
{
	char	*out = xmalloc(len + 1), *o = out;
	size_t	 i;
	int	 hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		if (i + 2 >= len) {
			free(out);
			return NULL;
		}
		if ((hi = config_hexval(s[i + 1])) < 0 ||
		    (lo = config_hexval(s[i + 2])) < 0 || hi * 16 + lo < 0x20) {
			free(out);
			return NULL;
		}
		*o++ = (char)(hi * 16 + lo);
		i += 2;
	}
	*o = '\0';
	return out;
}

static int
parse_port(const char *s, uint16_t *port)
{
	char		*end;
	unsigned long	 v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v == 0 || v > 65535)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

/* host[:port] or [v6][:port] into a; -1 when malformed. */
static int
parse_hostport(const char *hp, size_t len, struct account *a)
{
	char	*s = xstrndup(hp, len), *colon = NULL, *host = s;
	int	 rc = 0;

	if (*s == '[') {
		char *close = strchr(s, ']');

		if (close == NULL || (close[1] != '\0' && close[1] != ':')) {
			free(s);
			return -1;
		}
		*close = '\0';
		host = s + 1;
		colon = close[1] == ':' ? close + 1 : NULL;
	} else if ((colon = strrchr(s, ':')) != NULL)
		*colon = '\0';
	if (colon != NULL)
		rc = parse_port(colon + 1, &a->port);
	if (*host == '\0')
		rc = -1;
	if (rc == 0)
		a->host = xstrdup(host);
	free(s);
	return rc;
}

struct account *
config_url_account(const char *url, char **folder, struct bote_err *err)
{
	struct account	*a;
	const char	*rest, *slash, *at = NULL, *p;
	int		 implicit;

	*folder = NULL;
	if (strncmp(url, "imaps://", 8) == 0)
		implicit = 1;
	else if (strncmp(url, "imap://", 7) == 0)
		implicit = 0;
	else {
		bote_err_set(err, BOTE_ERR_USAGE, _("unsupported folder URL '%s'"), url);
		return NULL;
	}
	rest = url + (implicit ? 8 : 7);
	a = xcalloc(1, sizeof *a);
	a->protocol = ACCOUNT_IMAP;
	a->timeout = 30;
	slash = rest + strcspn(rest, "/");
	/* The last '@' ends the user: user names are often mail addresses. */
	for (p = rest; p < slash; p++)
		if (*p == '@')
			at = p;
	if (at != NULL && (a->user = unescape(rest, (size_t)(at - rest))) == NULL)
		goto bad;
	if (parse_hostport(at != NULL ? at + 1 : rest, (size_t)(slash - (at != NULL ? at + 1 : rest)),
	    a) == -1)
		goto bad;
	if (a->port == 0)
		a->port = implicit ? 993 : 143;
	/* imap:// is plaintext on loopback only; elsewhere STARTTLS, and then mandatory. */
	a->tls = implicit ? ACCOUNT_TLS_IMPLICIT :
	    net_host_is_loopback(a->host) ? ACCOUNT_TLS_NONE : ACCOUNT_TLS_STARTTLS;
	if (*slash == '/' && slash[1] != '\0' &&
	    (*folder = unescape(slash + 1, strlen(slash + 1))) == NULL)
		goto bad;
	a->name = xasprintf("%s@%s", a->user != NULL ? a->user : "", a->host);
	return a;
bad:
	bote_err_set(err, BOTE_ERR_USAGE, _("bad folder URL '%s'"), url);
	account_copy_free(a);
	return NULL;
}
