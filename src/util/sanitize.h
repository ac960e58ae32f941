/* sanitize.h - the one gate between hostile text and the terminal, and column-width helpers. */
#ifndef BOTE_SANITIZE_H
#define BOTE_SANITIZE_H

#include <stddef.h>

/*
 * Every string that comes from a server or a message (headers, bodies, attachment and
 * folder names, [ALERT] and error text, UIDLs, certificate names) goes through sanitize()
 * after all decoding (RFC 2047/2231, quoted-printable, base64, charset conversion: "=1B"
 * decodes to ESC) and before it is drawn by the TUI or printed to stdout.
 *
 * Locale: characters are classified with wcwidth(), so the caller must have set a UTF-8
 * LC_CTYPE first (bote's main calls setlocale(LC_ALL, "") and falls back to "C.UTF-8").
 * In the plain C locale every non-ASCII character comes out as U+FFFD.  Code points are
 * passed to wcwidth() as wchar_t, which is right wherever __STDC_ISO_10646__ holds (glibc).
 *
 * Threads: all functions may be called from any thread at the same time; they keep no
 * static state.  Nobody may change the locale while they run.
 */

#define SAN_MULTILINE	0x1	/* keep line breaks ('\n'; "\r\n" becomes '\n') */
#define SAN_KEEP_TABS	0x2	/* with SAN_MULTILINE: keep '\t' instead of expanding it */

/*
 * Returns an owned (free()), NUL-terminated, valid UTF-8 copy of the len bytes at in
 * (which may hold NULs; in may be NULL when len is 0) that is safe to show:
 * - without SAN_MULTILINE, '\n', '\r' and '\t' each become one space;
 * - with it, '\r' is dropped, '\n' kept, '\t' expanded with spaces to the next multiple
 *   of 8 columns (or kept with SAN_KEEP_TABS);
 * - U+2028 and U+2029 become '\n' (multiline) or a space;
 * - other C0 controls, DEL, C1 controls (U+0080-U+009F) and code points that wcwidth()
 *   says are unprintable become U+FFFD, as does each invalid UTF-8 sequence: a lead byte
 *   with the continuation bytes it announces (overlong, surrogate, > U+10FFFF, or cut
 *   short), or one stray byte (0x80-0xBF such as raw CSI 0x9B, 0xF8-0xFF);
 * - invisible characters that reorder or hide text are removed: U+00AD, U+061C, U+180E,
 *   U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+FEFF, U+FFF9-U+FFFB;
 * - zero-width (combining) characters are kept, at most 4 after a base character, and
 *   dropped at the start of a line, where they have nothing to combine with.
 * The result is a fixed point: sanitize() of it returns it unchanged.
 */
char	*sanitize(const char *in, size_t len, unsigned flags);

/*
 * Columns that the sanitized string s takes: the sum of wcwidth(); a tab, a newline or
 * anything else wcwidth() rejects counts as 1, so expand tabs and split lines first.
 */
int	 utf8_width(const char *s);

/*
 * A server's reply text for an error message: printable ASCII only (other
 * bytes become '?'), at most 120 bytes, "no reason given" (translated)
 * when empty or NULL.  out gets size bytes at most, NUL-terminated.
 */
void	 sanitize_server_text(const char *in, char *out, size_t size);

/*
 * Length in bytes of the longest prefix of the sanitized string s that fits in maxcols
 * columns.  Never splits a character and leaves out a wide character that would stick
 * out by one column; zero-width marks after the last character taken are kept with it.
 * If cols_used is not NULL it receives the width of that prefix (<= maxcols).
 */
size_t	 utf8_fit(const char *s, int maxcols, int *cols_used);

/*
 * Owned (free()) copy of the sanitized string s cut with utf8_fit() or padded with spaces
 * on the right so that it is exactly cols columns wide (0 when cols <= 0): a table cell.
 */
char	*utf8_pad(const char *s, int cols);

#endif
