/* worker_folders.c - the worker's side of folder management: create, rename, delete, subscribe. */
#include "worker/worker_ops.h"

#include "util/xmalloc.h"

/* A delete the store refused for the messages inside: the UI asks again, then forces it. */
static int
op_delete(struct worker *w, struct session *s, struct request *r, struct bote_err *err)
{
	struct event	*ev;
	size_t		 count;

	if (session_delete_folder(s, r->folder, r->force, &count, err) == 0)
		return 0;
	if (err->kind != BOTE_ERR_NOTEMPTY)
		return -1;
	ev = msg_event_new(r->id, EV_NOT_EMPTY);
	ev->folder = xstrdup(r->folder);
	ev->count = count;
	worker_emit(w, ev);
	return 0;
}

int
worker_ops_folder(struct worker *w, struct session *s, struct request *r,
    struct bote_err *err)
{
	if (r->folder == NULL || (r->kind == REQ_RENAME_FOLDER && r->dst == NULL)) {
		bote_err_set(err, BOTE_ERR_USAGE, "folder request without a folder");
		return -1;
	}
	switch (r->kind) {
	case REQ_CREATE_FOLDER:
		return session_create_folder(s, r->folder, err);
	case REQ_RENAME_FOLDER:
		return session_rename_folder(s, r->folder, r->dst, err);
	case REQ_DELETE_FOLDER:
		return op_delete(w, s, r, err);
	case REQ_SUBSCRIBE:
		return session_subscribe(s, r->folder, r->on, err);
	default:
		break;
	}
	bote_err_set(err, BOTE_ERR_USAGE, "not a folder request");
	return -1;
}
