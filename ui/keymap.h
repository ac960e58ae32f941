/* keymap.h - named commands shared by keys, the ':' prompt and `bote -e`, and the live key bindings. */
#ifndef BOTE_KEYMAP_H
#define BOTE_KEYMAP_H

#include "config/config.h"
#include "keyspec.h"
#include "views.h"

struct command {
	const char	*name;
	const char	*help;		/* gettext msgid */
	unsigned	 views;		/* bit per enum view_id where it is meaningful */
	int		 (*run)(struct tui *, const char *arg);
};

/* A default binding: keys as written in the config ("j", "C-f", "g g"). */
struct binding {
	enum view_id	 view;
	const char	*keys;
	const char	*command;	/* name, optionally followed by arguments */
};

#define KEYMAP_GLOBAL	VIEW_COUNT	/* [bind global]: every view */

enum keymap_preset {
	KEYMAP_MUTT = 0,		/* the default */
	KEYMAP_VI,			/* mutt's table with vi's motions over it */
};

/* One binding of the live keymap. */
struct keymap_entry {
	unsigned	 view;		/* enum view_id or KEYMAP_GLOBAL */
	struct keyseq	 seq;
	char		*command;	/* NULL: unbound by the user */
	unsigned	 line;		/* config line; 0 for a preset's binding */
};

enum keymap_match {
	KEYMAP_NONE,			/* nothing bound */
	KEYMAP_PREFIX,			/* the start of a longer sequence: wait for more */
	KEYMAP_FOUND,
};

/* keymap_defaults.c: the presets' tables. */
extern const struct binding keymap_mutt[];
extern const size_t keymap_mutt_count;
extern const struct binding keymap_vi[];
extern const size_t keymap_vi_count;

/* "mutt" or "vi" into *out; -1 for anything else. */
int	keymap_preset_parse(const char *, enum keymap_preset *out);
/*
 * Build the live keymap: the preset's bindings, then the config's [bind]
 * lines over them (cfg may be NULL).  A bad line (unknown key or command,
 * a command that does not apply to the view, a key bound twice) is
 * reported through report as "config 'FILE' line N: reason" and skipped,
 * so the binding it meant to change keeps its preset's command.  Returns
 * the number of lines reported.
 */
int	keymap_setup(enum keymap_preset, const struct config *cfg,
	    void (*report)(void *, const char *), void *arg);
void	keymap_free(void);
/*
 * What keys[0..n) mean in view.  KEYMAP_FOUND sets *command; with
 * KEYMAP_PREFIX, *command is what the keys alone are bound to (run when
 * no further key comes), or NULL.
 */
enum keymap_match keymap_lookup(enum view_id, const int *keys, int n, const char **command);
/* The bindings in effect in view, in table order: returns how many; *out borrowed. */
size_t	keymap_view_bindings(enum view_id, const struct keymap_entry ***out);

/* The first key bound to exactly command in view (named into buf), or NULL. */
const char *keymap_key_for(enum view_id, const char *command, char *buf, size_t len);

/* Run "name [arg]"; unknown names and wrong views give an error on the status line. */
int	keymap_run(struct tui *, const char *line);
/* Run every ';'-separated command of a -e string. */
void	keymap_run_list(struct tui *, const char *list);
const struct command *keymap_find(const char *name);
/* The command table, for the lint test and help. */
const struct command *keymap_commands(size_t *n);

#endif
