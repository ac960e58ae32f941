/* t_summary.c - packing rows for keeping: one block, References trimmed, copies and frees safe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/summary.h"
#include "tap.h"
#include "util/buf.h"
#include "util/xmalloc.h"

int
main(void)
{
	struct summary	 s = { 0 }, c;
	struct buf	 refs = BUF_INIT;
	int		 i;
	char		 want[64];

	s.ref.name = xstrdup("1.a.host");
	s.keywords = xstrdup("ab");
	s.from_name = xstrdup("Anna");
	s.subject = xstrdup("Grüße");
	s.message_id = xstrdup("m@x");
	for (i = 1; i <= 30; i++)
		buf_printf(&refs, "%s<id%d@x>", i > 1 ? " " : "", i);
	s.references = buf_steal(&refs);

	summary_pack(&s);
	ok(s.block != NULL, "pack makes a block");
	ok(s.from_name >= s.block && s.subject > s.from_name, "strings live in the block");
	is_str(s.from_name, "Anna", "from_name kept");
	is_str(s.subject, "Grüße", "subject kept");
	ok(s.from_addr == NULL && s.to == NULL && s.in_reply_to == NULL, "NULL fields stay NULL");
	snprintf(want, sizeof want, "<id11@x>");
	ok(strncmp(s.references, want, strlen(want)) == 0, "References starts at the 20th id from the end");
	ok(strstr(s.references, "<id30@x>") != NULL && strstr(s.references, "<id10@x>") == NULL,
	    "the last ids are kept, older ones dropped");
	is_str(s.ref.name, "1.a.host", "the name stays its own string");
	summary_pack(&s);
	ok(1, "packing twice is harmless");

	summary_copy(&c, &s);
	ok(c.block == NULL && c.subject != s.subject, "a copy of a packed row is unpacked");
	is_str(c.subject, "Grüße", "and equal");
	summary_free(&c);
	summary_free(&s);
	ok(s.block == NULL && s.subject == NULL, "free clears the row");

	/* A row with no header strings packs to nothing and frees cleanly. */
	memset(&s, 0, sizeof s);
	s.ref.name = xstrdup("2.b");
	summary_pack(&s);
	ok(s.block == NULL, "nothing to pack: no block");
	summary_free(&s);

	{
		char	short_refs[] = "<a@x> <b@x>";

		summary_trim_references(short_refs);
		is_str(short_refs, "<a@x> <b@x>", "short References untouched");
		summary_trim_references(NULL);
		ok(1, "NULL References is fine");
	}
	return done_testing();
}
