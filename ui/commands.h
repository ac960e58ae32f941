/* commands.h - command functions that live outside commands.c (the list's power commands). */
#ifndef BOTE_COMMANDS_H
#define BOTE_COMMANDS_H

#include "views.h"

int	cmd_sort_mailbox(struct tui *, const char *);
int	cmd_sort_reverse(struct tui *, const char *);
int	cmd_limit(struct tui *, const char *);
int	cmd_tag_pattern(struct tui *, const char *);
int	cmd_untag_pattern(struct tui *, const char *);
int	cmd_tag_entry(struct tui *, const char *);
int	cmd_tag_prefix(struct tui *, const char *);
/* Pattern search in the message list; again = search-next with the last pattern. */
int	cmd_index_search(struct tui *, const char *, int again);
int	cmd_collapse_thread(struct tui *, const char *);
int	cmd_collapse_all(struct tui *, const char *);
/* ^G: stop a body search or a folder load, forget a pending tag-prefix. */
int	cmd_cancel(struct tui *, const char *);
/* ui/msgops.c */
int	cmd_archive_message(struct tui *, const char *);
int	cmd_mark_read(struct tui *, const char *);
int	cmd_mark_unread(struct tui *, const char *);
int	cmd_mark_flagged(struct tui *, const char *);
int	cmd_mark_unflagged(struct tui *, const char *);
int	cmd_save_to_file(struct tui *, const char *);
int	cmd_undo(struct tui *, const char *);

/* Folder management (commands_folders.c). */
int	cmd_create_mailbox(struct tui *, const char *);
int	cmd_rename_mailbox(struct tui *, const char *);
int	cmd_delete_mailbox(struct tui *, const char *);
int	cmd_subscribe(struct tui *, const char *);
int	cmd_unsubscribe(struct tui *, const char *);
int	cmd_toggle_sidebar(struct tui *, const char *);
int	cmd_sidebar_next(struct tui *, const char *);
int	cmd_sidebar_prev(struct tui *, const char *);
int	cmd_sidebar_open(struct tui *, const char *);
/* ui/view_attach.c, ui/view_urls.c */
int	cmd_view_attachments(struct tui *, const char *);
int	cmd_save_attachment(struct tui *, const char *);
int	cmd_save_all_attachments(struct tui *, const char *);
int	cmd_open_attachment(struct tui *, const char *);
int	cmd_view_urls(struct tui *, const char *);
int	cmd_open_url(struct tui *, const char *);

#endif
