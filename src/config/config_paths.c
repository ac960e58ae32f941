/* config_paths.c - where bote keeps its files (XDG base directories) and ~ in configured paths. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* $HOME without trailing slashes, or NULL when it is not an absolute path. */
static char *
home_dir(void)
{
	const char	*home = getenv("HOME");
	size_t		 n;

	if (home == NULL || home[0] != '/')
		return NULL;
	for (n = strlen(home); n > 1 && home[n - 1] == '/'; n--)
		;
	return xstrndup(home, n);
}

/*
 * The XDG spec says a relative $XDG_*_HOME is invalid and must be ignored,
 * which also keeps bote from writing caches below whatever the current
 * directory happens to be.
 */
char *
config_path_base(const char *env, const char *fallback, struct bote_err *err)
{
	const char	*v = getenv(env);
	char		*home, *dir;
	size_t		 n;

	if (v != NULL && v[0] == '/') {
		for (n = strlen(v); n > 1 && v[n - 1] == '/'; n--)
			;
		return xasprintf("%.*s/bote", (int)n, v);
	}
	if ((home = home_dir()) == NULL) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    _("cannot find the directory for '%s': neither $%s nor $HOME is an absolute path"),
		    fallback, env);
		return NULL;
	}
	dir = xasprintf("%s/%s/bote", strcmp(home, "/") == 0 ? "" : home, fallback);
	free(home);
	return dir;
}

char *
config_default_path(void)
{
	char	*dir, *path;

	if ((dir = config_path_base("XDG_CONFIG_HOME", ".config", NULL)) == NULL)
		return NULL;
	path = xasprintf("%s/config", dir);
	free(dir);
	return path;
}

/* mkdir -p, each new level 0700: these directories hold mail headers and passwords. */
int
config_path_mkdirs(const char *dir, struct bote_err *err)
{
	char		*path = xstrdup(dir), *s;
	struct stat	 st;
	int		 rc = -1, e;

	for (s = strchr(path + 1, '/');; s = strchr(s + 1, '/')) {
		if (s != NULL)
			*s = '\0';
		/* An existing level may still fail with EACCES or EROFS: look before failing. */
		if (mkdir(path, 0700) != 0 && (e = errno) != EEXIST &&
		    (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
			bote_err_errno(err, e, _("cannot create directory '%s'"), path);
			goto out;
		}
		if (s == NULL)
			break;
		*s = '/';
	}
	if (stat(dir, &st) != 0) {
		bote_err_errno(err, errno, _("cannot create directory '%s'"), dir);
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    _("cannot create directory '%s': not a directory"), dir);
		goto out;
	}
	rc = 0;
out:
	free(path);
	return rc;
}

char *
config_user_dir(const char *kind, struct bote_err *err)
{
	char		*dir;
	struct stat	 st;

	if (strcmp(kind, "cache") == 0)
		dir = config_path_base("XDG_CACHE_HOME", ".cache", err);
	else if (strcmp(kind, "state") == 0)
		dir = config_path_base("XDG_STATE_HOME", ".local/state", err);
	else {
		bote_err_set(err, BOTE_ERR_USAGE, "unknown directory kind '%s'", kind);
		return NULL;
	}
	if (dir == NULL)
		return NULL;
	if (config_path_mkdirs(dir, err) != 0)
		goto fail;
	/* Someone else's directory would let them read (or plant) our files. */
	if (stat(dir, &st) != 0) {
		bote_err_errno(err, errno, _("cannot create directory '%s'"), dir);
		goto fail;
	}
	if (st.st_uid != geteuid()) {
		bote_err_set(err, BOTE_ERR_LOCAL,
		    _("cannot use directory '%s': it belongs to another user"), dir);
		goto fail;
	}
	return dir;
fail:
	free(dir);
	return NULL;
}

/* Only "~" and "~/...": ~user would need the password database, and nobody writes it. */
char *
config_path_expand(const char *path, struct bote_err *err)
{
	char	*home, *out;

	if (path[0] == '~' && path[1] != '\0' && path[1] != '/') {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("path '%s' is not supported: only ~/ is expanded, write the full path"),
		    path);
		return NULL;
	}
	if (path[0] != '~') {
		if (path[0] != '/') {
			bote_err_set(err, BOTE_ERR_PARSE,
			    _("path '%s' is relative: write a full path or one starting with ~/"),
			    path);
			return NULL;
		}
		return xstrdup(path);
	}
	if ((home = home_dir()) == NULL) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("cannot expand '~' in '%s': $HOME is not an absolute path"), path);
		return NULL;
	}
	if (strcmp(home, "/") == 0)
		out = xstrdup(path[1] == '\0' ? "/" : path + 1);
	else
		out = xasprintf("%s%s", home, path + 1);
	free(home);
	return out;
}

/* The inverse, so that a written config stays readable (and portable to a new $HOME). */
char *
config_path_contract(const char *path)
{
	char	*home, *out;
	size_t	 n;

	if ((home = home_dir()) == NULL || strcmp(home, "/") == 0) {
		free(home);
		return xstrdup(path);
	}
	n = strlen(home);
	if (strncmp(path, home, n) == 0 && (path[n] == '/' || path[n] == '\0'))
		out = xasprintf("~%s", path + n);
	else
		out = xstrdup(path);
	free(home);
	return out;
}
