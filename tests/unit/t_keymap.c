/* t_keymap.c - key specs parse and print back; the presets' tables are valid; [bind] lines override, unbind and fail with line numbers. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "keymap.h"
#include "tap.h"

/*
 * A few commands with the views they work in: the real table needs the
 * whole UI; what keymap.c asks of it is only names and views.
 */
#define V(x)	(1u << (x))
static const struct command test_commands[] = {
	{ "next-entry", "", V(VIEW_FOLDERS) | V(VIEW_INDEX) | V(VIEW_PAGER), NULL },
	{ "first-entry", "", 0xf, NULL },
	{ "last-entry", "", 0xf, NULL },
	{ "limit", "", V(VIEW_INDEX), NULL },
	{ "quit", "", 0xf, NULL },
	{ "exit", "", 0xf, NULL },
	{ "help", "", 0xf, NULL },
};

const struct command *
keymap_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof test_commands / sizeof test_commands[0]; i++)
		if (strcmp(test_commands[i].name, name) == 0)
			return &test_commands[i];
	return NULL;
}

static char	why[256];

static int
parse1(const char *spec)
{
	struct keyseq	seq;

	if (keyspec_parse(spec, &seq, why, sizeof why) != 0 || seq.n != 1)
		return -1;
	return seq.keys[0];
}

static void
names(void)
{
	static const struct {
		const char	*spec, *canonical;
	} round[] = {
		{ "j", "j" }, { "C-f", "C-f" }, { "^F", "C-f" }, { "c-x", NULL }, { "M-x", "M-x" },
		{ "Enter", "Enter" }, { "Return", "Enter" }, { "C-m", "Enter" }, { "<Down>", "Down" },
		{ "PageDown", "PageDown" }, { "pgdn", "PageDown" }, { "F1", "F1" }, { "F12", "F12" },
		{ "Esc", "Esc" }, { "C-[", "Esc" }, { "Space", "Space" }, { "Tab", "Tab" },
		{ "Backspace", "Backspace" }, { "C-h", "Backspace" }, { "ü", "ü" }, { "€", "€" },
		{ "=", "=" }, { "#", "#" }, { "<", "<" }, { "<Home>", "Home" }, { "Delete", "Delete" },
	};
	struct keyseq	seq;
	char		buf[64];
	size_t		i;
	int		rc;

	for (i = 0; i < sizeof round / sizeof round[0]; i++) {
		rc = keyspec_parse(round[i].spec, &seq, why, sizeof why);
		if (round[i].canonical == NULL) {
			is_int(rc, -1, "'%s' is not a key", round[i].spec);
			continue;
		}
		if (rc != 0) {
			ok(0, "'%s' parses: %s", round[i].spec, why);
			continue;
		}
		is_int(seq.n, 1, "'%s' is one key", round[i].spec);
		is_str(keyspec_name(seq.keys[0], buf, sizeof buf), round[i].canonical,
		    "'%s' is shown as '%s'", round[i].spec, round[i].canonical);
	}
	is_int(parse1("C-f"), 6, "C-f is ^F");
	is_int(parse1("Enter"), '\n', "Enter is the newline the loop turns Return into");
	is_int(parse1("M-v"), KEYMAP_META('v'), "M-v is Esc v");
	is_int(parse1("F5"), KEYMAP_FKEY + KEY_F(5), "F5 is curses' KEY_F(5)");
	is_int(keyspec_normalize('\r'), '\n', "Return typed is Enter");
	is_int(keyspec_normalize(KEYMAP_FKEY + KEY_ENTER), '\n', "the keypad's Enter is Enter");
	is_int(keyspec_normalize(0x7f), KEYMAP_FKEY + KEY_BACKSPACE, "DEL typed is Backspace");

	ok(keyspec_parse("g g", &seq, why, sizeof why) == 0 && seq.n == 2 && seq.keys[0] == 'g' &&
	    seq.keys[1] == 'g', "'g g' is a sequence of two keys");
	ok(keyspec_parse("  C-x   Down ", &seq, why, sizeof why) == 0 && seq.n == 2,
	    "blanks around and between keys");
	is_str(keyspec_seq_name(&seq, buf, sizeof buf), "C-x Down", "a sequence is shown blank-separated");

#define BAD(spec, reason) do {							\
	is_int(keyspec_parse(spec, &seq, why, sizeof why), -1, "'%s' is refused", spec);	\
	is_str(why, reason, "'%s': the reason", spec);				\
} while (0)
	BAD("C-ü", "unknown key 'C-ü'");
	BAD("gg", "unknown key 'gg' (write a sequence with blanks: 'g g')");
	BAD("PgDown", "unknown key 'PgDown'");
	BAD("F64", "unknown key 'F64'");
	BAD("M-", "unknown key 'M-'");
	BAD("a b c d e", "key sequence 'a b c d e' is longer than 4 keys");
	BAD("\x01", "unknown key '\x01'");
}

static void
tables(void)
{
	struct keyseq	seq;
	size_t		i;
	int		bad = 0;

	for (i = 0; i < keymap_mutt_count; i++)
		if (keyspec_parse(keymap_mutt[i].keys, &seq, why, sizeof why) != 0) {
			diag("mutt table: %s", why);
			bad++;
		}
	for (i = 0; i < keymap_vi_count; i++)
		if (keyspec_parse(keymap_vi[i].keys, &seq, why, sizeof why) != 0) {
			diag("vi table: %s", why);
			bad++;
		}
	is_int(bad, 0, "every key of the presets' tables parses");
}

struct collected {
	char	msgs[8][512];
	int	n;
};

static void
collect(void *arg, const char *msg)
{
	struct collected	*c = arg;

	if (c->n < 8)
		snprintf(c->msgs[c->n], sizeof c->msgs[0], "%s", msg);
	c->n++;
}

static const char *
lookup(enum view_id view, const char *spec, enum keymap_match *m)
{
	struct keyseq	 seq;
	const char	*cmd = NULL;

	if (keyspec_parse(spec, &seq, why, sizeof why) != 0)
		return "(bad spec)";
	*m = keymap_lookup(view, seq.keys, seq.n, &cmd);
	return cmd != NULL ? cmd : "(none)";
}

static void
presets(void)
{
	enum keymap_match	m = KEYMAP_NONE;
	enum keymap_preset	p = KEYMAP_MUTT;

	ok(keymap_preset_parse("vi", &p) == 0 && p == KEYMAP_VI, "preset vi");
	ok(keymap_preset_parse("emacs", &p) == -1, "no preset emacs");
	is_int(keymap_setup(KEYMAP_MUTT, NULL, NULL, NULL), 0, "mutt preset without a config");
	is_str(lookup(VIEW_INDEX, "G", &m), "fetch-mail", "mutt: G fetches");
	is_int(m, KEYMAP_FOUND, "mutt: G is a whole binding");
	is_str(lookup(VIEW_INDEX, "g", &m), "(none)", "mutt: g is unbound");
	is_int(m, KEYMAP_NONE, "mutt: g is nothing");
	is_str(lookup(VIEW_PAGER, "j", &m), "next-entry", "mutt: j in the pager is the next message");

	is_int(keymap_setup(KEYMAP_VI, NULL, NULL, NULL), 0, "vi preset without a config");
	lookup(VIEW_INDEX, "g", &m);
	is_int(m, KEYMAP_PREFIX, "vi: g waits for more");
	is_str(lookup(VIEW_INDEX, "g g", &m), "first-entry", "vi: g g goes to the first entry");
	is_int(m, KEYMAP_FOUND, "vi: g g is a whole binding");
	is_str(lookup(VIEW_INDEX, "G", &m), "last-entry", "vi: G goes to the last entry");
	is_str(lookup(VIEW_INDEX, "g m", &m), "fetch-mail", "vi: mutt's G moved to g m");
	is_str(lookup(VIEW_INDEX, "j", &m), "next-entry", "vi: j inherited from mutt");
	is_str(lookup(VIEW_PAGER, "j", &m), "next-line", "vi: j in the pager scrolls a line");
	is_str(lookup(VIEW_PAGER, "C-d", &m), "next-page", "vi: C-d pages down");
	is_str(lookup(VIEW_INDEX, "N", &m), "search-opposite", "vi: N searches upwards");
}

static void
user_binds(void)
{
	static const char text[] =
	    "[general]\n"				/* 1 */
	    "keys = vi\n"				/* 2 */
	    "[bind index]\n"				/* 3 */
	    "x = limit ~F\n"				/* 4 */
	    "C-ü = quit\n"				/* 5 */
	    "g x = nosuch-command\n"			/* 6 */
	    "q = unbind\n"				/* 7 */
	    "C-f = first-entry\n"			/* 8 */
	    "^F = last-entry\n"				/* 9 */
	    "g g = last-entry\n"			/* 10 */
	    "F2 = limit ~N\n"				/* 11 */
	    "[bind pager]\n"				/* 12 */
	    "x = limit ~F\n"				/* 13 */
	    "[bind global]\n"				/* 14 */
	    "Z = quit\n"				/* 15 */
	    "j = help\n";				/* 16 */
	struct config		 cfg;
	struct bote_err		 err;
	struct collected	 c;
	enum keymap_match	 m = KEYMAP_NONE;
	const struct keymap_entry **b;
	size_t			 n, i;
	int			 seen_x = 0, seen_q = 0;
	char			 buf[64];

	if (config_parse("t", text, sizeof text - 1, &cfg, &err) != 0) {
		ok(0, "the config parses: %s", err.msg);
		return;
	}
	memset(&c, 0, sizeof c);
	is_int(keymap_setup(KEYMAP_VI, &cfg, collect, &c), 4, "four bad lines");
	is_str(c.msgs[0], "config 'config' line 5: unknown key 'C-ü'", "an unknown key, with its line");
	is_str(c.msgs[1], "config 'config' line 6: unknown command 'nosuch-command' in [bind index]",
	    "an unknown command, with its line");
	is_str(c.msgs[2], "config 'config' line 9: duplicate key '^F' in [bind index] (first at line 8)",
	    "the same key written two ways is a duplicate");
	is_str(c.msgs[3], "config 'config' line 13: command 'limit' does not work in [bind pager]",
	    "a command in a view where it does not work");

	is_str(lookup(VIEW_INDEX, "x", &m), "limit ~F", "a user binding with an argument");
	is_int(m, KEYMAP_FOUND, "x is bound");
	is_str(lookup(VIEW_INDEX, "q", &m), "(none)", "q unbound");
	is_int(m, KEYMAP_NONE, "an unbound key is nothing");
	is_str(lookup(VIEW_INDEX, "C-f", &m), "first-entry", "the first of the duplicates stays");
	is_str(lookup(VIEW_INDEX, "g g", &m), "last-entry", "a user binding replaces vi's g g");
	is_str(lookup(VIEW_INDEX, "F2", &m), "limit ~N", "a function key");
	is_str(lookup(VIEW_PAGER, "x", &m), "(none)", "the refused pager line left x unbound");
	is_str(lookup(VIEW_PAGER, "Z", &m), "quit", "[bind global] reaches the pager");
	is_str(lookup(VIEW_FOLDERS, "Z", &m), "quit", "... and the folder list");
	is_str(lookup(VIEW_PAGER, "j", &m), "help", "[bind global] wins over a preset's binding");
	is_str(lookup(VIEW_INDEX, "g x", &m), "(none)", "the refused g x is not bound");
	lookup(VIEW_INDEX, "g", &m);
	is_int(m, KEYMAP_PREFIX, "g still starts sequences");

	n = keymap_view_bindings(VIEW_INDEX, &b);
	for (i = 0; i < n; i++) {
		keyspec_seq_name(&b[i]->seq, buf, sizeof buf);
		if (strcmp(buf, "x") == 0 && strcmp(b[i]->command, "limit ~F") == 0)
			seen_x++;
		if (strcmp(buf, "q") == 0)
			seen_q++;
	}
	is_int(seen_x, 1, "help lists the user's x once");
	is_int(seen_q, 0, "help leaves out the unbound q");
	keymap_free();
	config_free(&cfg);
}

int
main(void)
{
	names();
	tables();
	presets();
	user_binds();
	return done_testing();
}
