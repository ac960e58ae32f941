/* views.h - the UI state shared by the views (folders, message list, pager, help) and commands. */
#ifndef BOTE_VIEWS_H
#define BOTE_VIEWS_H

#include <stddef.h>

#include "config/config.h"
#include "core/display.h"
#include "core/folder.h"
#include "keyspec.h"
#include "listing.h"
#include "worker/worker.h"

enum view_id {
	VIEW_FOLDERS = 0,
	VIEW_INDEX,
	VIEW_PAGER,
	VIEW_HELP,
	VIEW_ATTACH,		/* the parts of the message (ui/view_attach.c) */
	VIEW_URLS,		/* the links of the message (ui/view_urls.c) */
	VIEW_COUNT
};

/* A folder request (create, rename, delete, subscribe) waiting for the worker's answer. */
struct folder_op {
	uint64_t	 id;
	int		 kind;		/* enum req_kind */
	char		*name, *to;	/* owned */
	int		 on;		/* subscribe or unsubscribe */
	int		 refused;	/* delete: the folder held messages; asked again */
};
struct attach_ui;

/* A flag change shown at once and waiting for the worker's answer. */
struct flag_change {
	uint64_t	 id;
	struct msgref	 ref;
	unsigned	 old_flags;
};

/* The last move or delete, which undo reverses (ui/msgops.c). */
enum undo_kind {
	UNDO_NONE = 0,
	UNDO_MOVE,	/* messages went from one folder to another */
	UNDO_MARK,	/* messages were marked deleted (delete = mark, or inside Trash) */
};

struct undo_op {
	enum undo_kind	 kind;
	uint64_t	 req;		/* MOVE: the move whose answer says where they went */
	char		*from, *to;	/* owned folder names; to is NULL for MARK */
	struct msgref	*refs;		/* owned: MOVE: identities in to; MARK: in from */
	size_t		 n;
	int		 known;		/* MOVE: the store said where they went */
};
#define TUI_MAX_PROBLEMS	50

struct tui {
	struct worker		*w;		/* the account's worker */
	struct wake		 wake;		/* signalled by the worker when events wait */
	char			*demo_dir;	/* --demo: removed at exit */
	char			*pending_cmds;	/* -e commands, run once the first folder is open */
	uint64_t		 folders_req;	/* outstanding requests whose answers matter */
	int			 folders_cached;	/* the folders came from the cache: ask after the open */
	uint64_t		 open_req;
	uint64_t		 render_req;
	uint64_t		 expunge_req;
	uint64_t		 write_req;	/* the newest request that changes the store or a file */
	struct flag_change	*changes;
	size_t			 nchanges;
	struct msgref		 keep;		/* row to select when the folder arrives */
	int			 loading;	/* headers of the open folder still arriving */
	int			 quiet_reload;	/* keep the status line when this load ends */
	int			 push_reload;	/* this load follows news from the server (IDLE) */
	uint32_t		 push_uid;	/* the highest UID shown before it: above is new mail */
	size_t			 push_arrived;	/* new mail the store counted itself (Maildir) */
	size_t			 loaded;	/* rows whose headers arrived */
	enum view_id		 view;
	enum view_id		 help_of;	/* the view whose keys help shows */
	int			 quit;
	int			 dirty;

	struct folder_list	 folders;
	size_t			 fsel, ftop;
	struct folder_op	*fops;		/* folder requests not answered yet */
	size_t			 nfops;
	int			 quit_after;	/* quit once they are answered (-e '...; quit') */
	int			 sidebar;	/* the folder list beside the message list */
	size_t			 sbsel;		/* its cursor (sidebar-next, sidebar-open) */
	char			*fwant;		/* folder the list's cursor goes to when it arrives */

	char			*folder;	/* open folder, or NULL */
	struct summary_vec	 rows;		/* the folder's messages, by date */
	/*
	 * Unread and flagged rows for the status line, counted once and then
	 * kept by view_index_set_flags: a redraw while 100,000 rows load does
	 * not walk them all.  counted = 0 after rows come or go.
	 */
	size_t			 nunread, nflagged;
	int			 counted;
	struct listing		 list;		/* what the list shows, in which order */
	size_t			 sel, top;	/* display positions in list */
	size_t			 want_row;	/* row to select after the next rebuild */
	int			 tag_prefix;	/* ';' pressed: the next action is for tagged rows */
	uint64_t		 search_req;	/* a body search on the worker */
	int			 search_kind;	/* SEARCH_* */
	int			 search_kind_back;	/* SEARCH_FIND upwards */
	size_t			 search_done, search_total;

	struct display		 msg;		/* the message in the pager */
	size_t			 ptop;		/* first line shown */
	char			*search;	/* last text searched in a message, or NULL */
	char			*isearch;	/* last pattern searched in the list, or NULL */
	int			 search_back;	/* search-opposite: the search goes upwards */

	size_t			 htop;		/* help scroll */
	char			**problems;	/* config lines skipped at start, for help */
	size_t			 nproblems;	/* how many; past TUI_MAX_PROBLEMS only counted */
	int			 pending[KEYSEQ_MAX];	/* keys of a sequence begun (g of g g) */
	int			 npending;
	long long		 pending_until;	/* monotonic ms when they are given up */
	struct attach_ui	*att;		/* attachment view and URL picker, or NULL */

	struct config		 cfg;		/* the configuration, when one was read */
	const struct account	*acct;		/* the open account (in cfg or url_acct), or NULL */
	struct account		*url_acct;	/* -f imaps://...: owned */
	uint64_t		 xfer_req;	/* a copy or move to another account */
	char			*xfer_dst;	/* its "ACCOUNT:FOLDER" */
	int			 xfer_keep;
	uint64_t		 fetch_req;	/* a POP3 fetch on the worker */
	long long		 next_fetch;	/* monotonic ms of the next interval fetch; 0 none */
	long long		 fetch_reloaded;	/* when the list last showed fetched mail */
	long long		 fetch_ended;	/* when the last fetch ended */
	size_t			 fetch_shown;	/* messages fetched that the list shows */

	struct undo_op		 undo;		/* what undo would reverse */
	uint64_t		 undo_req;	/* an undo on the worker */
	char			*undo_to;	/* the folder it moves messages back to */
	uint64_t		 save_req;	/* a save-to-file on the worker */
	char			*save_path;	/* its file, for the message when it is done */
	size_t			 save_n;

	int			 offline;	/* the store is unreachable (shown on the bottom line) */
	char			 status[512];	/* bottom line */
	int			 status_error;
	long long		 status_until;	/* monotonic ms when an information fades; 0 never */
};

enum {
	SEARCH_LIMIT = 1,	/* limit the list to matches */
	SEARCH_TAG,		/* tag the matches */
	SEARCH_FIND,		/* move to the next match */
};

/* Rows available for the view's content (between title and status bar). */
int	tui_body_rows(void);
void	tui_message(struct tui *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void	tui_error(struct tui *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Read a line at the bottom of the screen; 0 on Enter, -1 on Esc/Ctrl-G. */
int	tui_prompt(struct tui *, const char *label, const char *initial, char *out, size_t len);
int	tui_prompt_secret(struct tui *, const char *label, char *out, size_t len);
/* tui_prompt with Tab completion of kind (enum complete_kind in complete.h). */
int	tui_prompt_complete(struct tui *, const char *label, const char *initial, char *out,
	    size_t len, int kind);
/*
 * The setup wizard (ui/view_setup.c): asks, probes, writes the account
 * into the config at path.  0 when an account was saved (its name in
 * saved_name; a typed password in password, else ""), -1 when the user
 * left.  Needs curses started and t->wake set up.
 */
int	view_setup_run(struct tui *, const char *path, char *saved_name, size_t len,
	    char *password, size_t pwlen);
void	tui_draw(struct tui *);
/* tui_url.c: imap:// or imaps:// */
int	tui_url_is_imap(const char *);
/*
 * Make the URL's account (owned, in t->url_acct) the open one, with a
 * matching configured account's settings, else a password asked on the
 * terminal; *folder gets the URL's folder (owned) or NULL.
 */
int	tui_open_url(struct tui *, const char *url, char **folder,
	    struct bote_err *);

/* Requests to the worker (ui/actions.c); answers arrive through tui_handle_events. */
/* Submit r (owned by the worker then); remembers the newest one that writes. */
uint64_t tui_submit(struct tui *, struct request *);
/* counts: with message counts, which may mean reading every folder's list. */
void	tui_request_folders(struct tui *, int counts);
void	tui_open_folder(struct tui *, const char *name);
/* Read the open folder again; select the row of ref when given and present. */
void	tui_reload_folder(struct tui *, const struct msgref *ref);
void	tui_request_render(struct tui *);
/*
 * The rows an action is for: the tagged ones after tag-prefix (';'), else
 * the selected one.  Returns how many (row indices in *out, owned), 0 when
 * there are none, with an error on the status line.
 */
size_t	tui_action_rows(struct tui *, size_t **out);
/* actions_xfer.c: "ACCOUNT:FOLDER" of another configured account: it, and the folder part. */
const struct account *tui_xfer_target(struct tui *, const char *arg, const char **folder);
void	tui_request_xfer(struct tui *, const size_t *rows, size_t n, const struct account *,
	    const char *folder, int keep);
/* 1 when ev answers the transfer request (then handled). */
int	tui_xfer_event(struct tui *, struct event *);
/* Change the flags of rows at once; undone if the worker refuses. */
void	tui_request_flags(struct tui *, const size_t *rows, size_t n, unsigned set,
	    unsigned clear);
/* Move (keep = 0) or copy rows to folder dst. */
void	tui_request_transfer(struct tui *, const size_t *rows, size_t n, const char *dst,
	    int keep);
/*
 * ui/msgops.c: remember a move for undo (req answers with EV_MOVED) or a
 * deletion mark; answer the worker's events about moves, undo and saves
 * (1 when ev was consumed); free the state at exit.
 */
void	msgops_record_move(struct tui *, uint64_t req, const char *to);
void	msgops_record_mark(struct tui *, const size_t *rows, size_t n);
int	msgops_event(struct tui *, struct event *);
void	msgops_free(struct tui *);
/* Evaluate a pattern that needs message text on the worker, then apply it as kind. */
void	tui_request_search(struct tui *, const struct pattern *, const char *text, int kind);
void	tui_request_expunge(struct tui *);
/* Fetch the account's POP3 mail into its spool (fetch-mail). */
void	tui_request_fetch(struct tui *);
/* Folder management (ui/actions_folders.c): kind is REQ_*_FOLDER or REQ_SUBSCRIBE. */
void	tui_request_folder_op(struct tui *, int kind, const char *name, const char *to,
	    int flag);
/* Handle ev when it answers a folder request; 1 when it did. */
int	tui_folder_event(struct tui *, struct event *);
void	tui_folder_ops_free(struct tui *);
/* Monotonic milliseconds, the clock of every UI timer. */
long long tui_now_ms(void);
void	tui_handle_events(struct tui *);

/* ui/mouse.c: mouse = yes. */
void	tui_mouse_enable(int on);
void	tui_mouse_event(struct tui *);
/* ui/newmail.c: count new messages arrived in folder: bell and new_mail_command. */
void	tui_new_mail(struct tui *, const char *folder, size_t count);
/* Collect new_mail_command processes that have ended; never waits. */
void	tui_reap_hooks(void);

/* Views: drawing and the commands that belong to them. */
void	view_folders_draw(struct tui *);
/* The sidebar: the folder list in the left columns beside the message list. */
int	view_sidebar_cols(struct tui *);
void	view_sidebar_draw(struct tui *);
void	view_index_draw(struct tui *);
void	view_pager_draw(struct tui *);
void	view_help_draw(struct tui *);
void	view_index_clamp(struct tui *);
/* Give row its new flags, and keep the status line's counts with them. */
void	view_index_set_flags(struct tui *, size_t row, unsigned flags);
void	view_pager_scroll(struct tui *, long delta);
void	view_pager_search(struct tui *, int from_next);
size_t	view_help_lines(struct tui *);

#endif
