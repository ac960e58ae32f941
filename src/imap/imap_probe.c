/* imap_probe.c - one connection and login the way the driver makes them, for the setup wizard. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imap/imap.h"
#include "imap/imap_private.h"
#include "util/xmalloc.h"

/* The capabilities worth showing: what bote uses when a server has it. */
static void
wanted_caps(mailimap *imap, char *buf, size_t len)
{
	static const char *const want[] = {
		"IDLE", "CONDSTORE", "QRESYNC", "UIDPLUS", "MOVE", "SPECIAL-USE",
	};
	size_t	i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof want / sizeof want[0] && n < len; i++)
		if (imap_conn_has(imap, 0, want[i]))
			n += (size_t)snprintf(buf + n, len - n, "%s ", want[i]);
}

int
imap_probe(const struct account *a, const char *password, int cancel_fd,
    struct net_peer *peer, char *caps, size_t len, struct bote_err *err)
{
	struct drv	d;
	int		rc;

	memset(&d, 0, sizeof d);
	d.acct = account_copy(a);
	d.password = xstrdup(password != NULL ? password : "");
	d.cancel_fd = cancel_fd;
	d.peer = peer;
	if ((rc = imap_conn_open(&d, err)) == 0) {
		wanted_caps(d.imap, caps, len);
		imap_conn_close(&d);
	}
	explicit_bzero(d.password, strlen(d.password));
	free(d.password);
	account_copy_free(d.acct);
	return rc;
}
