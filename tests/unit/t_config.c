/* t_config.c - the config file: every key and default, every error with its line, file safety, passwords, writing back. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "tap.h"

#define HOME_DIR	"/home/tester"

/* An IMAP account with lines 1-4 taken, for errors further down. */
#define IMAP4	"[account \"home\"]\nprotocol = imap\nhost = mail.example.org\n" \
		"email = anna@example.org\n"
#define POP3_4	"[account \"pop\"]\nprotocol = pop3\nhost = pop.example.org\n" \
		"spool = /var/mail/anna\nemail = anna@example.org\n"

static char		 base[] = "/tmp/t_config.XXXXXX";
static struct bote_err	 err;

static int
parse(const char *text, struct config *cfg)
{
	bote_err_clear(&err);
	return config_parse("t", text, strlen(text), cfg, &err);
}

/* The message a refused text gives, or a marker when it was accepted or failed otherwise. */
static const char *
refusal(const char *text, size_t len)
{
	struct config	cfg;
	int		rc;

	bote_err_clear(&err);
	rc = config_parse("t", text, len, &cfg, &err);
	if (rc == 0) {
		config_free(&cfg);
		return "(accepted)";
	}
	if (cfg.accounts != NULL || cfg.naccounts != 0 || cfg.binds != NULL ||
	    cfg.default_account != NULL)
		return "(config not emptied after an error)";
	if (err.kind != BOTE_ERR_PARSE)
		return "(not a parse error)";
	if (strchr(err.msg, '\n') != NULL)
		return "(message has a newline)";
	return err.msg;
}

#define REFUSED(text, want, ...) \
	is_str(refusal((text), strlen(text)), (want), __VA_ARGS__)

static const struct account *
one(struct config *cfg, const char *text)
{
	if (parse(text, cfg) != 0) {
		diag("parse failed: %s", err.msg);
		return NULL;
	}
	return config_account(cfg, NULL);
}

static void
test_every_key(void)
{
	struct config		 cfg;
	const struct account	*a;
	static const unsigned char pin[4] = { 0xab, 0xcd, 0x01, 0x23 };

	a = one(&cfg,
	    "# a comment\n"
	    "; another\n"
	    "\n"
	    "[general]\n"
	    "account = work\n"
	    "theme = light\n"
	    "html_filter = w3m -dump -T text/html\n"
	    "keys = vi\n"
	    "mouse = yes\n"
	    "bell_on_new_mail = On\n"
	    "new_mail_command = notify-send \"new mail\"\n"
	    "[account \"home\"]\n"
	    "protocol = pop3\n"
	    "email = anna@example.org\n"
	    "host = pop.example.org\n"
	    "port = 1995\n"
	    "tls = starttls\n"
	    "user = anna\n"
	    "password_command = pass show mail/home\n"
	    "ca_file = /etc/ssl/extra.pem\n"
	    "pin = sha256:AB:CD:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB\n"
	    "spool = ~/Mail/home\n"
	    "keep_on_server = 14d\n"
	    "max_message_size = 10M\n"
	    "fetch_interval = 5m\n"
	    "[account work]\n"
	    "protocol = imap\n"
	    "host = imap.example.com\n"
	    "user = a.b\n"
	    "password = \"s3cr#t \\\"x\\\" \\\\\"\n"
	    "[account \"local mail\"]\n"
	    "protocol = maildir\n"
	    "spool = /srv/mail\n");
	ok(a != NULL, "a config with every key loads");
	if (a == NULL)
		return;
	is_int(cfg.naccounts, 3, "three accounts");
	ok(cfg.path == NULL, "config_parse leaves path NULL");
	is_str(cfg.default_account, "work", "[general] account");
	is_str(cfg.theme, "light", "[general] theme");
	is_str(cfg.html_filter, "w3m -dump -T text/html", "[general] html_filter keeps its blanks");
	is_int(cfg.delete_mark, 0, "[general] delete is trash by default");
	is_str(cfg.keys, "vi", "[general] keys");
	is_int(cfg.mouse, 1, "[general] mouse = yes");
	is_int(cfg.bell_on_new_mail, 1, "[general] bell_on_new_mail = On (any case)");
	is_str(cfg.new_mail_command, "notify-send \"new mail\"", "[general] new_mail_command");
	is_str(a->name, "work", "config_account(NULL) is the [general] account");
	a = config_account(&cfg, "home");
	is_str(a->name, "home", "config_account by name");
	is_int(a->line, 12, "account line is its header's");
	is_int(a->protocol, ACCOUNT_POP3, "protocol = pop3");
	is_str(a->email, "anna@example.org", "email");
	is_str(a->host, "pop.example.org", "host");
	is_int(a->port, 1995, "port");
	is_int(a->tls, ACCOUNT_TLS_STARTTLS, "tls = starttls");
	is_str(a->user, "anna", "user");
	is_str(a->password_command, "pass show mail/home", "password_command");
	ok(a->password == NULL, "no password");
	is_str(a->ca_file, "/etc/ssl/extra.pem", "ca_file");
	ok(a->has_pin && memcmp(a->pin, pin, 4) == 0 && a->pin[31] == 0xab, "pin bytes");
	is_str(a->spool, HOME_DIR "/Mail/home", "spool: ~/ expanded from $HOME");
	is_int(a->keep, ACCOUNT_KEEP_DAYS, "keep_on_server = 14d");
	is_int(a->keep_days, 14, "keep_days");
	is_int(a->max_message_size, 10 << 20, "max_message_size = 10M");
	is_int(a->fetch_interval, 300, "fetch_interval = 5m");
	a = config_account(&cfg, "work");
	is_int(a->protocol, ACCOUNT_IMAP, "bare [account work] name");
	is_str(a->password, "s3cr#t \"x\" \\", "quoted password: '#', \\\" and \\\\");
	ok(a->email == NULL, "email NULL when not given");
	a = config_account(&cfg, "local mail");
	ok(a != NULL && a->protocol == ACCOUNT_MAILDIR, "maildir account with a blank in its name");
	if (a != NULL) {
		is_str(a->spool, "/srv/mail", "maildir spool");
		is_int(a->port, 0, "maildir has no port");
		ok(a->host == NULL && a->user == NULL, "maildir has no host, no user");
		is_int(a->max_message_size, 0, "maildir: no size cap");
	}
	ok(config_account(&cfg, "nope") == NULL, "unknown account name gives NULL");
	config_free(&cfg);
	config_free(&cfg);
	ok(cfg.accounts == NULL && cfg.naccounts == 0, "config_free zeroes and is safe twice");
}

static void
check_port(const char *proto, const char *tls, const char *host, int want)
{
	struct config		 cfg;
	const struct account	*a;
	char			 text[512];

	snprintf(text, sizeof text, "[account a]\nprotocol = %s\nhost = %s\nuser = u\n%s%s%s"
	    "spool = /s\n", proto, host, tls ? "tls = " : "", tls ? tls : "", tls ? "\n" : "");
	if (strcmp(proto, "imap") == 0)
		*strstr(text, "spool") = '\0';
	a = one(&cfg, text);
	is_int(a ? a->port : -1, want, "default port %s tls=%s", proto, tls ? tls : "(default)");
	config_free(&cfg);
}

static void
test_defaults(void)
{
	struct config		 cfg;
	const struct account	*a;

	check_port("imap", NULL, "h.example", 993);
	check_port("imap", "implicit", "h.example", 993);
	check_port("imap", "starttls", "h.example", 143);
	check_port("imap", "none", "127.0.0.1", 143);
	check_port("pop3", NULL, "h.example", 995);
	check_port("pop3", "starttls", "h.example", 110);
	check_port("pop3", "none", "localhost", 110);

	a = one(&cfg, "[account a]\nprotocol = imap\nhost = h\nemail = me@h.example\n");
	ok(a != NULL, "a minimal imap account");
	if (a != NULL) {
		is_str(a->user, "me@h.example", "user defaults to email");
		is_int(a->tls, ACCOUNT_TLS_IMPLICIT, "tls defaults to implicit");
		is_int(a->keep, ACCOUNT_KEEP_FOREVER, "keep defaults to forever");
		is_int(a->max_message_size, 0, "imap: no size cap");
		is_int(a->fetch_interval, 0, "fetch_interval defaults to off");
		ok(!a->has_pin && a->ca_file == NULL, "no pin, no ca_file");
	}
	config_free(&cfg);

	a = one(&cfg, POP3_4);
	ok(a != NULL, "a minimal pop3 account");
	if (a != NULL) {
		is_int(a->max_message_size, 50 << 20, "pop3: max_message_size defaults to 50M");
		is_int(a->keep, ACCOUNT_KEEP_FOREVER, "pop3: keep_on_server defaults to forever");
	}
	config_free(&cfg);

	a = one(&cfg, "[account a]\nprotocol = maildir\nspool = /x\n[account b]\nprotocol = maildir\nspool = /y\n");
	is_str(a ? a->name : NULL, "a", "without [general] account the first is the default");
	config_free(&cfg);

	ok(parse("", &cfg) == 0 && cfg.naccounts == 0, "an empty file is a config without accounts");
	ok(config_account(&cfg, NULL) == NULL, "config_account(NULL) without accounts is NULL");
	config_free(&cfg);
	ok(parse("\xef\xbb\xbf# bom\r\n[general]\r\ntheme = mono\r\n", &cfg) == 0, "BOM and CRLF lines");
	is_str(cfg.theme, "mono", "CRLF: the CR is not part of the value");
	config_free(&cfg);
}

static void
check_value(const char *key, const char *value, int field, unsigned long long want)
{
	struct config		 cfg;
	const struct account	*a;
	char			 text[512];
	unsigned long long	 got = ~0ULL;

	snprintf(text, sizeof text, POP3_4 "%s = %s\n", key, value);
	if ((a = one(&cfg, text)) != NULL) {
		switch (field) {
		case 0:
			got = a->keep == ACCOUNT_KEEP_DAYS ? 1000000 + a->keep_days : a->keep;
			break;
		case 1:
			got = a->max_message_size;
			break;
		case 2:
			got = a->fetch_interval;
			break;
		case 3:
			got = a->timeout;
			break;
		}
	}
	is_int(got, want, "%s = %s", key, value);
	config_free(&cfg);
}

static void
test_values(void)
{
	struct config	 cfg;
	const char	*v;
	const struct account *a;

	a = one(&cfg, IMAP4 "auth = SCRAM-SHA-256\noauth_token_command = get-token\n");
	ok(a != NULL && a->auth == ACCOUNT_AUTH_SCRAM_SHA_256, "auth = SCRAM-SHA-256 (any case)");
	is_str(a != NULL ? a->oauth_token_command : NULL, "get-token", "oauth_token_command read");
	config_free(&cfg);
	a = one(&cfg, IMAP4);
	ok(a != NULL && a->auth == ACCOUNT_AUTH_AUTO, "auth defaults to auto");
	config_free(&cfg);
	a = one(&cfg, POP3_4 "auth = sasl-login\n");
	ok(a != NULL && a->auth == ACCOUNT_AUTH_SASL_LOGIN, "pop3: auth = sasl-login");
	ok(a != NULL && !account_uses_token(a), "pop3: sasl-login uses the password");
	config_free(&cfg);
	a = one(&cfg, POP3_4 "oauth_token_command = get-token\n");
	ok(a != NULL && a->auth == ACCOUNT_AUTH_AUTO && account_uses_token(a),
	    "pop3: auto with oauth_token_command uses the token");
	config_free(&cfg);
	a = one(&cfg, POP3_4 "auth = plain\noauth_token_command = get-token\n");
	ok(a != NULL && !account_uses_token(a), "auth = plain with a token command uses the password");
	config_free(&cfg);

	check_value("keep_on_server", "never", 0, ACCOUNT_KEEP_NEVER);
	check_value("keep_on_server", "forever", 0, ACCOUNT_KEEP_FOREVER);
	check_value("keep_on_server", "Never", 0, ACCOUNT_KEEP_NEVER);
	check_value("keep_on_server", "1d", 0, 1000001);
	check_value("keep_on_server", "36500d", 0, 1036500);
	check_value("max_message_size", "0", 1, 0);
	check_value("max_message_size", "123", 1, 123);
	check_value("max_message_size", "10k", 1, 10240);
	check_value("max_message_size", "3M", 1, 3 << 20);
	check_value("max_message_size", "2G", 1, 2ULL << 30);
	check_value("max_message_size", "\"1K\" # quoted", 1, 1024);
	check_value("fetch_interval", "300", 2, 300);
	check_value("fetch_interval", "30s", 2, 30);
	check_value("fetch_interval", "1h", 2, 3600);
	check_value("fetch_interval", "24h", 2, 86400);
	check_value("fetch_interval", "off", 2, 0);
	check_value("fetch_interval", "0", 2, 0);
	check_value("timeout", "2", 3, 2);
	check_value("timeout", "45s", 3, 45);
	check_value("timeout", "10m", 3, 600);
	check_value("timeout", "0", 3, ~0ULL);
	check_value("timeout", "11m", 3, ~0ULL);
	check_value("timeout", "1h", 3, ~0ULL);
	check_value("timeout", "soon", 3, ~0ULL);

	/* Comments and quotes. */
	ok(parse("[general]\n  theme   =   dark blue   # trailing comment\n"
	    "html_filter = a#b ; not a comment\n", &cfg) == 0, "comments and blanks");
	is_str(cfg.theme, "dark blue", "blanks around a value trimmed, ' #' starts a comment");
	is_str(cfg.html_filter, "a#b ; not a comment", "'#' inside a word and ' ;' are part of the value");
	config_free(&cfg);
	ok(parse("[general]\nurl_opener = firefox --new-tab\n", &cfg) == 0, "url_opener parses");
	is_str(cfg.url_opener, "firefox --new-tab", "[general] url_opener keeps its blanks");
	config_free(&cfg);
	ok(parse("[general]\ntheme = \" x # y \"   # c\naccount = \"a\\b\"\n"
	    "[account \"a\\\\b\"]\nprotocol = maildir\nspool = /s\n", &cfg) == 0, "quoted values");
	is_str(cfg.theme, " x # y ", "a quoted value keeps blanks and '#'");
	is_str(cfg.default_account, "a\\b", "a backslash before another letter is itself");
	config_free(&cfg);

	ok(parse("[bind attach]\nx = save-attachment ~/Downloads\n[bind urls]\no = open-url\n",
	    &cfg) == 0, "[bind attach] and [bind urls] sections");
	ok(cfg.nbinds == 2 && strcmp(cfg.binds[0].view, "attach") == 0 &&
	    strcmp(cfg.binds[1].view, "urls") == 0, "attachment view and link list bindings");
	config_free(&cfg);

	ok(parse("[bind index]\nj = next-entry\n\"=\" = first-entry  # comment\n"
	    "\"#\" = \"limit ~s #x\"\n<Down> = next-entry\n[bind pager]\nj = next-line\n"
	    "[bind global]\nC-n = next-account\n", &cfg) == 0, "[bind] sections");
	is_int(cfg.nbinds, 6, "six bindings");
	if (cfg.nbinds == 6) {
		is_str(cfg.binds[0].view, "index", "bind view");
		is_str(cfg.binds[0].key, "j", "bind key");
		is_str(cfg.binds[0].command, "next-entry", "bind command");
		is_int(cfg.binds[0].line, 2, "bind line");
		is_str(cfg.binds[1].key, "=", "a quoted key can be '='");
		is_str(cfg.binds[1].command, "first-entry", "... and takes a trailing comment");
		is_str(cfg.binds[2].key, "#", "a quoted key can be '#'");
		is_str(cfg.binds[2].command, "limit ~s #x", "a quoted command keeps '#'");
		is_str(cfg.binds[3].key, "<Down>", "key names as written");
		is_str(cfg.binds[4].view, "pager", "second view");
		is_str(cfg.binds[5].command, "next-account", "global view");
	}
	config_free(&cfg);

	ok(parse("[account \"x\"]\nprotocol = IMAP\nhost = ::1\ntls = None\nuser = u\n", &cfg) == 0,
	    "words ignore case; ::1 is loopback");
	config_free(&cfg);
	v = "[account x]\nprotocol = imap\nhost = ::ffff:127.0.0.1\ntls = none\nuser = u\n";
	is_str(refusal(v, strlen(v)), "(accepted)", "tls = none for ::ffff:127.0.0.1");
	v = "[account x]\nprotocol = imap\nhost = 127.1.2.3\ntls = none\nuser = u\n";
	is_str(refusal(v, strlen(v)), "(accepted)", "tls = none for 127.1.2.3");
}

static void
test_errors(void)
{
	static const char	 nul[] = "[general]\n\ntheme = a\0b\n";
	struct buf		 b = BUF_INIT;
	char			*big;
	size_t			 i;

	REFUSED(IMAP4 "foo = 1\n", "config 't' line 5: unknown key 'foo' in [account \"home\"]",
	    "unknown account key");
	REFUSED("[general]\ndelete = purge\n",
	    "config 't' line 2: delete must be trash or mark, not 'purge'", "bad delete value");
	REFUSED("[general]\nfoo = 1\n", "config 't' line 2: unknown key 'foo' in [general]",
	    "unknown general key");
	REFUSED("\n[frob]\n", "config 't' line 2: unknown section [frob]: use [general], "
	    "[account \"NAME\"] or [bind VIEW]", "unknown section");
	REFUSED(IMAP4 "host = other.example\n",
	    "config 't' line 5: duplicate key 'host' in [account \"home\"] (first at line 3)",
	    "duplicate key");
	REFUSED("[general]\ntheme = a\ntheme = b\n",
	    "config 't' line 3: duplicate key 'theme' in [general] (first at line 2)",
	    "duplicate general key");
	REFUSED(IMAP4 IMAP4, "config 't' line 5: duplicate account 'home' (first at line 1)",
	    "duplicate account");
	REFUSED("[general]\n[general]\n",
	    "config 't' line 2: duplicate section [general] (first at line 1)", "duplicate [general]");
	REFUSED("[general]\nkeys = emacs\n",
	    "config 't' line 2: keys must be mutt or vi, not 'emacs'", "an unknown key preset");
	REFUSED("[general]\nmouse = maybe\n",
	    "config 't' line 2: mouse must be yes or no, not 'maybe'", "mouse takes yes or no");
	REFUSED("[general]\nbell_on_new_mail = 2\n",
	    "config 't' line 2: bell_on_new_mail must be yes or no, not '2'",
	    "bell_on_new_mail takes yes or no");
	REFUSED("[bind index]\n[bind index]\n",
	    "config 't' line 2: duplicate section [bind index] (first at line 1)", "duplicate [bind]");
	REFUSED("[bind index]\nj = a\nj = b\n",
	    "config 't' line 3: duplicate key 'j' in [bind index] (first at line 2)", "duplicate binding");
	REFUSED("[bind frob]\n", "config 't' line 1: unknown view 'frob' in [bind]: use global, "
	    "folders, index, pager or help", "unknown view");
	REFUSED("[bind]\n", "config 't' line 1: [bind] needs a view: global, folders, index, pager "
	    "or help",
	    "[bind] without a view");
	REFUSED("[account]\n", "config 't' line 1: [account] needs a name: [account \"NAME\"]",
	    "[account] without a name");
	REFUSED("[general x]\n", "config 't' line 1: [general] takes no name", "[general NAME]");
	REFUSED("[account a b]\n", "config 't' line 1: malformed section header: write [general], "
	    "[account \"NAME\"] or [bind VIEW]", "unquoted name with a blank");
	REFUSED("[general\n", "config 't' line 1: malformed section header: write [general], "
	    "[account \"NAME\"] or [bind VIEW]", "missing ']'");
	REFUSED("[general] x\n", "config 't' line 1: malformed section header: write [general], "
	    "[account \"NAME\"] or [bind VIEW]", "text after ']'");
	REFUSED("[account \"a/b\"]\n", "config 't' line 1: account name 'a/b' must be 1 to 64 "
	    "bytes without '/'", "account name with '/'");
	REFUSED("[account \"\"]\n", "config 't' line 1: account name '' must be 1 to 64 "
	    "bytes without '/'", "empty account name");
	REFUSED("[account \"..\"]\n", "config 't' line 1: account name '..' must be 1 to 64 "
	    "bytes without '/'", "account name '..'");

	/* Required keys: the account's header line. */
	REFUSED("\n[account \"home\"]\nhost = h\n",
	    "config 't' line 2: account 'home' has no protocol: add protocol = imap, pop3 or maildir",
	    "missing protocol");
	REFUSED("[account \"home\"]\nprotocol = imap\nuser = u\n",
	    "config 't' line 1: account 'home' has no host", "missing host");
	REFUSED("[account \"home\"]\nprotocol = imap\nhost = h\n",
	    "config 't' line 1: account 'home' has neither user nor email to log in with",
	    "missing user and email");
	REFUSED("[account \"p\"]\nprotocol = pop3\nhost = h\nuser = u\n[general]\n",
	    "config 't' line 1: account 'p' has no spool: the Maildir that holds its mail",
	    "pop3 without spool (found at the next section)");
	REFUSED("[account \"m\"]\nprotocol = maildir\n",
	    "config 't' line 1: account 'm' has no spool: the Maildir that holds its mail",
	    "maildir without spool");
	REFUSED(IMAP4 "keep_on_server = never\n",
	    "config 't' line 5: key 'keep_on_server' does not apply to imap accounts",
	    "pop3 key in an imap account");
	REFUSED("[account m]\nhost = h\nprotocol = maildir\nspool = /s\n",
	    "config 't' line 2: key 'host' does not apply to maildir accounts",
	    "host in a maildir account");
	REFUSED(IMAP4 "password_command = pass x\npassword = pw\n",
	    "config 't' line 6: account 'home' has both password and password_command: keep one",
	    "password and password_command");
	REFUSED(IMAP4 "auth = kerberos\n", "config 't' line 5: auth must be auto, login, plain, "
	    "sasl-login, scram-sha-1, scram-sha-256, xoauth2 or oauthbearer, not 'kerberos'",
	    "an unknown auth mechanism");
	REFUSED(IMAP4 "auth = oauthbearer\n",
	    "config 't' line 5: account 'home' logs in with a token: set oauth_token_command",
	    "a token mechanism without a token command");
	REFUSED(POP3_4 "auth = xoauth2\n",
	    "config 't' line 6: account 'pop' logs in with a token: set oauth_token_command",
	    "a pop3 token mechanism without a token command");
	REFUSED("[account m]\nprotocol = maildir\nspool = /s\nauth = plain\n",
	    "config 't' line 4: key 'auth' does not apply to maildir accounts",
	    "auth in a maildir account");
	REFUSED("[general]\naccount = nope\n[account a]\nprotocol = maildir\nspool = /s\n",
	    "config 't' line 2: [general] account 'nope' is not defined", "undefined default account");

	/* Bad values. */
	REFUSED(IMAP4 "protocol2 = x\n", "config 't' line 5: unknown key 'protocol2' in [account \"home\"]",
	    "near-miss key");
	REFUSED("[account a]\nprotocol = smtp\n",
	    "config 't' line 2: protocol must be imap, pop3 or maildir, not 'smtp'", "bad protocol");
	REFUSED(IMAP4 "port = 0\n", "config 't' line 5: port must be a number from 1 to 65535, not '0'",
	    "port 0");
	REFUSED(IMAP4 "port = 65536\n",
	    "config 't' line 5: port must be a number from 1 to 65535, not '65536'", "port 65536");
	REFUSED(IMAP4 "port = -1\n",
	    "config 't' line 5: port must be a number from 1 to 65535, not '-1'", "port -1");
	REFUSED(IMAP4 "port = 99999999999999999999999\n",
	    "config 't' line 5: port must be a number from 1 to 65535, not '99999999999999999999999'",
	    "huge port");
	REFUSED(IMAP4 "port = 993x\n",
	    "config 't' line 5: port must be a number from 1 to 65535, not '993x'", "port with junk");
	REFUSED(IMAP4 "tls = yes\n",
	    "config 't' line 5: tls must be implicit, starttls or none, not 'yes'", "bad tls");
	REFUSED(IMAP4 "tls = none\n",
	    "config 't' line 5: tls = none is allowed only for 127.0.0.1, ::1 or localhost, not for "
	    "'mail.example.org': the password would cross the network unencrypted",
	    "tls = none for a remote host");
	REFUSED("[account a]\nprotocol = imap\ntls = none\nhost = 127.0.0.1.evil.example\nuser = u\n",
	    "config 't' line 3: tls = none is allowed only for 127.0.0.1, ::1 or localhost, not for "
	    "'127.0.0.1.evil.example': the password would cross the network unencrypted",
	    "tls = none: a name that starts like 127.0.0.1");
	REFUSED("[account a]\nprotocol = imap\ntls = none\nhost = 128.0.0.1\nuser = u\n",
	    "config 't' line 3: tls = none is allowed only for 127.0.0.1, ::1 or localhost, not for "
	    "'128.0.0.1': the password would cross the network unencrypted", "tls = none: 128.0.0.1");
	REFUSED("[account a]\nprotocol = imap\ntls = none\nhost = localhost\nuser = u\n"
	    "pin = sha256:" "0000000000000000000000000000000000000000000000000000000000000000\n",
	    "config 't' line 6: key 'pin' needs TLS, but tls = none", "pin with tls = none");
	REFUSED(IMAP4 "pin = sha256:abcd\n", "config 't' line 5: pin must be sha256: and 64 "
	    "hexadecimal digits (colons between pairs allowed)", "short pin");
	REFUSED(IMAP4 "email = anna\n",
	    "config 't' line 5: duplicate key 'email' in [account \"home\"] (first at line 4)",
	    "duplicate email");
	REFUSED("[account a]\nemail = anna.example.org\n",
	    "config 't' line 2: email 'anna.example.org' is not an address such as name@example.org",
	    "email without @");
	REFUSED("[account a]\nhost = mail example\n",
	    "config 't' line 2: host 'mail example' is not a host name or IP address", "host with a blank");
	REFUSED("[account a]\nhost = m\xc3\xbcller.example\n",
	    "config 't' line 2: host 'm\xc3\xbcller.example' is not ASCII: write it in its xn-- form",
	    "non-ASCII host");
	REFUSED("[account a]\nspool = Mail\n",
	    "config 't' line 2: path 'Mail' is relative: write a full path or one starting with ~/",
	    "relative spool");
	REFUSED("[account a]\nspool = ~bob/Mail\n",
	    "config 't' line 2: path '~bob/Mail' is not supported: only ~/ is expanded, write the full path",
	    "~user spool");
	REFUSED(POP3_4 "keep_on_server = 0d\n", "config 't' line 6: keep_on_server must be never, "
	    "forever or 1d to 36500d, not '0d'", "keep 0d");
	REFUSED(POP3_4 "keep_on_server = 14\n", "config 't' line 6: keep_on_server must be never, "
	    "forever or 1d to 36500d, not '14'", "keep without d");
	REFUSED(POP3_4 "keep_on_server = 36501d\n", "config 't' line 6: keep_on_server must be never, "
	    "forever or 1d to 36500d, not '36501d'", "keep too long");
	REFUSED(POP3_4 "max_message_size = 50MB\n", "config 't' line 6: max_message_size must be a "
	    "number of bytes with an optional k, M or G (such as 50M), not '50MB'", "size 50MB");
	REFUSED(POP3_4 "max_message_size = 17179869184G\n", "config 't' line 6: max_message_size "
	    "must be a number of bytes with an optional k, M or G (such as 50M), not '17179869184G'",
	    "size overflowing 64 bits");
	REFUSED(POP3_4 "max_message_size = 18446744073709551616\n", "config 't' line 6: "
	    "max_message_size must be a number of bytes with an optional k, M or G (such as 50M), "
	    "not '18446744073709551616'", "size 2^64");
	REFUSED(POP3_4 "fetch_interval = 25h\n", "config 't' line 6: fetch_interval must be off or a "
	    "time up to 24h such as 300, 5m or 1h, not '25h'", "interval 25h");
	REFUSED(POP3_4 "fetch_interval = 5x\n", "config 't' line 6: fetch_interval must be off or a "
	    "time up to 24h such as 300, 5m or 1h, not '5x'", "interval 5x");

	/* Syntax. */
	REFUSED("theme = x\n", "config 't' line 1: key 'theme' is outside a section: put it under "
	    "[general] or [account \"NAME\"]", "key before any section");
	REFUSED("[general]\njust words\n",
	    "config 't' line 2: expected KEY = VALUE or a [section]", "line without '='");
	REFUSED("[general]\n= x\n", "config 't' line 2: missing key before '='", "missing key");
	REFUSED("[general]\ntheme =\n", "config 't' line 2: key 'theme' has no value", "empty value");
	REFUSED("[general]\ntheme = # only a comment\n", "config 't' line 2: key 'theme' has no value",
	    "value that is only a comment");
	REFUSED("[general]\ntheme = \"x\n", "config 't' line 2: missing closing quote",
	    "missing closing quote");
	REFUSED("[general]\ntheme = \"x\" y\n", "config 't' line 2: text after the closing quote",
	    "text after the closing quote");
	REFUSED("[bind index]\n\"j = x\n", "config 't' line 2: missing closing quote",
	    "unterminated quoted key");
	REFUSED(IMAP4 "password = \"hunter2\n", "config 't' line 5: missing closing quote",
	    "a broken password line does not show the password");
	REFUSED("[general]\ntheme = a\x1b[31m\n", "config 't' line 2: control character",
	    "escape sequence in a value");
	REFUSED("[general]\ntheme = caf\xe9\n", "config 't' line 2: invalid UTF-8",
	    "Latin-1 in a value");
	REFUSED("[general]\ntheme = \xed\xa0\x80\n", "config 't' line 2: invalid UTF-8",
	    "UTF-8 surrogate");
	REFUSED("[general]\ntheme = a\xc2\x9b" "b\n", "config 't' line 2: control character",
	    "C1 control U+009B");
	is_str(refusal(nul, sizeof nul - 1),
	    "config 't' line 3: NUL byte: this is not a text file", "NUL byte");
	is_str(refusal("# x\n\0", 5),
	    "config 't' line 2: NUL byte: this is not a text file", "NUL byte in a comment line");

	buf_puts(&b, "[general]\n# ");
	for (i = 0; i < 5000; i++)
		buf_putc(&b, 'x');
	buf_putc(&b, '\n');
	is_str(refusal(b.data, b.len), "config 't' line 2: line longer than 4096 bytes",
	    "over-long line (even a comment)");
	buf_free(&b);
	buf_puts(&b, "[general]\n#");
	for (i = 0; i < 4096 - 1; i++)
		buf_putc(&b, 'y');
	buf_puts(&b, "\r\n");
	is_str(refusal(b.data, b.len), "(accepted)", "a line of exactly 4096 bytes plus CRLF");
	buf_free(&b);
	buf_puts(&b, "[general]\ntheme = \"");
	for (i = 0; i < 1024; i++)
		buf_puts(&b, "\\\"");
	buf_puts(&b, "\"\n");
	is_str(refusal(b.data, b.len), "(accepted)", "a value of 1024 bytes (all escaped quotes)");
	buf_truncate(&b, b.len - 2);
	buf_puts(&b, "x\"\n");
	is_str(refusal(b.data, b.len), "config 't' line 2: value of 'theme' longer than 1024 bytes",
	    "a value of 1025 bytes");
	buf_free(&b);
	buf_puts(&b, "[bind index]\n");
	for (i = 0; i < 65; i++)
		buf_putc(&b, 'k');
	buf_puts(&b, " = x\n");
	is_str(refusal(b.data, b.len), "config 't' line 2: key longer than 64 bytes",
	    "a key of 65 bytes");
	buf_free(&b);

	big = xmalloc((1 << 20) + 2);
	memset(big, '\n', (1 << 20) + 1);
	is_str(refusal(big, (1 << 20) + 1), "config 't' is larger than 1 MiB", "over 1 MiB");
	is_str(refusal(big, 1 << 20), "(accepted)", "exactly 1 MiB of blank lines");
	free(big);

	for (i = 0; i <= 1000; i++)
		buf_printf(&b, "[account a%zu]\nprotocol = maildir\nspool = /s\n", i);
	is_str(refusal(b.data, b.len), "config 't' line 3001: too many accounts (more than 1000)",
	    "too many accounts");
	buf_free(&b);
	buf_puts(&b, "[bind index]\n");
	for (i = 0; i <= 2000; i++)
		buf_printf(&b, "k%zu = x\n", i);
	is_str(refusal(b.data, b.len), "config 't' line 2002: too many key bindings (more than 2000)",
	    "too many bindings");
	buf_free(&b);
}

static void
test_pins(void)
{
	static const char	hex[] = "00112233445566778899aabbccddeeff"
				    "0123456789ABCDEFfedcba9876543210";
	static const struct {
		const char	*fmt;	/* with hex + skip */
		size_t		 skip;
		const char	*what;
	} bad[] = {
		{ "sha256:abc%.0s", 0, "too short" },
		{ "sha256:%s0", 0, "65 digits" },
		{ "sha256:%.63s", 0, "63 digits" },
		{ "sha256:%.62sxy", 0, "not hex" },
		{ "sha1:%s", 0, "sha1:" },
		{ "%s", 0, "no prefix" },
		{ "sha256::%s", 0, "leading colon" },
		{ "sha256:%s:", 0, "trailing colon" },
		{ "sha256:00::%.60s", 2, "double colon" },
		{ "sha256:0:0%.62s", 2, "colon inside a pair" },
	};
	unsigned char		pin[32], keep[32];
	char			text[256];
	size_t			i;

	snprintf(text, sizeof text, "sha256:%s", hex);
	ok(config_parse_pin(text, pin) == 0, "pin without colons, mixed case");
	ok(pin[0] == 0x00 && pin[1] == 0x11 && pin[15] == 0xff && pin[16] == 0x01 &&
	    pin[23] == 0xef && pin[31] == 0x10, "pin bytes in order");
	strcpy(text, "SHA256:");
	for (i = 0; i < 32; i++)
		snprintf(text + strlen(text), 4, i ? ":%02x" : "%02x", (unsigned)(i * 7));
	ok(config_parse_pin(text, pin) == 0 && pin[31] == 31 * 7, "pin with colons, SHA256: prefix");
	memset(keep, 0x5a, sizeof keep);
	memcpy(pin, keep, sizeof pin);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, bad[i].fmt, hex + bad[i].skip);
		ok(config_parse_pin(text, pin) == -1, "pin refused: %s", bad[i].what);
	}
	ok(memcmp(pin, keep, sizeof pin) == 0, "a refused pin leaves out untouched");
}

static void
test_home(void)
{
	struct config		 cfg;
	const struct account	*a;

	a = one(&cfg, "[account a]\nprotocol = maildir\nspool = ~\n");
	is_str(a ? a->spool : NULL, HOME_DIR, "spool = ~");
	config_free(&cfg);
	a = one(&cfg, "[account a]\nprotocol = imap\nhost = h\nuser = u\nca_file = ~/ca.pem\n"
	    "[general]\ntheme = ~/my.theme\n");
	is_str(a ? a->ca_file : NULL, HOME_DIR "/ca.pem", "ca_file: ~/ expanded");
	is_str(cfg.theme, HOME_DIR "/my.theme", "theme: ~/ expanded");
	config_free(&cfg);
	setenv("HOME", HOME_DIR "///", 1);
	a = one(&cfg, "[account a]\nprotocol = maildir\nspool = ~/M\n");
	is_str(a ? a->spool : NULL, HOME_DIR "/M", "trailing slashes of $HOME dropped");
	config_free(&cfg);
	unsetenv("HOME");
	REFUSED("[account a]\nprotocol = maildir\nspool = ~/Mail\n",
	    "config 't' line 3: cannot expand '~' in '~/Mail': $HOME is not an absolute path",
	    "~ without $HOME");
	setenv("HOME", HOME_DIR, 1);
}

static char *
path(const char *name)
{
	return xasprintf("%s/%s", base, name);
}

static void
put_file(const char *file, const char *text, mode_t mode)
{
	FILE	*f;

	unlink(file);
	f = fopen(file, "w");
	if (f == NULL) {
		printf("Bail out! cannot write %s: %s\n", file, strerror(errno));
		exit(1);
	}
	fputs(text, f);
	fclose(f);
	chmod(file, mode);
}

static int
load(const char *file, struct config *cfg)
{
	bote_err_clear(&err);
	return config_load(file, cfg, &err);
}

static void
test_files(void)
{
	struct config	 cfg;
	char		*f = path("c1"), *d = path("dir"), *fifo = path("fifo");
	const char	*pw = "[account a]\nprotocol = imap\nhost = h\nuser = u\npassword = pw\n";
	const char	*nopw = "[account a]\nprotocol = imap\nhost = h\nuser = u\n"
			    "password_command = pass show x\n";
	char		 want[512];

	put_file(f, pw, 0644);
	ok(load(f, &cfg) == -1 && err.kind == BOTE_ERR_LOCAL, "password in a 0644 file refused");
	snprintf(want, sizeof want, "config '%s' holds a password but other users may read it "
	    "(mode 644): chmod 600 '%s'", f, f);
	is_str(err.msg, want, "... saying why and what to do");
	ok(cfg.accounts == NULL && cfg.naccounts == 0, "... and the config is empty");
	config_free(&cfg);
	chmod(f, 0640);
	ok(load(f, &cfg) == -1 && strstr(err.msg, "(mode 640)") != NULL, "0640 refused too");
	chmod(f, 0600);
	ok(load(f, &cfg) == 0, "password in a 0600 file accepted");
	is_str(cfg.path, f, "path is the file");
	is_str(cfg.naccounts ? cfg.accounts[0].password : NULL, "pw", "password read");
	config_free(&cfg);
	chmod(f, 0400);
	ok(load(f, &cfg) == 0, "password in a 0400 file accepted");
	config_free(&cfg);

	put_file(f, nopw, 0644);
	ok(load(f, &cfg) == 0, "no password: 0644 is fine");
	is_str(cfg.naccounts ? cfg.accounts[0].password_command : NULL, "pass show x",
	    "password_command read");
	config_free(&cfg);
	chmod(f, 0664);
	ok(load(f, &cfg) == -1 && err.kind == BOTE_ERR_LOCAL, "group-writable config refused");
	snprintf(want, sizeof want, "config '%s' is writable by other users, who could make bote "
	    "run any command: chmod go-w '%s'", f, f);
	is_str(err.msg, want, "... saying why");
	chmod(f, 0646);
	ok(load(f, &cfg) == -1 && err.kind == BOTE_ERR_LOCAL, "world-writable config refused");

	if (geteuid() == 0) {
		put_file(f, nopw, 0644);
		ok(chown(f, 65534, 65534) == 0, "chown to nobody");
		ok(load(f, &cfg) == -1 && strstr(err.msg, "belongs to another user") != NULL,
		    "a config of another user is refused");
		put_file(f, pw, 0600);
		ok(chown(f, 65534, 65534) == 0 && load(f, &cfg) == -1 &&
		    strstr(err.msg, "belongs to another user") != NULL,
		    "a 0600 config with a password of another user is refused");
		unlink(f);
	} else
		diag("not root: the tests for configs of other users need chown");

	put_file(f, "[general]\ntheme = x\nfoo = 1\n", 0600);
	ok(load(f, &cfg) == -1 && err.kind == BOTE_ERR_PARSE, "parse error from a file");
	snprintf(want, sizeof want, "config '%s' line 3: unknown key 'foo' in [general]", f);
	is_str(err.msg, want, "... names the file and line");

	unlink(f);
	ok(load(f, &cfg) == -1 && err.kind == BOTE_ERR_NOTFOUND, "missing file: BOTE_ERR_NOTFOUND");
	snprintf(want, sizeof want, "cannot read config '%s': %s", f, strerror(ENOENT));
	is_str(err.msg, want, "... with the path");
	mkdir(d, 0700);
	ok(load(d, &cfg) == -1 && err.kind == BOTE_ERR_LOCAL &&
	    strstr(err.msg, "not a regular file") != NULL, "a directory is refused");
	if (mkfifo(fifo, 0600) == 0)
		ok(load(fifo, &cfg) == -1 && strstr(err.msg, "not a regular file") != NULL,
		    "a FIFO is refused without hanging");
	else
		ok(0, "mkfifo: %s", strerror(errno));
	free(f);
	free(d);
	free(fifo);
}

static char *
password(const char *command, struct bote_err *e)
{
	struct account	a;

	memset(&a, 0, sizeof a);
	a.name = (char *)"acct";
	a.password_command = (char *)command;
	bote_err_clear(e);
	return account_password(&a, e);
}

static void
check_pw(const char *command, const char *want)
{
	struct bote_err	 e;
	char		*pw = password(command, &e);

	is_str(pw, want, "password_command %s", command);
	if (pw == NULL)
		diag("%s", e.msg);
	free(pw);
}

static void
check_pw_fails(const char *command, const char *want)
{
	struct bote_err	 e;
	char		*pw = password(command, &e);

	ok(pw == NULL && e.kind == BOTE_ERR_AUTH, "password_command %s fails (auth)", command);
	is_str(e.msg, want, "... %s", want != NULL ? want : "(none)");
	free(pw);
}

static void
test_password(void)
{
	struct account	 a;
	struct bote_err	 e;
	char		*pw;

	check_pw("echo hunter2", "hunter2");
	check_pw("printf 'first line\\nsecond line\\n'", "first line");
	check_pw("printf 'no newline'", "no newline");
	check_pw("printf 'crlf\\r\\n'", "crlf");
	check_pw("printf '  blanks kept  \\n'", "  blanks kept  ");
	check_pw("echo 'a \"quoted\" $HOME'", "a \"quoted\" $HOME");
	check_pw("readlink /proc/$$/fd/0", "/dev/null");
	check_pw("echo to-stderr >&2; echo ok", "ok");
	check_pw_fails("exit 3", "password_command of account 'acct' failed: exit status 3");
	check_pw_fails("echo s3cret; exit 1", "password_command of account 'acct' failed: exit status 1");
	check_pw_fails("true", "password_command of account 'acct' printed no password");
	check_pw_fails("printf '\\nsecond\\n'", "password_command of account 'acct' printed no password");
	check_pw_fails("kill -9 $$", "password_command of account 'acct' failed: killed by signal 9");
	check_pw_fails("yes", "password_command of account 'acct' printed more than 64 KiB");
	check_pw_fails("exec 1>&-; true", "password_command of account 'acct' printed no password");
	pw = password("/nonexistent/pw-helper", &e);
	ok(pw == NULL && e.kind == BOTE_ERR_AUTH && strcmp(e.msg,
	    "password_command of account 'acct' failed: exit status 127") == 0,
	    "a missing program: exit status 127");

	memset(&a, 0, sizeof a);
	a.name = (char *)"acct";
	a.password = (char *)"from-config";
	pw = account_password(&a, &e);
	is_str(pw, "from-config", "password from the config");
	ok(pw != a.password, "... as a copy the caller frees");
	free(pw);
	a.password = NULL;
	pw = account_password(&a, &e);
	ok(pw == NULL && e.kind == BOTE_ERR_AUTH, "neither password nor command: auth error");
	is_str(e.msg, "no password for account 'acct': set password_command in the config",
	    "... saying what to do");
}

static const char *full_config =
    "[general]\n"
    "account = pop\n"
    "theme = ~/themes/mine.theme\n"
    "html_filter = lynx -dump -stdin # with a comment\n"
    "delete = mark\n"
    "keys = vi\n"
    "mouse = yes\n"
    "bell_on_new_mail = yes\n"
    "new_mail_command = \"echo new # mail\"\n"
    "url_opener = xdg-open\n"
    "[account \"pop\"]\n"
    "protocol = pop3\n"
    "email = anna@example.org\n"
    "host = pop.example.org\n"
    "tls = starttls\n"
    "password = \" p#ss \\\"w\\\\rd \"\n"
    "ca_file = /etc/ca.pem\n"
    "pin = sha256:00112233445566778899aabbccddeeff0123456789ABCDEFfedcba9876543210\n"
    "spool = ~/Mail/pop\n"
    "keep_on_server = 30d\n"
    "max_message_size = 1536k\n"
    "fetch_interval = 90\n"
    "[account \"imap \\\"q\\\"\"]\n"
    "protocol = imap\n"
    "host = ::1\n"
    "port = 10143\n"
    "tls = none\n"
    "user = u@x\n"
    "password_command = pass show 'mail/imap' # c\n"
    "[account \"m\"]\n"
    "protocol = maildir\n"
    "spool = /srv/mail/m\n"
    "[bind index]\n"
    "j = next-entry\n"
    "\"=\" = first-entry\n"
    "\" \" = next-page\n"
    "\"#\" = \"limit ~s #x\"\n"
    "\"[\" = prev\n"
    "\"\\\"\" = quote\n"
    "\\ = backslash\n"
    "[bind pager]\n"
    "j = next-line\n";

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int
same_account(const struct account *a, const struct account *b)
{
	return same_str(a->name, b->name) && a->protocol == b->protocol &&
	    same_str(a->email, b->email) && same_str(a->host, b->host) && a->port == b->port &&
	    a->tls == b->tls && same_str(a->user, b->user) &&
	    same_str(a->password_command, b->password_command) &&
	    same_str(a->password, b->password) && same_str(a->ca_file, b->ca_file) &&
	    a->has_pin == b->has_pin && memcmp(a->pin, b->pin, sizeof a->pin) == 0 &&
	    same_str(a->spool, b->spool) && a->keep == b->keep && a->keep_days == b->keep_days &&
	    a->max_message_size == b->max_message_size && a->fetch_interval == b->fetch_interval;
}

static int
same_config(const struct config *a, const struct config *b)
{
	size_t	i;

	if (a->naccounts != b->naccounts || a->nbinds != b->nbinds ||
	    !same_str(a->default_account, b->default_account) || !same_str(a->theme, b->theme) ||
	    !same_str(a->html_filter, b->html_filter) || a->delete_mark != b->delete_mark ||
	    !same_str(a->keys, b->keys) ||
	    a->mouse != b->mouse || a->bell_on_new_mail != b->bell_on_new_mail ||
	    !same_str(a->new_mail_command, b->new_mail_command) ||
	    !same_str(a->url_opener, b->url_opener))
		return 0;
	for (i = 0; i < a->naccounts; i++)
		if (!same_account(&a->accounts[i], &b->accounts[i]))
			return 0;
	for (i = 0; i < a->nbinds; i++)
		if (!same_str(a->binds[i].view, b->binds[i].view) ||
		    !same_str(a->binds[i].key, b->binds[i].key) ||
		    !same_str(a->binds[i].command, b->binds[i].command))
			return 0;
	return 1;
}

static char *
slurp(const char *file)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	FILE		*f = fopen(file, "r");

	if (f == NULL)
		return xstrdup("");
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

/* Every key line is preceded by a comment line. */
static int
every_key_commented(const char *text)
{
	const char	*line = text, *prev = NULL, *nl;
	int		 in_bind = 0;

	for (; *line != '\0'; prev = line, line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			return 0;
		if (*line == '[')
			in_bind = strncmp(line, "[bind", 5) == 0;
		else if (*line != '#' && *line != '\n' && !in_bind && (prev == NULL || *prev != '#'))
			return 0;
	}
	return 1;
}

/* config_write, then config_load: 1 when the same config comes back. */
static int
round_trip(const char *file, const struct config *cfg)
{
	struct config	back;
	int		same;

	if (config_write(file, cfg, &err) != 0 || load(file, &back) != 0) {
		diag("%s", err.msg);
		return 0;
	}
	same = same_config(cfg, &back);
	config_free(&back);
	return same;
}

static void
test_write(void)
{
	struct config	 cfg, back;
	struct stat	 st;
	char		*f = path("w/sub/config"), *link = path("link"), *real = path("real"), *text;
	char		*dir = path("w/sub");

	if (parse(full_config, &cfg) != 0) {
		ok(0, "the round-trip config parses: %s", err.msg);
		return;
	}
	is_int(cfg.delete_mark, 1, "[general] delete = mark");
	ok(config_write(f, &cfg, &err) == 0, "config_write into a new directory");
	if (err.kind != BOTE_ERR_NONE)
		diag("%s", err.msg);
	ok(stat(f, &st) == 0 && (st.st_mode & 0777) == 0600, "written file has mode 0600");
	ok(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "created directory has mode 0700");
	ok(load(f, &back) == 0, "the written file loads (with a password: 0600 passes)");
	ok(same_config(&cfg, &back), "round trip: every value the same");
	config_free(&back);
	text = slurp(f);
	ok(strstr(text, "spool = ~/Mail/pop\n") != NULL, "paths under $HOME written with ~/");
	ok(strstr(text, "# The mail server's host name or IP address.\nhost = pop.example.org\n")
	    != NULL, "a comment explains the key below it");
	ok(every_key_commented(text), "every key has a comment line above it");
	ok(strstr(text, "max_message_size = 1536k\n") != NULL, "size written with a suffix");
	ok(strstr(text, "fetch_interval = 90\n") != NULL, "interval written in seconds");
	ok(strstr(text, "port = 995\n") == NULL && strstr(text, "port = 110\n") != NULL,
	    "defaulted port written");
	ok(strstr(text, "keep_on_server") != NULL && strstr(text, "[account \"m\"]\n# ") != NULL,
	    "pop3 keys written; maildir section");
	free(text);

	/* A symlink stays a symlink; the file it names gets the new text. */
	put_file(real, "[general]\n", 0600);
	if (symlink(real, link) != 0)
		ok(0, "symlink: %s", strerror(errno));
	ok(round_trip(link, &cfg), "config_write through a symlink");
	ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the symlink is still a symlink");
	ok(load(real, &back) == 0 && same_config(&cfg, &back), "its target holds the config");
	config_free(&back);
	config_free(&cfg);

	/* A config that would not load again is not written. */
	memset(&cfg, 0, sizeof cfg);
	cfg.naccounts = 1;
	cfg.accounts = xcalloc(1, sizeof *cfg.accounts);
	cfg.accounts[0].name = xstrdup("bad");
	cfg.accounts[0].protocol = ACCOUNT_IMAP;
	cfg.accounts[0].host = xstrdup("mail.example.org");
	cfg.accounts[0].user = xstrdup("u");
	cfg.accounts[0].tls = ACCOUNT_TLS_NONE;
	cfg.accounts[0].port = 143;
	ok(config_write(real, &cfg, &err) == -1 && err.kind == BOTE_ERR_PARSE,
	    "config_write refuses tls = none for a remote host");
	ok(strstr(err.msg, "would not load again") != NULL && strstr(err.msg, "tls = none") != NULL,
	    "... saying why: %s", err.msg);
	ok(load(real, &back) == 0 && back.naccounts == 3, "... and the old file is untouched");
	config_free(&back);
	free(cfg.accounts[0].host);
	cfg.accounts[0].host = xstrdup("localhost");
	ok(round_trip(real, &cfg), "the same with host = localhost is written and reads back");
	config_free(&cfg);

	/* The longest key and value, all quotes: escaped, the line still fits (fuzz find). */
	memset(&cfg, 0, sizeof cfg);
	cfg.nbinds = 1;
	cfg.binds = xcalloc(1, sizeof *cfg.binds);
	cfg.binds[0].view = xstrdup("pager");
	cfg.binds[0].key = xmalloc(65);
	memset(cfg.binds[0].key, '"', 64);
	cfg.binds[0].key[64] = '\0';
	cfg.binds[0].command = xmalloc(1025);
	memset(cfg.binds[0].command, '"', 1024);
	cfg.binds[0].command[1024] = '\0';
	ok(round_trip(real, &cfg), "a 64-byte key and a 1024-byte value of quotes round-trip");
	config_free(&cfg);

	memset(&cfg, 0, sizeof cfg);
	ok(config_write(real, &cfg, &err) == 0, "an empty config is written");
	ok(load(real, &back) == 0 && back.naccounts == 0 && back.theme == NULL, "... and reads back");
	config_free(&back);
	free(f);
	free(link);
	free(real);
	free(dir);
}

static void
test_dirs(void)
{
	struct bote_err	 e;
	struct stat	 st;
	char		*x = path("xdg/cache"), *h = path("home"), *want, *got;

	setenv("XDG_CACHE_HOME", x, 1);
	got = config_user_dir("cache", &e);
	want = xasprintf("%s/bote", x);
	is_str(got, want, "cache dir is $XDG_CACHE_HOME/bote");
	ok(got != NULL && stat(got, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700,
	    "... created with mode 0700");
	ok(stat(x, &st) == 0 && (st.st_mode & 0777) == 0700, "... and its parents too");
	free(got);
	free(got = config_user_dir("cache", &e));
	ok(got != NULL, "an existing cache dir is fine");
	free(want);

	unsetenv("XDG_CACHE_HOME");
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", h, 1);
	got = config_user_dir("cache", &e);
	want = xasprintf("%s/.cache/bote", h);
	is_str(got, want, "without XDG_CACHE_HOME: ~/.cache/bote");
	free(got);
	free(want);
	got = config_user_dir("state", &e);
	want = xasprintf("%s/.local/state/bote", h);
	is_str(got, want, "without XDG_STATE_HOME: ~/.local/state/bote");
	ok(stat(want, &st) == 0 && S_ISDIR(st.st_mode), "... created");
	free(got);
	free(want);
	setenv("XDG_STATE_HOME", "relative/dir", 1);
	got = config_user_dir("state", &e);
	want = xasprintf("%s/.local/state/bote", h);
	is_str(got, want, "a relative XDG_STATE_HOME is ignored");
	free(got);
	free(want);
	setenv("XDG_STATE_HOME", x, 1);
	got = config_user_dir("state", &e);
	want = xasprintf("%s/bote", x);
	is_str(got, want, "state dir is $XDG_STATE_HOME/bote");
	free(got);
	free(want);
	ok(config_user_dir("frob", &e) == NULL, "unknown kind refused");

	setenv("XDG_CONFIG_HOME", "/cfg/", 1);
	got = config_default_path();
	is_str(got, "/cfg/bote/config", "config path from XDG_CONFIG_HOME");
	free(got);
	unsetenv("XDG_CONFIG_HOME");
	got = config_default_path();
	want = xasprintf("%s/.config/bote/config", h);
	is_str(got, want, "config path from HOME");
	free(got);
	free(want);
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	ok(config_default_path() == NULL, "no HOME, no XDG_CONFIG_HOME: NULL");
	ok(config_user_dir("state", &e) == NULL && e.kind == BOTE_ERR_LOCAL, "no HOME: error");
	is_str(e.msg, "cannot find the directory for '.local/state': neither $XDG_STATE_HOME nor "
	    "$HOME is an absolute path", "... saying why");
	setenv("XDG_CACHE_HOME", "/dev/null/x", 1);
	ok(config_user_dir("cache", &e) == NULL && e.kind == BOTE_ERR_LOCAL,
	    "a cache dir that cannot be created: error");
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", HOME_DIR, 1);
	free(x);
	free(h);
}

int
main(void)
{
	if (mkdtemp(base) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	umask(022);
	setenv("HOME", HOME_DIR, 1);
	unsetenv("XDG_CONFIG_HOME");
	test_every_key();
	test_defaults();
	test_values();
	test_errors();
	test_pins();
	test_home();
	test_files();
	test_password();
	test_write();
	test_dirs();
	tap_rm_tree(base);
	return done_testing();
}
