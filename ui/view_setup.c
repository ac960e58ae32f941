/*
 * view_setup.c - the setup wizard: who you are, IMAP or POP3 explained and
 * recommended, the server guessed and probed, the config written.
 *
 * Short screens, one decision each; Esc leaves at any prompt.  The probe
 * runs on its own thread (src/setup), so the screen keeps answering keys
 * and Esc cancels a server that does not respond.
 */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "draw.h"
#include "setup/setup.h"
#include "theme.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "views.h"
#include "worker/wake.h"

struct wiz {
	struct tui		*t;
	char			 name[65];
	char			 email[256];
	struct setup_answers	 q;
	struct setup_advice	 adv;
	enum account_protocol	 proto;
	char			 host[256];
	unsigned		 port;
	enum account_tls	 tls;
	char			 user[256];
	char			 spool[512];
	enum account_keep	 keep;
	unsigned		 keep_days;
	char			 pwcmd[512];
	char			 password[256];
	int			 save_password;
	int			 has_pin;
	unsigned char		 pin[32];
	struct setup_guess	 guess;		/* suggested servers */
	int			 looked_up;	/* guess filled in */
	enum account_protocol	 host_proto;	/* the protocol host was chosen for */
};

/* How long the wizard waits for the network's answer before it goes on without. */
#define DISCOVER_WAIT	20

/* Words of text into rows [y, ...) at column 2; returns the next free row. */
static int
wrap(int y, const char *text, int attr)
{
	int	 width = COLS > 8 ? COLS - 4 : 4, used;
	char	*clean = sanitize(text, strlen(text), SAN_MULTILINE), *p = clean;
	size_t	 fit, cut;

	while (*p != '\0' && y < LINES - 2) {
		size_t nl = strcspn(p, "\n");

		fit = utf8_fit(p, width, &used);
		if (fit > nl)
			fit = nl;
		cut = fit;
		if (p[fit] != '\0' && p[fit] != '\n' && p[fit] != ' ') {
			/* Break at the last space that fits, if there is one. */
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		{
			char	save = p[cut];

			p[cut] = '\0';
			draw_row(y++, 2, p, width, attr);
			p[cut] = save;
		}
		p += cut;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
	}
	free(clean);
	return y;
}

/* A screen: title, paragraphs, and the keys that answer it on the last row. */
static void
screen(const char *title, const char *body, const char *keys)
{
	int	y;

	erase();
	draw_row(0, 0, title, COLS, theme_attr(TH_TITLE));
	y = wrap(2, body, theme_attr(TH_NORMAL));
	(void)y;
	draw_row(LINES - 1, 0, keys, COLS, theme_attr(TH_MESSAGE));
	refresh();
}

/* The next key, with resizes redrawn by the caller; -1 for Esc. */
static int
key(void)
{
	wint_t	wc;
	int	r;

	nodelay(stdscr, FALSE);
	do
		r = get_wch(&wc);
	while (r == ERR || (r == KEY_CODE_YES && wc == KEY_RESIZE));
	nodelay(stdscr, TRUE);
	if (r == OK && (wc == 0x1b || wc == 0x07))
		return -1;
	if (r == KEY_CODE_YES)
		return wc == KEY_ENTER ? '\n' : 0;
	return wc == '\r' ? '\n' : (int)wc;
}

/* y (or j, for German speakers) / n; -1 for Esc. */
static int
yes_no(const char *title, const char *question)
{
	int	k;

	for (;;) {
		screen(title, question, _("y = yes   n = no   Esc = leave setup"));
		k = key();
		if (k == -1)
			return -1;
		if (k == 'y' || k == 'Y' || k == 'j' || k == 'J')
			return 1;
		if (k == 'n' || k == 'N')
			return 0;
	}
}

static int
ask(struct wiz *w, const char *title, const char *body, const char *label,
    const char *initial, char *out, size_t len)
{
	screen(title, body, "");
	return tui_prompt(w->t, label, initial, out, len);
}

static int
step_identity(struct wiz *w)
{
	const char	*title = _("Set up a mail account (1 of 6)");

	if (ask(w, title, _("bote needs a name for this account (such as home or work) and your "
	    "e-mail address. Press Esc at any time to leave the setup; nothing is saved "
	    "until the last step."), _("Account name: "), "home", w->name, sizeof w->name) != 0)
		return -1;
	if (w->name[0] == '\0')
		snprintf(w->name, sizeof w->name, "home");
	for (;;) {
		if (ask(w, title, _("Your e-mail address, such as anna@example.org."),
		    _("E-mail address: "), "", w->email, sizeof w->email) != 0)
			return -1;
		if (strchr(w->email, '@') != NULL)
			return 0;
	}
}

static int
step_explain(struct wiz *w)
{
	int	k;

	(void)w;
	for (;;) {
		screen(_("IMAP or POP3? (2 of 6)"), _(
		    "Your provider offers two ways to read mail.\n\n"
		    "IMAP: your mail stays on the server and bote shows it. Read, answered, "
		    "moved and deleted mail looks the same on every device: this computer, "
		    "your phone, webmail. If this computer breaks, nothing is lost. The mail "
		    "uses space on the server.\n\n"
		    "POP3: bote picks your new mail up and keeps it on this computer, readable "
		    "without a network. Other devices do not see what you read or sorted here, "
		    "and only the inbox is fetched. Mail deleted on the server then exists only "
		    "here, so this computer needs a backup.\n\n"
		    "Switching later is awkward, so four questions follow to find the better "
		    "fit."), _("Enter = continue   Esc = leave setup"));
		if ((k = key()) == -1)
			return -1;
		if (k == '\n' || k == ' ')
			return 0;
	}
}

static int
step_questions(struct wiz *w)
{
	const char	*title = _("Four questions (3 of 6)");
	int		 a;

	if ((a = yes_no(title, _("Do you read this mailbox on more than one device - "
	    "another computer, a phone, or webmail?"))) == -1)
		return -1;
	w->q.devices = a;
	if ((a = yes_no(title, _("Do you need all your mail on this computer without a "
	    "network, for travel or a poor connection?"))) == -1)
		return -1;
	w->q.offline = a;
	if ((a = yes_no(title, _("Is the space on your mail server small, or do you want your "
	    "mail off the provider's servers?"))) == -1)
		return -1;
	w->q.quota = a;
	if ((a = yes_no(title, _("Is this computer backed up regularly?"))) == -1)
		return -1;
	w->q.backup = a;
	setup_recommend(&w->q, &w->adv);
	return 0;
}

static int
step_choose(struct wiz *w)
{
	struct buf	b = BUF_INIT;
	size_t		i;
	int		k;

	buf_printf(&b, w->adv.protocol == ACCOUNT_IMAP ? _("Recommended: IMAP.") :
	    _("Recommended: POP3."));
	buf_puts(&b, "\n\n");
	for (i = 0; i < w->adv.nreasons; i++) {
		buf_printf(&b, "- %s\n", _(w->adv.reasons[i]));
	}
	buf_puts(&b, "\n");
	buf_puts(&b, _("This is advice, not a rule: you can take the other."));
	for (;;) {
		screen(_("The recommendation (4 of 6)"), buf_cstr(&b),
		    _("Enter = take the recommendation   i = IMAP   p = POP3   Esc = leave"));
		k = key();
		if (k == -1) {
			buf_free(&b);
			return -1;
		}
		if (k == '\n' || k == 'i' || k == 'I' || k == 'p' || k == 'P')
			break;
	}
	buf_free(&b);
	w->proto = k == 'i' || k == 'I' ? ACCOUNT_IMAP : k == 'p' || k == 'P' ? ACCOUNT_POP3 :
	    w->adv.protocol;
	w->keep = w->adv.protocol == ACCOUNT_POP3 ? w->adv.keep : ACCOUNT_KEEP_DAYS;
	w->keep_days = w->adv.protocol == ACCOUNT_POP3 ? w->adv.keep_days : 14;
	if (w->keep == ACCOUNT_KEEP_DAYS && w->keep_days == 0)
		w->keep_days = 14;
	return 0;
}

/*
 * Wait for a thread of src/setup: done() polled after each wakeup, Esc
 * gives up, and so does a limit in seconds (0: none).  0 when it finished,
 * -1 for Esc, -2 when the time ran out.
 */
static int
wait_thread(struct wiz *w, const char *title, const char *body, const char *keys,
    int (*done)(void *), void *arg, int limit)
{
	struct pollfd	pfd[2];
	wint_t		wc;
	time_t		until = limit > 0 ? time(NULL) + limit : 0;

	screen(title, body, keys);
	while (!done(arg)) {
		if (until != 0 && time(NULL) >= until)
			return -2;
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = w->t->wake.fd;
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, 1000) < 0 && errno != EINTR)
			return -1;
		if (pfd[1].revents & POLLIN)
			wake_clear(&w->t->wake);
		while (get_wch(&wc) != ERR)
			if (wc == 0x1b || wc == 0x07)
				return -1;
	}
	return 0;
}

static int
discover_done(void *d)
{
	return setup_discover_finished(d);
}

static void
take_server(struct setup_server *to, const struct setup_server *from)
{
	if (from->host == NULL)
		return;
	free(to->host);
	*to = *from;
	to->host = xstrdup(from->host);
}

/* The servers for the address: bote's table, else what the network says, else a guess. */
static void
find_servers(struct wiz *w)
{
	struct setup_discover	*d;
	const struct setup_guess *found;
	struct bote_err		 err;
	char			 body[512];

	if (setup_guess_servers(w->email, &w->guess) == -1 || w->guess.known)
		return;
	if ((d = setup_discover_start(w->email, &w->t->wake, &err)) == NULL)
		return;
	snprintf(body, sizeof body, _("bote asks the network which servers %s uses: the "
	    "provider's published settings, then the domain's DNS records."),
	    strrchr(w->email, '@') + 1);
	if (wait_thread(w, _("Looking for your provider's servers"), body,
	    _("Esc = skip and enter the servers yourself"), discover_done, d, DISCOVER_WAIT) == 0) {
		found = setup_discover_result(d);
		take_server(&w->guess.imap, &found->imap);
		take_server(&w->guess.pop3, &found->pop3);
		if (found->user != NULL)
			w->guess.user = xstrdup(found->user);
	}
	setup_discover_free(d);
}

/* What the wizard says about where the suggested server came from. */
static void
explain_source(struct wiz *w, const struct setup_server *s, char *body, size_t len)
{
	const char	*domain = strrchr(w->email, '@') + 1;
	size_t		 hl, dl = strlen(domain);

	switch (s->host != NULL ? s->src : SETUP_SRC_NONE) {
	case SETUP_SRC_TABLE:
		snprintf(body, len, "%s", _("bote knows this provider; change the server only if "
		    "your provider says otherwise."));
		break;
	case SETUP_SRC_AUTOCONFIG:
		snprintf(body, len, "%s", _("Your provider publishes these settings; change them "
		    "only if your provider says otherwise."));
		break;
	case SETUP_SRC_SRV:
		hl = strlen(s->host);
		if (hl > dl && s->host[hl - dl - 1] == '.' && strcasecmp(s->host + hl - dl,
		    domain) == 0)
			snprintf(body, len, "%s", _("Found in your domain's DNS records."));
		else
			snprintf(body, len, _("Found in your domain's DNS records, but the server is "
			    "not part of %s. DNS answers can be forged: check on your provider's help "
			    "pages that it really uses this server."), domain);
		break;
	case SETUP_SRC_DNS:
		snprintf(body, len, "%s", _("A server of this name exists for your domain. This "
		    "is a good guess, not a confirmation: your provider's help pages name the "
		    "right server."));
		break;
	case SETUP_SRC_GUESS:
		snprintf(body, len, "%s", _("This is a guess from your address; your provider's "
		    "help pages name the right server."));
		break;
	case SETUP_SRC_NONE:
		snprintf(body, len, "%s", _("Your provider's help pages name the server."));
		break;
	}
}

static unsigned
usual_port(enum account_protocol proto, enum account_tls tls)
{
	if (proto == ACCOUNT_IMAP)
		return tls == ACCOUNT_TLS_IMPLICIT ? 993 : 143;
	return tls == ACCOUNT_TLS_IMPLICIT ? 995 : 110;
}

static int
step_server(struct wiz *w)
{
	const char		*title = _("The server (5 of 6)");
	const struct setup_server *s;
	char			 num[16], init[16], body[512], keys[256];
	enum account_tls	 suggested;
	int			 k;

	if (!w->looked_up) {
		find_servers(w);
		w->looked_up = 1;
	}
	s = w->proto == ACCOUNT_IMAP ? &w->guess.imap : &w->guess.pop3;
	explain_source(w, s, body, sizeof body);
	/* Going back keeps what was typed before. */
	if (w->host[0] == '\0' || w->host_proto != w->proto) {
		snprintf(w->host, sizeof w->host, "%s", s->host != NULL ? s->host : "");
		w->tls = s->host != NULL ? s->tls : ACCOUNT_TLS_IMPLICIT;
		w->port = s->host != NULL ? s->port : 0;
		w->host_proto = w->proto;
	}
	if (ask(w, title, body, w->proto == ACCOUNT_IMAP ? _("IMAP server: ") :
	    _("POP3 server: "), w->host, w->host, sizeof w->host) != 0 || w->host[0] == '\0')
		return -1;
	suggested = w->tls;
	snprintf(keys, sizeof keys, _("1 = TLS from the start   2 = STARTTLS   3 = none   "
	    "Enter = %d   Esc = leave"), suggested == ACCOUNT_TLS_IMPLICIT ? 1 :
	    suggested == ACCOUNT_TLS_STARTTLS ? 2 : 3);
	for (;;) {
		screen(title, _("How the connection is encrypted. 1, TLS from the start, is "
		    "the safe choice unless your provider says otherwise. With 2 bote insists on "
		    "the upgrade and never falls back to an unencrypted connection; 3 is only for "
		    "a server on this computer."), keys);
		if ((k = key()) == -1)
			return -1;
		if ((k >= '1' && k <= '3') || k == '\n')
			break;
	}
	if (k != '\n')
		w->tls = k == '1' ? ACCOUNT_TLS_IMPLICIT : k == '2' ? ACCOUNT_TLS_STARTTLS :
		    ACCOUNT_TLS_NONE;
	/* The suggested port belongs to the suggested encryption. */
	snprintf(init, sizeof init, "%u", w->port != 0 && w->tls == suggested ? w->port :
	    usual_port(w->proto, w->tls));
	if (ask(w, title, _("The port: the usual one is filled in."), _("Port: "), init, num,
	    sizeof num) != 0)
		return -1;
	w->port = (unsigned)strtoul(num[0] != '\0' ? num : init, NULL, 10);
	if (w->port == 0 || w->port > 65535)
		w->port = (unsigned)strtoul(init, NULL, 10);
	if (w->user[0] == '\0')
		snprintf(w->user, sizeof w->user, "%s", w->guess.user != NULL ? w->guess.user :
		    w->email);
	if (ask(w, title, _("The user name for the login; usually your e-mail address."),
	    _("User name: "), w->user, w->user, sizeof w->user) != 0)
		return -1;
	if (w->user[0] == '\0')
		snprintf(w->user, sizeof w->user, "%s", w->email);
	return 0;
}

static int
step_pop3(struct wiz *w)
{
	const char	*title = _("Where POP3 mail goes (5 of 6)");
	char		 init[512], days[16];
	int		 k;

	snprintf(init, sizeof init, "~/Mail/%s", w->name);
	if (ask(w, title, _("The folder on this computer that receives your mail (a Maildir, "
	    "which mutt and other programs can read too)."), _("Mail folder: "), init, w->spool,
	    sizeof w->spool) != 0)
		return -1;
	if (w->spool[0] == '\0')
		snprintf(w->spool, sizeof w->spool, "%s", init);
	for (;;) {
		screen(title, _("Keep a copy on the server after fetching?\n\n"
		    "1 = delete it there once it is safely here: frees the server; this "
		    "computer then holds the only copy.\n"
		    "2 = keep it some days: other devices can still fetch it meanwhile.\n"
		    "3 = keep it forever: safest, but the server fills up."),
		    _("1 = delete   2 = keep some days   3 = keep forever   Esc = leave"));
		if ((k = key()) == -1)
			return -1;
		if (k >= '1' && k <= '3')
			break;
	}
	w->keep = k == '1' ? ACCOUNT_KEEP_NEVER : k == '2' ? ACCOUNT_KEEP_DAYS :
	    ACCOUNT_KEEP_FOREVER;
	if (w->keep == ACCOUNT_KEEP_DAYS) {
		snprintf(init, sizeof init, "%u", w->keep_days ? w->keep_days : 14);
		if (ask(w, title, _("How many days the server keeps each message."), _("Days: "),
		    init, days, sizeof days) != 0)
			return -1;
		w->keep_days = (unsigned)strtoul(days[0] != '\0' ? days : init, NULL, 10);
		if (w->keep_days == 0 || w->keep_days > 36500)
			w->keep_days = 14;
	}
	return 0;
}

static int
step_password(struct wiz *w)
{
	const char	*title = _("The password (6 of 6)");

	if (ask(w, title, _("Best is a command that prints the password, such as "
	    "'pass show mail/home' or 'secret-tool lookup mail home': then it is never "
	    "stored by bote. Leave it empty to type the password now."),
	    _("Password command: "), "", w->pwcmd,
	    sizeof w->pwcmd) != 0)
		return -1;
	w->password[0] = '\0';
	if (w->pwcmd[0] != '\0')
		return 0;
	screen(title, _("Type the password."), "");
	if (tui_prompt_secret(w->t, _("Password: "), w->password, sizeof w->password) != 0)
		return -1;
	w->save_password = yes_no(title, _("Save the password in the configuration file? Only "
	    "you may read that file, but anyone who gets a copy of your files gets the "
	    "password too. Without it bote asks for the password each time it starts."));
	return w->save_password == -1 ? -1 : 0;
}

/* The account as the wizard has it (strings borrowed from w). */
static void
fill_account(struct wiz *w, struct account *a)
{
	memset(a, 0, sizeof *a);
	a->name = w->name;
	a->protocol = w->proto;
	a->email = w->email;
	a->host = w->host;
	a->port = (uint16_t)w->port;
	a->tls = w->tls;
	a->user = w->user;
	a->password_command = w->pwcmd[0] != '\0' ? w->pwcmd : NULL;
	a->password = w->pwcmd[0] == '\0' ? w->password : NULL;
	a->has_pin = w->has_pin;
	memcpy(a->pin, w->pin, sizeof a->pin);
	a->spool = w->proto == ACCOUNT_POP3 ? w->spool : NULL;
	a->keep = w->keep;
	a->keep_days = w->keep_days;
	a->max_message_size = w->proto == ACCOUNT_POP3 ? (uint64_t)50 << 20 : 0;
}

static int
probe_done(void *p)
{
	return setup_probe_finished(p);
}

/* Wait for the probe; Esc gives up on it.  0 when it finished. */
static int
wait_probe(struct wiz *w, struct setup_probe *p)
{
	if (wait_thread(w, _("Checking the server"), _("bote connects to the server, checks its "
	    "certificate and tries the login."), _("Esc = stop waiting"), probe_done, p, 0) == 0)
		return 0;
	setup_probe_cancel(p);
	return -1;
}

/*
 * Probe until the server is trusted and the login works.  1 to save,
 * 0 to go back to the server settings, -1 to leave.
 */
static int
step_probe(struct wiz *w)
{
	const struct setup_probe_result	*r;
	struct setup_probe		*p;
	struct account			 a;
	struct bote_err			 err;
	struct buf			 b = BUF_INIT;
	int				 k, rc;

	for (;;) {
		fill_account(w, &a);
		a.password = w->password;
		if (w->pwcmd[0] != '\0') {
			char *pw = account_password(&a, &err);

			if (pw == NULL) {
				screen(_("Checking the server"), err.msg,
				    _("b = back to the settings   Esc = leave"));
				k = key();
				return k == 'b' || k == 'B' ? 0 : -1;
			}
			snprintf(w->password, sizeof w->password, "%s", pw);
			explicit_bzero(pw, strlen(pw));
			free(pw);
			a.password = w->password;
		}
		if ((p = setup_probe_start(&a, w->password, &w->t->wake, &err)) == NULL)
			return -1;
		rc = wait_probe(w, p);
		r = setup_probe_result(p);
		buf_truncate(&b, 0);
		if (r->fingerprint[0] != '\0')
			buf_printf(&b, _("Connection: %s\nCertificate for: %s\nIssued by: %s\n"
			    "Valid from %s until %s\nFingerprint: %s\n"), r->protocol, r->subject,
			    r->issuer, r->not_before, r->not_after, r->fingerprint);
		if (r->caps[0] != '\0')
			buf_printf(&b, _("The server offers: %s\n"), r->caps);
		buf_puts(&b, "\n");
		if (rc == -1) {
			buf_puts(&b, _("Stopped waiting for the server."));
			k = 'b';
		} else if (r->untrusted) {
			buf_puts(&b, _("bote cannot confirm who this server is: its certificate is not "
			    "signed by an authority bote knows, or is not for this name. If your "
			    "provider publishes the fingerprint above, compare it. Pinning trusts "
			    "exactly this certificate, and bote will refuse any other one."));
			screen(_("Unknown certificate"), buf_cstr(&b),
			    _("p = pin this certificate   b = back to the settings   Esc = leave"));
			k = key();
			if (k == 'p' || k == 'P') {
				w->has_pin = config_parse_pin(r->fingerprint, w->pin) == 0;
				setup_probe_free(p);
				continue;
			}
		} else if (r->auth_failed) {
			buf_printf(&b, "%s\n\n%s", r->err.msg, _("The server refused the login. Check "
			    "the user name and the password."));
			screen(_("Login refused"), buf_cstr(&b),
			    _("r = type the password again   b = back to the settings   Esc = leave"));
			k = key();
			if (k == 'r' || k == 'R') {
				setup_probe_free(p);
				w->pwcmd[0] = '\0';
				screen(_("The password (6 of 6)"), "", "");
				if (tui_prompt_secret(w->t, _("Password: "), w->password,
				    sizeof w->password) != 0)
					k = -1;
				else
					continue;
			}
		} else if (!r->login_ok) {
			buf_printf(&b, "%s\n\n%s", r->err.msg, _("Check the server name, the port and "
			    "the encryption."));
			screen(_("The server did not work out"), buf_cstr(&b),
			    _("r = try again   b = back to the settings   Esc = leave"));
			k = key();
			if (k == 'r' || k == 'R') {
				setup_probe_free(p);
				continue;
			}
		} else {
			buf_puts(&b, _("Everything works: the connection is encrypted and verified, "
			    "and the login succeeded."));
			screen(_("All set"), buf_cstr(&b), _("Enter = save the account   b = back   "
			    "Esc = leave"));
			k = key();
			if (k == '\n') {
				setup_probe_free(p);
				buf_free(&b);
				return 1;
			}
		}
		setup_probe_free(p);
		buf_free(&b);
		return k == 'b' || k == 'B' ? 0 : -1;
	}
}

/* Add the account to the config at path (replacing one of the same name) and write it. */
static int
save(struct wiz *w, struct tui *t, const char *path, struct bote_err *err)
{
	struct config	 cfg;
	struct account	*a;
	size_t		 i;
	int		 rc;

	if (config_load(path, &cfg, err) == -1) {
		if (err->kind != BOTE_ERR_NOTFOUND)
			return -1;
		memset(&cfg, 0, sizeof cfg);
	}
	for (i = 0; i < cfg.naccounts; i++)
		if (strcmp(cfg.accounts[i].name, w->name) == 0)
			break;
	if (i == cfg.naccounts) {
		cfg.accounts = xreallocarray(cfg.accounts, cfg.naccounts + 1, sizeof *cfg.accounts);
		cfg.naccounts++;
	} else {
		/* The old one goes: free its strings through a one-account config. */
		struct config old = { .accounts = xcalloc(1, sizeof *old.accounts), .naccounts = 1 };

		old.accounts[0] = cfg.accounts[i];
		config_free(&old);
	}
	a = &cfg.accounts[i];
	fill_account(w, a);
	if (!w->save_password)
		a->password = NULL;
	/* Strings must be owned by cfg for config_free. */
	a->name = xstrdup(a->name);
	a->email = xstrdup(a->email);
	a->host = xstrdup(a->host);
	a->user = xstrdup(a->user);
	a->password_command = a->password_command ? xstrdup(a->password_command) : NULL;
	a->password = a->password ? xstrdup(a->password) : NULL;
	if (a->spool != NULL) {
		const char *home = getenv("HOME");

		a->spool = strncmp(a->spool, "~/", 2) == 0 && home != NULL ?
		    xasprintf("%s/%s", home, a->spool + 2) : xstrdup(a->spool);
	}
	free(cfg.default_account);
	cfg.default_account = xstrdup(w->name);
	rc = config_write(path, &cfg, err);
	config_free(&cfg);
	(void)t;
	return rc;
}

int
view_setup_run(struct tui *t, const char *path, char *saved, size_t len, char *password,
    size_t pwlen)
{
	struct wiz	*w = xcalloc(1, sizeof *w);
	struct bote_err	 err;
	int		 rc = -1, r;

	w->t = t;
	if (step_identity(w) != 0 || step_explain(w) != 0 || step_questions(w) != 0 ||
	    step_choose(w) != 0)
		goto out;
	for (;;) {
		if (step_server(w) != 0 ||
		    (w->proto == ACCOUNT_POP3 && step_pop3(w) != 0) || step_password(w) != 0)
			goto out;
		if ((r = step_probe(w)) == -1)
			goto out;
		if (r == 1)
			break;
	}
	if (save(w, t, path, &err) == -1) {
		screen(_("Could not save"), err.msg, _("any key = leave"));
		(void)key();
		goto out;
	}
	snprintf(saved, len, "%s", w->name);
	/* A typed password that was not saved stays in memory for this run. */
	snprintf(password, pwlen, "%s", w->pwcmd[0] == '\0' ? w->password : "");
	rc = 0;
out:
	explicit_bzero(w->password, sizeof w->password);
	setup_guess_free(&w->guess);
	free(w);
	return rc;
}
