/* keyspec.h - key specs as written in the config ("j", "C-f", "M-x", "PageDown", "g g") and back. */
#ifndef BOTE_KEYSPEC_H
#define BOTE_KEYSPEC_H

#include <stddef.h>

/* Keys: Unicode code points as themselves, curses KEY_* codes offset by KEYMAP_FKEY. */
#define KEYMAP_FKEY	0x200000
#define KEYMAP_META(c)	(0x300000 + (c))	/* Esc then c, as Alt-c arrives */
#define KEYSEQ_MAX	4			/* keys in one binding: "g g" */

struct keyseq {
	int	keys[KEYSEQ_MAX];
	int	n;
};

/*
 * Parse SPEC: keys separated by blanks, each a single character, a name
 * (Enter, Esc, Space, Tab, Backspace, Up, Down, Left, Right, PageUp,
 * PageDown, Home, End, Insert, Delete, F1-F63), optionally in <>, C-x
 * (or ^x) for Control, M-x for Alt.  Returns 0, or -1 with a one-line
 * reason (translated) in why.
 */
int	keyspec_parse(const char *spec, struct keyseq *, char *why, size_t whylen);
/* The canonical name of one key ("j", "C-f", "M-v", "PageDown") into buf. */
const char *keyspec_name(int key, char *buf, size_t len);
/* The names of a sequence, blank-separated. */
const char *keyspec_seq_name(const struct keyseq *, char *buf, size_t len);
/*
 * One form per key before lookup: Return and the keypad's Enter are Enter
 * (\n), ^H and DEL are Backspace.
 */
int	keyspec_normalize(int key);

#endif
