/* views.h - the UI state shared by the views (folders, message list, pager, help) and commands. */
#ifndef BOTE_VIEWS_H
#define BOTE_VIEWS_H

#include <stddef.h>

#include "core/display.h"
#include "core/folder.h"
#include "worker/session.h"

enum view_id {
	VIEW_FOLDERS = 0,
	VIEW_INDEX,
	VIEW_PAGER,
	VIEW_HELP,
	VIEW_COUNT
};

struct tui {
	struct session		*s;
	char			*demo_dir;	/* --demo: removed at exit */
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
int	tui_open_folder(struct tui *, const char *name);
/* Read the open folder again; select the row of ref when given and present. */
int	tui_reload_folder(struct tui *, const struct msgref *ref);
int	tui_load_folders(struct tui *);
void	tui_draw(struct tui *);

/* Views: drawing and the commands that belong to them. */
void	view_folders_draw(struct tui *);
void	view_index_draw(struct tui *);
void	view_pager_draw(struct tui *);
void	view_help_draw(struct tui *);
int	view_index_open_message(struct tui *);
void	view_index_clamp(struct tui *);
void	view_pager_scroll(struct tui *, long delta);
void	view_pager_search(struct tui *, int from_next);
size_t	view_help_lines(struct tui *);

#endif
