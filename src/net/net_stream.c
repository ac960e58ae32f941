/* net_stream.c - the mailstream_low driver behind every connection: deadlines, budgets, EOF as error. */
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>

#include "net/net_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

time_t
net_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

int
net_link_wait(struct net_link *l, short events)
{
	struct pollfd	pf[2];
	int		n, r, ms;
	time_t		left;

	for (;;) {
		ms = (l->timeout > 0 ? l->timeout : 60) * 1000;
		if (l->deadline != 0) {
			left = l->deadline - net_now();
			if (left <= 0) {
				l->why = N_("the server is too slow (deadline passed)");
				return -1;
			}
			if (left * 1000 < ms)
				ms = (int)left * 1000;
		}
		pf[0].fd = l->fd;
		pf[0].events = events;
		pf[0].revents = 0;
		pf[1].fd = l->cancel_fd;
		pf[1].events = POLLIN;
		pf[1].revents = 0;
		n = l->cancel_fd >= 0 ? 2 : 1;
		r = poll(pf, n, ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			l->why = N_("poll failed");
			return -1;
		}
		if (n == 2 && (pf[1].revents & POLLIN)) {
			l->why = N_("cancelled");
			return -1;
		}
		if (r == 0) {
			if (l->deadline != 0 && l->deadline - net_now() > 0)
				continue;
			l->why = N_("timed out waiting for the server");
			return -1;
		}
		return 0;	/* ready, or an error condition read() will report */
	}
}

static ssize_t
link_read_plain(struct net_link *l, void *buf, size_t count)
{
	ssize_t	r;

	for (;;) {
		r = recv(l->fd, buf, count, 0);
		if (r > 0)
			return r;
		if (r == 0) {
			l->why = N_("connection closed by the server");
			return -1;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			l->why = N_("connection lost");
			return -1;
		}
		if (net_link_wait(l, POLLIN) == -1)
			return -1;
	}
}

static ssize_t
link_read_tls(struct net_link *l, void *buf, size_t count)
{
	int	r, e;

	for (;;) {
		ERR_clear_error();
		r = SSL_read(l->ssl, buf, count > INT32_MAX ? INT32_MAX : (int)count);
		if (r > 0)
			return r;
		e = SSL_get_error(l->ssl, r);
		if (e == SSL_ERROR_WANT_READ) {
			if (net_link_wait(l, POLLIN) == -1)
				return -1;
			continue;
		}
		if (e == SSL_ERROR_WANT_WRITE) {
			if (net_link_wait(l, POLLOUT) == -1)
				return -1;
			continue;
		}
		l->why = e == SSL_ERROR_ZERO_RETURN || e == SSL_ERROR_SYSCALL ?
		    N_("connection closed by the server") : N_("TLS error");
		return -1;
	}
}

/*
 * libetpan loops on a read that returns 0, so the end of the stream, like
 * every other failure, is reported as -1.
 */
static ssize_t
link_read(mailstream_low *low, void *buf, size_t count)
{
	struct net_link	*l = low->data;
	ssize_t		 r;

	if (l->fd == -1) {
		l->why = N_("connection closed");
		return -1;
	}
	if (l->limited) {
		if (l->budget == 0) {
			l->why = N_("the server's reply is far longer than announced");
			return -1;
		}
		if (count > l->budget)
			count = l->budget;
	}
	r = l->ssl != NULL ? link_read_tls(l, buf, count) : link_read_plain(l, buf, count);
	if (r > 0 && l->limited)
		l->budget -= (size_t)r;
	return r;
}

static ssize_t
link_write(mailstream_low *low, const void *buf, size_t count)
{
	struct net_link	*l = low->data;
	ssize_t		 r;
	int		 e;

	if (l->fd == -1)
		return -1;
	for (;;) {
		if (l->ssl != NULL) {
			ERR_clear_error();
			r = SSL_write(l->ssl, buf, count > INT32_MAX ? INT32_MAX : (int)count);
			if (r > 0)
				return r;
			e = SSL_get_error(l->ssl, (int)r);
			if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
				if (net_link_wait(l, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT) == -1)
					return -1;
				continue;
			}
			l->why = N_("connection lost");
			return -1;
		}
		/* MSG_NOSIGNAL: a peer that went away must not kill bote with SIGPIPE. */
		r = send(l->fd, buf, count, MSG_NOSIGNAL);
		if (r >= 0)
			return r;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK) {
			l->why = N_("connection lost");
			return -1;
		}
		if (net_link_wait(l, POLLOUT) == -1)
			return -1;
	}
}

static int
link_close(mailstream_low *low)
{
	struct net_link	*l = low->data;

	if (l->ssl != NULL && l->fd != -1)
		(void)SSL_shutdown(l->ssl);	/* best effort: never waits */
	if (l->fd != -1)
		close(l->fd);
	l->fd = -1;
	return 0;
}

static int
link_get_fd(mailstream_low *low)
{
	return ((struct net_link *)low->data)->fd;
}

static void
link_free(mailstream_low *low)
{
	struct net_link	*l = low->data;

	if (l->fd != -1)
		close(l->fd);
	SSL_free(l->ssl);
	SSL_CTX_free(l->ctx);
	free(l);
	free(low);
}

static void
link_cancel(mailstream_low *low)
{
	(void)low;	/* cancellation goes through the cancel fd */
}

static struct mailstream_cancel *
link_get_cancel(mailstream_low *low)
{
	(void)low;
	return NULL;
}

static carray *
link_chain(mailstream_low *low)
{
	struct net_link	*l = low->data;
	STACK_OF(X509)	*sk;
	carray		*a;
	MMAPString	*der;
	unsigned char	*p;
	int		 i, len;

	if (l->ssl == NULL || (sk = SSL_get_peer_cert_chain(l->ssl)) == NULL)
		return NULL;
	a = carray_new(4);
	for (i = 0; a != NULL && i < sk_X509_num(sk); i++) {
		len = i2d_X509(sk_X509_value(sk, i), NULL);
		if (len <= 0 || (der = mmap_string_sized_new((size_t)len)) == NULL)
			continue;
		p = (unsigned char *)der->str;
		i2d_X509(sk_X509_value(sk, i), &p);
		der->len = (size_t)len;
		carray_add(a, der, NULL);
	}
	return a;
}

static int
link_no_idle(mailstream_low *low)
{
	(void)low;
	return -1;
}

static mailstream_low_driver net_link_driver = {
	.mailstream_read = link_read,
	.mailstream_write = link_write,
	.mailstream_close = link_close,
	.mailstream_get_fd = link_get_fd,
	.mailstream_free = link_free,
	.mailstream_cancel = link_cancel,
	.mailstream_get_cancel = link_get_cancel,
	.mailstream_get_certificate_chain = link_chain,
	.mailstream_setup_idle = link_no_idle,
	.mailstream_unsetup_idle = link_no_idle,
	.mailstream_interrupt_idle = link_no_idle,
};

mailstream_low *
net_link_low(struct net_link *l)
{
	mailstream_low	*low;

	low = mailstream_low_new(l, &net_link_driver);
	if (low == NULL)
		abort();	/* out of memory, as xmalloc would */
	return low;
}

struct net_link *
net_link_of(mailstream_low *low)
{
	if (low == NULL || low->driver != &net_link_driver)
		return NULL;
	return low->data;
}

mailstream_low *
net_plain_new(int fd, const struct net_params *p)
{
	struct net_link	*l = xcalloc(1, sizeof *l);

	l->fd = fd;
	l->timeout = p->timeout;
	l->cancel_fd = p->cancel_fd;
	return net_link_low(l);
}

void
net_set_limits(mailstream *s, size_t max, time_t deadline)
{
	struct net_link	*l = net_link_of(mailstream_get_low(s));

	if (l == NULL)
		return;
	l->limited = max != 0;
	l->budget = max;
	l->deadline = deadline;
}

int
net_send_line(mailstream *s, const char *line)
{
	size_t	len = strlen(line);

	if (mailstream_write(s, line, len) != (ssize_t)len || mailstream_flush(s) == -1)
		return -1;
	return 0;
}

const char *
net_last_error(mailstream *s)
{
	struct net_link	*l = s != NULL ? net_link_of(mailstream_get_low(s)) : NULL;

	return l != NULL && l->why != NULL ? _(l->why) : NULL;
}
