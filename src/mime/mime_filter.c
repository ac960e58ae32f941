/* mime_filter.c - running the user's html-to-text filter: posix_spawnp, no shell, a deadline. */
#include "mime/mime_private.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/spawn.h"

#define READ_CHUNK	8192
#define WRITE_CHUNK	65536

struct filter_io {
	int		 in;		/* our end of the child's stdin, -1 once all is sent */
	int		 out;		/* our end of its stdout, -1 at EOF */
	const char	*data;
	size_t		 len, off;
	struct buf	*buf;
	size_t		 max;
	int		 cut;
};

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
close_fd(int *fd)
{
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
}

/* Keeps our ends off 0-2, where the child's dup2 onto itself would keep FD_CLOEXEC. */
static int
high_fd(int fd)
{
	int	n;

	if (fd > 2)
		return fd;
	n = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return n;
}

static int
make_fds(int in[2], int out[2], struct bote_err *err)
{
	/* A socket for stdin: send(MSG_NOSIGNAL) means no SIGPIPE if the filter quits early. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) == -1) {
		bote_err_errno(err, errno, "%s", _("cannot run html filter"));
		return -1;
	}
	if (pipe2(out, O_CLOEXEC) == -1) {
		bote_err_errno(err, errno, "%s", _("cannot run html filter"));
		close(in[0]);
		close(in[1]);
		return -1;
	}
	in[0] = high_fd(in[0]);
	in[1] = high_fd(in[1]);
	out[0] = high_fd(out[0]);
	out[1] = high_fd(out[1]);
	if (in[0] == -1 || in[1] == -1 || out[0] == -1 || out[1] == -1) {
		bote_err_errno(err, errno, "%s", _("cannot run html filter"));
		close_fd(&in[0]);
		close_fd(&in[1]);
		close_fd(&out[0]);
		close_fd(&out[1]);
		return -1;
	}
	return 0;
}

static pid_t
spawn(const char *const *argv, int in, int out, struct bote_err *err)
{
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	int				 rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, 0);
	posix_spawn_file_actions_adddup2(&fa, out, 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = spawn_run(&pid, argv[0], &fa, argv, 1);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		bote_err_errno(err, rc, _("cannot run html filter '%s'"), argv[0]);
		return -1;
	}
	return pid;
}

static void
send_some(struct filter_io *io)
{
	size_t	n = io->len - io->off;
	ssize_t	w;

	if (n > WRITE_CHUNK)
		n = WRITE_CHUNK;
	if (n > 0) {
		w = send(io->in, io->data + io->off, n, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w == -1) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				return;
			close_fd(&io->in);	/* it stopped reading: take what it wrote */
			return;
		}
		io->off += (size_t)w;
	}
	if (io->off == io->len)
		close_fd(&io->in);	/* EOF for the filter */
}

static void
recv_some(struct filter_io *io)
{
	char	chunk[READ_CHUNK];
	ssize_t	n;

	if ((n = read(io->out, chunk, sizeof chunk)) == -1) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
			close_fd(&io->out);
		return;
	}
	if (n == 0) {
		close_fd(&io->out);
		return;
	}
	if (io->buf->len + (size_t)n > io->max) {
		n = (ssize_t)(io->max - io->buf->len);
		io->cut = 1;
		close_fd(&io->out);
	}
	buf_append(io->buf, chunk, (size_t)n);
}

/* Feeds and drains the filter until its stdout closes; 0, or -1 at the deadline. */
static int
pump(struct filter_io *io, long long deadline)
{
	struct pollfd	pfd[2];
	long long	left;
	int		n;

	fcntl(io->out, F_SETFL, O_NONBLOCK);
	while (io->out != -1) {
		if ((left = deadline - now_ms()) <= 0)
			return -1;
		n = 0;
		if (io->in != -1) {
			pfd[n].fd = io->in;
			pfd[n++].events = POLLOUT;
		}
		pfd[n].fd = io->out;
		pfd[n++].events = POLLIN;
		if (poll(pfd, (nfds_t)n, (int)left) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (io->in != -1 && pfd[0].revents != 0)
			send_some(io);
		if (pfd[n - 1].revents != 0)
			recv_some(io);
	}
	return 0;
}

/* Waits for the child until the deadline, then kills it; returns its status. */
static int
reap(pid_t pid, long long deadline, int kill_now)
{
	struct timespec	 tick = { 0, 10 * 1000 * 1000 };
	int		 status = 0;
	pid_t		 r;

	if (kill_now)
		kill(pid, SIGKILL);
	for (;;) {
		r = waitpid(pid, &status, kill_now ? 0 : WNOHANG);
		if (r == pid)
			return status;
		if (r == -1 && errno != EINTR)
			return -1;
		if (r == 0 && now_ms() >= deadline) {
			kill(pid, SIGKILL);
			kill_now = 1;
		} else if (r == 0)
			nanosleep(&tick, NULL);
	}
}

int
mime_filter_run(const char *const *argv, const char *in, size_t inlen, size_t max,
    struct buf *out, int *cut, struct bote_err *err)
{
	struct filter_io	 io;
	long long		 deadline;
	int			 fin[2], fout[2], status, late;
	pid_t			 pid;

	*cut = 0;
	if (argv == NULL || argv[0] == NULL) {
		bote_err_set(err, BOTE_ERR_USAGE, "%s", _("cannot run html filter: no command"));
		return -1;
	}
	if (make_fds(fin, fout, err) == -1)
		return -1;
	pid = spawn(argv, fin[1], fout[1], err);
	close(fin[1]);
	close(fout[1]);
	if (pid == -1) {
		close(fin[0]);
		close(fout[0]);
		return -1;
	}
	memset(&io, 0, sizeof io);
	io.in = fin[0];
	io.out = fout[0];
	io.data = in;
	io.len = inlen;
	io.buf = out;
	io.max = max;
	deadline = now_ms() + MIME_FILTER_TIMEOUT * 1000LL;
	late = pump(&io, deadline) == -1;
	close_fd(&io.in);
	close_fd(&io.out);
	status = reap(pid, deadline, late || io.cut);
	*cut = io.cut;
	if (late) {
		bote_err_set(err, BOTE_ERR_LOCAL, _("html filter '%s' failed: no result after %d s"),
		    argv[0], MIME_FILTER_TIMEOUT);
		return -1;
	}
	if (io.cut || (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0))
		return 0;
	if (status != -1 && WIFEXITED(status))
		bote_err_set(err, BOTE_ERR_LOCAL, _("html filter '%s' failed: exit status %d"),
		    argv[0], WEXITSTATUS(status));
	else if (status != -1 && WIFSIGNALED(status))
		bote_err_set(err, BOTE_ERR_LOCAL, _("html filter '%s' failed: killed by signal %d"),
		    argv[0], WTERMSIG(status));
	else
		bote_err_errno(err, errno, _("html filter '%s' failed"), argv[0]);
	return -1;
}
