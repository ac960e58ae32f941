/* t_attach.c - attachment names, the mailcap parser and command tokenizer, URL extraction. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

#include "attach/attach.h"
#include "attach/mailcap.h"
#include "attach/url.h"

static void
name(const char *in, const char *type, const char *want, const char *what)
{
	char	*got = attach_name_safe(in, type);

	is_str(got, want, "name: %s", what);
	free(got);
}

static void
test_names(void)
{
	char	 longname[600], *got;
	size_t	 i;

	name("report.pdf", "application/pdf", "report.pdf", "a plain name stays");
	name("../../.bashrc", "text/plain", "bashrc", "no climbing, no hidden file");
	name("/etc/passwd", NULL, "passwd", "an absolute path keeps its last part");
	name("C:\\Users\\x\\evil.exe", NULL, "evil.exe", "backslashes separate too");
	name("..", "application/pdf", "attachment.pdf", "'..' alone: the fallback");
	name(".", NULL, "attachment.bin", "'.' alone: the fallback");
	name("", "image/png", "attachment.png", "empty: fallback with the type's extension");
	name(NULL, "text/html", "attachment.html", "no name at all");
	name("dir/", NULL, "attachment.bin", "a trailing slash leaves nothing");
	name("evil\nname.txt", NULL, "evil name.txt", "newline becomes a space");
	name("esc\033[31mred.txt", NULL, "esc_[31mred.txt", "escape becomes '_'");
	name("-rf", NULL, "rf", "no leading dash (option injection)");
	name("--- ...x", NULL, "x", "leading dashes, dots and blanks go");
	name("name. . .", NULL, "name", "trailing dots and blanks go");
	name("a\xe2\x80\xaeTXT.exe", NULL, "aTXT.exe", "a bidi override is removed");
	name("caf\xc3\xa9.txt", NULL, "caf\xc3\xa9.txt", "UTF-8 stays");
	name("bad\xff.txt", NULL, "bad_.txt", "invalid UTF-8 becomes '_'");
	name("~/x", NULL, "x", "a tilde path keeps its last part");
	name("a;$(touch x)`y`", NULL, "a;$(touch x)`y`", "shell syntax is only text in a name");
	memset(longname, 'a', sizeof longname);
	memcpy(longname + sizeof longname - 5, ".pdf", 5);
	got = attach_name_safe(longname, NULL);
	ok(strlen(got) <= ATTACH_NAME_MAX, "a long name is cut to %d bytes", ATTACH_NAME_MAX);
	ok(strlen(got) > 4 && strcmp(got + strlen(got) - 4, ".pdf") == 0,
	    "a long name keeps its extension");
	free(got);
	/* A long name of 2-byte characters is cut between characters. */
	for (i = 0; i + 2 < sizeof longname; i += 2)
		memcpy(longname + i, "\xc3\xa4", 2);
	longname[i] = '\0';
	got = attach_name_safe(longname, NULL);
	ok(strlen(got) <= ATTACH_NAME_MAX && strlen(got) % 2 == 0,
	    "a long UTF-8 name is cut at a character");
	free(got);
	is_str(attach_type_ext("APPLICATION/PDF"), ".pdf", "type extension ignores case");
	is_str(attach_type_ext("text/x-weird"), ".txt", "other text types are .txt");
	is_str(attach_type_ext("x/y"), ".bin", "unknown types are .bin");
}

static void
argv_is(const char *cmd, const struct mailcap_vars *v, const char *want, const char *what)
{
	char	**argv, buf[1024];
	int	  uses;
	size_t	  i, o = 0;

	if (mailcap_command(cmd, v, &argv, &uses, NULL) != 0) {
		is_str("(error)", want, "argv: %s", what);
		return;
	}
	buf[0] = '\0';
	for (i = 0; argv[i] != NULL; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s[%s]", i ? " " : "", argv[i]);
	is_str(buf, want, "argv: %s", what);
	attach_argv_free(argv);
}

static void
test_tokenizer(void)
{
	const char		*params[] = { "charset", "utf-8", "name", "$(touch x)",
				    "format", "a;b", "Level", "2", NULL };
	struct mailcap_vars	 v = { "/tmp/bote-x/part-1.pdf", "application/pdf", params };
	char			**argv;
	int			 uses;

	argv_is("evince %s", &v, "[evince] [/tmp/bote-x/part-1.pdf]", "plain %s");
	argv_is("viewer '%s' \"%t\"", &v, "[viewer] [/tmp/bote-x/part-1.pdf] [application/pdf]",
	    "quotes around %s and %t are removed");
	argv_is("v --cs=%{charset} %{NAME} x%{format}y %{level}", &v,
	    "[v] [--cs=utf-8] [] [xy] [2]",
	    "a safe parameter passes, unsafe ones become empty, names ignore case");
	argv_is("v 'a b' \"c d\" e\\ f 100%%", &v, "[v] [a b] [c d] [e f] [100%]",
	    "quoting, escapes and %%");
	argv_is("v %{missing} %q", &v, "[v] [] [%q]", "an unknown parameter and sequence");
	argv_is("  lead   trail  ", &v, "[lead] [trail]", "blanks around words");
	argv_is("v '%s; rm -rf ~'", &v, "[v] [/tmp/bote-x/part-1.pdf; rm -rf ~]",
	    "shell syntax inside single quotes is text");
	argv_is("v %s | cat", &v,
	    "[/bin/sh] [-c] [v \"${1}\" | cat] [sh] [/tmp/bote-x/part-1.pdf] [application/pdf]",
	    "a pipe runs sh with the file as $1");
	argv_is("v '%s' \"%{charset}\" %{name}; true", &v,
	    "[/bin/sh] [-c] [v ''\"${1}\"'' \"${3}\" \"${4}\"; true] [sh] "
	    "[/tmp/bote-x/part-1.pdf] [application/pdf] [utf-8] []",
	    "under sh every value from the mail is a positional parameter");
	argv_is("test -n \"$DISPLAY\"", &v,
	    "[/bin/sh] [-c] [test -n \"$DISPLAY\"] [sh] [/tmp/bote-x/part-1.pdf] "
	    "[application/pdf]", "a $ in double quotes needs the shell");
	argv_is("LESS=-R less %s", &v,
	    "[/bin/sh] [-c] [LESS=-R less \"${1}\"] [sh] [/tmp/bote-x/part-1.pdf] "
	    "[application/pdf]", "an assignment before the command needs the shell");
	argv_is("v %s # note", &v,
	    "[/bin/sh] [-c] [v \"${1}\" # note] [sh] [/tmp/bote-x/part-1.pdf] "
	    "[application/pdf]", "a comment needs the shell");
	argv_is("v --x=1 a#b %s", &v, "[v] [--x=1] [a#b] [/tmp/bote-x/part-1.pdf]",
	    "'=' in a later word and '#' inside a word are plain");
	ok(mailcap_command("v 'open", &v, &argv, &uses, NULL) == -1, "an open quote is refused");
	ok(mailcap_command("   ", &v, &argv, &uses, NULL) == -1, "an empty command is refused");
	mailcap_command("less", &v, &argv, &uses, NULL);
	ok(uses == 0, "no %%s: the part goes on stdin");
	attach_argv_free(argv);
	mailcap_command("less %s", &v, &argv, &uses, NULL);
	ok(uses == 1, "%%s seen");
	attach_argv_free(argv);

	ok(mailcap_param_ok("utf-8") && mailcap_param_ok("ISO-8859-1") &&
	    mailcap_param_ok("a.b+c_d"), "plain parameter values are allowed");
	ok(!mailcap_param_ok("") && !mailcap_param_ok("-x") && !mailcap_param_ok("a b") &&
	    !mailcap_param_ok("a;b") && !mailcap_param_ok("$x") && !mailcap_param_ok("`x`") &&
	    !mailcap_param_ok("a/b") && !mailcap_param_ok("\xc3\xa4") && !mailcap_param_ok(NULL),
	    "values with shell syntax, blanks, a leading dash or non-ASCII are refused");
	ok(!mailcap_param_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	    "a value longer than 64 is refused");
}

static void
test_parser(void)
{
	struct mailcap			 mc = { NULL, 0 };
	struct mailcap_vars		 v = { "/tmp/f", "image/png", NULL };
	const struct mailcap_entry	*e;
	const char			*text =
	    "# comment\n"
	    "\n"
	    "image/png; first %s; test=false\n"
	    "IMAGE/*; second %s; needsterminal\n"
	    "text/plain; less %s \\; more; copiousoutput; description=\"x\"\n"
	    "text; lynx -dump %s;\\\n"
	    "   copiousoutput\n"
	    "broken line without a command\n"
	    "application/pdf;\n"
	    "audio/ogg; play %s; test = true ; needsterminal\n";

	mailcap_parse(&mc, text, strlen(text));
	is_int(mc.n, 5, "parser: five usable entries");
	is_str(mc.v[0].type, "image/png", "parser: type");
	is_str(mc.v[0].view, "first %s", "parser: view command");
	is_str(mc.v[0].test, "false", "parser: test=");
	is_str(mc.v[1].type, "image/*", "parser: type in lower case");
	ok(mc.v[1].needsterminal && !mc.v[1].copiousoutput, "parser: needsterminal");
	is_str(mc.v[2].view, "less %s ; more", "parser: \\; is a literal semicolon");
	ok(mc.v[2].copiousoutput, "parser: copiousoutput");
	ok(mc.v[3].copiousoutput, "parser: a continuation line");
	is_str(mc.v[4].test, "true", "parser: blanks around test =");
	ok(mc.v[4].needsterminal, "parser: flag after test");

	e = mailcap_find(&mc, "image/png", &v);
	ok(e == &mc.v[1], "find: a failing test skips the entry; a wildcard matches");
	e = mailcap_find(&mc, "text/html", &v);
	ok(e == &mc.v[3], "find: a bare major type matches any subtype");
	e = mailcap_find(&mc, "audio/ogg", &v);
	ok(e == &mc.v[4], "find: a passing test");
	ok(mailcap_find(&mc, "video/mp4", &v) == NULL, "find: nothing for an unknown type");
	ok(mailcap_type_match("text/*", "TEXT/Plain") && mailcap_type_match("text", "text/x") &&
	    !mailcap_type_match("text/*", "textile/x") && !mailcap_type_match("tex", "text/x"),
	    "type match: wildcards only at a '/'");
	mailcap_free(&mc);

	mailcap_parse(&mc, "a/b; x\0y; copiousoutput", 23);
	is_int(mc.n, 1, "parser: a NUL byte does not end the text");
	mailcap_free(&mc);
}

static void
urls_are(const char *text, const char *want, const char *what)
{
	struct url_list	 l = { NULL, 0 };
	char		 buf[2048];
	size_t		 i, o = 0;

	url_extract(&l, text, strlen(text));
	buf[0] = '\0';
	for (i = 0; i < l.n; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? " " : "", l.v[i]);
	is_str(buf, want, "urls: %s", what);
	url_list_free(&l);
}

static void
test_urls(void)
{
	urls_are("see https://a.example/x.", "https://a.example/x", "trailing period");
	urls_are("(http://a.example/b_(c)) and [https://b.example/]!",
	    "http://a.example/b_(c) https://b.example/", "balanced brackets stay, others go");
	urls_are("<https://a.example/q?x=1&y=2#frag>", "https://a.example/q?x=1&y=2#frag",
	    "angle brackets end a link");
	urls_are("HTTPS://A.example/ http://x/ https://A.example/ HTTPS://A.example/",
	    "HTTPS://A.example/ http://x/ https://A.example/", "duplicates once, case kept");
	urls_are("mailto:bob@example.org, ftp://f.example/p;", "mailto:bob@example.org "
	    "ftp://f.example/p", "mailto and ftp");
	urls_are("xhttp://no.example http:// https://", "", "inside a word or empty: none");
	urls_are("javascript:alert(1) file:///etc/passwd data:text/html,x", "",
	    "other schemes are no links");
	urls_are("a \"http://q.example/\"'s", "http://q.example/", "quotes end a link");
	urls_are("http://c.example/a\033[31mb", "http://c.example/a", "a control byte ends a link");
	urls_are("text <url> https://h.example/p\nhttps://h.example/2",
	    "https://h.example/p https://h.example/2", "a newline ends a link");
	ok(url_ok("https://a.example/"), "url_ok: a plain link");
	ok(!url_ok("https://a.example/\x1b") && !url_ok("https://a b") &&
	    !url_ok("https://a\xc2\x9b") && !url_ok("javascript:x") && !url_ok("https://a\x7f"),
	    "url_ok: controls, blanks, C1 and other schemes are refused");
}

static void
test_tmp(void)
{
	char	*path = NULL, *dir, tmpl[] = "/tmp/t_attach-XXXXXX";
	int	 fd;

	if (mkdtemp(tmpl) == NULL) {
		ok(0, "tmp: test dir");
		return;
	}
	setenv("TMPDIR", tmpl, 1);
	fd = attach_tmp_file("application/pdf", &path, NULL);
	ok(fd != -1 && path != NULL, "tmp: a file is made");
	ok(path != NULL && strncmp(path, tmpl, strlen(tmpl)) == 0 &&
	    strstr(path, "/part-") != NULL && strcmp(path + strlen(path) - 4, ".pdf") == 0,
	    "tmp: under TMPDIR, named part-XXXXXX.pdf");
	dir = path != NULL ? strdup(path) : NULL;
	if (dir != NULL)
		*strrchr(dir, '/') = '\0';
	if (dir != NULL) {
		struct stat st;

		ok(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "tmp: the directory is 0700");
		ok(fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600, "tmp: the file is 0600");
	}
	if (fd != -1)
		close(fd);
	attach_tmp_cleanup();
	ok(dir != NULL && access(dir, F_OK) == -1, "tmp: cleanup removes the directory");
	free(dir);
	free(path);
	tap_rm_tree(tmpl);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_names();
	test_tokenizer();
	test_parser();
	test_urls();
	test_tmp();
	return done_testing();
}
