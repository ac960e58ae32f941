/* views.h - the UI state shared by the views (folders, message list, pager, help) and commands. */
#ifndef BOTE_VIEWS_H
#define BOTE_VIEWS_H

#include <stddef.h>

#include "config/config.h"
#include "core/display.h"
#include "core/folder.h"
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

struct attach_ui;

/* A flag change shown at once and waiting for the worker's answer. */
struct flag_change {
	uint64_t	 id;
	struct msgref	 ref;
	unsigned	 old_flags;
};

struct tui {
	struct worker		*w;		/* the account's worker */
	struct wake		 wake;		/* signalled by the worker when events wait */
	char			*demo_dir;	/* --demo: removed at exit */
	char			*pending_cmds;	/* -e commands, run once the first folder is open */
	uint64_t		 folders_req;	/* outstanding requests whose answers matter */
	uint64_t		 open_req;
	uint64_t		 render_req;
	uint64_t		 expunge_req;
	struct flag_change	*changes;
	size_t			 nchanges;
	struct msgref		 keep;		/* row to select when the folder arrives */
	int			 loading;	/* headers of the open folder still arriving */
	int			 quiet_reload;	/* keep the status line when this load ends */
	size_t			 loaded;	/* rows whose headers arrived */
	enum view_id		 view;
	enum view_id		 help_of;	/* the view whose keys help shows */
	int			 quit;
	int			 dirty;

	struct folder_list	 folders;
	size_t			 fsel, ftop;

	char			*folder;	/* open folder, or NULL */
	struct summary_vec	 rows;		/* the folder's messages, by date */
	struct listing		 list;		/* what the list shows, in which order */
	size_t			 sel, top;	/* display positions in list */
	size_t			 want_row;	/* row to select after the next rebuild */
	int			 tag_prefix;	/* ';' pressed: the next action is for tagged rows */
	uint64_t		 search_req;	/* a body search on the worker */
	int			 search_kind;	/* SEARCH_* */
	size_t			 search_done, search_total;

	struct display		 msg;		/* the message in the pager */
	size_t			 ptop;		/* first line shown */
	char			*search;	/* last text searched in a message, or NULL */
	char			*isearch;	/* last pattern searched in the list, or NULL */

	size_t			 htop;		/* help scroll */
	struct attach_ui	*att;		/* attachment view and URL picker, or NULL */

	struct config		 cfg;		/* the configuration, when one was read */
	const struct account	*acct;		/* the open account (in cfg), or NULL */
	uint64_t		 fetch_req;	/* a POP3 fetch on the worker */
	long long		 next_fetch;	/* monotonic ms of the next interval fetch; 0 none */
	long long		 fetch_reloaded;	/* when the list last showed fetched mail */
	size_t			 fetch_shown;	/* messages fetched that the list shows */

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
/*
 * The setup wizard (ui/view_setup.c): asks, probes, writes the account
 * into the config at path.  0 when an account was saved (its name in
 * saved_name; a typed password in password, else ""), -1 when the user
 * left.  Needs curses started and t->wake set up.
 */
int	view_setup_run(struct tui *, const char *path, char *saved_name, size_t len,
	    char *password, size_t pwlen);
void	tui_draw(struct tui *);

/* Requests to the worker (ui/actions.c); answers arrive through tui_handle_events. */
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
/* Change the flags of rows at once; undone if the worker refuses. */
void	tui_request_flags(struct tui *, const size_t *rows, size_t n, unsigned set,
	    unsigned clear);
/* Move (keep = 0) or copy rows to folder dst. */
void	tui_request_transfer(struct tui *, const size_t *rows, size_t n, const char *dst,
	    int keep);
/* Evaluate a pattern that needs message text on the worker, then apply it as kind. */
void	tui_request_search(struct tui *, const struct pattern *, const char *text, int kind);
void	tui_request_expunge(struct tui *);
/* Fetch the account's POP3 mail into its spool (fetch-mail). */
void	tui_request_fetch(struct tui *);
/* Monotonic milliseconds, the clock of every UI timer. */
long long tui_now_ms(void);
void	tui_handle_events(struct tui *);

/* Views: drawing and the commands that belong to them. */
void	view_folders_draw(struct tui *);
void	view_index_draw(struct tui *);
void	view_pager_draw(struct tui *);
void	view_help_draw(struct tui *);
void	view_index_clamp(struct tui *);
void	view_pager_scroll(struct tui *, long delta);
void	view_pager_search(struct tui *, int from_next);
size_t	view_help_lines(struct tui *);

#endif
