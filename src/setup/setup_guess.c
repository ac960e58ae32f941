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

int
setup_guess_servers(const char *email, struct setup_guess *g)
{
	const char	*at = email != NULL ? strrchr(email, '@') : NULL;
	const char	*domain;
	size_t		 i;

	memset(g, 0, sizeof *g);
	if (at == NULL || at[1] == '\0' || strchr(at + 1, '.') == NULL)
		return -1;
	domain = at + 1;
	g->imap_port = 993;
	g->pop3_port = 995;
	for (i = 0; i < sizeof providers / sizeof providers[0]; i++) {
		if (strcasecmp(domain, providers[i].domain) != 0)
			continue;
		g->known = 1;
		g->imap_host = xstrdup(providers[i].imap);
		g->pop3_host = providers[i].pop3 ? xstrdup(providers[i].pop3) : NULL;
		return 0;
	}
	g->imap_host = xasprintf("imap.%s", domain);
	g->pop3_host = xasprintf("pop.%s", domain);
	return 0;
}

void
setup_guess_free(struct setup_guess *g)
{
	free(g->imap_host);
	free(g->pop3_host);
	memset(g, 0, sizeof *g);
}
