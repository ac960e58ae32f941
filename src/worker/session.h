/*
 * session.h - an open account as the UI and the command line see it.
 *
 * Every store access of ui/ goes through these calls; nothing in ui/ knows a
 * driver, GMime or libetpan.  Today each call runs the driver operation on
 * the calling thread, which is fine for the local spool; the worker thread
 * with its request queue (docs/ARCHITECTURE.md, "Worker") takes these same
 * operations off the UI thread.  All results are owned by the caller.
 */
#ifndef BOTE_SESSION_H
#define BOTE_SESSION_H

#include <stddef.h>
#include <time.h>

#include "core/display.h"
#include "core/folder.h"
#include "core/msgref.h"
#include "core/summary.h"
#include "driver/driver.h"
#include "util/err.h"

struct session;

/* Once per process, after setlocale() and before any thread starts: the MIME library. */
void	session_library_init(void);
void	session_library_shutdown(void);

/*
 * The header-cache directory for a store, under $XDG_CACHE_HOME/bote (or
 * ~/.cache/bote): KIND-<hash of the real path>.  Owned; NULL when neither
 * variable is usable.
 */
char	*session_cache_dir(const char *kind, const char *path);
/*
 * Open an account with a driver (create + connect); params are copied by the
 * driver.  With params->cache_dir the session keeps summaries in an LMDB
 * header cache there; a cache that cannot be opened is simply not used.
 */
struct session *session_open(const struct drv_ops *, const struct drv_params *,
	    struct bote_err *);
/* Open a local Maildir tree; readonly sessions never rename or remove files. */
struct session *session_open_maildir(const char *path, int readonly, struct bote_err *);
/*
 * Open an IMAP account with the imap driver (account and password are
 * copied; a NULL password runs the account's password_command).  No
 * header cache yet: its records are keyed by Maildir names.
 */
struct session *session_open_imap(const struct account *, const char *password,
	    int readonly, struct bote_err *);
/*
 * Wait for news of the selected folder (the driver's wait: IMAP IDLE)
 * until wake_fd is readable or timeout_ms passes; *out says what changed
 * (driver_changes_free).  -1 with err when the store cannot be reached;
 * BOTE_ERR_UNSUPPORTED for a driver that cannot wait.
 */
int	session_wait(struct session *, int wake_fd, int timeout_ms, struct drv_changes *out,
	    struct bote_err *);
/* The selected folder, or NULL. */
const char *session_folder(const struct session *);
/* Any thread: make a blocked driver call return (the driver's abort). */
void	session_abort(struct session *);
/*
 * 1 when the account was opened from its cache because the server was
 * unreachable (IMAP): what is shown is the cache's, changes are refused.
 */
int	session_offline(const struct session *);
void	session_close(struct session *);

/* The folders, with message counts when counts is set (see drv_ops.list_folders). */
int	session_folders(struct session *, int counts, struct folder_list *out,
	    struct bote_err *);
/* Select a folder and read its rows: identities, flags and header summaries, sorted by date. */
int	session_open_folder(struct session *, const char *folder, struct summary_vec *out,
	    struct bote_err *);
/*
 * The two halves of session_open_folder, for callers that stream: select the
 * folder and list its rows (identities, flags, sizes, file dates), then fill
 * the header fields of rows[0..n) in place.
 */
int	session_select_index(struct session *, const char *folder, struct summary_vec *out,
	    struct bote_err *);
int	session_fill_summaries(struct session *, struct summary *rows, size_t n,
	    struct bote_err *);
/* How many of rows[0..n) session_fill_summaries() still has to read (0: the cache had them all). */
size_t	session_rows_unfilled(const struct summary *rows, size_t n);
/*
 * After every row of the selected folder was filled: forget cache records of
 * removed files and free the folder's cache table.
 */
void	session_prune_cache(struct session *);
/* Render one message of the selected folder for display. */
int	session_render(struct session *, const struct msgref *, struct display *out,
	    struct bote_err *);
/*
 * The text a search looks at: the raw header block (owned, capped) and the
 * rendered body (owned: decoded, charset-converted, HTML as text).
 */
int	session_message_text(struct session *, const struct msgref *, char **headers,
	    char **body, struct bote_err *);
/* Raw message bytes: a readable fd the caller closes. */
int	session_raw(struct session *, const struct msgref *, int *fd_out, struct bote_err *);
int	session_set_flags(struct session *, const struct msgref *, size_t n, unsigned set,
	    unsigned clear, unsigned *flags_out, struct bote_err *);
int	session_move(struct session *, const struct msgref *, size_t n, const char *dst,
	    struct bote_err *);
/*
 * session_move() that fills landed[i] (zeroed by the caller; owned copies)
 * with where refs[i] went, when the store can tell; else they stay zero.
 */
int	session_move_tracked(struct session *, const struct msgref *, size_t n, const char *dst,
	    struct msgref *landed, struct bote_err *);
int	session_copy(struct session *, const struct msgref *, size_t n, const char *dst,
	    struct bote_err *);
int	session_expunge(struct session *, size_t *removed, struct bote_err *);
/* Folder management: the driver's create/rename/delete_folder and subscribe. */
int	session_create_folder(struct session *, const char *name, struct bote_err *);
int	session_rename_folder(struct session *, const char *from, const char *to,
	    struct bote_err *);
int	session_delete_folder(struct session *, const char *name, int force, size_t *count,
	    struct bote_err *);
int	session_subscribe(struct session *, const char *name, int on, struct bote_err *);

/*
 * Store the message in fd (a regular file) in folder with FLAG_* flags and
 * received date (0: now); returns once it is durable.  *out (when not NULL)
 * gets its identity where the store tells it.
 */
int	session_append(struct session *, const char *folder, int fd, unsigned flags, time_t date,
	    struct msgref *out, struct bote_err *);

/*
 * A pattern term decided by the server for refs[0..n): hits[i] 1 or 0.
 * BOTE_ERR_UNSUPPORTED when the store has no server search or cannot
 * take this term: then read the messages (session_message_text).
 */
int	session_search(struct session *, const struct pattern_term *, const struct msgref *refs,
	    size_t n, unsigned char *hits, struct bote_err *);
/*
 * Writes the decoded part 'part' of ref into dir/name: name must be a
 * plain final component (no '/', not starting with '.'); the file is
 * created with O_EXCL|O_NOFOLLOW, mode 0600, through the directory's fd.
 * An existing name sets *exists and writes nothing, unless overwrite:
 * then the part goes to a temporary file beside it, renamed over the
 * name (a symlink there is replaced, never followed).  A failed write
 * leaves no file behind.
 */
int	session_save_part(struct session *, const struct msgref *ref, const char *part,
	    const char *dir, const char *name, int overwrite, int *exists, struct bote_err *);
/* session_render with an html filter (argv, borrowed; NULL: the built-in converter). */
int	session_render_with(struct session *, const struct msgref *,
	    const char *const *html_filter, struct display *out, struct bote_err *);

#endif
