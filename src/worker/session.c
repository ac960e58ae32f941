/* session.c - account sessions: the one door from the UI to the drivers. */
#include "worker/session.h"

#include <stdlib.h>
#include <unistd.h>

#include "core/sort.h"
#include "mime/mime.h"
#include "util/xmalloc.h"

struct session {
	const struct drv_ops	*ops;
	struct drv		*drv;
};

static int
unsupported(const struct session *s, const char *what, struct bote_err *err)
{
	bote_err_set(err, BOTE_ERR_UNSUPPORTED, "'%s' cannot %s", s->ops->name, what);
	return -1;
}

void
session_library_init(void)
{
	mime_init();
}

void
session_library_shutdown(void)
{
	mime_shutdown();
}

struct session *
session_open(const struct drv_ops *ops, const struct drv_params *p, struct bote_err *err)
{
	struct session	*s = xcalloc(1, sizeof *s);

	s->ops = ops;
	if ((s->drv = s->ops->create(p, err)) == NULL ||
	    s->ops->connect(s->drv, err) != 0) {
		session_close(s);
		return NULL;
	}
	return s;
}

struct session *
session_open_maildir(const char *path, int readonly, struct bote_err *err)
{
	struct drv_params	p = { .account = "local", .path = path, .readonly = readonly };

	return session_open(driver_find("maildir"), &p, err);
}

void
session_abort(struct session *s)
{
	if (s->ops->abort != NULL)
		s->ops->abort(s->drv);
}

void
session_close(struct session *s)
{
	if (s == NULL)
		return;
	if (s->drv != NULL) {
		s->ops->disconnect(s->drv);
		s->ops->destroy(s->drv);
	}
	free(s);
}

int
session_folders(struct session *s, struct folder_list *out, struct bote_err *err)
{
	return s->ops->list_folders(s->drv, out, err);
}

int
session_select_index(struct session *s, const char *folder, struct summary_vec *out,
    struct bote_err *err)
{
	struct select_info	si;

	if (s->ops->select(s->drv, folder, &si, err) != 0)
		return -1;
	return s->ops->fetch_index(s->drv, out, err);
}

int
session_fill_summaries(struct session *s, struct summary *rows, size_t n,
    struct bote_err *err)
{
	return s->ops->fetch_summaries(s->drv, rows, n, err);
}

int
session_open_folder(struct session *s, const char *folder, struct summary_vec *out,
    struct bote_err *err)
{
	if (session_select_index(s, folder, out, err) != 0)
		return -1;
	if (session_fill_summaries(s, out->v, out->n, err) != 0) {
		summary_vec_free(out);
		return -1;
	}
	sort_summaries(out->v, out->n, SORT_DATE, 0);
	return 0;
}

int
session_raw(struct session *s, const struct msgref *ref, int *fd_out, struct bote_err *err)
{
	return s->ops->fetch_message(s->drv, ref, fd_out, err);
}

int
session_render(struct session *s, const struct msgref *ref, struct display *out,
    struct bote_err *err)
{
	struct render_opts	opts = { 0 };
	int			fd, rc;

	if (s->ops->fetch_message(s->drv, ref, &fd, err) != 0)
		return -1;
	rc = mime_render_fd(fd, &opts, out, err);
	close(fd);
	return rc;
}

int
session_set_flags(struct session *s, const struct msgref *refs, size_t n, unsigned set,
    unsigned clear, unsigned *flags_out, struct bote_err *err)
{
	if (s->ops->store_flags == NULL)
		return unsupported(s, "change flags", err);
	return s->ops->store_flags(s->drv, refs, n, set, clear, flags_out, err);
}

int
session_move(struct session *s, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	if (s->ops->move == NULL)
		return unsupported(s, "move messages", err);
	return s->ops->move(s->drv, refs, n, dst, err);
}

int
session_copy(struct session *s, const struct msgref *refs, size_t n, const char *dst,
    struct bote_err *err)
{
	if (s->ops->copy == NULL)
		return unsupported(s, "copy messages", err);
	return s->ops->copy(s->drv, refs, n, dst, err);
}

int
session_expunge(struct session *s, size_t *removed, struct bote_err *err)
{
	if (s->ops->expunge == NULL)
		return unsupported(s, "expunge", err);
	return s->ops->expunge(s->drv, removed, err);
}
