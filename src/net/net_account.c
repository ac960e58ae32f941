/* net_account.c - an account's connection settings as net_params, for every protocol alike. */
#include <string.h>

#include "config/config.h"
#include "net/net.h"

void
net_params_from_account(struct net_params *p, const struct account *a, int cancel_fd)
{
	memset(p, 0, sizeof *p);
	p->host = a->host;
	p->port = a->port;
	p->tls = a->tls == ACCOUNT_TLS_STARTTLS ? NET_TLS_STARTTLS :
	    a->tls == ACCOUNT_TLS_NONE ? NET_TLS_NONE : NET_TLS_IMPLICIT;
	p->ca_file = a->ca_file;
	p->pin = a->has_pin ? a->pin : NULL;
	p->timeout = a->timeout > 0 ? (int)a->timeout : 30;
	p->cancel_fd = cancel_fd;
}
