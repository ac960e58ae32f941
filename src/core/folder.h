/* folder.h - folder descriptions as drivers report them. */
#ifndef BOTE_FOLDER_H
#define BOTE_FOLDER_H

#include <stddef.h>
#include <stdint.h>

enum folder_role {
	ROLE_NONE = 0,
	ROLE_INBOX,
	ROLE_SENT,
	ROLE_DRAFTS,
	ROLE_TRASH,
	ROLE_JUNK,
	ROLE_ARCHIVE,
};

/*
 * A folder name is the full path with '/' between levels, decoded to UTF-8
 * ("INBOX", "Listen/bote-dev").  Names come from the store and are untrusted.
 */
struct folder_info {
	char		*name;		/* owned */
	enum folder_role role;
	int		 depth;		/* number of '/' in name */
	long		 total;		/* -1 when unknown */
	long		 unread;	/* -1 when unknown */
	unsigned	 noselect : 1;	/* a level that holds no messages itself */
	unsigned	 unsubscribed : 1; /* IMAP: listed, but not in the subscriptions */
};

struct folder_list {
	struct folder_info	*v;
	size_t			 n;
	int			 cached;	/* the store's cached list, not asked for: ask again */
};

void	folder_list_add(struct folder_list *, const struct folder_info *);	/* copies name */
void	folder_list_sort(struct folder_list *);	/* INBOX first, then by name */
void	folder_list_free(struct folder_list *);
/* Index of the folder called name, or -1. */
long	folder_list_find(const struct folder_list *, const char *name);
/* Index of the first folder with this role, or -1. */
long	folder_list_find_role(const struct folder_list *, enum folder_role);
/* Role guessed from a folder's last level (English and German names). */
enum folder_role folder_role_guess(const char *name);
const char *folder_role_name(enum folder_role);
/*
 * 0 when name may be given to a new folder on any store, else -1 with err
 * (BOTE_ERR_USAGE): valid UTF-8 with levels separated by single '/', no
 * control characters, no level that is empty, starts with '.' or is "..",
 * no IMAP wildcard ('*', '%'), not INBOX, at most FOLDER_NAME_MAX bytes.
 */
#define FOLDER_NAME_MAX	200
struct bote_err;
int	folder_name_check(const char *name, struct bote_err *err);

#endif
