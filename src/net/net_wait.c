/* net_wait.c - wait for a server's unsolicited data (IMAP IDLE) beside a wake fd, buffers first. */
#include <errno.h>
#include <poll.h>

#include "net/net_private.h"
#include "util/i18n.h"

int
net_wait_data(mailstream *s, int wake_fd, int timeout_ms)
{
	struct net_link	*l = s != NULL ? net_link_of(mailstream_get_low(s)) : NULL;
	struct pollfd	 pf[3];
	int		 n = 0, r, wake = -1, cancel = -1;

	if (l == NULL || l->fd == -1)
		return NET_WAIT_ERROR;
	/*
	 * Bytes libetpan or OpenSSL already read are invisible to poll(): a
	 * wait now would sit on a reply that has arrived.
	 */
	if (s->read_buffer_len > 0 || (l->ssl != NULL && SSL_pending(l->ssl) > 0))
		return NET_WAIT_DATA;
	pf[n].fd = l->fd;
	pf[n++].events = POLLIN;
	if (wake_fd >= 0) {
		wake = n;
		pf[n].fd = wake_fd;
		pf[n++].events = POLLIN;
	}
	if (l->cancel_fd >= 0) {
		cancel = n;
		pf[n].fd = l->cancel_fd;
		pf[n++].events = POLLIN;
	}
	for (int i = 0; i < n; i++)
		pf[i].revents = 0;
	r = poll(pf, (nfds_t)n, timeout_ms);
	if (r < 0 && errno == EINTR)
		return NET_WAIT_TIMEOUT;	/* the caller loops; signals are blocked anyway */
	if (r < 0) {
		l->why = N_("poll failed");
		return NET_WAIT_ERROR;
	}
	if (cancel >= 0 && (pf[cancel].revents & POLLIN)) {
		l->why = N_("cancelled");
		return NET_WAIT_CANCELLED;
	}
	if (pf[0].revents != 0)
		return NET_WAIT_DATA;	/* data, or a hang-up the next read reports */
	if (wake >= 0 && (pf[wake].revents & POLLIN))
		return NET_WAIT_WAKE;
	return NET_WAIT_TIMEOUT;
}
