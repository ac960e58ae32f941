/* t_mime.c - header summaries, rendering, part saving and hostile messages (src/mime/). */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#include "mime/mime.h"
#include "utf8_check.h"

static char	tmpdir[] = "/tmp/t_mime.XXXXXX";

/* The build passes TEST_DATA; by hand, run from the top of the source tree. */
static const char *
fixture(const char *name)
{
	static _Thread_local char	 path[PATH_MAX];	/* threads call this too */
#ifdef TEST_DATA
	snprintf(path, sizeof path, "%s/mime/%s", TEST_DATA, name);
#else
	const char			*top = getenv("top_srcdir");

	snprintf(path, sizeof path, "%s/tests/data/mime/%s", top != NULL ? top : ".", name);
#endif
	return path;
}

static const char *
tmpfile_path(const char *name)
{
	static char	path[PATH_MAX];

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	return path;
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* Every line and part string valid UTF-8, no newline, no line over the cap. */
static int
display_sane(const struct display *d)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++) {
		if (!utf8_check_valid(d->lines[i].text) || strchr(d->lines[i].text, '\n') != NULL ||
		    strlen(d->lines[i].text) > MIME_MAX_LINE)
			return 0;
	}
	for (i = 0; i < d->nparts; i++) {
		if (!utf8_check_valid(d->parts[i].path) || !utf8_check_valid(d->parts[i].mime_type) ||
		    (d->parts[i].filename != NULL && !utf8_check_valid(d->parts[i].filename)))
			return 0;
	}
	return d->subject == NULL || utf8_check_valid(d->subject);
}

static int
render(const char *path, const struct render_opts *opts, struct display *d)
{
	struct bote_err	err;
	int		rc;

	memset(d, 0, sizeof *d);
	if ((rc = mime_render_file(path, opts, d, &err)) == -1)
		diag("render %s: %s", path, err.msg);
	ok(display_sane(d), "%s: every line valid UTF-8, no newline, within the cap", path);
	return rc;
}

/* Index of the first line with this style and text, or -1. */
static long
find_line(const struct display *d, enum line_style style, const char *text)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++) {
		if (d->lines[i].style == style && strcmp(d->lines[i].text, text) == 0)
			return (long)i;
	}
	return -1;
}

static long
find_containing(const struct display *d, const char *text)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++) {
		if (strstr(d->lines[i].text, text) != NULL)
			return (long)i;
	}
	return -1;
}

static const struct display_part *
find_part(const struct display *d, const char *path)
{
	size_t	i;

	for (i = 0; i < d->nparts; i++) {
		if (strcmp(d->parts[i].path, path) == 0)
			return &d->parts[i];
	}
	return NULL;
}

static int
summary_of(const char *path, struct summary *s)
{
	struct buf	b = BUF_INIT;
	struct bote_err	err;
	int		fd, rc;

	if ((fd = open(path, O_RDONLY)) == -1) {
		perror(path);
		exit(2);
	}
	rc = mime_read_header(fd, &b, MIME_HEADER_MAX, &err);
	close(fd);
	if (rc == 0)
		rc = mime_summary_parse(buf_cstr(&b), b.len, s, &err);
	buf_free(&b);
	return rc;
}

static void
test_read_header(void)
{
	struct buf	 b = BUF_INIT;
	char		 big[9000], rest[16];
	int		 fd, p[2];
	off_t		 off;

	fd = open(fixture("plain.eml"), O_RDONLY);
	is_int(mime_read_header(fd, &b, MIME_HEADER_MAX, NULL), 0, "read header: plain");
	ok(b.len > 2 && memcmp(b.data + b.len - 2, "\n\n", 2) == 0,
	    "read header: ends with the empty line");
	ok(strstr(b.data, "Hello Bob") == NULL, "read header: no body");
	off = lseek(fd, 0, SEEK_CUR);
	is_int(off, (off_t)b.len, "read header: fd left at the body");
	is_int(read(fd, rest, 5), 5, "read header: body readable");
	ok(memcmp(rest, "Hello", 5) == 0, "read header: body starts there");
	close(fd);
	buf_free(&b);

	fd = open(fixture("qp-latin1.eml"), O_RDONLY);
	mime_read_header(fd, &b, MIME_HEADER_MAX, NULL);
	ok(b.len > 4 && memcmp(b.data + b.len - 4, "\r\n\r\n", 4) == 0,
	    "read header: CRLF empty line");
	close(fd);
	buf_free(&b);

	fd = open(fixture("plain.eml"), O_RDONLY);
	mime_read_header(fd, &b, 10, NULL);
	is_int(b.len, 10, "read header: capped at max");
	close(fd);
	buf_free(&b);

	/* The empty line straddles the 8 KiB read boundary. */
	memset(big, 'a', sizeof big);
	memcpy(big, "X-Long: ", 8);
	big[8191] = '\n';
	big[8192] = '\n';
	write_file(tmpfile_path("boundary.eml"), big, sizeof big);
	fd = open(tmpfile_path("boundary.eml"), O_RDONLY);
	mime_read_header(fd, &b, MIME_HEADER_MAX, NULL);
	is_int(b.len, 8193, "read header: empty line across a read boundary");
	close(fd);
	buf_free(&b);

	write_file(tmpfile_path("nobody.eml"), "Subject: x\n", 11);
	fd = open(tmpfile_path("nobody.eml"), O_RDONLY);
	is_int(mime_read_header(fd, &b, MIME_HEADER_MAX, NULL), 0, "read header: EOF is fine");
	is_int(b.len, 11, "read header: all of a header without an empty line");
	close(fd);
	buf_free(&b);

	write_file(tmpfile_path("bodyonly.eml"), "\nbody\n", 6);
	fd = open(tmpfile_path("bodyonly.eml"), O_RDONLY);
	mime_read_header(fd, &b, MIME_HEADER_MAX, NULL);
	is_int(b.len, 1, "read header: a message that starts with its body");
	close(fd);
	buf_free(&b);

	if (pipe(p) == 0) {
		if (write(p[1], "Subject: piped\r\n\r\nbody", 22) != 22)
			diag("short write to pipe");
		close(p[1]);
		mime_read_header(p[0], &b, MIME_HEADER_MAX, NULL);
		is_str(buf_cstr(&b), "Subject: piped\r\n\r\n", "read header: from a pipe");
		close(p[0]);
		buf_free(&b);
	}

	is_int(mime_read_header(-1, &b, MIME_HEADER_MAX, NULL), -1, "read header: bad fd");
	buf_free(&b);
}

static void
test_summary(void)
{
	struct summary	 s;
	struct bote_err	 err;

	memset(&s, 0, sizeof s);
	s.flags = 0x55;
	s.size = 1234;
	s.ref.uid = 7;
	is_int(summary_of(fixture("plain.eml"), &s), 0, "summary: plain");
	is_str(s.from_name, "Anna Example", "summary: from name");
	is_str(s.from_addr, "anna@example.org", "summary: from address");
	is_str(s.to, "Bob <bob@example.net>, carol@example.com", "summary: to");
	is_str(s.subject, "Plain ASCII message", "summary: subject");
	is_str(s.message_id, "plain-1@example.org", "summary: message id without <>");
	is_str(s.in_reply_to, "parent@example.org", "summary: first in-reply-to id");
	ok(s.references != NULL && strstr(s.references, "<root@example.org>") != NULL &&
	    strstr(s.references, "<parent@example.org>") != NULL, "summary: references raw");
	is_int(s.date, 1795266300, "summary: date");
	is_int(s.has_attachments, 0, "summary: no attachments");
	ok(s.flags == 0x55 && s.size == 1234 && s.ref.uid == 7,
	    "summary: ref, flags and size untouched");

	/* Parsing again into the same struct frees what was there. */
	is_int(summary_of(fixture("subject-q.eml"), &s), 0, "summary: RFC 2047 Q");
	is_str(s.subject, "Grüße aus Köln und Ärger", "summary: Q-encoded subject, two charsets");
	is_str(s.from_name, "Jürgen Müller", "summary: Q-encoded name");
	is_str(s.to, "Gräfin Marie-Therese <mt@example.at>", "summary: B-encoded name in To");
	ok(s.in_reply_to == NULL && s.references == NULL, "summary: missing headers are NULL");

	is_int(summary_of(fixture("subject-cjk.eml"), &s), 0, "summary: CJK");
	is_str(s.subject, "日本語の件名", "summary: ISO-2022-JP B-encoded subject");
	is_str(s.from_name, "山田 太郎", "summary: UTF-8 B-encoded name");

	is_int(summary_of(fixture("latin1-header.eml"), &s), 0, "summary: raw 8-bit");
	is_str(s.subject, "Café con leche ¡ya!", "summary: raw Latin-1 subject");
	is_str(s.from_name, "José García", "summary: raw Latin-1 name");

	is_int(summary_of(fixture("attachment.eml"), &s), 0, "summary: attachment");
	is_int(s.has_attachments, 1, "summary: multipart/mixed means attachments");

	is_int(summary_of(fixture("broken-multipart.eml"), &s), 0, "summary: no Date");
	is_int(s.date, 0, "summary: missing date is 0");

	is_int(mime_summary_parse("Date: garbage date\nSubject: x\n\n", 31, &s, NULL), 0,
	    "summary: bad date");
	is_int(s.date, 0, "summary: unparsable date is 0");
	ok(s.from_name == NULL && s.to == NULL, "summary: old fields cleared");

	is_int(mime_summary_parse("", 0, &s, &err), -1, "summary: empty input fails");
	is_int(err.kind, BOTE_ERR_PARSE, "summary: as a parse error");
	ok(s.subject == NULL && s.from_addr == NULL && s.date == 0, "summary: fields cleared");
	is_int(mime_summary_parse("no colon here\n", 14, &s, NULL), -1, "summary: no colon");
	is_int(mime_summary_parse("\0\xff\x01\x02:\x80\n", 7, &s, NULL) <= 0, 1,
	    "summary: binary garbage does not crash");
	is_int(mime_summary_parse("Subject: =?utf-8?q?a=0Ab=00c?=\n\n", 32, &s, NULL), 0,
	    "summary: encoded controls");
	ok(s.subject != NULL && strchr(s.subject, '\n') == NULL && utf8_check_valid(s.subject),
	    "summary: decoded newline flattened");
	summary_free(&s);
}

struct thread_arg {
	int	failures;
};

static void *
summary_thread(void *p)
{
	static const char *const	names[] = { "subject-q.eml", "subject-cjk.eml",
					    "latin1-header.eml", "plain.eml" };
	static const char *const	want[] = { "Grüße aus Köln und Ärger", "日本語の件名",
					    "Café con leche ¡ya!", "Plain ASCII message" };
	struct thread_arg		*a = p;
	struct summary			 s;
	int				 i;

	memset(&s, 0, sizeof s);
	for (i = 0; i < 400; i++) {
		if (summary_of(fixture(names[i % 4]), &s) != 0 || s.subject == NULL ||
		    strcmp(s.subject, want[i % 4]) != 0)
			a->failures++;
	}
	summary_free(&s);
	return NULL;
}

static void
test_threads(void)
{
	pthread_t		t[4];
	struct thread_arg	a[4];
	int			i, failures = 0;

	memset(a, 0, sizeof a);
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, summary_thread, &a[i]);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		failures += a[i].failures;
	}
	is_int(failures, 0, "summary: 4 threads x 400 parses agree");
}

static void
test_render_plain(void)
{
	struct display		 d;
	const struct display_part *p;
	long			 i;

	is_int(render(fixture("plain.eml"), NULL, &d), 0, "render: plain");
	is_str(d.nlines > 0 ? d.lines[0].text : NULL, "From: Anna Example <anna@example.org>",
	    "render: From line first");
	is_int(d.lines[0].style, LINE_HEADER, "render: From is a header line");
	is_int(d.lines[0].label_len, 5, "render: label length of From:");
	ok(find_line(&d, LINE_HEADER, "To: Bob <bob@example.net>, carol@example.com") == 1,
	    "render: To");
	ok(find_line(&d, LINE_HEADER, "Cc: Dave <dave@example.com>") == 2, "render: Cc");
	ok(find_line(&d, LINE_HEADER, "Date: Sat, 21 Nov 2026 14:05 +0100") == 3,
	    "render: Date in local time (Europe/Berlin)");
	ok(find_line(&d, LINE_HEADER, "Subject: Plain ASCII message") == 4, "render: Subject");
	is_int(d.lines[4].label_len, 8, "render: label length of Subject:");
	ok(find_line(&d, LINE_BODY, "") == 5, "render: empty line after the header");
	ok(find_line(&d, LINE_BODY, "Hello Bob,") == 6, "render: body");
	ok(find_line(&d, LINE_QUOTE, "> You wrote this.") > 0, "render: quote");
	ok(find_line(&d, LINE_QUOTE, ">> And this, earlier.") > 0, "render: nested quote");
	ok(find_line(&d, LINE_BODY, "Thanks.") > 0, "render: text after a quote");
	i = find_line(&d, LINE_SIGNATURE, "-- ");
	ok(i > 0 && find_line(&d, LINE_SIGNATURE, "Anna") == i + 1, "render: signature");
	is_str(d.subject, "Plain ASCII message", "render: subject set");
	is_int(d.nparts, 1, "render: one part");
	p = find_part(&d, "1");
	ok(p != NULL && strcmp(p->mime_type, "text/plain") == 0 && !p->is_attachment &&
	    p->filename == NULL && p->depth == 0, "render: single part is 1, text/plain");
	ok(find_containing(&d, "attachments") == -1, "render: no attachment list");
	display_free(&d);

	is_int(render(fixture("subject-q.eml"), NULL, &d), 0, "render: Q subject");
	ok(find_line(&d, LINE_HEADER, "Date: Sat, 4 Jul 2026 10:30 +0200") >= 0,
	    "render: summer time date");
	ok(find_line(&d, LINE_HEADER, "Subject: Grüße aus Köln und Ärger") >= 0,
	    "render: decoded subject line");
	ok(find_line(&d, LINE_HEADER, "From: Jürgen Müller <juergen@example.de>") >= 0,
	    "render: decoded From line");
	ok(find_containing(&d, "Cc:") == -1, "render: absent headers not shown");
	display_free(&d);

	is_int(render(fixture("subject-cjk.eml"), NULL, &d), 0, "render: CJK");
	ok(find_line(&d, LINE_HEADER, "Subject: 日本語の件名") >= 0, "render: CJK subject");
	ok(find_line(&d, LINE_BODY, "こんにちは、世界。") >= 0, "render: ISO-2022-JP body");
	display_free(&d);

	is_int(render(fixture("latin1-header.eml"), NULL, &d), 0, "render: raw 8-bit");
	ok(find_line(&d, LINE_HEADER, "From: José García <jose@example.es>") >= 0,
	    "render: raw Latin-1 From");
	ok(find_line(&d, LINE_BODY, "Cuerpo en éñe sin charset.") >= 0,
	    "render: 8-bit body without charset");
	display_free(&d);

	is_int(render(fixture("qp-latin1.eml"), NULL, &d), 0, "render: quoted-printable");
	ok(find_line(&d, LINE_BODY, "Schöne Grüße aus München, äöü ÄÖÜ.") >= 0,
	    "render: QP Latin-1 decoded");
	ok(find_line(&d, LINE_BODY,
	    "Ein sehr langer Satz, der mit einem weichen Zeilenumbruch weitergeht.") >= 0,
	    "render: QP soft line break");
	ok(find_containing(&d, "\r") == -1, "render: CRLF became LF");
	display_free(&d);

	is_int(render(fixture("unknown-charset.eml"), NULL, &d), 0, "render: unknown charset");
	ok(find_containing(&d, "Bytes äöü here") >= 0, "render: unknown charset falls back");
	display_free(&d);

	is_int(render(fixture("flowed.eml"), NULL, &d), 0, "render: flowed");
	ok(find_line(&d, LINE_BODY, "This is a long paragraph that was wrapped.") >= 0,
	    "render: flowed lines joined, DelSp honoured");
	ok(find_line(&d, LINE_QUOTE, "> Quoted text that continues here.") >= 0,
	    "render: flowed quote joined");
	ok(find_line(&d, LINE_BODY, "Fixed line.") >= 0, "render: fixed line");
	ok(find_line(&d, LINE_SIGNATURE, "-- ") >= 0, "render: flowed signature separator");
	display_free(&d);
}

static void
test_render_multipart(void)
{
	struct display			 d;
	const struct display_part	*p;
	long				 i;

	is_int(render(fixture("alternative.eml"), NULL, &d), 0, "render: alternative");
	ok(find_line(&d, LINE_BODY, "The plain version.") >= 0, "render: text/plain preferred");
	ok(find_containing(&d, "HTML") == -1, "render: html alternative not shown");
	p = find_part(&d, "2");
	ok(p != NULL && strcmp(p->mime_type, "text/html") == 0 && !p->is_attachment,
	    "render: html alternative listed as a part, not an attachment");
	ok(find_containing(&d, "attachments") == -1, "render: alternatives are no attachments");
	display_free(&d);

	is_int(render(fixture("html-only.eml"), NULL, &d), 0, "render: html only");
	ok(find_line(&d, LINE_BODY, "Big news") >= 0, "render: html heading");
	ok(find_line(&d, LINE_BODY, "Read the full story <https://example.com/news?id=1&x=2> "
	    "today – it's grüße.") >= 0, "render: html paragraph, link, entities, QP UTF-8");
	ok(find_line(&d, LINE_BODY, "  * First") >= 0, "render: html list");
	ok(find_containing(&d, "alert") == -1 && find_containing(&d, "color") == -1,
	    "render: no script, no style");
	ok(find_line(&d, LINE_BODY, "Newsletter") == -1, "render: no title");
	display_free(&d);

	is_int(render(fixture("attachment.eml"), NULL, &d), 0, "render: attachment");
	ok(find_line(&d, LINE_BODY, "See the report.") >= 0, "render: text part");
	i = find_line(&d, LINE_NOTE, "[-- attachments --]");
	ok(i > 0 && d.lines[i + 1].style == LINE_ATTACHMENT &&
	    strncmp(d.lines[i + 1].text, "[2] 報告.pdf  application/pdf  ", 33) == 0 &&
	    strcmp(d.lines[i + 1].text + strlen(d.lines[i + 1].text) - 2, " B") == 0,
	    "render: attachment line '%s'", i > 0 ? d.lines[i + 1].text : "");
	p = find_part(&d, "2");
	ok(p != NULL && p->filename != NULL && strcmp(p->filename, "報告.pdf") == 0,
	    "render: RFC 2231 filename decoded");
	ok(p != NULL && strcmp(p->mime_type, "application/pdf") == 0 && p->is_attachment &&
	    p->size >= 784 && p->size <= 800, "render: attachment part, size about 784");
	p = find_part(&d, "1");
	ok(p != NULL && !p->is_attachment && p->size == 15, "render: text part size decoded");
	display_free(&d);

	is_int(render(fixture("forwarded.eml"), NULL, &d), 0, "render: forwarded");
	ok(find_line(&d, LINE_BODY, "See below.") >= 0, "render: outer text");
	i = find_line(&d, LINE_NOTE, "[-- forwarded message --]");
	ok(i > 0 && find_line(&d, LINE_HEADER, "From: Frank <frank@example.net>") > i,
	    "render: forwarded header block");
	ok(find_line(&d, LINE_HEADER, "Subject: Original subject") > i,
	    "render: forwarded subject");
	ok(find_line(&d, LINE_BODY, "The original text.") > i, "render: forwarded body");
	ok(find_line(&d, LINE_NOTE, "[-- end of forwarded message --]") > i,
	    "render: end of forwarded message");
	is_str(d.subject, "Fwd: Original subject", "render: outer subject kept");
	p = find_part(&d, "2");
	ok(p != NULL && strcmp(p->mime_type, "message/rfc822") == 0 && !p->is_attachment,
	    "render: message/rfc822 part");
	p = find_part(&d, "2.1");
	ok(p != NULL && strcmp(p->mime_type, "text/plain") == 0 && p->depth == 1,
	    "render: its body is 2.1 at depth 1");
	display_free(&d);

	is_int(render(fixture("broken-multipart.eml"), NULL, &d), 0, "render: broken multipart");
	ok(find_line(&d, LINE_BODY, "First part survives.") >= 0, "render: first part kept");
	ok(find_containing(&d, "[2] cut.bin  application/octet-stream") >= 0,
	    "render: truncated attachment still listed");
	display_free(&d);
}

static void
test_render_odd(void)
{
	struct display	 d;
	const char	*raw = "just some text\nwithout any header\n";
	char		 chunk[512];
	int		 p[2];
	FILE		*f;
	size_t		 i;

	is_int(render(fixture("empty.eml"), NULL, &d), 0, "render: empty file is no error");
	ok(d.nlines == 1 && find_line(&d, LINE_NOTE, "[-- empty message --]") == 0,
	    "render: empty message note");
	display_free(&d);

	write_file(tmpfile_path("raw.eml"), raw, strlen(raw));
	is_int(render(tmpfile_path("raw.eml"), NULL, &d), 0, "render: no header");
	ok(d.nlines > 0 && d.lines[0].style == LINE_NOTE, "render: raw text note");
	ok(find_line(&d, LINE_BODY, "without any header") > 0, "render: raw text shown");
	display_free(&d);

	f = fopen(tmpfile_path("binary.eml"), "wb");
	srand(7);
	for (i = 0; i < 65536; i++)
		fputc(rand() & 0xff, f);
	fclose(f);
	is_int(render(tmpfile_path("binary.eml"), NULL, &d), 0, "render: random bytes");
	display_free(&d);

	memset(&d, 0, sizeof d);
	is_int(mime_render_file(tmpfile_path("missing.eml"), NULL, &d, NULL), -1,
	    "render: missing file is an error");
	display_free(&d);

	if (pipe(p) == 0) {
		f = fopen(fixture("plain.eml"), "rb");
		while ((i = fread(chunk, 1, sizeof chunk, f)) > 0) {
			if (write(p[1], chunk, i) != (ssize_t)i)
				diag("short write to pipe");
		}
		fclose(f);
		close(p[1]);
		memset(&d, 0, sizeof d);
		is_int(mime_render_fd(p[0], NULL, &d, NULL), 0, "render: from a pipe");
		is_str(d.subject, "Plain ASCII message", "render: pipe subject");
		close(p[0]);
		display_free(&d);
	}
}

static void
test_render_opts(void)
{
	static const char *const	 upper[] = { "tr", "a-z", "A-Z", NULL };
	static const char *const	 fails[] = { "false", NULL };
	static const char *const	 missing[] = { "/nonexistent/bote-filter", NULL };
	struct render_opts		 o;
	struct display			 d;

	memset(&o, 0, sizeof o);
	o.show_all_headers = 1;
	is_int(render(fixture("plain.eml"), &o, &d), 0, "render: all headers");
	ok(find_containing(&d, "Message-ID: ") >= 0 && find_containing(&d, "MIME-Version: ") >= 0,
	    "render: all headers shown");
	ok(find_containing(&d, "Content-Type: text/plain") >= 0,
	    "render: Content-Type from the body part");
	display_free(&d);

	o.show_all_headers = 0;
	o.html_filter = upper;
	is_int(render(fixture("html-only.eml"), &o, &d), 0, "render: external filter");
	ok(find_containing(&d, "BIG NEWS") >= 0, "render: external filter output used");
	display_free(&d);

	o.html_filter = fails;
	is_int(render(fixture("html-only.eml"), &o, &d), 0, "render: failing filter");
	ok(find_containing(&d, "html filter 'false' failed: exit status 1") >= 0,
	    "render: failing filter noted");
	ok(find_line(&d, LINE_BODY, "Big news") >= 0, "render: built-in converter instead");
	display_free(&d);

	o.html_filter = missing;
	is_int(render(fixture("html-only.eml"), &o, &d), 0, "render: missing filter");
	/* "cannot run ...", or "exit status 127" where spawn cannot see exec fail (valgrind). */
	ok(find_containing(&d, "html filter '/nonexistent/bote-filter'") >= 0,
	    "render: missing filter noted");
	display_free(&d);
}

/* Builds a message nested 'depth' multiparts deep. */
static void
write_nested(const char *path, int depth)
{
	FILE	*f = fopen(path, "wb");
	int	 i;

	fprintf(f, "From: deep@example.org\nSubject: deep\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
	for (i = 1; i <= depth; i++)
		fprintf(f, "--b%d\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n", i - 1, i);
	fprintf(f, "--b%d\nContent-Type: text/plain\n\ndeep inside\n", depth);
	for (i = depth; i >= 0; i--)
		fprintf(f, "--b%d--\n", i);
	fclose(f);
}

static void
test_hostile(void)
{
	struct display	 d;
	struct summary	 s;
	FILE		*f;
	size_t		 i, total;
	int		 n;

	/* A 1 MB header line: split into capped lines when shown, capped when summarised. */
	f = fopen(tmpfile_path("bighdr.eml"), "wb");
	fprintf(f, "From: a@example.org\nSubject: ");
	for (i = 0; i < (1 << 20); i++)
		fputc('x', f);
	fprintf(f, "\nTo: b@example.org\n\nbody\n");
	fclose(f);
	is_int(render(tmpfile_path("bighdr.eml"), NULL, &d), 0, "hostile: 1 MB header line");
	ok(d.nlines < 40 && find_line(&d, LINE_BODY, "body") > 0,
	    "hostile: 1 MB header split into %zu lines", d.nlines);
	ok(d.subject != NULL && strlen(d.subject) == 1 << 20, "hostile: full subject kept");
	display_free(&d);
	memset(&s, 0, sizeof s);
	is_int(summary_of(tmpfile_path("bighdr.eml"), &s), 0, "hostile: 1 MB header summary");
	ok(s.subject != NULL && strlen(s.subject) < MIME_HEADER_MAX,
	    "hostile: summary subject cut at the header cap");
	ok(s.from_addr != NULL && strcmp(s.from_addr, "a@example.org") == 0,
	    "hostile: fields before the cap kept");
	summary_free(&s);

	write_nested(tmpfile_path("nested.eml"), 2000);
	is_int(render(tmpfile_path("nested.eml"), NULL, &d), 0, "hostile: 2000 nested multiparts");
	ok(find_line(&d, LINE_NOTE, "[-- part nested too deeply, not shown --]") > 0,
	    "hostile: depth cap noted");
	ok(find_containing(&d, "deep inside") == -1 && d.nlines < 20, "hostile: output bounded");
	display_free(&d);

	f = fopen(tmpfile_path("manyparts.eml"), "wb");
	fprintf(f, "Subject: many\nContent-Type: multipart/mixed; boundary=\"m\"\n\n");
	for (n = 0; n < 3000; n++)
		fprintf(f, "--m\nContent-Type: application/octet-stream\n\n%d\n", n);
	fprintf(f, "--m--\n");
	fclose(f);
	is_int(render(tmpfile_path("manyparts.eml"), NULL, &d), 0, "hostile: 3000 parts");
	ok(find_line(&d, LINE_NOTE, "[-- too many parts, the rest is not shown --]") > 0,
	    "hostile: part cap noted");
	ok(d.nparts < MIME_MAX_PARTS, "hostile: %zu parts listed", d.nparts);
	display_free(&d);

	f = fopen(tmpfile_path("hugetext.eml"), "wb");
	fprintf(f, "Subject: huge\n\n");
	for (n = 0; n < 9 * 16384; n++)
		fprintf(f, "%063d\n", n);
	fclose(f);
	is_int(render(tmpfile_path("hugetext.eml"), NULL, &d), 0, "hostile: 9 MiB of text");
	for (i = 0, total = 0; i < d.nlines; i++)
		total += strlen(d.lines[i].text);
	ok(total <= MIME_MAX_TEXT + 1024, "hostile: text capped (%zu bytes)", total);
	ok(find_line(&d, LINE_NOTE, "[-- message text truncated: too long to show --]") > 0,
	    "hostile: truncation noted");
	display_free(&d);

	f = fopen(tmpfile_path("longline.eml"), "wb");
	fprintf(f, "Subject: long\nContent-Type: text/plain; charset=utf-8\n\n");
	fputc('x', f);	/* so that a cut at 64 KiB would split an "ä" */
	for (i = 0; i < 100000; i++)
		fputs("ä", f);
	fputc('\n', f);
	fclose(f);
	is_int(render(tmpfile_path("longline.eml"), NULL, &d), 0, "hostile: 200 KB line");
	is_int(d.nlines, 1 + 1 + 4, "hostile: long line split in four");
	ok(d.nlines == 6 && strlen(d.lines[2].text) == MIME_MAX_LINE - 1,
	    "hostile: split at a character boundary");
	display_free(&d);
}

static void
test_save(void)
{
	static const char *const bad[] = { "", "0", "1.1", "2.", "x", "01" };
	struct bote_err	 err;
	char		 want[800], got[1024];
	size_t		 wlen = 0;
	ssize_t		 n;
	int		 fd, out, i;

	memcpy(want, "%PDF-1.4\n", 9);
	wlen = 9;
	for (i = 0; i < 3 * 256; i++)
		want[wlen++] = (char)(i & 0xff);
	memcpy(want + wlen, "\n%%EOF\n", 7);
	wlen += 7;

	fd = open(fixture("attachment.eml"), O_RDONLY);
	out = open(tmpfile_path("saved.pdf"), O_CREAT | O_EXCL | O_WRONLY, 0600);
	is_int(mime_save_part(fd, "2", out, &err), 0, "save: attachment");
	close(out);
	out = open(tmpfile_path("saved.pdf"), O_RDONLY);
	n = read(out, got, sizeof got);
	close(out);
	ok(n == (ssize_t)wlen && memcmp(got, want, wlen) == 0, "save: decoded bytes (%zd)", n);

	lseek(fd, 0, SEEK_SET);
	is_int(mime_save_part(fd, "9", -1, &err), -1, "save: no part 9");
	is_int(err.kind, BOTE_ERR_NOTFOUND, "save: not found");
	is_str(err.msg, "cannot save part '9': no such part", "save: message");
	for (i = 0; i < 6; i++) {
		lseek(fd, 0, SEEK_SET);
		ok(mime_save_part(fd, bad[i], -1, &err) == -1 && err.kind == BOTE_ERR_NOTFOUND,
		    "save: path '%s' refused", bad[i]);
	}
	close(fd);

	fd = open(fixture("forwarded.eml"), O_RDONLY);
	out = open(tmpfile_path("fwd.eml"), O_CREAT | O_EXCL | O_WRONLY, 0600);
	is_int(mime_save_part(fd, "2.1", out, &err), 0, "save: inside a forwarded message");
	close(out);
	out = open(tmpfile_path("fwd.eml"), O_RDONLY);
	n = read(out, got, sizeof got - 1);
	close(out);
	got[n > 0 ? n : 0] = '\0';
	/* The newline before a boundary belongs to the boundary. */
	is_str(got, "The original text.", "save: forwarded body");
	lseek(fd, 0, SEEK_SET);
	out = open(tmpfile_path("fwd2.eml"), O_CREAT | O_EXCL | O_WRONLY, 0600);
	is_int(mime_save_part(fd, "2", out, &err), 0, "save: a message/rfc822 part");
	close(out);
	out = open(tmpfile_path("fwd2.eml"), O_RDONLY);
	n = read(out, got, sizeof got - 1);
	close(out);
	got[n > 0 ? n : 0] = '\0';
	ok(strstr(got, "Subject: Original subject") != NULL, "save: the whole inner message");
	close(fd);

	fd = open(fixture("plain.eml"), O_RDONLY);
	out = open(tmpfile_path("plain.txt"), O_CREAT | O_EXCL | O_WRONLY, 0600);
	is_int(mime_save_part(fd, "1", out, &err), 0, "save: a single-part body is 1");
	close(out);
	close(fd);
}

static void
cleanup(void)
{
	DIR		*dir;
	struct dirent	*e;

	if ((dir = opendir(tmpdir)) == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			unlink(tmpfile_path(e->d_name));
	}
	closedir(dir);
	if (rmdir(tmpdir) == -1)
		diag("could not remove %s", tmpdir);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	mime_init();
	if (access(fixture("plain.eml"), R_OK) == -1) {
		printf("Bail out! no fixtures at %s (set top_srcdir)\n", fixture("plain.eml"));
		return 1;
	}
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	test_read_header();
	test_summary();
	test_threads();
	test_render_plain();
	test_render_multipart();
	test_render_odd();
	test_render_opts();
	test_hostile();
	test_save();
	cleanup();
	mime_shutdown();
	return done_testing();
}
