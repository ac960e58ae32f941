/* t_maildir_name.c - Maildir file-name rules must give the names mutt and Dovecot give. */
#include <stdlib.h>
#include <string.h>

#include "core/flags.h"
#include "maildir/maildir_name.h"
#include "tap.h"

static void
check_with(const char *in, unsigned set, unsigned clear, const char *want)
{
	char	*got = maildir_name_with_flags(in, set, clear);

	is_str(got, want, "with_flags(%s, +%#x, -%#x)", in, set, clear);
	free(got);
}

int
main(void)
{
	char	*kw, *u1, *u2;

	/* Unique part and letters. */
	is_int(maildir_name_unique_len("1700000000.M1P2Q3.host:2,S"), 22, "unique_len with info");
	is_int(maildir_name_unique_len("1700000000.M1P2Q3.host"), 22, "unique_len without info");
	is_str(maildir_name_letters("a:2,FRS"), "FRS", "letters after :2,");
	is_str(maildir_name_letters("a:1,xyz"), "", "experimental :1, info has no flags");
	is_str(maildir_name_letters("a"), "", "no info, no letters");
	is_int(maildir_letters_flags("DFPRST"), FLAG_DRAFT | FLAG_FLAGGED | FLAG_PASSED |
	    FLAG_REPLIED | FLAG_SEEN | FLAG_DELETED, "every known letter maps to its flag");
	is_int(maildir_letters_flags("abS"), FLAG_SEEN, "keyword letters are not flags");
	kw = maildir_name_keywords("x:2,FSab");
	is_str(kw, "ab", "keywords are the lowercase letters");
	free(kw);
	ok(maildir_name_keywords("x:2,FS") == NULL, "no keywords gives NULL");

	/* What mutt/neomutt write: ":2," and the letters sorted in ASCII order. */
	check_with("123.M1P2.host:2,S", FLAG_FLAGGED, 0, "123.M1P2.host:2,FS");
	check_with("123.M1P2.host:2,FS", 0, FLAG_FLAGGED, "123.M1P2.host:2,S");
	check_with("123.M1P2.host:2,S", 0, FLAG_SEEN, "123.M1P2.host:2,");
	check_with("123.M1P2.host", FLAG_SEEN, 0, "123.M1P2.host:2,S");
	check_with("123.M1P2.host", 0, 0, "123.M1P2.host:2,");
	check_with("123.M1P2.host:2,S", FLAG_REPLIED, 0, "123.M1P2.host:2,RS");
	check_with("123.M1P2.host:2,S", FLAG_DELETED, 0, "123.M1P2.host:2,ST");
	check_with("123.M1P2.host:2,FRS", FLAG_DELETED, FLAG_FLAGGED, "123.M1P2.host:2,RST");
	/* D and P, which libetpan drops, survive. */
	check_with("123.x:2,DPS", FLAG_REPLIED, 0, "123.x:2,DPRS");
	check_with("123.x:2,DS", FLAG_PASSED, 0, "123.x:2,DPS");
	/* Dovecot keywords (lowercase letters) are kept after the capitals. */
	check_with("123.x:2,Sab", FLAG_FLAGGED, 0, "123.x:2,FSab");
	check_with("123.x:2,Sba", 0, FLAG_SEEN, "123.x:2,ab");
	/* Unknown capitals stay, duplicates collapse, out-of-order input is sorted. */
	check_with("123.x:2,SZ", FLAG_FLAGGED, 0, "123.x:2,FSZ");
	check_with("123.x:2,SSF", 0, 0, "123.x:2,FS");
	check_with("123.x:2,S", FLAG_SEEN, 0, "123.x:2,S");
	/* Setting wins over clearing the same flag. */
	check_with("123.x:2,", FLAG_SEEN, FLAG_SEEN, "123.x:2,S");
	/* The experimental ":1," info is replaced, as mutt does. */
	check_with("123.x:1,foo", FLAG_SEEN, 0, "123.x:2,S");
	/* Dovecot's ",S=size" stays in the unique part. */
	check_with("123.M1P2.host,S=4711,W=4800:2,S", FLAG_FLAGGED, 0,
	    "123.M1P2.host,S=4711,W=4800:2,FS");

	/* Junk after the letters is not taken for keywords. */
	check_with("6.x:2,S:extra", FLAG_FLAGGED, 0, "6.x:2,FS");
	is_int(maildir_letters_flags("S,T"), FLAG_SEEN, "letters end at a comma");

	/* New unique names: distinct, no '/' or ':' even with odd host names. */
	u1 = maildir_name_new_unique();
	u2 = maildir_name_new_unique();
	ok(strcmp(u1, u2) != 0, "two new unique names differ");
	ok(strchr(u1, '/') == NULL && strchr(u1, ':') == NULL, "unique name has no / or :");
	ok(maildir_name_valid(u1), "a new unique name is valid");
	free(u1);
	free(u2);

	ok(!maildir_name_valid(".hidden"), "dot files are not messages");
	ok(!maildir_name_valid("a\nb"), "control characters are refused");
	ok(!maildir_name_valid(""), "empty names are refused");
	ok(maildir_name_valid("1.2.host:2,S"), "normal names are valid");
	/* Found by fuzz_maildir_name: letters past the 240th were dropped, flags with them. */
	{
		char	 name[300], *got;

		memcpy(name, "u:2,", 4);
		memset(name + 4, 'x', 248);
		strcpy(name + 252, "T");
		got = maildir_name_with_flags(name, FLAG_SEEN, 0);
		is_int(maildir_letters_flags(maildir_name_letters(got)), FLAG_SEEN | FLAG_DELETED,
		    "a name with 249 letters keeps the last one's flag");
		free(got);
	}
	return done_testing();
}
