/* t_setup.c - the wizard's advice for every combination of answers, and its server guesses. */
#include "tap.h"

#include "setup/setup.h"

static const char *
proto_name(enum account_protocol p)
{
	return p == ACCOUNT_IMAP ? "imap" : p == ACCOUNT_POP3 ? "pop3" : "maildir";
}

static const char *
keep_name(const struct setup_advice *a, char *buf, size_t len)
{
	if (a->protocol != ACCOUNT_POP3)
		return "-";
	if (a->keep == ACCOUNT_KEEP_NEVER)
		return "never";
	if (a->keep == ACCOUNT_KEEP_FOREVER)
		return "forever";
	snprintf(buf, len, "%ud", a->keep_days);
	return buf;
}

static void
test_all_answers(void)
{
	/* devices offline quota backup -> protocol keep warn */
	static const struct {
		int		 d, o, q, b;
		const char	*proto, *keep;
		int		 warn;
	} want[] = {
		{ 0, 0, 0, 0, "imap", "-", 0 },
		{ 0, 0, 0, 1, "imap", "-", 0 },
		{ 0, 0, 1, 0, "pop3", "7d", 1 },
		{ 0, 0, 1, 1, "pop3", "never", 0 },
		{ 0, 1, 0, 0, "pop3", "forever", 1 },
		{ 0, 1, 0, 1, "pop3", "30d", 0 },
		{ 0, 1, 1, 0, "pop3", "7d", 1 },
		{ 0, 1, 1, 1, "pop3", "never", 0 },
		{ 1, 0, 0, 0, "imap", "-", 0 },
		{ 1, 0, 0, 1, "imap", "-", 0 },
		{ 1, 0, 1, 0, "imap", "-", 0 },
		{ 1, 0, 1, 1, "imap", "-", 0 },
		{ 1, 1, 0, 0, "imap", "-", 0 },
		{ 1, 1, 0, 1, "imap", "-", 0 },
		{ 1, 1, 1, 0, "imap", "-", 0 },
		{ 1, 1, 1, 1, "imap", "-", 0 },
	};
	struct setup_answers	q;
	struct setup_advice	a;
	char			buf[16];
	size_t			i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		q.devices = want[i].d;
		q.offline = want[i].o;
		q.quota = want[i].q;
		q.backup = want[i].b;
		setup_recommend(&q, &a);
		is_str(proto_name(a.protocol), want[i].proto,
		    "devices %d offline %d quota %d backup %d: protocol", q.devices, q.offline,
		    q.quota, q.backup);
		is_str(keep_name(&a, buf, sizeof buf), want[i].keep, "... keep_on_server");
		is_int(a.warn_backup, want[i].warn, "... backup warning");
		ok(a.nreasons >= 1 && a.nreasons <= SETUP_REASONS_MAX && a.reasons[0] != NULL,
		    "... with at least one reason");
	}
}

static void
test_guess(void)
{
	struct setup_guess	g;

	ok(setup_guess_servers("anna@gmx.de", &g) == 0 && g.known, "gmx.de is a known provider");
	is_str(g.imap.host, "imap.gmx.net", "gmx: IMAP server");
	is_str(g.pop3.host, "pop.gmx.net", "gmx: POP3 server");
	ok(g.imap.port == 993 && g.pop3.port == 995 && g.imap.src == SETUP_SRC_TABLE, "implicit TLS ports");
	setup_guess_free(&g);
	ok(setup_guess_servers("x@ICLOUD.com", &g) == 0 && g.pop3.host == NULL,
	    "iCloud has no POP3, domain case ignored");
	setup_guess_free(&g);
	ok(setup_guess_servers("bob@example.org", &g) == 0 && !g.known, "unknown domain: a guess");
	is_str(g.imap.host, "imap.example.org", "guess: imap.DOMAIN");
	is_str(g.pop3.host, "pop.example.org", "guess: pop.DOMAIN");
	ok(g.imap.src == SETUP_SRC_GUESS && g.imap.tls == ACCOUNT_TLS_IMPLICIT,
	    "a guess, with implicit TLS");
	setup_guess_free(&g);
	ok(setup_guess_servers("nodomain", &g) == -1, "no @: no guess");
	ok(setup_guess_servers("a@localhost", &g) == -1, "a domain without a dot: no guess");
	ok(setup_guess_servers("a@", &g) == -1, "empty domain: no guess");
	ok(setup_guess_servers("a@ex ample.org", &g) == -1, "a domain DNS cannot name: no guess");
}

int
main(void)
{
	test_all_answers();
	test_guess();
	done_testing();
}
