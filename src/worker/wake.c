/* wake.c - eventfd wakeups (self-pipe where there is no eventfd), coalesced with an atomic flag. */
#include "worker/wake.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#ifdef HAVE_SYS_EVENTFD_H
#include <sys/eventfd.h>
#endif

#ifndef HAVE_SYS_EVENTFD_H
static int wake_pipe_w[1024];	/* write ends of the self-pipes, by read fd */
#endif

int
wake_init(struct wake *w)
{
	atomic_init(&w->pending, 0);
	atomic_init(&w->writes, 0);
#ifdef HAVE_SYS_EVENTFD_H
	w->fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	return w->fd == -1 ? -1 : 0;
#else
	int	p[2];

	if (pipe2(p, O_NONBLOCK | O_CLOEXEC) != 0)
		return -1;
	if (p[0] >= 1024) {
		close(p[0]);
		close(p[1]);
		errno = EMFILE;
		return -1;
	}
	w->fd = p[0];
	wake_pipe_w[p[0]] = p[1];
	return 0;
#endif
}

void
wake_destroy(struct wake *w)
{
	if (w->fd == -1)
		return;
#ifndef HAVE_SYS_EVENTFD_H
	close(wake_pipe_w[w->fd]);
#endif
	close(w->fd);
	w->fd = -1;
}

void
wake_signal(struct wake *w)
{
	uint64_t	one = 1;
	int		expected = 0;
	ssize_t		n;

	if (!atomic_compare_exchange_strong(&w->pending, &expected, 1))
		return;
	atomic_fetch_add(&w->writes, 1);
#ifdef HAVE_SYS_EVENTFD_H
	n = write(w->fd, &one, sizeof one);
#else
	n = write(wake_pipe_w[w->fd], "", 1);
	(void)one;
#endif
	(void)n;	/* EAGAIN: the counter is full, the fd is readable anyway */
}

void
wake_clear(struct wake *w)
{
	uint64_t	buf;

	atomic_store(&w->pending, 0);
	while (read(w->fd, &buf, sizeof buf) > 0)
		;
}
