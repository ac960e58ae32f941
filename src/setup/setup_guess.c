/* setup_guess.c - where an address's mail servers probably are: known providers, then the usual names. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "setup/setup.h"
#include "util/xmalloc.h"

/* Providers many of bote's users have; implicit TLS on 993 and 995 unless noted. */
static const struct provider {
	const char	*domain;
	const char	*imap;
	const char	*pop3;	/* NULL: no POP3 */
} providers[] = {
	{ "gmail.com", "imap.gmail.com", "pop.gmail.com" },
	{ "googlemail.com", "imap.gmail.com", "pop.gmail.com" },
	{ "gmx.de", "imap.gmx.net", "pop.gmx.net" },
	{ "gmx.net", "imap.gmx.net", "pop.gmx.net" },
	{ "gmx.at", "imap.gmx.net", "pop.gmx.net" },
	{ "gmx.ch", "imap.gmx.net", "pop.gmx.net" },
	{ "web.de", "imap.web.de", "pop3.web.de" },
	{ "t-online.de", "secureimap.t-online.de", "securepop.t-online.de" },
	{ "posteo.de", "posteo.de", "posteo.de" },
	{ "posteo.net", "posteo.de", "posteo.de" },
	{ "mailbox.org", "imap.mailbox.org", "pop3.mailbox.org" },
	{ "freenet.de", "mx.freenet.de", "mx.freenet.de" },
	{ "arcor.de", "imap.arcor.de", "pop3.arcor.de" },
	{ "ionos.de", "imap.ionos.de", "pop.ionos.de" },
	{ "outlook.com", "outlook.office365.com", "outlook.office365.com" },
	{ "hotmail.com", "outlook.office365.com", "outlook.office365.com" },
	{ "live.com", "outlook.office365.com", "outlook.office365.com" },
	{ "yahoo.com", "imap.mail.yahoo.com", "pop.mail.yahoo.com" },
	{ "yahoo.de", "imap.mail.yahoo.com", "pop.mail.yahoo.com" },
	{ "icloud.com", "imap.mail.me.com", NULL },
	{ "me.com", "imap.mail.me.com", NULL },
	{ "fastmail.com", "imap.fastmail.com", "pop.fastmail.com" },
};

static void
server(struct setup_server *s, const char *host, uint16_t port, enum setup_source src)
{
	s->host = host != NULL ? xstrdup(host) : NULL;
	s->port = port;
	s->tls = ACCOUNT_TLS_IMPLICIT;
	s->src = host != NULL ? src : SETUP_SRC_NONE;
}

int
setup_guess_servers(const char *email, struct setup_guess *g)
{
	const char	*at = email != NULL ? strrchr(email, '@') : NULL;
	const char	*domain;
	char		*name;
	size_t		 i;

	memset(g, 0, sizeof *g);
	if (at == NULL || !setup_host_ok(at + 1) || strchr(at + 1, '.') == NULL)
		return -1;
	domain = at + 1;
	for (i = 0; i < sizeof providers / sizeof providers[0]; i++) {
		if (strcasecmp(domain, providers[i].domain) != 0)
			continue;
		g->known = 1;
		server(&g->imap, providers[i].imap, 993, SETUP_SRC_TABLE);
		server(&g->pop3, providers[i].pop3, 995, SETUP_SRC_TABLE);
		return 0;
	}
	name = xasprintf("imap.%s", domain);
	server(&g->imap, name, 993, SETUP_SRC_GUESS);
	free(name);
	name = xasprintf("pop.%s", domain);
	server(&g->pop3, name, 995, SETUP_SRC_GUESS);
	free(name);
	return 0;
}

void
setup_guess_free(struct setup_guess *g)
{
	free(g->imap.host);
	free(g->pop3.host);
	free(g->user);
	memset(g, 0, sizeof *g);
}

/*
 * Names from the network (SRV targets, autoconfig files) end up in the
 * config and on the screen: only what DNS can name passes.
 */
int
setup_host_ok(const char *name)
{
	size_t	len = 0, label = 0;

	for (; *name != '\0'; name++, len++) {
		if (*name == '.') {
			if (label == 0 || name[-1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z') ||
		    (*name >= '0' && *name <= '9') || (*name == '-' && label > 0)))
			return 0;
		if (++label > 63)
			return 0;
	}
	return len > 0 && len <= 253 && label > 0 && name[-1] != '-';
}
