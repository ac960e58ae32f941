/*
 * account_password.c - an account's password (the first line printed by
 * password_command, or the config's) and OAuth token (oauth_token_command).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config/config_private.h"
#include "util/i18n.h"
#include "util/spawn.h"
#include "util/xmalloc.h"

/* A password command prints a line or two; more is a mistake (or `yes`). */
#define MAX_OUTPUT	(64 * 1024)

/* Which command runs: its key for messages, and its text. */
struct secret_cmd {
	const char	*key;		/* "password_command", "oauth_token_command" */
	const char	*cmd;
	int		 token;
};

static void
cannot_run(const struct account *a, const struct secret_cmd *c, int errnum,
    struct bote_err *err)
{
	bote_err_errno(err, errnum, _("cannot run %s of account '%s'"), c->key, a->name);
	if (err != NULL)
		err->kind = BOTE_ERR_AUTH;
}

static pid_t
spawn(const struct account *a, const struct secret_cmd *c, int out, struct bote_err *err)
{
	const char			*argv[] = { "sh", "-c", c->cmd, NULL };
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	int				 rc;

	posix_spawn_file_actions_init(&fa);
	/*
	 * dup2 first, in case the pipe got fd 0.  glibc (2.29 and later) clears
	 * FD_CLOEXEC when out already is 1.  stderr stays ours, so gpg or pass
	 * can say what went wrong; stdin is not the terminal the UI owns.
	 */
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = spawn_run(&pid, "/bin/sh", &fa, argv, 0);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		cannot_run(a, c, rc, err);
		return -1;
	}
	return pid;
}

/* Reads the command's output into buf (MAX_OUTPUT bytes); 1 when it printed more. */
static int
drain(int fd, char *buf, size_t *len)
{
	ssize_t	r;

	*len = 0;
	while (*len < MAX_OUTPUT) {
		r = read(fd, buf + *len, MAX_OUTPUT - *len);
		if (r == 0)
			return 0;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return 0;	/* treated as end of output: the exit status decides */
		*len += (size_t)r;
	}
	return 1;
}

static int
reap(pid_t pid, int kill_now)
{
	int	status;

	if (kill_now)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return status;
}

/* The first line, or NULL with err set: never a word of the output in a message. */
static char *
first_line(const struct account *a, const struct secret_cmd *c, char *buf, size_t len,
    int status, int too_much, struct bote_err *err)
{
	char	*nl;

	if (too_much) {
		bote_err_set(err, BOTE_ERR_AUTH,
		    _("%s of account '%s' printed more than 64 KiB"), c->key, a->name);
		return NULL;
	}
	if (status == -1) {
		cannot_run(a, c, errno, err);
		return NULL;
	}
	if (WIFSIGNALED(status)) {
		bote_err_set(err, BOTE_ERR_AUTH,
		    _("%s of account '%s' failed: killed by signal %d"),
		    c->key, a->name, WTERMSIG(status));
		return NULL;
	}
	if (WEXITSTATUS(status) != 0) {
		bote_err_set(err, BOTE_ERR_AUTH,
		    _("%s of account '%s' failed: exit status %d"),
		    c->key, a->name, WEXITSTATUS(status));
		return NULL;
	}
	if ((nl = memchr(buf, '\n', len)) != NULL)
		len = (size_t)(nl - buf);
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	if (len == 0 || memchr(buf, '\0', len) != NULL) {
		bote_err_set(err, BOTE_ERR_AUTH, c->token ?
		    _("%s of account '%s' printed no token") :
		    _("%s of account '%s' printed no password"), c->key, a->name);
		return NULL;
	}
	return xstrndup(buf, len);
}

static char *
run(const struct account *a, const struct secret_cmd *c, struct bote_err *err)
{
	char	*buf, *pw;
	size_t	 len;
	int	 fds[2], too_much, status;
	pid_t	 pid;

	if (pipe2(fds, O_CLOEXEC) == -1) {
		cannot_run(a, c, errno, err);
		return NULL;
	}
	pid = spawn(a, c, fds[1], err);
	close(fds[1]);
	if (pid == -1) {
		close(fds[0]);
		return NULL;
	}
	buf = xmalloc(MAX_OUTPUT);
	too_much = drain(fds[0], buf, &len);
	close(fds[0]);
	status = reap(pid, too_much);
	pw = first_line(a, c, buf, len, status, too_much, err);
	explicit_bzero(buf, MAX_OUTPUT);
	free(buf);
	return pw;
}

char *
account_password(const struct account *a, struct bote_err *err)
{
	struct secret_cmd	c = { "password_command", a->password_command, 0 };

	if (a->password_command != NULL)
		return run(a, &c, err);
	if (a->password != NULL)
		return xstrdup(a->password);
	bote_err_set(err, BOTE_ERR_AUTH,
	    _("no password for account '%s': set password_command in the config"), a->name);
	return NULL;
}

char *
account_oauth_token(const struct account *a, struct bote_err *err)
{
	struct secret_cmd	c = { "oauth_token_command", a->oauth_token_command, 1 };

	if (a->oauth_token_command != NULL)
		return run(a, &c, err);
	bote_err_set(err, BOTE_ERR_AUTH,
	    _("no token for account '%s': set oauth_token_command in the config"), a->name);
	return NULL;
}

int
account_uses_token(const struct account *a)
{
	return a->auth == ACCOUNT_AUTH_XOAUTH2 || a->auth == ACCOUNT_AUTH_OAUTHBEARER ||
	    (a->auth == ACCOUNT_AUTH_AUTO && a->oauth_token_command != NULL);
}

char *
account_login_secret(const struct account *a, struct bote_err *err)
{
	return account_uses_token(a) ? account_oauth_token(a, err) : account_password(a, err);
}
