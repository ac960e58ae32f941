/* mailcap_find.c - choosing a mailcap entry for a type, running its test= command (no shell string). */
#include "attach/mailcap.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>

#include "attach/attach.h"
#include "util/spawn.h"

/* Runs a test= command; 1 when it exits 0 within MAILCAP_TEST_TIMEOUT. */
static int
passes(const char *test, const struct mailcap_vars *vars)
{
	posix_spawn_file_actions_t	 fa;
	struct timespec			 tick = { 0, 10 * 1000 * 1000 };
	char				**argv;
	pid_t				 pid, r;
	int				 uses_file, status = -1, rc;
	long				 waited = 0;

	if (mailcap_command(test, vars, &argv, &uses_file, NULL) != 0)
		return 0;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	rc = spawn_run(&pid, argv[0], &fa, (const char *const *)argv, 1);
	posix_spawn_file_actions_destroy(&fa);
	attach_argv_free(argv);
	if (rc != 0)
		return 0;
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r == -1 && errno != EINTR))
			break;
		if (waited >= MAILCAP_TEST_TIMEOUT * 100L) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return 0;
		}
		nanosleep(&tick, NULL);
		waited++;
	}
	return r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

const struct mailcap_entry *
mailcap_find(const struct mailcap *mc, const char *type, const struct mailcap_vars *vars)
{
	size_t	i;

	for (i = 0; i < mc->n; i++) {
		if (!mailcap_type_match(mc->v[i].type, type))
			continue;
		if (mc->v[i].test == NULL || passes(mc->v[i].test, vars))
			return &mc->v[i];
	}
	return NULL;
}
