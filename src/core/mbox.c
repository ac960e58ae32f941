/* mbox.c - the mbox writer behind save-to-file: From_ lines, >From quoting, CRLF to LF. */
#include "core/mbox.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define MBOX_SENDER_MAX	256

/* Buffered output plus the state of the line being written. */
struct out {
	int		 fd;
	char		 buf[65536];
	size_t		 len;
	int		 cr;		/* a CR is held back: it may start a CRLF */
	int		 bol;		/* at the start of a line */
	int		 prefix;	/* reading a ">*From " candidate */
	size_t		 ngt;		/* its '>' so far */
	size_t		 nfrom;		/* its matched part of "From " */
	int		 last_nl;	/* the last byte written was a newline */
	int		 failed;
	int		 error;
};

static void
flush(struct out *o)
{
	size_t	off = 0;
	ssize_t	n;

	while (off < o->len && !o->failed) {
		if ((n = write(o->fd, o->buf + off, o->len - off)) < 0) {
			if (errno == EINTR)
				continue;
			o->failed = 1;
			o->error = errno;
		} else
			off += (size_t)n;
	}
	o->len = 0;
}

static void
emit(struct out *o, char c)
{
	if (o->len == sizeof o->buf)
		flush(o);
	o->buf[o->len++] = c;
	o->last_nl = c == '\n';
}

static void
emit_str(struct out *o, const char *s, size_t n)
{
	while (n-- > 0)
		emit(o, *s++);
}

/* Give up on a ">*From " candidate: write what was held back as it was. */
static void
end_prefix(struct out *o)
{
	size_t	i;

	for (i = 0; i < o->ngt; i++)
		emit(o, '>');
	emit_str(o, "From ", o->nfrom);
	o->prefix = 0;
	o->ngt = o->nfrom = 0;
}

/* One byte of the message after CRLF handling. */
static void
put(struct out *o, char c)
{
	if (o->bol) {
		o->bol = 0;
		o->prefix = 1;
	}
	if (o->prefix) {
		if (c == '>' && o->nfrom == 0) {
			o->ngt++;
			return;
		}
		if (c == "From "[o->nfrom]) {
			if (++o->nfrom < 5)
				return;
			emit(o, '>');
			end_prefix(o);
			return;
		}
		end_prefix(o);
	}
	emit(o, c);
	if (c == '\n')
		o->bol = 1;
}

static void
feed(struct out *o, char c)
{
	if (o->cr) {
		o->cr = 0;
		if (c != '\n')
			put(o, '\r');
	}
	if (c == '\r')
		o->cr = 1;
	else
		put(o, c);
}

static int
sender_ok(const char *s)
{
	size_t	n;

	if (s == NULL || (n = strlen(s)) == 0 || n > MBOX_SENDER_MAX)
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

size_t
mbox_from_line(char *buf, size_t len, const char *sender, time_t date)
{
	static const char	*const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
				    "Sat" };
	static const char	*const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm		 tm;
	int			 n;

	if (gmtime_r(&date, &tm) == NULL || tm.tm_year + 1900 > 9999 || tm.tm_year < 0) {
		date = 0;
		gmtime_r(&date, &tm);
	}
	n = snprintf(buf, len, "From %s %s %s %2d %02d:%02d:%02d %d\n",
	    sender_ok(sender) ? sender : "MAILER-DAEMON", days[tm.tm_wday], months[tm.tm_mon],
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
	return n < 0 || (size_t)n >= len ? 0 : (size_t)n;
}

/* Read all of in into o, as it is (raw) or through feed(); -1 with errno on a read error. */
static int
drain(int in, struct out *o, int raw)
{
	char	chunk[65536];
	ssize_t	n, i;

	for (;;) {
		if ((n = read(in, chunk, sizeof chunk)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		if (raw) {
			emit_str(o, chunk, (size_t)n);
			continue;
		}
		for (i = 0; i < n; i++)
			feed(o, chunk[i]);
		if (o->failed)
			return 0;
	}
}

static int
finish(struct out *o, int rc, struct bote_err *err)
{
	if (rc != 0) {
		bote_err_errno(err, errno, "cannot read the message");
		return -1;
	}
	flush(o);
	if (o->failed) {
		bote_err_errno(err, o->error, "cannot write the file");
		return -1;
	}
	return 0;
}

int
mbox_write_message(int out, int in, const char *sender, time_t date, struct bote_err *err)
{
	struct out		 o;
	char			 line[MBOX_SENDER_MAX + 64];
	int			 rc;

	memset(&o, 0, sizeof o);
	o.fd = out;
	o.bol = 1;
	emit_str(&o, line, mbox_from_line(line, sizeof line, sender, date));
	o.last_nl = 1;
	rc = drain(in, &o, 0);
	if (rc == 0) {
		if (o.cr)
			put(&o, '\r');
		if (o.prefix)
			end_prefix(&o);
		if (!o.last_nl)
			emit(&o, '\n');
		emit(&o, '\n');
	}
	return finish(&o, rc, err);
}

int
mbox_copy_raw(int out, int in, struct bote_err *err)
{
	struct out	o;

	memset(&o, 0, sizeof o);
	o.fd = out;
	return finish(&o, drain(in, &o, 1), err);
}
