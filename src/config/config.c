/* config.c - loading the config file with its safety checks, finding accounts, freeing. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

void
config_free(struct config *cfg)
{
	size_t	i;

	for (i = 0; i < cfg->naccounts; i++)
		config_account_clear(&cfg->accounts[i]);
	free(cfg->accounts);
	for (i = 0; i < cfg->nbinds; i++) {
		free(cfg->binds[i].view);
		free(cfg->binds[i].key);
		free(cfg->binds[i].command);
	}
	free(cfg->binds);
	free(cfg->path);
	free(cfg->default_account);
	free(cfg->theme);
	free(cfg->html_filter);
	free(cfg->keys);
	free(cfg->new_mail_command);
	free(cfg->url_opener);
	memset(cfg, 0, sizeof *cfg);
}

const struct account *
config_account(const struct config *cfg, const char *name)
{
	size_t	i;

	if (name == NULL && cfg->default_account != NULL)
		name = cfg->default_account;
	if (name == NULL)
		return cfg->naccounts > 0 ? &cfg->accounts[0] : NULL;
	for (i = 0; i < cfg->naccounts; i++)
		if (strcmp(cfg->accounts[i].name, name) == 0)
			return &cfg->accounts[i];
	return NULL;
}

/* Reads all of fd, at most CONFIG_MAX_FILE bytes; the caller wipes and frees *out. */
static int
read_all(int fd, const char *file, char **out, size_t *len, struct bote_err *err)
{
	char	*data = xmalloc(CONFIG_MAX_FILE + 1);
	size_t	 n = 0;
	ssize_t	 r;

	while (n <= CONFIG_MAX_FILE) {
		r = read(fd, data + n, CONFIG_MAX_FILE + 1 - n);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			bote_err_errno(err, errno, _("cannot read config '%s'"), file);
			goto fail;
		}
		n += (size_t)r;
	}
	if (n > CONFIG_MAX_FILE) {
		bote_err_set(err, BOTE_ERR_PARSE, _("config '%s' is larger than 1 MiB"), file);
		goto fail;
	}
	*out = data;
	*len = n;
	return 0;
fail:
	explicit_bzero(data, n);
	free(data);
	return -1;
}

/*
 * password_command and html_filter run as the user: a file that someone
 * else can write (or owns) would let them run commands as the user.
 */
static int
check_writers(const char *file, const struct stat *st, struct bote_err *err)
{
	if (!S_ISREG(st->st_mode)) {
		bote_err_set(err, BOTE_ERR_LOCAL, _("cannot read config '%s': not a regular file"),
		    file);
		return -1;
	}
	if (st->st_uid != geteuid() && st->st_uid != 0) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    _("config '%s' belongs to another user, who could make bote run any command"),
		    file);
		return -1;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    _("config '%s' is writable by other users, who could make bote run any command: chmod go-w '%s'"),
		    file, file);
		return -1;
	}
	return 0;
}

static int
has_password(const struct config *cfg)
{
	size_t	i;

	for (i = 0; i < cfg->naccounts; i++)
		if (cfg->accounts[i].password != NULL)
			return 1;
	return 0;
}

static int
check_readers(const char *file, const struct stat *st, struct bote_err *err)
{
	if (st->st_uid != geteuid()) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    _("config '%s' holds a password but belongs to another user: keep passwords in a file of your own"),
		    file);
		return -1;
	}
	if (st->st_mode & (S_IRWXG | S_IRWXO)) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    _("config '%s' holds a password but other users may read it (mode %03o): chmod 600 '%s'"),
		    file, (unsigned)(st->st_mode & 0777), file);
		return -1;
	}
	return 0;
}

int
config_load(const char *file, struct config *cfg, struct bote_err *err)
{
	struct stat	 st;
	char		*text = NULL;
	size_t		 len = 0;
	int		 fd, e, rc = -1;

	memset(cfg, 0, sizeof *cfg);
	/* O_NONBLOCK: a FIFO must not hang the open; it is refused below. */
	if ((fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) == -1) {
		e = errno;
		bote_err_errno(err, e, _("cannot read config '%s'"), file);
		if (e == ENOENT && err != NULL)
			err->kind = BOTE_ERR_NOTFOUND;
		return -1;
	}
	/* fstat of the open file: what is checked is what is read. */
	if (fstat(fd, &st) != 0) {
		bote_err_errno(err, errno, _("cannot read config '%s'"), file);
		goto out;
	}
	if (check_writers(file, &st, err) != 0 || read_all(fd, file, &text, &len, err) != 0)
		goto out;
	if (config_parse(file, text, len, cfg, err) != 0)
		goto out;
	if (has_password(cfg) && check_readers(file, &st, err) != 0) {
		config_free(cfg);
		goto out;
	}
	cfg->path = xstrdup(file);
	rc = 0;
out:
	if (text != NULL) {
		explicit_bzero(text, len);
		free(text);
	}
	close(fd);
	return rc;
}
