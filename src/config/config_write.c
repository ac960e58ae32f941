/* config_write.c - writing a config back: each key under a comment saying what it does, atomically, 0600. */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
put_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Quotes only where the reader would see something else: blanks at the ends, '"' first, '#'. */
static void
put_value(struct buf *b, const char *v)
{
	size_t	n = strlen(v);

	if (n == 0 || v[0] == '"' || blank(v[0]) || blank(v[n - 1]) || strchr(v, '#') != NULL)
		put_quoted(b, v);
	else
		buf_puts(b, v);
}

static void
put_key(struct buf *b, const char *help, const char *key, const char *value)
{
	buf_printf(b, "# %s\n%s = ", _(help), key);
	put_value(b, value);
	buf_putc(b, '\n');
}

static void
put_general(struct buf *b, const struct config *cfg)
{
	char	*theme;

	if (cfg->default_account == NULL && cfg->theme == NULL && cfg->html_filter == NULL &&
	    !cfg->delete_mark && cfg->keys == NULL && !cfg->mouse && !cfg->bell_on_new_mail &&
	    cfg->new_mail_command == NULL && cfg->url_opener == NULL)
		return;
	buf_puts(b, "\n[general]\n");
	if (cfg->default_account != NULL)
		put_key(b, N_("The account bote opens first."), "account", cfg->default_account);
	if (cfg->theme != NULL) {
		theme = config_path_contract(cfg->theme);
		put_key(b, N_("The colour theme: default, light, mono, or a theme file."), "theme",
		    theme);
		free(theme);
	}
	if (cfg->html_filter != NULL)
		put_key(b, N_("A command that turns HTML mail on its standard input into text."),
		    "html_filter", cfg->html_filter);
	if (cfg->delete_mark)
		put_key(b, N_("What delete does: trash (move to Trash) or mark (expunge on sync)."),
		    "delete", "mark");
	if (cfg->keys != NULL)
		put_key(b, N_("The key preset: mutt or vi."), "keys", cfg->keys);
	if (cfg->mouse)
		put_key(b, N_("Click to select, wheel to scroll."), "mouse", "yes");
	if (cfg->bell_on_new_mail)
		put_key(b, N_("Ring the terminal bell when new mail arrives."),
		    "bell_on_new_mail", "yes");
	if (cfg->new_mail_command != NULL)
		put_key(b, N_("A command run (with /bin/sh -c) when new mail arrives."),
		    "new_mail_command", cfg->new_mail_command);
	if (cfg->url_opener != NULL)
		put_key(b, N_("The program that opens a link from the URL picker."),
		    "url_opener", cfg->url_opener);
}

static void
put_account(struct buf *b, const struct account *a)
{
	const struct config_key	*k;
	char			*v;
	int			 i;

	/* The tables behind show() are indexed by these. */
	assert(a->protocol <= ACCOUNT_MAILDIR && a->tls <= ACCOUNT_TLS_NONE);
	buf_puts(b, "\n[account ");
	put_quoted(b, a->name);
	buf_puts(b, "]\n");
	for (i = 0; i < CONFIG_AK_COUNT; i++) {
		k = &config_account_keys[i];
		if (!(k->applies & (1u << a->protocol)) || (v = k->show(k, a)) == NULL)
			continue;
		put_key(b, k->help, k->name, v);
		config_secret_free(v);
	}
}

static void
put_bind_key(struct buf *b, const char *key)
{
	size_t	n = strlen(key);

	if (n == 0 || strchr(key, '=') != NULL || strchr("\"#;[", key[0]) != NULL ||
	    blank(key[0]) || blank(key[n - 1]))
		put_quoted(b, key);
	else
		buf_puts(b, key);
}

/* One section a view, in the order the views first appear: a second [bind index] would not load. */
static void
put_binds(struct buf *b, const struct config *cfg)
{
	const struct config_bind	*bi, *bj;
	size_t				 i, j;

	for (i = 0; i < cfg->nbinds; i++) {
		bi = &cfg->binds[i];
		for (j = 0; j < i && strcmp(cfg->binds[j].view, bi->view) != 0; j++)
			;
		if (j < i)
			continue;
		buf_printf(b, "\n[bind %s]\n# %s\n", bi->view,
		    _("KEY = COMMAND: the key and the command it runs, see bote(1)."));
		for (j = i; j < cfg->nbinds; j++) {
			bj = &cfg->binds[j];
			if (strcmp(bj->view, bi->view) != 0)
				continue;
			put_bind_key(b, bj->key);
			buf_puts(b, " = ");
			put_value(b, bj->command);
			buf_putc(b, '\n');
		}
	}
}

static int
sync_dir(const char *dir, struct bote_err *err)
{
	int	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd == -1 || fsync(fd) != 0) {
		bote_err_errno(err, errno, _("cannot sync directory '%s'"), dir);
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	w;

	while (len > 0) {
		if ((w = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* A symlinked config (dotfiles) stays a symlink: the file it names is replaced. */
static char *
target_of(const char *file, struct bote_err *err)
{
	struct stat	 st;
	char		*path;

	if (lstat(file, &st) != 0 || !S_ISLNK(st.st_mode))
		return xstrdup(file);
	if ((path = realpath(file, NULL)) == NULL)
		bote_err_errno(err, errno, _("cannot write config '%s'"), file);
	return path;
}

static char *
dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Temporary file beside the target, then rename: a crash leaves the old file or the new one. */
static int
replace_file(const char *target, const char *data, size_t len, struct bote_err *err)
{
	char	*dir = dir_of(target), *tmp = xasprintf("%s.XXXXXX", target);
	int	 fd = -1, rc = -1;

	if (config_path_mkdirs(dir, err) != 0)
		goto out;
	/* mkostemp: O_EXCL, mode 0600, a name nobody could have planted. */
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		bote_err_errno(err, errno, _("cannot create '%s'"), tmp);
		goto out;
	}
	if (fchmod(fd, 0600) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		bote_err_errno(err, errno, _("cannot write '%s'"), tmp);
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		bote_err_errno(err, errno, _("cannot write '%s'"), tmp);
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) != 0) {
		bote_err_errno(err, errno, _("cannot write config '%s'"), target);
		goto fail;
	}
	rc = sync_dir(dir, err);
	goto out;
fail:
	unlink(tmp);
out:
	if (fd != -1)
		close(fd);
	free(dir);
	free(tmp);
	return rc;
}

int
config_write(const char *file, const struct config *cfg, struct bote_err *err)
{
	struct buf	 b = BUF_INIT;
	struct config	 check;
	struct bote_err	 e;
	char		*target = NULL;
	size_t		 i;
	int		 rc = -1;

	buf_printf(&b, "# %s\n",
	    _("bote configuration, see bote.conf(5).  Written by bote: comments are not kept."));
	put_general(&b, cfg);
	for (i = 0; i < cfg->naccounts; i++)
		put_account(&b, &cfg->accounts[i]);
	put_binds(&b, cfg);
	/* A file that would not load again is worse than the old one. */
	if (config_parse(file, b.data, b.len, &check, &e) != 0) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("cannot write config '%s': it would not load again: %s"), file, e.msg);
		goto out;
	}
	config_free(&check);
	if ((target = target_of(file, err)) != NULL)
		rc = replace_file(target, b.data, b.len, err);
out:
	explicit_bzero(b.data, b.cap);
	buf_free(&b);
	free(target);
	return rc;
}
