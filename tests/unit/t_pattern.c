/* t_pattern.c - mutt patterns: every operator and range form, exact error messages, body deferral, speed. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/flags.h"
#include "core/pattern.h"
#include "core/summary.h"
#include "util/xmalloc.h"
#include "tap.h"

/* Saturday 15 June 2024, 12:00:00 UTC: every relative date below counts back from here. */
#define NOW	((time_t)1718452800)
#define DAY	((time_t)86400)

static struct summary	row;

static void
set_row(const char *name, const char *addr, const char *to, const char *subject,
    unsigned flags, time_t date, uint64_t size)
{
	summary_free(&row);
	row.from_name = name ? xstrdup(name) : NULL;
	row.from_addr = addr ? xstrdup(addr) : NULL;
	row.to = to ? xstrdup(to) : NULL;
	row.subject = subject ? xstrdup(subject) : NULL;
	row.flags = flags;
	row.date = date;
	row.size = size;
}

/* pattern_match() of text on row, or -1 when it does not parse. */
static int
m(const char *text, int tagged)
{
	struct bote_err	 err;
	struct pattern	*p = pattern_parse(text, &err);
	int		 r;

	if (p == NULL) {
		diag("'%s': %s", text, err.msg);
		return -1;
	}
	r = (int)pattern_match(p, &row, tagged, NOW);
	pattern_free(p);
	return r;
}

/* Test names show at most 60 bytes of a pattern. */
#define YES(text)	is_int(m(text, 0), PAT_YES, "%.60s matches", text)
#define NO(text)	is_int(m(text, 0), PAT_NO, "%.60s does not match", text)
#define NEED(text)	is_int(m(text, 0), PAT_NEED_BODY, "%.60s needs the message text", text)

static void
bad(const char *text, const char *want)
{
	struct bote_err	 err;
	struct pattern	*p;

	bote_err_clear(&err);
	p = pattern_parse(text, &err);
	ok(p == NULL && err.kind == BOTE_ERR_PARSE, "'%.60s' is refused", text);
	is_str(err.msg, want, "... with the message for '%.60s'", text);
	pattern_free(p);
}

/* For messages that end in the C library's words (regerror). */
static void
bad_prefix(const char *text, const char *want)
{
	struct bote_err	 err;
	struct pattern	*p;

	bote_err_clear(&err);
	p = pattern_parse(text, &err);
	ok(p == NULL && strncmp(err.msg, want, strlen(want)) == 0, "'%s' is refused: %s", text,
	    err.msg);
	pattern_free(p);
}

static void
test_errors(void)
{
	char	deep[128], *big;
	int	i;

	bad("", "pattern error at 1: empty pattern");
	bad("   ", "pattern error at 4: empty pattern");
	bad("(~f a", "pattern error at 6: missing ')'");
	bad("((~F) ~D", "pattern error at 9: missing ')'");
	bad("~f a)", "pattern error at 5: ')' without '('");
	bad("()", "pattern error at 2: missing pattern after '('");
	bad("~F |", "pattern error at 5: missing pattern after '|'");
	bad("| ~F", "pattern error at 1: missing pattern before '|'");
	bad("~F !", "pattern error at 5: missing pattern after '!'");
	bad("~q", "pattern error at 1: unknown pattern ~q");
	bad("~F ~P", "pattern error at 4: ~P is not supported");
	bad("~(~F)", "pattern error at 1: ~( is not supported");
	bad("~", "pattern error at 1: missing letter after '~'");
	bad("~F ~ s", "pattern error at 4: missing letter after '~'");
	bad("~ä", "pattern error at 1: unknown pattern letter after '~'");
	bad("%C alias", "pattern error at 1: '%' address groups are not supported");
	bad("=F", "pattern error at 1: '=' needs a text pattern such as =s");
	bad("~s", "pattern error at 3: missing text after ~s");
	bad("~s )", "pattern error at 4: missing text after ~s");
	bad("~s 'abc", "pattern error at 4: missing closing '");
	bad("~s \"a\\\"b", "pattern error at 4: missing closing \"");
	bad("äö (", "pattern error at 5: missing pattern after '('");
	bad("~d 32/1/2024", "pattern error at 1: bad date range '32/1/2024'");
	bad("~d 29/02/2023", "pattern error at 1: bad date range '29/02/2023'");
	bad("~d 1/13/2024", "pattern error at 1: bad date range '1/13/2024'");
	bad("~d 2024-02-30", "pattern error at 1: bad date range '2024-02-30'");
	bad("~d <3x", "pattern error at 1: bad date range '<3x'");
	bad("~d =2H", "pattern error at 1: bad date range '=2H'");
	bad("~d -", "pattern error at 1: bad date range '-'");
	bad("~z 10Q", "pattern error at 1: bad size range '10Q'");
	bad("~z <", "pattern error at 1: bad size range '<'");
	bad("~z -", "pattern error at 1: bad size range '-'");
	bad_prefix("~s 'a('", "pattern error at 4: bad regular expression: ");
	bad_prefix("~f x ~s 'a{2,1}'", "pattern error at 9: bad regular expression: ");
	bad("~z 99999999999999999999", "pattern error at 1: bad size range '99999999999999999999'");

	for (i = 0; i < 51; i++)
		deep[i] = '(';
	deep[51] = '\0';
	bad(deep, "pattern error at 51: more than 50 nested parentheses");
	for (i = 0; i < 50; i++)
		deep[i] = '(';
	strcpy(deep + 50, "~A");
	for (i = 0; i < 50; i++)
		strcat(deep, ")");
	YES(deep);
	big = xmalloc(PATTERN_LEN_MAX + 2);
	memset(big, 'a', PATTERN_LEN_MAX + 1);
	big[PATTERN_LEN_MAX + 1] = '\0';
	bad(big, "pattern error at 1001: longer than 1000 bytes");
	big[PATTERN_LEN_MAX] = '\0';
	set_row(NULL, NULL, NULL, big, 0, 0, 0);
	YES("~s aaaa");
	is_int(m(big, 0), PAT_YES, "a pattern of exactly 1000 bytes");
	free(big);
}

static void
test_flags(void)
{
	set_row("A", "a@x", NULL, "s", FLAG_NEW, NOW, 1);
	YES("~N");
	NO("~O");
	YES("~U");
	NO("~R");
	YES("~A");
	set_row("A", "a@x", NULL, "s", 0, NOW, 1);
	NO("~N");
	YES("~O");
	YES("~U");
	set_row("A", "a@x", NULL, "s", FLAG_SEEN | FLAG_FLAGGED | FLAG_REPLIED, NOW, 1);
	YES("~R");
	NO("~U");
	YES("~F");
	YES("~Q");
	NO("~D");
	YES("!~D");
	YES("!!~F");
	NO("! ! ! ~F");
	NO("~T");
	is_int(m("~T", 1), PAT_YES, "~T with the tag set");
	is_int(m("~T ~F", 1), PAT_YES, "~T ~F with the tag set");
	set_row("A", "a@x", NULL, "s", FLAG_DELETED, NOW, 1);
	YES("~D");
}

static void
test_text(void)
{
	set_row("Jürgen Müller", "JUERGEN@Example.ORG", "Bob <bob@example.org>, Ann",
	    "Re: Quarterly REPORT (draft)", FLAG_SEEN, NOW, 1);
	row.message_id = xstrdup("abc.123@mail.example");
	row.references = xstrdup("<root@x> <mid@x>");
	row.in_reply_to = xstrdup("mid@x");
	row.keywords = xstrdup("work $label1");
	YES("~f jürgen");
	YES("~f MÜLLER");
	YES("~f juergen@example");
	NO("~f bob");
	YES("~t bob@EXAMPLE.org");
	YES("~t ann");
	NO("~t jürgen");
	YES("~s report");
	YES("~s 'quarterly report'");
	YES("~s \"QUARTERLY report\"");
	YES("~s quarterly\\ report");
	NO("~s quarterly\\ \\ report");
	YES("~i abc.123@");
	NO("~i root");
	YES("~x root@x");
	YES("~x mid@");
	YES("~Y label1");
	NO("~Y personal");
	YES("~s '^re: .*\\(draft\\)$'");
	YES("~s 'report|invoice'");
	NO("~s '^report'");
	YES("~f '\\.org$'");
	YES("~s \\(draft\\)");
	NO("~f juergen.example");
	YES("~f 'juergen.example|nomatch'");
	YES("=s '(draft)'");
	NO("=s 'report|invoice'");
	YES("~s ''");

	set_row("Жанна Ωμέγα", "zh@x", NULL, "ÆØÅ ŁÓDŹ ΆΈ Ѐ", 0, NOW, 1);
	YES("~f жанна");
	YES("~f ΩΜΈΓΑ");
	YES("~s æøå");
	YES("~s łódź");
	YES("~s άέ");
	YES("~s ѐ");
	set_row(NULL, NULL, NULL, NULL, 0, NOW, 1);
	NO("~f x");
	NO("~s x");
	YES("~s ''");
	NO("~i x");
}

static void
test_operators(void)
{
	set_row("Alice", "alice@x", "bob@x", "Weekly report", FLAG_SEEN, NOW, 1);
	YES("report");
	YES("ALICE");
	YES("alice report");
	NO("alice invoice");
	YES("alice | invoice");
	NO("\"weekly alice\"");
	YES("\"weekly report\"");
	NO("bob");
	YES("~F | ~R ~s weekly");
	NO("(~F | ~R) ~s monthly");
	YES("~F | (~R ~s weekly)");
	YES("!(~F | ~D)");
	NO("!(~R ~f alice)");
	YES("~R!~F");
	YES("~R(~F|~s weekly)");
	YES("  ~R   ~f  alice  ");
	YES("~f alice|~f bob");
	NO("~f alice ~f bob");
}

static void
test_dates(void)
{
	set_row("A", "a@x", NULL, "s", 0, NOW, 1);
	YES("~d 15/06/2024");
	YES("~d 15/6/24");
	YES("~d 2024-06-15");
	YES("~d 15/6");
	YES("~d 15");
	NO("~d 14/06/2024");
	YES("~d 01/06/24-15/06/24");
	YES("~d 2024-06-01-2024-06-15");
	NO("~d 01/06/24-14/06/24");
	YES("~d -15/06/2024");
	NO("~d -14/06/2024");
	YES("~d 15/06/2024-");
	NO("~d 16/06/2024-");
	YES("~d 1/1/70-31/12/69");

	row.date = NOW - 12 * 3600;			/* 15 June 00:00:00 */
	YES("~d 15/06/2024");
	row.date = NOW + 12 * 3600 - 1;			/* 15 June 23:59:59 */
	YES("~d 15/06/2024");
	row.date = NOW + 12 * 3600;			/* 16 June 00:00:00 */
	NO("~d 15/06/2024");
	YES("~d 16");

	/* <3d: after the end of 12 June; >3d: up to it; =3d: 12 June itself. */
	row.date = NOW - 2 * DAY - 12 * 3600;		/* 13 June 00:00:00 */
	YES("~d <3d");
	NO("~d >3d");
	NO("~d =3d");
	row.date -= 1;					/* 12 June 23:59:59 */
	NO("~d <3d");
	YES("~d >3d");
	YES("~d =3d");
	row.date = NOW - 3 * DAY - 12 * 3600;		/* 12 June 00:00:00 */
	YES("~d =3d");
	row.date -= 1;
	NO("~d =3d");
	row.date = NOW - 6 * DAY - 12 * 3600;		/* 9 June 00:00:00 */
	YES("~d <1w");
	row.date -= 1;
	NO("~d <1w");
	YES("~d >1w");
	row.date = (time_t)1715817600;			/* 16 May 2024 00:00:00 */
	YES("~d <1m");
	row.date -= 1;
	NO("~d <1m");
	YES("~d =1m");
	row.date = (time_t)1686873599;			/* 15 June 2023 23:59:59 */
	YES("~d >1y");
	row.date += 1;
	NO("~d >1y");
	row.date = NOW - 7200;
	YES("~d <2H");
	YES("~d <120M");
	YES("~d >7199S");
	row.date -= 1;
	NO("~d <2H");
	YES("~d >2H");
	row.date = NOW + DAY;
	YES("~d <1d");
	NO("~d >0d");
	row.date = 0;
	YES("~d -1/1/1970");
	YES("~d <100y");
	NO("~d <10y");

	/* A zone with summer time (a POSIX TZ string, no zoneinfo files needed). */
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	row.date = (time_t)1711841400;			/* 31 March 2024 00:30 CET = 30 March 23:30 UTC */
	YES("~d 31/03/2024");
	NO("~d 30/03/2024");
	row.date = (time_t)1711922400 - 1;		/* 31 March 2024 23:59:59 CEST */
	YES("~d 31/03/2024");
	setenv("TZ", "UTC", 1);
	tzset();
}

static void
test_sizes(void)
{
	set_row("A", "a@x", NULL, "s", 0, NOW, 10239);
	YES("~z <10K");
	YES("~z <10k");
	row.size = 10240;
	NO("~z <10K");
	YES("~z 10K");
	YES("~z 10240");
	YES("~z 100-10K");
	YES("~z -10K");
	NO("~z -10239");
	YES("~z 10K-");
	NO("~z 10241-");
	NO("~z >10K");
	row.size = 1048577;
	YES("~z >1M");
	YES("~z >1m");
	row.size = 1048576;
	NO("~z >1M");
	YES("~z <1G");
	row.size = 0;
	NO("~z <0");
	YES("~z 0");
	YES("~z -0");
}

static void
test_body(void)
{
	struct bote_err	 err;
	struct pattern	*p;
	const char	*hdr = "From: a@x\nTo: b@x\nCc: Carol <carol@x>,\n  Dave <dave@x>\n"
	    "Bcc: eve@x\nX-Spam: yes\nSubject: s\n";

	set_row("A", "a@x", "bob@x", "s", 0, NOW, 1);
	NEED("~b invoice");
	NEED("!~b invoice");
	NO("~F ~b invoice");
	YES("~A | ~b invoice");
	NEED("~F | ~b invoice");
	YES("~C bob");
	NEED("~C carol");
	NEED("~c bob");
	YES("~L a@x");
	NO("~F ~L a@x");

	p = pattern_parse("~b invoice", &err);
	is_int(pattern_needs_body(p), PATTERN_NEED_BODY, "~b needs the body only");
	ok(pattern_match_text(p, &row, 0, NOW, hdr, "Please find the INVOICE attached."),
	    "~b finds the body text");
	ok(!pattern_match_text(p, &row, 0, NOW, "Subject: invoice\n", "nothing here"),
	    "~b does not look at the headers");
	ok(!pattern_match_text(p, &row, 0, NOW, NULL, NULL), "~b with no text at all");
	pattern_free(p);

	p = pattern_parse("~B invoice", &err);
	is_int(pattern_needs_body(p), PATTERN_NEED_BODY | PATTERN_NEED_HEADERS,
	    "~B needs headers and body");
	ok(pattern_match_text(p, &row, 0, NOW, "Subject: invoice\n", "x"), "~B finds headers");
	ok(pattern_match_text(p, &row, 0, NOW, "", "invoice"), "~B finds the body");
	pattern_free(p);

	p = pattern_parse("~h '^x-spam: yes$'", &err);
	is_int(pattern_needs_body(p), PATTERN_NEED_HEADERS, "~h needs the headers only");
	ok(pattern_match_text(p, &row, 0, NOW, hdr, NULL), "~h with a regex anchored per line");
	ok(!pattern_match_text(p, &row, 0, NOW, "X-Spam: yes, really\n", NULL), "... not a prefix");
	pattern_free(p);

	p = pattern_parse("~c dave", &err);
	is_int(pattern_needs_body(p), PATTERN_NEED_HEADERS, "~c needs the headers: no Cc in summaries");
	ok(pattern_match_text(p, &row, 0, NOW, hdr, NULL), "~c reads folded Cc lines");
	pattern_free(p);
	p = pattern_parse("~c eve", &err);
	ok(!pattern_match_text(p, &row, 0, NOW, hdr, NULL), "~c does not read Bcc");
	pattern_free(p);
	p = pattern_parse("~c '^ carol'", &err);
	ok(pattern_match_text(p, &row, 0, NOW, hdr, NULL), "~c regex on the field text");
	pattern_free(p);
	p = pattern_parse("~C carol", &err);
	ok(pattern_match_text(p, &row, 0, NOW, hdr, NULL), "~C finds Cc");
	pattern_free(p);

	p = pattern_parse("~f a ~s s ~d <1d ~z <1K !~F", &err);
	is_int(pattern_needs_body(p), 0, "summary fields only: nothing to fetch");
	is_int(pattern_match(p, &row, 0, NOW), PAT_YES, "... and it decides");
	ok(pattern_match_text(p, &row, 0, NOW, NULL, NULL), "match_text agrees without text");
	pattern_free(p);
}

/* Speed and threads: 100,000 rows, one pattern shared by four threads. */

#define NROWS	100000

static struct summary	*many;
static struct pattern	*shared;
static unsigned char	 want_many[NROWS];

static void *
worker(void *arg)
{
	size_t	i, bad = 0;

	for (i = 0; i < NROWS; i++)
		if ((unsigned char)pattern_match(shared, &many[i], 0, NOW) != want_many[i])
			bad++;
	*(size_t *)arg = bad;
	return NULL;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static size_t
count_matches(const char *text, double *secs)
{
	struct bote_err	 err;
	struct pattern	*p = pattern_parse(text, &err);
	struct timespec	 t0;
	size_t		 i, k = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < NROWS; i++)
		if (pattern_match(p, &many[i], 0, NOW) == PAT_YES)
			k++;
	*secs = seconds_since(&t0);
	pattern_free(p);
	return k;
}

static void
test_many(void)
{
	static const char *const names[] = { "Alice", "Bob", "Jürgen", "Zoë" };
	struct bote_err	 err;
	pthread_t	 th[4];
	size_t		 bad[4], i, k;
	double		 secs;

	many = xcalloc(NROWS, sizeof *many);
	for (i = 0; i < NROWS; i++) {
		many[i].from_name = xstrdup(names[i % 4]);
		many[i].from_addr = xasprintf("user%zu@example.org", i % 977);
		many[i].subject = xasprintf("%s weekly report number %zu about things",
		    i % 3 ? "Re:" : "", i);
		many[i].flags = i % 5 ? FLAG_SEEN : 0;
		many[i].date = NOW - (time_t)(i % 60) * DAY;
		many[i].size = i * 10;
	}
	k = count_matches("~f alice | ~s 'number 1[0-9]*5 '", &secs);
	diag("100,000 rows, substring | regex: %.3f s, %zu matches", secs, k);
	/* Every fourth row is Alice; 15, 105..195, 1005..1995, 10005..19995 end the regex. */
	is_int(k, 25000 + 1111, "substring or regex: the expected count");
	k = count_matches("~d <1w ~U", &secs);
	diag("100,000 rows, relative date and flag: %.3f s, %zu matches", secs, k);
	/* Unread is i % 5 == 0; since 9 June is i % 60 <= 6: i % 60 in {0, 5}. */
	is_int(k, 3334, "relative date and flag: the expected count");
	ok(secs < 2.0, "relative dates on 100,000 rows in under 2 s (%.3f)", secs);
	k = count_matches("jürgen report", &secs);
	diag("100,000 rows, simple search: %.3f s, %zu matches", secs, k);
	is_int(k, 25000, "simple search finds every fourth row");

	shared = pattern_parse("(~f jürgen | ~s '7$') ~d -1/6/2024 !~z >500K", &err);
	for (i = 0; i < NROWS; i++)
		want_many[i] = (unsigned char)pattern_match(shared, &many[i], 0, NOW);
	for (i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, worker, &bad[i]);
	for (i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	is_int(bad[0] + bad[1] + bad[2] + bad[3], 0, "four threads sharing one pattern agree");
	pattern_free(shared);
	for (i = 0; i < NROWS; i++)
		summary_free(&many[i]);
	free(many);
}

/* Server-side terms: what goes to a server, and matching with its answers. */
static void
test_terms(void)
{
	struct bote_err		 err;
	struct pattern_term	 t;
	struct pattern		*p;
	unsigned char		 hits[2];

	set_row("Joe", "joe@example.org", "amy@example.org", "lunch", 0, NOW, 100);
	p = pattern_parse("~F | ~b 'cake recipe' ~B Grüße", &err);
	is_int((int)pattern_nterms(p), 2, "two terms need the text");
	is_int(pattern_term(p, 0, &t), 0, "~b goes to a server");
	is_int((int)t.what, PATTERN_TERM_BODY, "as a body search");
	is_str(t.text, "cake recipe", "with the text as typed, quotes removed");
	is_int(pattern_term(p, 1, &t), 0, "~B goes to a server");
	is_int((int)t.what, PATTERN_TERM_TEXT, "as a search of headers and body");
	is_str(t.text, "Grüße", "non-ASCII text as typed (the driver picks the charset)");
	hits[0] = 1;
	hits[1] = 0;
	is_int(pattern_match_hits(p, &row, 0, NOW, hits), PAT_NO, "one term false: no match");
	hits[1] = 1;
	is_int(pattern_match_hits(p, &row, 0, NOW, hits), PAT_YES, "both terms true: a match");
	row.flags = FLAG_FLAGGED;
	hits[0] = hits[1] = 0;
	is_int(pattern_match_hits(p, &row, 0, NOW, hits), PAT_YES,
	    "the local part (~F) still decides alone");
	pattern_free(p);

	p = pattern_parse("~h 'X-Spam: yes' ~C bob ~L amy", &err);
	is_int(pattern_term(p, 0, &t), 0, "~h Field: value goes to a server");
	ok(t.what == PATTERN_TERM_HEADER && strcmp(t.header, "X-Spam") == 0 &&
	    strcmp(t.text, "yes") == 0, "as HEADER X-Spam yes");
	is_int(pattern_term(p, 1, &t), 0, "~C goes to a server");
	is_int((int)t.what, PATTERN_TERM_TO | PATTERN_TERM_CC, "as To or Cc");
	is_int(pattern_term(p, 2, &t), 0, "~L goes to a server");
	is_int((int)t.what, PATTERN_TERM_FROM | PATTERN_TERM_TO | PATTERN_TERM_CC,
	    "as From, To or Cc");
	hits[0] = 1;
	hits[1] = 0;
	row.flags = 0;
	is_int(pattern_match_hits(p, &row, 0, NOW, (unsigned char[]){ 1, 0, 0 }), PAT_NO,
	    "~C bob: neither the summary nor the server");
	is_int(pattern_match_hits(p, &row, 0, NOW, (unsigned char[]){ 1, 1, 0 }), PAT_YES,
	    "~L amy: the summary's To decides even when the server says no");
	pattern_free(p);

	p = pattern_parse("~h spam", &err);
	is_int(pattern_term(p, 0, &t), -1, "~h without a field name stays local");
	pattern_free(p);
	p = pattern_parse("~b 'a(b|c)'", &err);
	is_int(pattern_term(p, 0, &t), -1, "a regex stays local");
	pattern_free(p);
	p = pattern_parse("~b \"two\nlines\"", &err);
	is_int(pattern_term(p, 0, &t), -1, "a line break stays local");
	pattern_free(p);
	p = pattern_parse("~s lunch ~d <1w", &err);
	is_int((int)pattern_nterms(p), 0, "summary tests need no server");
	pattern_free(p);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_errors();
	test_flags();
	test_text();
	test_operators();
	test_dates();
	test_sizes();
	test_body();
	test_terms();
	test_many();
	summary_free(&row);
	return done_testing();
}
