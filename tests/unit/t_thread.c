/* t_thread.c - threading must give mutt's tree for hand-made folders, survive hostile ids and scale. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/summary.h"
#include "core/thread.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "tap.h"

#define NROWS_MAX	400

static struct summary	rows[NROWS_MAX];
static size_t		nrows;

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* One row: its id doubles as the label the expected trees show. */
static void
add(const char *id, const char *irt, const char *refs, const char *subject, time_t date)
{
	struct summary	*r = &rows[nrows++];

	memset(r, 0, sizeof *r);
	r->message_id = dup_or_null(id);
	r->in_reply_to = dup_or_null(irt);
	r->references = dup_or_null(refs);
	r->subject = dup_or_null(subject);
	r->date = date;
}

static void
reset(void)
{
	size_t	i;

	for (i = 0; i < nrows; i++)
		summary_free(&rows[i]);
	nrows = 0;
}

static const char *
label(const struct summary *r)
{
	if (r->message_id != NULL)
		return r->message_id;
	return r->subject != NULL ? r->subject : "?";
}

/* The message list as text: the tree column, then the label, one line per visible row. */
static char *
render(const struct thread_view *v, const struct summary *rs)
{
	struct buf	b = BUF_INIT;
	char		prefix[THREAD_PREFIX_MAX];
	size_t		i, pos;

	for (i = 0; i < v->nvisible; i++) {
		pos = v->visible[i];
		thread_tree_prefix(v, pos, prefix, sizeof prefix);
		buf_printf(&b, "%s%s", prefix, label(&rs[v->order[pos]]));
		if (thread_hidden(v, pos) > 0)
			buf_printf(&b, " (+%zu)", thread_hidden(v, pos));
		buf_putc(&b, '\n');
	}
	return buf_steal(&b);
}

/*
 * What must hold for any input: each row once, parents before children and
 * in the same thread, depth = parent's + 1 (capped), thread starts marked.
 */
static int
invariants(const struct thread_view *v, size_t n, const char **why)
{
	size_t	*real, i, p, t = 0;
	int	 okay = 1;

	*why = "";
	real = xcalloc(n + 1, sizeof *real);
	if (v->n != n || v->thread_start[0] != 0 || v->thread_start[v->nthreads] != n) {
		*why = "sizes";
		okay = 0;
	}
	for (i = 0; okay && i < n; i++) {
		if (v->order[i] >= n || v->pos_of_row[v->order[i]] != i) {
			*why = "order and pos_of_row disagree";
			okay = 0;
			break;
		}
		while (t + 1 < v->nthreads && v->thread_start[t + 1] <= i)
			t++;
		p = v->parent[i];
		if (!(v->flags[i] & THREAD_START) != (i != v->thread_start[t])) {
			*why = "THREAD_START not on the first position of a thread";
			okay = 0;
		} else if (p != THREAD_NONE && (p >= i || p < v->thread_start[t])) {
			*why = "parent after child or in another thread";
			okay = 0;
		} else if (p == THREAD_NONE && i != v->thread_start[t] &&
		    !(v->flags[i] & THREAD_MISSING_PARENT)) {
			*why = "a second root inside a thread";
			okay = 0;
		} else {
			real[i] = p != THREAD_NONE ? real[p] + 1 :
			    (v->flags[i] & THREAD_MISSING_PARENT) ? 1 : 0;
			if (v->depth[i] != (real[i] < THREAD_DEPTH_MAX ? real[i] : THREAD_DEPTH_MAX)) {
				*why = "depth is not the parent's plus one";
				okay = 0;
			}
		}
	}
	free(real);
	return okay;
}

/* ok() on the invariants; why is read only after they ran. */
static void
ok_invariants(const struct thread_view *v, size_t n, const char *name)
{
	const char	*why;
	int		 good = invariants(v, n, &why);

	ok(good, "%s: invariants%s%s", name, good ? "" : ": ", why);
}

static void
check_tree(const struct thread_opts *o, const char *want, const char *name)
{
	struct thread_view *v = thread_build(rows, nrows, o);
	char		*got = render(v, rows);

	is_str(got, want, "%s", name);
	ok_invariants(v, nrows, name);
	free(got);
	thread_free(v);
	reset();
}

static void
test_basic(void)
{
	struct thread_opts o = { THREAD_SORT_FIRST, 0, 1 };

	add("a", NULL, NULL, "s", 1);
	add("c", "b", "<a> <b>", "s", 3);
	add("b", "a", "<a>", "s", 2);
	check_tree(NULL, "a\n└─>b\n  └─>c\n", "a chain by References");

	add("e", "a", NULL, "s", 5);
	add("a", NULL, NULL, "s", 1);
	add("c", "a", NULL, "s", 3);
	add("b", "a", NULL, "s", 2);
	add("d", NULL, "<a> <c>", "s", 4);
	check_tree(NULL, "a\n├─>b\n├─>c\n│ └─>d\n└─>e\n", "siblings by date, In-Reply-To alone");

	add("t1", NULL, NULL, "x", 10);
	add("t2", NULL, NULL, "y", 5);
	add("r2", "t2", NULL, "y", 20);
	check_tree(NULL, "t2\n└─>r2\nt1\n", "threads by their first message");
	add("t1", NULL, NULL, "x", 10);
	add("t2", NULL, NULL, "y", 5);
	add("r2", "t2", NULL, "y", 20);
	o.sort = THREAD_SORT_LAST;
	check_tree(&o, "t1\nt2\n└─>r2\n", "THREAD_SORT_LAST: by the newest message");
	add("t1", NULL, NULL, "x", 10);
	add("t2", NULL, NULL, "y", 5);
	add("r2", "t2", NULL, "y", 20);
	add("r1", "t2", NULL, "y", 15);
	o.sort = THREAD_SORT_FIRST;
	o.reverse = 1;
	check_tree(&o, "t1\nt2\n├─>r1\n└─>r2\n", "reverse: newest thread first, siblings still oldest first");

	add("u1", NULL, NULL, "x", 7);
	add("u2", NULL, NULL, "x", 7);
	add("u0", NULL, NULL, "x", 7);
	check_tree(NULL, "u1\nu2\nu0\n", "equal dates keep row order");
}

static void
test_missing(void)
{
	add("x", "m", "<m>", "topic", 2);
	add("y", "m", "<m>", "Re: topic", 3);
	add("z", NULL, "<gone>", "other", 1);
	check_tree(NULL, "z\n┌─>x\n└─>y\n",
	    "a missing parent of two stays invisible; of one it vanishes");

	add("a", NULL, NULL, "s", 1);
	add("c", NULL, "<a> <b>", "s", 3);
	add("d", NULL, "<a> <b> <c> <q> <r>", "s", 4);
	check_tree(NULL, "a\n└─>c\n  └─>d\n", "missing parents inside a thread are spliced out");

	add("p", NULL, "<top> <mid>", "s", 1);
	add("q", NULL, "<top> <mid>", "s", 2);
	add("r", NULL, "<top> <other>", "s", 3);
	add("s", "p", NULL, "s", 4);
	check_tree(NULL, "┌─>p\n│ └─>s\n├─>q\n└─>r\n", "missing parents above missing parents");

	add("g2", NULL, "<g0> <g1>", "s", 2);
	add("g3", NULL, "<g0> <g1>", "s", 3);
	add("g1b", NULL, "<g0>", "s", 1);
	check_tree(NULL, "┌─>g1b\n├─>g2\n└─>g3\n", "the one top ghost collects every branch");
}

static void
test_hostile(void)
{
	struct buf	refs = BUF_INIT;
	struct thread_view *v;
	char		 id[32];
	size_t		 i;

	add("a", "b", "<b>", "s", 1);
	add("b", "a", "<a>", "s", 2);
	check_tree(NULL, "b\n└─>a\n", "a References loop of two: the later link is dropped");

	add("a", NULL, "<c>", "s", 1);
	add("b", NULL, "<a>", "s", 2);
	add("c", NULL, "<b>", "s", 3);
	check_tree(NULL, "c\n└─>a\n  └─>b\n", "a loop of three is broken once");

	add("self", "self", "<self> <self>", "s", 1);
	add("kid", NULL, "<self> <kid>", "s", 2);
	check_tree(NULL, "self\n└─>kid\n", "self references are ignored");

	add("x", NULL, "<y> <x> <y>", "s", 1);
	add("y", NULL, NULL, "s", 2);
	check_tree(NULL, "y\n└─>x\n", "own id inside References is skipped");

	add("a", NULL, "junk <> < > <b <a> trailing <unclosed", "s", 2);
	add("b", NULL, "  no brackets at all ", "s", 1);
	check_tree(NULL, "b\na\n", "garbage References: only <a>, which is itself");
	add("p", NULL, NULL, "s", 1);
	add("c", NULL, "(comment) <p>\r\n\t junk", "s", 2);
	add("d", " <c> ", NULL, "s", 3);
	check_tree(NULL, "p\n└─>c\n  └─>d\n", "ids among comments, folding and spaces");

	add("dup", NULL, NULL, "first", 1);
	add("dup", NULL, NULL, "second", 2);
	add("kid", "dup", NULL, "re", 3);
	add("dup", "kid", NULL, "third", 4);
	add(NULL, "dup", NULL, "anon", 5);
	add(NULL, NULL, NULL, "lonely", 6);
	check_tree(NULL, "dup\n├─>kid\n│ └─>dup\n└─>anon\ndup\nlonely\n",
	    "duplicate ids: the first owns the id, the others thread by their own headers");

	/* More References than THREAD_REFS_MAX: only the last ones count. */
	for (i = 0; i < 150; i++) {
		snprintf(id, sizeof id, "r%zu", i);
		add(id, NULL, i > 0 ? buf_cstr(&refs) : NULL, "s", (time_t)i);
		buf_printf(&refs, " <%s>", id);
	}
	v = thread_build(rows, nrows, NULL);
	ok_invariants(v, nrows, "150-message chain with full References");
	is_int(v->nthreads, 1, "... is one thread");
	is_int(v->depth[149], THREAD_DEPTH_MAX, "... depth capped for display");
	is_int(v->parent[149], 148, "... parents exact below the cap");
	thread_free(v);
	buf_free(&refs);
	reset();
}

static void
test_parent_choice(void)
{
	/* notmuch's parent-priority case: References names a missing message, In-Reply-To a real one. */
	add("root", NULL, NULL, "root", 1);
	add("child", "root", "<ro--ot>", "child", 2);
	add("grand", "child", "<child> <root>", "grand", 3);
	check_tree(NULL, "root\n└─>child\n  └─>grand\n",
	    "In-Reply-To wins when only it is in the folder");

	add("root", NULL, NULL, "root", 1);
	add("other", NULL, NULL, "other", 2);
	add("kid", "other", "<root>", "kid", 3);
	check_tree(NULL, "root\nother\n└─>kid\n", "In-Reply-To wins when both are in the folder");

	add("root", NULL, NULL, "root", 1);
	add("kid", "nowhere", "<root>", "kid", 3);
	check_tree(NULL, "root\n└─>kid\n", "References wins over a missing In-Reply-To");

	add("root", NULL, NULL, "root", 1);
	add("kid", "gone", "<root> <gone>", "kid", 3);
	add("kid2", "gone", "<root> < gone >", "kid2", 4);
	add("other", NULL, "<gone>", "other", 5);
	check_tree(NULL, "root\n├─>kid\n├─>kid2\n└─>other\n",
	    "In-Reply-To missing and last in References: its ghost, under root, vanishes");
}

static void
test_subjects(void)
{
	struct thread_opts strict = { THREAD_SORT_FIRST, 0, 1 };

	add("m", NULL, NULL, "Meeting", 1);
	add("r1", NULL, NULL, "Re: meeting", 2);
	add("r2", NULL, NULL, "AW: Re:  Meeting ", 3);
	add("h1", NULL, NULL, "Hello", 4);
	add("h2", NULL, NULL, "hello", 5);
	add("r3", NULL, NULL, "WG: Antw: Fw: Fwd: RE[2]: hello", 6);
	add("n", NULL, NULL, NULL, 7);
	add("e", NULL, NULL, "Re: ", 8);
	check_tree(NULL, "m\n├*>r1\n└*>r2\nh1\n└*>r3\nh2\nn\ne\n",
	    "replies join the oldest original of their subject; originals stay apart");

	add("m", NULL, NULL, "Meeting", 1);
	add("r1", NULL, NULL, "Re: meeting", 2);
	check_tree(&strict, "m\nr1\n", "strict: no subject grouping");

	add("x", NULL, "<gone>", "Re: topic", 2);
	add("y", NULL, "<gone>", "Re: topic", 3);
	add("z", NULL, NULL, "Re: Topic", 4);
	add("w", NULL, NULL, "Topic", 5);
	add("v", NULL, "<away>", "Re: topic", 6);
	add("u", NULL, "<away>", "Re: topic", 7);
	check_tree(NULL, "┌─>x\n├─>y\n├*>z\n├*>w\n├*>v\n└*>u\n",
	    "an invisible root gathers everything of its subject, other ghosts included");

	add("a1", NULL, NULL, "Re: lost", 1);
	add("a2", NULL, NULL, "Re: lost", 2);
	check_tree(NULL, "a1\na2\n", "two replies without their original stay apart");
}

static void
is_render(const struct thread_view *v, const char *want, const char *name)
{
	char	*got = render(v, rows);

	is_str(got, want, "%s", name);
	free(got);
}

static void
test_prefix_and_collapse(void)
{
	struct thread_view *v;
	char		 small[8];
	size_t		 need, pos;

	add("a", NULL, NULL, "s", 1);
	add("b", "a", NULL, "s", 2);
	add("c", "b", NULL, "s", 3);
	add("d", "c", NULL, "s", 4);
	add("e", "b", NULL, "s", 5);
	add("f", "a", NULL, "s", 6);
	add("g", NULL, NULL, "t", 7);
	add("h", "g", NULL, "t", 8);
	add("i", NULL, NULL, "u", 9);
	v = thread_build(rows, nrows, NULL);
	is_render(v,
	    "a\n├─>b\n│ ├─>c\n│ │ └─>d\n│ └─>e\n└─>f\ng\n└─>h\ni\n", "a bushy tree");
	pos = v->pos_of_row[3];
	is_int(thread_tree_width(v, pos), 7, "width of \"│ │ └─>\"");
	need = thread_tree_prefix(v, pos, small, sizeof small);
	is_int(need, strlen("│ │ └─>"), "prefix returns the length it needs");
	is_str(small, "│ ", "a short buffer is cut between characters");
	is_int(thread_tree_prefix(v, pos, NULL, 0), need, "len 0 only measures");
	is_int(v->nthreads, 3, "three threads");
	is_int(thread_size(v, 4), 6, "thread_size from inside");

	is_int(thread_collapse(v, 3), 0, "collapse from a deep message returns the thread start");
	is_render(v, "a (+5)\ng\n└─>h\ni\n", "collapsed: one row and a count");
	is_int(v->nvisible, 4, "visible rows after collapsing");
	is_int(thread_visible_index(v, 4), 0, "a hidden message stands behind its thread start");
	is_int(thread_visible_index(v, 7), 2, "visible index after the collapsed thread");
	is_int(thread_collapse(v, 8), 8, "a single message never collapses");
	is_int(thread_hidden(v, 8), 0, "... and hides nothing");
	thread_toggle(v, 6);
	is_render(v, "a (+5)\ng (+1)\ni\n", "toggle collapses another");
	thread_toggle_all(v);
	is_render(v, "a\n├─>b\n│ ├─>c\n│ │ └─>d\n│ └─>e\n└─>f\ng\n└─>h\ni\n",
	    "toggle_all expands when all are collapsed");
	thread_toggle_all(v);
	is_render(v, "a (+5)\ng (+1)\ni\n", "toggle_all collapses when some are open");
	thread_expand(v, 0);
	is_render(v, "a\n├─>b\n│ ├─>c\n│ │ └─>d\n│ └─>e\n└─>f\ng (+1)\ni\n",
	    "expand one");
	thread_free(v);
	reset();

	v = thread_build(rows, 0, NULL);
	is_int(v->n + v->nthreads + v->nvisible, 0, "no rows, no threads");
	thread_toggle_all(v);
	thread_free(v);
}

static struct summary *
make_chain(size_t n, int backwards)
{
	struct summary	*r = xcalloc(n, sizeof *r);
	size_t		 i, k;

	for (i = 0; i < n; i++) {
		k = backwards ? n - 1 - i : i;
		r[k].message_id = xasprintf("c%zu@x", i);
		if (i > 0)
			r[k].references = xasprintf("<c%zu@x>", i - 1);
		r[k].date = (time_t)(1000 + i);
	}
	return r;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
free_rows(struct summary *r, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		summary_free(&r[i]);
	free(r);
}

static void
test_deep(void)
{
	enum { N = 100000 };
	struct summary	*r;
	struct thread_view *v;
	struct timespec	 t0;
	char		 prefix[THREAD_PREFIX_MAX], want[THREAD_PREFIX_MAX];
	size_t		 i, bad = 0;
	int		 backwards;

	for (backwards = 0; backwards < 2; backwards++) {
		r = make_chain(N, backwards);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		v = thread_build(r, N, NULL);
		diag("100,000-deep chain%s: %.3f s", backwards ? " (rows reversed)" : "",
		    seconds_since(&t0));
		for (i = 0; i < N; i++)
			if (v->depth[i] != (i < THREAD_DEPTH_MAX ? i : THREAD_DEPTH_MAX) ||
			    v->parent[i] != (i == 0 ? THREAD_NONE : i - 1) ||
			    v->order[i] != (backwards ? N - 1 - i : i))
				bad++;
		is_int(bad, 0, "100,000-deep chain%s: one thread in reply order, depth capped",
		    backwards ? " given backwards" : "");
		ok_invariants(v, N, "... chain");
		thread_tree_prefix(v, 50000, prefix, sizeof prefix);
		want[0] = '\0';
		for (i = 0; i + 1 < THREAD_DEPTH_MAX; i++)
			strcat(want, "  ");
		strcat(want, "└─>");
		is_str(prefix, want, "... deep prefix stops growing");
		thread_collapse(v, N - 1);
		is_int(v->nvisible, 1, "... collapses to one row");
		thread_free(v);
		free_rows(r, N);
	}
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* FNV-1a over everything a view says, to pin a big result to the one an earlier version gave. */
static uint64_t
view_digest(const struct thread_view *v)
{
	uint64_t	h = 1469598103934665603ULL;
	size_t		i;

#define MIX(x)	(h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
	for (i = 0; i < v->n; i++) {
		MIX(v->order[i]);
		MIX(v->parent[i]);
		MIX(v->depth[i]);
		MIX(v->flags[i]);
		MIX(v->lines[i]);
	}
	for (i = 0; i <= v->nthreads; i++)
		MIX(v->thread_start[i]);
#undef MIX
	return h;
}

static void
test_random(void)
{
	enum { N = 100000 };
	struct summary	*r = xcalloc(N, sizeof *r);
	struct thread_view *v;
	struct thread_opts o = { THREAD_SORT_LAST, 1, 0 };
	struct timespec	 t0;
	struct buf	 b = BUF_INIT;
	uint64_t	 s = 0x9e3779b97f4a7c15ULL;
	size_t		 i, j, k;
	double		 secs;

	for (i = 0; i < N; i++) {
		r[i].message_id = xasprintf("m%llu@r", (unsigned long long)(rnd(&s) % (N + N / 50)));
		k = rnd(&s) % 4;
		for (j = 0; j < k; j++)
			buf_printf(&b, "<m%llu@r> ", (unsigned long long)(rnd(&s) % (N * 2)));
		if (rnd(&s) % 10 == 0)
			buf_puts(&b, "<garbage <x> >>>");
		if (k > 0)
			r[i].references = buf_steal(&b);
		if (rnd(&s) % 3 == 0)
			r[i].in_reply_to = xasprintf("m%llu@r", (unsigned long long)(rnd(&s) % N));
		r[i].subject = xasprintf("%ssubject %llu", rnd(&s) % 2 ? "Re: " : "",
		    (unsigned long long)(rnd(&s) % 5000));
		r[i].date = (time_t)(rnd(&s) % 100000);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	v = thread_build(r, N, NULL);
	secs = seconds_since(&t0);
	diag("100,000 random messages: %.3f s, %zu threads", secs, v->nthreads);
	ok_invariants(v, N, "100,000 random messages");
	ok(secs < 5.0, "... threaded in under 5 s");
	/* Faster threading must not change a single line of the result. */
	is_int(view_digest(v), 0x9ba1b25e25155d60ULL, "... the very view 7970e4d gave");
	thread_free(v);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	v = thread_build(r, N, &o);
	diag("... again by newest, reversed: %.3f s", seconds_since(&t0));
	ok_invariants(v, N, "... by newest, reversed");
	is_int(view_digest(v), 0xa51b33689295af56ULL, "... the very view 7970e4d gave");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	thread_toggle_all(v);
	diag("... collapse all: %.4f s, %zu visible", seconds_since(&t0), v->nvisible);
	is_int(v->nvisible, v->nthreads, "... collapse all leaves one row per thread");
	thread_free(v);
	free_rows(r, N);
}

/* The notmuch corpus: a tiny header reader, enough for threading. */

struct corpus {
	struct summary	*v;
	size_t		 n, cap;
};

static char *
header_block(const char *path)
{
	FILE	*fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char	 line[4096];

	if (fp == NULL)
		return NULL;
	while (fgets(line, sizeof line, fp) != NULL && b.len < 256 * 1024) {
		if (line[0] == '\n' || (line[0] == '\r' && line[1] == '\n'))
			break;
		line[strcspn(line, "\r\n")] = '\0';
		/* Unfold: a continuation line joins the previous one. */
		if ((line[0] == ' ' || line[0] == '\t') && b.len > 0)
			buf_putc(&b, ' ');
		else if (b.len > 0)
			buf_putc(&b, '\n');
		buf_puts(&b, line + strspn(line, " \t") * (line[0] == ' ' || line[0] == '\t'));
	}
	fclose(fp);
	return buf_steal(&b);
}

static char *
header_value(const char *block, const char *name)
{
	size_t		 len = strlen(name);
	const char	*p = block, *e;

	while (*p != '\0') {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) > len && strncasecmp(p, name, len) == 0 && p[len] == ':')
			return xstrndup(p + len + 1 + strspn(p + len + 1, " \t"),
			    (size_t)(e - p) - len - 1 - strspn(p + len + 1, " \t"));
		p = *e ? e + 1 : e;
	}
	return NULL;
}

/* "<id> junk" -> "id", as the MIME layer stores Message-ID and In-Reply-To. */
static char *
first_id(char *v)
{
	char	*lt, *gt, *r;

	if (v == NULL)
		return NULL;
	lt = strchr(v, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	r = lt && gt ? xstrndup(lt + 1, (size_t)(gt - lt - 1)) : NULL;
	free(v);
	return r;
}

static time_t
parse_date(char *v)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct tm	 tm;
	char		 mon[4];
	const char	*m;
	int		 d, y, hh, mm, ss = 0, zone = 0, off;
	time_t		 t = 0;

	if (v == NULL)
		return 0;
	memset(&tm, 0, sizeof tm);
	if (sscanf(v + (strchr(v, ',') ? strchr(v, ',') - v + 1 : 0), "%d %3s %d %d:%d:%d %d",
	    &d, mon, &y, &hh, &mm, &ss, &zone) >= 5 && (m = strstr(months, mon)) != NULL) {
		tm.tm_mday = d;
		tm.tm_mon = (int)(m - months) / 3;
		tm.tm_year = y - 1900;
		tm.tm_hour = hh;
		tm.tm_min = mm;
		tm.tm_sec = ss;
		off = (zone / 100 * 60 + zone % 100) * 60;
		t = timegm(&tm) - off;
	}
	free(v);
	return t;
}

static void
read_corpus_dir(struct corpus *c, const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	struct stat	 st;
	struct summary	*r;
	char		*path, *h;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			read_corpus_dir(c, path);
		else if (S_ISREG(st.st_mode) && (h = header_block(path)) != NULL) {
			if (c->n == c->cap) {
				c->cap = c->cap ? c->cap * 2 : 64;
				c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
			}
			r = &c->v[c->n++];
			memset(r, 0, sizeof *r);
			r->ref.name = xstrdup(path);
			r->message_id = first_id(header_value(h, "Message-ID"));
			r->in_reply_to = first_id(header_value(h, "In-Reply-To"));
			r->references = header_value(h, "References");
			r->subject = header_value(h, "Subject");
			r->date = parse_date(header_value(h, "Date"));
			free(h);
		}
		free(path);
	}
	closedir(d);
}

static size_t
find_row(const struct corpus *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].message_id != NULL && strcmp(c->v[i].message_id, id) == 0)
			return i;
	return THREAD_NONE;
}

/* The parent of id is want (NULL: a root, "-": below an invisible root). */
static void
check_parent(const struct corpus *c, const struct thread_view *v, const char *id,
    const char *want)
{
	size_t		 row = find_row(c, id), pos, p;
	const char	*got;

	if (row == THREAD_NONE) {
		ok(0, "corpus message %s present", id);
		return;
	}
	pos = v->pos_of_row[row];
	p = v->parent[pos];
	if (p != THREAD_NONE)
		got = c->v[v->order[p]].message_id;
	else
		got = v->flags[pos] & THREAD_MISSING_PARENT ? "-" : NULL;
	is_str(got, want, "parent of <%s>", id);
}

static void
test_corpus(void)
{
	struct corpus	 c = { NULL, 0, 0 };
	struct thread_view *v;
	const char	*top = getenv("top_srcdir"), *env = getenv("BOTE_CORPUS");
	char		*base, *dir, *out;
	struct stat	 st;
	size_t		 i, n_thread;

	base = env != NULL ? xstrdup(env) :
	    xasprintf("%s/../shared/corpora/notmuch", top != NULL ? top : ".");
	if (stat(base, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("Bail out! corpus not found at %s (set BOTE_CORPUS)\n", base);
		exit(1);
	}
	dir = xasprintf("%s/threading", base);
	read_corpus_dir(&c, dir);
	free(dir);
	n_thread = c.n;
	is_int(n_thread, 12, "the threading corpus has 12 messages");
	v = thread_build(c.v, c.n, NULL);
	ok_invariants(v, c.n, "threading corpus");
	check_parent(&c, v, "000-real-root@example.org", NULL);
	check_parent(&c, v, "001-child@example.org", "000-real-root@example.org");
	check_parent(&c, v, "001-grand-child@example.org", "001-child@example.org");
	check_parent(&c, v, "001-grand-child2@example.org", "001-child@example.org");
	check_parent(&c, v, "001-great-grand-child@example.org", "001-grand-child@example.org");
	check_parent(&c, v, "001-fake-message-root@example.org", "001-child@example.org");
	check_parent(&c, v, "B01-child@example.org", "B00-root@example.org");
	check_parent(&c, v, "B01-grand-child@example.org", "B01-child@example.org");
	check_parent(&c, v, "87bmc6lp3h.fsf@len.workgroup", "-");
	check_parent(&c, v,
	    "rt-4.2.8-22046-1529425595-591.33575-211-0@xxxxxxx-xxxxxxxxxxxxxxxxx-xxxxxxxxx-xxxxxxxxx.de",
	    "87bmc6lp3h.fsf@len.workgroup");
	check_parent(&c, v,
	    "rt-4.2.8-6644-1530017064-1465.33575-215-0@xxxxxxx-xxxxxxxxxxxxxxxxx-xxxxxxxxx-xxxxxxxxx.de",
	    "-");
	is_int(v->nthreads, 3, "threading corpus: ghost-root, parent-priority and the RT ticket");
	thread_free(v);

	dir = xasprintf("%s/lkml", base);
	read_corpus_dir(&c, dir);
	free(dir);
	ok(c.n > n_thread + 200, "the lkml corpus has over 200 messages (%zu)", c.n - n_thread);
	v = thread_build(c.v + n_thread, c.n - n_thread, NULL);
	ok_invariants(v, c.n - n_thread, "lkml");
	thread_free(v);
	v = thread_build(c.v, c.n, NULL);
	ok_invariants(v, c.n, "both corpora");
	check_parent(&c, v, "1258848661-4660-1-git-send-email-stefan@datenfreihafen.org", "-");
	check_parent(&c, v, "1258848661-4660-2-git-send-email-stefan@datenfreihafen.org",
	    "1258848661-4660-1-git-send-email-stefan@datenfreihafen.org");
	check_parent(&c, v, "yunvdh3pfm9.fsf@aiko.keithp.com",
	    "1258848661-4660-1-git-send-email-stefan@datenfreihafen.org");
	check_parent(&c, v, "20091122183338.GB5735@excalibur.local",
	    "yunvdh3pfm9.fsf@aiko.keithp.com");
	check_parent(&c, v, "4b09891e.YhJ/aJZOBwneOaFr%michiel@michielbuddingh.net",
	    "20091122183338.GB5735@excalibur.local");
	check_parent(&c, v, "20091122195246.GC5735@excalibur.local",
	    "4b09891e.YhJ/aJZOBwneOaFr%michiel@michielbuddingh.net");
	if (getenv("BOTE_THREAD_DUMP") != NULL) {
		out = render(v, c.v);
		fputs(out, stdout);
		free(out);
	}
	thread_free(v);
	for (i = 0; i < c.n; i++)
		summary_free(&c.v[i]);
	free(c.v);
	free(base);
}

int
main(void)
{
	test_basic();
	test_missing();
	test_hostile();
	test_parent_choice();
	test_subjects();
	test_prefix_and_collapse();
	test_deep();
	test_random();
	test_corpus();
	return done_testing();
}
