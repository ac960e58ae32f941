/* t_mbox.c - the mbox writer: From_ lines, mboxrd quoting, CRLF, endings, chunk boundaries, errors. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mbox.h"
#include "tap.h"
#include "util/xmalloc.h"

static struct bote_err	err;

/* An fd reading the n bytes of s. */
static int
input(const char *s, size_t n)
{
	FILE	*f = tmpfile();
	int	 fd;

	if (f == NULL || fwrite(s, 1, n, f) != n || fflush(f) != 0) {
		printf("Bail out! cannot make a temporary file\n");
		exit(1);
	}
	fd = dup(fileno(f));
	fclose(f);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* The whole contents of fd (owned, NUL-terminated; length in *len). */
static char *
contents(int fd, size_t *len)
{
	char	*buf = NULL;
	size_t	 n = 0;
	ssize_t	 r;

	lseek(fd, 0, SEEK_SET);
	do {
		buf = xreallocarray(buf, n + 65537, 1);
		r = read(fd, buf + n, 65536);
		n += r > 0 ? (size_t)r : 0;
	} while (r > 0);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Run the writer on in (n bytes); the output without its From_ line. */
static char *
body(const char *in, size_t n, size_t *len)
{
	int	 fin = input(in, n), fout = input("", 0);
	char	*out, *nl;

	if (mbox_write_message(fout, fin, "a@b", 0, &err) != 0)
		diag("%s", err.msg);
	out = contents(fout, len);
	close(fin);
	close(fout);
	nl = strchr(out, '\n');
	*len -= (size_t)(nl + 1 - out);
	memmove(out, nl + 1, *len + 1);
	return out;
}

static void
check(const char *in, const char *want, const char *what)
{
	size_t	 len;
	char	*got = body(in, strlen(in), &len);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_from_line(void)
{
	char	buf[512], lng[300];

	mbox_from_line(buf, sizeof buf, "anna@example.org", 0);
	is_str(buf, "From anna@example.org Thu Jan  1 00:00:00 1970\n", "From_ line at the epoch");
	mbox_from_line(buf, sizeof buf, "x@y", 1794211200);
	is_str(buf, "From x@y Mon Nov  9 08:00:00 2026\n", "day padded with a blank, UTC");
	mbox_from_line(buf, sizeof buf, NULL, 0);
	is_str(buf, "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n", "no sender: MAILER-DAEMON");
	mbox_from_line(buf, sizeof buf, "a b@c", 0);
	is_str(buf, "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n", "a sender with a blank is not used");
	mbox_from_line(buf, sizeof buf, "a\nFrom x@c", 0);
	is_str(buf, "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n", "nor one with a newline");
	memset(lng, 'a', sizeof lng - 1);
	lng[sizeof lng - 1] = '\0';
	mbox_from_line(buf, sizeof buf, lng, 0);
	is_str(buf, "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n", "nor an overlong one");
	is_int(mbox_from_line(buf, 10, "x@y", 0), 0, "a short buffer gives 0");
}

static void
test_quoting(void)
{
	check("Subject: x\n\nFrom here\n", "Subject: x\n\n>From here\n\n", "From at a line start is quoted");
	check("a\n>From b\n>>From c\n", "a\n>>From b\n>>>From c\n\n", ">From lines get one more >");
	check("a\nFromage\nFrom\n From x\n>>x\n", "a\nFromage\nFrom\n From x\n>>x\n\n",
	    "Fromage, From without a blank, indented From and > lines stay");
	check("From first line\n", ">From first line\n\n", "the very first line counts too");
	check("a\nFrom ", "a\n>From \n\n", "From at the end without a newline is quoted and ended");
	check("a\n>>Fro", "a\n>>Fro\n\n", "a cut-off candidate is written as it was");
	check("a\r\nFrom b\r\nc\r\n", "a\n>From b\nc\n\n", "CRLF becomes LF, quoting still applies");
	check("a\rb\r", "a\rb\r\n\n", "a lone CR stays");
	check("no newline", "no newline\n\n", "a missing final newline is added");
	check("", "\n", "an empty message is just the separator");
}

/* A ">From " candidate cut by the 64 KiB read chunk. */
static void
test_chunks(void)
{
	size_t	 n = 65536 + 100, len, i;
	char	*in = xmalloc(n + 1), *out, *want;

	memset(in, 'a', n);
	in[65533] = '\n';
	memcpy(in + 65534, "From x", 6);
	in[n - 1] = '\n';
	out = body(in, n, &len);
	want = xmalloc(n + 3);
	memcpy(want, in, 65534);
	want[65534] = '>';
	memcpy(want + 65535, in + 65534, n - 65534);
	want[n + 1] = '\n';
	is_int(len, n + 2, "quoted across the chunk boundary: one byte more and the separator");
	ok(len == n + 2 && memcmp(out, want, n + 2) == 0, "and the bytes are right");
	free(out);
	free(want);

	/* A raw copy is byte for byte, CRs and From lines included. */
	for (i = 0; i < n; i++)
		in[i] = "From \r\n>x"[i % 9];
	{
		int	fin = input(in, n), fout = input("", 0);

		ok(mbox_copy_raw(fout, fin, &err) == 0, "raw copy");
		out = contents(fout, &len);
		ok(len == n && memcmp(out, in, n) == 0, "raw copy is byte-identical");
		free(out);
		close(fin);
		close(fout);
	}
	free(in);
}

static void
test_errors(void)
{
	int	fin = input("x\n", 2), fout = open("/dev/null", O_RDONLY);

	ok(mbox_write_message(fout, fin, "a@b", 0, &err) == -1, "a write error fails");
	ok(strstr(err.msg, "cannot write the file") != NULL, "and says so: %s", err.msg);
	close(fout);
	fout = input("", 0);
	ok(mbox_write_message(fout, -1, "a@b", 0, &err) == -1, "a read error fails");
	ok(strstr(err.msg, "cannot read the message") != NULL, "and says so: %s", err.msg);
	close(fin);
	close(fout);
}

int
main(void)
{
	test_from_line();
	test_quoting();
	test_chunks();
	test_errors();
	return done_testing();
}
