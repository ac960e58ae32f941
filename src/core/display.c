/* display.c - building and freeing rendered messages. */
#include "core/display.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

void
display_add_line(struct display *d, enum line_style style, const char *text, size_t len,
    unsigned label_len)
{
	struct display_line	*l;

	if ((d->nlines & (d->nlines - 1)) == 0)	/* grow at powers of two */
		d->lines = xreallocarray(d->lines, d->nlines ? d->nlines * 2 : 16,
		    sizeof *d->lines);
	l = &d->lines[d->nlines++];
	l->text = xstrndup(text, len);
	l->style = style;
	l->label_len = label_len;
}

void
display_add_part(struct display *d, const struct display_part *p)
{
	struct display_part	*n;

	if ((d->nparts & (d->nparts - 1)) == 0)
		d->parts = xreallocarray(d->parts, d->nparts ? d->nparts * 2 : 4,
		    sizeof *d->parts);
	n = &d->parts[d->nparts++];
	*n = *p;
	n->path = xstrdup(p->path ? p->path : "");
	n->mime_type = xstrdup(p->mime_type ? p->mime_type : "application/octet-stream");
	n->filename = p->filename ? xstrdup(p->filename) : NULL;
}

void
display_free(struct display *d)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++)
		free(d->lines[i].text);
	for (i = 0; i < d->nparts; i++) {
		free(d->parts[i].path);
		free(d->parts[i].mime_type);
		free(d->parts[i].filename);
	}
	free(d->lines);
	free(d->parts);
	free(d->subject);
	memset(d, 0, sizeof *d);
}
