/* view_attach.h - the attachment view and the URL picker: state and entry points. */
#ifndef BOTE_VIEW_ATTACH_H
#define BOTE_VIEW_ATTACH_H

#include "attach/url.h"
#include "views.h"

struct pending_save;

struct attach_ui {
	size_t			 sel, top;	/* attachment view cursor */
	enum view_id		 back;		/* where exit returns to */
	struct pending_save	*saves;		/* saves waiting for the worker */
	size_t			 nsaves;
	uint64_t		 open_req;	/* a part being prepared for its viewer */
	struct url_list		 urls;		/* links of the message in t->msg */
	const void		*urls_of;	/* t->msg.lines they were taken from */
	size_t			 urls_nlines;
	size_t			 usel, utop;	/* URL picker cursor */
};

/* Show the attachment view or the URL picker for the current message. */
void	view_attach_enter(struct tui *, enum view_id);
void	view_attach_draw(struct tui *);
void	view_urls_draw(struct tui *);
/* Extract the links again when t->msg changed. */
void	view_urls_update(struct tui *);
/* The cursor of the attachment view or URL picker (for next-entry and friends). */
size_t	*view_attach_cursor(struct tui *, size_t *count);
enum view_id view_attach_back(struct tui *);
/* 1 when ev answers one of this view's requests (then it is handled). */
int	view_attach_event(struct tui *, struct event *);
void	view_attach_free(struct tui *);

#endif
