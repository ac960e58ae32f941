/*
 * tui.c - the terminal UI's life: start-up, the main loop, the status line and prompts.
 *
 * The loop drains curses input first (curses may hold keys it has already
 * read from the tty), then sleeps in poll() on the terminal, the signal
 * pipe and the wake fd the account's worker signals when events wait, and
 * redraws once per turn when something changed.  It never waits for the
 * worker: a slow or stuck store leaves every key working.
 */
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "attach/attach.h"
#include "cli.h"
#include "complete.h"
#include "core/flags.h"
#include "demo/demo.h"
#include "draw.h"
#include "keymap.h"
#include "theme.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "view_attach.h"
#include "views.h"
#include "worker/session.h"

static int sig_pipe[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int	saved = errno;
	char	c = (char)sig;

	if (write(sig_pipe[1], &c, 1) < 0) {
		/* The pipe is full: a quit is already pending. */
	}
	errno = saved;
}

static void
setup_signals(void)
{
	struct sigaction	sa;

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

int
tui_body_rows(void)
{
	return LINES > 3 ? LINES - 3 : 1;
}

#define STATUS_INFO_MS	8000	/* information fades; errors stay until the next key */
#define SETTLE_MS	10000	/* quitting waits this long for changes on their way to the store */

long long
tui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
set_status(struct tui *t, int error, const char *fmt, va_list ap)
{
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	t->status_error = error;
	t->status_until = error ? 0 : tui_now_ms() + STATUS_INFO_MS;
	t->dirty = 1;
}

/* The poll() timeout: until the next timer is due, or -1 with none. */
static int
next_timeout(struct tui *t)
{
	long long	due = -1, left;

	if (t->status[0] != '\0' && t->status_until != 0)
		due = t->status_until;
	if (t->next_fetch != 0 && (due == -1 || t->next_fetch < due))
		due = t->next_fetch;
	if (t->npending > 0 && (due == -1 || t->pending_until < due))
		due = t->pending_until;
	if (due == -1)
		return -1;
	left = due - tui_now_ms();
	return left > 0 ? (int)(left < 3600000 ? left : 3600000) : 0;
}

static void pending_timeout(struct tui *);

static void
run_timers(struct tui *t)
{
	long long	now = tui_now_ms();

	if (t->npending > 0 && now >= t->pending_until)
		pending_timeout(t);

	if (t->status_until != 0 && now >= t->status_until) {
		t->status[0] = '\0';
		t->status_until = 0;
		t->dirty = 1;
	}
	/* fetch_interval: the next fetch is counted from the start of this one. */
	if (t->next_fetch != 0 && now >= t->next_fetch) {
		t->next_fetch = now + (long long)t->acct->fetch_interval * 1000;
		if (t->fetch_req == 0)
			tui_request_fetch(t);
	}
}

void
tui_message(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	set_status(t, 0, fmt, ap);
	va_end(ap);
}

void
tui_error(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	set_status(t, 1, fmt, ap);
	va_end(ap);
	beep();
}

/*
 * Title line: the most useful keys of the current view, looked up in the
 * live keymap so that vi keys and the config's own bindings show; a
 * command without a key is left out.
 */
static void
draw_title(struct tui *t)
{
	static const struct {
		enum view_id	 view;
		const char	*cmd, *cmd2;	/* cmd2: a second key before the label */
		const char	*label;
	} hints[] = {
		{ VIEW_FOLDERS, "exit", NULL, N_("Back") },
		{ VIEW_FOLDERS, "select-entry", NULL, N_("Open") },
		{ VIEW_FOLDERS, "next-entry", "previous-entry", N_("Select") },
		{ VIEW_FOLDERS, "help", NULL, N_("Help") },
		{ VIEW_INDEX, "quit", NULL, N_("Quit") },
		{ VIEW_INDEX, "display-message", NULL, N_("Open") },
		{ VIEW_INDEX, "change-folder", NULL, N_("Folders") },
		{ VIEW_INDEX, "delete-message", NULL, N_("Delete") },
		{ VIEW_INDEX, "save-message", NULL, N_("Move") },
		{ VIEW_INDEX, "flag-message", NULL, N_("Flag") },
		{ VIEW_INDEX, "help", NULL, N_("Help") },
		{ VIEW_PAGER, "exit", NULL, N_("Back") },
		{ VIEW_PAGER, "next-entry", "previous-entry", N_("Next/Prev message") },
		{ VIEW_PAGER, "next-page", NULL, N_("Page") },
		{ VIEW_PAGER, "search", NULL, N_("Search") },
		{ VIEW_PAGER, "help", NULL, N_("Help") },
		{ VIEW_HELP, "exit", NULL, N_("Back") },
		{ VIEW_HELP, "next-line", "previous-line", N_("Scroll") },
		{ VIEW_ATTACH, "exit", NULL, N_("Back") },
		{ VIEW_ATTACH, "open-attachment", NULL, N_("Open") },
		{ VIEW_ATTACH, "save-attachment", NULL, N_("Save") },
		{ VIEW_ATTACH, "save-all-attachments", NULL, N_("Save all") },
		{ VIEW_ATTACH, "help", NULL, N_("Help") },
		{ VIEW_URLS, "exit", NULL, N_("Back") },
		{ VIEW_URLS, "open-url", NULL, N_("Open link") },
		{ VIEW_URLS, "next-entry", "previous-entry", N_("Select") },
		{ VIEW_URLS, "help", NULL, N_("Help") },
	};
	char	line[512], k1[32], k2[32];
	size_t	i, used = 0;

	line[0] = '\0';
	for (i = 0; i < sizeof hints / sizeof hints[0] && used < sizeof line; i++) {
		if (hints[i].view != t->view ||
		    keymap_key_for(t->view, hints[i].cmd, k1, sizeof k1) == NULL)
			continue;
		if (hints[i].cmd2 != NULL &&
		    keymap_key_for(t->view, hints[i].cmd2, k2, sizeof k2) != NULL)
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%s/%s:%s",
			    used ? "  " : "", k1, k2, _(hints[i].label));
		else
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%s:%s",
			    used ? "  " : "", k1, _(hints[i].label));
	}
	draw_row(0, 0, line, COLS, theme_attr(TH_TITLE));
}

static void
draw_bottom(struct tui *t)
{
	const char	*mark = _("[offline]");
	int		 w = (int)strlen(mark);

	draw_row(LINES - 1, 0, t->status, COLS,
	    theme_attr(t->status_error ? TH_ERROR : TH_MESSAGE));
	/* Offline stays in sight at the right end, whatever the message. */
	if (t->offline && COLS > w + 1)
		draw_row(LINES - 1, COLS - w, mark, w, theme_attr(TH_ERROR));
}

void
tui_draw(struct tui *t)
{
	erase();
	draw_title(t);
	switch (t->view) {
	case VIEW_FOLDERS:
		view_folders_draw(t);
		break;
	case VIEW_INDEX:
		view_index_draw(t);
		break;
	case VIEW_PAGER:
		view_pager_draw(t);
		break;
	case VIEW_HELP:
		view_help_draw(t);
		break;
	case VIEW_ATTACH:
		view_attach_draw(t);
		break;
	case VIEW_URLS:
		view_urls_draw(t);
		break;
	case VIEW_COUNT:
		break;
	}
	draw_bottom(t);
	refresh();
	t->dirty = 0;
}

/*
 * Characters the prompt accepts: printable ones only.  Text pasted from a
 * message must not smuggle controls, C1 or invisible direction marks into
 * a command or onto the screen.
 */
static int
prompt_accepts(wint_t wc)
{
	if (wc < 0xa0 && (wc < 0x20 || wc >= 0x7f))
		return 0;
	if (wc == 0xad || wc == 0x61c || (wc >= 0x200b && wc <= 0x200f) ||
	    (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2060 && wc <= 0x2069) ||
	    wc == 0xfeff)
		return 0;
	return wcwidth((wchar_t)wc) > 0;
}

static int prompt_line(struct tui *, const char *, const char *, char *, size_t, int,
    enum complete_kind);

/* A line editor on the bottom row: Enter accepts, Esc or ^G cancels, Backspace deletes. */
int
tui_prompt(struct tui *t, const char *label, const char *initial, char *out, size_t len)
{
	return prompt_line(t, label, initial, out, len, 0, COMPLETE_NONE);
}

/* The same with Tab completing folder names (or, at ':', commands and their folders). */
int
tui_prompt_complete(struct tui *t, const char *label, const char *initial, char *out,
    size_t len, int kind)
{
	return prompt_line(t, label, initial, out, len, 0, (enum complete_kind)kind);
}

/* The same for a password: '*' on the screen, the buffer wiped after use. */
int
tui_prompt_secret(struct tui *t, const char *label, char *out, size_t len)
{
	return prompt_line(t, label, NULL, out, len, 1, COMPLETE_NONE);
}

/* Tab: complete the line and list the matches above the prompt (redrawn views erase them). */
static size_t
prompt_complete(struct tui *t, enum complete_kind kind, wchar_t *line, size_t n, size_t max)
{
	const char	*shown[COMPLETE_SHOWN];
	char		 text[1024];
	const wchar_t	*wp = line;
	const char	*tp;
	mbstate_t	 st;
	size_t		 k, i, rows;
	int		 y;

	line[n] = L'\0';
	memset(&st, 0, sizeof st);
	if ((k = wcsrtombs(text, &wp, sizeof text, &st)) == (size_t)-1 || wp != NULL)
		return n;
	if ((k = complete_line(t, kind, text, sizeof text, shown)) == 0) {
		beep();
		return n;
	}
	tui_draw(t);
	if (k > 1) {
		rows = k < COMPLETE_SHOWN ? k : COMPLETE_SHOWN;
		for (i = 0, y = LINES - 1 - (int)rows; i < rows && y > 0; i++, y++)
			draw_row(y, 0, shown[i], COLS, theme_attr(TH_STATUS));
		if (k > COMPLETE_SHOWN)
			draw_row(LINES - 2, 0, "...", COLS, theme_attr(TH_STATUS));
	}
	memset(&st, 0, sizeof st);
	tp = text;
	k = mbsrtowcs(line, &tp, max - 1, &st);
	return k == (size_t)-1 ? 0 : k;
}

static int
prompt_line(struct tui *t, const char *label, const char *initial, char *out, size_t len,
    int secret, enum complete_kind kind)
{
	wchar_t		 stars[256];
	wchar_t		 line[256];
	size_t		 n = 0, start;
	wint_t		 wc;
	int		 r, lw, rc = -1;
	char		 mb[8];

	if (initial != NULL && *initial != '\0') {
		mbstate_t	 ist;
		const char	*ip = initial;

		memset(&ist, 0, sizeof ist);
		/* A folder name to edit may be UTF-8; an invalid one starts empty. */
		if ((n = mbsrtowcs(line, &ip, sizeof line / sizeof line[0] - 1, &ist)) ==
		    (size_t)-1)
			n = 0;
	}
	nodelay(stdscr, FALSE);
	curs_set(1);
	for (;;) {
		draw_row(LINES - 1, 0, "", COLS, theme_attr(TH_MESSAGE));
		lw = draw_text(LINES - 1, 0, label, COLS / 2, theme_attr(TH_MESSAGE));
		line[n] = L'\0';
		/* When the text outgrows the row, show its end, where the cursor is. */
		for (start = 0; start < n && wcswidth(line + start, n - start) > COLS - lw - 1;
		    start++)
			;
		if (secret) {
			for (size_t i = 0; i < n && i < sizeof stars / sizeof stars[0]; i++)
				stars[i] = L'*';
			mvaddnwstr(LINES - 1, lw, stars, (int)(n < 80 ? n : 80));
		} else
			mvaddnwstr(LINES - 1, lw, line + start, (int)(n - start));
		refresh();
		r = get_wch(&wc);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_BACKSPACE && n > 0)
				n--;
			else if (wc == KEY_ENTER) {
				rc = 0;
				break;
			} else if (wc == KEY_RESIZE) {
				view_index_clamp(t);
				view_pager_scroll(t, 0);
				tui_draw(t);
			}
			continue;
		}
		if (wc == '\n' || wc == '\r') {
			rc = 0;
			break;
		}
		if (wc == 0x1b || wc == 0x07)
			break;
		if (wc == '\t' && kind != COMPLETE_NONE) {
			n = prompt_complete(t, kind, line, n, sizeof line / sizeof line[0]);
			continue;
		}
		if ((wc == 0x7f || wc == 0x08) && n > 0)
			n--;
		else if (prompt_accepts(wc) && n + 1 < sizeof line / sizeof line[0])
			line[n++] = (wchar_t)wc;
	}
	curs_set(0);
	nodelay(stdscr, TRUE);
	out[0] = '\0';
	if (rc == 0) {
		size_t	 o = 0, i, k;
		mbstate_t st;

		memset(&st, 0, sizeof st);
		for (i = 0; i < n; i++) {
			k = wcrtomb(mb, line[i], &st);
			if (k == (size_t)-1 || o + k + 1 > len)
				break;
			memcpy(out + o, mb, k);
			o += k;
		}
		out[o] = '\0';
	}
	explicit_bzero(line, sizeof line);
	t->status[0] = '\0';
	t->dirty = 1;
	return rc;
}

/* How long a prefix key (the g of vi's g g) waits for the rest of its sequence. */
#define KEYSEQ_TIMEOUT_MS	1000

/* No further key came: run what the keys typed so far are bound to, if anything. */
static void
pending_timeout(struct tui *t)
{
	const char	*cmd;
	int		 n = t->npending;

	t->npending = 0;
	t->status[0] = '\0';
	t->dirty = 1;
	if (keymap_lookup(t->view, t->pending, n, &cmd) != KEYMAP_NONE && cmd != NULL)
		keymap_run(t, cmd);
}

/* Typing a number in the list jumps to that message, as in mutt. */
static void
jump_prompt(struct tui *t, int key)
{
	char	 start[2] = { (char)key, '\0' }, num[24], line[32];

	if (tui_prompt(t, _("Jump to message: "), start, num, sizeof num) == 0) {
		snprintf(line, sizeof line, "jump %s", num);
		keymap_run(t, line);
	}
}

static void
handle_key(struct tui *t, int r, wint_t wc)
{
	const char		*cmd;
	struct keyseq		 seq;
	enum keymap_match	 m;
	char			 buf[64];
	int			 key;

	if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
		view_index_clamp(t);
		view_pager_scroll(t, 0);
		t->dirty = 1;
		return;
	}
	if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
		tui_mouse_event(t);
		return;
	}
	key = keyspec_normalize(r == KEY_CODE_YES ? KEYMAP_FKEY + (int)wc : (int)wc);
	if (key == 0x1b) {
		/* Alt-x arrives as Esc then x at once: one key, as mutt's "Esc x". */
		wint_t	next;

		if (get_wch(&next) == OK && next > 0x20 && next < 0x7f)
			key = KEYMAP_META((int)next);
	}
	t->status[0] = '\0';
	t->dirty = 1;
	if (t->npending == 0 && t->view == VIEW_INDEX && key >= '1' && key <= '9' &&
	    keymap_lookup(t->view, &key, 1, &cmd) == KEYMAP_NONE) {
		jump_prompt(t, key);
		return;
	}
	t->pending[t->npending++] = key;
	m = keymap_lookup(t->view, t->pending, t->npending, &cmd);
	if (m == KEYMAP_PREFIX && t->npending < KEYSEQ_MAX) {
		seq.n = t->npending;
		memcpy(seq.keys, t->pending, sizeof seq.keys);
		tui_message(t, "%s-", keyspec_seq_name(&seq, buf, sizeof buf));
		t->pending_until = tui_now_ms() + KEYSEQ_TIMEOUT_MS;
		return;
	}
	seq.n = t->npending;
	memcpy(seq.keys, t->pending, sizeof seq.keys);
	t->npending = 0;
	if (m != KEYMAP_FOUND || cmd == NULL) {
		tui_error(t, _("Key '%s' is not bound. Press '?' for help."),
		    keyspec_seq_name(&seq, buf, sizeof buf));
		return;
	}
	keymap_run(t, cmd);
}

/* What the UI waits on: the terminal, the signal pipe, the workers' wakeups. */
static void
watch(struct pollfd pfd[3], const struct tui *t)
{
	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = sig_pipe[0];
	pfd[1].events = POLLIN;
	pfd[2].fd = t->wake.fd;
	pfd[2].events = POLLIN;
}

static void
loop(struct tui *t)
{
	struct pollfd	pfd[3];
	wint_t		wc;
	int		r;
	char		c;

	t->dirty = 1;
	while (!t->quit) {
		if (t->dirty)
			tui_draw(t);
		while (!t->quit && (r = get_wch(&wc)) != ERR) {
			handle_key(t, r, wc);
			if (t->dirty && !t->quit)
				tui_draw(t);
		}
		if (t->quit)
			break;
		watch(pfd, t);
		if (poll(pfd, 3, next_timeout(t)) < 0 && errno != EINTR)
			break;
		run_timers(t);
		tui_reap_hooks();
		if (pfd[2].revents & POLLIN)
			tui_handle_events(t);
		if (pfd[1].revents & POLLIN) {
			while (read(sig_pipe[0], &c, 1) == 1)
				;
			t->quit = 1;
		}
		if (pfd[0].revents & (POLLHUP | POLLERR))
			t->quit = 1;
	}
}

/*
 * After quit: changes still on their way to the store (a move, a save,
 * flags - often from -e 'CMD; quit') get up to SETTLE_MS to finish, or the
 * worker would cancel them; a key press or a signal stops the wait.
 */
static void
settle(struct tui *t)
{
	struct pollfd	pfd[3];
	long long	deadline = tui_now_ms() + SETTLE_MS, left;

	if (t->write_req == 0 || t->w == NULL)
		return;
	tui_message(t, "%s", _("Waiting for the last changes to reach the store (a key quits now)..."));
	tui_draw(t);
	while (t->write_req != 0 && (left = deadline - tui_now_ms()) > 0) {
		watch(pfd, t);
		if (poll(pfd, 3, (int)left) < 0 && errno != EINTR)
			break;
		if (pfd[0].revents != 0 || pfd[1].revents != 0)
			break;
		if (pfd[2].revents & POLLIN)
			tui_handle_events(t);
	}
}

/*
 * COLORTERM=truecolor (or 24bit) says the terminal takes RGB colours,
 * which its TERM (xterm-256color) usually does not describe: the -direct
 * description of the same family (xterm-direct, tmux-direct, vte-direct)
 * does, when it is installed.  Returns 0 when curses started on it.
 */
static int
start_direct(void)
{
	const char	*ct = getenv("COLORTERM"), *term = getenv("TERM");
	char		 name[64];
	size_t		 n;

	if (ct == NULL || term == NULL || strstr(term, "direct") != NULL ||
	    (strcmp(ct, "truecolor") != 0 && strcmp(ct, "24bit") != 0))
		return -1;
	n = strcspn(term, "-");
	if (n == 0 || n > 32)
		return -1;
	snprintf(name, sizeof name, "%.*s-direct", (int)n, term);
	return newterm(name, stdout, stdin) != NULL ? 0 : -1;
}

static void
start_curses(void)
{
	if (start_direct() != 0)
		initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(50);
	curs_set(0);
}

/* A problem found in the config's keys or theme: kept for help, counted. */
static void
note_problem(void *arg, const char *msg)
{
	struct tui	*t = arg;

	if (t->nproblems < TUI_MAX_PROBLEMS) {
		t->problems = xreallocarray(t->problems, t->nproblems + 1, sizeof *t->problems);
		t->problems[t->nproblems] = xstrdup(msg);
	}
	t->nproblems++;
}

/*
 * Keys, theme and mouse from the config (t->cfg, empty without one).
 * Bad bindings and theme lines are skipped, not fatal: bote starts with
 * the preset's keys and the built-in colours for them, and says so.
 */
static void
apply_ui_config(struct tui *t)
{
	const char		*theme = getenv("BOTE_THEME");
	enum keymap_preset	 preset = KEYMAP_MUTT;

	if (t->cfg.keys != NULL)
		(void)keymap_preset_parse(t->cfg.keys, &preset);
	keymap_setup(preset, &t->cfg, note_problem, t);
	if (theme == NULL)
		theme = t->cfg.theme != NULL ? t->cfg.theme : "default";
	theme_load(theme, note_problem, t);
	tui_mouse_enable(t->cfg.mouse);
}

/*
 * With -f the config still gives keys and looks when there is one; a
 * config that does not load is reported, and bote goes on with defaults.
 */
static void
load_ui_config(struct tui *t, const struct tui_options *o)
{
	struct bote_err	 err;
	char		*path;

	if (o->demo && o->config == NULL)
		return;		/* the demo shows bote as it comes */
	path = o->config != NULL ? xstrdup(o->config) : config_default_path();
	if (path != NULL && config_load(path, &t->cfg, &err) != 0 &&
	    (o->config != NULL || err.kind != BOTE_ERR_NOTFOUND))
		note_problem(t, err.msg);
	free(path);
}

static void
cleanup(struct tui *t)
{
	struct bote_err	err;
	size_t		i;

	/* A worker stuck in the store is left behind after a second, not waited for. */
	if (t->w != NULL)
		worker_stop(t->w, 1000);
	if (t->wake.fd != -1)
		wake_destroy(&t->wake);
	view_attach_free(t);
	attach_reap();
	attach_tmp_cleanup();	/* parts handed to viewers: the workers are gone */
	for (i = 0; i < t->nchanges; i++)
		msgref_free(&t->changes[i].ref);
	free(t->changes);
	tui_folder_ops_free(t);
	msgref_free(&t->keep);
	free(t->pending_cmds);
	display_free(&t->msg);
	summary_vec_free(&t->rows);
	folder_list_free(&t->folders);
	free(t->folder);
	free(t->search);
	free(t->isearch);
	free(t->xfer_dst);
	listing_free(&t->list);
	msgops_free(t);
	keymap_free();
	for (i = 0; i < t->nproblems && i < TUI_MAX_PROBLEMS; i++)
		free(t->problems[i]);
	free(t->problems);
	config_free(&t->cfg);
	account_copy_free(t->url_acct);
	if (t->demo_dir != NULL) {
		if (demo_remove(t->demo_dir, &err) != 0)
			cli_print_error(err.msg);
		free(t->demo_dir);
	}
}

/*
 * The worker opens the store on its own thread.  A Maildir that does not
 * exist is reported here, before the screen changes, since there is
 * nothing to show; everything slower happens behind the UI.
 */
static int
start_worker(struct tui *t, const char *path, struct bote_err *err)
{
	struct worker_params	 p = { 0 };
	const char		*delay = getenv("BOTE_TEST_DELAY_MS");
	struct stat		 st;
	int			 imap = t->acct != NULL && t->acct->protocol == ACCOUNT_IMAP;

	if (!imap && stat(path, &st) != 0) {
		bote_err_errno(err, errno, "cannot open folder '%s'", path);
		return -1;
	}
	if (!imap && !S_ISDIR(st.st_mode)) {
		bote_err_set(err, BOTE_ERR_NOTFOUND, "not a Maildir '%s': not a directory", path);
		return -1;
	}
	if (t->wake.fd == -1 && wake_init(&t->wake) != 0) {
		bote_err_errno(err, errno, "%s", _("cannot create a wakeup descriptor"));
		return -1;
	}
	/* IMAP: the worker connects and runs password_command, never this thread. */
	p.ops = driver_find(imap ? "imap" : "maildir");
	p.drv.account = t->acct != NULL ? t->acct->name : "local";
	p.account = t->acct;
	p.drv.acct = imap ? t->acct : NULL;
	p.drv.path = imap ? NULL : path;
	p.ui_wake = &t->wake;
	/* Tests only: make every store operation slow, to prove the UI does not wait. */
	p.test_delay_ms = delay != NULL ? (unsigned)strtoul(delay, NULL, 10) : 0;
	/* The demo's Maildir is gone after the run; a cache of it would stay behind. */
	p.drv.cache_dir = imap || t->demo_dir != NULL ? NULL : session_cache_dir("maildir", path);
	t->w = worker_start(&p, err);
	free((char *)p.drv.cache_dir);
	return t->w != NULL ? 0 : -1;
}

/*
 * Without -f or --demo bote opens a configured account: -a NAME, else the
 * default one.  IMAP accounts open on the server through the worker;
 * POP3 and local accounts show their spool; the spool of a POP3 account
 * is created on first use so the list can open before the first fetch.
 */
static int
open_account(struct tui *t, const struct tui_options *o, struct bote_err *err)
{
	char	*path = o->config != NULL ? xstrdup(o->config) : config_default_path();
	char	*md;
	int	 rc, nopath = path == NULL;

	rc = nopath ? -1 : config_load(path, &t->cfg, err);
	free(path);
	if (rc == -1 && (nopath || err->kind == BOTE_ERR_NOTFOUND)) {
		fprintf(stderr, "%s\n", _("bote: no account configured yet: open a Maildir with bote -f PATH, or try bote --demo"));
		return EXIT_USAGE;
	}
	if (rc == -1) {
		cli_print_error(err->msg);
		return EXIT_FAIL;
	}
	if ((t->acct = config_account(&t->cfg, o->account)) == NULL) {
		if (o->account != NULL)
			bote_err_set(err, BOTE_ERR_NOTFOUND, _("no account '%s' in the configuration"),
			    o->account);
		else
			bote_err_set(err, BOTE_ERR_NOTFOUND, "%s",
			    _("the configuration has no account"));
		cli_print_error(err->msg);
		return EXIT_FAIL;
	}
	if (t->acct->protocol == ACCOUNT_POP3) {
		const char *sub[] = { "", "/cur", "/new", "/tmp" };

		for (size_t i = 0; i < 4; i++) {
			md = xasprintf("%s%s", t->acct->spool, sub[i]);
			/* Parents too, for the root: ~/Mail may not exist yet. */
			for (char *s = md + 1; i == 0 && *s != '\0'; s++) {
				if (*s != '/')
					continue;
				*s = '\0';
				(void)mkdir(md, 0700);
				*s = '/';
			}
			if (mkdir(md, 0700) == -1 && errno != EEXIST) {
				bote_err_errno(err, errno, _("cannot create the spool '%s'"), md);
				free(md);
				cli_print_error(err->msg);
				return EXIT_FAIL;
			}
			free(md);
		}
	}
	return EXIT_OK;
}

/*
 * The wizard runs when asked (bote setup) and on the first start without
 * a configuration.  0 when an account was saved: its name goes to
 * name, a typed password that was not saved to password.
 */
static int
run_setup(struct tui *t, const struct tui_options *o, char *name, size_t nlen,
    char *password, size_t plen, struct bote_err *err)
{
	char	*path = o->config != NULL ? xstrdup(o->config) : config_default_path();
	int	 rc;

	if (path == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s",
		    _("no place for a configuration file: set HOME or use -F FILE"));
		return -1;
	}
	rc = view_setup_run(t, path, name, nlen, password, plen);
	free(path);
	if (rc != 0)
		bote_err_set(err, BOTE_ERR_CANCELLED, "%s", _("setup left; nothing was saved"));
	return rc;
}

/* 1 when the wizard should run: asked for, or no configuration yet. */
static int
want_setup(const struct tui_options *o)
{
	char		*path;
	struct stat	 st;
	int		 missing;

	if (o->setup)
		return 1;
	if (o->demo || o->path != NULL)
		return 0;
	path = o->config != NULL ? xstrdup(o->config) : config_default_path();
	missing = path != NULL && stat(path, &st) == -1 && errno == ENOENT;
	free(path);
	return missing;
}

int
tui_run(const struct tui_options *o)
{
	struct tui		 t;
	struct tui_options	 opts = *o;
	struct bote_err		 err;
	const char		*path = NULL;
	char			 name[80], password[256], *first = NULL;
	int			 curses = 0;

	memset(&t, 0, sizeof t);
	t.wake.fd = -1;
	password[0] = '\0';
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s\n", _("bote: the terminal UI needs a terminal (for scripts use bote list / bote show)"));
		return EXIT_USAGE;
	}
	if (want_setup(o)) {
		if (wake_init(&t.wake) != 0) {
			cli_print_error(_("cannot create a wakeup descriptor"));
			return EXIT_FAIL;
		}
		setup_signals();
		start_curses();
		theme_load("default", NULL, NULL);
		curses = 1;
		if (run_setup(&t, o, name, sizeof name, password, sizeof password, &err) != 0) {
			endwin();
			cli_print_error(err.msg);
			cleanup(&t);
			return EXIT_FAIL;
		}
		opts.account = name;
	}
	if (opts.demo || opts.path != NULL)
		load_ui_config(&t, &opts);
	if (opts.demo) {
		if (demo_create(&t.demo_dir, &err) != 0) {
			cli_print_error(err.msg);
			config_free(&t.cfg);
			return EXIT_FAIL;
		}
		path = t.demo_dir;
	} else if (opts.path != NULL && tui_url_is_imap(opts.path)) {
		if (tui_open_url(&t, opts.path, &first, &err) != 0) {
			cli_print_error(err.msg);
			cleanup(&t);
			return EXIT_FAIL;
		}
	} else if (opts.path != NULL) {
		if ((path = cli_maildir_path(opts.path)) == NULL) {
			fprintf(stderr, _("bote: unsupported folder URL '%s'\n"), opts.path);
			config_free(&t.cfg);
			return EXIT_FAIL;
		}
	} else {
		int rc;

		if (curses)
			endwin();	/* errors go to stderr */
		rc = open_account(&t, &opts, &err);
		if (rc != EXIT_OK) {
			explicit_bzero(password, sizeof password);
			cleanup(&t);
			return rc;
		}
		/* A password typed in the wizard and not saved lives in memory only. */
		if (password[0] != '\0' && t.acct->password == NULL &&
		    t.acct->password_command == NULL)
			((struct account *)t.acct)->password = xstrdup(password);
		explicit_bzero(password, sizeof password);
		path = t.acct->spool;
	}
	if (start_worker(&t, path, &err) != 0) {
		if (curses)
			endwin();
		cli_print_error(err.msg);
		cleanup(&t);
		return EXIT_FAIL;
	}
	if (!curses) {
		setup_signals();
		start_curses();
	}
	apply_ui_config(&t);
	refresh();
	if (opts.commands != NULL)
		t.pending_cmds = xstrdup(opts.commands);
	/*
	 * Both answers arrive while the screen already takes keys.  The folders
	 * come first (commands such as delete need Trash) but without counts:
	 * those would read the big folder once more before it opens; the
	 * folder list asks for them when it is shown.
	 */
	tui_request_folders(&t, 0);
	tui_open_folder(&t, first != NULL ? first : "INBOX");
	free(first);
	if (t.acct != NULL && t.acct->protocol == ACCOUNT_POP3 && t.acct->fetch_interval > 0)
		t.next_fetch = tui_now_ms() + 1;
	/* The first on the status line; help (?) lists them all. */
	if (t.nproblems == 1)
		tui_error(&t, "%s", t.problems[0]);
	else if (t.nproblems > 1)
		tui_error(&t, P_("%s (and %zu more problem, see ?)",
		    "%s (and %zu more problems, see ?)", t.nproblems - 1), t.problems[0],
		    t.nproblems - 1);
	loop(&t);
	settle(&t);
	endwin();
	cleanup(&t);
	return EXIT_OK;
}
