/*
 * fuzz_imap.c - libFuzzer target: the input is everything an IMAP server says, sent over a real
 * loopback socket to the IMAP driver while it logs in, lists, selects, fetches, stores and
 * expunges; what bote makes of the parsed replies (folder names, counts, flags, summaries,
 * errors) must stay sane.  Also the modified UTF-7 decoder on the raw input.
 *
 * Set FUZZ_IMAP_TRACE=1 to see what the driver sends (to write seeds).
 */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "config/config.h"
#include "core/flags.h"
#include "driver/driver.h"
#include "imap/imap.h"
#include "mime/mime.h"
#include "utf8_check.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int		 lfd = -1;
static uint16_t		 port;
static int		 trace;
static char		 cache[] = "/tmp/fuzz_imap.XXXXXX";
static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;
static const uint8_t	*script;
static size_t		 script_len;

/* One connection: the whole script, end of stream, then read until the client hangs up. */
static void
serve(int c)
{
	struct timeval	 tv = { 5, 0 };
	char		 junk[4096];
	uint8_t		*copy, *p;
	size_t		 left;
	ssize_t		 n;

	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	/* A copy: the client may give up and the next input begin while this one is still sent. */
	pthread_mutex_lock(&mu);
	left = script_len;
	if ((copy = p = malloc(left + 1)) == NULL)
		abort();
	memcpy(copy, script, left);
	pthread_mutex_unlock(&mu);
	while (left > 0 && (n = send(c, p, left, MSG_NOSIGNAL)) > 0) {
		p += n;
		left -= (size_t)n;
	}
	shutdown(c, SHUT_WR);
	while ((n = recv(c, junk, sizeof junk, 0)) > 0)
		if (trace)
			fwrite(junk, 1, (size_t)n, stderr);
	close(c);
	free(copy);
}

static void *
server(void *arg)
{
	int	c;

	(void)arg;
	for (;;) {
		if ((c = accept(lfd, NULL, NULL)) == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			abort();
		}
		serve(c);
	}
	return NULL;
}

static void
cleanup(void)
{
	char	cmd[64];

	/* The driver's body files are unlinked at once; only the directories remain. */
	snprintf(cmd, sizeof cmd, "%s/bote", cache);
	rmdir(cmd);
	rmdir(cache);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof sin;
	pthread_t		 t;

	(void)argc;
	(void)argv;
	trace = getenv("FUZZ_IMAP_TRACE") != NULL;
	mime_init();
	if (mkdtemp(cache) == NULL)
		abort();
	setenv("XDG_CACHE_HOME", cache, 1);
	atexit(cleanup);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    bind(lfd, (struct sockaddr *)&sin, sizeof sin) == -1 || listen(lfd, 4) == -1 ||
	    getsockname(lfd, (struct sockaddr *)&sin, &len) == -1)
		abort();
	port = ntohs(sin.sin_port);
	if (pthread_create(&t, NULL, server, NULL) != 0)
		abort();
	pthread_detach(t);
	return 0;
}

/* bote's errors are one line of printable UTF-8 whatever the server said. */
static void
check_err(const struct bote_err *err)
{
	const unsigned char	*p;

	if (trace)
		fprintf(stderr, "error: %s\n", err->msg);
	if (!utf8_check_valid(err->msg))
		abort();
	for (p = (const unsigned char *)err->msg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			abort();
}

static void
check_str(const char *s)
{
	if (s != NULL && !utf8_check_valid(s))
		abort();
}

static void
check_folders(const struct folder_list *fl)
{
	size_t	i;

	for (i = 0; i < fl->n; i++) {
		const char	*name = fl->v[i].name;
		char		*back;

		/* A name bote shows must map back to the same server name. */
		if (name == NULL || !utf8_check_valid(name))
			abort();
		if ((back = imap_mutf7_encode(name)) == NULL)
			abort();
		free(back);
		if (fl->v[i].total < -1 || fl->v[i].unread < -1)
			abort();
	}
}

static void
check_rows(const struct summary_vec *sv, uint32_t epoch)
{
	size_t	i;

	for (i = 0; i < sv->n; i++) {
		const struct summary	*s = &sv->v[i];

		if (s->ref.uid == 0 || s->ref.epoch != epoch)
			abort();
		if (i > 0 && sv->v[i - 1].ref.uid >= s->ref.uid)
			abort();	/* ascending, each uid once */
		if (s->flags & FLAG_TAGGED)
			abort();
		check_str(s->keywords);
		check_str(s->from_name);
		check_str(s->from_addr);
		check_str(s->to);
		check_str(s->subject);
	}
}

/* The modified UTF-7 decoder: valid UTF-8 out, and that re-encodes and decodes to itself. */
static void
mutf7(const uint8_t *data, size_t size)
{
	char	*in, *dec, *enc, *again;

	if ((in = strndup((const char *)data, size)) == NULL)
		return;
	if ((dec = imap_mutf7_decode(in)) != NULL) {
		if (!utf8_check_valid(dec) || (enc = imap_mutf7_encode(dec)) == NULL)
			abort();
		if ((again = imap_mutf7_decode(enc)) == NULL || strcmp(again, dec) != 0)
			abort();
		free(again);
		free(enc);
		free(dec);
	}
	free(in);
}

static void
session(void)
{
	static char		 host[] = "127.0.0.1", user[] = "fuzz", name[] = "fuzz";
	struct account		 acct;
	struct drv_params	 p;
	struct bote_err		 err;
	struct folder_list	 fl = { NULL, 0 };
	struct summary_vec	 sv = { NULL, 0 };
	struct select_info	 si;
	const struct drv_ops	*ops = &imap_driver_ops;
	struct drv		*d;
	unsigned		 out[4];
	size_t			 removed, n;
	int			 fd;

	memset(&acct, 0, sizeof acct);
	acct.name = name;
	acct.protocol = ACCOUNT_IMAP;
	acct.host = host;
	acct.port = port;
	acct.tls = ACCOUNT_TLS_NONE;
	acct.user = user;
	acct.timeout = 5;
	memset(&p, 0, sizeof p);
	p.account = name;
	p.acct = &acct;
	p.password = "secret";
	if ((d = ops->create(&p, &err)) == NULL)
		abort();
	if (ops->connect(d, &err) == -1) {
		check_err(&err);
		goto out;
	}
	if (ops->list_folders(d, 1, &fl, &err) == -1)
		check_err(&err);
	check_folders(&fl);
	if (ops->select(d, "INBOX", &si, &err) == -1) {
		check_err(&err);
		goto out;
	}
	if (ops->fetch_index(d, &sv, &err) == -1) {
		check_err(&err);
		goto out;
	}
	check_rows(&sv, si.epoch);
	n = sv.n < 50 ? sv.n : 50;
	if (n > 0 && ops->fetch_summaries(d, sv.v, n, &err) == -1)
		check_err(&err);
	check_rows(&sv, si.epoch);
	if (n > 0) {
		if (ops->fetch_message(d, &sv.v[0].ref, &fd, &err) == -1)
			check_err(&err);
		else
			close(fd);
		if (ops->store_flags(d, &sv.v[0].ref, 1, FLAG_SEEN | FLAG_DELETED, FLAG_FLAGGED, out, &err) == -1)
			check_err(&err);
		else if (out[0] & FLAG_TAGGED)
			abort();
	}
	if (ops->expunge(d, &removed, &err) == -1)
		check_err(&err);
	ops->disconnect(d);
out:
	summary_vec_free(&sv);
	folder_list_free(&fl);
	ops->destroy(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mutf7(data, size < 256 ? size : 256);
	pthread_mutex_lock(&mu);
	script = data;
	script_len = size;
	pthread_mutex_unlock(&mu);
	session();
	return 0;
}
