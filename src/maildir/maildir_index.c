/* maildir_index.c - scanning a Maildir folder and finding its files by unique name. */
#include "maildir/maildir_index.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/flags.h"
#include "maildir/maildir_file.h"
#include "maildir/maildir_name.h"
#include "util/xmalloc.h"
#include "util/hash.h"

const char *
maildir_entry_basename(const struct maildir_entry *e)
{
	return e->file + 4;	/* after "cur/" or "new/" */
}

static int
same_unique(const struct maildir_entry *a, const struct maildir_entry *b)
{
	return a->ulen == b->ulen &&
	    memcmp(maildir_entry_basename(a), maildir_entry_basename(b), a->ulen) == 0;
}

/*
 * Two files with one unique part (a copy made by hand, a half-finished
 * rename by another program) would make every operation on one act on the
 * other; the later one is left out of the index and untouched on disk.
 */
void
maildir_index_rehash(struct maildir_index *ix)
{
	size_t	i, j, h, mask;

	free(ix->slots);
	ix->nslots = 16;
	while (ix->nslots < ix->n * 2)
		ix->nslots *= 2;
	ix->slots = xcalloc(ix->nslots, sizeof *ix->slots);
	mask = ix->nslots - 1;
	for (i = j = 0; i < ix->n; i++) {
		h = (size_t)hash_fnv1a(maildir_entry_basename(&ix->v[i]), ix->v[i].ulen) & mask;
		while (ix->slots[h] != 0 && !same_unique(&ix->v[ix->slots[h] - 1], &ix->v[i]))
			h = (h + 1) & mask;
		if (ix->slots[h] != 0) {
			free(ix->v[i].file);
			ix->duplicates++;
			continue;
		}
		ix->v[j] = ix->v[i];
		ix->slots[h] = ++j;
	}
	ix->n = j;
}

struct maildir_entry *
maildir_index_find(const struct maildir_index *ix, const char *unique)
{
	size_t			 len = strlen(unique), h, mask;
	struct maildir_entry	*e;

	if (ix->nslots == 0)
		return NULL;
	mask = ix->nslots - 1;
	for (h = (size_t)hash_fnv1a(unique, len) & mask; ix->slots[h] != 0; h = (h + 1) & mask) {
		e = &ix->v[ix->slots[h] - 1];
		if (e->ulen == len && memcmp(maildir_entry_basename(e), unique, len) == 0)
			return e;
	}
	return NULL;
}

static void
add_entry(struct maildir_index *ix, const char *sub, const char *name,
    const struct stat *st, unsigned extra)
{
	struct maildir_entry	*e;

	if ((ix->n & (ix->n - 1)) == 0)
		ix->v = xreallocarray(ix->v, ix->n ? ix->n * 2 : 64, sizeof *ix->v);
	e = &ix->v[ix->n++];
	e->file = xasprintf("%s/%s", sub, name);
	e->ulen = maildir_name_unique_len(name);
	e->flags = maildir_letters_flags(maildir_name_letters(name)) | extra;
	e->size = (uint64_t)st->st_size;
	e->mtime = st->st_mtime;
}

static int
scan_sub(struct maildir_index *ix, const char *dir, const char *sub, int move_new,
    struct bote_err *err)
{
	char		*path = xasprintf("%s/%s", dir, sub);
	int		 dfd, curfd = -1;
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*target;

	dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd == -1 || (d = fdopendir(dfd)) == NULL) {
		bote_err_errno(err, errno, "cannot read folder directory '%s'", path);
		if (dfd != -1)
			close(dfd);
		free(path);
		return -1;
	}
	if (move_new) {
		free(path);
		path = xasprintf("%s/cur", dir);
		curfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	while ((de = readdir(d)) != NULL) {
		if (!maildir_name_valid(de->d_name))
			continue;
		/* Symlinks are not messages: open() refuses them too (O_NOFOLLOW). */
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (move_new && curfd != -1) {
			/* Never replace a file in cur/: a clash stays in new/. */
			target = maildir_name_with_flags(de->d_name, 0, 0);
			if (maildir_file_rename_noreplace(dfd, de->d_name, curfd, target) == 0) {
				add_entry(ix, "cur", target, &st, FLAG_NEW);
				free(target);
				continue;
			}
			free(target);
		}
		add_entry(ix, sub, de->d_name, &st, strcmp(sub, "new") == 0 ? FLAG_NEW : 0);
	}
	closedir(d);
	if (curfd != -1)
		close(curfd);
	free(path);
	return 0;
}

int
maildir_index_scan(struct maildir_index *ix, const char *dir, int move_new,
    struct bote_err *err)
{
	struct maildir_index	fresh;

	/* A failed scan leaves the old index usable. */
	memset(&fresh, 0, sizeof fresh);
	/* cur/ first: files moved out of new/ must not be read twice. */
	if (scan_sub(&fresh, dir, "cur", 0, err) != 0 ||
	    scan_sub(&fresh, dir, "new", move_new, err) != 0) {
		maildir_index_free(&fresh);
		return -1;
	}
	maildir_index_rehash(&fresh);
	maildir_index_free(ix);
	*ix = fresh;
	return 0;
}

void
maildir_index_remove(struct maildir_index *ix, const size_t *idx, size_t n)
{
	size_t	i, j, k;

	for (i = j = k = 0; i < ix->n; i++) {
		if (k < n && idx[k] == i) {
			free(ix->v[i].file);
			k++;
			continue;
		}
		ix->v[j++] = ix->v[i];
	}
	ix->n = j;
	maildir_index_rehash(ix);
}

void
maildir_index_free(struct maildir_index *ix)
{
	size_t	i;

	for (i = 0; i < ix->n; i++)
		free(ix->v[i].file);
	free(ix->v);
	free(ix->slots);
	memset(ix, 0, sizeof *ix);
}
