/* views.h - the UI state shared by the views (folders, message list, pager, help) and commands. */
#ifndef BOTE_VIEWS_H
#define BOTE_VIEWS_H

#include <stddef.h>

#include "core/display.h"
#include "core/folder.h"
#include "worker/worker.h"

enum view_id {
	VIEW_FOLDERS = 0,
	VIEW_INDEX,
	VIEW_PAGER,
	VIEW_HELP,
	VIEW_COUNT
};

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
	struct summary_vec	 rows;
	size_t			 sel, top;

	struct display		 msg;		/* the message in the pager */
	size_t			 ptop;		/* first line shown */
	char			*search;	/* last search pattern, or NULL */

	size_t			 htop;		/* help scroll */

	char			 status[512];	/* bottom line */
	int			 status_error;
};

/* Rows available for the view's content (between title and status bar). */
int	tui_body_rows(void);
void	tui_message(struct tui *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void	tui_error(struct tui *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Read a line at the bottom of the screen; 0 on Enter, -1 on Esc/Ctrl-G. */
int	tui_prompt(struct tui *, const char *label, const char *initial, char *out, size_t len);
void	tui_draw(struct tui *);

/* Requests to the worker (ui/actions.c); answers arrive through tui_handle_events. */
void	tui_request_folders(struct tui *);
void	tui_open_folder(struct tui *, const char *name);
/* Read the open folder again; select the row of ref when given and present. */
void	tui_reload_folder(struct tui *, const struct msgref *ref);
void	tui_request_render(struct tui *);
/* Change the current row's flags at once; undone if the worker refuses. */
void	tui_request_flags(struct tui *, unsigned set, unsigned clear);
/* Move (keep = 0) or copy the current row to folder dst. */
void	tui_request_transfer(struct tui *, const char *dst, int keep);
void	tui_request_expunge(struct tui *);
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
