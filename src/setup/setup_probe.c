/* setup_probe.c - the wizard's look at a server: TLS, certificate, capabilities and a login, on its own thread. */
#include <sys/eventfd.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "imap/imap.h"
#include "net/net.h"
#include "pop3/pop3_session.h"
#include "setup/setup.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "worker/wake.h"

struct setup_probe {
	pthread_t			 thread;
	struct account			*acct;		/* own copy */
	char				*password;
	int				 cancel_fd;
	struct wake			*ui_wake;
	atomic_int			 finished;
	struct setup_probe_result	 res;
};

static void
take_peer(struct setup_probe_result *r, const struct net_peer *peer, int pinned_ok)
{
	char	*fp;

	if (!peer->has_cert)
		return;
	r->reached = 1;
	snprintf(r->protocol, sizeof r->protocol, "%s", peer->protocol);
	snprintf(r->subject, sizeof r->subject, "%s", peer->subject);
	snprintf(r->issuer, sizeof r->issuer, "%s", peer->issuer);
	snprintf(r->not_before, sizeof r->not_before, "%s", peer->not_before);
	snprintf(r->not_after, sizeof r->not_after, "%s", peer->not_after);
	fp = net_fingerprint_string(peer->sha256);
	snprintf(r->fingerprint, sizeof r->fingerprint, "%s", fp);
	free(fp);
	r->tls_ok = peer->chain_ok || peer->pinned || pinned_ok;
	r->untrusted = !r->tls_ok;
}

static void
probe_pop3(struct setup_probe *p, const struct net_params *np)
{
	struct pop3_login	 lg = { .net = *np };
	struct net_peer		 peer;
	struct pop3_session	*s;

	memset(&peer, 0, sizeof peer);
	lg.user = p->acct->user != NULL ? p->acct->user : p->acct->email;
	lg.password = p->password;
	lg.peer = &peer;
	s = pop3_session_open(&lg, &p->res.err);
	take_peer(&p->res, &peer, 0);
	if (s == NULL) {
		p->res.reached |= p->res.err.kind == BOTE_ERR_AUTH;
		p->res.auth_failed = p->res.err.kind == BOTE_ERR_AUTH;
		return;
	}
	p->res.reached = 1;
	p->res.login_ok = 1;
	if (np->tls == NET_TLS_NONE)
		p->res.tls_ok = 0;
	pop3_session_caps(s, p->res.caps, sizeof p->res.caps);
	pop3_session_close(s);
}

static void
probe_imap(struct setup_probe *p, const struct net_params *np)
{
	struct net_peer	peer;

	memset(&peer, 0, sizeof peer);
	if (imap_probe(p->acct, p->password, np->cancel_fd, &peer, p->res.caps,
	    sizeof p->res.caps, &p->res.err) == 0) {
		p->res.reached = 1;
		p->res.login_ok = 1;
	} else {
		p->res.reached |= p->res.err.kind == BOTE_ERR_AUTH;
		p->res.auth_failed = p->res.err.kind == BOTE_ERR_AUTH;
	}
	take_peer(&p->res, &peer, 0);
}

static void *
probe_main(void *arg)
{
	struct setup_probe	*p = arg;
	struct net_params	 np;

	net_params_from_account(&np, p->acct, p->cancel_fd);
	if (p->acct->protocol == ACCOUNT_POP3)
		probe_pop3(p, &np);
	else
		probe_imap(p, &np);
	if (p->acct->has_pin && p->res.reached && p->res.err.kind != BOTE_ERR_TLS) {
		p->res.tls_ok = 1;
		p->res.untrusted = 0;
	}
	atomic_store(&p->finished, 1);
	wake_signal(p->ui_wake);
	return NULL;
}

struct setup_probe *
setup_probe_start(const struct account *a, const char *password, struct wake *ui_wake,
    struct bote_err *err)
{
	struct setup_probe	*p = xcalloc(1, sizeof *p);
	sigset_t		 all, old;
	int			 rc;

	p->acct = account_copy(a);
	p->password = xstrdup(password != NULL ? password : "");
	p->ui_wake = ui_wake;
	if ((p->cancel_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1) {
		bote_err_errno(err, errno, "%s", _("setup: cannot create a wakeup descriptor"));
		setup_probe_free(p);
		return NULL;
	}
	/* Signals belong to the UI thread; libetpan must not see EINTR. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&p->thread, NULL, probe_main, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		bote_err_errno(err, rc, "%s", _("setup: cannot start the probe"));
		close(p->cancel_fd);
		p->cancel_fd = -1;
		atomic_store(&p->finished, 2);	/* no thread to join */
		setup_probe_free(p);
		return NULL;
	}
	return p;
}

int
setup_probe_finished(struct setup_probe *p)
{
	return atomic_load(&p->finished) != 0;
}

const struct setup_probe_result *
setup_probe_result(struct setup_probe *p)
{
	return &p->res;
}

void
setup_probe_cancel(struct setup_probe *p)
{
	uint64_t	one = 1;

	if (p->cancel_fd != -1 && write(p->cancel_fd, &one, sizeof one) < 0) {
		/* The counter cannot overflow in practice. */
	}
}

void
setup_probe_free(struct setup_probe *p)
{
	if (p == NULL)
		return;
	if (p->cancel_fd != -1 && atomic_load(&p->finished) != 2) {
		setup_probe_cancel(p);
		pthread_join(p->thread, NULL);
	}
	if (p->cancel_fd != -1)
		close(p->cancel_fd);
	explicit_bzero(p->password, strlen(p->password));
	free(p->password);
	account_copy_free(p->acct);
	free(p);
}
