/*
 * pop3_fetch.c - the fetch: lock, recover, list, deliver in durable
 * batches, delete what the account allows, QUIT.
 *
 * The order per batch is what makes a kill at any instant harmless:
 *   journal PENDING for each UIDL with its file name (synchronous commit)
 *   -> RETR each message into tmp/ -> fsync the files -> rename into new/
 *   -> fsync new/ -> journal DONE
 * and only DONE messages are ever named in a DELE.  A PENDING entry found
 * at start-up is settled by looking at the spool: still in tmp/ means the
 * rename never happened (remove it, fetch again); in new/ or cur/ means
 * it did (mark it DONE); nowhere means it was never written.  Without
 * UIDL the key is the message's hash, known only after RETR: the batch
 * then first records its tmp/ names ("t" entries) and writes PENDING
 * between fsync and rename.  Either way every file bote leaves in tmp/ is
 * named in the journal, and the next run removes it.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "config/config.h"
#include "maildir/maildir_name.h"
#include "mime/mime.h"
#include "pop3/pop3.h"
#include "pop3/pop3_journal.h"
#include "pop3/pop3_session.h"
#include "pop3/pop3_spool.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A batch ends at this many messages or bytes, whichever comes first. */
#define BATCH_MSGS	128
#define BATCH_BYTES	((uint64_t)32 << 20)

struct item {
	struct pop3_msg	*msg;
	char		*key;		/* journal key, owned; after RETR without UIDL */
	char		*intent;	/* the key recorded before RETR: "u..." or "t<name>" */
	char		*name;		/* Maildir unique name, owned */
	int		 fd;
	uint64_t	 stored;
	int64_t		 msgdate;
	int		 written;	/* in tmp/, fd open or synced */
	int		 published;
};

struct fetch {
	const struct pop3_fetch_opts	*o;
	const struct account		*acct;
	struct pop3_fetch_result	*res;
	struct pop3_journal		*j;
	struct pop3_spool		 sp;
	struct pop3_session		*s;
	struct pop3_listing		 l;
	int				 has_uidl;
	time_t				 now;
	struct pop3_progress		 prog;
	unsigned			*dele;		/* indexes to delete */
	char				**dele_keys;	/* their journal keys */
	size_t				 ndele;
};

/*
 * Tests only: BOTE_TEST_CRASH_AT=POINT kills the process with SIGKILL at
 * that step of the first batch, so each crash point of the protocol is
 * tested deterministically, not only by random kills.
 */
static void
crash_point(const char *point)
{
	const char	*at = getenv("BOTE_TEST_CRASH_AT");

	if (at != NULL && strcmp(at, point) == 0)
		raise(SIGKILL);
}

static void
notice(struct fetch *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
notice(struct fetch *f, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	if (f->o->notice == NULL)
		return;
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	f->o->notice(s, f->o->ctx);
	free(s);
}

/* Account names become one safe path component: anything odd as %XX. */
static char *
state_name(const char *name)
{
	struct buf	b = BUF_INIT;
	const char	*p;

	for (p = name; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    (*p == '.' && p != name))
			buf_putc(&b, *p);
		else
			buf_printf(&b, "%%%02X", (unsigned char)*p);
	}
	return buf_steal(&b);
}

static char *
account_state_dir(const struct pop3_fetch_opts *o, struct bote_err *err)
{
	char	*base, *dir, *name, *pop;

	if (o->state_dir != NULL)
		base = xstrdup(o->state_dir);
	else if ((base = config_user_dir("state", err)) == NULL)
		return NULL;
	pop = xasprintf("%s/pop3", base);
	name = state_name(o->account->name);
	dir = xasprintf("%s/%s", pop, name);
	free(name);
	free(base);
	if ((mkdir(pop, 0700) == -1 && errno != EEXIST) ||
	    (mkdir(dir, 0700) == -1 && errno != EEXIST)) {
		bote_err_errno(err, errno, _("fetch: cannot create '%s'"), dir);
		free(pop);
		free(dir);
		return NULL;
	}
	free(pop);
	return dir;
}

/* One fetcher per account: flock, released by the kernel even after SIGKILL. */
static int
take_lock(const char *dir, const char *account, struct bote_err *err)
{
	char	*path = xasprintf("%s/lock", dir);
	int	 fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	free(path);
	if (fd == -1) {
		bote_err_errno(err, errno, _("fetch '%s': cannot open the lock file"), account);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK)
			bote_err_set(err, BOTE_ERR_LOCAL,
			    _("fetch '%s': another fetch for this account is running"), account);
		else
			bote_err_errno(err, errno, _("fetch '%s': cannot lock"), account);
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * A recovered message's date is read back from the spool: its PENDING
 * entry was written before the message arrived, and keep_on_server = Nd
 * needs the date to decide when it may go.
 */
static int64_t
published_date(struct fetch *f, const char *path)
{
	char	buf[16384];
	ssize_t	n = pop3_spool_read_head(&f->sp, path, buf, sizeof buf);
	time_t	t;

	return n > 0 && mime_message_date(buf, (size_t)n, &t) == 0 ? (int64_t)t : 0;
}

/* Settle the PENDING and "t" entries a killed fetch left behind. */
static int
recover(struct fetch *f, struct bote_err *err)
{
	struct pop3_jentry	 *all, *done, **open;
	enum pop3_spool_where	 *where;
	char			**gone, **names, **paths;
	size_t			  n, i, k = 0, ndone = 0, ngone = 0;
	int			  rc;

	if (pop3_journal_all(f->j, &all, &n, err) == -1)
		return -1;
	/* Only entries not yet DONE need a look at the spool. */
	open = xreallocarray(NULL, n + 1, sizeof *open);
	names = xreallocarray(NULL, n + 1, sizeof *names);
	for (i = 0; i < n; i++) {
		if (all[i].key[0] == 't' || all[i].state == POP3_J_PENDING) {
			open[k] = &all[i];
			names[k++] = all[i].name;
		}
	}
	where = xreallocarray(NULL, k + 1, sizeof *where);
	paths = xreallocarray(NULL, k + 1, sizeof *paths);
	done = xreallocarray(NULL, k + 1, sizeof *done);
	gone = xreallocarray(NULL, k + 1, sizeof *gone);
	pop3_spool_where(&f->sp, names, k, where, paths);
	for (i = 0; i < k; i++) {
		if (open[i]->key[0] == 't') {
			if (where[i] == POP3_SPOOL_TMP)
				pop3_spool_unlink_tmp(&f->sp, open[i]->name);
			gone[ngone++] = open[i]->key;
			continue;
		}
		switch (where[i]) {
		case POP3_SPOOL_PUBLISHED:
			done[ndone] = *open[i];
			done[ndone].state = POP3_J_DONE;
			done[ndone++].msgdate = published_date(f, paths[i]);
			break;
		case POP3_SPOOL_TMP:
			pop3_spool_unlink_tmp(&f->sp, open[i]->name);
			/* FALLTHROUGH */
		case POP3_SPOOL_ABSENT:
			gone[ngone++] = open[i]->key;
			break;
		}
	}
	rc = pop3_journal_commit(f->j, done, ndone, gone, ngone, err);
	for (i = 0; i < k; i++)
		free(paths[i]);
	free(paths);
	free(open);
	free(done);
	free(gone);
	free(names);
	free(where);
	pop3_journal_entries_free(all, n);
	return rc;
}

static char *
hash_key(const char *data, size_t len)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0, i;
	char		*key = xmalloc(2 + 64);

	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	key[0] = 'h';
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(key + 1 + 2 * i, 3, "%02x", md[i]);
	return key;
}

static void
want_delete(struct fetch *f, const struct pop3_msg *m, const char *key)
{
	if (f->ndele % 256 == 0) {
		f->dele = xreallocarray(f->dele, f->ndele + 256, sizeof *f->dele);
		f->dele_keys = xreallocarray(f->dele_keys, f->ndele + 256, sizeof *f->dele_keys);
	}
	f->dele[f->ndele] = m->index;
	f->dele_keys[f->ndele++] = xstrdup(key);
}

/* keep_on_server decides; age counts from the earlier of delivery and the message's own date. */
static int
may_delete(const struct fetch *f, int64_t fetched, int64_t msgdate)
{
	int64_t	since = fetched;

	switch (f->acct->keep) {
	case ACCOUNT_KEEP_NEVER:
		return 1;
	case ACCOUNT_KEEP_FOREVER:
		return 0;
	case ACCOUNT_KEEP_DAYS:
		if (msgdate > 0 && msgdate < since)
			since = msgdate;
		return (int64_t)f->now - since >= (int64_t)f->acct->keep_days * 86400;
	}
	return 0;
}

static void
report(struct fetch *f)
{
	if (f->o->progress != NULL)
		f->o->progress(&f->prog, f->o->ctx);
}

static void
item_clear(struct item *it)
{
	free(it->key);
	free(it->intent);
	free(it->name);
	memset(it, 0, sizeof *it);
	it->fd = -1;
}

/* Read the next message of the batch into tmp/; -1 stops the batch (err set), 1 skips it. */
static int
retrieve(struct fetch *f, struct item *it, struct bote_err *err)
{
	const char	*data;
	size_t		 len;
	time_t		 date;
	struct bote_err	 werr;
	int		 r;

	if ((r = pop3_session_retr_next(f->s, it->msg, &data, &len, err)) == -1)
		return -1;
	if (r == 1) {
		notice(f, _("the server refused to send message %u; left on the server"),
		    it->msg->index);
		f->res->skipped++;
		return 1;
	}
	if ((uint64_t)len < it->msg->size) {
		notice(f, _("message %u is shorter than the server announced (%zu of %llu bytes); "
		    "left on the server"), it->msg->index, len,
		    (unsigned long long)it->msg->size);
		f->res->skipped++;
		return 1;
	}
	it->msgdate = mime_message_date(data, len, &date) == 0 ? (int64_t)date : 0;
	if (it->key == NULL) {
		struct pop3_jentry	e;

		it->key = hash_key(data, len);
		if (pop3_journal_get(f->j, it->key, &e, &werr) == 1) {
			/* Delivered before a crash stopped its DELE: only delete it now. */
			if (e.state == POP3_J_DONE)
				want_delete(f, it->msg, it->key);
			pop3_journal_entry_free(&e);
			return 1;
		}
	}
	if (pop3_spool_write(&f->sp, it->name, data, len, &it->fd, &it->stored, err) == -1)
		return -1;
	it->written = 1;
	return 0;
}

static void
entry_of(const struct fetch *f, const struct item *it, const char *key,
    enum pop3_jstate state, struct pop3_jentry *e)
{
	e->key = (char *)key;
	e->name = it->name;
	e->state = state;
	e->size = it->stored;
	e->fetched = f->now;
	e->msgdate = it->msgdate;
}

/* Record every file name the batch will write before the first byte of it. */
static int
record_intents(struct fetch *f, struct item *b, size_t n, struct bote_err *err)
{
	struct pop3_jentry	*e = xreallocarray(NULL, n + 1, sizeof *e);
	size_t			 i;
	int			 rc;

	for (i = 0; i < n; i++)
		entry_of(f, &b[i], b[i].intent, POP3_J_PENDING, &e[i]);
	rc = pop3_journal_commit(f->j, e, n, NULL, 0, err);
	free(e);
	return rc;
}

/*
 * Make the written items durable, published and DONE; the intents of the
 * others are dropped.  On failure published files stay (complete and
 * synced: the next run's recovery turns them DONE) and unpublished ones
 * are removed, to be fetched again.
 */
static int
commit_batch(struct fetch *f, struct item *b, size_t n, struct bote_err *err)
{
	struct pop3_jentry	*e = xreallocarray(NULL, n + 1, sizeof *e);
	int			*fds = xreallocarray(NULL, n + 1, sizeof *fds);
	char			**dels = xreallocarray(NULL, n + 1, sizeof *dels);
	struct bote_err		 ignored;
	size_t			 i, k = 0, nd = 0;
	int			 rc = -1;

	for (i = 0; i < n; i++) {
		fds[i] = b[i].fd;
		b[i].fd = -1;
		if (b[i].written && b[i].intent[0] == 't')
			entry_of(f, &b[i], b[i].key, POP3_J_PENDING, &e[k++]);
	}
	crash_point("written");
	if (pop3_spool_sync(&f->sp, fds, n, err) == -1 ||
	    pop3_journal_commit(f->j, e, k, NULL, 0, err) == -1)
		goto unwind;
	crash_point("synced");
	for (i = 0; i < n; i++) {
		if (!b[i].written)
			continue;
		if (pop3_spool_publish(&f->sp, b[i].name, err) == -1)
			goto unwind;
		b[i].published = 1;
		if (i == n / 2)
			crash_point("publishing");
	}
	if (pop3_spool_sync_new(&f->sp, err) == -1)
		goto unwind;
	crash_point("published");
	for (i = k = 0; i < n; i++) {
		if (b[i].written)
			entry_of(f, &b[i], b[i].key, POP3_J_DONE, &e[k++]);
		if (!b[i].written || b[i].intent[0] == 't')
			dels[nd++] = b[i].intent;
	}
	if (pop3_journal_commit(f->j, e, k, dels, nd, err) == -1)
		goto unwind;
	crash_point("done");
	for (i = 0; i < n; i++) {
		if (!b[i].written)
			continue;
		f->res->fetched++;
		f->res->bytes += b[i].stored;
		if (may_delete(f, f->now, b[i].msgdate))
			want_delete(f, b[i].msg, b[i].key);
	}
	rc = 0;
	goto out;
unwind:
	for (i = nd = 0; i < n; i++) {
		if (b[i].published)
			continue;
		if (b[i].written)
			pop3_spool_unlink_tmp(&f->sp, b[i].name);
		dels[nd++] = b[i].intent;
	}
	(void)pop3_journal_commit(f->j, NULL, 0, dels, nd, &ignored);
out:
	free(e);
	free(fds);
	free(dels);
	return rc;
}

/* Download everything in todo[0..n) in batches. */
static int
download(struct fetch *f, struct pop3_msg **todo, size_t n, struct bote_err *err)
{
	struct item	 b[BATCH_MSGS];
	struct pop3_msg	*msgs[BATCH_MSGS];
	struct bote_err	 cerr;
	size_t		 i = 0, nb, k;
	uint64_t	 bytes;
	int		 failed = 0;

	for (k = 0; k < BATCH_MSGS; k++) {
		memset(&b[k], 0, sizeof b[k]);
		b[k].fd = -1;
	}
	while (i < n && !failed) {
		for (nb = 0, bytes = 0; i + nb < n && nb < BATCH_MSGS && bytes < BATCH_BYTES; nb++) {
			struct item *it = &b[nb];

			it->msg = todo[i + nb];
			it->name = maildir_name_new_unique();
			if (it->msg->uidl != NULL) {
				it->key = xasprintf("u%s", it->msg->uidl);
				it->intent = xstrdup(it->key);
			} else
				it->intent = xasprintf("t%s", it->name);
			bytes += it->msg->size;
		}
		for (k = 0; k < nb; k++)
			msgs[k] = b[k].msg;
		if (record_intents(f, b, nb, err) == -1 ||
		    pop3_session_retr_start(f->s, msgs, nb, err) == -1)
			failed = 1;
		crash_point("intents");
		for (k = 0; k < nb && !failed; k++) {
			if (retrieve(f, &b[k], err) == -1)
				failed = 1;
			f->prog.msgs_done++;
			f->prog.bytes_done += b[k].msg->size;
		}
		/* What arrived before an error is kept: it is complete. */
		if (commit_batch(f, b, nb, failed ? &cerr : err) == -1 && !failed)
			failed = 1;
		for (k = 0; k < nb; k++)
			item_clear(&b[k]);
		i += nb;
		report(f);
	}
	return failed ? -1 : 0;
}

/* Decide per listed message: fetch, delete, or leave with a notice. */
static int
plan(struct fetch *f, struct pop3_msg ***todo, size_t *ntodo, struct bote_err *err)
{
	struct pop3_jentry	 e;
	struct pop3_msg		*m;
	char			*key;
	size_t			 i;
	int			 r;

	*todo = xreallocarray(NULL, f->l.n + 1, sizeof **todo);
	*ntodo = 0;
	for (i = 0; i < f->l.n; i++) {
		m = &f->l.msgs[i];
		if (f->has_uidl && (m->uidl_bad || m->uidl == NULL)) {
			notice(f, _("message %u has an unusable UIDL; left on the server"), m->index);
			f->res->skipped++;
			continue;
		}
		if (f->has_uidl && m->uidl_dup) {
			notice(f, _("message %u shares its UIDL with another message; left on the "
			    "server"), m->index);
			f->res->skipped++;
			continue;
		}
		if (f->has_uidl) {
			key = xasprintf("u%s", m->uidl);
			r = pop3_journal_get(f->j, key, &e, err);
			if (r == -1) {
				free(key);
				return -1;
			}
			if (r == 1) {
				if (e.state == POP3_J_DONE && may_delete(f, e.fetched, e.msgdate))
					want_delete(f, m, key);
				pop3_journal_entry_free(&e);
				free(key);
				continue;
			}
			free(key);
		}
		if (f->acct->max_message_size != 0 && m->size > f->acct->max_message_size) {
			notice(f, _("message %u is too big (%llu bytes, max_message_size is %llu); "
			    "left on the server"), m->index, (unsigned long long)m->size,
			    (unsigned long long)f->acct->max_message_size);
			f->res->skipped++;
			continue;
		}
		(*todo)[(*ntodo)++] = m;
		f->prog.msgs_total++;
		f->prog.bytes_total += m->size;
	}
	return 0;
}

/* Forget DONE entries for messages the server confirmed deleted. */
static void
forget_deleted(struct fetch *f)
{
	struct bote_err	  ignored;
	char		**keys = xreallocarray(NULL, f->ndele + 1, sizeof *keys);
	size_t		  i, n = 0;

	for (i = 0; i < f->ndele; i++)
		if (f->dele_keys[i][0] != '\0')
			keys[n++] = f->dele_keys[i];
	(void)pop3_journal_commit(f->j, NULL, 0, keys, n, &ignored);
	free(keys);
}

static int
delete_and_quit(struct fetch *f, struct bote_err *err)
{
	int	*refused = xcalloc(f->ndele + 1, sizeof *refused);
	size_t	 i, n = 0;

	if (pop3_session_dele(f->s, f->dele, f->ndele, refused, err) == -1) {
		free(refused);
		return -1;
	}
	for (i = 0; i < f->ndele; i++) {
		if (refused[i]) {
			notice(f, _("the server refused to delete message %u"), f->dele[i]);
			/* Still on the server: keep its journal entry. */
			free(f->dele_keys[i]);
			f->dele_keys[i] = xstrdup("");
		} else
			n++;
	}
	free(refused);
	crash_point("deleted");
	if (pop3_session_quit(f->s, err) == -1)
		return -1;
	f->res->deleted = n;
	forget_deleted(f);
	return 0;
}

static void
fetch_free(struct fetch *f)
{
	size_t	i;

	pop3_session_close(f->s);
	pop3_uidl_free(&f->l);
	pop3_journal_close(f->j);
	pop3_spool_close(&f->sp);
	for (i = 0; i < f->ndele; i++)
		free(f->dele_keys[i]);
	free(f->dele_keys);
	free(f->dele);
}

int
pop3_fetch(const struct pop3_fetch_opts *o, struct pop3_fetch_result *res,
    struct bote_err *err)
{
	const struct account	*a = o->account;
	struct fetch		 f = { .o = o, .acct = a, .res = res };
	struct pop3_login	 lg;
	struct pop3_msg		**todo = NULL;
	size_t			 ntodo = 0;
	char			*dir;
	int			 lock = -1, rc = -1;

	memset(res, 0, sizeof *res);
	f.sp.tmp_fd = f.sp.new_fd = f.sp.cur_fd = -1;
	f.now = o->now != 0 ? o->now : time(NULL);
	if (a->protocol != ACCOUNT_POP3 || a->spool == NULL || a->host == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE,
		    _("fetch '%s': not a POP3 account with a host and a spool"), a->name);
		return -1;
	}
	if ((dir = account_state_dir(o, err)) == NULL)
		return -1;
	if ((lock = take_lock(dir, a->name, err)) == -1)
		goto out;
	if (pop3_spool_open(a->spool, &f.sp, err) == -1 ||
	    pop3_journal_check(dir, pop3_spool_has_mail(&f.sp), err) == -1 ||
	    (f.j = pop3_journal_open(dir, err)) == NULL || recover(&f, err) == -1)
		goto out;
	memset(&lg, 0, sizeof lg);
	net_params_from_account(&lg.net, a, o->cancel_fd);
	if (o->timeout > 0)
		lg.net.timeout = o->timeout;
	lg.user = a->user != NULL ? a->user : a->email != NULL ? a->email : "";
	lg.password = o->password != NULL ? o->password : "";
	lg.auth = a->auth;
	lg.token = account_uses_token(a);
	if ((f.s = pop3_session_open(&lg, err)) == NULL ||
	    pop3_session_listing(f.s, &f.l, &f.has_uidl, err) == -1)
		goto out;
	res->on_server = f.l.n;
	if (f.l.bad_lines > 0)
		notice(&f, P_("the server listed %zu message with a bad number; left on the server",
		    "the server listed %zu messages with bad numbers; left on the server",
		    f.l.bad_lines), f.l.bad_lines);
	if (!f.has_uidl && a->keep != ACCOUNT_KEEP_NEVER) {
		bote_err_set(err, BOTE_ERR_UNSUPPORTED,
		    _("fetch '%s': the server cannot name its messages (no UIDL), so bote cannot "
		    "tell which it already has; use keep_on_server = never"), a->name);
		goto out;
	}
	if (plan(&f, &todo, &ntodo, err) == -1)
		goto out;
	report(&f);
	if (download(&f, todo, ntodo, err) == -1)
		goto out;
	rc = delete_and_quit(&f, err);
out:
	free(todo);
	fetch_free(&f);
	if (lock != -1)
		close(lock);
	free(dir);
	return rc;
}
