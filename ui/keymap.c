/* keymap.c - the live key bindings: a preset, the config's [bind] lines over it, and lookup by key sequence. */
#include "keymap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

/* [bind VIEW] names, indexed by enum view_id, then KEYMAP_GLOBAL. */
static const char *const view_names[VIEW_COUNT + 1] = {
	"folders", "index", "pager", "help", "attach", "urls", "global",
};

static struct keymap_entry	*entries;
static size_t			 nentries, cap;
/* keymap_view_bindings' answers, made once per view after each keymap_setup. */
static struct keymap_entry	**shown[VIEW_COUNT];
static size_t			 nshown[VIEW_COUNT];

int
keymap_preset_parse(const char *s, enum keymap_preset *out)
{
	if (strcmp(s, "mutt") == 0)
		*out = KEYMAP_MUTT;
	else if (strcmp(s, "vi") == 0)
		*out = KEYMAP_VI;
	else
		return -1;
	return 0;
}

void
keymap_free(void)
{
	size_t	i;

	for (i = 0; i < nentries; i++)
		free(entries[i].command);
	free(entries);
	for (i = 0; i < VIEW_COUNT; i++) {
		free(shown[i]);
		shown[i] = NULL;
	}
	entries = NULL;
	nentries = cap = 0;
}

static int
same_seq(const struct keyseq *a, const struct keyseq *b)
{
	return a->n == b->n && memcmp(a->keys, b->keys, (size_t)a->n * sizeof a->keys[0]) == 0;
}

static struct keymap_entry *
find_exact(unsigned view, const struct keyseq *seq)
{
	size_t	i;

	for (i = 0; i < nentries; i++)
		if (entries[i].view == view && same_seq(&entries[i].seq, seq))
			return &entries[i];
	return NULL;
}

/* Add, or replace the binding of the same keys in the same view. */
static void
put(unsigned view, const struct keyseq *seq, const char *command, unsigned line)
{
	struct keymap_entry	*e;

	if ((e = find_exact(view, seq)) == NULL) {
		if (nentries == cap) {
			cap = cap ? cap * 2 : 256;
			entries = xreallocarray(entries, cap, sizeof *entries);
		}
		e = &entries[nentries++];
		e->view = view;
		e->seq = *seq;
	} else
		free(e->command);
	e->command = command != NULL ? xstrdup(command) : NULL;
	e->line = line;
}

static void
load_table(const struct binding *b, size_t n)
{
	struct keyseq	seq;
	char		why[128];
	size_t		i;

	for (i = 0; i < n; i++) {
		/* The tables are checked by tests/unit/t_keymap: a bad line is a bug. */
		if (keyspec_parse(b[i].keys, &seq, why, sizeof why) == 0)
			put(b[i].view, &seq, b[i].command, 0);
	}
}

struct reporter {
	const struct config	 *cfg;
	void			(*fn)(void *, const char *);
	void			 *arg;
	int			  count;
};

static void __attribute__((format(printf, 3, 4)))
report(struct reporter *r, unsigned line, const char *fmt, ...)
{
	char	why[512], msg[768];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof msg, _("config '%s' line %u: %s"),
	    r->cfg->path != NULL ? r->cfg->path : "config", line, why);
	r->count++;
	if (r->fn != NULL)
		r->fn(r->arg, msg);
}

/* The command a command line starts with, or NULL; its name into name. */
static const struct command *
command_of(const char *line, char *name, size_t len)
{
	size_t	n = strcspn(line, " \t");

	snprintf(name, len, "%.*s", (int)(n < len ? n : len - 1), line);
	return keymap_find(name);
}

/* The view of a [bind] section name, or -1. */
static int
view_of(const char *name)
{
	int	v;

	for (v = 0; v <= VIEW_COUNT; v++)
		if (strcmp(view_names[v], name) == 0)
			return v;
	return -1;
}

static void
apply_bind(struct reporter *r, const struct config_bind *b)
{
	const struct command	*c;
	struct keymap_entry	*e;
	struct keyseq		 seq;
	char			 why[256], name[64];
	int			 view = view_of(b->view);

	if (view == -1) {
		report(r, b->line, _("unknown view '%s' in [bind]"), b->view);
		return;
	}
	if (keyspec_parse(b->key, &seq, why, sizeof why) != 0) {
		report(r, b->line, "%s", why);
		return;
	}
	if ((e = find_exact((unsigned)view, &seq)) != NULL && e->line != 0) {
		report(r, b->line, _("duplicate key '%s' in [bind %s] (first at line %u)"),
		    b->key, b->view, e->line);
		return;
	}
	if (strcmp(b->command, "unbind") == 0) {
		put((unsigned)view, &seq, NULL, b->line);
		return;
	}
	if ((c = command_of(b->command, name, sizeof name)) == NULL) {
		report(r, b->line, _("unknown command '%s' in [bind %s]"), name, b->view);
		return;
	}
	if (view != KEYMAP_GLOBAL && !(c->views & (1u << view))) {
		report(r, b->line, _("command '%s' does not work in [bind %s]"), name, b->view);
		return;
	}
	put((unsigned)view, &seq, b->command, b->line);
}

int
keymap_setup(enum keymap_preset preset, const struct config *cfg,
    void (*fn)(void *, const char *), void *arg)
{
	struct reporter	r = { cfg, fn, arg, 0 };
	size_t		i;

	keymap_free();
	load_table(keymap_mutt, keymap_mutt_count);
	if (preset == KEYMAP_VI)
		load_table(keymap_vi, keymap_vi_count);
	for (i = 0; cfg != NULL && i < cfg->nbinds; i++)
		apply_bind(&r, &cfg->binds[i]);
	return r.count;
}

/*
 * Which binding of keys wins in view: the user's for the view, then the
 * user's [bind global], then the preset's for the view.
 */
static const struct keymap_entry *
winner(unsigned view, const struct keyseq *seq)
{
	const struct keymap_entry	*own = find_exact(view, seq);
	const struct keymap_entry	*global = find_exact(KEYMAP_GLOBAL, seq);

	if (own != NULL && own->line != 0)
		return own;
	if (global != NULL)
		return global;
	return own;
}

static int
usable(unsigned view, const struct keymap_entry *e)
{
	return e != NULL && e->command != NULL && winner(view, &e->seq) == e;
}

enum keymap_match
keymap_lookup(enum view_id view, const int *keys, int n, const char **command)
{
	const struct keymap_entry	*best;
	struct keyseq			 seq;
	size_t				 i;

	*command = NULL;
	if (n < 1 || n > KEYSEQ_MAX)
		return KEYMAP_NONE;
	seq.n = n;
	memcpy(seq.keys, keys, (size_t)n * sizeof keys[0]);
	if ((best = winner(view, &seq)) != NULL)
		*command = best->command;
	for (i = 0; i < nentries; i++) {
		const struct keymap_entry *e = &entries[i];

		if ((e->view == view || e->view == KEYMAP_GLOBAL) && e->seq.n > n &&
		    memcmp(e->seq.keys, keys, (size_t)n * sizeof keys[0]) == 0 &&
		    usable(view, e))
			return KEYMAP_PREFIX;
	}
	return *command != NULL ? KEYMAP_FOUND : KEYMAP_NONE;
}

size_t
keymap_view_bindings(enum view_id view, const struct keymap_entry ***out)
{
	const struct command	*c;
	char			 name[64];
	size_t			 i, n = 0;
	int			 pass;

	if (shown[view] != NULL) {
		*out = (const struct keymap_entry **)shown[view];
		return nshown[view];
	}
	shown[view] = xreallocarray(NULL, nentries + 1, sizeof *shown[view]);
	/* The config's own bindings first, where they are seen at once. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nentries; i++) {
			if ((entries[i].line != 0) != (pass == 0))
				continue;
			if (entries[i].view != view && entries[i].view != KEYMAP_GLOBAL)
				continue;
			if (!usable(view, &entries[i]))
				continue;
			/* A global binding shows only where its command works. */
			c = command_of(entries[i].command, name, sizeof name);
			if (entries[i].view == KEYMAP_GLOBAL && c != NULL &&
			    !(c->views & (1u << view)))
				continue;
			shown[view][n++] = &entries[i];
		}
	nshown[view] = n;
	*out = (const struct keymap_entry **)shown[view];
	return n;
}

const char *
keymap_key_for(enum view_id view, const char *command, char *buf, size_t len)
{
	const struct keymap_entry	**b;
	size_t				  n, i;

	n = keymap_view_bindings(view, &b);
	for (i = 0; i < n; i++)
		if (strcmp(b[i]->command, command) == 0)
			return keyspec_seq_name(&b[i]->seq, buf, len);
	return NULL;
}
