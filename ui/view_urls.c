/* view_urls.c - the URL picker: the links of the message in the pager, opened by the url_opener. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach/attach.h"
#include "attach/mailcap.h"
#include "commands.h"
#include "draw.h"
#include "theme.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "view_attach.h"

#define DEFAULT_OPENER	"xdg-open"

void
view_urls_update(struct tui *t)
{
	struct attach_ui	*a = t->att;
	size_t			 i;

	if (a->urls_of == t->msg.lines && a->urls_nlines == t->msg.nlines)
		return;
	url_list_free(&a->urls);
	for (i = 0; i < t->msg.nlines; i++)
		url_extract(&a->urls, t->msg.lines[i].text, strlen(t->msg.lines[i].text));
	a->urls_of = t->msg.lines;
	a->urls_nlines = t->msg.nlines;
	if (a->usel >= a->urls.n)
		a->usel = 0;
}

void
view_urls_draw(struct tui *t)
{
	struct attach_ui	*a;
	int			 rows = tui_body_rows(), y, attr;
	size_t			 i, n;
	char			 num[32], status[128];

	view_attach_cursor(t, &n);	/* creates the state, extracts the links */
	a = t->att;
	if (n == 0)
		draw_row(1, 0, t->render_req != 0 ? _("Opening message...") :
		    _("This message has no links."), COLS, theme_attr(TH_NOTE));
	if (a->usel < a->utop)
		a->utop = a->usel;
	if (a->usel >= a->utop + (size_t)rows)
		a->utop = a->usel - (size_t)rows + 1;
	for (y = 0, i = a->utop; y < rows && i < n; y++, i++) {
		attr = i == a->usel ? theme_attr(TH_INDICATOR) : theme_attr(TH_NORMAL);
		draw_fill(1 + y, 0, COLS, attr);
		snprintf(num, sizeof num, "%4zu  ", i + 1);
		draw_text(1 + y, 0, num, COLS, attr);
		/* Links come from the mail: draw_text sanitizes them. */
		draw_text(1 + y, 6, a->urls.v[i], COLS - 6, attr);
	}
	snprintf(status, sizeof status, P_("-- bote: %zu link --", "-- bote: %zu links --", n),
	    n);
	draw_row(LINES - 2, 0, status, COLS, theme_attr(TH_STATUS));
}

int
cmd_view_urls(struct tui *t, const char *arg)
{
	(void)arg;
	view_attach_enter(t, VIEW_URLS);
	return 0;
}

/*
 * The opener's words (config, trusted) and the link as one more argument,
 * or in place of %s; with shell syntax the link is "$1" for sh, never
 * part of the script.
 */
int
cmd_open_url(struct tui *t, const char *arg)
{
	struct mailcap_vars	 vars = { NULL, NULL, NULL };
	struct bote_err		 err;
	const char		*opener = t->cfg.url_opener ? t->cfg.url_opener : DEFAULT_OPENER;
	const char		*url;
	char			**argv;
	size_t			 n, *sel = view_attach_cursor(t, &n);
	int			 uses_file;

	(void)arg;
	if (n == 0) {
		tui_error(t, "%s", _("This message has no links."));
		return -1;
	}
	url = t->att->urls.v[*sel];
	if (!url_ok(url)) {
		tui_error(t, "%s", _("This link holds control characters; not opened."));
		return -1;
	}
	vars.file = url;
	if (mailcap_command(opener, &vars, &argv, &uses_file, &err) != 0) {
		tui_error(t, "url_opener: %s", err.msg);
		return -1;
	}
	if (!uses_file) {
		for (n = 0; argv[n] != NULL; n++)
			;
		argv = xreallocarray(argv, n + 2, sizeof *argv);
		argv[n] = xstrdup(url);
		argv[n + 1] = NULL;
	}
	if (attach_spawn_detached((const char *const *)argv, NULL, &err) != 0)
		tui_error(t, "%s", err.msg);
	else
		tui_message(t, _("Opening %s"), url);
	attach_argv_free(argv);
	return 0;
}
