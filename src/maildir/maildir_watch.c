/*
 * maildir_watch.c - noticing what other programs do to the open folder.
 *
 * inotify on new/ and cur/ says that something happened; it cannot say
 * whether it was bote itself (a flag change renames a file, a fetch
 * delivers into new/), so every burst of events ends in one readdir of both
 * directories compared with the index: only a difference is news.  Where
 * inotify is not to be had (no kernel support, the watch limit reached) the
 * directories' mtimes are looked at every few seconds instead, as mutt does.
 */
#include "maildir/maildir_watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/flags.h"
#include "maildir/maildir_name.h"
#include "util/xmalloc.h"

#define SETTLE_QUIET_MS	100	/* a burst is over after this much silence */
#define SETTLE_MAX_MS	1000	/* ... or after this long, whatever still comes */

#define PENDING_COMPARE	1	/* compare the directories with the index */
#define PENDING_FORCED	2	/* changed for sure: an overflow, a file written in place */

#define WATCH_EVENTS	(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | \
			 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

static const char *const subdirs[2] = { "new", "cur" };

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
maildir_watch_init(struct maildir_watch *w)
{
	memset(w, 0, sizeof *w);
	w->fd = -1;
}

void
maildir_watch_stop(struct maildir_watch *w)
{
	if (w->fd != -1)
		close(w->fd);
	free(w->dir);
	maildir_watch_init(w);
}

/* Note new/ and cur/'s mtimes; 1 when they differ from the ones noted before. */
static int
note_mtimes(struct maildir_watch *w)
{
	struct stat	st;
	struct timespec	t;
	char		*path;
	int		 i, changed = 0;

	for (i = 0; i < 2; i++) {
		path = xasprintf("%s/%s", w->dir, subdirs[i]);
		memset(&t, 0, sizeof t);
		if (stat(path, &st) == 0)
			t = st.st_mtim;
		free(path);
		if (t.tv_sec != w->mtime[i].tv_sec || t.tv_nsec != w->mtime[i].tv_nsec)
			changed = 1;
		w->mtime[i] = t;
	}
	return changed;
}

/* inotify on dir's new/ and cur/, or fd -1 (the mtimes are polled then). */
static void
add_watches(struct maildir_watch *w)
{
	char	*path;
	int	 i;

	if (w->fd != -1)
		close(w->fd);
	w->gone = 0;
	/* BOTE_TEST_NO_INOTIFY: the tests' way to the fallback every system has. */
	if (getenv("BOTE_TEST_NO_INOTIFY") != NULL ||
	    (w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		return;
	for (i = 0; i < 2; i++) {
		path = xasprintf("%s/%s", w->dir, subdirs[i]);
		if (inotify_add_watch(w->fd, path, WATCH_EVENTS) == -1) {
			close(w->fd);
			w->fd = -1;
		}
		free(path);
		if (w->fd == -1)
			return;
	}
}

void
maildir_watch_start(struct maildir_watch *w, const char *dir)
{
	/*
	 * The same folder selected again (a reload): keep what was heard
	 * meanwhile; watch afresh if the kernel dropped the watches (the
	 * folder was deleted and made again) or inotify failed before.
	 */
	if (w->dir != NULL && strcmp(w->dir, dir) == 0) {
		if (w->fd == -1 || w->gone)
			add_watches(w);
		return;
	}
	maildir_watch_stop(w);
	w->dir = xstrdup(dir);
	(void)note_mtimes(w);
	add_watches(w);
	/* Mail delivered while the index was read raised no event: compare once. */
	w->pending = PENDING_COMPARE;
}

void
maildir_watch_before_rescan(struct maildir_watch *w, const struct maildir_index *ix)
{
	size_t	arrived;

	if (w->dir == NULL)
		return;
	if (maildir_watch_differs(w->dir, ix, &arrived)) {
		w->pending = PENDING_FORCED;
		w->carried += arrived;
	}
}

/* Read every queued event; what they say goes into w->pending. */
static void
drain(struct maildir_watch *w)
{
	char				 buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event	*ev;
	ssize_t				 n;
	char				*p;

	while ((n = read(w->fd, buf, sizeof buf)) > 0) {
		for (p = buf; p < buf + n; p += sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)p;
			if (w->pending < PENDING_COMPARE)
				w->pending = PENDING_COMPARE;
			/*
			 * A file written inside new/ or cur/ (not renamed in from tmp/, as
			 * Maildir wants) keeps its name while it grows; lost events and a
			 * folder that went away are changes whatever readdir says.
			 */
			if (ev->mask & (IN_CLOSE_WRITE | IN_Q_OVERFLOW | IN_DELETE_SELF |
			    IN_MOVE_SELF | IN_IGNORED))
				w->pending = PENDING_FORCED;
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))
				w->gone = 1;
		}
	}
	/* Nothing more will come from the dropped watches: poll until the folder is selected again. */
	if (w->gone) {
		close(w->fd);
		w->fd = -1;
	}
}

/*
 * Let a burst (a fetch delivering 500 messages) end before comparing, so
 * that it costs one readdir, not 500.  0 when the wake fd interrupted.
 */
static int
settle(struct maildir_watch *w, int wake_fd)
{
	struct pollfd	pfd[2] = { { .fd = wake_fd, .events = POLLIN }, { .fd = w->fd, .events = POLLIN } };
	int64_t		end = now_ms() + SETTLE_MAX_MS, left;

	if (w->fd == -1)
		return 1;
	while ((left = end - now_ms()) > 0) {
		if (poll(pfd, 2, left < SETTLE_QUIET_MS ? (int)left : SETTLE_QUIET_MS) <= 0)
			break;	/* quiet (or EINTR): compare now */
		if (pfd[0].revents != 0)
			return 0;
		drain(w);
		if (w->fd == -1)
			break;	/* the watches went with the folder */
	}
	return 1;
}

/* A file the index left out because another one has its unique part. */
static int
is_dupe(const struct maildir_index *ix, const char *sub, const char *name)
{
	size_t	i;

	for (i = 0; i < ix->duplicates; i++)
		if (strncmp(ix->dupes[i], sub, 3) == 0 && strcmp(ix->dupes[i] + 4, name) == 0)
			return 1;
	return 0;
}

int
maildir_watch_differs(const char *dir, const struct maildir_index *ix, size_t *arrived)
{
	const struct maildir_entry	*e;
	struct dirent			*de;
	struct stat			 st;
	char				 unique[NAME_MAX + 1], *path;
	size_t				 files = 0, ulen;
	int				 i, differs = 0;
	DIR				*d;

	*arrived = 0;
	for (i = 0; i < 2; i++) {
		path = xasprintf("%s/%s", dir, subdirs[i]);
		d = opendir(path);
		free(path);
		if (d == NULL)
			return 1;
		while ((de = readdir(d)) != NULL) {
			/* What the index scan leaves out is left out here too. */
			if ((de->d_type != DT_UNKNOWN && de->d_type != DT_REG) ||
			    !maildir_name_valid(de->d_name))
				continue;
			/* Some file systems do not tell: a stat then, as the scan does. */
			if (de->d_type == DT_UNKNOWN &&
			    (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISREG(st.st_mode)))
				continue;
			files++;
			ulen = maildir_name_unique_len(de->d_name);
			memcpy(unique, de->d_name, ulen);
			unique[ulen] = '\0';
			if ((e = maildir_index_find(ix, unique)) == NULL) {
				differs = 1;
				/* Unread mail bote has not shown, wherever it lies now. */
				if (!(maildir_letters_flags(maildir_name_letters(de->d_name)) & FLAG_SEEN))
					(*arrived)++;
			} else if ((memcmp(e->file, subdirs[i], 3) != 0 ||
			    strcmp(maildir_entry_basename(e), de->d_name) != 0) &&
			    !is_dupe(ix, subdirs[i], de->d_name))
				differs = 1;	/* renamed: flags set or cleared elsewhere */
		}
		closedir(d);
	}
	/* Files the index has that are no longer there. */
	if (files != ix->n + ix->duplicates)
		differs = 1;
	return differs;
}

int
maildir_watch_wait(struct maildir_watch *w, const struct maildir_index *ix, int wake_fd,
    int timeout_ms, size_t *arrived)
{
	struct pollfd	pfd[2];
	int64_t		end = timeout_ms < 0 ? INT64_MAX : now_ms() + timeout_ms, left;
	int		ms, forced;

	*arrived = 0;
	for (;;) {
		if (w->dir != NULL && w->pending != 0) {
			if (!settle(w, wake_fd))
				return 0;	/* w->pending stays for the next wait */
			forced = w->pending == PENDING_FORCED;
			w->pending = 0;
			(void)note_mtimes(w);
			if (maildir_watch_differs(w->dir, ix, arrived) || forced) {
				*arrived += w->carried;
				w->carried = 0;
				return 1;
			}
		}
		left = end - now_ms();
		if (left <= 0)
			return 0;
		ms = left > INT_MAX ? -1 : (int)left;
		if (w->dir != NULL && w->fd == -1 && (ms == -1 || ms > MAILDIR_WATCH_POLL_MS))
			ms = MAILDIR_WATCH_POLL_MS;
		pfd[0] = (struct pollfd){ .fd = wake_fd, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = w->fd, .events = POLLIN };
		if (poll(pfd, w->fd != -1 ? 2 : 1, ms) == -1 && errno != EINTR)
			return 0;
		if (pfd[0].revents != 0)
			return 0;
		if (w->fd != -1 && pfd[1].revents != 0)
			drain(w);
		else if (w->dir != NULL && w->fd == -1 && note_mtimes(w))
			w->pending = PENDING_COMPARE;
	}
}
