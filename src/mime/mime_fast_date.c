/* mime_fast_date.c - Date: values to time_t without GMime, the way GMime's RFC 822 parser reads them. */
#include <limits.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "mime/mime_fast.h"

/*
 * GMime splits a date into tokens, tries a strict RFC 822 reading and,
 * when that fails, a lenient guesser.  Only the strict reading is copied
 * here, token for token, so that whatever it accepts gives GMime's
 * answer; everything else returns -1 and GMime itself decides.
 */

#define YEAR_MIN	1969	/* GMime refuses earlier years */
#define YEAR_MAX	9998	/* GLib stops at 9999; stay clear of the edge */

struct tok {
	const char	*p;
	size_t		 n;
};

struct tokens {
	const char	*next;
	const char	*end;
	int		 done;
};

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};
static const char *const days[] = {
	"sun", "mon", "tue", "wed", "thu", "fri", "sat"
};

/* RFC 5322 zone names and the military letters, with GMime's signs (+hhmm). */
static const struct {
	const char	*name;
	int		 hhmm;
} zones[] = {
	{ "UT", 0 }, { "GMT", 0 }, { "EDT", -400 }, { "EST", -500 },
	{ "CDT", -500 }, { "CST", -600 }, { "MDT", -600 }, { "MST", -700 },
	{ "PDT", -700 }, { "PST", -800 },
	{ "A", 100 }, { "B", 200 }, { "C", 300 }, { "D", 400 }, { "E", 500 },
	{ "F", 600 }, { "G", 700 }, { "H", 800 }, { "I", 900 }, { "K", 1000 },
	{ "L", 1100 }, { "M", 1200 }, { "N", -100 }, { "O", -200 },
	{ "P", -300 }, { "Q", -400 }, { "R", -500 }, { "S", -600 },
	{ "T", -700 }, { "U", -800 }, { "V", -900 }, { "W", -1000 },
	{ "X", -1100 }, { "Y", -1200 }, { "Z", 0 },
};

/* GMime's tokenizer: blanks are skipped, any of "-/,\t\r\n " ends a token. */
static int
next_tok(struct tokens *t, struct tok *out)
{
	const char	*s = t->next, *e;

	if (t->done)
		return 0;
	while (s < t->end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == t->end) {
		t->done = 1;
		return 0;
	}
	/* The first character is taken even when it is a separator, as GMime does. */
	for (e = s + 1; e < t->end && strchr("-/,\t\r\n ", *e) == NULL; e++)
		;
	out->p = s;
	out->n = (size_t)(e - s);
	if (e < t->end)
		t->next = e + 1;	/* one separator is eaten with the token */
	else
		t->done = 1;
	return 1;
}

/* ASCII-only and locale-free, like g_ascii_strncasecmp(). */
static int
prefix3(const struct tok *t, const char *lower3)
{
	size_t	i;
	char	c;

	if (t->n < 3)
		return 0;
	for (i = 0; i < 3; i++) {
		c = t->p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lower3[i])
			return 0;
	}
	return 1;
}

static int
decode_int(const char *p, size_t n)
{
	int	v = 0, d;

	for (; n > 0; p++, n--) {
		if (*p < '0' || *p > '9')
			return -1;
		d = *p - '0';
		if (v > (INT_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	return v;
}

static int
get_month(const struct tok *t)
{
	int	i;

	for (i = 0; i < 12; i++) {
		if (prefix3(t, months[i]))
			return i + 1;
	}
	return -1;
}

static int
get_year(const struct tok *t)
{
	int	y;

	if ((y = decode_int(t->p, t->n)) == -1)
		return -1;
	if (y < 100)
		y += y < 70 ? 2000 : 1900;
	return y < YEAR_MIN ? -1 : y;
}

/* "hh[:mm[:ss]]" with GMime's limits (23, 59, 60); empty parts count as 0. */
static int
get_time(const struct tok *t, int hms[3])
{
	static const int	max[3] = { 23, 59, 60 };
	size_t			i;
	int			part = 0;

	hms[0] = hms[1] = hms[2] = 0;
	for (i = 0; i < t->n; i++) {
		if (t->p[i] == ':') {
			if (++part > 2)
				return -1;
		} else if (t->p[i] < '0' || t->p[i] > '9')
			return -1;
		else if ((hms[part] = hms[part] * 10 + (t->p[i] - '0')) > max[part])
			return -1;
	}
	return 0;
}

/*
 * The zone from the next two tokens, as seconds east of UTC; 0 when none
 * matches (GMime assumes UTC).  -1 in *fail for a numeric zone GLib might
 * read its own way.
 */
static long
get_zone(struct tokens *ts, int *fail)
{
	struct tok	 t;
	const char	*p;
	size_t		 n, i;
	int		 k, v, hh, mm;

	for (k = 0; k < 2 && next_tok(ts, &t); k++) {
		if (t.n >= 6)
			continue;
		if (t.n == 5 && (t.p[0] == '+' || t.p[0] == '-')) {
			if ((v = decode_int(t.p + 1, 4)) == -1)
				return 0;
			hh = v / 100;
			mm = v % 100;
			if (hh > 23 || mm > 59) {
				*fail = 1;
				return 0;
			}
			return (t.p[0] == '-' ? -1 : 1) * (hh * 3600L + mm * 60L);
		}
		p = t.p;
		n = t.n;
		if (*p == '(') {
			p++;
			n -= t.p[t.n - 1] == ')' ? 2 : 1;
		}
		for (i = 0; i < sizeof zones / sizeof zones[0]; i++) {
			if (strlen(zones[i].name) == n &&
			    strncmp(p, zones[i].name, n) == 0) {
				v = zones[i].hhmm;
				return (v / 100) * 3600L + (v % 100) * 60L;
			}
		}
	}
	return 0;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (no TZ, no locale). */
static long long
days_from_civil(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
mime_fast_date(const char *s, size_t len, time_t *out)
{
	static const int	 mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct tokens		 ts = { s, s + len, 0 };
	struct tok		 t;
	int			 i, day, month, year, hms[3], fail = 0;
	long			 zone;

	if (!next_tok(&ts, &t))
		return -1;
	for (i = 0; i < 7; i++) {
		if (prefix3(&t, days[i]))
			break;
	}
	if (i < 7 && !next_tok(&ts, &t))	/* the weekday is optional */
		return -1;
	if ((day = decode_int(t.p, t.n)) < 1 || day > 31 || !next_tok(&ts, &t))
		return -1;
	if ((month = get_month(&t)) == -1 || !next_tok(&ts, &t))
		return -1;
	if ((year = get_year(&t)) == -1 || year > YEAR_MAX || !next_tok(&ts, &t))
		return -1;
	if (get_time(&t, hms) == -1 || hms[2] == 60)	/* GLib refuses :60 */
		return -1;
	if (day > mdays[month - 1] + (month == 2 && leap(year)))
		return -1;
	zone = get_zone(&ts, &fail);
	if (fail)
		return -1;
	*out = (time_t)(days_from_civil(year, month, day) * 86400LL +
	    hms[0] * 3600LL + hms[1] * 60LL + hms[2] - zone);
	return 0;
}
