/* t_theme.c - theme lines parse into the right element, colours and attributes; shipped themes are valid. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "theme.h"

static void
check_file(const char *path)
{
	FILE		*f = fopen(path, "r");
	char		 line[512];
	enum theme_elem	 elem;
	short		 fg, bg;
	int		 attrs, lineno = 0, bad = 0, seen[TH_COUNT] = { 0 }, missing = 0, i;

	if (f == NULL) {
		ok(0, "open %s", path);
		return;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		switch (theme_parse_line(line, &elem, &fg, &bg, &attrs)) {
		case 0:
			seen[elem] = 1;
			break;
		case 1:
			break;
		default:
			diag("%s:%d not understood: %s", path, lineno, line);
			bad++;
		}
	}
	fclose(f);
	for (i = 0; i < TH_COUNT; i++)
		missing += !seen[i];
	is_int(bad, 0, "%s: every line parses", path);
	is_int(missing, 0, "%s: every element is set", path);
}

int
main(void)
{
	enum theme_elem	 elem = TH_NORMAL;
	short		 fg = 0, bg = 0;
	int		 attrs = 0;
	const char	*src = getenv("top_srcdir");
	char		 path[1024];
	static const char *const themes[] = { "default", "light", "mono" };
	size_t		 i;

	is_int(theme_parse_line("color quote cyan default", &elem, &fg, &bg, &attrs), 0,
	    "a plain line parses");
	is_int(elem, TH_QUOTE, "element quote");
	is_int(fg, COLOR_CYAN, "foreground cyan");
	is_int(bg, -1, "background default is -1");
	is_int(theme_parse_line("color status brightwhite color236 bold underline  # c",
	    &elem, &fg, &bg, &attrs), 0, "bright, colorN, attributes and a comment");
	is_int(elem, TH_STATUS, "element status");
	is_int(fg, 15, "brightwhite is 15");
	is_int(bg, 236, "color236 is 236");
	ok(attrs == (A_BOLD | A_UNDERLINE), "bold and underline");
	is_int(theme_parse_line("   # only a comment", &elem, &fg, &bg, &attrs), 1,
	    "comment line is skipped");
	is_int(theme_parse_line("", &elem, &fg, &bg, &attrs), 1, "empty line is skipped");
	is_int(theme_parse_line("color nosuch red blue", &elem, &fg, &bg, &attrs), -1,
	    "unknown element is an error");
	is_int(theme_parse_line("color quote pink blue", &elem, &fg, &bg, &attrs), -1,
	    "unknown colour is an error");
	is_int(theme_parse_line("color quote red", &elem, &fg, &bg, &attrs), -1,
	    "missing background is an error");
	is_int(theme_parse_line("color quote red blue blink", &elem, &fg, &bg, &attrs), -1,
	    "unknown attribute is an error");
	is_int(theme_parse_line("colour quote red blue", &elem, &fg, &bg, &attrs), -1,
	    "unknown keyword is an error");
	is_int(theme_parse_line("color quote color256 blue", &elem, &fg, &bg, &attrs), -1,
	    "colour number out of range is an error");
	for (i = 0; i < sizeof themes / sizeof themes[0]; i++) {
		snprintf(path, sizeof path, "%s/themes/%s.theme", src ? src : ".", themes[i]);
		check_file(path);
	}
	return done_testing();
}
