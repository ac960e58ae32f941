/* t_pop3_uidl.c - LIST and UIDL replies: what is trusted, what is refused. */
#include "tap.h"

#include "pop3/pop3_uidl.h"

static void
test_list_lines(void)
{
	unsigned	i = 99;
	uint64_t	s = 99;

	ok(pop3_uidl_parse_list("1 120", &i, &s) == 0 && i == 1 && s == 120, "plain LIST line");
	ok(pop3_uidl_parse_list("7  4096 extra", &i, &s) == 0 && i == 7 && s == 4096,
	    "extra spaces and trailing words allowed");
	ok(pop3_uidl_parse_list("0 120", &i, &s) == -1, "message number 0 refused");
	ok(pop3_uidl_parse_list("1000001 5", &i, &s) == -1, "absurd message number refused");
	ok(pop3_uidl_parse_list("1000000 5", &i, &s) == 0 && i == 1000000, "a million is still fine");
	ok(pop3_uidl_parse_list("99999999999999999999999 5", &i, &s) == -1,
	    "overflowing number refused");
	ok(pop3_uidl_parse_list("-1 5", &i, &s) == -1, "negative number refused");
	ok(pop3_uidl_parse_list("3", &i, &s) == -1, "missing size refused");
	ok(pop3_uidl_parse_list("3 12x", &i, &s) == -1, "junk glued to the size refused");
	ok(pop3_uidl_parse_list("", &i, &s) == -1, "empty line refused");
	ok(pop3_uidl_parse_list("3 99999999999999999999", &i, &s) == -1, "huge size refused");
}

static void
test_uidl_values(void)
{
	const char	*u = NULL;
	unsigned	 i = 0;
	char		 long71[72];

	ok(pop3_uidl_parse_uidl("4 abc-123", &i, &u) == 0 && i == 4 && strcmp(u, "abc-123") == 0,
	    "UIDL line parsed");
	ok(pop3_uidl_parse_uidl("0 abc", &i, &u) == -1, "UIDL for message 0 refused");
	ok(pop3_uidl_valid("00000001501234ab"), "Dovecot-style UIDL valid");
	ok(pop3_uidl_valid("~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}"), "every printable is fine");
	ok(!pop3_uidl_valid(""), "empty UIDL invalid");
	ok(!pop3_uidl_valid("a b"), "space invalid");
	ok(!pop3_uidl_valid("a\033[2Jb"), "escape invalid");
	ok(!pop3_uidl_valid("caf\xc3\xa9"), "8-bit invalid");
	memset(long71, 'x', 71);
	long71[71] = '\0';
	ok(!pop3_uidl_valid(long71), "71 characters invalid");
	long71[70] = '\0';
	ok(pop3_uidl_valid(long71), "70 characters valid");
	ok(pop3_uidl_valid("../../etc/passwd"), "traversal is just a name (never a path)");
}

static void
test_listing(void)
{
	struct pop3_listing	l;
	struct pop3_msg		*m;

	memset(&l, 0, sizeof l);
	pop3_uidl_add(&l, 3, 300);
	pop3_uidl_add(&l, 1, 100);
	pop3_uidl_add(&l, 2, 200);
	pop3_uidl_add(&l, 4, 400);
	pop3_uidl_add(&l, 4, 401);	/* listed twice: both dropped */
	pop3_uidl_add(&l, 5, 500);
	pop3_uidl_sort(&l);
	is_int(l.n, 4, "duplicate message numbers dropped");
	is_int(l.bad_lines, 2, "both copies counted as bad");
	is_int(l.max_index, 5, "highest number");
	ok(l.msgs[0].index == 1 && l.msgs[3].index == 5, "sorted by number");
	ok(pop3_uidl_find(&l, 4) == NULL, "dropped number not found");

	pop3_uidl_attach(&l, 1, "aaa");
	pop3_uidl_attach(&l, 2, "dup");
	pop3_uidl_attach(&l, 3, "dup");
	pop3_uidl_attach(&l, 5, "bad uidl");
	pop3_uidl_attach(&l, 9, "nobody");	/* not listed: ignored */
	pop3_uidl_mark_dups(&l);
	m = pop3_uidl_find(&l, 1);
	ok(m != NULL && strcmp(m->uidl, "aaa") == 0 && !m->uidl_dup, "unique UIDL attached");
	ok(pop3_uidl_find(&l, 2)->uidl_dup && pop3_uidl_find(&l, 3)->uidl_dup,
	    "shared UIDL marks both messages");
	m = pop3_uidl_find(&l, 5);
	ok(m->uidl == NULL && m->uidl_bad, "invalid UIDL refused");
	pop3_uidl_attach(&l, 1, "again");
	m = pop3_uidl_find(&l, 1);
	ok(m->uidl == NULL && m->uidl_bad, "two UIDL lines for one message: neither trusted");
	pop3_uidl_free(&l);
	ok(l.n == 0 && l.msgs == NULL, "freed");
}

static void
test_empty(void)
{
	struct pop3_listing	l;

	memset(&l, 0, sizeof l);
	pop3_uidl_sort(&l);
	pop3_uidl_mark_dups(&l);
	pop3_uidl_attach(&l, 1, "x");
	ok(l.n == 0 && l.max_index == 0 && pop3_uidl_find(&l, 1) == NULL,
	    "an empty mailbox sorts, attaches and finds nothing");
	pop3_uidl_free(&l);
}

int
main(void)
{
	test_empty();
	test_list_lines();
	test_uidl_values();
	test_listing();
	done_testing();
}
