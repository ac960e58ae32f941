/* pattern.h - mutt-style search and limit patterns ("~f joe ~d <1w | ~F"): parse once, match rows. */
#ifndef BOTE_PATTERN_H
#define BOTE_PATTERN_H

#include <time.h>

#include "core/summary.h"
#include "util/err.h"

/*
 * Grammar, as in mutt:
 *
 *	pattern	:= and ('|' and)*		OR
 *	and	:= unary unary*			AND by juxtaposition
 *	unary	:= '!'* ( '(' pattern ')' | '~' LETTER [ARG] | '=' LETTER ARG | WORD )
 *
 * A WORD without '~' is mutt's simple search: "word" means "~f word | ~s word";
 * "two words" is two such words ANDed; quote them ("two words") for a phrase.
 *
 * Text patterns (~f From name or address, ~t To, ~c Cc, ~C To or Cc, ~L From,
 * To or Cc, ~s Subject, ~i Message-ID, ~x References or In-Reply-To, ~Y
 * keywords, ~b body, ~B headers or body, ~h headers) look for ARG,
 * case-insensitively: as a substring, or as a POSIX extended regex when ARG
 * has one of ^ $ [ ] ( ) * + ? { } | \ - a '.' alone does not count, so
 * "~f joe.doe@example.org" stays a plain substring.  "=s ARG" (neomutt's
 * '=') is always a substring.  Substrings fold ASCII and the capitals of
 * Latin-1, Latin Extended-A, Greek and Cyrillic (Ä matches ä, Ж matches ж);
 * regexes use REG_ICASE, which follows the locale's LC_CTYPE.
 *
 * Flags: ~A all, ~N new (unread, not seen by any client), ~O old (unread,
 * seen before), ~U unread, ~R read, ~F flagged, ~D deleted, ~Q replied, ~T
 * tagged (the caller's tag, passed to the match functions).
 *
 * ~d DATES, in local time (whole days):
 *	dd/mm/yy  dd/mm/yyyy  dd/mm  dd	one day (missing month/year: now's)
 *	yyyy-mm-dd			one day (bote extension)
 *	D1-D2  -D2  D1-			from D1 through D2, on or before D2, on or after D1
 *	<3d  >1w  =2m			newer than / older than / exactly 3 days, 1 week,
 *					2 months ago; units d w m y as calendar days (mutt's
 *					rules), H M S exact (not with '=')
 *	Two-digit years are 1970-2069.  Undated rows count as 1 January 1970.
 *
 * ~z SIZES: <10K (smaller than), >1M (larger than), 100 (exactly),
 * 100-2K, -2K, 100- (inclusive ranges); K, M, G are 1024, 1024^2, 1024^3.
 *
 * ARG is one word: it ends at a space, '(', ')' or '|' unless quoted.
 * "..." and bare words take backslash escapes (\" \\ \( ...); '...' is
 * literal, so a regex backslash survives in single quotes: ~s '\(draft\)'.
 *
 * Not supported, and refused by name: ~P (from you: bote does not know your
 * addresses yet), ~p, ~E, ~g, ~G, ~k, ~V, ~v, ~y, ~e, ~l, ~u, ~H, ~M, ~X, ~r,
 * ~m, ~n, ~S, ~$, ~#, ~(...), ~<(...), ~>(...), '%' groups.
 *
 * Limits: PATTERN_LEN_MAX bytes, PATTERN_DEPTH_MAX nested parentheses.
 */

#define PATTERN_LEN_MAX		1000
#define PATTERN_DEPTH_MAX	50

/* pattern_needs_body(): what pattern_match_text() will want. */
#define PATTERN_NEED_HEADERS	0x1	/* ~c ~C ~L ~h ~B: the header block (summaries have no Cc) */
#define PATTERN_NEED_BODY	0x2	/* ~b ~B */

enum pattern_result {
	PAT_NO = 0,
	PAT_YES = 1,
	PAT_NEED_BODY = 2,	/* only the message text can decide: call pattern_match_text() */
};

struct pattern;

/*
 * Returns an owned pattern, or NULL with err set (kind BOTE_ERR_PARSE) to
 * "pattern error at N: what", N counting characters from 1.
 */
struct pattern *pattern_parse(const char *text, struct bote_err *err);
void	pattern_free(struct pattern *);

/* PATTERN_NEED_* bits; 0 when every row can be decided from its summary. */
unsigned pattern_needs_body(const struct pattern *);

/*
 * Decides a row from its summary.  Logic is three-valued, so "~F ~b x" is
 * PAT_NO for an unflagged row without fetching anything and "~t bob | ~c bob"
 * is PAT_YES once To matches.  tagged says whether the user tagged the row;
 * now anchors relative and partial dates (pass time(NULL); tests pass a
 * fixed value).
 */
enum pattern_result pattern_match(const struct pattern *, const struct summary *, int tagged,
	    time_t now);

/*
 * Decides a row with its text: headers is the header block (unfolding not
 * required, decoded UTF-8 preferred), body the text the user would read
 * (decoded to UTF-8).  Either may be NULL, which counts as empty.  Returns
 * 1 or 0.
 */
int	pattern_match_text(const struct pattern *, const struct summary *, int tagged, time_t now,
	    const char *headers, const char *body);

/*
 * Server-side search.  The text tests that only the message can decide
 * (~b ~B ~h ~c ~C ~L) are numbered 0..pattern_nterms()-1; a server answers
 * each one for a set of messages, and pattern_match_hits() then decides a
 * row with those answers (hits[i]: term i holds) and its summary, never
 * returning PAT_NEED_BODY.  The rest of the pattern (dates, sizes, flags,
 * ~T, regexes on summary fields) stays local, with exactly the semantics
 * above; the server's substring rules apply to the terms only.
 */
#define PATTERN_TERM_FROM	0x01
#define PATTERN_TERM_TO		0x02
#define PATTERN_TERM_CC		0x04
#define PATTERN_TERM_BODY	0x08	/* the body */
#define PATTERN_TERM_TEXT	0x10	/* headers and body */
#define PATTERN_TERM_HEADER	0x20	/* one header field, named in header */

struct pattern_term {
	unsigned	 what;		/* PATTERN_TERM_*: any of these fields */
	const char	*text;		/* borrowed from the pattern */
	char		 header[80];
};

size_t	pattern_nterms(const struct pattern *);
/*
 * Term i as a server can take it: 0, or -1 when it cannot be put to a
 * server (a regex; ~h without "Field: value"; control characters).
 */
int	pattern_term(const struct pattern *, size_t i, struct pattern_term *out);
enum pattern_result pattern_match_hits(const struct pattern *, const struct summary *, int tagged,
	    time_t now, const unsigned char *hits);

/*
 * Threads: a parsed pattern is read-only, so any number of threads may
 * match with it at once (glibc's regexec locks internally); parse and free
 * on one thread.  No static mutable state.
 */

#endif
