/* theme.c - reading "color ELEMENT FG BG [ATTR...]" theme files into curses colour pairs. */
#include "theme.h"

#include <curses.h>
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
	short	fg, bg;
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

static int
parse_color(const char *s, short *out)
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
			*out = (short)i;
			return 0;
		}
		if (strncasecmp(s, "bright", 6) == 0 && strcasecmp(s + 6, names[i]) == 0) {
			*out = (short)(i + 8);
			return 0;
		}
	}
	if (strncasecmp(s, "color", 5) == 0) {
		n = strtol(s + 5, &end, 10);
		if (*end == '\0' && n >= 0 && n < 256) {
			*out = (short)n;
			return 0;
		}
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
theme_parse_line(const char *line, enum theme_elem *elem, short *fg, short *bg, int *attrs)
{
	char	 copy[512], *tok, *save = NULL;
	int	 i, n = 0;

	snprintf(copy, sizeof copy, "%s", line);
	if ((tok = strchr(copy, '#')) != NULL)
		*tok = '\0';
	*attrs = 0;
	for (tok = strtok_r(copy, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save), n++) {
		if (n == 0 && strcmp(tok, "color") != 0)
			return -1;
		if (n == 1) {
			for (i = 0; i < TH_COUNT; i++)
				if (strcmp(tok, elem_names[i]) == 0)
					break;
			if (i == TH_COUNT)
				return -1;
			*elem = (enum theme_elem)i;
		}
		if (n == 2 && parse_color(tok, fg) != 0)
			return -1;
		if (n == 3 && parse_color(tok, bg) != 0)
			return -1;
		if (n >= 4 && parse_attr(tok, attrs) != 0)
			return -1;
	}
	return n == 0 ? 1 : (n >= 4 ? 0 : -1);	/* 1: blank or comment line */
}

static void
apply(void)
{
	int	i, pair;

	for (i = 0; i < TH_COUNT; i++) {
		attrs_cache[i] = current[i].attrs;
		if (!has_colors())
			continue;
		pair = i + 1;
		if ((current[i].fg >= COLORS) || (current[i].bg >= COLORS))
			continue;	/* a 256-colour theme on an 8-colour terminal */
		init_pair((short)pair, current[i].fg, current[i].bg);
		attrs_cache[i] |= COLOR_PAIR(pair);
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

int
theme_load(const char *name, char *errbuf, size_t errlen)
{
	FILE		*f;
	char		 line[512];
	enum theme_elem	 elem = TH_NORMAL;
	short		 fg, bg;
	int		 attrs, lineno = 0, rc = 0, r;

	memcpy(current, builtin, sizeof current);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	if ((f = open_theme(name)) == NULL) {
		snprintf(errbuf, errlen, _("theme '%s' not found, using built-in colours"), name);
		apply();
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		r = theme_parse_line(line, &elem, &fg, &bg, &attrs);
		if (r == 0) {
			current[elem].fg = fg;
			current[elem].bg = bg;
			current[elem].attrs = attrs;
		} else if (r < 0 && rc == 0) {
			snprintf(errbuf, errlen, _("theme '%s' line %d not understood"), name,
			    lineno);
			rc = -1;
		}
	}
	fclose(f);
	apply();
	return rc;
}

int
theme_attr(enum theme_elem e)
{
	return attrs_cache[e];
}
