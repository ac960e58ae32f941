/* thread.c - JWZ threading: id table, parent links without loops, pruning, subject grouping, display order. */
#include "core/thread.h"

#include <sys/random.h>

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util/xmalloc.h"

#define NIL		UINT32_MAX

/* thread_view.lines holds one bit per ancestor column. */
_Static_assert(THREAD_DEPTH_MAX - 1 <= 32, "tree columns must fit in uint32_t");
/* Containers are indexed with 32 bits to halve the memory; beyond this no new ids are taken. */
#define CONT_MAX	(UINT32_MAX - 1)

/* A message id or a subject: borrowed from the rows, not NUL-terminated. */
struct key {
	const char	*s;
	uint32_t	 len;
};

/*
 * Open addressing with linear probing.  A slot holds an index into the
 * caller's key array and 32 bits of the key's hash: they place the key
 * (tables stay far below 2^32 slots), so growing never hashes again, and
 * most probes skip the string compare.  One array, so a probe is one cache
 * line, not two.
 */
struct hslot {
	uint32_t	idx;		/* NIL when empty */
	uint32_t	hash;
};

struct htab {
	struct hslot	*slot;
	size_t		 mask;
	size_t		 used;
	uint64_t	 seed[2];
	int		 icase;		/* ASCII case-insensitive keys (subjects) */
};

/*
 * Containers 0..n-1 are the rows; later ones are ids that are only referred
 * to ("dummies").  Parent links join containers into trees; the union-find
 * sets mirror those trees so a loop is refused in near-constant time instead
 * of walking up a chain that may be 100,000 long.
 */
struct threader {
	const struct summary *rows;
	size_t		 n;
	struct key	*id;
	uint32_t	*parent;
	uint32_t	*set;
	uint8_t		*rank;
	size_t		 nc, capc;
	struct htab	 ids;
};

struct reflist {
	struct key	 r[THREAD_REFS_MAX];
	size_t		 n;
};

/* What survives pruning: rows 0..n-1 and the invisible roots n..nn-1. */
struct forest {
	const struct summary *rows;
	size_t		 n, nn;
	uint32_t	*par;		/* parent node or NIL */
	uint32_t	*first;		/* invisible roots: their earliest child (index nn - n) */
	uint8_t		*bysubj;
	uint8_t		*dead;		/* invisible roots merged into another one */
	uint32_t	*cstart;	/* nn + 1: children of x are kids[cstart[x] .. cstart[x + 1]) */
	uint32_t	*kids;
	uint32_t	*slot;		/* where x sits in kids */
};

/* Hashing: SipHash-1-3 with a random key, because Message-IDs come from strangers. */

#define ROTL(x, b)	(uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do {							\
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);	\
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);	\
} while (0)

static uint64_t
hash_byte(const char *s, size_t i, int icase)
{
	unsigned char	c = (unsigned char)s[i];

	if (icase && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

static uint64_t
load_le64(const char *s)
{
	uint64_t	m;

	memcpy(&m, s, sizeof m);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	m = __builtin_bswap64(m);
#endif
	return m;
}

static uint64_t
hash_key(const uint64_t seed[2], const char *s, size_t len, int icase)
{
	uint64_t	v0 = 0x736f6d6570736575ULL ^ seed[0];
	uint64_t	v1 = 0x646f72616e646f6dULL ^ seed[1];
	uint64_t	v2 = 0x6c7967656e657261ULL ^ seed[0];
	uint64_t	v3 = 0x7465646279746573ULL ^ seed[1];
	uint64_t	m, b = (uint64_t)len << 56;
	size_t		i, j;

	for (i = 0; i + 8 <= len; i += 8) {
		if (!icase)
			m = load_le64(s + i);	/* the common case: ids, a word at a time */
		else
			for (m = 0, j = 0; j < 8; j++)
				m |= hash_byte(s, i + j, icase) << (8 * j);
		v3 ^= m;
		SIPROUND;
		v0 ^= m;
	}
	for (j = 0; i + j < len; j++)
		b |= hash_byte(s, i + j, icase) << (8 * j);
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

static int
key_equal(struct key a, struct key b, int icase)
{
	uint32_t	i;
	unsigned char	x, y;

	if (a.len != b.len)
		return 0;
	/* Equal hashes mostly mean equal bytes, subjects too. */
	if (memcmp(a.s, b.s, a.len) == 0)
		return 1;
	if (!icase)
		return 0;
	for (i = 0; i < a.len; i++) {
		x = (unsigned char)a.s[i];
		y = (unsigned char)b.s[i];
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return 1;
}

static void
htab_alloc(struct htab *t, size_t want)
{
	size_t	cap = 16;

	while (cap < want * 2)
		cap *= 2;
	t->slot = xreallocarray(NULL, cap, sizeof *t->slot);
	memset(t->slot, 0xff, cap * sizeof *t->slot);
	t->mask = cap - 1;
	t->used = 0;
}

static void
htab_init(struct htab *t, size_t want, int icase)
{
	t->icase = icase;
	/* A seed that cannot be had is no reason to fail: fall back to weaker bits. */
	if (getrandom(t->seed, sizeof t->seed, GRND_NONBLOCK) != (ssize_t)sizeof t->seed) {
		t->seed[0] = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)t;
		t->seed[1] = (uint64_t)clock() * 0x9e3779b97f4a7c15ULL ^ (uint64_t)(uintptr_t)&want;
	}
	htab_alloc(t, want);
}

static void
htab_free(struct htab *t)
{
	free(t->slot);
	t->slot = NULL;
}

/* The key's hash as the table keeps it. */
static uint32_t
htab_hash(const struct htab *t, struct key k)
{
	return (uint32_t)hash_key(t->seed, k.s, k.len, t->icase);
}

/* The slot holding k, or the empty slot where it belongs. */
static size_t
htab_slot(const struct htab *t, const struct key *keys, struct key k, uint32_t h)
{
	size_t	i = h & t->mask;

	while (t->slot[i].idx != NIL) {
		if (t->slot[i].hash == h && key_equal(keys[t->slot[i].idx], k, t->icase))
			return i;
		i = (i + 1) & t->mask;
	}
	return i;
}

static void
htab_put(struct htab *t, size_t slot, uint32_t idx, uint32_t h)
{
	struct hslot	*old = t->slot;
	size_t		 i, j, oldcap = t->mask + 1;

	t->slot[slot].idx = idx;
	t->slot[slot].hash = h;
	if (++t->used * 2 <= oldcap)
		return;
	htab_alloc(t, oldcap);
	/* Keys are distinct: each goes to the first free slot from its place. */
	for (i = 0; i < oldcap; i++) {
		if (old[i].idx == NIL)
			continue;
		for (j = old[i].hash & t->mask; t->slot[j].idx != NIL; j = (j + 1) & t->mask)
			;
		t->slot[j] = old[i];
		t->used++;
	}
	free(old);
}

/* Message ids: "<id>", with spaces or brackets tolerated around it. */

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static struct key
trim_id(const char *s)
{
	struct key	k = { NULL, 0 };
	size_t		len;

	if (s == NULL)
		return k;
	while (is_space(*s) || *s == '<')
		s++;
	len = strlen(s);
	while (len > 0 && (is_space(s[len - 1]) || s[len - 1] == '>'))
		len--;
	if (len == 0 || len > CONT_MAX)
		return k;
	k.s = s;
	k.len = (uint32_t)len;
	return k;
}

/* The next "<...>" in *sp; text outside brackets and a '<' never closed are skipped. */
static int
next_ref(const char **sp, struct key *k)
{
	const char	*s = *sp, *lt, *gt;

	for (;;) {
		lt = strchr(s, '<');
		if (lt == NULL)
			break;
		gt = lt + 1 + strcspn(lt + 1, "<>");
		if (*gt == '\0')
			break;
		s = gt;
		if (*gt == '<')
			continue;
		s = gt + 1;
		lt++;
		while (lt < gt && is_space(*lt))
			lt++;
		while (gt > lt && is_space(gt[-1]))
			gt--;
		if (gt == lt || (size_t)(gt - lt) > CONT_MAX)
			continue;
		k->s = lt;
		k->len = (uint32_t)(gt - lt);
		*sp = s;
		return 1;
	}
	*sp = s + strlen(s);
	return 0;
}

/* The last THREAD_REFS_MAX ids of References, oldest first, without self or repeats. */
static void
parse_refs(const struct summary *row, struct key self, struct reflist *out)
{
	struct key	 ring[THREAD_REFS_MAX], k;
	const char	*s = row->references;
	size_t		 total = 0, i, start;

	out->n = 0;
	if (s == NULL)
		return;
	while (next_ref(&s, &k)) {
		if (self.s != NULL && key_equal(k, self, 0))
			continue;
		if (total > 0 && key_equal(k, ring[(total - 1) % THREAD_REFS_MAX], 0))
			continue;
		ring[total % THREAD_REFS_MAX] = k;
		total++;
	}
	out->n = total < THREAD_REFS_MAX ? total : THREAD_REFS_MAX;
	start = total < THREAD_REFS_MAX ? 0 : total % THREAD_REFS_MAX;
	for (i = 0; i < out->n; i++)
		out->r[i] = ring[(start + i) % THREAD_REFS_MAX];
}

/* Containers and links. */

static uint32_t
set_find(struct threader *t, uint32_t x)
{
	while (t->set[x] != x) {
		t->set[x] = t->set[t->set[x]];
		x = t->set[x];
	}
	return x;
}

static void
set_union(struct threader *t, uint32_t a, uint32_t b)
{
	if (t->rank[a] < t->rank[b])
		t->set[a] = b;
	else if (t->rank[a] > t->rank[b])
		t->set[b] = a;
	else {
		t->set[b] = a;
		t->rank[a]++;
	}
}

static uint32_t
cont_add(struct threader *t, struct key k)
{
	uint32_t	c;

	if (t->nc == t->capc) {
		t->capc *= 2;
		t->id = xreallocarray(t->id, t->capc, sizeof *t->id);
		t->parent = xreallocarray(t->parent, t->capc, sizeof *t->parent);
		t->set = xreallocarray(t->set, t->capc, sizeof *t->set);
		t->rank = xreallocarray(t->rank, t->capc, sizeof *t->rank);
	}
	c = (uint32_t)t->nc++;
	t->id[c] = k;
	t->parent[c] = NIL;
	t->set[c] = c;
	t->rank[c] = 0;
	return c;
}

static uint32_t
cont_lookup(struct threader *t, struct key k)
{
	return t->ids.slot[htab_slot(&t->ids, t->id, k, htab_hash(&t->ids, k))].idx;
}

/* The container of id k, made as a dummy when new; NIL only when indices ran out. */
static uint32_t
cont_get(struct threader *t, struct key k)
{
	uint32_t	h = htab_hash(&t->ids, k), c;
	size_t		slot = htab_slot(&t->ids, t->id, k, h);

	if (t->ids.slot[slot].idx != NIL)
		return t->ids.slot[slot].idx;
	if (t->nc >= CONT_MAX)
		return NIL;
	c = cont_add(t, k);
	htab_put(&t->ids, slot, c, h);
	return c;
}

/* Gives child its first parent unless that closes a loop (parent already below child). */
static void
link_parent(struct threader *t, uint32_t child, uint32_t parent)
{
	uint32_t	a, b;

	if (child == NIL || parent == NIL || child == parent || t->parent[child] != NIL)
		return;
	a = set_find(t, child);
	b = set_find(t, parent);
	if (a == b)
		return;
	t->parent[child] = parent;
	set_union(t, a, b);
}

static void
threader_init(struct threader *t, const struct summary *rows, size_t n)
{
	struct key	k;
	uint32_t	h;
	size_t		i, slot;

	assert(n < CONT_MAX);
	memset(t, 0, sizeof *t);
	t->rows = rows;
	t->n = n;
	t->capc = n * 2 + 16;
	t->id = xreallocarray(NULL, t->capc, sizeof *t->id);
	t->parent = xreallocarray(NULL, t->capc, sizeof *t->parent);
	t->set = xreallocarray(NULL, t->capc, sizeof *t->set);
	t->rank = xreallocarray(NULL, t->capc, sizeof *t->rank);
	/* Room for the rows' ids; ids only referred to may make it grow once. */
	htab_init(&t->ids, n, 0);
	for (i = 0; i < n; i++) {
		k = trim_id(rows[i].message_id);
		cont_add(t, (struct key){ NULL, 0 });
		if (k.s == NULL)
			continue;
		h = htab_hash(&t->ids, k);
		slot = htab_slot(&t->ids, t->id, k, h);
		if (t->ids.slot[slot].idx != NIL)
			continue;	/* a duplicate: nobody can point at it */
		t->id[i] = k;
		htab_put(&t->ids, slot, (uint32_t)i, h);
	}
}

static void
threader_free(struct threader *t)
{
	free(t->id);
	free(t->parent);
	free(t->set);
	free(t->rank);
	htab_free(&t->ids);
}

/*
 * Which container is the parent: In-Reply-To when it names a message we
 * have (the replying client wrote it itself, and mutt trusts it first),
 * else the last reference, else In-Reply-To as a missing parent.
 */
static uint32_t
choose_parent(struct threader *t, const struct reflist *refs, const uint32_t *rc,
    struct key irt)
{
	uint32_t	c;

	/* Mostly In-Reply-To is the last reference: that container either way. */
	if (refs->n > 0 && irt.s != NULL && key_equal(irt, refs->r[refs->n - 1], 0))
		return rc[refs->n - 1];
	if (irt.s != NULL && (c = cont_lookup(t, irt)) != NIL && c < t->n)
		return c;
	if (refs->n > 0)
		return rc[refs->n - 1];
	return irt.s != NULL ? cont_get(t, irt) : NIL;
}

/*
 * Every row's References as containers, oldest first: parsed and looked up
 * once, for both passes of link_all().
 */
struct reflinks {
	uint32_t	*c;
	size_t		*start;		/* n + 1: row i has c[start[i] .. start[i + 1]) */
	size_t		 len, cap;
};

static void
reflinks_add(struct reflinks *rl, uint32_t c)
{
	if (rl->len == rl->cap) {
		rl->cap = rl->cap ? rl->cap * 2 : 1024;
		rl->c = xreallocarray(rl->c, rl->cap, sizeof *rl->c);
	}
	rl->c[rl->len++] = c;
}

/* Row i's own parent; its References, resolved, go to rl. */
static void
link_own_parent(struct threader *t, size_t i, struct reflinks *rl)
{
	struct reflist	refs;
	struct key	self = t->id[i], irt;
	size_t		j;

	/* Duplicates and rows without an id have no key in the table. */
	if (self.s == NULL)
		self = trim_id(t->rows[i].message_id);
	parse_refs(&t->rows[i], self, &refs);
	rl->start[i] = rl->len;
	for (j = 0; j < refs.n; j++)
		reflinks_add(rl, cont_get(t, refs.r[j]));
	irt = trim_id(t->rows[i].in_reply_to);
	if (irt.s != NULL && self.s != NULL && key_equal(irt, self, 0))
		irt.s = NULL;
	link_parent(t, (uint32_t)i, choose_parent(t, &refs, rl->c + rl->start[i], irt));
}

/*
 * Every message's own parent first, then the older References links: so a
 * link guessed from someone else's References never takes the place of what
 * a message says about itself, and no link ever has to be undone.
 */
static void
link_all(struct threader *t)
{
	struct reflinks	rl = { NULL, NULL, 0, 0 };
	size_t		i, j;

	rl.start = xreallocarray(NULL, t->n + 1, sizeof *rl.start);
	for (i = 0; i < t->n; i++)
		link_own_parent(t, i, &rl);
	rl.start[t->n] = rl.len;
	for (i = 0; i < t->n; i++)
		for (j = rl.start[i] + 1; j < rl.start[i + 1]; j++)
			link_parent(t, rl.c[j], rl.c[j - 1]);
	free(rl.c);
	free(rl.start);
}

/* Pruning: the nearest real ancestor, or the dummy at the top; remembered along the way. */
static uint32_t
anchor(const struct threader *t, uint32_t *anc, uint32_t x)
{
	uint32_t	y = x, a;

	while (y >= t->n && anc[y] == NIL && t->parent[y] != NIL)
		y = t->parent[y];
	if (y < t->n)
		a = y;
	else if (anc[y] != NIL)
		a = anc[y];
	else
		a = y;
	while (x >= t->n && anc[x] == NIL) {
		anc[x] = a;
		if (t->parent[x] == NIL)
			break;
		x = t->parent[x];
	}
	return a;
}

static int
row_before(const struct summary *rows, uint32_t a, uint32_t b)
{
	if (rows[a].date != rows[b].date)
		return rows[a].date < rows[b].date;
	return a < b;
}

/*
 * Dummies vanish and their children move up to the nearest real ancestor;
 * a dummy at the top stays only with two or more children, else its one
 * child becomes the root.
 */
static void
prune(const struct threader *t, struct forest *f)
{
	uint32_t	*anc, *cnt, *first, *node;
	uint32_t	 a;
	size_t		 i, nd = t->nc - t->n, k = 0;

	anc = xreallocarray(NULL, t->nc, sizeof *anc);
	cnt = xcalloc(nd + 1, sizeof *cnt);
	first = xreallocarray(NULL, nd + 1, sizeof *first);
	node = xreallocarray(NULL, nd + 1, sizeof *node);
	memset(anc, 0xff, t->nc * sizeof *anc);
	f->par = xreallocarray(NULL, t->n + nd + 1, sizeof *f->par);
	for (i = 0; i < t->n; i++) {
		a = t->parent[i] == NIL ? NIL : anchor(t, anc, t->parent[i]);
		f->par[i] = a;
		if (a == NIL || a < t->n)
			continue;
		a -= (uint32_t)t->n;
		if (cnt[a]++ == 0 || row_before(t->rows, (uint32_t)i, first[a]))
			first[a] = (uint32_t)i;
	}
	for (i = 0; i < nd; i++)
		node[i] = cnt[i] >= 2 ? (uint32_t)(t->n + k++) : NIL;
	f->nn = t->n + k;
	f->first = xreallocarray(NULL, k + 1, sizeof *f->first);
	for (i = 0; i < nd; i++)
		if (node[i] != NIL) {
			f->first[node[i] - t->n] = first[i];
			f->par[node[i]] = NIL;
		}
	for (i = 0; i < t->n; i++)
		if (f->par[i] != NIL && f->par[i] >= t->n)
			f->par[i] = node[f->par[i] - t->n];
	free(anc);
	free(cnt);
	free(first);
	free(node);
}

/* Subjects: "Re: AW: Fwd[2]: x" -> "x"; says whether anything was stripped. */
static struct key
subject_base(const char *s, int *reply)
{
	static const struct {
		const char	*s;
		size_t		 len;
	} pfx[] = { { "re", 2 }, { "aw", 2 }, { "fwd", 3 }, { "fw", 2 }, { "wg", 2 }, { "antw", 4 } };
	struct key	 k = { NULL, 0 };
	const char	*p;
	size_t		 i, len;
	int		 again = 1;
	char		 c;

	*reply = 0;
	if (s == NULL)
		return k;
	while (again) {
		again = 0;
		while (is_space(*s))
			s++;
		/* Most subjects start with no prefix letter at all. */
		c = (char)(*s | 0x20);
		if (c != 'r' && c != 'a' && c != 'f' && c != 'w')
			break;
		for (i = 0; i < sizeof pfx / sizeof pfx[0] && !again; i++) {
			if (strncasecmp(s, pfx[i].s, pfx[i].len) != 0)
				continue;
			p = s + pfx[i].len;
			if (*p == '[') {
				p += 1 + strspn(p + 1, "0123456789");
				if (*p++ != ']')
					continue;
			}
			while (*p == ' ')
				p++;
			if (*p != ':')
				continue;
			s = p + 1;
			*reply = again = 1;
		}
	}
	len = strlen(s);
	while (len > 0 && is_space(s[len - 1]))
		len--;
	if (len > 0 && len <= CONT_MAX) {
		k.s = s;
		k.len = (uint32_t)len;
	}
	return k;
}

static uint32_t
node_row(const struct forest *f, uint32_t x)
{
	return x < f->n ? x : f->first[x - f->n];
}

/* 0 for an invisible root, 1 for an original, 2 for a reply: who leads a subject. */
static int
subject_rank(const struct forest *f, uint32_t x, int reply)
{
	if (x >= f->n)
		return 0;
	return reply ? 2 : 1;
}

static int
leads(const struct forest *f, uint32_t a, int ra, uint32_t b, int rb)
{
	if (ra != rb)
		return ra < rb;
	return row_before(f->rows, node_row(f, a), node_row(f, b));
}

static void
join_subject(struct forest *f, uint32_t x, int rx, uint32_t w, int rw, uint32_t *redirect)
{
	if (rw == 0 && rx == 0) {
		redirect[x - f->n] = w;
		f->dead[x - f->n] = 1;
	} else if (rw == 0 || (rw == 1 && rx == 2)) {
		f->par[x] = w;
		f->bysubj[x] = 1;
	}
}

/* JWZ step 5, restricted as mutt does: only replies (or dummies) are hung by subject. */
static void
group_subjects(struct forest *f)
{
	struct htab	 tab;
	struct key	*keys;
	uint32_t	*redirect, *where, w, x, h;
	uint8_t		*rank;
	size_t		 i, slot, nd = f->nn - f->n, nroots = 0;
	int		 reply;

	keys = xcalloc(f->nn + 1, sizeof *keys);
	where = xcalloc(f->nn + 1, sizeof *where);
	rank = xcalloc(f->nn + 1, 1);
	redirect = xreallocarray(NULL, nd + 1, sizeof *redirect);
	memset(redirect, 0xff, (nd + 1) * sizeof *redirect);
	for (x = 0; x < f->nn; x++)
		nroots += f->par[x] == NIL;
	/* A subject per root at most: the table never grows, so slots stay put. */
	htab_init(&tab, nroots, 1);
	for (x = 0; x < f->nn; x++) {
		if (f->par[x] != NIL)
			continue;
		keys[x] = subject_base(f->rows[node_row(f, x)].subject, &reply);
		rank[x] = (uint8_t)subject_rank(f, x, reply);
		if (keys[x].s == NULL)
			continue;
		h = htab_hash(&tab, keys[x]);
		slot = htab_slot(&tab, keys, keys[x], h);
		where[x] = (uint32_t)slot;
		w = tab.slot[slot].idx;
		if (w == NIL)
			htab_put(&tab, slot, x, h);
		else if (leads(f, x, rank[x], w, rank[w]))
			tab.slot[slot].idx = x;
	}
	for (x = 0; x < f->nn; x++) {
		if (f->par[x] != NIL || keys[x].s == NULL)
			continue;
		w = tab.slot[where[x]].idx;
		if (w != x)
			join_subject(f, x, rank[x], w, rank[w], redirect);
	}
	for (i = 0; i < f->n; i++)
		if (f->par[i] != NIL && f->par[i] >= f->n &&
		    redirect[f->par[i] - f->n] != NIL) {
			f->par[i] = redirect[f->par[i] - f->n];
			f->bysubj[i] = 1;
		}
	htab_free(&tab);
	free(keys);
	free(where);
	free(rank);
	free(redirect);
}

/* Children lists: a counting sort by parent, then each family by date. */

static void
sort_family(const struct summary *rows, uint32_t *v, size_t n)
{
	size_t		i, j;
	uint32_t	x;

	/* Families are small; insertion sort is stable and cheap there. */
	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && row_before(rows, x, v[j - 1]); j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

struct dated {
	time_t		date;
	uint32_t	row;
};

static int
cmp_dated(const void *pa, const void *pb)
{
	const struct dated *a = pa, *b = pb;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static void
sort_big_family(const struct summary *rows, uint32_t *v, size_t n)
{
	struct dated	*d = xreallocarray(NULL, n, sizeof *d);
	size_t		 i;

	for (i = 0; i < n; i++) {
		d[i].date = rows[v[i]].date;
		d[i].row = v[i];
	}
	qsort(d, n, sizeof *d, cmp_dated);
	for (i = 0; i < n; i++)
		v[i] = d[i].row;
	free(d);
}

static void
build_children(struct forest *f)
{
	uint32_t	*fill, x, p;
	size_t		 c, len;

	f->cstart = xcalloc(f->nn + 2, sizeof *f->cstart);
	f->slot = xreallocarray(NULL, f->nn + 1, sizeof *f->slot);
	f->kids = xreallocarray(NULL, f->n + 1, sizeof *f->kids);
	for (x = 0; x < f->nn; x++)
		if (f->par[x] != NIL)
			f->cstart[f->par[x] + 1]++;
	for (c = 0; c < f->nn; c++)
		f->cstart[c + 1] += f->cstart[c];
	fill = xreallocarray(NULL, f->nn + 1, sizeof *fill);
	memcpy(fill, f->cstart, f->nn * sizeof *fill);
	for (x = 0; x < f->nn; x++)
		if ((p = f->par[x]) != NIL)
			f->kids[fill[p]++] = x;
	free(fill);
	for (x = 0; x < f->nn; x++) {
		len = f->cstart[x + 1] - f->cstart[x];
		if (len > 32)
			sort_big_family(f->rows, f->kids + f->cstart[x], len);
		else if (len > 1)
			sort_family(f->rows, f->kids + f->cstart[x], len);
	}
	for (c = 0; c < f->cstart[f->nn]; c++)
		f->slot[f->kids[c]] = (uint32_t)c;
}

/* Thread order. */

struct rootkey {
	time_t		key;
	uint32_t	row;	/* first row of the thread, for ties */
	uint32_t	node;
};

static int
cmp_rootkey(const void *pa, const void *pb)
{
	const struct rootkey *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static uint32_t
first_row(const struct forest *f, uint32_t x)
{
	return x < f->n ? x : f->kids[f->cstart[x]];
}

/* Newest date below each node: children after parents in BFS order, folded backwards. */
static time_t *
newest_dates(const struct forest *f)
{
	time_t		*newest = xreallocarray(NULL, f->nn + 1, sizeof *newest);
	uint32_t	*queue = xreallocarray(NULL, f->nn + 1, sizeof *queue);
	size_t		 head = 0, tail = 0, c;
	uint32_t	 x, p;

	for (x = 0; x < f->nn; x++) {
		newest[x] = x < f->n ? f->rows[x].date : 0;
		if (f->par[x] == NIL && !(x >= f->n && f->dead[x - f->n]))
			queue[tail++] = x;
	}
	while (head < tail) {
		x = queue[head++];
		for (c = f->cstart[x]; c < f->cstart[x + 1]; c++)
			queue[tail++] = f->kids[c];
	}
	while (tail > 0) {
		x = queue[--tail];
		p = f->par[x];
		if (p != NIL && newest[x] > newest[p])
			newest[p] = newest[x];
	}
	free(queue);
	return newest;
}

static struct rootkey *
sorted_roots(const struct forest *f, const struct thread_opts *o, size_t *nroots)
{
	struct rootkey	*r = xreallocarray(NULL, f->nn + 1, sizeof *r), tmp;
	time_t		*newest = NULL;
	size_t		 k = 0, i;
	uint32_t	 x;

	if (o->sort == THREAD_SORT_LAST)
		newest = newest_dates(f);
	for (x = 0; x < f->nn; x++) {
		if (f->par[x] != NIL || (x >= f->n && f->dead[x - f->n]))
			continue;
		r[k].node = x;
		r[k].row = first_row(f, x);
		r[k].key = newest != NULL ? newest[x] : f->rows[r[k].row].date;
		k++;
	}
	free(newest);
	qsort(r, k, sizeof *r, cmp_rootkey);
	if (o->reverse)
		for (i = 0; i < k / 2; i++) {
			tmp = r[i];
			r[i] = r[k - 1 - i];
			r[k - 1 - i] = tmp;
		}
	*nroots = k;
	return r;
}

/* Display order: preorder without recursion, walking the children lists. */

static uint32_t
next_preorder(const struct forest *f, uint32_t x, uint32_t root, size_t *depth)
{
	uint32_t	p;

	if (f->cstart[x] < f->cstart[x + 1]) {
		(*depth)++;
		return f->kids[f->cstart[x]];
	}
	while (x != root) {
		p = f->par[x];
		if (f->slot[x] + 1 < f->cstart[p + 1])
			return f->kids[f->slot[x] + 1];
		x = p;
		(*depth)--;
	}
	return NIL;
}

static void
emit(struct thread_view *v, const struct forest *f, size_t *pos, uint32_t x, size_t depth,
    int start)
{
	size_t		i = (*pos)++, pp;
	uint32_t	p = f->par[x];
	uint8_t		fl = start ? THREAD_START : 0;

	v->order[i] = x;
	v->pos_of_row[x] = i;
	v->depth[i] = (uint16_t)(depth < THREAD_DEPTH_MAX ? depth : THREAD_DEPTH_MAX);
	v->parent[i] = THREAD_NONE;
	v->lines[i] = 0;
	if (p != NIL && f->slot[x] + 1 == f->cstart[p + 1])
		fl |= THREAD_LAST;
	if (f->bysubj[x])
		fl |= THREAD_BY_SUBJECT;
	if (p != NIL && p >= f->n)
		fl |= THREAD_MISSING_PARENT;
	else if (p != NIL) {
		pp = v->pos_of_row[p];
		v->parent[i] = pp;
		v->lines[i] = v->lines[pp];
		/* The parent's column shows "│" below it while the parent has siblings to come. */
		if (depth >= 2 && depth - 1 < THREAD_DEPTH_MAX && !(v->flags[pp] & THREAD_LAST))
			v->lines[i] |= 1u << (depth - 2);
	}
	v->flags[i] = fl;
}

static void
lay_out(struct thread_view *v, const struct forest *f, const struct rootkey *roots,
    size_t nroots)
{
	size_t		t, pos = 0, depth;
	uint32_t	x;

	v->nthreads = nroots;
	v->thread_start = xreallocarray(NULL, nroots + 1, sizeof *v->thread_start);
	for (t = 0; t < nroots; t++) {
		v->thread_start[t] = pos;
		x = roots[t].node;
		depth = 0;
		while (x != NIL) {
			if (x < f->n)
				emit(v, f, &pos, x, depth, pos == v->thread_start[t]);
			x = next_preorder(f, x, roots[t].node, &depth);
		}
	}
	v->thread_start[nroots] = pos;
	assert(pos == v->n);
}

static void
rebuild_visible(struct thread_view *v)
{
	size_t	i;

	v->nvisible = 0;
	for (i = 0; i < v->n; i++)
		if (!(v->flags[i] & THREAD_HIDDEN))
			v->visible[v->nvisible++] = i;
}

static struct thread_view *
view_alloc(size_t n)
{
	struct thread_view *v = xcalloc(1, sizeof *v);

	v->n = n;
	v->order = xreallocarray(NULL, n + 1, sizeof *v->order);
	v->pos_of_row = xreallocarray(NULL, n + 1, sizeof *v->pos_of_row);
	v->parent = xreallocarray(NULL, n + 1, sizeof *v->parent);
	v->depth = xreallocarray(NULL, n + 1, sizeof *v->depth);
	v->flags = xreallocarray(NULL, n + 1, sizeof *v->flags);
	v->lines = xreallocarray(NULL, n + 1, sizeof *v->lines);
	v->visible = xreallocarray(NULL, n + 1, sizeof *v->visible);
	return v;
}

static void
forest_free(struct forest *f)
{
	free(f->par);
	free(f->first);
	free(f->bysubj);
	free(f->dead);
	free(f->cstart);
	free(f->kids);
	free(f->slot);
}

struct thread_view *
thread_build(const struct summary *rows, size_t n, const struct thread_opts *opts)
{
	static const struct thread_opts defaults;
	struct thread_view *v = view_alloc(n);
	struct threader	 t;
	struct forest	 f;
	struct rootkey	*roots;
	size_t		 nroots;

	if (opts == NULL)
		opts = &defaults;
	threader_init(&t, rows, n);
	link_all(&t);
	memset(&f, 0, sizeof f);
	f.rows = rows;
	f.n = n;
	prune(&t, &f);
	threader_free(&t);
	f.bysubj = xcalloc(f.nn + 1, 1);
	f.dead = xcalloc(f.nn - f.n + 1, 1);
	if (!opts->strict)
		group_subjects(&f);
	build_children(&f);
	roots = sorted_roots(&f, opts, &nroots);
	lay_out(v, &f, roots, nroots);
	free(roots);
	forest_free(&f);
	rebuild_visible(v);
	return v;
}

void
thread_free(struct thread_view *v)
{
	if (v == NULL)
		return;
	free(v->order);
	free(v->pos_of_row);
	free(v->parent);
	free(v->depth);
	free(v->flags);
	free(v->lines);
	free(v->thread_start);
	free(v->visible);
	free(v);
}

/* Drawing. */

static void
put_piece(char *buf, size_t len, size_t *used, int *full, const char *piece)
{
	size_t	plen = strlen(piece);

	/* Whole pieces only, so a short buffer never ends inside a character. */
	if (!*full && *used + plen < len) {
		memcpy(buf + *used, piece, plen);
		buf[*used + plen] = '\0';
	} else
		*full = 1;
	*used += plen;
}

size_t
thread_tree_prefix(const struct thread_view *v, size_t pos, char *buf, size_t len)
{
	size_t		used = 0, j;
	unsigned	d = v->depth[pos];
	uint8_t		fl = v->flags[pos];
	int		full = 0;
	const char	*corner;

	if (len > 0)
		buf[0] = '\0';
	if (d == 0)
		return 0;
	for (j = 0; j + 1 < d; j++)
		put_piece(buf, len, &used, &full, (v->lines[pos] >> j) & 1 ? "│ " : "  ");
	if (fl & THREAD_LAST)
		corner = "└";
	else if ((fl & THREAD_MISSING_PARENT) && (fl & THREAD_START))
		corner = "┌";
	else
		corner = "├";
	put_piece(buf, len, &used, &full, corner);
	put_piece(buf, len, &used, &full, fl & THREAD_BY_SUBJECT ? "*" : "─");
	put_piece(buf, len, &used, &full, ">");
	return used;
}

int
thread_tree_width(const struct thread_view *v, size_t pos)
{
	unsigned	d = v->depth[pos];

	return d == 0 ? 0 : (int)(2 * (d - 1) + 3);
}

/* Threads and collapsing. */

size_t
thread_index(const struct thread_view *v, size_t pos)
{
	size_t	lo = 0, hi = v->nthreads, mid;

	/* The last thread whose start is <= pos. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (v->thread_start[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
thread_size(const struct thread_view *v, size_t pos)
{
	size_t	t = thread_index(v, pos);

	return v->thread_start[t + 1] - v->thread_start[t];
}

size_t
thread_hidden(const struct thread_view *v, size_t pos)
{
	if (pos >= v->n || !(v->flags[pos] & THREAD_COLLAPSED))
		return 0;
	return thread_size(v, pos) - 1;
}

size_t
thread_visible_index(const struct thread_view *v, size_t pos)
{
	size_t	lo = 0, hi = v->nvisible, mid;

	if (v->flags[pos] & THREAD_HIDDEN)
		pos = v->thread_start[thread_index(v, pos)];
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v->visible[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Returns whether anything changed. */
static int
set_collapsed(struct thread_view *v, size_t t, int on)
{
	size_t	s = v->thread_start[t], e = v->thread_start[t + 1], i;

	if (e - s < 2 || !(v->flags[s] & THREAD_COLLAPSED) == !on)
		return 0;
	if (on)
		v->flags[s] |= THREAD_COLLAPSED;
	else
		v->flags[s] &= (uint8_t)~THREAD_COLLAPSED;
	for (i = s + 1; i < e; i++) {
		if (on)
			v->flags[i] |= THREAD_HIDDEN;
		else
			v->flags[i] &= (uint8_t)~THREAD_HIDDEN;
	}
	return 1;
}

static size_t
collapse_to(struct thread_view *v, size_t pos, int how)
{
	size_t	t;
	int	on;

	if (pos >= v->n)
		return pos;
	t = thread_index(v, pos);
	on = how >= 0 ? how : !(v->flags[v->thread_start[t]] & THREAD_COLLAPSED);
	if (set_collapsed(v, t, on))
		rebuild_visible(v);
	return v->thread_start[t];
}

size_t
thread_collapse(struct thread_view *v, size_t pos)
{
	return collapse_to(v, pos, 1);
}

size_t
thread_expand(struct thread_view *v, size_t pos)
{
	return collapse_to(v, pos, 0);
}

size_t
thread_toggle(struct thread_view *v, size_t pos)
{
	return collapse_to(v, pos, -1);
}

void
thread_toggle_all(struct thread_view *v)
{
	size_t	t, s;
	int	on = 0;

	for (t = 0; t < v->nthreads && !on; t++) {
		s = v->thread_start[t];
		if (v->thread_start[t + 1] - s > 1 && !(v->flags[s] & THREAD_COLLAPSED))
			on = 1;
	}
	for (t = 0; t < v->nthreads; t++)
		set_collapsed(v, t, on);
	rebuild_visible(v);
}
