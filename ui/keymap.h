/* keymap.h - named commands shared by keys, the ':' prompt and `bote -e`, and the default key bindings. */
#ifndef BOTE_KEYMAP_H
#define BOTE_KEYMAP_H

#include "views.h"

/* Keys: Unicode code points as themselves, curses KEY_* codes offset by KEYMAP_FKEY. */
#define KEYMAP_FKEY	0x200000
#define KEYMAP_META(c)	(0x300000 + (c))	/* Esc then c, as Alt-c arrives */

struct command {
	const char	*name;
	const char	*help;		/* gettext msgid */
	unsigned	 views;		/* bit per enum view_id where it is meaningful */
	int		 (*run)(struct tui *, const char *arg);
};

struct binding {
	enum view_id	 view;
	int		 key;
	const char	*command;	/* name, optionally followed by an argument */
};

/* Run "name [arg]"; unknown names and wrong views give an error on the status line. */
int	keymap_run(struct tui *, const char *line);
/* Run every ';'-separated command of a -e string. */
void	keymap_run_list(struct tui *, const char *list);
/* The command bound to key in view, or NULL. */
const char *keymap_lookup(enum view_id, int key);
/* Printable key name ("j", "Down", "^G") into buf. */
const char *keymap_key_name(int key, char *buf, size_t len);
const struct binding *keymap_bindings(size_t *n);
const struct command *keymap_find(const char *name);
/* Every named command (for completion at the ':' prompt). */
const struct command *keymap_commands(size_t *n);

#endif
