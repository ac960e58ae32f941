/*
 * newmail.c - what happens when new mail arrives: the terminal bell
 * (bell_on_new_mail) and the new_mail_command hook.
 *
 * The hook is the user's own command line from the config, run with
 * /bin/sh -c as password_command is; nothing from the mail goes into
 * it.  What it may want to know comes in environment variables:
 * BOTE_ACCOUNT, BOTE_FOLDER and BOTE_NEW_COUNT.  It runs in the
 * background with its output thrown away (the screen belongs to curses)
 * and is reaped without waiting.
 */
#include <curses.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util/i18n.h"
#include "util/spawn.h"
#include "util/xmalloc.h"
#include "views.h"

extern char **environ;

#define MAX_HOOKS	8	/* hooks still running; more are skipped */

static pid_t	running[MAX_HOOKS];

void
tui_reap_hooks(void)
{
	int	i, status;

	for (i = 0; i < MAX_HOOKS; i++)
		if (running[i] > 0 && waitpid(running[i], &status, WNOHANG) != 0)
			running[i] = 0;
}

/* bote's environment without our variables, then ours (borrowed). */
static char **
hook_env(char *const *ours, size_t nours)
{
	size_t	 n = 0, i, o = 0;
	char	**env;

	while (environ[n] != NULL)
		n++;
	env = xreallocarray(NULL, n + nours + 1, sizeof *env);
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "BOTE_ACCOUNT=", 13) != 0 &&
		    strncmp(environ[i], "BOTE_FOLDER=", 12) != 0 &&
		    strncmp(environ[i], "BOTE_NEW_COUNT=", 15) != 0)
			env[o++] = environ[i];
	for (i = 0; i < nours; i++)
		env[o++] = ours[i];
	env[o] = NULL;
	return env;
}

static void
run_hook(struct tui *t, const char *folder, size_t count)
{
	const char			*argv[] = { "sh", "-c", t->cfg.new_mail_command, NULL };
	posix_spawn_file_actions_t	 fa;
	char				*ours[3], **env;
	int				 slot, rc;
	size_t				 i;
	pid_t				 pid;

	tui_reap_hooks();
	for (slot = 0; slot < MAX_HOOKS && running[slot] > 0; slot++)
		;
	if (slot == MAX_HOOKS) {
		tui_error(t, "%s", _("new_mail_command: too many still running; not started"));
		return;
	}
	ours[0] = xasprintf("BOTE_ACCOUNT=%s", t->acct != NULL ? t->acct->name : "local");
	ours[1] = xasprintf("BOTE_FOLDER=%s", folder);
	ours[2] = xasprintf("BOTE_NEW_COUNT=%zu", count);
	env = hook_env(ours, 3);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = spawn_run_env(&pid, "/bin/sh", &fa, argv, (const char *const *)env, 0);
	posix_spawn_file_actions_destroy(&fa);
	for (i = 0; i < 3; i++)
		free(ours[i]);
	free(env);
	if (rc != 0) {
		tui_error(t, _("cannot run new_mail_command: %s"), strerror(rc));
		return;
	}
	running[slot] = pid;
}

void
tui_new_mail(struct tui *t, const char *folder, size_t count)
{
	if (count == 0)
		return;
	if (t->cfg.bell_on_new_mail)
		beep();
	if (t->cfg.new_mail_command != NULL)
		run_hook(t, folder, count);
}
