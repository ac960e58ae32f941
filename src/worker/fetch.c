/* fetch.c - the POP3 fetcher behind `bote fetch` and the fetch-mail command. */
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "pop3/pop3.h"
#include "util/xmalloc.h"
#include "worker/fetch.h"

struct relay {
	const struct fetch_hooks	*h;
};

static void
relay_progress(const struct pop3_progress *p, void *arg)
{
	const struct relay	*r = arg;
	struct fetch_progress	 fp;

	fp.msgs_done = p->msgs_done;
	fp.msgs_total = p->msgs_total;
	fp.bytes_done = p->bytes_done;
	fp.bytes_total = p->bytes_total;
	r->h->progress(&fp, r->h->ctx);
}

static void
relay_notice(const char *msg, void *arg)
{
	const struct relay	*r = arg;

	r->h->notice(msg, r->h->ctx);
}

int
fetch_account(const struct account *a, const char *password, const struct fetch_hooks *h,
    struct fetch_report *rep, struct bote_err *err)
{
	struct pop3_fetch_opts		o;
	struct pop3_fetch_result	res;
	struct relay			r = { h };
	int				rc;

	memset(&o, 0, sizeof o);
	o.account = a;
	o.password = password;
	o.cancel_fd = h != NULL ? h->cancel_fd : -1;
	o.timeout = (int)a->timeout;
	o.progress = h != NULL && h->progress != NULL ? relay_progress : NULL;
	o.notice = h != NULL && h->notice != NULL ? relay_notice : NULL;
	o.ctx = &r;
	rc = pop3_fetch(&o, &res, err);
	rep->on_server = res.on_server;
	rep->fetched = res.fetched;
	rep->deleted = res.deleted;
	rep->skipped = res.skipped;
	rep->bytes = res.bytes;
	return rc;
}
