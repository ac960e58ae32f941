/* attach_spawn.c - starting viewers and URL openers with an argument vector, never a shell string. */
#include "attach/attach.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util/i18n.h"
#include "util/spawn.h"

#define MAX_CHILDREN	64

static pid_t	children[MAX_CHILDREN];	/* detached viewers not reaped yet (UI thread) */

void
attach_argv_free(char **argv)
{
	size_t	i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

void
attach_reap(void)
{
	size_t	i;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i] > 0 && waitpid(children[i], NULL, WNOHANG) != 0)
			children[i] = 0;
}

int
attach_spawn_detached(const char *const *argv, const char *in, struct bote_err *err)
{
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	size_t				 i;
	int				 rc;

	attach_reap();
	for (i = 0; i < MAX_CHILDREN && children[i] > 0; i++)
		;
	if (i == MAX_CHILDREN) {
		bote_err_set(err, BOTE_ERR_LOCAL, _("cannot run '%s': too many viewers still open"),
		    argv[0]);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in != NULL ? in : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = spawn_run(&pid, argv[0], &fa, argv, 1);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		bote_err_errno(err, rc, _("cannot run '%s'"), argv[0]);
		return -1;
	}
	children[i] = pid;
	return 0;
}

int
attach_spawn_wait(const char *const *argv, const char *in, struct bote_err *err)
{
	posix_spawn_file_actions_t	 fa;
	struct sigaction		 ign, old_int, old_quit;
	pid_t				 pid, r;
	int				 rc, status, e = 0;

	posix_spawn_file_actions_init(&fa);
	if (in != NULL)
		posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	/* ^C and ^\ belong to the viewer now, as they would to a foreground job. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	rc = spawn_run(&pid, argv[0], &fa, argv, 1);
	posix_spawn_file_actions_destroy(&fa);
	while (rc == 0 && (r = waitpid(pid, &status, 0)) == -1 && errno == EINTR)
		;
	if (rc == 0 && r == -1)
		e = errno;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (rc != 0 || e != 0) {
		bote_err_errno(err, rc != 0 ? rc : e, _("cannot run '%s'"), argv[0]);
		return -1;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	bote_err_set(err, BOTE_ERR_LOCAL, _("'%s' was killed by signal %d"), argv[0],
	    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}
