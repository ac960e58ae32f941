/*
 * setup_discover.c - the wizard's search for an address's servers on the
 * network, on a thread of its own.
 *
 * In the order a provider's own word is most likely right: its autoconfig
 * file over HTTPS (verified like any server bote talks to), then the
 * domain's SRV records (RFC 6186), then the usual names imap., mail. and
 * pop. where DNS knows them.  The resolver and getaddrinfo cannot be
 * interrupted, so the UI never waits for this thread: it stops looking
 * at it, and the thread frees the search when it is done.
 */
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/net.h"
#include "setup/setup.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "worker/wake.h"

#define AUTOCONFIG_MAX	65536	/* real files are a few KiB */
#define LOOKUP_TIMEOUT	5	/* seconds per connection wait */
#define SRV_MAX		16

struct setup_discover {
	pthread_mutex_t		 lock;
	int			 refs;		/* the UI's and the thread's */
	int			 abandoned;	/* the UI stopped looking: no wakeups */
	int			 cancel_fd;
	struct wake		*ui_wake;
	char			*email;
	char			*domain;	/* inside email */
	atomic_int		 finished;
	struct setup_guess	 found;
};

static void
unref(struct setup_discover *d)
{
	int	last;

	pthread_mutex_lock(&d->lock);
	last = --d->refs == 0;
	pthread_mutex_unlock(&d->lock);
	if (!last)
		return;
	pthread_mutex_destroy(&d->lock);
	if (d->cancel_fd != -1)
		close(d->cancel_fd);
	setup_guess_free(&d->found);
	free(d->email);
	free(d);
}

static int
abandoned(struct setup_discover *d)
{
	int	a;

	pthread_mutex_lock(&d->lock);
	a = d->abandoned;
	pthread_mutex_unlock(&d->lock);
	return a;
}

static void
urlencode(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '-' || c == '_')
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

/* The provider's autoconfig file: autoconfig.DOMAIN first, then DOMAIN's well-known path. */
static void
try_autoconfig(struct setup_discover *d)
{
	struct net_params	 np;
	struct bote_err		 err;
	struct buf		 path = BUF_INIT, body = BUF_INIT;
	char			*host;
	int			 i;

	for (i = 0; i < 2 && !abandoned(d); i++) {
		memset(&np, 0, sizeof np);
		host = i == 0 ? xasprintf("autoconfig.%s", d->domain) : xstrdup(d->domain);
		np.host = host;
		np.port = 443;
		np.tls = NET_TLS_IMPLICIT;
		np.timeout = LOOKUP_TIMEOUT;
		np.cancel_fd = d->cancel_fd;
		buf_truncate(&path, 0);
		if (i == 0) {
			buf_puts(&path, "/mail/config-v1.1.xml?emailaddress=");
			urlencode(&path, d->email);
		} else
			buf_puts(&path, "/.well-known/autoconfig/mail/config-v1.1.xml");
		buf_truncate(&body, 0);
		bote_err_clear(&err);
		if (net_https_get(&np, buf_cstr(&path), &body, AUTOCONFIG_MAX, &err) == 0 &&
		    setup_autoconfig_parse(body.data, body.len, d->email, &d->found) > 0)
			i = 2;
		free(host);
	}
	buf_free(&path);
	buf_free(&body);
}

/* _SERVICE._tcp.DOMAIN; 1 when it names a server, 0 when not, -1 when it says "not offered". */
static int
try_srv(struct setup_discover *d, const char *service, enum account_tls tls,
    struct setup_server *out)
{
	struct __res_state	 st;
	struct setup_srv	 recs[SRV_MAX];
	const struct setup_srv	*r;
	unsigned char		 ans[4096];
	char			 name[300];
	size_t			 n;
	int			 len;

	snprintf(name, sizeof name, "_%s._tcp.%s", service, d->domain);
	memset(&st, 0, sizeof st);
	if (res_ninit(&st) != 0)
		return 0;
	st.retrans = 2;
	st.retry = 1;
	len = res_nquery(&st, name, ns_c_in, ns_t_srv, ans, sizeof ans);
	res_nclose(&st);
	if (len <= 0 || setup_srv_parse(ans, (size_t)len > sizeof ans ? sizeof ans : (size_t)len,
	    recs, SRV_MAX, &n) == -1 || (r = setup_srv_pick(recs, n)) == NULL)
		return 0;
	if (r->target[0] == '\0')
		return -1;	/* RFC 2782: "." means decidedly not available */
	if (!setup_host_ok(r->target) || r->port == 0)
		return 0;
	out->host = xstrdup(r->target);
	out->port = r->port;
	out->tls = tls;
	out->src = SETUP_SRC_SRV;
	return 1;
}

/*
 * Implicit TLS first (RFC 8314), then STARTTLS; a "." for one says nothing
 * about the other.
 */
static void
srv_pair(struct setup_discover *d, const char *implicit, const char *starttls,
    struct setup_server *out)
{
	if (out->host != NULL || abandoned(d))
		return;
	if (try_srv(d, implicit, ACCOUNT_TLS_IMPLICIT, out) != 1 && !abandoned(d))
		(void)try_srv(d, starttls, ACCOUNT_TLS_STARTTLS, out);
}

/* The first of the usual names that DNS knows. */
static void
usual_name(struct setup_discover *d, const char *const *prefixes, uint16_t port,
    struct setup_server *out)
{
	struct addrinfo	 hints, *res;
	char		*name;
	size_t		 i;

	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	for (i = 0; prefixes[i] != NULL && out->host == NULL && !abandoned(d); i++) {
		name = xasprintf("%s.%s", prefixes[i], d->domain);
		if (getaddrinfo(name, NULL, &hints, &res) == 0) {
			freeaddrinfo(res);
			out->host = name;
			out->port = port;
			out->tls = ACCOUNT_TLS_IMPLICIT;
			out->src = SETUP_SRC_DNS;
			return;
		}
		free(name);
	}
}

static void *
discover_main(void *arg)
{
	static const char *const imap_names[] = { "imap", "mail", NULL };
	static const char *const pop3_names[] = { "pop", "pop3", "mail", NULL };
	struct setup_discover	*d = arg;

	try_autoconfig(d);
	srv_pair(d, "imaps", "imap", &d->found.imap);
	srv_pair(d, "pop3s", "pop3", &d->found.pop3);
	usual_name(d, imap_names, 993, &d->found.imap);
	usual_name(d, pop3_names, 995, &d->found.pop3);
	atomic_store(&d->finished, 1);
	pthread_mutex_lock(&d->lock);
	if (!d->abandoned)
		wake_signal(d->ui_wake);
	pthread_mutex_unlock(&d->lock);
	unref(d);
	return NULL;
}

struct setup_discover *
setup_discover_start(const char *email, struct wake *ui_wake, struct bote_err *err)
{
	struct setup_discover	*d;
	const char		*at = email != NULL ? strrchr(email, '@') : NULL;
	pthread_t		 thread;
	pthread_attr_t		 attr;
	sigset_t		 all, old;
	int			 rc;

	if (at == NULL || !setup_host_ok(at + 1) || strchr(at + 1, '.') == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, _("setup: '%s' has no domain to look up"),
		    email != NULL ? email : "");
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	pthread_mutex_init(&d->lock, NULL);
	d->refs = 2;
	d->ui_wake = ui_wake;
	d->email = xstrdup(email);
	d->domain = d->email + (at + 1 - email);
	if ((d->cancel_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1) {
		bote_err_errno(err, errno, "%s", _("setup: cannot create a wakeup descriptor"));
		d->refs = 1;
		unref(d);
		return NULL;
	}
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* Signals belong to the UI thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&thread, &attr, discover_main, d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		bote_err_errno(err, rc, "%s", _("setup: cannot start the server lookup"));
		d->refs = 1;
		unref(d);
		return NULL;
	}
	return d;
}

int
setup_discover_finished(struct setup_discover *d)
{
	return atomic_load(&d->finished);
}

const struct setup_guess *
setup_discover_result(struct setup_discover *d)
{
	return &d->found;
}

void
setup_discover_free(struct setup_discover *d)
{
	uint64_t	one = 1;

	if (d == NULL)
		return;
	pthread_mutex_lock(&d->lock);
	d->abandoned = 1;
	pthread_mutex_unlock(&d->lock);
	/* Ends a connection attempt at once; DNS ends on its own timeout. */
	if (write(d->cancel_fd, &one, sizeof one) < 0) {
		/* The counter cannot overflow in practice. */
	}
	unref(d);
}
