/*
 * imap_append.c - APPEND a message (from a file, mapped, never copied into
 * memory) to a folder, with its flags and received date; APPENDUID under
 * UIDPLUS.  The tagged OK is the server's word that the message is stored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "imap/imap_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* IMAP literal sizes are 32-bit; servers refuse far less (Dovecot: no limit, Gmail: 35 MB). */
#define APPEND_MAX	((off_t)1 << 30)

static struct mailimap_date_time *
date_time(time_t t)
{
	struct tm	tm;

	if (t <= 0)
		return NULL;
	gmtime_r(&t, &tm);
	return mailimap_date_time_new(tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, 0);
}

int
imap_append(struct drv *d, const char *folder, int fd, unsigned flags, time_t date,
    struct msgref *out, struct bote_err *err)
{
	struct mailimap_flag_list	*fl;
	struct mailimap_date_time	*dt;
	struct stat			 st;
	uint32_t			 uidvalidity = 0, uid = 0;
	void				*map;
	char				*name;
	int				 rc;

	if (d->readonly) {
		imap_conn_error(err, BOTE_ERR_UNSUPPORTED, _("cannot save to folder '%s'"), folder,
		    _("the account is open read-only"));
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		bote_err_errno(err, errno ? errno : EINVAL, _("cannot save to folder '%s'"), folder);
		return -1;
	}
	if (st.st_size == 0 || st.st_size > APPEND_MAX) {
		imap_conn_error(err, BOTE_ERR_USAGE, _("cannot save to folder '%s'"), folder,
		    st.st_size == 0 ? _("the message is empty") : _("the message is larger than 1 GiB"));
		return -1;
	}
	if (imap_conn_ensure(d, err) == -1 || (name = imap_folders_server_name(d, folder, err)) == NULL)
		return -1;
	if ((map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		bote_err_errno(err, errno, _("cannot save to folder '%s'"), folder);
		free(name);
		return -1;
	}
	fl = imap_store_flag_list(flags);
	dt = date_time(date);
	/* A minute, plus a second per 100 KB: a slow uplink is no stalled server. */
	imap_conn_limit(d, 0, 60 + (time_t)(st.st_size / 100000));
	if (d->has_uidplus)
		rc = mailimap_uidplus_append(d->imap, name, fl, dt, map, (size_t)st.st_size,
		    &uidvalidity, &uid);
	else
		rc = mailimap_append(d->imap, name, fl, dt, map, (size_t)st.st_size);
	munmap(map, (size_t)st.st_size);
	if (fl != NULL)
		mailimap_flag_list_free(fl);
	if (dt != NULL)
		mailimap_date_time_free(dt);
	free(name);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot save to folder '%s'"), folder, err);
	if (out != NULL) {
		/* APPENDUID (RFC 4315); zeros without UIDPLUS. */
		memset(out, 0, sizeof *out);
		out->epoch = uidvalidity;
		out->uid = uid;
	}
	return 0;
}
