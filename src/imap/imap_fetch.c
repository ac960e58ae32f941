/* imap_fetch.c - the message index (UID, flags, size, date), header summaries, and bodies streamed to a file. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/flags.h"
#include "imap/imap.h"
#include "imap/imap_private.h"
#include "mime/mime.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define SUMMARY_BATCH	1000			/* UIDs per header FETCH */
#define HEADER_MAX	((size_t)64 << 10)	/* header bytes allowed per message */
#define MESSAGE_MAX	((uint64_t)256 << 20)	/* larger messages are refused */

/* Header fields a list row needs; never ENVELOPE or BODYSTRUCTURE (see ARCHITECTURE.md). */
static const char *const summary_fields[] = {
	"From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
	"Content-Type", "List-Id",
};

static int
need_folder(struct drv *d, struct bote_err *err)
{
	if (d->folder == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("no folder selected"));
		return -1;
	}
	return imap_conn_ensure(d, err);
}

static int
cmp_uid(const void *a, const void *b)
{
	uint32_t	x = ((const struct imap_msg *)a)->uid, y = ((const struct imap_msg *)b)->uid;

	return x < y ? -1 : x > y;
}

struct imap_msg *
imap_fetch_find(struct drv *d, uint32_t uid)
{
	struct imap_msg	key = { .uid = uid };

	if (d->nmsgs == 0)
		return NULL;
	return bsearch(&key, d->msgs, d->nmsgs, sizeof *d->msgs, cmp_uid);
}

/* INTERNALDATE as time_t; its zone is +-HHMM. */
static time_t
internal_date(const struct mailimap_date_time *dt)
{
	struct tm	tm;
	int		zone = dt->dt_zone, off;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = dt->dt_year - 1900;
	tm.tm_mon = dt->dt_month - 1;
	tm.tm_mday = dt->dt_day;
	tm.tm_hour = dt->dt_hour;
	tm.tm_min = dt->dt_min;
	tm.tm_sec = dt->dt_sec;
	off = (zone / 100) * 3600 + (zone % 100) * 60;
	return timegm(&tm) - off;
}

static void
add_keyword(struct buf *kw, const char *name)
{
	if (name == NULL || !imap_flags_is_keyword(name))
		return;
	if (kw->len > 0)
		buf_putc(kw, ' ');
	buf_puts(kw, name);
}

static unsigned
flag_bits(const struct mailimap_flag *f, struct buf *kw)
{
	switch (f->fl_type) {
	case MAILIMAP_FLAG_ANSWERED:
		return FLAG_REPLIED;
	case MAILIMAP_FLAG_FLAGGED:
		return FLAG_FLAGGED;
	case MAILIMAP_FLAG_DELETED:
		return FLAG_DELETED;
	case MAILIMAP_FLAG_SEEN:
		return FLAG_SEEN;
	case MAILIMAP_FLAG_DRAFT:
		return FLAG_DRAFT;
	case MAILIMAP_FLAG_KEYWORD:
		if (f->fl_data.fl_keyword == NULL)
			return 0;
		add_keyword(kw, f->fl_data.fl_keyword);
		return imap_flags_from_name(f->fl_data.fl_keyword);
	default:
		return 0;
	}
}

unsigned
imap_fetch_flags(const struct mailimap_msg_att_dynamic *dyn, struct buf *kw)
{
	clistiter	*it;
	unsigned	 flags = 0;

	if (dyn == NULL || dyn->att_list == NULL)
		return 0;
	for (it = clist_begin(dyn->att_list); it != NULL; it = clist_next(it)) {
		const struct mailimap_flag_fetch *ff = clist_content(it);

		if (ff->fl_type == MAILIMAP_FLAG_FETCH_RECENT)
			flags |= FLAG_NEW;
		else if (ff->fl_flag != NULL)
			flags |= flag_bits(ff->fl_flag, kw);
	}
	return flags;
}

/* One FETCH response of the index into a row; 0 when it carried no UID. */
int
imap_fetch_index_row(const struct mailimap_msg_att *att, struct summary *s)
{
	struct buf	 kw = BUF_INIT;
	clistiter	*it;

	memset(s, 0, sizeof *s);
	for (it = clist_begin(att->att_list); it != NULL; it = clist_next(it)) {
		const struct mailimap_msg_att_item *item = clist_content(it);
		const struct mailimap_msg_att_static *st;

		if (item->att_type == MAILIMAP_MSG_ATT_ITEM_DYNAMIC) {
			s->flags |= imap_fetch_flags(item->att_data.att_dyn, &kw);
			continue;
		}
		if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
			continue;
		st = item->att_data.att_static;
		if (st->att_type == MAILIMAP_MSG_ATT_UID)
			s->ref.uid = st->att_data.att_uid;
		else if (st->att_type == MAILIMAP_MSG_ATT_RFC822_SIZE)
			s->size = st->att_data.att_rfc822_size;
		else if (st->att_type == MAILIMAP_MSG_ATT_INTERNALDATE &&
		    st->att_data.att_internal_date != NULL)
			s->date = internal_date(st->att_data.att_internal_date);
	}
	s->keywords = kw.len > 0 ? buf_steal(&kw) : NULL;
	buf_free(&kw);
	return s->ref.uid != 0;
}

static int
cmp_row_uid(const void *a, const void *b)
{
	uint32_t	x = ((const struct summary *)a)->ref.uid;
	uint32_t	y = ((const struct summary *)b)->ref.uid;

	return x < y ? -1 : x > y;
}

/*
 * A UID the server reported twice (sorted rows): keep one row, so that no
 * two rows name one message and every lookup by UID has one answer.
 */
void
imap_fetch_drop_dup_uids(struct summary_vec *out)
{
	size_t	i, j;

	for (i = j = 0; i < out->n; i++) {
		if (j > 0 && out->v[j - 1].ref.uid == out->v[i].ref.uid)
			summary_free(&out->v[i]);
		else
			out->v[j++] = out->v[i];
	}
	out->n = j;
}

/* Remember what the index said: flags for expunge, sizes for the body cap. */
void
imap_fetch_keep_index(struct drv *d, const struct summary_vec *out)
{
	size_t	i;

	free(d->msgs);
	d->msgs = xcalloc(out->n ? out->n : 1, sizeof *d->msgs);
	d->nmsgs = out->n;
	for (i = 0; i < out->n; i++) {
		d->msgs[i].uid = out->v[i].ref.uid;
		d->msgs[i].flags = out->v[i].flags;
		d->msgs[i].size = out->v[i].size;
	}
}

static struct mailimap_fetch_type *
index_type(int flags_only)
{
	struct mailimap_fetch_type	*ft = mailimap_fetch_type_new_fetch_att_list_empty();

	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_flags());
	if (!flags_only) {
		mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
		mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_internaldate());
	}
	return ft;
}

static void
each(clist *result, imap_fetch_fn fn, void *ctx)
{
	clistiter	*it;

	if (result == NULL)
		return;
	for (it = clist_begin(result); it != NULL; it = clist_next(it))
		fn(clist_content(it), ctx);
	mailimap_fetch_list_free(result);
}

struct stream_call {
	imap_fetch_fn	 fn;
	void		*ctx;
};

static void
stream_one(struct mailimap_msg_att *att, void *arg)
{
	struct stream_call	*c = arg;

	c->fn(att, c->ctx);
}

static void
no_progress(size_t done, size_t total, void *arg)
{
	(void)done;
	(void)total;
	(void)arg;
}

/*
 * Each FETCH response is handed to fn as libetpan parses it and freed right
 * after, instead of a list of every response of the command: the reply to
 * UID FETCH 1:* for 100,000 messages would otherwise be held whole (a tree
 * of some 30 MB) until the tagged reply.  On an error fn has seen part of
 * the reply; the callers throw what they built away then.  libetpan 1.9.4
 * calls the handler only on its parser path with progress callbacks, hence
 * the one that does nothing.
 */
static int
fetch_each(struct drv *d, struct mailimap_set *set, struct mailimap_fetch_type *ft,
    uint64_t modseq, imap_fetch_fn fn, void *ctx, struct mailimap_qresync_vanished **vanished)
{
	struct stream_call	 c = { fn, ctx };
	clist			*result = NULL;
	int			 rc;

	mailimap_set_progress_callback(d->imap, NULL, no_progress, NULL);
	mailimap_set_msg_att_handler(d->imap, stream_one, &c);
	if (modseq != 0)
		rc = mailimap_uid_fetch_qresync(d->imap, set, ft, modseq, &result, vanished);
	else
		rc = mailimap_uid_fetch(d->imap, set, ft, &result);
	mailimap_set_msg_att_handler(d->imap, NULL, NULL);
	mailimap_set_progress_callback(d->imap, NULL, NULL, NULL);
	/* Nothing is left in the list with the handler set; what is, still counts. */
	if (rc == MAILIMAP_NO_ERROR)
		each(result, fn, ctx);
	else if (result != NULL)
		mailimap_fetch_list_free(result);
	return rc;
}

int
imap_fetch_stream(struct drv *d, struct mailimap_set *set, int flags_only, uint64_t modseq,
    size_t expect, imap_fetch_fn fn, void *ctx, struct mailimap_qresync_vanished **vanished)
{
	struct mailimap_fetch_type	*ft = index_type(flags_only);
	struct mailimap_set		*all = NULL;
	int				 rc;

	/* About 100 bytes a message, keywords aside; a minute per 100,000. */
	imap_conn_limit(d, expect * 2048 + ((size_t)1 << 20), 60 + (time_t)(expect / 1000));
	/* Every message: one UID FETCH 1:* (bote's own index, as servers expect it). */
	if (set == NULL)
		set = all = mailimap_set_new_interval(1, 0);
	rc = fetch_each(d, set, ft, set == all ? 0 : modseq, fn, ctx, vanished);
	if (all != NULL)
		mailimap_set_free(all);
	mailimap_fetch_type_free(ft);
	return rc;
}

struct index_fill {
	struct drv		*d;
	struct summary_vec	*out;
	size_t			 cap;
};

static void
index_one(const struct mailimap_msg_att *att, void *arg)
{
	struct index_fill	*f = arg;
	struct summary		 row;

	if (!imap_fetch_index_row(att, &row)) {
		summary_free(&row);
		return;
	}
	row.ref.epoch = f->d->uidvalidity;
	if (f->out->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 1024;
		f->out->v = xreallocarray(f->out->v, f->cap, sizeof *f->out->v);
	}
	f->out->v[f->out->n++] = row;
}

int
imap_fetch_index(struct drv *d, struct summary_vec *out, struct bote_err *err)
{
	struct index_fill	 f = { d, out, 0 };
	size_t			 exists;
	int			 rc;

	memset(out, 0, sizeof *out);
	if (d->offline || d->folder != NULL) {
		/* The cache first: an unchanged folder costs no FETCH at all. */
		if ((rc = imap_resync_index(d, out, err)) != 0)
			return rc == 1 ? 0 : -1;
	}
	if (need_folder(d, err) == -1)
		return -1;
	exists = d->imap->imap_selection_info->sel_exists;
	if (exists > 0) {
		/* EXISTS is the server's word: reserve for at most 64k rows, grow past that. */
		f.cap = exists < 65536 ? exists + 1 : 65536;
		out->v = xcalloc(f.cap, sizeof *out->v);
		rc = imap_fetch_stream(d, NULL, 0, 0, exists, index_one, &f, NULL);
		if (rc != MAILIMAP_NO_ERROR) {
			summary_vec_free(out);
			return imap_conn_fail(d, rc, _("cannot read the messages of folder '%s'"),
			    d->folder, err);
		}
		if (out->n > 0)
			qsort(out->v, out->n, sizeof *out->v, cmp_row_uid);
		imap_fetch_drop_dup_uids(out);
		/* The doubling may have left a third unused: the rows stay for the whole load. */
		if (out->n > 0 && out->n < f.cap)
			out->v = xreallocarray(out->v, out->n, sizeof *out->v);
	}
	imap_fetch_keep_index(d, out);
	d->uncached = out->n;
	imap_cache_state(d);
	return 0;
}

static struct mailimap_fetch_type *
summary_fetch_type(void)
{
	struct mailimap_fetch_type	*ft = mailimap_fetch_type_new_fetch_att_list_empty();
	clist				*names = clist_new();
	size_t				 i;

	for (i = 0; i < sizeof summary_fields / sizeof summary_fields[0]; i++)
		clist_append(names, xstrdup(summary_fields[i]));
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_body_peek_section(
	    mailimap_section_new_header_fields(mailimap_header_list_new(names))));
	return ft;
}

/* The UID and header section of one FETCH response. */
static uint32_t
header_of(const struct mailimap_msg_att *att, const char **hdr, size_t *len)
{
	clistiter	*it;
	uint32_t	 uid = 0;

	*hdr = NULL;
	*len = 0;
	for (it = clist_begin(att->att_list); it != NULL; it = clist_next(it)) {
		const struct mailimap_msg_att_item *item = clist_content(it);
		const struct mailimap_msg_att_static *st;

		if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
			continue;
		st = item->att_data.att_static;
		if (st->att_type == MAILIMAP_MSG_ATT_UID)
			uid = st->att_data.att_uid;
		else if (st->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
		    st->att_data.att_body_section != NULL) {
			*hdr = st->att_data.att_body_section->sec_body_part;
			*len = st->att_data.att_body_section->sec_length;
		}
	}
	return uid;
}

/*
 * The row of uid; the server answers in UID order and the rows usually are
 * in it too, so the search starts after the previous hit (*hint).
 */
static struct summary *
row_by_uid(struct summary *rows, size_t n, uint32_t uid, size_t *hint)
{
	size_t	i, k;

	for (k = 0; k < n; k++) {
		i = (*hint + k) % n;
		if (rows[i].ref.uid == uid) {
			*hint = i + 1;
			return &rows[i];
		}
	}
	return NULL;
}

/*
 * Rows the header cache filled at fetch_index need nothing from the
 * server - also a cached message that has none of the fields.
 */
static int
needs_headers(struct drv *d, const struct summary *row)
{
	const struct imap_msg	*m;

	if (row->block != NULL || row->subject != NULL)
		return 0;
	return (m = imap_fetch_find(d, row->ref.uid)) == NULL || !m->cached;
}

struct header_fill {
	struct summary	*rows;
	size_t		 n;
	size_t		 hint;
};

/* One FETCH response of the header batch, parsed into its row as it arrives. */
static void
header_one(const struct mailimap_msg_att *att, void *arg)
{
	struct header_fill	*f = arg;
	struct summary		*row;
	const char		*hdr;
	size_t			 len;
	uint32_t		 uid = header_of(att, &hdr, &len);
	time_t			 fallback;

	if (hdr == NULL || (row = row_by_uid(f->rows, f->n, uid, &f->hint)) == NULL)
		return;
	fallback = row->date;
	mime_summary_parse(hdr, len, row, NULL);
	if (row->date == 0)
		row->date = fallback;
}

static int
fetch_headers(struct drv *d, struct summary *rows, size_t n, struct bote_err *err)
{
	struct mailimap_fetch_type	*ft;
	struct mailimap_set		*set = mailimap_set_new_empty();
	struct header_fill		 f = { rows, n, 0 };
	size_t				 i, asked = 0;
	int				 rc;

	for (i = 0; i < n; i++)
		if (rows[i].ref.uid != 0 && rows[i].ref.epoch == d->uidvalidity &&
		    needs_headers(d, &rows[i])) {
			mailimap_set_add_single(set, rows[i].ref.uid);
			asked++;
		}
	if (asked == 0) {
		mailimap_set_free(set);
		return 0;
	}
	ft = summary_fetch_type();
	imap_conn_limit(d, asked * HEADER_MAX + ((size_t)1 << 20), 60);
	rc = fetch_each(d, set, ft, 0, header_one, &f, NULL);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot read the messages of folder '%s'"), d->folder,
		    err);
	imap_cache_rows(d, rows, n);
	return 0;
}

static size_t
rows_unfilled(struct drv *d, const struct summary *rows, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		k += needs_headers(d, &rows[i]);
	return k;
}

int
imap_fetch_summaries(struct drv *d, struct summary *rows, size_t n, struct bote_err *err)
{
	size_t	i, k;

	if (rows_unfilled(d, rows, n) == 0)
		return 0;
	if (d->offline)
		return 0;	/* rows the cache lacks stay empty while offline */
	if (need_folder(d, err) == -1)
		return -1;
	for (i = 0; i < n; i += k) {
		k = n - i < SUMMARY_BATCH ? n - i : SUMMARY_BATCH;
		if (rows_unfilled(d, rows + i, k) > 0 && fetch_headers(d, rows + i, k, err) == -1)
			return -1;
	}
	return 0;
}

/* Where a body goes: written as it arrives, never whole in memory. */
struct body_sink {
	int		fd;
	uint64_t	written;
	uint64_t	cap;
	int		too_big;
	int		errnum;
};

static bool
body_chunk(int type, struct mailimap_msg_att_body_section *sec, const char *bytes,
    size_t len, void *arg)
{
	struct body_sink	*b = arg;
	ssize_t			 w;

	(void)type;
	(void)sec;
	if (b->written + len > b->cap) {
		b->too_big = 1;
		return false;
	}
	while (len > 0) {
		if ((w = write(b->fd, bytes, len)) < 0) {
			if (errno == EINTR)
				continue;
			b->errnum = errno;
			return false;
		}
		bytes += w;
		len -= (size_t)w;
		b->written += (uint64_t)w;
	}
	return true;
}

/*
 * An unlinked file in the cache directory (0600, never visible by name):
 * the message lives only as long as the fd.  A persistent body cache can
 * later give the same file a name.
 */
static int
body_file(struct bote_err *err)
{
	char	*dir, *path;
	int	 fd;

	if ((dir = config_user_dir("cache", err)) == NULL)
		return -1;
	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
		path = xasprintf("%s/body-XXXXXX", dir);
		if ((fd = mkostemp(path, O_CLOEXEC)) != -1)
			unlink(path);
		free(path);
	}
	if (fd == -1)
		bote_err_errno(err, errno, _("cannot create a file in '%s'"), dir);
	free(dir);
	return fd;
}

/*
 * Whether a body in the reply came with another UID (or none): the handler
 * streams every body section to the file before the UID can be known.
 */
static int
foreign_body(clist *result, uint32_t uid)
{
	clistiter	*it, *jt;

	for (it = clist_begin(result); it != NULL; it = clist_next(it)) {
		const struct mailimap_msg_att	*att = clist_content(it);
		uint32_t			 got = 0;
		int				 body = 0;

		for (jt = clist_begin(att->att_list); jt != NULL; jt = clist_next(jt)) {
			const struct mailimap_msg_att_item *item = clist_content(jt);

			if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
				continue;
			if (item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID)
				got = item->att_data.att_static->att_data.att_uid;
			else if (item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_BODY_SECTION)
				body = 1;
		}
		if (body && got != uid)
			return 1;
	}
	return 0;
}

static int
fetch_body(struct drv *d, uint32_t uid, struct body_sink *b, struct bote_err *err)
{
	struct mailimap_fetch_type	*ft = mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_set		*set = mailimap_set_new_single(uid);
	clist				*result = NULL;
	char				 object[32];
	int				 rc, foreign;

	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_body_peek_section(mailimap_section_new(NULL)));
	/* Twice the size plus slack, at 16 KiB/s or better: a lying or dripping server is cut off. */
	imap_conn_limit(d, (size_t)(b->cap * 2) + ((size_t)1 << 20), 60 + (time_t)(b->cap / 16384));
	mailimap_set_msg_body_handler(d->imap, body_chunk, b);
	rc = mailimap_uid_fetch(d->imap, set, ft, &result);
	mailimap_set_msg_body_handler(d->imap, NULL, NULL);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	foreign = result != NULL && foreign_body(result, uid);
	if (result != NULL)
		mailimap_fetch_list_free(result);
	snprintf(object, sizeof object, "%u", uid);
	if (foreign && rc == MAILIMAP_NO_ERROR) {
		imap_conn_error(err, BOTE_ERR_PARSE, _("cannot read message '%s'"), object,
		    _("the server sent another message in its place"));
		return -1;
	}
	if (b->too_big || b->errnum != 0) {
		imap_conn_drop(d);	/* the reply was cut off in the middle */
		if (b->too_big)
			imap_conn_error(err, BOTE_ERR_PARSE, _("cannot read message '%s'"),
			    object, _("it is far larger than the server announced"));
		else
			bote_err_errno(err, b->errnum, _("cannot store message '%s'"), object);
		return -1;
	}
	if (rc != MAILIMAP_NO_ERROR)
		return imap_conn_fail(d, rc, _("cannot read message '%s'"), object, err);
	return 0;
}

int
imap_fetch_message(struct drv *d, const struct msgref *ref, int *fd_out,
    struct bote_err *err)
{
	struct body_sink	 b = { .fd = -1 };
	struct imap_msg		*m;
	char			 object[32];

	snprintf(object, sizeof object, "%u", ref->uid);
	if (d->folder != NULL && ref->epoch == d->uidvalidity &&
	    (*fd_out = imap_bodies_open(d, ref->uid)) != -1)
		return 0;
	if (d->offline) {
		imap_conn_error(err, BOTE_ERR_CONNECTION, _("cannot read message '%s'"),
		    object, _("offline, and it is not in the cache"));
		return -1;
	}
	if (need_folder(d, err) == -1)
		return -1;
	if (ref->epoch != d->uidvalidity || (m = imap_fetch_find(d, ref->uid)) == NULL) {
		imap_conn_error(err, BOTE_ERR_NOTFOUND, _("cannot read message '%s'"),
		    object, _("it is no longer in this folder"));
		return -1;
	}
	if ((b.fd = body_file(err)) == -1)
		return -1;
	b.cap = m->size > 0 && m->size < MESSAGE_MAX ? m->size + 4096 : MESSAGE_MAX;
	if (fetch_body(d, ref->uid, &b, err) == -1) {
		close(b.fd);
		return -1;
	}
	if (b.written == 0) {
		close(b.fd);
		imap_conn_error(err, BOTE_ERR_NOTFOUND, _("cannot read message '%s'"),
		    object, _("it is no longer in this folder"));
		return -1;
	}
	imap_bodies_keep(d, ref->uid, b.fd, b.written);
	if (lseek(b.fd, 0, SEEK_SET) != 0) {
		bote_err_errno(err, errno, _("cannot read message '%s'"), object);
		close(b.fd);
		return -1;
	}
	*fd_out = b.fd;
	return 0;
}
