/* cli_fetch.c - `bote fetch [-a NAME]`: POP3 accounts into their spools, for cron and systemd timers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config/config.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "worker/fetch.h"

struct fetch_cli {
	const char	*account;
	int		 tty;		/* stderr is a terminal: draw progress */
	int		 drawn;
};

static void
clear_progress(struct fetch_cli *c)
{
	if (c->drawn) {
		fputs("\r\033[K", stderr);
		c->drawn = 0;
	}
}

static void
show_progress(const struct fetch_progress *p, void *arg)
{
	struct fetch_cli	*c = arg;

	if (!c->tty || p->msgs_total == 0)
		return;
	fputc('\r', stderr);
	fprintf(stderr, _("%s: %zu of %zu messages, %.1f of %.1f MB"), c->account,
	    p->msgs_done, p->msgs_total, p->bytes_done / 1e6, p->bytes_total / 1e6);
	c->drawn = 1;
}

static void
show_notice(const char *msg, void *arg)
{
	struct fetch_cli	*c = arg;
	char			*line = xasprintf("%s: %s", c->account, msg);

	clear_progress(c);
	cli_print_error(line);
	free(line);
}

static int
fetch_one(const struct account *a)
{
	struct fetch_cli	 c = { a->name, isatty(STDERR_FILENO), 0 };
	struct fetch_hooks	 h = { show_progress, show_notice, &c, -1 };
	struct fetch_report	 rep;
	struct bote_err		 err;
	char			*pw;
	int			 rc;

	pw = account_login_secret(a, &err);
	if (pw == NULL && !account_uses_token(a) && a->password_command == NULL &&
	    a->password == NULL)
		pw = cli_ask_password(a->name);
	if (pw == NULL) {
		cli_print_error(err.msg);
		return EXIT_FAIL;
	}
	rc = fetch_account(a, pw, &h, &rep, &err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	clear_progress(&c);
	if (rc == -1) {
		cli_print_error(err.msg);
		return EXIT_FAIL;
	}
	{
		char *name = sanitize(a->name, strlen(a->name), 0);

		printf(P_("%s: %zu new message (%.1f MB), ", "%s: %zu new messages (%.1f MB), ",
		    rep.fetched), name, rep.fetched, rep.bytes / 1e6);
		printf(P_("%zu deleted on the server, ", "%zu deleted on the server, ",
		    rep.deleted), rep.deleted);
		printf(P_("%zu left alone\n", "%zu left alone\n", rep.skipped), rep.skipped);
		free(name);
	}
	return EXIT_OK;
}

int
cli_fetch(const char *config_path, const char *account)
{
	struct config		 cfg;
	struct bote_err		 err;
	const struct account	*a;
	char			*path;
	size_t			 i, n = 0;
	int			 rc = EXIT_OK;

	path = config_path != NULL ? xstrdup(config_path) : config_default_path();
	if (path == NULL) {
		cli_print_error(_("no configuration file: set HOME or use -F FILE"));
		return EXIT_FAIL;
	}
	if (config_load(path, &cfg, &err) == -1) {
		free(path);
		cli_print_error(err.msg);
		return EXIT_FAIL;
	}
	free(path);
	if (account != NULL) {
		if ((a = config_account(&cfg, account)) == NULL || a->protocol != ACCOUNT_POP3) {
			char *m = xasprintf(a == NULL ? _("fetch: no account '%s' in the configuration") :
			    _("fetch: account '%s' is not a POP3 account"), account);

			cli_print_error(m);
			free(m);
			config_free(&cfg);
			return EXIT_FAIL;
		}
		rc = fetch_one(a);
		n = 1;
	} else {
		for (i = 0; i < cfg.naccounts; i++) {
			if (cfg.accounts[i].protocol != ACCOUNT_POP3)
				continue;
			n++;
			if (fetch_one(&cfg.accounts[i]) != EXIT_OK)
				rc = EXIT_FAIL;
		}
	}
	if (n == 0) {
		cli_print_error(_("fetch: the configuration has no POP3 account"));
		rc = EXIT_FAIL;
	}
	config_free(&cfg);
	return rc;
}
