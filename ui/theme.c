/*
 * theme.c - reading "color ELEMENT FG BG [ATTR...]" theme files into curses colour pairs.
 *
 * Colours are names, colorN (the 256-colour palette) or #rrggbb.  On a
 * terminal whose description has direct colour (xterm-direct, COLORS of
 * 2^24) #rrggbb is drawn exactly; elsewhere each colour becomes the
 * nearest the terminal has, so one theme works everywhere.
 */
#include "theme.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/i18n.h"

static const char *const elem_names[TH_COUNT] = {
	"normal", "title", "status", "message", "error", "indicator", "unread",
	"flagged", "deleted", "folder_unread", "header_name", "header_value",
	"quote", "signature", "attachment", "note", "search",
};

struct theme_spec {
	int	fg, bg;
	int	attrs;
};

/* Built-in colours: the same as themes/default.theme, used when it cannot be read. */
static const struct theme_spec builtin[TH_COUNT] = {
	[TH_NORMAL] = { -1, -1, 0 },
	[TH_TITLE] = { COLOR_BLACK, COLOR_CYAN, 0 },
	[TH_STATUS] = { COLOR_BLACK, COLOR_CYAN, 0 },
	[TH_MESSAGE] = { -1, -1, 0 },
	[TH_ERROR] = { COLOR_RED, -1, A_BOLD },
	[TH_INDICATOR] = { COLOR_BLACK, COLOR_WHITE, 0 },
	[TH_UNREAD] = { -1, -1, A_BOLD },
	[TH_FLAGGED] = { COLOR_RED, -1, 0 },
	[TH_DELETED] = { COLOR_YELLOW, -1, 0 },
	[TH_FOLDER_UNREAD] = { -1, -1, A_BOLD },
	[TH_HEADER_NAME] = { COLOR_GREEN, -1, A_BOLD },
	[TH_HEADER_VALUE] = { -1, -1, 0 },
	[TH_QUOTE] = { COLOR_CYAN, -1, 0 },
	[TH_SIGNATURE] = { COLOR_BLUE, -1, 0 },
	[TH_ATTACHMENT] = { COLOR_MAGENTA, -1, 0 },
	[TH_NOTE] = { COLOR_YELLOW, -1, 0 },
	[TH_SEARCH] = { COLOR_BLACK, COLOR_YELLOW, 0 },
};

static struct theme_spec current[TH_COUNT];
static int attrs_cache[TH_COUNT];

/* The xterm palette: 16 basic colours, a 6x6x6 cube, 24 greys. */
static int
palette_rgb(int n)
{
	static const int	basic[16] = {
		0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
		0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
	};
	static const int	level[6] = { 0, 95, 135, 175, 215, 255 };
	int			g;

	if (n < 16)
		return basic[n];
	if (n < 232) {
		n -= 16;
		return level[n / 36] << 16 | level[(n / 6) % 6] << 8 | level[n % 6];
	}
	g = 8 + (n - 232) * 10;
	return g << 16 | g << 8 | g;
}

static long
distance(int a, int b)
{
	long	dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
	long	dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
	long	db = (a & 0xff) - (b & 0xff);

	/* Weighted as the eye sees it: green counts most, blue least. */
	return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

/*
 * The palette colour nearest to rgb: of the 16 basic ones on 8- and
 * 16-colour terminals, else of the cube and greys, which are the same on
 * every terminal (people give the basic 16 colours their own shades).
 */
static int
nearest(int rgb, int limit)
{
	long	best = -1, d;
	int	i, pick = 0;

	for (i = limit > 16 ? 16 : 0; i < limit; i++) {
		d = distance(rgb, palette_rgb(i));
		if (best == -1 || d < best) {
			best = d;
			pick = i;
		}
	}
	return pick;
}

int
theme_map_color(int c, int ncolors, int direct)
{
	int	rgb;

	if (c < 0)
		return -1;
	if (direct) {
		/* Below 8 a direct-colour terminal still takes the ANSI colours. */
		if (c < 8)
			return c;
		rgb = c & THEME_RGB_FLAG ? c & 0xffffff : palette_rgb(c);
		return rgb < 8 ? 8 : rgb;	/* near-black, not an ANSI colour */
	}
	if (!(c & THEME_RGB_FLAG) && c < ncolors)
		return c;
	rgb = c & THEME_RGB_FLAG ? c & 0xffffff : palette_rgb(c);
	return nearest(rgb, ncolors >= 256 ? 256 : ncolors >= 16 ? 16 : 8);
}

static int
parse_color(const char *s, int *out)
{
	static const char *const names[] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	};
	size_t	i;
	char	*end;
	long	n;

	if (strcasecmp(s, "default") == 0) {
		*out = -1;
		return 0;
	}
	for (i = 0; i < 8; i++) {
		if (strcasecmp(s, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
		if (strncasecmp(s, "bright", 6) == 0 && strcasecmp(s + 6, names[i]) == 0) {
			*out = (int)(i + 8);
			return 0;
		}
	}
	if (strncasecmp(s, "color", 5) == 0 && s[5] >= '0' && s[5] <= '9') {
		n = strtol(s + 5, &end, 10);
		if (*end == '\0' && n >= 0 && n < 256) {
			*out = (int)n;
			return 0;
		}
	}
	if (s[0] == '#' && strlen(s) == 7 && strspn(s + 1, "0123456789abcdefABCDEF") == 6) {
		*out = THEME_RGB_FLAG | (int)strtol(s + 1, NULL, 16);
		return 0;
	}
	return -1;
}

static int
parse_attr(const char *s, int *attrs)
{
	if (strcasecmp(s, "bold") == 0)
		*attrs |= A_BOLD;
	else if (strcasecmp(s, "underline") == 0)
		*attrs |= A_UNDERLINE;
	else if (strcasecmp(s, "reverse") == 0)
		*attrs |= A_REVERSE;
	else if (strcasecmp(s, "dim") == 0)
		*attrs |= A_DIM;
	else if (strcasecmp(s, "italic") == 0)
		*attrs |= A_ITALIC;
	else if (strcasecmp(s, "none") != 0)
		return -1;
	return 0;
}

int
theme_parse_line(const char *line, enum theme_elem *elem, int *fg, int *bg, int *attrs,
    char *why, size_t whylen)
{
	char	 copy[512], *tok, *save = NULL, *hash, *first;
	int	 i, n = 0;

	snprintf(copy, sizeof copy, "%s", line);
	/*
	 * A '#' starts a comment, unless a word of hex digits follows it
	 * after the first word: that is a colour (#rrggbb), right or wrong.
	 */
	first = copy + strspn(copy, " \t");
	for (hash = copy; (hash = strchr(hash, '#')) != NULL; hash++) {
		size_t hex = strspn(hash + 1, "0123456789abcdefABCDEF");

		if (hash != first && hex > 0 && strchr(" \t\r\n", hash[1 + hex]) != NULL)
			continue;
		*hash = '\0';
		break;
	}
	*attrs = 0;
	for (tok = strtok_r(copy, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save), n++) {
		if (n == 0 && strcmp(tok, "color") != 0) {
			snprintf(why, whylen, _("expected 'color ELEMENT FOREGROUND BACKGROUND', not '%s'"),
			    tok);
			return -1;
		}
		if (n == 1) {
			for (i = 0; i < TH_COUNT; i++)
				if (strcmp(tok, elem_names[i]) == 0)
					break;
			if (i == TH_COUNT) {
				snprintf(why, whylen, _("unknown element '%s'"), tok);
				return -1;
			}
			*elem = (enum theme_elem)i;
		}
		if ((n == 2 && parse_color(tok, fg) != 0) ||
		    (n == 3 && parse_color(tok, bg) != 0)) {
			snprintf(why, whylen,
			    _("unknown colour '%s' (use a name, color0 to color255 or #rrggbb)"), tok);
			return -1;
		}
		if (n >= 4 && parse_attr(tok, attrs) != 0) {
			snprintf(why, whylen, _("unknown attribute '%s'"), tok);
			return -1;
		}
	}
	if (n > 0 && n < 4) {
		snprintf(why, whylen, "%s", _("missing colour: write color ELEMENT FOREGROUND BACKGROUND"));
		return -1;
	}
	return n == 0 ? 1 : 0;
}

/* Direct colour: the terminal description says so (COLORS of 2^24). */
static int
direct_color(void)
{
	return COLORS >= 0x1000000;
}

static void
apply(void)
{
	int	i, fg, bg, direct = direct_color();

	for (i = 0; i < TH_COUNT; i++) {
		attrs_cache[i] = current[i].attrs;
		if (!has_colors())
			continue;
		fg = theme_map_color(current[i].fg, COLORS, direct);
		bg = theme_map_color(current[i].bg, COLORS, direct);
		init_extended_pair(i + 1, fg, bg);
		attrs_cache[i] |= COLOR_PAIR(i + 1);
	}
	/* Without colours the selection and bars must still stand out. */
	if (!has_colors()) {
		attrs_cache[TH_INDICATOR] |= A_REVERSE;
		attrs_cache[TH_TITLE] |= A_REVERSE;
		attrs_cache[TH_STATUS] |= A_REVERSE;
		attrs_cache[TH_SEARCH] |= A_REVERSE;
	}
}

static FILE *
open_in(const char *dir, const char *name)
{
	char	path[4096];
	int	n = snprintf(path, sizeof path, "%s/themes/%s.theme", dir, name);

	if (n < 0 || (size_t)n >= sizeof path)
		return NULL;
	return fopen(path, "r");
}

/*
 * Theme directories in order: $BOTE_DATADIR/themes, the installed one, and
 * themes/ beside the executable, so that ./bote in a fresh build tree (the
 * README's demo command) finds its colours without being installed.
 */
static FILE *
open_theme(const char *name)
{
	const char	*dir = getenv("BOTE_DATADIR");
	char		 exe[4096], *slash;
	ssize_t		 n;
	FILE		*f = NULL;

	if (strchr(name, '/') != NULL)
		return fopen(name, "r");
	if (dir != NULL)
		f = open_in(dir, name);
	if (f == NULL)
		f = open_in(PKGDATADIR, name);
	if (f == NULL && (n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			f = open_in(exe, name);
		}
	}
	return f;
}

static void __attribute__((format(printf, 3, 4)))
say(void (*report)(void *, const char *), void *arg, const char *fmt, ...)
{
	char	msg[768];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (report != NULL)
		report(arg, msg);
}

int
theme_load(const char *name, void (*report)(void *, const char *), void *arg)
{
	FILE		*f;
	char		 line[512], why[256];
	enum theme_elem	 elem = TH_NORMAL;
	int		 fg, bg, attrs, lineno = 0, problems = 0;

	memcpy(current, builtin, sizeof current);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	if ((f = open_theme(name)) == NULL) {
		say(report, arg, _("theme '%s' not found, using built-in colours"), name);
		apply();
		return 1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		switch (theme_parse_line(line, &elem, &fg, &bg, &attrs, why, sizeof why)) {
		case 0:
			current[elem].fg = fg;
			current[elem].bg = bg;
			current[elem].attrs = attrs;
			break;
		case 1:
			break;
		default:
			say(report, arg, _("theme '%s' line %d: %s"), name, lineno, why);
			problems++;
		}
	}
	fclose(f);
	apply();
	return problems;
}

int
theme_attr(enum theme_elem e)
{
	return attrs_cache[e];
}
