/* commands_list.c - message list power: sort, threads, limit, tags and pattern search. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "core/flags.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The argument, or what the user types at a prompt; NULL when cancelled or empty. */
static const char *
arg_or_prompt(struct tui *t, const char *arg, const char *label, char *buf, size_t len)
{
	if (arg != NULL && arg[0] != '\0')
		return arg;
	if (tui_prompt(t, label, "", buf, len) != 0 || buf[0] == '\0')
		return NULL;
	return buf;
}

static int
set_sort(struct tui *t, const char *arg, int reverse)
{
	char		 buf[64];
	enum sort_key	 key;

	arg = arg_or_prompt(t, arg, reverse ?
	    _("Reverse sort by (d)ate, (f)rom, (s)ubject, si(z)e or (t)hread: ") :
	    _("Sort by (d)ate, (f)rom, (s)ubject, si(z)e or (t)hread: "), buf, sizeof buf);
	if (arg == NULL)
		return 0;
	if (strcmp(arg, "t") == 0 || strcmp(arg, "thread") == 0 || strcmp(arg, "threads") == 0)
		t->list.threaded = 1;
	else if (sort_key_parse(arg, &key) == 0) {
		t->list.threaded = 0;
		t->list.key = key;
	} else {
		tui_error(t, _("Unknown sort order '%s'."), arg);
		return -1;
	}
	t->list.reverse = reverse;
	listing_rebuild(t, 1);
	return 0;
}

int
cmd_sort_mailbox(struct tui *t, const char *arg)
{
	return set_sort(t, arg, 0);
}

int
cmd_sort_reverse(struct tui *t, const char *arg)
{
	return set_sort(t, arg, 1);
}

/* Parse a pattern, reporting a bad one on the status line. */
static struct pattern *
parse(struct tui *t, const char *text)
{
	struct bote_err	 err;
	struct pattern	*p = pattern_parse(text, &err);

	if (p == NULL)
		tui_error(t, "%s", err.msg);
	return p;
}

int
cmd_limit(struct tui *t, const char *arg)
{
	char		 buf[512];
	struct pattern	*p;

	if ((arg = arg_or_prompt(t, arg, _("Limit to messages matching: "), buf,
	    sizeof buf)) == NULL)
		return 0;
	if (strcmp(arg, "all") == 0 || strcmp(arg, "~A") == 0 || strcmp(arg, ".") == 0) {
		pattern_free(t->list.limit);
		t->list.limit = NULL;
		free(t->list.limit_text);
		t->list.limit_text = NULL;
		listing_rebuild(t, 0);
		return 0;
	}
	if ((p = parse(t, arg)) == NULL)
		return -1;
	pattern_free(t->list.limit);
	t->list.limit = p;
	free(t->list.limit_text);
	t->list.limit_text = xstrdup(arg);
	free(t->list.match);
	t->list.match = NULL;
	t->list.nmatch = 0;
	listing_rebuild(t, 0);
	if (pattern_needs_body(p))
		tui_request_search(t, p, arg, SEARCH_LIMIT);
	else if (t->list.n == 0)
		tui_message(t, "%s", _("No messages match; 'limit all' shows them again."));
	return 0;
}

/* Tag (set = 1) or untag every row matching a pattern; text patterns go to the worker. */
static int
tag_by_pattern(struct tui *t, const char *arg, int set)
{
	char		 buf[512];
	struct pattern	*p;
	size_t		 i, n = 0;
	time_t		 now = time(NULL);

	if ((arg = arg_or_prompt(t, arg, set ? _("Tag messages matching: ") :
	    _("Untag messages matching: "), buf, sizeof buf)) == NULL)
		return 0;
	if ((p = parse(t, arg)) == NULL)
		return -1;
	for (i = 0; i < t->rows.n; i++) {
		if (pattern_match(p, &t->rows.v[i], (t->rows.v[i].flags & FLAG_TAGGED) != 0, now) !=
		    PAT_YES)
			continue;
		if (set)
			t->rows.v[i].flags |= FLAG_TAGGED;
		else
			t->rows.v[i].flags &= ~FLAG_TAGGED;
		n++;
	}
	if (set && pattern_needs_body(p))
		tui_request_search(t, p, arg, SEARCH_TAG);
	else
		tui_message(t, set ? P_("%zu message tagged.", "%zu messages tagged.", n) :
		    P_("%zu message untagged.", "%zu messages untagged.", n), n);
	pattern_free(p);
	listing_rebuild(t, 0);
	return 0;
}

int
cmd_tag_pattern(struct tui *t, const char *arg)
{
	return tag_by_pattern(t, arg, 1);
}

int
cmd_untag_pattern(struct tui *t, const char *arg)
{
	return tag_by_pattern(t, arg, 0);
}

int
cmd_tag_entry(struct tui *t, const char *arg)
{
	struct summary	*r = listing_current(t);

	(void)arg;
	if (r == NULL) {
		tui_error(t, "%s", _("No message selected."));
		return -1;
	}
	r->flags ^= FLAG_TAGGED;
	if (t->sel + 1 < t->list.n)
		t->sel++;
	return 0;
}

int
cmd_tag_prefix(struct tui *t, const char *arg)
{
	(void)arg;
	t->tag_prefix = 1;
	tui_message(t, "%s", _("Tag-"));
	return 0;
}

/*
 * Next row (after the cursor, wrapping; before it when t->search_back)
 * that the pattern decides from its summary.
 */
static int
find_next(struct tui *t, const struct pattern *p)
{
	size_t	i, pos;
	time_t	now = time(NULL);

	for (i = 1; i <= t->list.n; i++) {
		pos = t->search_back ? (t->sel + t->list.n - i) % t->list.n :
		    (t->sel + i) % t->list.n;
		if (pattern_match(p, listing_row(t, pos), (listing_row(t, pos)->flags &
		    FLAG_TAGGED) != 0, now) == PAT_YES) {
			if (!t->search_back && pos <= t->sel)
				tui_message(t, "%s", _("Search wrapped to top."));
			else if (t->search_back && pos >= t->sel)
				tui_message(t, "%s", _("Search wrapped to bottom."));
			t->sel = pos;
			view_index_clamp(t);
			return 1;
		}
	}
	return 0;
}

int
cmd_index_search(struct tui *t, const char *arg, int again)
{
	char		 buf[512];
	struct pattern	*p;

	if (!again || t->isearch == NULL) {
		if ((arg = arg_or_prompt(t, arg, _("Search for: "), buf, sizeof buf)) == NULL)
			return 0;
		free(t->isearch);
		t->isearch = xstrdup(arg);
	}
	if ((p = parse(t, t->isearch)) == NULL)
		return -1;
	if (t->list.n == 0)
		tui_error(t, "%s", _("No messages."));
	else if (!find_next(t, p)) {
		if (pattern_needs_body(p))
			tui_request_search(t, p, t->isearch, SEARCH_FIND);
		else
			tui_error(t, _("Not found: %s"), t->isearch);
	}
	pattern_free(p);
	return 0;
}

int
cmd_collapse_thread(struct tui *t, const char *arg)
{
	size_t	first, i;

	(void)arg;
	if (!t->list.threaded || t->list.tv == NULL || t->list.n == 0) {
		tui_error(t, "%s", _("Threads are off: sort by thread first (o t)."));
		return -1;
	}
	first = thread_toggle(t->list.tv, t->list.tpos[t->sel]);
	listing_rebuild(t, 0);
	for (i = 0; i < t->list.n; i++)
		if (t->list.tpos[i] == first)
			t->sel = i;
	view_index_clamp(t);
	return 0;
}

int
cmd_collapse_all(struct tui *t, const char *arg)
{
	(void)arg;
	if (!t->list.threaded || t->list.tv == NULL) {
		tui_error(t, "%s", _("Threads are off: sort by thread first (o t)."));
		return -1;
	}
	thread_toggle_all(t->list.tv);
	listing_rebuild(t, 0);
	return 0;
}

int
cmd_cancel(struct tui *t, const char *arg)
{
	(void)arg;
	t->tag_prefix = 0;
	if (t->search_req != 0) {
		worker_cancel(t->w, t->search_req);
		return 0;
	}
	if (t->fetch_req != 0) {
		worker_cancel(t->w, t->fetch_req);
		tui_message(t, "%s", _("Cancelling the fetch..."));
		return 0;
	}
	if (t->open_req != 0 && t->loading) {
		worker_cancel(t->w, t->open_req);
		tui_message(t, "%s", _("Loading cancelled."));
	}
	return 0;
}
