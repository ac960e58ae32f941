/* pop3_journal.c - LMDB records of delivered POP3 messages, committed synchronously. */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lmdb.h>

#include "pop3/pop3_journal.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define JOURNAL_FORMAT	1
#define JOURNAL_MAPSIZE	((size_t)1 << 30)

/* The value: fixed fields, then the unique name and its NUL. */
struct jrec {
	uint32_t	format;
	uint32_t	state;
	uint64_t	size;
	int64_t		fetched;
	int64_t		msgdate;
};

struct pop3_journal {
	MDB_env		*env;
	MDB_dbi		 dbi;
	char		*dir;
};

static int
lmdb_fail(struct bote_err *err, const struct pop3_journal *j, int rc)
{
	bote_err_set(err, BOTE_ERR_LOCAL, _("pop3 journal '%s': %s"), j->dir,
	    mdb_strerror(rc));
	return -1;
}

/* One of the journal's files: absent, or a regular file (or directory) of ours. */
static int
check_file(const char *path, int want_dir, int spool_has_mail, struct bote_err *err)
{
	struct stat	st;

	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		bote_err_errno(err, errno, _("pop3 journal '%s'"), path);
		return -1;
	}
	if (S_ISLNK(st.st_mode) || (want_dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))) {
		bote_err_set(err, BOTE_ERR_LOCAL, _("pop3 journal '%s': %s"), path,
		    _("not a plain file or directory (a symbolic link?); refusing to use it"));
		return -1;
	}
	if (st.st_uid != geteuid()) {
		bote_err_set(err, BOTE_ERR_LOCAL, _("pop3 journal '%s': %s"), path,
		    _("owned by another user; refusing to use it"));
		return -1;
	}
	if (!want_dir && st.st_size == 0 && spool_has_mail) {
		/* LMDB would start an empty journal and every message would come again. */
		bote_err_set(err, BOTE_ERR_LOCAL, _("pop3 journal '%s': %s"), path,
		    _("empty while the spool holds mail; move it away to fetch everything again"));
		return -1;
	}
	return 0;
}

int
pop3_journal_check(const char *dir, int spool_has_mail, struct bote_err *err)
{
	static const char *const	 files[] = { "data.mdb", "lock.mdb", "lock" };
	char				*path;
	size_t				 i;
	int				 rc;

	if (check_file(dir, 1, 0, err) == -1)
		return -1;
	for (i = 0, rc = 0; i < sizeof files / sizeof files[0] && rc == 0; i++) {
		path = xasprintf("%s/%s", dir, files[i]);
		rc = check_file(path, 0, i == 0 && spool_has_mail, err);
		free(path);
	}
	return rc;
}

struct pop3_journal *
pop3_journal_open(const char *dir, struct bote_err *err)
{
	struct pop3_journal	*j = xcalloc(1, sizeof *j);
	MDB_txn			*txn;
	int			 rc;

	j->dir = xstrdup(dir);
	if ((rc = mdb_env_create(&j->env)) != 0)
		goto fail;
	/*
	 * No MDB_NOSYNC or MDB_NOMETASYNC: a committed DONE entry is what
	 * allows a DELE, so it must survive a power cut.
	 */
	if ((rc = mdb_env_set_mapsize(j->env, JOURNAL_MAPSIZE)) != 0 ||
	    (rc = mdb_env_open(j->env, dir, MDB_NOTLS, 0600)) != 0)
		goto fail;
	if ((rc = mdb_txn_begin(j->env, NULL, 0, &txn)) != 0)
		goto fail;
	if ((rc = mdb_dbi_open(txn, NULL, 0, &j->dbi)) != 0 ||
	    (rc = mdb_txn_commit(txn)) != 0) {
		mdb_txn_abort(txn);
		goto fail;
	}
	return j;
fail:
	lmdb_fail(err, j, rc);
	pop3_journal_close(j);
	return NULL;
}

void
pop3_journal_close(struct pop3_journal *j)
{
	if (j == NULL)
		return;
	if (j->env != NULL)
		mdb_env_close(j->env);
	free(j->dir);
	free(j);
}

static int
decode(const MDB_val *k, const MDB_val *v, struct pop3_jentry *out)
{
	struct jrec	 r;
	const char	*name;
	size_t		 nlen;

	if (v->mv_size < sizeof r + 1)
		return -1;
	memcpy(&r, v->mv_data, sizeof r);
	name = (const char *)v->mv_data + sizeof r;
	nlen = v->mv_size - sizeof r;
	if (r.format != JOURNAL_FORMAT || name[nlen - 1] != '\0' ||
	    (r.state != POP3_J_PENDING && r.state != POP3_J_DONE))
		return -1;
	out->key = xstrndup(k->mv_data, k->mv_size);
	out->state = r.state;
	out->size = r.size;
	out->fetched = r.fetched;
	out->msgdate = r.msgdate;
	out->name = xstrdup(name);
	return 0;
}

int
pop3_journal_get(struct pop3_journal *j, const char *key, struct pop3_jentry *out,
    struct bote_err *err)
{
	MDB_txn	*txn;
	MDB_val	 k = { strlen(key), (void *)key }, v;
	int	 rc, found;

	if ((rc = mdb_txn_begin(j->env, NULL, MDB_RDONLY, &txn)) != 0)
		return lmdb_fail(err, j, rc);
	rc = mdb_get(txn, j->dbi, &k, &v);
	found = rc == 0 && decode(&k, &v, out) == 0;
	mdb_txn_abort(txn);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return lmdb_fail(err, j, rc);
	if (rc == 0 && !found) {
		bote_err_set(err, BOTE_ERR_PARSE, _("pop3 journal '%s': damaged entry"), j->dir);
		return -1;
	}
	return found;
}

int
pop3_journal_commit(struct pop3_journal *j, const struct pop3_jentry *e, size_t n,
    char *const *dels, size_t ndels, struct bote_err *err)
{
	MDB_txn		*txn;
	MDB_val		 k, v;
	struct jrec	 r;
	char		*buf = NULL;
	size_t		 i, nlen;
	int		 rc = 0;

	if (n == 0 && ndels == 0)
		return 0;
	if ((rc = mdb_txn_begin(j->env, NULL, 0, &txn)) != 0)
		return lmdb_fail(err, j, rc);
	for (i = 0; i < ndels && rc == 0; i++) {
		k.mv_size = strlen(dels[i]);
		k.mv_data = dels[i];
		rc = mdb_del(txn, j->dbi, &k, NULL);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	}
	for (i = 0; i < n && rc == 0; i++) {
		memset(&r, 0, sizeof r);
		r.format = JOURNAL_FORMAT;
		r.state = e[i].state;
		r.size = e[i].size;
		r.fetched = e[i].fetched;
		r.msgdate = e[i].msgdate;
		nlen = strlen(e[i].name) + 1;
		buf = xreallocarray(buf, 1, sizeof r + nlen);
		memcpy(buf, &r, sizeof r);
		memcpy(buf + sizeof r, e[i].name, nlen);
		k.mv_size = strlen(e[i].key);
		k.mv_data = e[i].key;
		v.mv_size = sizeof r + nlen;
		v.mv_data = buf;
		rc = mdb_put(txn, j->dbi, &k, &v, 0);
	}
	free(buf);
	if (rc != 0) {
		mdb_txn_abort(txn);
		return lmdb_fail(err, j, rc);
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return lmdb_fail(err, j, rc);
	return 0;
}

int
pop3_journal_all(struct pop3_journal *j, struct pop3_jentry **out, size_t *n,
    struct bote_err *err)
{
	MDB_txn		*txn;
	MDB_cursor	*cur;
	MDB_val		 k, v;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = mdb_txn_begin(j->env, NULL, MDB_RDONLY, &txn)) != 0)
		return lmdb_fail(err, j, rc);
	if ((rc = mdb_cursor_open(txn, j->dbi, &cur)) != 0) {
		mdb_txn_abort(txn);
		return lmdb_fail(err, j, rc);
	}
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		/* A damaged entry is skipped: it allows nothing, not even a DELE. */
		if (decode(&k, &v, &(*out)[*n]) == 0)
			(*n)++;
	}
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	if (rc != MDB_NOTFOUND) {
		pop3_journal_entries_free(*out, *n);
		*out = NULL;
		*n = 0;
		return lmdb_fail(err, j, rc);
	}
	return 0;
}

void
pop3_journal_entry_free(struct pop3_jentry *e)
{
	free(e->key);
	free(e->name);
	e->key = e->name = NULL;
}

void
pop3_journal_entries_free(struct pop3_jentry *e, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		pop3_journal_entry_free(&e[i]);
	free(e);
}
