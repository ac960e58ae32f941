/*
 * net_https.c - one small document fetched over verified HTTPS (the
 * wizard's autoconfig lookup).
 *
 * HTTP/1.0, so the server closes after the reply and sends no chunked
 * body; no redirects, no cookies, no proxies.  The reply is bounded in
 * size and time like any server reply bote reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net/net.h"
#include "util/buf.h"
#include "util/i18n.h"

#define HEAD_MAX	16384

/* The status code of "HTTP/1.x NNN ...", or -1. */
static int
status_code(const char *head)
{
	if (strncmp(head, "HTTP/1.", 7) != 0 || (head[7] != '0' && head[7] != '1') ||
	    head[8] != ' ' || head[9] < '1' || head[9] > '5' || head[10] < '0' ||
	    head[10] > '9' || head[11] < '0' || head[11] > '9')
		return -1;
	return (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
}

/* Content-Length of the header block, or -1 when absent or unreadable. */
static long long
content_length(const char *head, size_t headlen)
{
	const char	*p = head, *end = head + headlen;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > 15 && strncasecmp(p, "Content-Length:", 15) == 0) {
			char		*e;
			long long	 v = strtoll(p + 15, &e, 10);

			return v >= 0 && (*e == '\r' || *e == '\n' || e == nl) ? v : -1;
		}
		p = nl + 1;
	}
	return -1;
}

int
net_https_get(const struct net_params *p, const char *path, struct buf *out, size_t max,
    struct bote_err *err)
{
	struct net_params	 np = *p;
	struct buf		 all = BUF_INIT;
	mailstream		*s;
	char			 req[2048], chunk[4096];
	const char		*sep;
	ssize_t			 r;
	long long		 clen;
	size_t			 head;
	int			 code, n;

	np.tls = NET_TLS_IMPLICIT;	/* never plain HTTP */
	n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: bote/%s\r\n"
	    "Accept: application/xml, text/xml\r\nConnection: close\r\n\r\n", path, np.host,
	    PACKAGE_VERSION);
	if (n < 0 || (size_t)n >= sizeof req || strpbrk(path, "\r\n ") != NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, _("https '%s': the address is too long"), np.host);
		return -1;
	}
	if ((s = net_open(&np, NULL, err)) == NULL)
		return -1;
	net_set_limits(s, max + HEAD_MAX, net_now() + (np.timeout > 0 ? np.timeout : 30));
	if (mailstream_write(s, req, (size_t)n) != n || mailstream_flush(s) == -1) {
		bote_err_set(err, BOTE_ERR_CONNECTION, "https '%s': %s", np.host,
		    net_last_error(s) != NULL ? net_last_error(s) : _("connection lost"));
		mailstream_close(s);
		return -1;
	}
	/* Read to the end: the stream reports the server's close as -1. */
	while ((r = mailstream_read(s, chunk, sizeof chunk)) > 0)
		buf_append(&all, chunk, (size_t)r);
	mailstream_close(s);
	if (all.len == 0 || (sep = strstr(buf_cstr(&all), "\r\n\r\n")) == NULL) {
		bote_err_set(err, BOTE_ERR_PARSE, _("https '%s': no complete reply"), np.host);
		buf_free(&all);
		return -1;
	}
	head = (size_t)(sep - all.data) + 4;
	if ((code = status_code(all.data)) != 200) {
		bote_err_set(err, BOTE_ERR_COMMAND, _("https '%s': the server answered %d"),
		    np.host, code);
		buf_free(&all);
		return -1;
	}
	clen = content_length(all.data, head);
	if (all.len - head > max || (clen >= 0 && (size_t)clen != all.len - head)) {
		bote_err_set(err, BOTE_ERR_PARSE, _("https '%s': the reply is cut short or too long"),
		    np.host);
		buf_free(&all);
		return -1;
	}
	buf_append(out, all.data + head, all.len - head);
	buf_free(&all);
	return 0;
}
