/* maildir_folders.c - folder discovery and name <-> directory mapping for the Maildir spool. */
#include "maildir/maildir_folders.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/flags.h"
#include "maildir/maildir_name.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
is_dir(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
maildir_folders_is_maildir(const char *dir)
{
	char	*cur = xasprintf("%s/cur", dir), *new = xasprintf("%s/new", dir);
	int	 yes = is_dir(cur) && is_dir(new);

	free(cur);
	free(new);
	return yes;
}

/*
 * Convert with iconv, flushing the shift state at the end (modified UTF-7
 * closes a base64 run with '-' only then).  NULL when the input is not
 * valid in the source encoding.
 */
static char *
convert(const char *in, const char *to, const char *from)
{
	iconv_t	 cd = iconv_open(to, from);
	char	*out, *op, *ip = (char *)in;
	size_t	 il = strlen(in), ol = il * 4 + 8;

	if (cd == (iconv_t)-1)
		return NULL;
	out = op = xmalloc(ol);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		iconv_close(cd);
		free(out);
		return NULL;
	}
	*op = '\0';
	iconv_close(cd);
	return out;
}

/* Dovecot stores non-ASCII folder names in modified UTF-7 (RFC 3501 5.1.3). */
static char *
mutf7_to_utf8(const char *in)
{
	return strchr(in, '&') == NULL ? xstrdup(in) : convert(in, "UTF-8", "UTF-7-IMAP");
}

static char *
utf8_to_mutf7(const char *in)
{
	const unsigned char	*p;
	char			*out;

	for (p = (const unsigned char *)in; *p != '\0' && *p < 0x80 && *p != '&'; p++)
		;
	if (*p == '\0')
		return xstrdup(in);
	out = convert(in, "UTF-7-IMAP", "UTF-8");
	return out != NULL ? out : xstrdup(in);
}

static int
name_safe(const char *name)
{
	const char	*p, *level = name;

	if (name[0] == '\0' || name[0] == '/')
		return 0;
	for (p = name;; p++) {
		if (*p == '/' || *p == '\0') {
			if (p == level || (p - level == 1 && level[0] == '.') ||
			    (p - level == 2 && level[0] == '.' && level[1] == '.'))
				return 0;
			if (*p == '\0')
				return 1;
			level = p + 1;
		} else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	}
}

/* The Maildir++ directory entry (".A.B") of a folder name ("A/B"), owned. */
static char *
plusplus_entry(const char *name)
{
	char	*enc = utf8_to_mutf7(name), *p, *entry;

	for (p = enc; *p != '\0'; p++)
		if (*p == '/')
			*p = '.';
	entry = xasprintf(".%s", enc);
	free(enc);
	return entry;
}

void
maildir_folders_count(const char *dir, long *total, long *unread)
{
	static const char *const subs[] = { "new", "cur" };
	DIR		*d;
	struct dirent	*de;
	char		*path;
	size_t		 i;

	*total = *unread = 0;
	for (i = 0; i < 2; i++) {
		path = xasprintf("%s/%s", dir, subs[i]);
		d = opendir(path);
		free(path);
		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			/* Count what the folder scan lists: valid names of regular files. */
			if (!maildir_name_valid(de->d_name) ||
			    (de->d_type != DT_REG && de->d_type != DT_UNKNOWN))
				continue;
			(*total)++;
			if (i == 0 || !(maildir_letters_flags(
			    maildir_name_letters(de->d_name)) & FLAG_SEEN))
				(*unread)++;
		}
		closedir(d);
	}
}

static void
add_folder(struct folder_list *out, const char *name, const char *dir, int with_counts)
{
	struct folder_info	f = { 0 };

	f.name = (char *)name;
	f.role = folder_role_guess(name);
	f.total = f.unread = -1;
	if (with_counts)
		maildir_folders_count(dir, &f.total, &f.unread);
	folder_list_add(out, &f);
}

/* Maildir++: ".A.B" in root is folder "A/B". */
static void
scan_plusplus(const char *root, const char *entry, int with_counts, struct folder_list *out)
{
	char	*dir = xasprintf("%s/%s", root, entry);
	char	*raw, *name, *p;

	if (maildir_folders_is_maildir(dir)) {
		raw = xstrdup(entry + 1);
		for (p = raw; *p != '\0'; p++)
			if (*p == '.')
				*p = '/';
		/*
		 * List only names that lead back to this very directory: a decoded
		 * '/' or "..", or an encoding bote would write differently, would
		 * otherwise show a folder that opens another one or none.
		 */
		if ((name = mutf7_to_utf8(raw)) != NULL && name_safe(name)) {
			char *back = plusplus_entry(name);

			if (strcmp(back, entry) == 0)
				add_folder(out, name, dir, with_counts);
			free(back);
		}
		free(name);
		free(raw);
	}
	free(dir);
}

/* Plain nested Maildirs: any directory below root that has cur/ and new/. */
static void
scan_nested(const char *root, const char *rel, int depth, int with_counts,
    struct folder_list *out)
{
	char		*dir = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	char		*child;
	DIR		*d;
	struct dirent	*de;

	if (depth > MAILDIR_MAX_DEPTH || (d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (depth == 0 && (strcmp(de->d_name, "cur") == 0 ||
		    strcmp(de->d_name, "new") == 0 || strcmp(de->d_name, "tmp") == 0))
			continue;
		if (rel[0] != '\0' && (strcmp(de->d_name, "cur") == 0 ||
		    strcmp(de->d_name, "new") == 0 || strcmp(de->d_name, "tmp") == 0))
			continue;
		child = rel[0] ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name);
		if (!maildir_name_valid(de->d_name)) {
			free(child);
			continue;
		}
		{
			char *full = xasprintf("%s/%s", root, child);
			struct stat st;

			/* lstat: a symlink loop must not send the scan around in circles. */
			if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
				if (maildir_folders_is_maildir(full))
					add_folder(out, child, full, with_counts);
				scan_nested(root, child, depth + 1, with_counts, out);
			}
			free(full);
		}
		free(child);
	}
	closedir(d);
	free(dir);
}

/*
 * A plain nested "Sub" and a Maildir++ ".Sub" have one name; the nested one
 * is what maildir_folders_dir opens, so only one entry may stay.
 */
static void
drop_duplicates(struct folder_list *l)
{
	size_t	i, j;

	for (i = j = 0; i < l->n; i++) {
		if (j > 0 && strcmp(l->v[j - 1].name, l->v[i].name) == 0) {
			free(l->v[i].name);
			continue;
		}
		l->v[j++] = l->v[i];
	}
	l->n = j;
}

int
maildir_folders_list(const char *root, int with_counts, struct folder_list *out,
    struct bote_err *err)
{
	DIR		*d;
	struct dirent	*de;
	struct folder_info f = { 0 };

	if ((d = opendir(root)) == NULL) {
		bote_err_errno(err, errno, "cannot open folder '%s'", root);
		if (errno == ENOENT)
			err->kind = BOTE_ERR_NOTFOUND;
		return -1;
	}
	if (maildir_folders_is_maildir(root)) {
		f.name = "INBOX";
		f.role = ROLE_INBOX;
		f.total = f.unread = -1;
		if (with_counts)
			maildir_folders_count(root, &f.total, &f.unread);
		folder_list_add(out, &f);
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			scan_plusplus(root, de->d_name, with_counts, out);
	closedir(d);
	scan_nested(root, "", 0, with_counts, out);
	if (out->n == 0) {
		bote_err_set(err, BOTE_ERR_NOTFOUND,
		    "not a Maildir '%s': no cur/ and new/ directories found", root);
		return -1;
	}
	folder_list_sort(out);
	drop_duplicates(out);
	return 0;
}

char *
maildir_folders_dir(const char *root, const char *name, struct bote_err *err)
{
	char	*dir, *enc;

	if (strcasecmp(name, "INBOX") == 0) {
		if (maildir_folders_is_maildir(root))
			return xstrdup(root);
		bote_err_set(err, BOTE_ERR_NOTFOUND,
		    "not a Maildir '%s': no cur/ and new/ directories", root);
		return NULL;
	}
	if (!name_safe(name)) {
		bote_err_set(err, BOTE_ERR_USAGE, "invalid folder name '%s'", name);
		return NULL;
	}
	dir = xasprintf("%s/%s", root, name);
	if (maildir_folders_is_maildir(dir))
		return dir;
	free(dir);
	enc = plusplus_entry(name);
	dir = xasprintf("%s/%s", root, enc);
	free(enc);
	if (maildir_folders_is_maildir(dir))
		return dir;
	free(dir);
	bote_err_set(err, BOTE_ERR_NOTFOUND, "no such folder '%s'", name);
	return NULL;
}

char *
maildir_folders_new_dir(const char *root, const char *name, struct bote_err *err)
{
	char	*entry, *dir;

	if (folder_name_check(name, err) != 0)
		return NULL;
	if (strchr(name, '.') != NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, _("invalid folder name '%s': %s"), name,
		    _("a Maildir++ folder name cannot hold '.'"));
		return NULL;
	}
	entry = plusplus_entry(name);
	if (strlen(entry) > NAME_MAX) {
		bote_err_set(err, BOTE_ERR_USAGE, _("invalid folder name '%s': %s"), name,
		    _("the name is too long"));
		free(entry);
		return NULL;
	}
	dir = xasprintf("%s/%s", root, entry);
	free(entry);
	return dir;
}
