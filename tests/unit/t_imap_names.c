/* t_imap_names.c - the IMAP driver's pure parts: modified UTF-7 names, flag names, folder URLs. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "core/flags.h"
#include "imap/imap.h"

static void
round_trip(const char *utf8, const char *mutf7)
{
	char	*enc = imap_mutf7_encode(utf8), *dec = imap_mutf7_decode(mutf7);

	is_str(enc, mutf7, "encode '%s'", utf8);
	is_str(dec, utf8, "decode '%s'", mutf7);
	free(enc);
	free(dec);
}

static void
test_mutf7(void)
{
	char	*s;

	round_trip("INBOX", "INBOX");
	round_trip("", "");
	round_trip("Café", "Caf&AOk-");
	round_trip("Café/日本", "Caf&AOk-/&ZeVnLA-");
	round_trip("A & B", "A &- B");
	round_trip("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
	round_trip("😀", "&2D3eAA-");
	ok((s = imap_mutf7_decode("Caf\xc3\xa9")) == NULL, "raw 8-bit is not modified UTF-7");
	free(s);
	ok((s = imap_mutf7_decode("&AOk")) == NULL, "an unterminated shift is refused");
	free(s);
	ok((s = imap_mutf7_decode("&AAA-")) == NULL, "an encoded NUL is refused");
	free(s);
	ok((s = imap_mutf7_encode("\xff\xfe")) == NULL, "invalid UTF-8 cannot be encoded");
	free(s);
}

static void
test_flags(void)
{
	is_int(imap_flags_from_name("\\Seen"), FLAG_SEEN, "\\Seen");
	is_int(imap_flags_from_name("\\SEEN"), FLAG_SEEN, "flag names ignore case");
	is_int(imap_flags_from_name("\\Answered"), FLAG_REPLIED, "\\Answered is replied");
	is_int(imap_flags_from_name("\\Flagged"), FLAG_FLAGGED, "\\Flagged");
	is_int(imap_flags_from_name("\\Deleted"), FLAG_DELETED, "\\Deleted");
	is_int(imap_flags_from_name("\\Draft"), FLAG_DRAFT, "\\Draft");
	is_int(imap_flags_from_name("$Forwarded"), FLAG_PASSED, "$Forwarded is passed");
	is_int(imap_flags_from_name("\\Recent"), FLAG_NEW, "\\Recent is new");
	is_int(imap_flags_from_name("$Label1"), 0, "other keywords map to no bit");
	is_str(imap_flags_name(FLAG_REPLIED), "\\Answered", "replied is \\Answered");
	is_str(imap_flags_name(FLAG_PASSED), "$Forwarded", "passed is $Forwarded");
	ok(imap_flags_name(FLAG_TAGGED) == NULL, "tagged is never stored");
	ok(imap_flags_is_keyword("$Label1"), "$Label1 is kept as a keyword");
	ok(!imap_flags_is_keyword("$Forwarded"), "$Forwarded is a flag bit, not a keyword");
	ok(!imap_flags_is_keyword("\\Seen"), "system flags are not keywords");
	/* Found by fuzz_imap: libetpan passes 8-bit keywords, which reached the index as is. */
	ok(!imap_flags_is_keyword("$l\xe1" "bel"), "a keyword with 8-bit bytes is dropped");
	ok(!imap_flags_is_keyword("a\x1b[2J"), "a keyword with a control byte is dropped");
	ok(!imap_flags_is_keyword("a]b") && !imap_flags_is_keyword("a\"b") && !imap_flags_is_keyword(""),
	    "specials and the empty name are no keywords");
}

static void
test_url(void)
{
	struct account	*a;
	struct bote_err	 err;
	char		*folder;

	a = config_url_account("imaps://anna%40example.org@imap.example.org/Listen/bote", &folder,
	    &err);
	ok(a != NULL, "imaps URL parses");
	if (a != NULL) {
		is_str(a->user, "anna@example.org", "user unescaped");
		is_str(a->host, "imap.example.org", "host");
		is_int(a->port, 993, "imaps defaults to 993");
		is_int(a->tls, ACCOUNT_TLS_IMPLICIT, "imaps is implicit TLS");
		is_str(folder, "Listen/bote", "folder");
	}
	account_copy_free(a);
	free(folder);
	a = config_url_account("imap://u@x@127.0.0.1:1143", &folder, &err);
	ok(a != NULL && strcmp(a->user, "u@x") == 0 && a->port == 1143 &&
	    a->tls == ACCOUNT_TLS_NONE && folder == NULL, "imap:// on loopback: plaintext, last @");
	account_copy_free(a);
	a = config_url_account("imap://[::1]/INBOX", &folder, &err);
	ok(a != NULL && strcmp(a->host, "::1") == 0 && a->port == 143 && a->user == NULL,
	    "IPv6 literal, no user");
	account_copy_free(a);
	free(folder);
	a = config_url_account("imap://mail.example.org/", &folder, &err);
	ok(a != NULL && a->tls == ACCOUNT_TLS_STARTTLS, "imap:// elsewhere requires STARTTLS");
	account_copy_free(a);
	ok(config_url_account("imaps://h:99999/", &folder, &err) == NULL, "bad port refused");
	ok(config_url_account("imaps://h/%0a", &folder, &err) == NULL, "escaped control refused");
	ok(config_url_account("imaps://h/%4", &folder, &err) == NULL, "short escape refused");
	ok(config_url_account("pop3://h/", &folder, &err) == NULL, "other schemes refused");
	ok(config_url_account("imaps:///INBOX", &folder, &err) == NULL, "empty host refused");
}

int
main(void)
{
	test_mutf7();
	test_flags();
	test_url();
	return done_testing();
}
