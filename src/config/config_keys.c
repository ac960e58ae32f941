/* config_keys.c - the keys of an [account] section: their values, defaults and the rules between them. */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define P_NET		((1u << ACCOUNT_IMAP) | (1u << ACCOUNT_POP3))
#define P_POP3		(1u << ACCOUNT_POP3)
#define P_IMAP		(1u << ACCOUNT_IMAP)
#define P_SPOOL		((1u << ACCOUNT_POP3) | (1u << ACCOUNT_MAILDIR))
#define P_ALL		(P_NET | (1u << ACCOUNT_MAILDIR))

#define MAX_KEEP_DAYS	36500		/* a hundred years: more is a typo */
#define MAX_INTERVAL	(24 * 3600)
#define MAX_HOST	253		/* RFC 1035 */

/* Indexed by enum account_protocol, enum account_tls. */
static const char *const protocols[] = { "imap", "pop3", "maildir" };
static const char *const tls_modes[] = { "implicit", "starttls", "none" };
/* Indexed by enum account_auth. */
static const char *const auth_modes[] = { "auto", "login", "plain", "sasl-login",
	"scram-sha-1", "scram-sha-256", "xoauth2", "oauthbearer" };
#define NAUTH	((int)(sizeof auth_modes / sizeof auth_modes[0]))

static char **
field(const struct config_key *k, struct account *a)
{
	return (char **)(void *)((char *)a + k->off);
}

static const char *
cfield(const struct config_key *k, const struct account *a)
{
	return *(char *const *)(const void *)((const char *)a + k->off);
}

/* Digits only (no sign, no blanks); *end gets what follows them. */
static int
number(const char *s, uint64_t max, uint64_t *out, const char **end)
{
	uint64_t	v = 0, d;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		d = (uint64_t)(*s - '0');
		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	*end = s;
	return 0;
}

/* The index of v in names (ignoring case), or -1. */
static int
word(const char *v, const char *const *names, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (strcasecmp(v, names[i]) == 0)
			return i;
	return -1;
}

static int
set_string(const struct config_key *k, struct account *a, const char *v,
    struct bote_err *err)
{
	(void)err;
	config_secret_free(*field(k, a));
	*field(k, a) = xstrdup(v);
	return 0;
}

static char *
show_string(const struct config_key *k, const struct account *a)
{
	const char	*v = cfield(k, a);

	return v != NULL ? xstrdup(v) : NULL;
}

static int
set_path(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	char	*path;

	if ((path = config_path_expand(v, err)) == NULL)
		return -1;
	free(*field(k, a));
	*field(k, a) = path;
	return 0;
}

static char *
show_path(const struct config_key *k, const struct account *a)
{
	const char	*v = cfield(k, a);

	return v != NULL ? config_path_contract(v) : NULL;
}

static int
set_protocol(const struct config_key *k, struct account *a, const char *v,
    struct bote_err *err)
{
	int	i;

	(void)k;
	if ((i = word(v, protocols, 3)) == -1) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("protocol must be imap, pop3 or maildir, not '%s'"), v);
		return -1;
	}
	a->protocol = (enum account_protocol)i;
	return 0;
}

static char *
show_protocol(const struct config_key *k, const struct account *a)
{
	(void)k;
	return xstrdup(protocols[a->protocol]);
}

static int
set_email(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	const char	*at = strrchr(v, '@');

	if (at == NULL || at == v || at[1] == '\0' || strpbrk(v, " \t") != NULL) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("email '%s' is not an address such as name@example.org"), v);
		return -1;
	}
	return set_string(k, a, v, err);
}

static int
set_host(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	const char	*p;

	for (p = v; *p != '\0'; p++) {
		if ((unsigned char)*p >= 0x80) {
			bote_err_set(err, BOTE_ERR_PARSE,
			    _("host '%s' is not ASCII: write it in its xn-- form"), v);
			return -1;
		}
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:",
		    *p) == NULL)
			break;
	}
	if (*p != '\0' || strlen(v) > MAX_HOST || v[0] == '-' || v[0] == '.') {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("host '%s' is not a host name or IP address"), v);
		return -1;
	}
	return set_string(k, a, v, err);
}

static int
set_port(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	const char	*end;
	uint64_t	 n;

	(void)k;
	if (number(v, 65535, &n, &end) != 0 || *end != '\0' || n == 0) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("port must be a number from 1 to 65535, not '%s'"), v);
		return -1;
	}
	a->port = (uint16_t)n;
	return 0;
}

static char *
show_port(const struct config_key *k, const struct account *a)
{
	(void)k;
	return xasprintf("%u", (unsigned)a->port);
}

static int
set_tls(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	int	i;

	(void)k;
	if ((i = word(v, tls_modes, 3)) == -1) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("tls must be implicit, starttls or none, not '%s'"), v);
		return -1;
	}
	a->tls = (enum account_tls)i;
	return 0;
}

static char *
show_tls(const struct config_key *k, const struct account *a)
{
	(void)k;
	return xstrdup(tls_modes[a->tls]);
}

static int
set_auth(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	int	i;

	(void)k;
	if ((i = word(v, auth_modes, NAUTH)) == -1) {
		bote_err_set(err, BOTE_ERR_PARSE, _("auth must be auto, login, plain, sasl-login, "
		    "scram-sha-1, scram-sha-256, xoauth2 or oauthbearer, not '%s'"), v);
		return -1;
	}
	a->auth = (enum account_auth)i;
	return 0;
}

static char *
show_auth(const struct config_key *k, const struct account *a)
{
	(void)k;
	return a->auth == ACCOUNT_AUTH_AUTO ? NULL : xstrdup(auth_modes[a->auth]);
}

const char *
config_auth_mech(enum account_auth a)
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

static int
set_pin(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	(void)k;
	if (config_parse_pin(v, a->pin) != 0) {
		bote_err_set(err, BOTE_ERR_PARSE, "%s",
		    _("pin must be sha256: and 64 hexadecimal digits (colons between pairs allowed)"));
		return -1;
	}
	a->has_pin = 1;
	return 0;
}

static char *
show_pin(const struct config_key *k, const struct account *a)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	(void)k;
	if (!a->has_pin)
		return NULL;
	buf_puts(&b, "sha256:");
	for (i = 0; i < sizeof a->pin; i++)
		buf_printf(&b, i == 0 ? "%02X" : ":%02X", a->pin[i]);
	return buf_steal(&b);
}

static int
set_keep(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	static const char *const	 words[] = { "forever", "never" };
	const char			*end;
	uint64_t			 days;
	int				 i;

	(void)k;
	if ((i = word(v, words, 2)) != -1) {
		a->keep = i == 0 ? ACCOUNT_KEEP_FOREVER : ACCOUNT_KEEP_NEVER;
		return 0;
	}
	if (number(v, MAX_KEEP_DAYS, &days, &end) != 0 || days == 0 ||
	    (end[0] != 'd' && end[0] != 'D') || end[1] != '\0') {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("keep_on_server must be never, forever or 1d to %dd, not '%s'"),
		    MAX_KEEP_DAYS, v);
		return -1;
	}
	a->keep = ACCOUNT_KEEP_DAYS;
	a->keep_days = (unsigned)days;
	return 0;
}

static char *
show_keep(const struct config_key *k, const struct account *a)
{
	(void)k;
	switch (a->keep) {
	case ACCOUNT_KEEP_NEVER:
		return xstrdup("never");
	case ACCOUNT_KEEP_DAYS:
		return xasprintf("%ud", a->keep_days);
	case ACCOUNT_KEEP_FOREVER:
		break;
	}
	return xstrdup("forever");
}

/* The size a key sets: max_message_size or body_cache_size. */
static uint64_t *
size_of(const struct config_key *k, struct account *a)
{
	return k == &config_account_keys[CONFIG_AK_BODY_CACHE] ? &a->body_cache_size :
	    &a->max_message_size;
}

/* "50M": binary multiples, as people mean them for mail sizes. */
static int
set_size(const struct config_key *k, struct account *a, const char *v, struct bote_err *err)
{
	const char	*end;
	uint64_t	 n, mul = 1;
	int		 cache = k == &config_account_keys[CONFIG_AK_BODY_CACHE];

	if (number(v, UINT64_MAX, &n, &end) != 0)
		goto bad;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		mul = 1ULL << 10;
		break;
	case 'm': case 'M':
		mul = 1ULL << 20;
		break;
	case 'g': case 'G':
		mul = 1ULL << 30;
		break;
	default:
		goto bad;
	}
	if (*end != '\0' && end[1] != '\0')
		goto bad;
	if (n > UINT64_MAX / mul || (cache && n * mul < (1ULL << 20)))
		goto bad;
	*size_of(k, a) = n * mul;
	return 0;
bad:
	if (cache)
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("body_cache_size must be a size of 1M or more such as 500M or 2G, not '%s'"), v);
	else
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("max_message_size must be a number of bytes with an optional k, M or G (such as 50M), not '%s'"),
		    v);
	return -1;
}

static char *
show_size(const struct config_key *k, const struct account *a)
{
	static const char	 units[] = "GMk";
	int			 cache = k == &config_account_keys[CONFIG_AK_BODY_CACHE];
	uint64_t		 n = cache ? a->body_cache_size : a->max_message_size;
	int			 i;

	if (n == 0 && cache)
		return NULL;	/* the default */
	for (i = 0; n != 0 && i < 3; i++) {
		if (n % (1ULL << (30 - 10 * i)) == 0)
			return xasprintf("%llu%c",
			    (unsigned long long)(n >> (30 - 10 * i)), units[i]);
	}
	return xasprintf("%llu", (unsigned long long)n);
}

/* "300", "300s", "5m" or "1h" into seconds, at most max; -1 for anything else. */
static int
seconds(const char *v, uint64_t max, uint64_t *out)
{
	const char	*end;
	uint64_t	 n, mul = 1;

	if (number(v, max, &n, &end) != 0)
		return -1;
	if (*end == 'm' || *end == 'M')
		mul = 60;
	else if (*end == 'h' || *end == 'H')
		mul = 3600;
	else if (*end != 's' && *end != 'S' && *end != '\0')
		return -1;
	if ((*end != '\0' && end[1] != '\0') || n * mul > max)
		return -1;
	*out = n * mul;
	return 0;
}

static int
set_interval(const struct config_key *k, struct account *a, const char *v,
    struct bote_err *err)
{
	uint64_t	n;

	(void)k;
	if (strcasecmp(v, "off") == 0) {
		a->fetch_interval = 0;
		return 0;
	}
	if (seconds(v, MAX_INTERVAL, &n) != 0) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("fetch_interval must be off or a time up to 24h such as 300, 5m or 1h, not '%s'"), v);
		return -1;
	}
	a->fetch_interval = (unsigned)n;
	return 0;
}

static char *
show_interval(const struct config_key *k, const struct account *a)
{
	unsigned	n = a->fetch_interval;

	(void)k;
	if (n == 0)
		return xstrdup("off");
	if (n % 3600 == 0)
		return xasprintf("%uh", n / 3600);
	if (n % 60 == 0)
		return xasprintf("%um", n / 60);
	return xasprintf("%u", n);
}

/* Seconds one network wait may take: "30", "30s" or "2m"; 1 s to 10 minutes. */
static int
set_timeout(const struct config_key *k, struct account *a, const char *v,
    struct bote_err *err)
{
	uint64_t	n;

	(void)k;
	if (seconds(v, 600, &n) != 0 || n == 0) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("timeout must be a time from 1s to 10m such as 30 or 2m, not '%s'"), v);
		return -1;
	}
	a->timeout = (unsigned)n;
	return 0;
}

static char *
show_timeout(const struct config_key *k, const struct account *a)
{
	(void)k;
	if (a->timeout == 0 || a->timeout == 30)
		return NULL;
	return xasprintf("%u", a->timeout);
}

#define STR(f)	offsetof(struct account, f)

const struct config_key config_account_keys[CONFIG_AK_COUNT] = {
	{ "protocol", P_ALL, 0, set_protocol, show_protocol,
	  N_("How bote gets the mail: imap (it stays on the server), pop3 (fetched into the spool) or maildir (a local spool).") },
	{ "email", P_ALL, STR(email), set_email, show_string,
	  N_("Your address; also the login name when user is not given.") },
	{ "host", P_NET, STR(host), set_host, show_string,
	  N_("The mail server's host name or IP address.") },
	{ "port", P_NET, 0, set_port, show_port,
	  N_("The server's port: 993 (imap) or 995 (pop3) with implicit TLS, 143 or 110 otherwise.") },
	{ "tls", P_NET, 0, set_tls, show_tls,
	  N_("implicit: TLS from the first byte; starttls: upgrade first, never go without; none: plaintext, loopback only.") },
	{ "user", P_NET, STR(user), set_string, show_string,
	  N_("The login name.") },
	{ "password_command", P_NET, STR(password_command), set_string, show_string,
	  N_("A command (run with /bin/sh -c) whose first line of output is the password.") },
	{ "password", P_NET, STR(password), set_string, show_string,
	  N_("The password itself: then only you may read this file (chmod 600).") },
	{ "ca_file", P_NET, STR(ca_file), set_path, show_path,
	  N_("An extra certificate authority (PEM file) to trust for this server.") },
	{ "pin", P_NET, 0, set_pin, show_pin,
	  N_("Accept exactly the server certificate with this SHA-256 fingerprint.") },
	{ "spool", P_SPOOL, STR(spool), set_path, show_path,
	  N_("The Maildir that holds this account's mail.") },
	{ "keep_on_server", P_POP3, 0, set_keep, show_keep,
	  N_("How long fetched mail stays on the server: forever, never, or days such as 14d.") },
	{ "max_message_size", P_POP3, 0, set_size, show_size,
	  N_("The largest message fetched, in bytes (k, M and G allowed; 0 for no limit).") },
	{ "fetch_interval", P_POP3, 0, set_interval, show_interval,
	  N_("How often to fetch new mail while bote runs (such as 5m or 1h; off: only when asked).") },
	{ "body_cache_size", 1u << ACCOUNT_IMAP, 0, set_size, show_size,
	  N_("How much of the messages read bote keeps on disk for reading again and offline (such as 500M; default 512M).") },
	{ "timeout", P_NET, 0, set_timeout, show_timeout,
	  N_("How long to wait for the server before giving up, such as 30 or 2m (default 30 seconds).") },
	{ "auth", P_NET, 0, set_auth, show_auth,
	  N_("How to log in: auto, login, plain, sasl-login, scram-sha-1, scram-sha-256, xoauth2 or oauthbearer.") },
	{ "oauth_token_command", P_NET, STR(oauth_token_command), set_string, show_string,
	  N_("A command (run with /bin/sh -c) whose first line of output is an OAuth 2 access token.") },
};

static int
is_string(const struct config_key *k)
{
	return k->show == show_string || k->show == show_path;
}

int
config_key_find(const char *name)
{
	int	i;

	for (i = 0; i < CONFIG_AK_COUNT; i++)
		if (strcmp(config_account_keys[i].name, name) == 0)
			return i;
	return -1;
}

int
config_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
config_parse_pin(const char *text, unsigned char out[32])
{
	unsigned char	 pin[32];
	const char	*p = text + 7;
	size_t		 n;
	int		 hi, lo;

	if (strncasecmp(text, "sha256:", 7) != 0)
		return -1;
	for (n = 0; n < sizeof pin; n++) {
		if (n > 0 && *p == ':')
			p++;
		if ((hi = config_hexval(p[0])) == -1 || (lo = config_hexval(p[1])) == -1)
			return -1;
		pin[n] = (unsigned char)(hi << 4 | lo);
		p += 2;
	}
	if (*p != '\0')
		return -1;
	memcpy(out, pin, sizeof pin);
	return 0;
}

/*
 * Only addresses that cannot leave the machine.  "localhost" is taken by
 * name, as people write it; the transport still connects to whatever the
 * resolver says it is.
 */
static int
loopback(const char *host)
{
	struct in_addr	v4;
	struct in6_addr	v6;

	if (strcasecmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &v4) == 1)
		return (ntohl(v4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &v6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&v6) ||
		    (IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127);
	return 0;
}

static int
finish_tls(struct account *a, const unsigned *seen, unsigned *line, struct bote_err *err)
{
	static const enum config_akey	 need_tls[] = { CONFIG_AK_CA_FILE, CONFIG_AK_PIN };
	size_t				 i;

	if (a->tls != ACCOUNT_TLS_NONE)
		return 0;
	if (!loopback(a->host)) {
		*line = seen[CONFIG_AK_TLS];
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("tls = none is allowed only for 127.0.0.1, ::1 or localhost, not for '%s': the password would cross the network unencrypted"),
		    a->host);
		return -1;
	}
	for (i = 0; i < sizeof need_tls / sizeof need_tls[0]; i++) {
		if (seen[need_tls[i]]) {
			*line = seen[need_tls[i]];
			bote_err_set(err, BOTE_ERR_PARSE, _("key '%s' needs TLS, but tls = none"),
			    config_account_keys[need_tls[i]].name);
			return -1;
		}
	}
	return 0;
}

static int
finish_net(struct account *a, const unsigned *seen, unsigned *line, struct bote_err *err)
{
	int	tls = a->tls == ACCOUNT_TLS_IMPLICIT;

	if (a->host == NULL) {
		bote_err_set(err, BOTE_ERR_PARSE, _("account '%s' has no host"), a->name);
		return -1;
	}
	if (a->user == NULL && a->email == NULL) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("account '%s' has neither user nor email to log in with"), a->name);
		return -1;
	}
	if (a->password != NULL && a->password_command != NULL) {
		*line = seen[CONFIG_AK_PASSWORD] > seen[CONFIG_AK_PASSWORD_COMMAND] ?
		    seen[CONFIG_AK_PASSWORD] : seen[CONFIG_AK_PASSWORD_COMMAND];
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("account '%s' has both password and password_command: keep one"), a->name);
		return -1;
	}
	if (finish_tls(a, seen, line, err) != 0)
		return -1;
	if ((a->auth == ACCOUNT_AUTH_XOAUTH2 || a->auth == ACCOUNT_AUTH_OAUTHBEARER) &&
	    a->oauth_token_command == NULL) {
		*line = seen[CONFIG_AK_AUTH];
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("account '%s' logs in with a token: set oauth_token_command"), a->name);
		return -1;
	}
	if (a->user == NULL)
		a->user = xstrdup(a->email);
	if (!seen[CONFIG_AK_PORT] && a->protocol == ACCOUNT_IMAP)
		a->port = tls ? 993 : 143;
	else if (!seen[CONFIG_AK_PORT])
		a->port = tls ? 995 : 110;
	return 0;
}

int
config_account_finish(struct account *a, const unsigned *seen, unsigned *line,
    struct bote_err *err)
{
	unsigned	bit;
	int		k;

	*line = a->line;
	if (!seen[CONFIG_AK_PROTOCOL]) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("account '%s' has no protocol: add protocol = imap, pop3 or maildir"),
		    a->name);
		return -1;
	}
	bit = 1u << a->protocol;
	for (k = 0; k < CONFIG_AK_COUNT; k++) {
		if (seen[k] && !(config_account_keys[k].applies & bit)) {
			*line = seen[k];
			bote_err_set(err, BOTE_ERR_PARSE,
			    _("key '%s' does not apply to %s accounts"),
			    config_account_keys[k].name, protocols[a->protocol]);
			return -1;
		}
	}
	if ((bit & P_NET) && finish_net(a, seen, line, err) != 0)
		return -1;
	if ((bit & P_SPOOL) && a->spool == NULL) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("account '%s' has no spool: the Maildir that holds its mail"), a->name);
		return -1;
	}
	if (a->protocol == ACCOUNT_POP3 && !seen[CONFIG_AK_MAX_SIZE])
		a->max_message_size = CONFIG_POP3_MAX_SIZE;
	return 0;
}

void
config_account_clear(struct account *a)
{
	int	k;

	free(a->name);
	for (k = 0; k < CONFIG_AK_COUNT; k++)
		if (is_string(&config_account_keys[k]))
			config_secret_free(*field(&config_account_keys[k], a));
	explicit_bzero(a, sizeof *a);
}

int
config_delete_parse(const char *v, int *mark)
{
	if (strcmp(v, "trash") == 0)
		*mark = 0;
	else if (strcmp(v, "mark") == 0)
		*mark = 1;
	else
		return -1;
	return 0;
}
