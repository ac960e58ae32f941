/* url.h - finding the links in a message's text for the URL picker. */
#ifndef BOTE_URL_H
#define BOTE_URL_H

#include <stddef.h>

#define URL_MAX_LEN	4096	/* longer links are left out */
#define URL_MAX_COUNT	1000

struct url_list {
	char	**v;		/* owned, in order of first appearance, no duplicates */
	size_t	  n;
};

/*
 * Adds the http, https, ftp and mailto links in text[0..len) to list:
 * schemes in any case, starting at a word boundary; a link ends at white
 * space, a C0 or C1 control, DEL, '<', '>', '"' or '`'; trailing punctuation
 * (. , ; : ! ? ' and a ')' or ']' without its opening partner) is not
 * part of it.  A link with nothing after the scheme is skipped; the
 * result never holds control bytes.  Any thread.
 */
void	url_extract(struct url_list *, const char *text, size_t len);
void	url_list_free(struct url_list *);
/* 1 when url may go to an opener: a known scheme, no space, C0, DEL or C1 control. */
int	url_ok(const char *url);

#endif
