/* display.h - a rendered message: plain lines with a style each, made on a worker, painted by the UI. */
#ifndef BOTE_DISPLAY_H
#define BOTE_DISPLAY_H

#include <stddef.h>
#include <stdint.h>

enum line_style {
	LINE_BODY = 0,
	LINE_HEADER,		/* "Name: value" in the header block; label ends at label_len */
	LINE_QUOTE,		/* body line starting with '>' */
	LINE_SIGNATURE,		/* after "-- " */
	LINE_ATTACHMENT,	/* attachment list entry */
	LINE_NOTE,		/* bote's own remarks: "[-- text/html, converted --]" */
};

struct display_line {
	char		*text;		/* owned UTF-8, untrusted (sanitize before drawing), no '\n' */
	enum line_style	 style;
	unsigned	 label_len;	/* LINE_HEADER: bytes of "Name:" */
};

struct display_part {
	char		*path;		/* part number, "1.2" (owned) */
	char		*mime_type;	/* "application/pdf" (owned) */
	char		*filename;	/* decoded, untrusted, may be NULL (owned) */
	uint64_t	 size;		/* decoded bytes, approximate for encoded parts */
	int		 depth;		/* nesting level for the attachment tree */
	unsigned	 is_attachment : 1;
};

struct display {
	struct display_line	*lines;
	size_t			 nlines;
	struct display_part	*parts;
	size_t			 nparts;
	char			*subject;	/* decoded subject (owned, untrusted), may be NULL */
};

void	display_add_line(struct display *, enum line_style, const char *text, size_t len,
	    unsigned label_len);
void	display_add_part(struct display *, const struct display_part *);	/* copies */
void	display_free(struct display *);

#endif
