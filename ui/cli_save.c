/* cli_save.c - `bote save FOLDER [FILE]`: one message into a folder of an account, durably. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "util/i18n.h"
#include "worker/session.h"

#define SAVE_MAX	((off_t)1 << 30)	/* as IMAP APPEND allows */

/* stdin as a regular file: itself when it is one, else an unlinked copy in $TMPDIR. */
static int
regular_input(struct bote_err *err)
{
	const char	*dir = getenv("TMPDIR");
	struct stat	 st;
	char		 buf[65536];
	ssize_t		 n;
	off_t		 total = 0;
	int		 fd;

	if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
		return dup(STDIN_FILENO);
	if ((fd = open(dir != NULL && dir[0] == '/' ? dir : "/tmp",
	    O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) == -1) {
		bote_err_errno(err, errno, "%s", _("cannot keep the message read from stdin"));
		return -1;
	}
	while ((n = read(STDIN_FILENO, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(fd, buf, (size_t)n) != n || (total += n) > SAVE_MAX) {
			bote_err_errno(err, n < 0 || total <= SAVE_MAX ? errno : EFBIG, "%s",
			    _("cannot keep the message read from stdin"));
			close(fd);
			return -1;
		}
	}
	return fd;
}

int
cli_save(const struct cli_target *t, const char *file)
{
	struct bote_err	 err;
	struct session	*s;
	char		*url_folder;
	const char	*folder;
	int		 fd, rc;

	fd = file != NULL ? open(file, O_RDONLY | O_CLOEXEC) : regular_input(&err);
	if (fd == -1) {
		if (file != NULL)
			bote_err_errno(&err, errno, _("cannot open message '%s'"), file);
		return cli_fail(&err);
	}
	if ((s = cli_open(t, 0, &url_folder, &err)) == NULL) {
		close(fd);
		return cli_fail(&err);
	}
	folder = t->folder != NULL ? t->folder : url_folder != NULL ? url_folder : "INBOX";
	rc = session_append(s, folder, fd, 0, 0, NULL, &err);
	close(fd);
	free(url_folder);
	session_close(s);
	return rc == 0 ? EXIT_OK : cli_fail(&err);
}
