/* spawn.h - starting another program with posix_spawn, without bote's signal set-up. */
#ifndef BOTE_SPAWN_H
#define BOTE_SPAWN_H

#include <spawn.h>
#include <sys/types.h>

/*
 * posix_spawn (with search, posix_spawnp) of argv (NULL-terminated,
 * borrowed) with the file actions fa (may be NULL) and bote's environment.
 * Workers block signals and bote ignores SIGPIPE (and SIGINT, SIGQUIT
 * while a viewer runs): the program starts with an empty signal mask and
 * those at their default instead.  Returns 0 and
 * the child in *pid, or an errno value.  Any thread.
 */
int	spawn_run(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
	    const char *const *argv, int search);
/* The same with the environment envp (NULL-terminated, borrowed). */
int	spawn_run_env(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
	    const char *const *argv, const char *const *envp, int search);

#endif
