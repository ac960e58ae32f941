/*
 * maildir_watch.h - noticing what other programs (an MDA, a cron `bote
 * fetch`, mutt on the same spool) do to the open folder while bote waits.
 */
#ifndef BOTE_MAILDIR_WATCH_H
#define BOTE_MAILDIR_WATCH_H

#include <stddef.h>
#include <time.h>

#include "maildir/maildir_index.h"

#define MAILDIR_WATCH_POLL_MS	5000	/* without inotify: how often the mtimes are looked at */

struct maildir_watch {
	char		*dir;		/* the folder watched, or NULL */
	int		 fd;		/* inotify descriptor, or -1: poll the mtimes instead */
	int		 pending;	/* something happened that was not compared yet */
	int		 gone;		/* the kernel dropped the watches (folder deleted or moved) */
	size_t		 carried;	/* arrivals seen before the index took them in */
	struct timespec	 mtime[2];	/* new/ and cur/ when last compared (polling) */
};

void	maildir_watch_init(struct maildir_watch *);
/*
 * Watch dir's new/ and cur/ from now on (stops watching what was watched).
 * Call it after the index of dir is read: the first wait compares once, for
 * what arrived while the scan ran.
 */
void	maildir_watch_start(struct maildir_watch *, const char *dir);
/*
 * The index is about to be read again in the middle of an operation (a
 * file renamed away): whatever the folder holds that ix does not is news
 * the next wait must still report, though the new index will hold it.
 */
void	maildir_watch_before_rescan(struct maildir_watch *, const struct maildir_index *ix);
void	maildir_watch_stop(struct maildir_watch *);
/*
 * Wait until wake_fd is readable, timeout_ms (-1: no limit) passes, or the
 * folder no longer holds what ix says: 1 then, with *arrived the number of
 * unread files that ix does not know; else 0.  Changes seen but not yet
 * compared when a wake interrupts are kept for the next call.
 */
int	maildir_watch_wait(struct maildir_watch *, const struct maildir_index *ix, int wake_fd,
	    int timeout_ms, size_t *arrived);
/*
 * 1 when dir's new/ and cur/ hold files that ix lacks or names differently,
 * or lack some of ix's; *arrived counts the unknown files not marked seen
 * (in new/, or in cur/ where another client has moved them already).  One
 * readdir of each, a stat only where readdir cannot tell a file's type.
 * An unreadable directory counts as a change.
 */
int	maildir_watch_differs(const char *dir, const struct maildir_index *ix, size_t *arrived);

#endif
