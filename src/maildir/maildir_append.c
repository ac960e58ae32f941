/* maildir_append.c - a whole message into a Maildir folder: tmp/, fsync, then new/ or cur/ with its flags. */
#include "maildir/maildir_append.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/flags.h"
#include "maildir/maildir_file.h"
#include "maildir/maildir_folders.h"
#include "maildir/maildir_name.h"
#include "util/xmalloc.h"

int
maildir_append_to(const char *root, const char *folder, int fd, unsigned flags, time_t date,
    struct msgref *out, struct bote_err *err)
{
	struct stat	 st;
	char		*dir, *dummy, *name = NULL;
	const char	*letters;
	int		 rc;

	if ((dir = maildir_folders_dir(root, folder, err)) == NULL)
		return -1;
	if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
		bote_err_errno(err, errno ? errno : ENOTDIR, "cannot save to folder '%s'", folder);
		free(dir);
		return -1;
	}
	if (lseek(fd, 0, SEEK_SET) == -1 && errno != ESPIPE) {
		bote_err_errno(err, errno, "cannot read the message for folder '%s'", folder);
		free(dir);
		return -1;
	}
	/* A message nobody has seen goes to new/, as a delivery; any flag puts it in cur/. */
	dummy = maildir_name_with_flags("x", flags & FLAG_ALL_STORED, 0);
	letters = maildir_name_letters(dummy);
	rc = maildir_file_deliver(fd, folder, dir, letters, (flags & FLAG_ALL_STORED) == 0, date,
	    &name, err);
	if (rc == 0 && out != NULL) {
		memset(out, 0, sizeof *out);
		out->name = xstrndup(name, maildir_name_unique_len(name));
	}
	free(name);
	free(dummy);
	free(dir);
	return rc;
}
