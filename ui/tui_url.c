/*
 * tui_url.c - `bote -f imaps://USER@HOST:PORT/FOLDER`: the terminal UI on
 * one IMAP folder.  A configured account for the same server and user
 * lends its settings (ca_file, pin, password_command, auth); otherwise the
 * password is asked on the terminal before the screen starts.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "util/i18n.h"
#include "util/xmalloc.h"
#include "views.h"

int
tui_url_is_imap(const char *path)
{
	return strncmp(path, "imap://", 7) == 0 || strncmp(path, "imaps://", 8) == 0;
}

/*
 * The configured IMAP account on the URL's host, port and user, or NULL.
 * t->cfg is what load_ui_config() read for -f (empty without a config, or
 * with a broken one: then the URL alone will do).
 */
static const struct account *
configured(const struct tui *t, const struct account *u)
{
	size_t	i;

	for (i = 0; i < t->cfg.naccounts; i++) {
		const struct account *a = &t->cfg.accounts[i];

		if (a->protocol == ACCOUNT_IMAP && strcasecmp(a->host, u->host) == 0 &&
		    a->port == u->port && (u->user == NULL || strcmp(a->user, u->user) == 0))
			return a;
	}
	return NULL;
}

int
tui_open_url(struct tui *t, const char *url, char **folder,
    struct bote_err *err)
{
	const struct account	*known;
	struct account		*a;

	if ((a = config_url_account(url, folder, err)) == NULL)
		return -1;
	if ((known = configured(t, a)) != NULL) {
		account_copy_free(a);
		a = account_copy(known);
	}
	if (a->password == NULL && a->password_command == NULL &&
	    a->oauth_token_command == NULL && (a->password = cli_ask_password(a->name)) == NULL) {
		bote_err_set(err, BOTE_ERR_AUTH, _("no password for '%s': no terminal to ask on"),
		    a->name);
		account_copy_free(a);
		free(*folder);
		*folder = NULL;
		return -1;
	}
	t->url_acct = a;
	t->acct = a;
	return 0;
}
