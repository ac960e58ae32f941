/* t_html_text.c - the built-in HTML to text converter: exact output for each rule, hostile input. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include "mime/html_text.h"
#include "utf8_check.h"

static void
check(const char *html, const char *want, const char *what)
{
	char	*got = html_to_text(html, strlen(html));

	is_str(got, want, "%s", what);
	free(got);
}

/* Converts len bytes, checks only that the output is sane. */
static char *
convert_n(const char *html, size_t len, const char *what)
{
	char	*got = html_to_text(html, len);

	ok(got != NULL && utf8_check_valid(got), "%s: valid UTF-8", what);
	return got;
}

static char *
repeat(const char *s, size_t n, const char *middle, const char *tail)
{
	size_t	 len = strlen(s), tlen = tail != NULL ? strlen(tail) : 0, i;
	char	*r, *p;

	r = malloc((len + tlen) * n + strlen(middle) + 1);
	p = r;
	for (i = 0; i < n; i++, p += len)
		memcpy(p, s, len);
	strcpy(p, middle);
	p += strlen(middle);
	for (i = 0; i < n && tail != NULL; i++, p += strlen(tail))
		memcpy(p, tail, strlen(tail));
	*p = '\0';
	return r;
}

static void
test_blocks(void)
{
	check("<p>Hello</p><p>World</p>", "Hello\n\nWorld", "paragraphs: blank line");
	check("a<br>b<br><br>c", "a\nb\n\nc", "br: line breaks");
	check("<div>one</div><div>two</div>", "one\ntwo", "div: line break");
	check("<h1>Title</h1>text", "Title\n\ntext", "heading: blank line");
	check("  a \n\t b  ", "a b", "white space collapses and is trimmed");
	check("a<span> b </span>c", "a b c", "inline tags keep words apart by their spaces");
	check("a<b>b</b>c", "abc", "inline tags do not add spaces");
	check("a<br><br><br><br><br><br>b", "a\n\n\nb", "at most two blank lines");
	check("<p></p><br><div>  x  </div><br><br>", "x", "leading and trailing blank lines trimmed");
	check("a<hr>b", "a\n----------------------------------------\nb", "hr: a line of dashes");
	check("<p>x</p><pre>\n  a  b\n\tc\n</pre><p>y   z</p>", "x\n\n  a  b\n\tc\n\ny z",
	    "pre keeps white space, its first newline is markup");
}

static void
test_dropped(void)
{
	check("<html><head><title>T</title><style>p{}</style></head><body>A<!-- hidden -->B"
	    "<script>var x = \"</p>\";</script>C</body></html>", "ABC",
	    "head, title, style, comments and scripts dropped");
	check("<STYLE type=text/css>body { }</STYLE>Text", "Text", "tag names are case-insensitive");
	check("a<!-->b<!--->c", "abc", "empty comments");
	check("<!DOCTYPE html><?xml version=\"1.0\"?>x<![CDATA[y]]>", "x",
	    "declarations and processing instructions dropped");
	check("<unknown-tag attr=\"1\">text</unknown-tag>", "text", "unknown tags dropped");
	check("<o:p>office</o:p>", "office", "namespaced tags dropped");
}

static void
test_lists(void)
{
	check("<ul><li>one</li><li>two</li></ul>", "  * one\n  * two", "ul");
	check("<ol><li>a<li>b</ol>", "  1. a\n  2. b", "ol, li without end tags");
	check("<ul><li>x<ul><li>y</li></ul></li><li>z</li></ul>", "  * x\n    * y\n  * z",
	    "nested lists indent");
	check("<ol><li>a<ol><li>b<li>c</ol><li>d</ol>", "  1. a\n    1. b\n    2. c\n  2. d",
	    "nested ol count separately");
	check("<li>loose</li>", "  * loose", "li outside a list");
	check("text<ul><li></li></ul>more", "text\nmore", "empty li prints no marker");
}

static void
test_quotes(void)
{
	check("<p>Hi</p><blockquote>quoted<blockquote>deeper</blockquote></blockquote>"
	    "<p>after</p>", "Hi\n\n> quoted\n>\n> > deeper\n\nafter", "nested blockquote");
	check("<blockquote><p>one</p><p>two</p></blockquote>", "> one\n>\n> two",
	    "paragraphs inside a quote");
	check("<blockquote><pre>a\n b</pre></blockquote>", "> a\n>  b", "pre inside a quote");
}

static void
test_links(void)
{
	check("<a href=\"https://example.com/\">Example</a>", "Example <https://example.com/>",
	    "link: text <url>");
	check("see <a href='https://example.com/'>https://example.com/</a>.",
	    "see https://example.com/.", "link: url omitted when it is the text");
	check("<a href=\"mailto:ann@example.org\">ann@example.org</a>", "ann@example.org",
	    "mailto link equal to its text");
	check("<a href=\"javascript:evil()\">click</a>", "click", "javascript: link dropped");
	check("<a href=\" JavaScript:evil()\">x</a>", "x", "javascript: in any case, after blanks");
	check("<a href=\"#top\">top</a>", "top", "fragment link dropped");
	check("<a href=\"/x?a=1&amp;b=2\">x</a>", "x </x?a=1&b=2>", "entities in href decoded");
	check("<a href=https://e.org/u>unquoted</a>", "unquoted <https://e.org/u>",
	    "unquoted attribute");
	check("<a href=\"https://e.org/\"></a>", "<https://e.org/>", "link without text");
	check("<a name=\"anchor\">target</a>", "target", "anchor without href");
	check("<a href=\"https://e.org/\"><img src=\"logo.png\" alt=\"Logo\"></a>",
	    "[image: Logo] <https://e.org/>", "image link");
	check("<a href=\"https://a.org/\">a<a href=\"https://b.org/\">b</a>",
	    "a <https://a.org/>b <https://b.org/>", "unclosed link closed by the next");
}

static void
test_images_tables(void)
{
	check("a <img src=\"x.png\" alt=\"Logo\"> b", "a [image: Logo] b", "img with alt");
	check("a<img src=\"pixel.gif\">b", "ab", "img without alt prints nothing");
	check("<img alt=\"  \">x", "x", "blank alt prints nothing");
	check("<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>31</td></tr></table>",
	    "Name | Age\nAnn | 31", "table cells and rows");
	check("<table><tr><td></td><td>b</td><td></td></tr></table>", "b",
	    "empty cells add no separators");
	check("<table><tr><td><table><tr><td>in</td></tr></table></td><td>out</td></tr></table>",
	    "in\nout", "nested layout tables");
}

static void
test_entities(void)
{
	check("&auml;&ouml;&uuml;&Auml;&Ouml;&Uuml;&szlig; &euro; &copy; &reg; &mdash; &ndash; "
	    "&hellip; &laquo;x&raquo; &bdquo;y&ldquo; &lsquo;z&rsquo; &bull; &middot; &times;",
	    "äöüÄÖÜß € © ® — – … «x» „y“ ‘z’ • · ×", "named entities");
	check("&amp;&lt;b&gt;&quot;&apos;", "&<b>\"'", "markup entities are text");
	check("&#228;&#xE4;&#XE4;&#228", "ääää", "numeric references");
	check("&#0;|&#1;|&#x110000;|&#xD800;|&#129;|&#99999999999;",
	    "\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd|\xef\xbf\xbd",
	    "controls, surrogates, out of range: U+FFFD");
	check("&#150;&#146;&#128;", "–’€", "0x80-0x9f read as windows-1252, as browsers do");
	check("&bogus; &amp &#; &#x; &Auml", "&bogus; &amp &#; &#x; &Auml",
	    "unknown or unterminated entities kept");
	check("a&shy;b&zwnj;c&#8203;d&#xFEFF;e", "abcde", "invisible characters dropped");
	check("a&nbsp;&nbsp;b", "a  b", "nbsp does not collapse");
	check("a&#10;&#32;&#9;b", "a b", "white space references collapse");
	check("a && b < c > d", "a && b < c > d", "stray & < > are text");
	check("x&", "x&", "& at the end");
	check("x&#x", "x&#x", "&#x at the end");
}

static void
test_utf8(void)
{
	check("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac", "café 日本", "UTF-8 passes through");
	check("caf\xe9 \xc3\xa4 \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf",
	    "caf\xef\xbf\xbd \xc3\xa4 \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd",
	    "invalid bytes, surrogates, overlongs become U+FFFD");
	{
		char	*got = html_to_text("a\0b", 3);

		is_str(got, "a\xef\xbf\xbd" "b", "NUL becomes U+FFFD");
		free(got);
	}
}

static void
test_hostile(void)
{
	char	*in, *got;
	size_t	 i;

	check("text<a href=", "text", "tag cut off at EOF");
	check("text<a href=\"abc>more", "text", "unclosed quote in a tag");
	check("a<!-- never closed", "a", "unclosed comment");
	check("x<script>y", "xy", "unclosed script shows the rest");
	check("<<<<<<", "<<<<<<", "only angle brackets");
	check("</>x</ p>", "</>x</ p>", "bogus end tags are text");
	check("<", "<", "lone <");
	check("", "", "empty input");

	in = repeat("<div>", 100000, "deep", "</div>");
	got = convert_n(in, strlen(in), "100,000 nested divs");
	is_str(got, "deep", "100,000 nested divs");
	free(got);
	free(in);

	in = repeat("<blockquote>", 100000, "q", NULL);
	got = convert_n(in, strlen(in), "100,000 unclosed blockquotes");
	ok(strncmp(got, "> > > > > > > > > > > > > > > > q", 34) == 0,
	    "quote prefix capped at 16 levels");
	free(got);
	free(in);

	in = repeat("<ol><li>", 100000, "x", NULL);
	got = convert_n(in, strlen(in), "100,000 nested lists");
	ok(strlen(got) < 100000 * 4, "nested lists: bounded indentation");
	free(got);
	free(in);

	in = repeat("<head>", 50000, "visible", NULL);
	got = convert_n(in, strlen(in), "50,000 unclosed heads");
	is_str(got, "visible", "unclosed head shows the text");
	free(got);
	free(in);

	in = repeat("<a href=\"http://x/\">", 50000, "", NULL);
	got = convert_n(in, strlen(in), "50,000 empty links");
	free(got);
	free(in);

	in = malloc(100002);
	in[0] = '<';
	memset(in + 1, 'a', 100000);
	in[100001] = '\0';
	check(in, "", "endless tag name");
	free(in);

	in = malloc(1 << 20);
	srand(42);
	for (i = 0; i < 1 << 20; i++)
		in[i] = "<>&;#x/ab=\"'! -\n\xc3\xff"[rand() % 18];
	got = convert_n(in, 1 << 20, "1 MiB of markup noise");
	free(got);
	for (i = 0; i < 1 << 20; i++)
		in[i] = (char)(rand() & 0xff);
	got = convert_n(in, 1 << 20, "1 MiB of random bytes");
	free(got);
	free(in);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	diag("html_to_text: built-in HTML to text");
	test_blocks();
	test_dropped();
	test_lists();
	test_quotes();
	test_links();
	test_images_tables();
	test_entities();
	test_utf8();
	test_hostile();
	return done_testing();
}
