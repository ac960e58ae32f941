/* net_private.h - what the stream drivers and the TLS handshake share inside src/net. */
#ifndef BOTE_NET_PRIVATE_H
#define BOTE_NET_PRIVATE_H

#include <openssl/ssl.h>

#include "net/net.h"

/* The data of every mailstream_low bote makes. */
struct net_link {
	int		 fd;		/* -1 once handed to another link */
	SSL		*ssl;		/* NULL for plaintext */
	SSL_CTX		*ctx;
	int		 timeout;	/* seconds per wait */
	int		 cancel_fd;
	size_t		 budget;	/* bytes reads may still return; 0 = no limit */
	int		 limited;
	time_t		 deadline;	/* net_now() limit, or 0 */
	const char	*why;		/* static reason of the last failure */
};

/*
 * Wait until fd is ready for events (POLLIN or POLLOUT) within the link's
 * timeout and deadline; 0 when ready, -1 with link->why set.
 */
int	 net_link_wait(struct net_link *, short events);

/* A mailstream_low around link (taken over). */
mailstream_low *net_link_low(struct net_link *);

/* The link of a low made by net_link_low(), or NULL for a foreign one. */
struct net_link *net_link_of(mailstream_low *);

#endif
