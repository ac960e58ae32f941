/* cli.c - `bote folders`, `bote list` and `bote show`: sanitized text on stdout for scripts and tests. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config/config.h"
#include "core/flags.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "worker/session.h"

const char *
cli_maildir_path(const char *arg)
{
	if (strncmp(arg, "maildir:", 8) == 0)
		return arg + 8;
	if (strstr(arg, "://") != NULL)
		return NULL;
	return arg;
}

void
cli_print_error(const char *text)
{
	char	*msg = sanitize(text, strlen(text), 0);

	fprintf(stderr, "bote: %s\n", msg);
	free(msg);
}

int
cli_fail(const struct bote_err *err)
{
	cli_print_error(err->msg);
	return err->kind == BOTE_ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
}

/* An IMAP account: the password from its config, else asked on the terminal. */
static struct session *
open_imap(const struct account *a, int readonly, struct bote_err *err)
{
	struct session	*s;
	char		*pw = NULL;

	if (a->password_command == NULL && a->password == NULL && a->oauth_token_command == NULL &&
	    (pw = cli_ask_password(a->name)) == NULL) {
		bote_err_set(err, BOTE_ERR_AUTH, _("no password for '%s': no terminal to ask on"),
		    a->name);
		return NULL;
	}
	s = session_open_imap(a, pw, readonly, err);
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	return s;
}

/* Without -f: the configured account (-a NAME, else the default). */
static struct session *
open_configured(const struct cli_target *t, int readonly, struct bote_err *err)
{
	struct config		 cfg;
	const struct account	*a;
	struct session		*s;
	char			*path;

	path = t->config != NULL ? xstrdup(t->config) : config_default_path();
	if (path == NULL || config_load(path, &cfg, err) == -1) {
		if (path == NULL || err->kind == BOTE_ERR_NOTFOUND)
			bote_err_set(err, BOTE_ERR_USAGE, "%s",
			    _("no folder given: use -f PATH, or configure an account"));
		free(path);
		return NULL;
	}
	free(path);
	if ((a = config_account(&cfg, t->account)) == NULL) {
		bote_err_set(err, BOTE_ERR_NOTFOUND, _("no account '%s' in the configuration"),
		    t->account != NULL ? t->account : "");
		s = NULL;
	} else if (a->protocol == ACCOUNT_IMAP)
		s = open_imap(a, readonly, err);
	else
		s = session_open_maildir(a->spool, readonly, err);
	config_free(&cfg);
	return s;
}

struct session *
cli_open(const struct cli_target *t, int readonly, char **url_folder, struct bote_err *err)
{
	struct account	*a;
	struct session	*s;
	const char	*path;

	*url_folder = NULL;
	if (t->path == NULL)
		return open_configured(t, readonly, err);
	if (strncmp(t->path, "imap://", 7) == 0 || strncmp(t->path, "imaps://", 8) == 0) {
		if ((a = config_url_account(t->path, url_folder, err)) == NULL)
			return NULL;
		s = open_imap(a, readonly, err);
		account_copy_free(a);
		if (s == NULL) {
			free(*url_folder);
			*url_folder = NULL;
		}
		return s;
	}
	if ((path = cli_maildir_path(t->path)) == NULL) {
		bote_err_set(err, BOTE_ERR_UNSUPPORTED, _("unsupported folder URL '%s'"), t->path);
		return NULL;
	}
	return session_open_maildir(path, readonly, err);
}

/* Print one untrusted field, sanitized to a single line. */
static void
put_field(const char *s)
{
	char	*clean = sanitize(s ? s : "", s ? strlen(s) : 0, 0);

	fputs(clean, stdout);
	free(clean);
}

int
cli_folders(const struct cli_target *t)
{
	struct bote_err		 err;
	struct folder_list	 fl = { 0 };
	struct session		*s;
	size_t			 i;
	char			*url_folder;

	if ((s = cli_open(t, 1, &url_folder, &err)) == NULL)
		return cli_fail(&err);
	free(url_folder);
	if (session_folders(s, 1, &fl, &err) != 0) {
		session_close(s);
		return cli_fail(&err);
	}
	for (i = 0; i < fl.n; i++) {
		put_field(fl.v[i].name);
		printf("\t%ld\t%ld\t%s\n", fl.v[i].total, fl.v[i].unread,
		    folder_role_name(fl.v[i].role));
	}
	folder_list_free(&fl);
	session_close(s);
	return EXIT_OK;
}

static int
load_rows(const struct cli_target *t, struct session **sp, struct summary_vec *rows,
    struct bote_err *err)
{
	char	*url_folder;
	int	 rc;

	if ((*sp = cli_open(t, 1, &url_folder, err)) == NULL)
		return -1;
	rc = session_open_folder(*sp, t->folder ? t->folder : url_folder ? url_folder : "INBOX",
	    rows, err);
	free(url_folder);
	if (rc != 0) {
		session_close(*sp);
		*sp = NULL;
		return -1;
	}
	return 0;
}

static void
flag_letters(unsigned flags, char out[5])
{
	out[0] = (flags & FLAG_SEEN) ? '-' : 'N';
	out[1] = (flags & FLAG_DELETED) ? 'D' : (flags & FLAG_FLAGGED) ? '!' : '-';
	out[2] = (flags & FLAG_REPLIED) ? 'r' : '-';
	out[3] = (flags & FLAG_DRAFT) ? 'd' : '-';
	out[4] = '\0';
}

int
cli_list(const struct cli_target *t)
{
	struct bote_err		 err;
	struct summary_vec	 rows = { 0 };
	struct session		*s;
	struct tm		 tm;
	char			 date[32], flags[5];
	size_t			 i;

	if (load_rows(t, &s, &rows, &err) != 0)
		return cli_fail(&err);
	for (i = 0; i < rows.n; i++) {
		localtime_r(&rows.v[i].date, &tm);
		strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
		flag_letters(rows.v[i].flags, flags);
		printf("%zu\t%s\t", i + 1, date);
		put_field(summary_sender(&rows.v[i]));
		putchar('\t');
		put_field(rows.v[i].subject);
		printf("\t%s\n", flags);
	}
	summary_vec_free(&rows);
	session_close(s);
	return EXIT_OK;
}

/* A row by its number in date order, or by its Maildir unique name. */
static long
find_row(const struct summary_vec *rows, const char *id)
{
	char	*end;
	long	 n;
	size_t	 i;

	n = strtol(id, &end, 10);
	if (*id != '\0' && *end == '\0')
		return n >= 1 && (size_t)n <= rows->n ? n - 1 : -1;
	for (i = 0; i < rows->n; i++)
		if (rows->v[i].ref.name != NULL && strcmp(rows->v[i].ref.name, id) == 0)
			return (long)i;
	return -1;
}

int
cli_show(const struct cli_target *t, const char *id)
{
	struct bote_err		 err;
	struct summary_vec	 rows = { 0 };
	struct display		 d = { 0 };
	struct session		*s;
	long			 row;
	size_t			 i;
	char			*line;
	int			 rc = EXIT_OK;

	if (load_rows(t, &s, &rows, &err) != 0)
		return cli_fail(&err);
	if ((row = find_row(&rows, id)) < 0) {
		bote_err_set(&err, BOTE_ERR_NOTFOUND, _("no message '%s' in this folder"), id);
		rc = cli_fail(&err);
	} else if (session_render(s, &rows.v[row].ref, &d, &err) != 0) {
		rc = cli_fail(&err);
	} else {
		for (i = 0; i < d.nlines; i++) {
			line = sanitize(d.lines[i].text, strlen(d.lines[i].text), SAN_MULTILINE);
			puts(line);
			free(line);
		}
	}
	display_free(&d);
	summary_vec_free(&rows);
	session_close(s);
	return rc;
}
