/* t_sanitize.c - unit tests for the terminal sanitizer and the column-width helpers. */
#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700	/* wcwidth() */
#endif

#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/sanitize.h"
#include "util/xmalloc.h"

#include "tap.h"
#include "utf8_check.h"

#define FFFD		"\xef\xbf\xbd"
#define SAN_ML		SAN_MULTILINE
#define SAN_MLT		(SAN_MULTILINE | SAN_KEEP_TABS)

/* Compares sanitize() of a literal (NULs included) with the expected text. */
#define CHECK(in, flags, want, ...)	\
	check((in), sizeof(in) - 1, (flags), (want), __VA_ARGS__)

static void __attribute__((format(printf, 5, 6)))
check(const char *in, size_t len, unsigned flags, const char *want, const char *fmt, ...)
{
	char	 name[256];
	char	*got;
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	got = sanitize(in, len, flags);
	is_str(got, want, "%s", name);
	free(got);
}

static int
has_byte(const char *s, int c)
{
	return strchr(s, c) != NULL;
}

static int
ref_removed(uint32_t c)
{
	static const uint32_t	r[][2] = {
		{ 0x00ad, 0x00ad }, { 0x061c, 0x061c }, { 0x180e, 0x180e },
		{ 0x200b, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x2064 },
		{ 0x2066, 0x2069 }, { 0xfeff, 0xfeff }, { 0xfff9, 0xfffb },
	};
	size_t			i;

	for (i = 0; i < sizeof r / sizeof r[0]; i++)
		if (c >= r[i][0] && c <= r[i][1])
			return 1;
	return 0;
}

/* Returns NULL when out has every property sanitize() promises, else what is wrong. */
static const char *
bad_output(const char *out, unsigned flags)
{
	const unsigned char	*p = (const unsigned char *)out;
	size_t			 n = strlen(out), k;
	uint32_t		 c;
	int			 base = 0, ncomb = 0, w;

	if (!utf8_check_valid(out))
		return "invalid UTF-8";
	for (; n > 0; p += k, n -= k) {
		k = utf8_check_decode(p, n, &c);
		if (c == '\n' && (flags & SAN_MULTILINE)) {
			base = ncomb = 0;
			continue;
		}
		if (c == '\t' && (flags & SAN_MULTILINE) && (flags & SAN_KEEP_TABS)) {
			base = ncomb = 0;
			continue;
		}
		if (c < 0x20)
			return "C0 control";
		if (c == 0x7f)
			return "DEL";
		if (c >= 0x80 && c <= 0x9f)
			return "C1 control";
		if (ref_removed(c))
			return "removed code point";
		if (c == 0x2028 || c == 0x2029)
			return "line/paragraph separator";
		if ((w = wcwidth((wchar_t)c)) < 0)
			return "wcwidth < 0";
		if (w > 0) {
			base = 1;
			ncomb = 0;
		} else if (!base)
			return "combining mark without base";
		else if (++ncomb > 4)
			return "more than 4 combining marks";
	}
	return NULL;
}

static void
test_plain(void)
{
	char	*s;

	CHECK("", 0, "", "empty string");
	s = sanitize(NULL, 0, 0);
	is_str(s, "", "NULL with len 0 gives \"\"");
	free(s);
	CHECK("Re: lunch on Friday? (50% off!) ~user_1", 0,
	    "Re: lunch on Friday? (50% off!) ~user_1", "printable ASCII is unchanged");
	CHECK("caf\xc3\xa9 \xe2\x82\xac 5 \xf0\x9d\x84\x9e \xf0\x9f\x98\x80", 0,
	    "caf\xc3\xa9 \xe2\x82\xac 5 \xf0\x9d\x84\x9e \xf0\x9f\x98\x80",
	    "valid 2-, 3- and 4-byte characters are unchanged");
	s = sanitize("abcdef", 3, 0);
	is_str(s, "abc", "only len bytes are read");
	free(s);
}

static void
test_escapes(void)
{
	static const struct {
		const char	*name, *in;
	} seq[] = {
		{ "CSI SGR", "\x1b[31mred\x1b[0m" },
		{ "CSI clear screen", "\x1b[2J\x1b[H" },
		{ "OSC 0 title (BEL)", "\x1b]0;title\x07" },
		{ "OSC 0 title (ST)", "\x1b]0;title\x1b\\" },
		{ "OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4K\x07" },
		{ "OSC 8 hyperlink", "\x1b]8;;https://evil.example/\x1b\\bank\x1b]8;;\x1b\\" },
		{ "OSC 50 font query", "\x1b]50;?\x07" },
		{ "DCS", "\x1bP$q\"p\x1b\\" },
	};
	size_t	i;
	int	mode;
	char	*s;

	for (i = 0; i < sizeof seq / sizeof seq[0]; i++) {
		for (mode = 0; mode < 3; mode++) {
			unsigned flags = mode == 0 ? 0 : mode == 1 ? SAN_ML : SAN_MLT;

			s = sanitize(seq[i].in, strlen(seq[i].in), flags);
			ok(!has_byte(s, 0x1b) && !has_byte(s, 0x07),
			    "%s leaves no ESC or BEL (flags %u)", seq[i].name, flags);
			free(s);
		}
	}
	CHECK("\x1b[31mred", 0, FFFD "[31mred", "ESC becomes U+FFFD, the rest stays visible");
	CHECK("\x1b]0;t\x07", 0, FFFD "]0;t" FFFD, "OSC: ESC and BEL become U+FFFD");
	CHECK("a\x9b" "31mb", 0, "a" FFFD "31mb", "raw 8-bit CSI 0x9B becomes U+FFFD");
	CHECK("a\x9d" "0;x", 0, "a" FFFD "0;x", "raw 8-bit OSC 0x9D becomes U+FFFD");
	CHECK("a\xc2\x9b" "31mb", 0, "a" FFFD "31mb", "U+009B (C2 9B) becomes U+FFFD");
	CHECK("a\xc2\x9d" "0;x", 0, "a" FFFD "0;x", "U+009D (C2 9D) becomes U+FFFD");
	CHECK("a\x7f" "b", 0, "a" FFFD "b", "DEL becomes U+FFFD");
	CHECK("a\0b", 0, "a" FFFD "b", "NUL inside len becomes U+FFFD");
	CHECK("\0\0", SAN_ML, FFFD FFFD, "each NUL is one U+FFFD");
}

static void
test_controls(void)
{
	char	in[3], want[16];
	int	c, bad0 = 0, bad1 = 0;
	char	*s;

	for (c = 0; c < 0x20; c++) {
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		in[0] = 'x';
		in[1] = (char)c;
		snprintf(want, sizeof want, "x%s", FFFD);
		s = sanitize(in, 2, 0);
		bad0 += strcmp(s, want) != 0;
		free(s);
		s = sanitize(in, 2, SAN_MLT);
		bad0 += strcmp(s, want) != 0;
		free(s);
	}
	is_int(bad0, 0, "every C0 control but TAB/LF/CR becomes U+FFFD in all modes");
	for (c = 0x80; c < 0xa0; c++) {
		in[0] = '\xc2';
		in[1] = (char)c;
		s = sanitize(in, 2, SAN_ML);
		bad1 += strcmp(s, FFFD) != 0;
		free(s);
	}
	is_int(bad1, 0, "every C1 code point U+0080-U+009F becomes U+FFFD");
	CHECK("\xc2\xa0", 0, "\xc2\xa0", "U+00A0 (first after C1) is kept");
}

static void
test_invisible(void)
{
	CHECK("invoice_exe\xe2\x80\xae" "fdp.pdf", 0, "invoice_exefdp.pdf",
	    "RLO U+202E removed (exe.pdf spoof)");
	CHECK("a\xe2\x80\xaa" "b\xe2\x80\xab" "c\xe2\x80\xac" "d\xe2\x80\xad" "e", 0, "abcde",
	    "U+202A-U+202D removed");
	CHECK("a\xe2\x81\xa6" "b\xe2\x81\xa7" "c\xe2\x81\xa8" "d\xe2\x81\xa9" "e", 0, "abcde",
	    "isolates U+2066-U+2069 removed");
	CHECK("a\xe2\x80\x8e" "b\xe2\x80\x8f" "c\xd8\x9c" "d", 0, "abcd",
	    "LRM, RLM, ALM removed");
	CHECK("pay\xe2\x80\x8bpal", 0, "paypal", "ZWSP U+200B removed");
	CHECK("pay\xe2\x80\x8cp\xe2\x80\x8d" "al", 0, "paypal", "ZWNJ/ZWJ U+200C/U+200D removed");
	CHECK("\xef\xbb\xbfSubject", 0, "Subject", "BOM/ZWNBSP U+FEFF removed");
	CHECK("a\xe2\x81\xa0" "b\xe2\x81\xa4" "c\xe1\xa0\x8e" "d", 0, "abcd",
	    "U+2060, U+2064, U+180E removed");
	CHECK("a\xef\xbf\xb9" "b\xef\xbf\xba" "c\xef\xbf\xbb" "d", 0, "abcd",
	    "interlinear annotation U+FFF9-U+FFFB removed");
	CHECK("in\xc2\xadvoice", 0, "invoice", "soft hyphen U+00AD removed");
	CHECK("\xe2\x80\xae", 0, "", "a string of only removed characters is empty");
}

static void
test_invalid(void)
{
	CHECK("a\xc0\xaf" "b", 0, "a" FFFD "b", "overlong C0 AF is one U+FFFD");
	CHECK("a\xe0\x80\xaf" "b", 0, "a" FFFD "b", "overlong E0 80 AF is one U+FFFD");
	CHECK("a\xf0\x80\x80\xaf" "b", 0, "a" FFFD "b", "overlong F0 80 80 AF is one U+FFFD");
	CHECK("a\xed\xa0\x80" "b", 0, "a" FFFD "b", "surrogate ED A0 80 is one U+FFFD");
	CHECK("a\xed\xbf\xbf" "b", 0, "a" FFFD "b", "surrogate ED BF BF is one U+FFFD");
	CHECK("a\xf4\x90\x80\x80" "b", 0, "a" FFFD "b", "F4 90 80 80 (> U+10FFFF) is one U+FFFD");
	CHECK("a\xf7\xbf\xbf\xbf" "b", 0, "a" FFFD "b", "F7 BF BF BF is one U+FFFD");
	CHECK("a\xe2\x82", 0, "a" FFFD, "truncated E2 82 at the end is one U+FFFD");
	CHECK("a\xe2\x82" "b", 0, "a" FFFD "b", "truncated E2 82 does not eat the next ASCII");
	CHECK("\xe2\x82\xc3\xa9", 0, FFFD "\xc3\xa9",
	    "truncated sequence does not eat the next valid character");
	CHECK("\xf0\x9f\x98", 0, FFFD, "truncated 4-byte sequence is one U+FFFD");
	CHECK("a\x80" "b", 0, "a" FFFD "b", "lone continuation byte 0x80 is one U+FFFD");
	CHECK("a\xbf" "b", 0, "a" FFFD "b", "lone continuation byte 0xBF is one U+FFFD");
	CHECK("\x80\x80", 0, FFFD FFFD, "each stray continuation byte is one U+FFFD");
	CHECK("a\xfe\xff" "b", 0, "a" FFFD FFFD "b", "bytes FE and FF are one U+FFFD each");
	CHECK("caf\xe9 cr\xe8me", 0, "caf" FFFD " cr" FFFD "me",
	    "Latin-1 text mislabelled as UTF-8 stays readable");
	CHECK("\xf4\x8f\xbf\xbf", 0, FFFD, "U+10FFFF (unprintable) becomes U+FFFD");
	CHECK("\xcd\xb8", 0, FFFD, "unassigned U+0378 (wcwidth -1) becomes U+FFFD");
	CHECK("\xef\xbf\xbe", 0, FFFD, "noncharacter U+FFFE becomes U+FFFD");
}

static void
test_width(void)
{
	const char	*cjk = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe4\xbb\xb6\xe5\x90\x8d";
	char		*s;
	int		 cols;

	s = sanitize(cjk, strlen(cjk), 0);
	is_str(s, cjk, "CJK subject is kept intact");
	is_int(utf8_width(s), 12, "CJK subject is 12 columns");
	free(s);
	s = sanitize("e\xcc\x81", 3, 0);
	is_str(s, "e\xcc\x81", "e + U+0301 is kept");
	is_int(utf8_width(s), 1, "e + U+0301 is 1 column");
	free(s);
	is_int(utf8_width(""), 0, "empty string is 0 columns");
	is_int(utf8_width("abc"), 3, "ASCII is one column a byte");
	is_int(utf8_width("a\tb"), 3, "a tab counts as 1 column");
	is_int(utf8_width("\xf0\x9f\x98\x80"), 2, "emoji is 2 columns");

	is_int(utf8_fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, &cols), 6,
	    "3 CJK chars into 5 columns: 2 chars (6 bytes)");
	is_int(cols, 4, "3 CJK chars into 5 columns: 4 columns used");
	is_int(utf8_fit("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 6, &cols), 9,
	    "3 CJK chars into 6 columns: all of them");
	is_int(cols, 6, "3 CJK chars into 6 columns: 6 columns used");
	is_int(utf8_fit("\xe6\x97\xa5", 1, &cols), 0, "a wide char never goes half in");
	is_int(cols, 0, "nothing fits: 0 columns");
	is_int(utf8_fit("abc", 0, &cols), 0, "maxcols 0 fits nothing");
	is_int(utf8_fit("abc", -3, NULL), 0, "negative maxcols fits nothing");
	is_int(utf8_fit("abc", 10, &cols), 3, "short string fits whole");
	is_int(cols, 3, "short string: its own width");
	is_int(utf8_fit("ae\xcc\x81" "b", 2, &cols), 4,
	    "combining mark stays with the last included character");
	is_int(utf8_fit("a\xe6\x97\xa5\xcc\x81" "b", 2, NULL), 1,
	    "a left-out wide char takes its combining mark with it");
	is_int(utf8_fit("\xc3\xa9t\xc3\xa9", 2, &cols), 3,
	    "2-byte characters are not split");
}

static void
test_pad(void)
{
	char	*s;

	s = utf8_pad("abc", 5);
	is_str(s, "abc  ", "utf8_pad pads with spaces");
	free(s);
	s = utf8_pad("abcdef", 3);
	is_str(s, "abc", "utf8_pad cuts");
	free(s);
	s = utf8_pad("abc", 3);
	is_str(s, "abc", "utf8_pad exact width is a copy");
	free(s);
	s = utf8_pad("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5);
	is_str(s, "\xe6\x97\xa5\xe6\x9c\xac ", "utf8_pad: 3 CJK into 5 columns is 2 chars + space");
	is_int(utf8_width(s), 5, "utf8_pad: CJK result is exactly 5 columns");
	free(s);
	s = utf8_pad("e\xcc\x81", 3);
	is_str(s, "e\xcc\x81  ", "utf8_pad counts a combining mark as 0 columns");
	free(s);
	s = utf8_pad("abc", 0);
	is_str(s, "", "utf8_pad to 0 columns is empty");
	free(s);
	s = utf8_pad("abc", -1);
	is_str(s, "", "utf8_pad to negative columns is empty");
	free(s);
	s = utf8_pad("", 4);
	is_str(s, "    ", "utf8_pad of empty string is all spaces");
	free(s);
}

static void
test_combining(void)
{
	char	*in, *s, want[16];
	size_t	 i, n = 10000;

	in = xmalloc(1 + n * 2);
	in[0] = 'a';
	for (i = 0; i < n; i++)
		memcpy(in + 1 + i * 2, "\xcc\x81", 2);
	s = sanitize(in, 1 + n * 2, 0);
	snprintf(want, sizeof want, "a%s%s%s%s", "\xcc\x81", "\xcc\x81", "\xcc\x81", "\xcc\x81");
	is_str(s, want, "10,000 combining marks are capped at 4");
	is_int(utf8_width(s), 1, "capped stack is 1 column");
	free(s);
	free(in);

	CHECK("\xcc\x81" "abc", 0, "abc", "combining mark at the start is dropped");
	CHECK("x\n\xcc\x81y", SAN_ML, "x\ny", "combining mark at the start of a line is dropped");
	CHECK("x\n\xcc\x81y", 0, "x \xcc\x81y", "single line: mark after the space is kept");
	CHECK("\xe2\x80\x8b\xcc\x81" "a", 0, "a",
	    "mark after a removed character at the start is dropped");
	CHECK("a\xe2\x80\x8b\xcc\x81", 0, "a\xcc\x81",
	    "mark after a removed character joins the previous base");
	CHECK("a\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85" "b\xcc\x86", 0,
	    "a\xcc\x81\xcc\x82\xcc\x83\xcc\x84" "b\xcc\x86", "a new base restarts the count");
	CHECK("a\xcc\x81\xcc\x82\xe2\x80\x8b\xcc\x83\xcc\x84\xcc\x85", 0,
	    "a\xcc\x81\xcc\x82\xcc\x83\xcc\x84", "removed characters do not restart the count");
	CHECK("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 0, "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	    "emoji with skin tone modifier kept");
	CHECK("\xe2\x9d\xa4\xef\xb8\x8f", 0, "\xe2\x9d\xa4\xef\xb8\x8f",
	    "variation selector U+FE0F kept after its base");
	CHECK("\xcc\x81", SAN_MLT, "", "a lone combining mark gives an empty string");
	CHECK("a\t\xcc\x81", SAN_MLT, "a\t", "kept tab is not a base for a mark");
}

static void
test_lines(void)
{
	CHECK("a\r\n\tb", 0, "a   b", "single line: CR, LF and TAB become one space each");
	CHECK("a\nb", 0, "a b", "single line: LF becomes a space");
	CHECK("a\r\nb\r\n", SAN_ML, "a\nb\n", "multiline: CRLF becomes LF");
	CHECK("a\rb", SAN_ML, "ab", "multiline: lone CR is dropped");
	CHECK("a\r\r\nb", SAN_ML, "a\nb", "multiline: CR CR LF is one line break");
	CHECK("\n\n", SAN_ML, "\n\n", "multiline: empty lines kept");
	CHECK("\tx", SAN_ML, "        x", "tab at column 0 expands to 8 spaces");
	CHECK("ab\tc", SAN_ML, "ab      c", "tab at column 2 expands to 6 spaces");
	CHECK("12345678\tx", SAN_ML, "12345678        x", "tab at column 8 expands to 8 spaces");
	CHECK("1234567\tx", SAN_ML, "1234567 x", "tab at column 7 expands to 1 space");
	CHECK("a\t\tb", SAN_ML, "a               b", "two tabs reach column 16");
	CHECK("abc\n\tx", SAN_ML, "abc\n        x", "tab stops restart after a newline");
	CHECK("\xe6\x97\xa5\tx", SAN_ML, "\xe6\x97\xa5      x",
	    "tab after a wide char counts it as 2 columns");
	CHECK("e\xcc\x81\tx", SAN_ML, "e\xcc\x81       x",
	    "tab after a combining mark counts it as 0 columns");
	CHECK("\x1b\tx", SAN_ML, FFFD "       x", "tab after U+FFFD counts it as 1 column");
	CHECK("a\tb\r\n\tc", SAN_MLT, "a\tb\n\tc", "SAN_KEEP_TABS keeps tabs");
	CHECK("a\tb", SAN_KEEP_TABS, "a b", "SAN_KEEP_TABS alone is single line: tab is a space");
	CHECK("a\xe2\x80\xa8" "b", SAN_ML, "a\nb", "multiline: U+2028 becomes LF");
	CHECK("a\xe2\x80\xa9" "b", SAN_ML, "a\nb", "multiline: U+2029 becomes LF");
	CHECK("a\xe2\x80\xa8" "b", 0, "a b", "single line: U+2028 becomes a space");
	CHECK("a\xe2\x80\xa9" "b", 0, "a b", "single line: U+2029 becomes a space");
	CHECK("a\xe2\x80\xa8\tb", SAN_ML, "a\n        b", "U+2028 restarts tab stops");
}

/* xorshift64*: the same sequence on every libc, so a failure can be replayed. */
static uint64_t
rnd(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 0x2545f4914f6cdd1dULL;
}

static size_t
random_input(uint64_t *st, unsigned char *buf, size_t max)
{
	static const char *const pieces[] = {
		"\xe2\x80\xae", "\xe2\x80\xad", "\xe2\x81\xa6", "\xe2\x81\xa9", "\xe2\x80\x8b",
		"\xe2\x80\x8d", "\xef\xbb\xbf", "\xc2\xad", "\xd8\x9c", "\xe1\xa0\x8e",
		"\xef\xbf\xb9", "\xe2\x81\xa0", "\xcc\x81", "\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85",
		"\xe6\x97\xa5", "\xf0\x9f\x98\x80", "\xc2\x9b", "\xc2\x85", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xc0\xaf", "\xe2\x82", "\xe2\x80\xa8", "\xe2\x80\xa9",
		"\r\n", "\x1b[31m", "\x1b]0;", "\xef\xbf\xbe", "\xcd\xb8", "\xef\xbf\xbd",
		"\xf3\xa0\x80\x81", "\xe1\x85\xa0", "\xef\xb8\x8f", "\t", "\n", "\xc3\xa9",
	};
	size_t	len = rnd(st) % (max + 1), n = 0, k;
	unsigned r;

	while (n < len) {
		r = (unsigned)(rnd(st) % 100);
		if (r < 30)
			buf[n++] = (unsigned char)(0x20 + rnd(st) % 0x5f);
		else if (r < 45)
			buf[n++] = (unsigned char)(rnd(st) % 0x21);
		else if (r < 55)
			buf[n++] = (unsigned char)(0x7f + rnd(st) % 0x21);
		else if (r < 65)
			buf[n++] = (unsigned char)(0xc0 + rnd(st) % 0x40);
		else if (r < 75)
			buf[n++] = (unsigned char)(0x80 + rnd(st) % 0x40);
		else {
			const char *p = pieces[rnd(st) % (sizeof pieces / sizeof pieces[0])];

			for (k = 0; p[k] != '\0' && n < len; k++)
				buf[n++] = (unsigned char)p[k];
		}
	}
	return n;
}

static void
hexdump(const char *what, const unsigned char *p, size_t n, unsigned flags)
{
	char	line[64 * 3 + 1];
	size_t	i;

	line[0] = '\0';
	for (i = 0; i < n && i < 64; i++)
		snprintf(line + i * 3, 4, "%02x ", p[i]);
	diag("%s (flags %u): %s", what, flags, line);
}

/* Width helpers agree with each other on a single-line sanitized string. */
static int
widths_agree(const char *s)
{
	int	 w = utf8_width(s), cols, k;
	size_t	 n;
	char	*pad;

	if (utf8_fit(s, w, &cols) != strlen(s) || cols != w)
		return 0;
	for (k = 0; k <= w + 2; k++) {
		n = utf8_fit(s, k, &cols);
		if (cols > k || n > strlen(s))
			return 0;
		pad = utf8_pad(s, k);
		if (utf8_width(pad) != k || !utf8_check_valid(pad) || strncmp(pad, s, n) != 0) {
			free(pad);
			return 0;
		}
		free(pad);
	}
	return 1;
}

static void
test_random(void)
{
	static const unsigned	modes[] = { 0, SAN_ML, SAN_MLT };
	unsigned char		buf[64], *in;
	uint64_t		st = 0x626f746500000001ULL;
	int			i, m, nbad = 0, nidem = 0, nwidth = 0;
	const char		*why;
	char			*out, *again;
	size_t			len;

	for (i = 0; i < 20000; i++) {
		len = random_input(&st, buf, sizeof buf);
		/* An exact-size copy, so ASan sees any read past len. */
		in = xmalloc(len);
		memcpy(in, buf, len);
		for (m = 0; m < 3; m++) {
			out = sanitize((const char *)in, len, modes[m]);
			if ((why = bad_output(out, modes[m])) != NULL && nbad++ < 3)
				hexdump(why, buf, len, modes[m]);
			again = sanitize(out, strlen(out), modes[m]);
			if (strcmp(out, again) != 0 && nidem++ < 3)
				hexdump("not idempotent", buf, len, modes[m]);
			if (modes[m] == 0 && (i % 4) == 0 && !widths_agree(out) && nwidth++ < 3)
				hexdump("width helpers disagree", buf, len, modes[m]);
			free(again);
			free(out);
		}
		free(in);
	}
	is_int(nbad, 0, "20,000 random inputs x 3 modes: valid UTF-8, no controls, "
	    "no C1, no removed or unprintable code points, combining rules hold");
	is_int(nidem, 0, "20,000 random inputs x 3 modes: sanitize is idempotent");
	is_int(nwidth, 0, "5,000 random single-line outputs: utf8_width/fit/pad agree");
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	test_plain();
	test_escapes();
	test_controls();
	test_invisible();
	test_invalid();
	test_width();
	test_pad();
	test_combining();
	test_lines();
	test_random();
	return done_testing();
}
