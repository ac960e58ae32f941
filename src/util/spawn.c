/* spawn.c - starting another program with posix_spawn, without bote's signal set-up. */
#include "util/spawn.h"

#include <signal.h>

extern char **environ;

int
spawn_run(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
    const char *const *argv, int search)
{
	return spawn_run_env(pid, path, fa, argv, (const char *const *)environ, search);
}

int
spawn_run_env(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
    const char *const *argv, const char *const *envp, int search)
{
	posix_spawnattr_t	attr;
	sigset_t		none, dfl;
	int			rc;

	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	sigaddset(&dfl, SIGINT);	/* ignored by bote while a viewer has the terminal */
	sigaddset(&dfl, SIGQUIT);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &dfl);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	if (search)
		rc = posix_spawnp(pid, path, fa, &attr, (char *const *)argv,
		    (char *const *)envp);
	else
		rc = posix_spawn(pid, path, fa, &attr, (char *const *)argv,
		    (char *const *)envp);
	posix_spawnattr_destroy(&attr);
	return rc;
}
