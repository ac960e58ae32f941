/* t_theme.c - theme lines parse into the right element, colours and attributes, bad ones say why; shipped themes are valid. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "theme.h"

static char	why[256];

static int
parse(const char *line, enum theme_elem *elem, int *fg, int *bg, int *attrs)
{
	why[0] = '\0';
	return theme_parse_line(line, elem, fg, bg, attrs, why, sizeof why);
}

static void
check_file(const char *path)
{
	FILE		*f = fopen(path, "r");
	char		 line[512];
	enum theme_elem	 elem;
	int		 fg, bg, attrs, lineno = 0, bad = 0, seen[TH_COUNT] = { 0 }, missing = 0, i;

	if (f == NULL) {
		ok(0, "open %s", path);
		return;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		switch (parse(line, &elem, &fg, &bg, &attrs)) {
		case 0:
			seen[elem] = 1;
			break;
		case 1:
			break;
		default:
			diag("%s:%d: %s", path, lineno, why);
			bad++;
		}
	}
	fclose(f);
	for (i = 0; i < TH_COUNT; i++)
		missing += !seen[i];
	is_int(bad, 0, "%s: every line parses", path);
	is_int(missing, 0, "%s: every element is set", path);
}

/* REFUSED(line, reason): the line is an error with exactly this reason. */
#define REFUSED(line, reason, name) do {					\
	is_int(parse(line, &elem, &fg, &bg, &attrs), -1, "%s", name);		\
	is_str(why, reason, "%s: the reason", name);				\
} while (0)

struct collected {
	char	msgs[4][768];
	int	n;
};

static void
collect(void *arg, const char *msg)
{
	struct collected	*c = arg;

	if (c->n < 4)
		snprintf(c->msgs[c->n], sizeof c->msgs[0], "%s", msg);
	c->n++;
}

int
main(void)
{
	enum theme_elem	 elem = TH_NORMAL;
	int		 fg = 0, bg = 0, attrs = 0;
	const char	*src = getenv("top_srcdir");
	char		 path[512], want[1024];
	static const char *const themes[] = { "default", "light", "mono", "256" };
	struct collected c;
	FILE		*f;
	size_t		 i;

	is_int(parse("color quote cyan default", &elem, &fg, &bg, &attrs), 0,
	    "a plain line parses");
	is_int(elem, TH_QUOTE, "element quote");
	is_int(fg, COLOR_CYAN, "foreground cyan");
	is_int(bg, -1, "background default is -1");
	is_int(parse("color status brightwhite color236 bold underline  # c",
	    &elem, &fg, &bg, &attrs), 0, "bright, colorN, attributes and a comment");
	is_int(elem, TH_STATUS, "element status");
	is_int(fg, 15, "brightwhite is 15");
	is_int(bg, 236, "color236 is 236");
	ok(attrs == (A_BOLD | A_UNDERLINE), "bold and underline");
	is_int(parse("color title #ff8800 #000000 # orange on black", &elem, &fg, &bg, &attrs), 0,
	    "#rrggbb colours, then a comment");
	is_int(fg, THEME_RGB(0xff, 0x88, 0x00), "#ff8800");
	is_int(bg, THEME_RGB(0, 0, 0), "#000000 is black, not the default");
	is_int(parse("   # only a comment", &elem, &fg, &bg, &attrs), 1,
	    "comment line is skipped");
	is_int(parse("#a0b0c0 looks like a colour but starts the line", &elem, &fg, &bg, &attrs),
	    1, "a '#' first on the line is always a comment");
	is_int(parse("", &elem, &fg, &bg, &attrs), 1, "empty line is skipped");
	REFUSED("color nosuch red blue", "unknown element 'nosuch'", "unknown element");
	REFUSED("color quote pink blue",
	    "unknown colour 'pink' (use a name, color0 to color255 or #rrggbb)", "unknown colour");
	REFUSED("color quote red", "missing colour: write color ELEMENT FOREGROUND BACKGROUND",
	    "missing background");
	REFUSED("color quote red blue blink", "unknown attribute 'blink'", "unknown attribute");
	REFUSED("colour quote red blue",
	    "expected 'color ELEMENT FOREGROUND BACKGROUND', not 'colour'", "unknown keyword");
	REFUSED("color quote color256 blue",
	    "unknown colour 'color256' (use a name, color0 to color255 or #rrggbb)",
	    "colour number out of range");
	REFUSED("color quote #12345 blue",
	    "unknown colour '#12345' (use a name, color0 to color255 or #rrggbb)",
	    "#rrggbb with five digits");
	REFUSED("color quote #1234567 blue",
	    "unknown colour '#1234567' (use a name, color0 to color255 or #rrggbb)",
	    "#rrggbb with seven digits");

	/* Colours on terminals that have fewer. */
	is_int(theme_map_color(-1, 8, 0), -1, "default stays default");
	is_int(theme_map_color(3, 8, 0), 3, "a basic colour stays on 8 colours");
	is_int(theme_map_color(196, 256, 0), 196, "color196 stays on 256 colours");
	is_int(theme_map_color(196, 8, 0), COLOR_RED, "color196 is red on 8 colours");
	is_int(theme_map_color(THEME_RGB(0xff, 0, 0), 256, 0), 196,
	    "#ff0000 is color196 on 256 colours");
	is_int(theme_map_color(THEME_RGB(0x80, 0x80, 0x80), 256, 0), 244,
	    "#808080 is the grey color244");
	is_int(theme_map_color(THEME_RGB(0, 0, 0xee), 8, 0), COLOR_BLUE,
	    "#0000ee is blue on 8 colours");
	is_int(theme_map_color(THEME_RGB(0x12, 0x34, 0x56), 1 << 24, 1), 0x123456,
	    "#123456 itself on a direct-colour terminal");
	is_int(theme_map_color(196, 1 << 24, 1), 0xff0000,
	    "color196 as its RGB value on a direct-colour terminal");
	is_int(theme_map_color(2, 1 << 24, 1), 2, "ANSI green stays ANSI on direct colour");

	for (i = 0; i < sizeof themes / sizeof themes[0]; i++) {
		snprintf(path, sizeof path, "%s/themes/%s.theme", src ? src : ".", themes[i]);
		check_file(path);
	}

	/* theme_load names the theme and line of each bad line and goes on. */
	snprintf(path, sizeof path, "%s/bad.theme", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if ((f = fopen(path, "w")) == NULL) {
		ok(0, "cannot write %s", path);
		return done_testing();
	}
	fputs("# a test theme\ncolor quote red default\ncolor qoute red default\n\n"
	    "color title red\n", f);
	fclose(f);
	memset(&c, 0, sizeof c);
	is_int(theme_load(path, collect, &c), 2, "two bad lines counted");
	is_int(c.n, 2, "two problems reported");
	snprintf(want, sizeof want, "theme '%s' line 3: unknown element 'qoute'", path);
	is_str(c.msgs[0], want, "line 3 named with its reason");
	snprintf(want, sizeof want,
	    "theme '%s' line 5: missing colour: write color ELEMENT FOREGROUND BACKGROUND", path);
	is_str(c.msgs[1], want, "line 5 named with its reason");
	unlink(path);
	memset(&c, 0, sizeof c);
	is_int(theme_load("nosuch-theme", collect, &c), 1, "a missing theme is one problem");
	is_str(c.msgs[0], "theme 'nosuch-theme' not found, using built-in colours",
	    "a missing theme is named");
	return done_testing();
}
