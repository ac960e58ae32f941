/* t_mime_fast.c - the fast header scanner against GMime's full parse: corpus, demo, tricky and random headers. */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "utf8_check.h"

/*
 * GMime 3.2 loses a few bytes in some error paths of its address, msg-id
 * and content-type parsers, on both the old and the new way; the random
 * blocks hit those on purpose.  LeakSanitizer looks away for that part
 * only: the corpus, demo and hand-written blocks are checked for leaks.
 */
#if defined(__SANITIZE_ADDRESS__)
#define LEAK_CHECKS	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAK_CHECKS	1
#endif
#endif
#ifdef LEAK_CHECKS
#include <sanitizer/lsan_interface.h>
#define GMIME_LEAKS_IGNORED()	__lsan_disable()
#define GMIME_LEAKS_CHECKED()	__lsan_enable()
#else
#define GMIME_LEAKS_IGNORED()	do { } while (0)
#define GMIME_LEAKS_CHECKED()	do { } while (0)
#endif

#include "core/summary.h"
#include "demo/demo.h"
#include "mime/mime.h"
#include "mime/mime_fast.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xmalloc.h"

#define FUZZ_DEFAULT	20000	/* random blocks per run; BOTE_FAST_FUZZ overrides */
#define DIFFS_SHOWN	5	/* differing blocks printed per group */
#define THREADS		4
#define SPEED_ROUNDS	20	/* passes over the corpus for the timing */

/* One header block, as the Maildir driver reads it. */
struct block {
	char	*name;
	char	*data;		/* exactly len bytes, no terminator: overreads show */
	size_t	 len;
};

struct blocks {
	struct block	*v;
	size_t		 n;
};

/* What a group of comparisons found. */
struct tally {
	size_t		n, same, fast, shown;
	unsigned	fallbacks;
	size_t		per_bit[10];
};

static void
blocks_add(struct blocks *b, const char *name, const char *data, size_t len)
{
	b->v = xreallocarray(b->v, b->n + 1, sizeof *b->v);
	b->v[b->n].name = xstrdup(name);
	b->v[b->n].data = xmalloc(len > 0 ? len : 1);
	memcpy(b->v[b->n].data, data, len);
	b->v[b->n].len = len;
	b->n++;
}

static void
blocks_free(struct blocks *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].name);
		free(b->v[i].data);
	}
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

/* Prints a string with its control and 8-bit bytes escaped, cut at 160 bytes. */
static void
escaped(struct buf *o, const char *s, size_t n)
{
	size_t	i;

	if (s == NULL) {
		buf_puts(o, "(null)");
		return;
	}
	buf_putc(o, '\'');
	for (i = 0; i < n && i < 160; i++) {
		if (s[i] == '\n')
			buf_puts(o, "\\n");
		else if (s[i] == '\r')
			buf_puts(o, "\\r");
		else if (s[i] == '\t')
			buf_puts(o, "\\t");
		else if ((unsigned char)s[i] < ' ' || (unsigned char)s[i] >= 0x7f)
			buf_printf(o, "\\x%02x", (unsigned char)s[i]);
		else
			buf_putc(o, s[i]);
	}
	buf_puts(o, i < n ? "'..." : "'");
}

static const char *
field_name(int i)
{
	static const char *const names[] = {
		"from_name", "from_addr", "to", "subject", "message_id",
		"in_reply_to", "references"
	};

	return names[i];
}

static char *
field(const struct summary *s, int i)
{
	char *const	v[] = {
		s->from_name, s->from_addr, s->to, s->subject, s->message_id,
		s->in_reply_to, s->references
	};

	return v[i];
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The first difference as diag lines; 1 when the two agree. */
static int
agree(const struct block *b, int rc_full, const struct summary *full,
    int rc_fast, const struct summary *fast, int show)
{
	struct buf	o = BUF_INIT;
	int		i, bad = 0;

	if (rc_full != rc_fast) {
		buf_printf(&o, "return %d, want %d", rc_fast, rc_full);
		bad = 1;
	}
	for (i = 0; i < 7 && !bad; i++) {
		if (!same_str(field(full, i), field(fast, i))) {
			buf_printf(&o, "%s: got ", field_name(i));
			escaped(&o, field(fast, i), field(fast, i) ? strlen(field(fast, i)) : 0);
			buf_puts(&o, ", want ");
			escaped(&o, field(full, i), field(full, i) ? strlen(field(full, i)) : 0);
			bad = 1;
		}
		if (field(fast, i) != NULL && !utf8_check_valid(field(fast, i))) {
			buf_printf(&o, "%s: not valid UTF-8", field_name(i));
			bad = 1;
		}
	}
	if (!bad && full->date != fast->date) {
		buf_printf(&o, "date: got %lld, want %lld", (long long)fast->date,
		    (long long)full->date);
		bad = 1;
	}
	if (!bad && full->has_attachments != fast->has_attachments) {
		buf_printf(&o, "has_attachments: got %d, want %d",
		    fast->has_attachments, full->has_attachments);
		bad = 1;
	}
	if (bad && show) {
		diag("%s: %s", b->name, buf_cstr(&o));
		buf_truncate(&o, 0);
		escaped(&o, b->data, b->len);
		diag("  header: %s", buf_cstr(&o));
	}
	buf_free(&o);
	return !bad;
}

/*
 * Compares mime_summary_parse() with the full GMime parse on one block,
 * and notes what the fast path handed to GMime.
 */
static void
check_block(const struct block *b, struct tally *t)
{
	struct summary	full, fast, probe;
	struct bote_err	err;
	unsigned	fb = 0;
	int		rc_full, rc_fast, i;

	memset(&full, 0, sizeof full);
	memset(&fast, 0, sizeof fast);
	memset(&probe, 0, sizeof probe);
	rc_full = mime_summary_parse_full(b->data, b->len, &full, &err);
	rc_fast = mime_summary_parse(b->data, b->len, &fast, &err);
	t->n++;
	if (agree(b, rc_full, &full, rc_fast, &fast, t->shown < DIFFS_SHOWN))
		t->same++;
	else
		t->shown++;
	if (mime_fast_summary(b->data, b->len, &probe, &fb) == 0)
		t->fast++;
	t->fallbacks |= fb;
	for (i = 0; i < 10; i++) {
		if (fb & (1u << i))
			t->per_bit[i]++;
	}
	summary_free(&full);
	summary_free(&fast);
	summary_free(&probe);
}

static void
report(const char *what, const struct tally *t)
{
	static const char *const bits[] = {
		"block", "from", "to", "name", "text", "date", "msgid",
		"in-reply-to", "content-type", "?"
	};
	struct buf	o = BUF_INIT;
	int		i;

	for (i = 0; i < 10; i++) {
		if (t->per_bit[i] > 0)
			buf_printf(&o, " %s=%zu", bits[i], t->per_bit[i]);
	}
	diag("%s: %zu blocks, %zu read by the fast path; GMime asked for:%s",
	    what, t->n, t->fast, o.len > 0 ? buf_cstr(&o) : " nothing");
	buf_free(&o);
}

static int
read_block(const char *path, struct buf *out)
{
	struct bote_err	err;
	int		fd, rc;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	rc = mime_read_header(fd, out, MIME_HEADER_MAX, &err);
	close(fd);
	return rc;
}

/*
 * Every regular file below dir, in a stable order; with 'messages', only
 * those in a Maildir's cur/ and new/.
 */
static void
collect(const char *dir, int messages, struct blocks *out)
{
	const char	 *base = strrchr(dir, '/') != NULL ? strrchr(dir, '/') + 1 : dir;
	int		  here = !messages || strcmp(base, "cur") == 0 || strcmp(base, "new") == 0;

	struct dirent	**ents;
	struct stat	  st;
	struct buf	  b = BUF_INIT;
	char		  path[PATH_MAX];
	int		  i, n;

	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (strcmp(ents[i]->d_name, ".") != 0 &&
		    strcmp(ents[i]->d_name, "..") != 0 &&
		    (size_t)snprintf(path, sizeof path, "%s/%s", dir,
		    ents[i]->d_name) < sizeof path && lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				collect(path, messages, out);
			else if (S_ISREG(st.st_mode) && here) {
				buf_truncate(&b, 0);
				if (read_block(path, &b) == 0)
					blocks_add(out, path, b.data != NULL ? b.data : "", b.len);
			}
		}
		free(ents[i]);
	}
	free(ents);
	buf_free(&b);
}

static void
check_all(const char *what, const struct blocks *bl, struct tally *t)
{
	size_t	i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < bl->n; i++)
		check_block(&bl->v[i], t);
	ok(t->n > 0 && t->same == t->n, "%s: %zu of %zu blocks identical", what,
	    t->same, t->n);
	report(what, t);
}

/* Hand-written blocks for the corners: each is its own test. */
static const struct {
	const char	*name;
	const char	*data;
	size_t		 len;		/* 0: strlen */
} tricky[] = {
	{ "plain", "From: Anna Example <anna@example.org>\nTo: Bob <bob@example.net>, carol@example.com\n"
	    "Subject: Plain ASCII message\nDate: Mon, 23 Nov 2026 10:05:00 +0100\n"
	    "Message-ID: <plain-1@example.org>\nIn-Reply-To: <parent@example.org>\n"
	    "References: <root@example.org>\n <parent@example.org>\n\n", 0 },
	{ "folded subject", "Subject: a long\n\tsubject  folded\n   twice\nFrom: a@b\n\n", 0 },
	{ "blank runs", "Subject:   lots   of \t  blanks\t \nFrom: x@y\n\n", 0 },
	{ "encoded adjacent", "Subject: =?utf-8?q?Gr=C3=BC?==?utf-8?q?=C3=9Fe?=\n\n", 0 },
	{ "encoded separated", "Subject: =?utf-8?q?a?= =?utf-8?q?b?=  c =?iso-8859-1?q?=E9?=\n\n", 0 },
	{ "encoded folded", "Subject: =?utf-8?b?w6TDtsO8?=\n =?utf-8?b?w5/DnA==?= end\n\n", 0 },
	{ "encoded invalid", "Subject: =?utf-8?q?broken =?bogus?q?x?= =?utf-8?b?!!!?= Price =? 5\n\n", 0 },
	{ "encoded in word", "Subject: foo=?utf-8?q?bar?=baz\nFrom: a=?utf-8?q?b?=c <x@y>\n\n", 0 },
	{ "quoted names", "From: \"Doe, John\" <john@example.com>\nTo: \"Doe, John\" <j@d>, "
	    "\"  spaced  \" <s@d>, \"\" <e@d>\n\n", 0 },
	{ "escaped quotes", "From: \"A \\\"q\\\" B\" <q@b>\nTo: \"A \\\"q\\\" B\" <q@b>, \"back\\\\slash\" <b@s>\n\n", 0 },
	{ "unquoted specials", "From: J. Q. Public <j@q>\nTo: John.Q.Public <j@d>, Doe, John <x@y>, O'Brien <o@b>\n\n", 0 },
	{ "comments", "From: a@b (Comment Name)\nTo: a@b (x), c@d (y (nested)), <e@f> (z)\n\n", 0 },
	{ "comment in name", "From: John (the man) Smith <j@s>\nTo: Ann (A) <a@b>\n\n", 0 },
	{ "groups", "From: Team: a@b, C <c@d>;\nTo: undisclosed-recipients:;\n\n", 0 },
	{ "group then mailbox", "To: Friends: a@b, c@d;, e@f\nFrom: :;\nFrom: Late <late@x>\n\n", 0 },
	{ "angle only", "From: <only@addr>\nTo: <a@b>,<c@d> , ,e@f\n\n", 0 },
	{ "missing fields", "X-Mailer: nothing useful\n\n", 0 },
	{ "empty fields", "From:\nTo:\nSubject:\nDate:\nMessage-ID:\nIn-Reply-To:\nReferences:\nContent-Type:\n\n", 0 },
	{ "duplicate fields", "Subject: one\nSubject: two\nFrom: A <a@b>\nFrom: B <c@d>\nTo: t1@x\nTo: T2 <t2@x>\n"
	    "Date: Mon, 1 Jan 2024 10:00:00 +0000\nDate: Tue, 2 Jan 2024 10:00:00 +0000\n"
	    "Message-ID: <m1@x>\nMessage-ID: <m2@x>\nIn-Reply-To: <i1@x>\nIn-Reply-To: <i2@x>\n"
	    "References: <r1@x>\nReferences: <r2@x>\n"
	    "Content-Type: multipart/mixed; boundary=x\nContent-Type: text/plain\n\n", 0 },
	{ "duplicate date, last bad", "Date: Mon, 1 Jan 2024 10:00:00 +0000\nDate: garbage\n\n", 0 },
	{ "empty from first", "From:\nFrom: B <c@d>\n\n", 0 },
	{ "case of names", "FROM: a@b\nsubject: lower\nMESSAGE-ID: <X@Y>\ncontent-type: Multipart/MIXED; b=1\n\n", 0 },
	{ "raw latin-1", "Subject: Caf\xe9 con leche \xa1ya!\nFrom: Jos\xe9 Garc\xed" "a <jose@example.es>\n"
	    "To: Jos\xe9 <j@e>, \"M\xfcller, Hans\" <h@m>\n\n", 0 },
	{ "raw utf-8", "Subject: Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln\nFrom: J\xc3\xbcrgen M\xc3\xbcller <j@m>\n"
	    "To: \xe7\x94\xb0\xe4\xb8\xad <t@j>\n\n", 0 },
	{ "encoded names", "From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <j@m>\n"
	    "To: =?iso-8859-1?q?Fran=E7ois?= <f@x>, \"=?utf-8?b?5bGx55Sw?=\" <y@j>, "
	    "=?utf-8?q?Doe=2C_John?= <d@j>, =?utf-8?q?a=22b?= <q@q>\n\n", 0 },
	{ "invalid encoded name", "From: =?utf-8?q?=FF=FE?= <x@y>\nTo: =?bogus?q?x?= <x@y>\n\n", 0 },
	{ "long line", NULL, 0 },		/* built in main() */
	{ "crlf", "From: Anna <a@b>\r\nTo: B <b@c>,\r\n C <c@d>\r\nSubject: crlf\r\n folded\r\n"
	    "Date: Tue, 2 Jan 2024 10:00:00 -0500\r\nMessage-ID: <c@r>\r\n\r\n", 0 },
	{ "crlf in name", "From: John\r\n  Smith <j@s>\r\nTo: \"Ann\r\n B\" <a@b>\r\n\r\n", 0 },
	{ "no blank line", "Subject: cut here\nFrom: a@b", 0 },
	{ "no newline at all", "Subject: x", 0 },
	{ "nul bytes", "Subject: a\0b\nFrom: c\0d@e\n\n", 25 },
	{ "nul in name", "Subj\0ect: x\n\n", 13 },
	{ "bare cr", "Subject: a\rb\nFrom: A\rB <a@b>\n\n", 0 },
	{ "line without colon", "Subject: x\nbad line here\nFrom: a@b\n\n", 0 },
	{ "blank before colon", "Subject : x\nFrom : a@b\n\n", 0 },
	{ "mbox from line", "From a@b Mon Jan  1 10:00:00 2024\nSubject: x\n\n", 0 },
	{ "leading continuation", " folded\nSubject: x\n\n", 0 },
	{ "only blank line", "\n", 0 },
	{ "only crlf", "\r\n", 0 },
	{ "empty", "", 0 },
	{ "no colon", "nothing", 0 },
	{ "body after", "Subject: head\n\nSubject: body\nFrom: x@y\n", 0 },
	{ "dates", "Date: 1 Jan 70 00:00 GMT\n\n", 0 },
	{ "date obsolete zone", "Date: Sun, 6 Nov 1994 08:49:37 EST\n\n", 0 },
	{ "date military", "Date: 6 Nov 1994 08:49 A\n\n", 0 },
	{ "date comment zone", "Date: Fri, 21 Nov 1997 09:55:06 -0600 (MDT)\n\n", 0 },
	{ "date lenient", "Date: 2024-01-02 10:00:00\n\n", 0 },
	{ "date leap", "Date: 29 Feb 2023 10:00 +0000\nDate: 29 Feb 2024 10:00 +0000\n\n", 0 },
	{ "date second 60", "Date: 31 Dec 2016 23:59:60 +0000\n\n", 0 },
	{ "date zone 24", "Date: 1 Jan 2024 00:00 +2400\n\n", 0 },
	{ "date encoded", "Date: =?utf-8?q?Mon=2C_1_Jan_2024_10=3A00?=\n\n", 0 },
	{ "message-id odd", "Message-ID: <\"quoted local\"@example.com>\nIn-Reply-To: Your message of Monday <a@b>\n\n", 0 },
	{ "message-id bare", "Message-ID: bare@id\nIn-Reply-To: <a@b> <c@d>\n\n", 0 },
	{ "message-id idn", "Message-ID: <a@xn--mller-kva.de>\nFrom: a@xn--mller-kva.de\nTo: B <b@xn--mller-kva.de>\n\n", 0 },
	{ "address oddities", "From: @route:a@b\nTo: a@[1.2.3.4], b@c., d . e@f, a@b <a@b>, <<x@y>>\n\n", 0 },
	{ "address no domain", "From: root\nTo: John Smith, foo\n\n", 0 },
	{ "content-type odd", "Content-Type: multipart/mixed (comment); boundary=x\n\n", 0 },
	{ "content-type application", "Content-Type: application/pdf\n\n", 0 },
	{ "content-type bare", "Content-Type: application\n\n", 0 },
	{ "content-type folded", "Content-Type: multipart/mixed;\n\tboundary=\"=_x\"\n\n", 0 },
	{ "many to fields", "To: a@b\nTo: c@d\nTo: e@f\nTo: g@h\nTo: i@j\nTo: k@l\nTo: m@n\nTo: o@p\nTo: q@r\n\n", 0 },
	{ "quoted specials", "From: \"a)b\" <x@y>\nTo: \"a)b\" <x@y>, \"a<b\" <x@y>, \"a>b\" <x@y>, "
	    "\"a;b\" <x@y>, \"a:b\" <x@y>, \"a[b]\" <x@y>, \"a/b?c=d\" <x@y>, \"a\tb\" <x@y>, "
	    "\"a@b\" <x@y>, \"it's\" <x@y>, \"  \" <x@y>\n\n", 0 },
	{ "encoded specials", "To: =?utf-8?q?a=3Bb?= <x@y>, =?utf-8?q?a=5Bb=5D?= <x@y>, "
	    "=?utf-8?q?a=09b?= <x@y>, =?utf-8?q?_a_?= <x@y>, =?utf-8?q?=0B?= <x@y>\n\n", 0 },
	{ "controls", "Subject: bell\a and \x1b[31m escape\nFrom: \"Ctl\x01\" <c@d>\n\n", 0 },
};

/* 1 when a shared object whose path contains name is mapped into this process. */
static int
mapped(const char *name)
{
	FILE	*f = fopen("/proc/self/maps", "r");
	char	 line[1024];
	int	 found = 0;

	while (f != NULL && !found && fgets(line, sizeof line, f) != NULL)
		found = strstr(line, name) != NULL;
	if (f != NULL)
		fclose(f);
	return found;
}

/*
 * glibc unloads a charset converter when its last descriptor closes, and
 * GMime closes one after every encoded word: without mime_charsets.c a
 * folder of Latin-1 subjects loads ISO8859-1.so once per message.
 */
static void
check_charsets_stay_loaded(void)
{
	static const char	hdr[] = "Subject: =?iso-8859-1?q?Caf=E9?=\n\n";
	struct summary		s;
	unsigned		fb = 0;

	memset(&s, 0, sizeof s);
	ok(mime_fast_summary(hdr, sizeof hdr - 1, &s, &fb) == 0 && s.subject != NULL &&
	    strcmp(s.subject, "Caf\xc3\xa9") == 0, "a Latin-1 encoded word decodes");
	summary_free(&s);
	ok(mapped("ISO8859-1.so"), "its converter stays loaded after the decode");
	ok(mapped("libJIS.so"), "and ISO-2022-JP's, loaded before any Japanese header");
}

static void
check_tricky(void)
{
	struct tally	t;
	struct block	b;
	struct buf	big = BUF_INIT;
	size_t		i, k;

	memset(&t, 0, sizeof t);
	for (i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
		if (tricky[i].data == NULL) {
			/* A 100 KB subject and a long address list. */
			buf_truncate(&big, 0);
			buf_puts(&big, "Subject: ");
			for (k = 0; k < 10000; k++)
				buf_puts(&big, "long word ");
			buf_puts(&big, "\nTo: ");
			for (k = 0; k < 2000; k++)
				buf_printf(&big, "%sUser %zu <u%zu@example.com>", k ? ", " : "", k, k);
			buf_puts(&big, "\n\n");
			b.data = xmalloc(big.len);
			memcpy(b.data, big.data, big.len);
			b.len = big.len;
		} else {
			b.len = tricky[i].len > 0 ? tricky[i].len : strlen(tricky[i].data);
			b.data = xmalloc(b.len > 0 ? b.len : 1);
			memcpy(b.data, tricky[i].data, b.len);
		}
		b.name = (char *)tricky[i].name;
		k = t.same;
		t.shown = 0;
		check_block(&b, &t);
		ok(t.same == k + 1, "tricky: %s", tricky[i].name);
		free(b.data);
	}
	buf_free(&big);
	report("tricky", &t);
}

/* xorshift64: the same random blocks on every run. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

#define PICK(s, a)	((a)[rnd(s) % (sizeof (a) / sizeof (a)[0])])

static const char *const r_names[] = {
	"From", "from", "FROM", "To", "tO", "Subject", "subject", "Date", "DATE",
	"Message-ID", "Message-Id", "In-Reply-To", "References", "Content-Type",
	"content-type", "X-Other", "Received", "Cc", "Sender", "Subject ",
};
static const char *const r_words[] = {
	"Re:", "hello", "world", "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "=?utf-8?b?w6Q=?=",
	"=?iso-8859-1?q?Caf=E9?=", "=?bogus?q?x?=", "=?utf-8?q?broken", "=?",
	"Price", "=?=", "a\tb", "Caf\xe9", "K\xc3\xb6ln", "\xff\xfe", "x=?y",
	"\"quoted\"", "(paren)", ",", ".", ";", ":", "<", ">", "@", "\\", "[x]",
	"J.", "Doe,", "O'Brien", "a+b", "xn--mller-kva", "\x01", "\x7f",
};
static const char *const r_names_addr[] = {
	"John Smith", "\"Doe, John\"", "\"A \\\"q\\\" B\"", "J. Q. Public",
	"John.Q.Public", "O'Brien", "=?utf-8?q?J=C3=BCrgen?= M", "=?iso-8859-1?q?J=FCrgen?=",
	"\"=?utf-8?b?w6Q=?=\"", "J\xc3\xbcrgen", "J\xfcrgen", "", "\"\"",
	"\"  spaced  \"", "Doe, John", "a@b", "(comment)", "Ann  \t Lee", "\"unterminated",
	"=?utf-8?q?a=22b?=", "=?utf-8?q?Doe=2C_J?=", "x\"y\"z", "Mr.", "\"a\" b",
};
static const char *const r_addrs[] = {
	"a@b.c", "john.doe@example.com", "x+y@z.org", "a@xn--mller-kva.de", "A@B.COM",
	"\"q s\"@x.y", "a@[1.2.3.4]", "a@b.", "a.@b", "@route:a@b", "a", "a@b .c",
	"a @ b", "a@b", "first.last@sub.domain.example", "a..b@c", "a@b..c", "_@-",
};
static const char *const r_dates[] = {
	"Mon, 1 Jan 2024 10:00:00 +0100", "Tue, 02 Jan 2024 23:59:59 -0800",
	"1 Jan 24 00:00", "1 Jan 69 00:00 GMT", "1 Jan 70 00:00 UT",
	"29 Feb 2024 12:00 EST", "29 Feb 2023 12:00 EDT", "31 Apr 2024 01:02:03 CST",
	"Sunday, 1 January 2024 10:00 PDT", "1 jAN 2024 10:00 Z", "1 Jan 2024 10:00 A",
	"1 Jan 2024 10:00 N", "1 Jan 2024 10:00 (EST)", "1 Jan 2024 10:00 foo +0100",
	"1 Jan 2024 10:00 foobar +0100", "1 Jan 2024 10:00 foo bar +0100",
	"1 Jan 2024 24:00", "1 Jan 2024 23:59:60", "0 Jan 2024 10:00", "32 Jan 2024 10:00",
	"1 Jan 1968 10:00", "1 Jan 10000 10:00", "1 Jan 9999 23:00 -0500",
	"1 Jan 2024 10:00:00-0500", "Mon,,1 Jan 2024 10:00", "1 Jan 2024 10:00 +01:00",
	"1 Jan 2024 10:00 -0000", "1 Jan 2024 10:00 GMT+1", "1 Jan 2024 10 +0000",
	"1 Jan 2024", "2024-01-02 10:00", "01/02/2024 10:00", "garbage", "",
	"1 Jan 2024 10:00 +2400", "1 Jan 2024 10:00 +0060", "1 Jan 2024 10:00 +12345",
	"1 Jan 2024 10:00 +abcd", "1 Jan 2024 10:00:00:00", "Mon 1 Jan 2024 1:2:3 +0000",
	"1 Jan 103 10:00", "1 Jan 2024 10::", "  1\tJan\t2024\t10:00\t+0100  ",
	"1 Jan 99999999999 10:00", "Fri, 21 Nov 1997 09:55:06 -0600 (MDT)",
	"=?utf-8?q?1_Jan_2024?=", "1 Jan 2024 10:00 est", "1 Jan 2024 10:00 ()",
};
static const char *const r_ids[] = {
	"<a@b>", "<a.b@c.d>", " <a@b> ", "<a@b", "a@b", "<a@b> <c@d>",
	"<\"q\"@b>", "<a@[1.2.3.4]>", "<a@xn--x>", "<>", "<a>", "junk <a@b>",
	"<a@b> (comment)", "<a@@b>", "<a..b@c>", "<a@b.>", "<a@b>junk", "<<a@b>>",
	"< a@b >", "<a@b.c>\n <d@e.f>", "<=?utf-8?q?x?=@y>", "<a\xff@b>", "",
};
static const char *const r_ctypes[] = {
	"multipart/mixed; boundary=x", "text/plain", "application/pdf",
	"Multipart/Mixed", "multipart/alternative", "multipart / mixed",
	"multipart/mixed (c)", "application", "text", "", "multipart/mixed\n boundary=y",
	"application/", "/mixed", "\"multipart/mixed\"", "multipart/mixed;",
	"APPLICATION/octet-stream ; name=x", "multipart/mixed garbage", "mul\rtipart/mixed",
};
static const char *const r_blanks[] = {
	" ", " ", " ", "  ", "\t", "\n ", "\r\n\t", "\n\t", " \t ", "",
};

static void
r_address(uint64_t *s, struct buf *b)
{
	switch (rnd(s) % 6) {
	case 0:
		buf_puts(b, PICK(s, r_addrs));
		break;
	case 1:
		buf_printf(b, "<%s>", PICK(s, r_addrs));
		break;
	case 2:
		buf_printf(b, "%s (%s)", PICK(s, r_addrs), PICK(s, r_words));
		break;
	default:
		buf_printf(b, "%s%s<%s>", PICK(s, r_names_addr), PICK(s, r_blanks),
		    PICK(s, r_addrs));
		break;
	}
}

static void
r_value(uint64_t *s, const char *name, struct buf *b)
{
	int	i, n;

	buf_puts(b, PICK(s, r_blanks));
	if (strcasecmp(name, "from") == 0 || strcasecmp(name, "to") == 0) {
		n = 1 + (int)(rnd(s) % 3);
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_puts(b, rnd(s) % 4 ? ", " : PICK(s, r_blanks));
			r_address(s, b);
		}
	} else if (strcasecmp(name, "date") == 0)
		buf_puts(b, PICK(s, r_dates));
	else if (strncasecmp(name, "message", 7) == 0 || strcasecmp(name, "in-reply-to") == 0 ||
	    strcasecmp(name, "references") == 0) {
		buf_puts(b, PICK(s, r_ids));
		if (rnd(s) % 3 == 0)
			buf_printf(b, "%s%s", PICK(s, r_blanks), PICK(s, r_ids));
	} else if (strcasecmp(name, "content-type") == 0)
		buf_puts(b, PICK(s, r_ctypes));
	else {
		n = (int)(rnd(s) % 6);
		for (i = 0; i < n; i++)
			buf_printf(b, "%s%s", i ? PICK(s, r_blanks) : "", PICK(s, r_words));
	}
	if (rnd(s) % 8 == 0)
		buf_puts(b, PICK(s, r_blanks));
}

/*
 * Values made of pieces that matter to the parsers, in any order: finds
 * the places where the fast path accepts what GMime reads differently.
 */
static const char *const soup_addr[] = {
	"a", "b", "x.y", " ", "\t", "\n ", "\r\n ", "\"", ",", ".", "<", ">", "@", ";",
	":", "=?utf-8?q?=C3=A4?=", "=?", "?=", "(", ")", "\\", "[", "]", "xn--a",
	"\xc3\xa4", "\xe4", "'", "-", "+", "\v", "\f", "\x01", "\"a,b\"", "\" \"",
	"x (c) y", "John Smith ", "<a@b.c>", "a@b.c", "\"J. Q.\" ", "Doe, J ",
};
static const char *const soup_date[] = {
	"1", "01", "29", "31", "0", "2024", "24", "69", "70", "1969", "12", "59", "60",
	"Jan", "feb", "DECEMBER", "Mon", "sunday", "Foo", ":", ": ", "+0100", "-0000",
	"+2400", "+", "-", " ", "  ", ",", "/", "\t", "GMT", "EST", "pdt", "A", "Z",
	"J", "UT", "(", ")", "(EST)", "10:00", "23:59:60", "1:2", "=?", "\\r",
	"-0500", "+0530", "1 ", "Jan ", "2024 ", "10:00:00 ", "GMT)", "Tue, ", "\\xe4",
};
static const char *const soup_id[] = {
	"<", ">", "@", ".", "a", "b", " ", "\"", "(", ")", ",", "xn--q", "\\",
	"[", "]", "=?", "\xe4", "\n ",
};
static const char *const soup_ct[] = {
	"multipart", "mixed", "application", "text", "/", ";", " ", "(", ")", "\"",
	"x", "\n ", "=", "MIXED", "Application", "*", "\r",
};

static void
r_soup(uint64_t *s, struct buf *b)
{
	static const char *const fields[] = {
		"From", "To", "Date", "Message-ID", "In-Reply-To", "Content-Type",
		"Subject", "References",
	};
	const char	*f;
	int		 i, n, k = 1 + (int)(rnd(s) % 3);

	while (k-- > 0) {
		f = PICK(s, fields);
		buf_printf(b, "%s:", f);
		n = 1 + (int)(rnd(s) % 12);
		for (i = 0; i < n; i++) {
			if (f[0] == 'F' || f[0] == 'T' || f[0] == 'S')
				buf_puts(b, PICK(s, soup_addr));
			else if (f[0] == 'D')
				buf_puts(b, PICK(s, soup_date));
			else if (f[0] == 'C')
				buf_puts(b, PICK(s, soup_ct));
			else
				buf_puts(b, PICK(s, soup_id));
		}
		buf_putc(b, '\n');
	}
	buf_putc(b, '\n');
}

/* A block of 1 to 8 fields, sometimes with CRLF, no end or a stray line. */
static void
r_block(uint64_t *s, struct buf *b)
{
	const char	*name, *nl = rnd(s) % 5 ? "\n" : "\r\n";
	int		 i, n = 1 + (int)(rnd(s) % 8);

	for (i = 0; i < n; i++) {
		name = PICK(s, r_names);
		buf_printf(b, "%s:", name);
		r_value(s, name, b);
		buf_puts(b, nl);
		if (rnd(s) % 60 == 0)
			buf_puts(b, rnd(s) % 2 ? "stray line\n" : " \n");
	}
	if (rnd(s) % 10)
		buf_puts(b, nl);
	if (rnd(s) % 200 == 0 && b->len > 2)
		b->data[rnd(s) % (b->len - 1)] = '\0';
}

static void
check_random(void)
{
	struct tally	 t;
	struct block	 bl;
	struct buf	 b = BUF_INIT;
	const char	*env = getenv("BOTE_FAST_FUZZ");
	const char	*env_seed = getenv("BOTE_FAST_SEED");
	uint64_t	 seed = env_seed != NULL ? strtoull(env_seed, NULL, 0) | 1 :
			    0x9e3779b97f4a7c15ULL;
	long		 i, n = env != NULL ? atol(env) : FUZZ_DEFAULT;
	char		 name[32];

	memset(&t, 0, sizeof t);
	for (i = 0; i < n; i++) {
		buf_truncate(&b, 0);
		if (i % 2)
			r_soup(&seed, &b);
		else
			r_block(&seed, &b);
		snprintf(name, sizeof name, "random #%ld", i);
		bl.name = name;
		bl.len = b.len;
		bl.data = xmalloc(b.len > 0 ? b.len : 1);
		memcpy(bl.data, b.data != NULL ? b.data : "", b.len);
		check_block(&bl, &t);
		free(bl.data);
	}
	buf_free(&b);
	ok(t.same == t.n, "random: %zu of %zu blocks identical", t.same, t.n);
	report("random", &t);
}

/* Dates with known answers, independent of GMime. */
static void
check_dates(void)
{
	static const struct {
		const char	*s;
		int		 rc;
		long long	 t;
	} d[] = {
		{ "Mon, 1 Jan 2024 10:00:00 +0100", 0, 1704099600 },
		{ "1 Jan 2024 10:00 -0530", 0, 1704123000 },
		{ "Sun, 6 Nov 1994 08:49:37 GMT", 0, 784111777 },
		{ "6 Nov 94 08:49:37 EST", 0, 784129777 },
		{ "6 Nov 1994 08:49:37 PDT", 0, 784136977 },
		{ "6 Nov 1994 08:49:37 A", 0, 784108177 },
		{ "6 Nov 1994 08:49:37 Z", 0, 784111777 },
		{ "1 Jan 2024 10:00", 0, 1704103200 },
		{ "1 Jan 49 00:00 +0000", 0, 2493072000 },
		{ "1 Jan 50 00:00 +0000", 0, 2524608000 },
		{ "1 Jan 1969 00:00 +0000", 0, -31536000 },
		{ "29 Feb 2000 00:00 +0000", 0, 951782400 },
		{ "29 Feb 2100 00:00 +0000", -1, 0 },
		{ "31 Dec 2016 23:59:60 +0000", -1, 0 },
		{ "2024-01-02", -1, 0 },
		{ "1 Jan 2024 10:00 +2400", -1, 0 },
	};
	time_t	t;
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof d / sizeof d[0]; i++) {
		t = 0;
		rc = mime_fast_date(d[i].s, strlen(d[i].s), &t);
		ok(rc == d[i].rc && (rc != 0 || (long long)t == d[i].t),
		    "date: %s", d[i].s);
		if (rc != d[i].rc || (rc == 0 && (long long)t != d[i].t))
			diag("  got %d %lld, want %d %lld", rc, (long long)t, d[i].rc, d[i].t);
	}
}

struct job {
	const struct blocks	*bl;
	const struct summary	*want;
	size_t			 bad;
};

static void *
parse_thread(void *arg)
{
	struct job	*j = arg;
	struct summary	 s;
	struct bote_err	 err;
	size_t		 i;
	int		 round, f, same;

	for (round = 0; round < 3; round++) {
		for (i = 0; i < j->bl->n; i++) {
			memset(&s, 0, sizeof s);
			(void)mime_summary_parse(j->bl->v[i].data, j->bl->v[i].len, &s, &err);
			same = s.date == j->want[i].date &&
			    s.has_attachments == j->want[i].has_attachments;
			for (f = 0; f < 7; f++)
				same = same && same_str(field(&s, f), field(&j->want[i], f));
			if (!same)
				j->bad++;
			summary_free(&s);
		}
	}
	return NULL;
}

/* Worker threads parse concurrently: each gets the same answers. */
static void
check_threads(const struct blocks *bl)
{
	pthread_t	 t[THREADS];
	struct job	 j[THREADS];
	struct summary	*want;
	struct bote_err	 err;
	size_t		 i, bad = 0;

	want = xcalloc(bl->n > 0 ? bl->n : 1, sizeof *want);
	for (i = 0; i < bl->n; i++)
		(void)mime_summary_parse_full(bl->v[i].data, bl->v[i].len, &want[i], &err);
	for (i = 0; i < THREADS; i++) {
		j[i].bl = bl;
		j[i].want = want;
		j[i].bad = 0;
		if (pthread_create(&t[i], NULL, parse_thread, &j[i]) != 0) {
			printf("Bail out! pthread_create failed\n");
			exit(1);
		}
	}
	for (i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		bad += j[i].bad;
	}
	ok(bad == 0, "threads: %d threads agree with the full parse (%zu differences)",
	    THREADS, bad);
	for (i = 0; i < bl->n; i++)
		summary_free(&want[i]);
	free(want);
}

static double
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static double
time_path(const struct blocks *bl, int full)
{
	struct summary	s;
	struct bote_err	err;
	double		t0;
	size_t		i;
	int		r;

	t0 = now_us();
	for (r = 0; r < SPEED_ROUNDS; r++) {
		for (i = 0; i < bl->n; i++) {
			memset(&s, 0, sizeof s);
			if (full)
				(void)mime_summary_parse_full(bl->v[i].data, bl->v[i].len, &s, &err);
			else
				(void)mime_summary_parse(bl->v[i].data, bl->v[i].len, &s, &err);
			summary_free(&s);
		}
	}
	return (now_us() - t0) / ((double)SPEED_ROUNDS * (double)bl->n);
}

static void
check_speed(const struct blocks *bl)
{
	double	full, fast;

	if (bl->n == 0)
		return;
	(void)time_path(bl, 0);		/* warm up: GMime's charset tables, caches */
	full = time_path(bl, 1);
	fast = time_path(bl, 0);
	diag("speed over %zu corpus headers: full GMime parse %.2f us, fast path %.2f us "
	    "per message (%.1fx)", bl->n, full, fast, fast > 0 ? full / fast : 0.0);
}

int
main(void)
{
	struct blocks	 corpus = { NULL, 0 }, demo = { NULL, 0 };
	struct tally	 t;
	struct bote_err	 err;
	struct stat	 st;
	const char	*top = getenv("top_srcdir"), *env = getenv("BOTE_CORPUS");
	char		 path[PATH_MAX], *dir = NULL;
	int		 rc;

	setlocale(LC_ALL, "C.UTF-8");
	mime_init();
	if (env != NULL && *env != '\0')
		snprintf(path, sizeof path, "%s", env);
	else
		snprintf(path, sizeof path, "%s/../shared/corpora/notmuch",
		    top != NULL ? top : ".");
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("Bail out! corpus not found at %s (set BOTE_CORPUS)\n", path);
		return 1;
	}

	check_dates();
	check_charsets_stay_loaded();
	check_tricky();

	collect(path, 0, &corpus);
	check_all("notmuch corpus", &corpus, &t);
	ok(t.fast * 10 >= t.n * 9, "notmuch corpus: the fast path reads %zu of %zu blocks itself",
	    t.fast, t.n);

	if (demo_create(&dir, &err) != 0) {
		printf("Bail out! demo_create: %s\n", err.msg);
		return 1;
	}
	collect(dir, 1, &demo);
	check_all("demo mailbox", &demo, &t);
	ok(t.n > 0 && t.fast == t.n, "demo mailbox: all %zu messages read by the fast path",
	    t.n);
	ok(demo_remove(dir, &err) == 0, "demo mailbox removed");
	free(dir);

	GMIME_LEAKS_IGNORED();
	check_random();
	GMIME_LEAKS_CHECKED();
	check_threads(&corpus);
	check_speed(&corpus);

	blocks_free(&corpus);
	blocks_free(&demo);
	mime_shutdown();
	rc = done_testing();
	fflush(stdout);		/* a sanitizer ending the process must not eat the plan */
	return rc;
}
