/* html_text.h - the built-in HTML to plain text converter for reading HTML-only mail. */
#ifndef BOTE_HTML_TEXT_H
#define BOTE_HTML_TEXT_H

#include <stddef.h>

/*
 * Converts html[0..len) (UTF-8; invalid bytes become U+FFFD) to readable
 * text: no tags, entities decoded, paragraphs, lists, quotes ("> "), table
 * cells (" | "), links as "text <url>".  The result is valid UTF-8 with '\n'
 * line ends, no trailing white space on a line, at most two blank lines in
 * a row and none at either end; it is owned by the caller (free()) and
 * still untrusted.  Linear time, no recursion; any input is safe.
 * Any thread; no GMime, no GLib.
 */
char	*html_to_text(const char *html, size_t len);

#endif
