/* worker_attach.c - the worker's side of attachments: saving a part, preparing one for its viewer. */
#include "worker/worker_ops.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attach/attach.h"
#include "attach/mailcap.h"
#include "mime/mime.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
worker_attach_save(struct worker *w, struct session *s, struct request *r,
    struct bote_err *err)
{
	struct event	*ev;
	int		 exists;

	if (r->nrefs != 1 || r->part == NULL || r->dir == NULL || r->name == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "save takes one message, a part and a file");
		return -1;
	}
	if (session_save_part(s, &r->refs[0], r->part, r->dir, r->name, r->overwrite,
	    &exists, err) != 0)
		return -1;
	ev = msg_event_new(r->id, EV_SAVED);
	ev->folder = xasprintf("%s%s%s", r->dir,
	    r->dir[0] != '\0' && r->dir[strlen(r->dir) - 1] == '/' ? "" : "/", r->name);
	ev->count = !exists;
	worker_emit(w, ev);
	return 0;
}

/* The html_filter config value as an argument vector; NULL when unset or unusable. */
char **
worker_attach_filter_argv(const char *cmd)
{
	struct mailcap_vars	 vars = { NULL, NULL, NULL };
	char			**argv;
	int			 uses_file;

	if (cmd == NULL || cmd[0] == '\0' ||
	    mailcap_command(cmd, &vars, &argv, &uses_file, NULL) != 0)
		return NULL;
	return argv;
}

static int
read_file(const char *path, struct buf *b, struct bote_err *err)
{
	char	chunk[8192];
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		bote_err_errno(err, errno, _("cannot read file '%s'"), path);
		return -1;
	}
	while (b->len <= MIME_MAX_TEXT && (n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			bote_err_errno(err, errno, _("cannot read file '%s'"), path);
			close(fd);
			return -1;
		}
		buf_append(b, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

/* copiousoutput: the viewer's output becomes the pager's text. */
static int
run_copious(struct worker *w, struct request *r, char **argv, int uses_file,
    const char *path, struct bote_err *err)
{
	struct event	*ev = msg_event_new(r->id, EV_MESSAGE);
	struct buf	 in = BUF_INIT;
	int		 rc;

	if (!uses_file && read_file(path, &in, err) != 0) {
		msg_event_free(ev);
		return -1;
	}
	rc = mime_command_output((const char *const *)argv, in.data ? in.data : "", in.len,
	    &ev->msg, err);
	buf_free(&in);
	if (rc != 0) {
		msg_event_free(ev);
		return -1;
	}
	worker_emit(w, ev);
	return 0;
}

/* No mailcap entry: a text part is shown in the pager (HTML converted). */
static int
show_text(struct worker *w, struct request *r, int mfd, const char *type,
    struct bote_err *err)
{
	struct render_opts	 opts = { 0 };
	struct event		*ev;
	char			**filter;
	int			 rc;

	if (strncmp(type, "text/", 5) != 0) {
		bote_err_set(err, BOTE_ERR_UNSUPPORTED, _("no mailcap entry for '%s'"), type);
		return -1;
	}
	filter = worker_attach_filter_argv(r->html_filter);
	opts.html_filter = (const char *const *)filter;
	ev = msg_event_new(r->id, EV_MESSAGE);
	rc = lseek(mfd, 0, SEEK_SET) == 0 ? mime_part_show(mfd, r->part, &opts, &ev->msg, err) :
	    -1;
	attach_argv_free(filter);
	if (rc != 0) {
		if (err->kind == BOTE_ERR_NONE)
			bote_err_errno(err, errno, "%s", _("cannot read the message"));
		msg_event_free(ev);
		return -1;
	}
	worker_emit(w, ev);
	return 0;
}

int
worker_attach_open(struct worker *w, struct session *s, struct request *r,
    struct bote_err *err)
{
	const struct mailcap_entry	*e;
	struct mailcap			 mc = { NULL, 0 };
	struct mailcap_vars		 vars;
	struct event			*ev;
	char				*type = NULL, **params = NULL, *path = NULL, **argv;
	int				 mfd, tfd = -1, rc = -1, uses_file, keep = 0;

	if (r->nrefs != 1 || r->part == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "open takes one message and a part");
		return -1;
	}
	if (session_raw(s, &r->refs[0], &mfd, err) != 0)
		return -1;
	if (mime_part_info(mfd, r->part, &type, &params, err) != 0)
		goto out;
	/* The viewer gets a name of bote's making, never the mail's. */
	if ((tfd = attach_tmp_file(type, &path, err)) == -1)
		goto out;
	if (lseek(mfd, 0, SEEK_SET) != 0 || mime_save_part(mfd, r->part, tfd, err) != 0) {
		if (err->kind == BOTE_ERR_NONE)
			bote_err_errno(err, errno, "%s", _("cannot read the message"));
		goto out;
	}
	vars.file = path;
	vars.type = type;
	vars.params = (const char *const *)params;
	mailcap_load(&mc);
	if ((e = mailcap_find(&mc, type, &vars)) == NULL) {
		rc = show_text(w, r, mfd, type, err);
		goto out;
	}
	if (mailcap_command(e->view, &vars, &argv, &uses_file, err) != 0)
		goto out;
	if (e->copiousoutput) {
		rc = run_copious(w, r, argv, uses_file, path, err);
		attach_argv_free(argv);
		goto out;
	}
	ev = msg_event_new(r->id, EV_VIEWER);
	ev->argv = argv;
	ev->online = e->needsterminal;
	ev->count = !uses_file;		/* the part goes on the viewer's stdin */
	ev->folder = xstrdup(path);
	worker_emit(w, ev);
	keep = 1;
	rc = 0;
out:
	if (tfd != -1)
		close(tfd);
	if (path != NULL && !keep)
		unlink(path);
	close(mfd);
	mailcap_free(&mc);
	attach_argv_free(params);
	free(type);
	free(path);
	return rc;
}
