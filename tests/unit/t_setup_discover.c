/* t_setup_discover.c - what the wizard takes from the network: SRV answers and autoconfig files, hostile ones included. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "setup/setup.h"
#include "tap.h"

/* A DNS answer under construction. */
struct pkt {
	unsigned char	b[2048];
	size_t		n;
};

static void
put8(struct pkt *p, unsigned v)
{
	p->b[p->n++] = (unsigned char)v;
}

static void
put16(struct pkt *p, unsigned v)
{
	put8(p, v >> 8);
	put8(p, v & 0xff);
}

static void
put_name(struct pkt *p, const char *name)
{
	while (*name != '\0') {
		size_t l = strcspn(name, ".");

		put8(p, (unsigned)l);
		memcpy(p->b + p->n, name, l);
		p->n += l;
		name += l + (name[l] == '.');
	}
	put8(p, 0);
}

/* Header of a response with one question (name at offset 12) and an answers. */
static void
start(struct pkt *p, unsigned rcode, unsigned an)
{
	p->n = 0;
	put16(p, 0x1234);
	put16(p, 0x8180 | rcode);
	put16(p, 1);
	put16(p, an);
	put16(p, 0);
	put16(p, 0);
	put_name(p, "_imaps._tcp.example.org");
	put16(p, 33);
	put16(p, 1);
}

static void
srv(struct pkt *p, unsigned prio, unsigned weight, unsigned port, const char *target)
{
	size_t	len_at;

	put16(p, 0xc00c);	/* the question's name */
	put16(p, 33);
	put16(p, 1);
	put16(p, 0);
	put16(p, 300);
	len_at = p->n;
	put16(p, 0);
	put16(p, prio);
	put16(p, weight);
	put16(p, port);
	put_name(p, target);
	p->b[len_at] = (unsigned char)((p->n - len_at - 2) >> 8);
	p->b[len_at + 1] = (unsigned char)((p->n - len_at - 2) & 0xff);
}

/* An SRV record whose owner and target are bare compression pointers. */
static void
pointer_srv(struct pkt *p, unsigned owner, unsigned target)
{
	static const unsigned fields[] = { 33, 1, 0, 0, 8, 0, 0, 993 };
	size_t i;

	put16(p, 0xc000 | owner);
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		put16(p, fields[i]);
	put16(p, 0xc000 | target);
}

static void
test_host_ok(void)
{
	ok(setup_host_ok("imap.example.org"), "an ordinary host name");
	ok(setup_host_ok("mx-1.a0.example"), "digits and hyphens inside labels");
	ok(!setup_host_ok(""), "empty: refused");
	ok(!setup_host_ok("imap..example.org"), "an empty label: refused");
	ok(!setup_host_ok("-imap.example.org") && !setup_host_ok("imap-.example.org"),
	    "a label starting or ending with '-': refused");
	ok(!setup_host_ok("imap.example.org."), "a final dot: refused");
	ok(!setup_host_ok("evil.org;touch x") && !setup_host_ok("a b.org") &&
	    !setup_host_ok("a\x1b[2J.org") && !setup_host_ok("a/../b"),
	    "shell, space, escape and slash characters: refused");
	ok(!setup_host_ok("\xc3\xa4.example"), "raw UTF-8: refused (IDNs arrive as xn--)");
	{
		char long_label[80];

		memset(long_label, 'a', 64);
		strcpy(long_label + 64, ".org");
		ok(!setup_host_ok(long_label), "a label of 64 characters: refused");
	}
	{
		char long_name[300];
		size_t i;

		for (i = 0; i < 260; i++)
			long_name[i] = i % 10 == 9 ? '.' : 'a';
		strcpy(long_name + 260, "org");
		ok(!setup_host_ok(long_name), "a name over 253 characters: refused");
	}
}

static void
test_srv(void)
{
	struct pkt		 p;
	struct setup_srv	 r[8];
	const struct setup_srv	*best;
	size_t			 n;

	start(&p, 0, 3);
	srv(&p, 10, 5, 993, "backup.example.org");
	srv(&p, 0, 1, 993, "imap-low.example.org");
	srv(&p, 0, 9, 10993, "imap.example.org");
	ok(setup_srv_parse(p.b, p.n, r, 8, &n) == 0 && n == 3, "three SRV records read");
	best = setup_srv_pick(r, n);
	ok(best != NULL && strcmp(best->target, "imap.example.org") == 0 && best->port == 10993,
	    "lowest priority first, then the highest weight");
	ok(setup_srv_pick(r, 0) == NULL, "no records: nothing picked");

	start(&p, 0, 1);
	srv(&p, 0, 0, 0, "");
	ok(setup_srv_parse(p.b, p.n, r, 8, &n) == 0 && n == 1 && r[0].target[0] == '\0',
	    "target '.': read as the service not being offered");

	start(&p, 3, 0);
	ok(setup_srv_parse(p.b, p.n, r, 8, &n) == -1, "NXDOMAIN: no records");

	start(&p, 0, 1);
	srv(&p, 0, 0, 993, "imap.example.org");
	ok(setup_srv_parse(p.b, p.n - 5, r, 8, &n) == -1, "a cut-off answer: refused");
	ok(setup_srv_parse(p.b, 11, r, 8, &n) == -1, "shorter than a header: refused");

	/* A name pointer that points at itself. */
	start(&p, 0, 1);
	pointer_srv(&p, (unsigned)p.n, (unsigned)p.n);
	ok(setup_srv_parse(p.b, p.n, r, 8, &n) == -1, "a compression loop: refused, no hang");

	/* A target pointing forward, past the record. */
	start(&p, 0, 1);
	pointer_srv(&p, 12, (unsigned)p.n + 20);
	put_name(&p, "evil.example");
	ok(setup_srv_parse(p.b, p.n, r, 8, &n) == -1, "a forward pointer: refused");

	/* A label claiming more bytes than the record holds. */
	start(&p, 0, 1);
	srv(&p, 0, 0, 993, "imap.example.org");
	p.b[p.n - 18] = 60;
	ok(setup_srv_parse(p.b, p.n, r, 8, &n) == -1, "a label longer than the record: refused");

	/* More records than room: the first ones are kept. */
	start(&p, 0, 12);
	for (n = 0; n < 12; n++)
		srv(&p, (unsigned)n, 0, 993, "imap.example.org");
	ok(setup_srv_parse(p.b, p.n, r, 8, &n) == 0 && n == 8 && r[7].priority == 7,
	    "more records than room: the first 8 kept");
}

static const char xml_good[] =
    "<?xml version=\"1.0\"?>\n"
    "<clientConfig version=\"1.1\">\n"
    " <emailProvider id=\"example.org\">\n"
    "  <!-- <incomingServer type=\"imap\"><hostname>commented.out</hostname> -->\n"
    "  <incomingServer type=\"imap\">\n"
    "   <hostname>plain.example.org</hostname><port>143</port>\n"
    "   <socketType>plain</socketType><username>%EMAILADDRESS%</username>\n"
    "  </incomingServer>\n"
    "  <incomingServer type=\"imap\">\n"
    "   <hostname> mail.example.org </hostname>\n"
    "   <port>10993</port>\n"
    "   <socketType>SSL</socketType>\n"
    "   <authentication>password-cleartext</authentication>\n"
    "   <username>%EMAILLOCALPART%</username>\n"
    "  </incomingServer>\n"
    "  <incomingServer type='pop3'>\n"
    "   <hostname>pop.example.org</hostname><port>110</port>\n"
    "   <socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username>\n"
    "  </incomingServer>\n"
    "  <outgoingServer type=\"smtp\"><hostname>smtp.example.org</hostname></outgoingServer>\n"
    " </emailProvider>\n"
    "</clientConfig>\n";

static int
parse(const char *xml, struct setup_guess *g)
{
	memset(g, 0, sizeof *g);
	return setup_autoconfig_parse(xml, strlen(xml), "anna@example.org", g);
}

/* One IMAP incomingServer with these values; how many servers were taken (user must be NULL if given but unfillable). */
static int
server(const char *host, const char *port, const char *socket, const char *user)
{
	struct setup_guess	g;
	char			xml[512];
	int			n;

	snprintf(xml, sizeof xml, "<clientConfig><emailProvider><incomingServer type=\"imap\">"
	    "<hostname>%s</hostname><port>%s</port><socketType>%s</socketType>"
	    "<username>%s</username></incomingServer></emailProvider></clientConfig>",
	    host, port, socket, user);
	n = parse(xml, &g);
	if (n > 0 && user[0] != '\0' && strchr(user, '\n') != NULL && g.user != NULL)
		n = -1;	/* an unfillable template must leave the default */
	setup_guess_free(&g);
	return n;
}

static void
test_autoconfig(void)
{
	struct setup_guess	g;
	char			*big;
	size_t			 i;

	ok(parse(xml_good, &g) == 2, "an IMAP and a POP3 server found");
	is_str(g.imap.host, "mail.example.org", "the plain-text IMAP entry is skipped");
	ok(g.imap.port == 10993 && g.imap.tls == ACCOUNT_TLS_IMPLICIT &&
	    g.imap.src == SETUP_SRC_AUTOCONFIG, "its port, SSL as implicit TLS, the source");
	is_str(g.user, "anna", "the local part of the address filled in");
	is_str(g.pop3.host, "pop.example.org", "POP3 server");
	ok(g.pop3.port == 110 && g.pop3.tls == ACCOUNT_TLS_STARTTLS, "STARTTLS on 110");
	setup_guess_free(&g);

	ok(server("evil.org;touch /tmp/x", "993", "SSL", "") == 0,
	    "a host name with shell characters: nothing taken");
	ok(server("imap.example.org", "99999", "SSL", "") == 0, "a port out of range: nothing taken");
	ok(server("imap.example.org", "993x", "SSL", "") == 0, "a port with junk: nothing taken");
	ok(server("a\x1b[2J.example.org", "993", "SSL", "") == 0,
	    "an escape sequence in the host: nothing taken");
	ok(server("imap.example.org&amp;x", "993", "SSL", "") == 0,
	    "an entity that makes the host invalid: nothing taken");
	ok(server("imap.example.org&bogus;", "993", "SSL", "") == 0, "an unknown entity: nothing taken");
	ok(server("imap.example.org", "993", "plain", "") == 0, "plain text: nothing taken");
	ok(server("imap.example.org", "993", "SSL", "%EMAILADDRESS%\n%REALNAME%") == 1,
	    "a user template bote cannot fill: the server is still taken");
	ok(parse("<incomingServer type=\"imap\"><hostname>imap.example.org</hostname>"
	    "<port>993</port><socketType>SSL</socketType>", &g) == 0,
	    "an unterminated server element: nothing taken");
	setup_guess_free(&g);
	ok(parse("", &g) == 0 && parse("<", &g) == 0 && parse("<<<>>>", &g) == 0 &&
	    parse("<!-- never closed", &g) == 0, "empty and broken input: nothing, no crash");
	setup_guess_free(&g);

	/* A host name of a megabyte. */
	big = malloc(1 << 20);
	strcpy(big, "<incomingServer type=\"imap\"><hostname>");
	for (i = strlen(big); i < (1 << 20) - 200; i++)
		big[i] = 'a';
	strcpy(big + i, "</hostname><port>993</port><socketType>SSL</socketType></incomingServer>");
	ok(parse(big, &g) == 0, "a megabyte host name: nothing taken");
	setup_guess_free(&g);
	free(big);

	/* Nested elements inside a field do not confuse the depth count. */
	ok(parse("<incomingServer type=\"imap\"><hostname><b>x</b>imap.example.org</hostname>"
	    "<port>993</port><socketType>SSL</socketType></incomingServer>"
	    "<incomingServer type=\"imap\"><hostname>imap2.example.org</hostname><port>993</port>"
	    "<socketType>SSL</socketType></incomingServer>", &g) == 1 &&
	    g.imap.host != NULL && strcmp(g.imap.host, "imap2.example.org") == 0,
	    "a server with markup inside its host name is skipped, the next one taken");
	setup_guess_free(&g);

	/* Slots already filled stay: the autoconfig does not override. */
	memset(&g, 0, sizeof g);
	g.imap.host = strdup("table.example.org");
	ok(setup_autoconfig_parse(xml_good, strlen(xml_good), "anna@example.org", &g) == 1 &&
	    strcmp(g.imap.host, "table.example.org") == 0, "a filled slot is kept");
	setup_guess_free(&g);
}

int
main(void)
{
	test_host_ok();
	test_srv();
	test_autoconfig();
	done_testing();
}
