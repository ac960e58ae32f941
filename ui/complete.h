/* complete.h - Tab completion in prompts: folder names, and command names at the ':' prompt. */
#ifndef BOTE_COMPLETE_H
#define BOTE_COMPLETE_H

#include <stddef.h>

struct tui;

enum complete_kind {
	COMPLETE_NONE = 0,
	COMPLETE_FOLDER,	/* the whole line is a folder name */
	COMPLETE_COMMAND,	/* "name [arg]": a command name, then folders for folder commands */
};

#define COMPLETE_SHOWN	8	/* matches listed above the prompt at most */

/*
 * Complete the UTF-8 text line (a buffer of len bytes) in place: one match
 * is taken whole, several extend the text to what they have in common.
 * Returns the number of matches; the first COMPLETE_SHOWN of them go to
 * shown (borrowed from t's folder list or the command table).
 */
size_t	complete_line(struct tui *, enum complete_kind, char *line, size_t len,
	    const char **shown);

#endif
