/* thread.h - message threads (JWZ algorithm): a display order with a tree column and collapsing. */
#ifndef BOTE_THREAD_H
#define BOTE_THREAD_H

#include <stddef.h>
#include <stdint.h>

#include "core/summary.h"

/*
 * thread_build() links rows by Message-ID, References and In-Reply-To as
 * described at https://www.jwz.org/doc/threading.html and returns the order
 * in which the message list shows them:
 *
 * - The parent of a message is the message its In-Reply-To names when that
 *   one is in the folder (mutt's preference: the replying client wrote it),
 *   else the last id of its References (at most the last THREAD_REFS_MAX
 *   count; text outside <...> is ignored), else In-Reply-To.
 * - Earlier References ids are linked to each other only where that gives a
 *   container its first parent.  A link that would close a loop and a
 *   message's references to itself are ignored.
 * - A second message with an already used Message-ID, and a message with
 *   none, is threaded by its own headers but nothing can refer to it.
 * - Parents that are not in the folder vanish; their children move up.  At
 *   the top, a missing parent with two or more children stays as an
 *   invisible root: its children are drawn at depth 1 with
 *   THREAD_MISSING_PARENT and the first one as "┌─>".
 * - Unless opts->strict, a thread whose root subject is a reply ("Re:",
 *   "AW:", "Fwd:", "WG:", "Antw:", "Fw:", any case, repeated, "Re[2]:") is
 *   hung under the thread of the same subject whose root is an original
 *   (or an invisible root), like mutt's pseudo-threads.  Two originals with
 *   the same subject are not joined: "Hello" is not a conversation.
 *
 * Order: threads by the date of their first message (mutt's default,
 * $sort=threads with $sort_aux=date), or of their newest message with
 * THREAD_SORT_LAST (mutt's last-date); oldest first unless opts->reverse.
 * Siblings are always oldest first, so a thread reads top to bottom.  Equal
 * dates keep row order, so the result does not depend on anything but the
 * rows.  Undated rows (date 0) count as the oldest.
 *
 * Cost: O(n log n) time and O(n) memory in the number of rows and ids, with
 * no recursion (a chain of 100,000 replies is fine).  A hash table keyed by
 * a random per-call seed keeps hostile Message-IDs from degrading it.
 *
 * Threads: thread_build() may run on any thread at the same time as others
 * (no static mutable state); rows are borrowed for the call only.  The
 * returned view is owned by the caller: the const functions may run
 * concurrently, thread_collapse() and friends change it and need the owner.
 */

#define THREAD_REFS_MAX		100	/* References ids looked at per message (the last ones) */
#define THREAD_DEPTH_MAX	30	/* indentation stops growing here; parents stay exact */
#define THREAD_NONE		((size_t)-1)

/* Bytes thread_tree_prefix() needs at most, NUL included. */
#define THREAD_PREFIX_MAX	(4 * (THREAD_DEPTH_MAX - 1) + 3 + 3 + 1 + 1)

/* thread_view.flags[pos] */
#define THREAD_LAST		0x01	/* last child of its parent: "└─>" rather than "├─>" */
#define THREAD_MISSING_PARENT	0x02	/* its parent is not in the folder (an invisible root) */
#define THREAD_BY_SUBJECT	0x04	/* joined by subject only: "├*>" as in mutt */
#define THREAD_START		0x08	/* the first position of a thread */
#define THREAD_COLLAPSED	0x10	/* on a THREAD_START position: the rest is hidden */
#define THREAD_HIDDEN		0x20	/* inside a collapsed thread */

enum thread_sort {
	THREAD_SORT_FIRST = 0,	/* threads by their first (root) message: mutt's default */
	THREAD_SORT_LAST,	/* threads by their newest message */
};

struct thread_opts {
	enum thread_sort sort;
	int		 reverse;	/* newest thread first; siblings stay oldest first */
	int		 strict;	/* never join threads by subject (mutt's $strict_threads) */
};

/*
 * Every array is owned by the view and has n entries unless said otherwise.
 * A "position" is an index into these arrays: the place in the full
 * (expanded) list; visible[] lists the positions that collapsing leaves.
 * Functions taking a position want one below n.
 */
struct thread_view {
	size_t		 n;
	size_t		*order;		/* row index shown at each position */
	size_t		*pos_of_row;	/* inverse of order: position of row i */
	size_t		*parent;	/* position of the parent message, or THREAD_NONE */
	uint16_t	*depth;		/* 0 for a root, capped at THREAD_DEPTH_MAX */
	uint8_t		*flags;		/* THREAD_* */
	uint32_t	*lines;		/* bit j: draw "│" in tree column j (an ancestor goes on) */
	size_t		 nthreads;
	size_t		*thread_start;	/* nthreads + 1 entries: first position of each thread, then n */
	size_t		*visible;	/* positions not hidden, ascending */
	size_t		 nvisible;
};

/* opts may be NULL (defaults: first-message order, oldest first, subject grouping). Never NULL. */
struct thread_view *thread_build(const struct summary *rows, size_t n, const struct thread_opts *opts);
void	thread_free(struct thread_view *);

/*
 * The tree column for position pos in UTF-8, mutt style: "" for a root,
 * "├─>", "└─>", "│ ├─>", "  └─>" ..., "├*>" for a subject link, "┌─>" for
 * the first child of an invisible root.  Writes at most len bytes with the
 * NUL (never a partial character) and returns the length it needed, like
 * snprintf; THREAD_PREFIX_MAX is always enough.  It takes
 * thread_tree_width() terminal columns.
 */
size_t	thread_tree_prefix(const struct thread_view *, size_t pos, char *buf, size_t len);
int	thread_tree_width(const struct thread_view *, size_t pos);

/* Index into thread_start of the thread holding position pos. */
size_t	thread_index(const struct thread_view *, size_t pos);
/* Messages in the thread holding pos. */
size_t	thread_size(const struct thread_view *, size_t pos);
/* Messages hidden behind pos: the rest of its thread when pos starts a collapsed one, else 0. */
size_t	thread_hidden(const struct thread_view *, size_t pos);
/* Index into visible[] of pos, or of the visible row that stands for it when hidden. */
size_t	thread_visible_index(const struct thread_view *, size_t pos);

/*
 * Collapse, expand or toggle the whole thread holding pos (from any of its
 * messages, as mutt does) and update visible[]; a one-message thread never
 * collapses.  They return the thread's first position, where the cursor
 * belongs afterwards.  O(n) for the visible[] rebuild.
 */
size_t	thread_collapse(struct thread_view *, size_t pos);
size_t	thread_expand(struct thread_view *, size_t pos);
size_t	thread_toggle(struct thread_view *, size_t pos);
/* Collapse every thread, or expand them all when all are already collapsed. */
void	thread_toggle_all(struct thread_view *);

#endif
