/* hcache.c - the header cache's LMDB environment: open, format check, broken files replaced. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache/hcache_private.h"
#include "util/xmalloc.h"

/*
 * The map is address space, not memory or disk: the file grows page by
 * page.  100,000 summaries take some 40 MiB, so 1 GiB holds many large
 * folders; a full map is grown on demand (hcache_env_grow).
 */
#define MAPSIZE		(sizeof(void *) >= 8 ? (size_t)1 << 30 : (size_t)1 << 28)

/* What opening found. */
enum {
	ENV_FAIL = -1,		/* cannot work here at all: err is set */
	ENV_OK,
	ENV_BROKEN,		/* the files are not a usable cache: set them aside */
	ENV_STALE,		/* another format: delete */
};

static const MDB_val format_key = { 6, (void *)"format" };

/* mkdir -p with mode 0700: the cache holds message headers. */
static int
dir_make(const char *dir, struct bote_err *err)
{
	char	*path = xstrdup(dir), *s, c;

	for (s = path + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			bote_err_errno(err, errno,
			    "cannot create cache directory '%s'", path);
			free(path);
			return -1;
		}
		if ((*s = c) == '\0')
			break;
	}
	free(path);
	return 0;
}

/*
 * LMDB follows whatever the path names; a symlinked or foreign directory
 * would let someone else choose (or read) the file we write headers to.
 */
static int
dir_check(const char *dir, struct bote_err *err)
{
	struct stat	st;

	if (lstat(dir, &st) != 0) {
		if (errno != ENOENT) {
			bote_err_errno(err, errno,
			    "cannot open header cache '%s'", dir);
			return -1;
		}
		if (dir_make(dir, err) != 0)
			return -1;
		if (lstat(dir, &st) != 0) {
			bote_err_errno(err, errno,
			    "cannot open header cache '%s'", dir);
			return -1;
		}
	}
	if (S_ISLNK(st.st_mode)) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    "cannot open header cache '%s': it is a symbolic link", dir);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    "cannot open header cache '%s': not a directory", dir);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    "cannot open header cache '%s': owned by another user", dir);
		return -1;
	}
	return 0;
}

/* A data or lock file that is a symlink, no file or someone else's is not ours. */
static int
file_suspect(const char *dir, const char *name)
{
	char		*path = xasprintf("%s/%s", dir, name);
	struct stat	 st;
	int		 bad;

	bad = lstat(path, &st) == 0 &&
	    (!S_ISREG(st.st_mode) || st.st_uid != geteuid());
	free(path);
	return bad;
}

/*
 * Sets err and says whether new files could help: yes when LMDB found the
 * file invalid or may not read it; no for anything else (no memory, a
 * full disk, all reader slots taken), where a good cache must survive.
 */
static int
env_verdict(struct hcache *hc, int rc, struct bote_err *err)
{
	bote_err_set(err, BOTE_ERR_LOCAL, "cannot open header cache '%s': %s",
	    hc->dir, mdb_strerror(rc));
	if (hcache_env_corrupt(rc) || rc == EACCES || rc == EPERM)
		return ENV_BROKEN;
	return ENV_FAIL;
}

static int
env_suspect(struct hcache *hc, const char *why, struct bote_err *err)
{
	bote_err_set(err, BOTE_ERR_LOCAL, "cannot open header cache '%s': %s",
	    hc->dir, why);
	return ENV_BROKEN;
}

/*
 * LMDB trusts the file's size: a truncated file (a full disk, a bad copy)
 * whose meta page names pages past the end would fault (SIGBUS) on the
 * first read.  Pages are written before the meta page that names them, so
 * a good file is never shorter than that.
 */
static int
env_fits(struct hcache *hc)
{
	MDB_envinfo	 info;
	MDB_stat	 ms;
	struct stat	 st;
	int		 fd;

	if (mdb_env_info(hc->env, &info) != 0 || mdb_env_stat(hc->env, &ms) != 0 ||
	    mdb_env_get_fd(hc->env, &fd) != 0 || fstat(fd, &st) != 0)
		return 0;
	return (uint64_t)st.st_size >=
	    ((uint64_t)info.me_last_pgno + 1) * ms.ms_psize;
}

/*
 * Keeps as much free map as there is data, so that a big folder rarely
 * meets MDB_MAP_FULL.  0 or an LMDB error.
 */
static int
env_headroom(struct hcache *hc)
{
	MDB_envinfo	info;
	MDB_stat	ms;
	size_t		used;
	int		rc;

	if ((rc = mdb_env_info(hc->env, &info)) != 0 ||
	    (rc = mdb_env_stat(hc->env, &ms)) != 0)
		return rc;
	used = ((size_t)info.me_last_pgno + 1) * ms.ms_psize;
	if (used <= info.me_mapsize / 2)
		return 0;
	return mdb_env_set_mapsize(hc->env, used * 2);
}

static int
format_ok(MDB_txn *txn, MDB_dbi meta)
{
	MDB_val			 k = format_key, v;
	const unsigned char	*p;

	if (mdb_get(txn, meta, &k, &v) != 0 || v.mv_size != 8)
		return 0;
	p = v.mv_data;
	return hcache_codec_get_le32(p) == HCACHE_FORMAT &&
	    hcache_codec_get_le32(p + 4) == hcache_codec_layout();
}

/* A fresh environment: the databases and the format stamp, in one transaction. */
static int
env_create(struct hcache *hc, struct bote_err *err)
{
	MDB_txn		*txn;
	MDB_val		 k = format_key, v;
	unsigned char	 stamp[8];
	int		 rc;

	if ((rc = hcache_env_txn(hc, 0, &txn)) != 0)
		return env_verdict(hc, rc, err);
	hcache_codec_put_le32(stamp, HCACHE_FORMAT);
	hcache_codec_put_le32(stamp + 4, hcache_codec_layout());
	v.mv_size = sizeof stamp;
	v.mv_data = stamp;
	if ((rc = mdb_dbi_open(txn, "meta", MDB_CREATE, &hc->meta)) != 0 ||
	    (rc = mdb_dbi_open(txn, "folders", MDB_CREATE, &hc->folders)) != 0 ||
	    (rc = mdb_dbi_open(txn, "summaries", MDB_CREATE,
	    &hc->summaries)) != 0 ||
	    (rc = mdb_put(txn, hc->meta, &k, &v, 0)) != 0) {
		mdb_txn_abort(txn);
		return env_verdict(hc, rc, err);
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return env_verdict(hc, rc, err);
	return ENV_OK;
}

/*
 * Opens the databases in a read transaction, so that opening an existing
 * cache never waits for another process's writer.  An empty environment
 * is new; one without our stamp is another format or another program's.
 */
static int
env_dbs(struct hcache *hc, struct bote_err *err)
{
	MDB_txn		*txn;
	MDB_dbi		 main;
	MDB_stat	 ms;
	int		 rc;

	if ((rc = hcache_env_txn(hc, MDB_RDONLY, &txn)) != 0)
		return env_verdict(hc, rc, err);
	rc = mdb_dbi_open(txn, "meta", 0, &hc->meta);
	if (rc == MDB_NOTFOUND) {
		if ((rc = mdb_dbi_open(txn, NULL, 0, &main)) == 0)
			rc = mdb_stat(txn, main, &ms);
		mdb_txn_abort(txn);
		if (rc != 0)
			return env_verdict(hc, rc, err);
		return ms.ms_entries == 0 ? env_create(hc, err) : ENV_STALE;
	}
	if (rc == 0 && !format_ok(txn, hc->meta)) {
		mdb_txn_abort(txn);
		return ENV_STALE;
	}
	if (rc == 0 && (rc = mdb_dbi_open(txn, "folders", 0, &hc->folders)) == 0)
		rc = mdb_dbi_open(txn, "summaries", 0, &hc->summaries);
	if (rc != 0) {
		mdb_txn_abort(txn);
		return rc == MDB_NOTFOUND ? ENV_STALE : env_verdict(hc, rc, err);
	}
	/* Committing, not aborting, keeps the database handles. */
	if ((rc = mdb_txn_commit(txn)) != 0)
		return env_verdict(hc, rc, err);
	return ENV_OK;
}

static int
env_boot(struct hcache *hc, struct bote_err *err)
{
	int	rc, dead;

	if (file_suspect(hc->dir, "data.mdb") || file_suspect(hc->dir, "lock.mdb"))
		return env_suspect(hc, "a file in it is not a regular file of ours",
		    err);
	if ((rc = mdb_env_create(&hc->env)) != 0) {
		hc->env = NULL;
		return env_verdict(hc, rc, err);
	}
	if ((rc = mdb_env_set_maxdbs(hc->env, 4)) != 0 ||
	    (rc = mdb_env_set_mapsize(hc->env, MAPSIZE)) != 0 ||
	    (rc = mdb_env_open(hc->env, hc->dir, MDB_NOTLS | MDB_NOMETASYNC,
	    0600)) != 0)
		return env_verdict(hc, rc, err);
	if (!env_fits(hc))
		return env_suspect(hc, "data.mdb is truncated", err);
	/* A killed bote leaves its reader slot behind, pinning old pages. */
	mdb_reader_check(hc->env, &dead);
	if ((rc = env_headroom(hc)) != 0)
		return env_verdict(hc, rc, err);
	return env_dbs(hc, err);
}

/*
 * It is only a cache: a broken file is set aside (for a bug report) and a
 * stale one deleted.  The lock file goes too, it may be what is broken.
 */
static void
env_discard(struct hcache *hc, int broken)
{
	char	*data, *lock, *aside;

	if (hc->env != NULL)
		mdb_env_close(hc->env);
	hc->env = NULL;
	data = xasprintf("%s/data.mdb", hc->dir);
	lock = xasprintf("%s/lock.mdb", hc->dir);
	aside = xasprintf("%s/data.mdb.broken-%lld", hc->dir,
	    (long long)time(NULL));
	if (!broken || rename(data, aside) != 0)
		unlink(data);
	unlink(lock);
	free(aside);
	free(lock);
	free(data);
}

/* Opens the environment, replacing its files once if they are broken or stale. */
static int
env_start(struct hcache *hc, struct bote_err *err)
{
	struct bote_err	why;
	int		try, rc;

	/* A replaced cache is not an error: err is only touched on failure. */
	bote_err_clear(&why);
	for (try = 0; try < 2; try++) {
		if ((rc = env_boot(hc, &why)) == ENV_OK)
			return 0;
		if (rc == ENV_FAIL)
			break;
		env_discard(hc, rc == ENV_BROKEN);
	}
	if (rc == ENV_STALE)
		bote_err_set(&why, BOTE_ERR_LOCAL, "cannot create header cache "
		    "'%s': a new cache has another format too", hc->dir);
	if (err != NULL)
		*err = why;
	if (hc->env != NULL)
		mdb_env_close(hc->env);
	hc->env = NULL;
	return -1;
}

int
hcache_env_corrupt(int rc)
{
	return rc == MDB_CORRUPTED || rc == MDB_PAGE_NOTFOUND ||
	    rc == MDB_INVALID || rc == MDB_INCOMPATIBLE ||
	    rc == MDB_VERSION_MISMATCH || rc == MDB_BAD_DBI;
}

int
hcache_env_txn(struct hcache *hc, unsigned flags, MDB_txn **txn)
{
	int	rc;

	/* A failed rebuild leaves no environment; try again rather than crash. */
	if (hc->env == NULL && env_start(hc, NULL) != 0)
		return ENOTRECOVERABLE;
	rc = mdb_txn_begin(hc->env, NULL, flags, txn);
	if (rc == MDB_MAP_RESIZED) {
		/* Another process grew the map: take its size. */
		if ((rc = mdb_env_set_mapsize(hc->env, 0)) == 0)
			rc = mdb_txn_begin(hc->env, NULL, flags, txn);
	}
	return rc;
}

/* Replaces a cache found corrupt while in use; no transaction may be open. */
int
hcache_env_rebuild(struct hcache *hc, struct bote_err *err)
{
	env_discard(hc, 1);
	return env_start(hc, err);
}

/* Doubles the map; no transaction may be open. */
int
hcache_env_grow(struct hcache *hc, struct bote_err *err)
{
	MDB_envinfo	info;
	int		rc;

	memset(&info, 0, sizeof info);
	if ((rc = mdb_env_info(hc->env, &info)) == 0) {
		rc = EFBIG;
		if (info.me_mapsize <= SIZE_MAX / 2)
			rc = mdb_env_set_mapsize(hc->env, info.me_mapsize * 2);
	}
	if (rc != 0) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    "cannot grow header cache '%s' beyond %zu MiB: %s", hc->dir,
		    info.me_mapsize >> 20, mdb_strerror(rc));
		return -1;
	}
	return 0;
}

/* A folder's id: 0, MDB_NOTFOUND (also for a malformed record) or an LMDB error. */
int
hcache_env_folder(struct hcache *hc, MDB_txn *txn, const char *name, size_t len,
    uint32_t *id)
{
	MDB_val	k, v;
	int	rc;

	if (len == 0 || len > HCACHE_FOLDER_MAX)
		return MDB_NOTFOUND;
	k.mv_size = len;
	k.mv_data = (void *)name;
	if ((rc = mdb_get(txn, hc->folders, &k, &v)) != 0)
		return rc;
	if (v.mv_size != 4)
		return MDB_NOTFOUND;
	*id = hcache_codec_get_be32(v.mv_data);
	return 0;
}

struct hcache *
hcache_open(const char *dir, struct bote_err *err)
{
	struct hcache	*hc;
	size_t		 len = strlen(dir);

	if (len == 0) {
		bote_err_set(err, BOTE_ERR_USAGE,
		    "cannot open header cache '': no directory");
		return NULL;
	}
	hc = xcalloc(1, sizeof *hc);
	/* "dir/" would make lstat() follow a symlink. */
	while (len > 1 && dir[len - 1] == '/')
		len--;
	hc->dir = xstrndup(dir, len);
	if (dir_check(hc->dir, err) != 0 || env_start(hc, err) != 0) {
		free(hc->dir);
		free(hc);
		return NULL;
	}
	return hc;
}

void
hcache_close(struct hcache *hc)
{
	if (hc == NULL)
		return;
	if (hc->env != NULL)
		mdb_env_close(hc->env);
	free(hc->dir);
	free(hc);
}

/*
 * LMDB does not tell where it mapped the file (me_mapaddr is only set for
 * MDB_FIXEDMAP), so the mapping is looked up in /proc/self/maps by the
 * file's name.  Without /proc nothing is released; only memory use grows.
 */
void
hcache_env_release(struct hcache *hc)
{
	FILE			*f;
	char			 line[4096 + 128], *path;
	unsigned long		 lo, hi;
	size_t			 plen;

	if (hc->env == NULL || (f = fopen("/proc/self/maps", "re")) == NULL)
		return;
	path = xasprintf("%s/data.mdb", hc->dir);
	plen = strlen(path);
	while (fgets(line, sizeof line, f) != NULL) {
		size_t	len = strcspn(line, "\n");

		line[len] = '\0';
		if (len < plen || strcmp(line + len - plen, path) != 0 ||
		    sscanf(line, "%lx-%lx", &lo, &hi) != 2 || hi <= lo)
			continue;
		madvise((void *)lo, hi - lo, MADV_DONTNEED);
	}
	fclose(f);
	free(path);
}

int
hcache_env_scan(struct hcache *hc, MDB_txn *txn, MDB_cursor *cur, const unsigned char *prefix,
    size_t plen, void (*each)(const MDB_val *, const MDB_val *, void *), void *arg)
{
	MDB_val	k = { plen, (void *)prefix }, v;
	size_t	scanned = 0;
	int	rc;

	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (rc == 0 && k.mv_size >= plen && memcmp(k.mv_data, prefix, plen) == 0) {
		each(&k, &v, arg);
		/* Decoded pages need not stay in bote's memory while the scan goes on. */
		if ((++scanned & 4095) == 0)
			hcache_env_release(hc);
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	hcache_env_release(hc);
	return rc == MDB_NOTFOUND ? 0 : rc;
}
