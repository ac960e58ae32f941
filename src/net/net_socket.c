/* net_socket.c - TCP connections with a deadline per attempt and a cancel fd. */
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "net/net.h"
#include "util/i18n.h"

int
net_host_is_loopback(const char *host)
{
	struct in_addr	 a4;
	struct in6_addr	 a6;

	if (host == NULL)
		return 0;
	if (strcasecmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

/* Wait for a non-blocking connect; 0 connected, -1 with errno. */
static int
wait_connected(int fd, const struct net_params *p)
{
	struct pollfd	pf[2];
	int		n, r, soerr;
	socklen_t	len = sizeof soerr;

	pf[0].fd = fd;
	pf[0].events = POLLOUT;
	pf[1].fd = p->cancel_fd;
	pf[1].events = POLLIN;
	n = p->cancel_fd >= 0 ? 2 : 1;
	do
		r = poll(pf, n, p->timeout > 0 ? p->timeout * 1000 : 30000);
	while (r < 0 && errno == EINTR);
	if (r == 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (r < 0)
		return -1;
	if (n == 2 && (pf[1].revents & POLLIN)) {
		errno = ECANCELED;
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == -1)
		return -1;
	if (soerr != 0) {
		errno = soerr;
		return -1;
	}
	return 0;
}

static int
try_address(const struct addrinfo *ai, const struct net_params *p)
{
	int	fd, one = 1;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    ai->ai_protocol);
	if (fd == -1)
		return -1;
	if (fd >= FD_SETSIZE) {
		/* libetpan select()s on the socket and aborts above FD_SETSIZE. */
		close(fd);
		errno = EMFILE;
		return -1;
	}
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1 &&
	    (errno != EINPROGRESS || wait_connected(fd, p) == -1)) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	/*
	 * The socket stays non-blocking: the stream drivers poll() with the
	 * timeout and the cancel fd before every read and write, so a server
	 * that stops in the middle of a TLS record cannot hold a read forever.
	 */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
}

int
net_socket_connect(const struct net_params *p, struct bote_err *err)
{
	struct addrinfo	 hints, *res, *ai;
	char		 port[8];
	int		 fd = -1, rc, e = 0;

	if (p->host == NULL || *p->host == '\0') {
		bote_err_set(err, BOTE_ERR_USAGE, _("connect: no server name given"));
		return -1;
	}
	if (p->tls == NET_TLS_NONE && !net_host_is_loopback(p->host)) {
		bote_err_set(err, BOTE_ERR_TLS,
		    _("connect '%s': refusing to send mail and passwords unencrypted "
		    "(tls = none is only for this machine: 127.0.0.1, ::1 or localhost)"), p->host);
		return -1;
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	snprintf(port, sizeof port, "%u", (unsigned)p->port);
	rc = getaddrinfo(p->host, port, &hints, &res);
	if (rc != 0) {
		bote_err_set(err, BOTE_ERR_CONNECTION, _("connect '%s': %s"), p->host,
		    gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next) {
		fd = try_address(ai, p);
		if (fd == -1)
			e = errno;
		if (e == ECANCELED)
			break;
	}
	freeaddrinfo(res);
	if (fd == -1) {
		if (e == ECANCELED)
			bote_err_set(err, BOTE_ERR_CANCELLED, _("connect '%s:%u': cancelled"),
			    p->host, (unsigned)p->port);
		else
			bote_err_set(err, BOTE_ERR_CONNECTION, _("connect '%s:%u': %s"),
			    p->host, (unsigned)p->port, strerror(e));
	}
	return fd;
}
