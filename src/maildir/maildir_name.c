/* maildir_name.c - parsing and building Maildir file names and their flag suffix. */
#include "maildir/maildir_name.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "core/flags.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const struct {
	char		letter;
	unsigned	flag;
} letter_flags[] = {
	{ 'D', FLAG_DRAFT },
	{ 'F', FLAG_FLAGGED },
	{ 'P', FLAG_PASSED },
	{ 'R', FLAG_REPLIED },
	{ 'S', FLAG_SEEN },
	{ 'T', FLAG_DELETED },
};

static int
letter_cmp(const void *a, const void *b)
{
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

size_t
maildir_name_unique_len(const char *filename)
{
	return strcspn(filename, ":");
}

const char *
maildir_name_letters(const char *filename)
{
	const char	*colon = strchr(filename, ':');

	if (colon == NULL || strncmp(colon, ":2,", 3) != 0)
		return "";
	return colon + 3;
}

/* Flag letters end at the string's end or at a stray ':' or ',' after them. */
static int
is_letter_end(char c)
{
	return c == '\0' || c == ':' || c == ',';
}

unsigned
maildir_letters_flags(const char *letters)
{
	unsigned	flags = 0;
	size_t		i;

	for (; !is_letter_end(*letters); letters++)
		for (i = 0; i < sizeof letter_flags / sizeof letter_flags[0]; i++)
			if (*letters == letter_flags[i].letter)
				flags |= letter_flags[i].flag;
	return flags;
}

char *
maildir_name_keywords(const char *filename)
{
	const char	*p = maildir_name_letters(filename);
	struct buf	 b = BUF_INIT;

	for (; !is_letter_end(*p); p++)
		if (*p >= 'a' && *p <= 'z')
			buf_putc(&b, *p);
	return b.len ? buf_steal(&b) : NULL;
}

static char
flag_letter(unsigned flag)
{
	size_t	i;

	for (i = 0; i < sizeof letter_flags / sizeof letter_flags[0]; i++)
		if (letter_flags[i].flag == flag)
			return letter_flags[i].letter;
	return '\0';
}

char *
maildir_name_with_flags(const char *filename, unsigned set, unsigned clear)
{
	const char	*old = maildir_name_letters(filename);
	size_t		 ulen = maildir_name_unique_len(filename);
	/* Room for every old letter and the six flag letters: none may be lost. */
	char		*letters = xmalloc(strcspn(old, ":,") + 8), *out;
	size_t		 n = 0, i, j;
	unsigned	 f;

	/* Keep every old letter that is not being cleared, known or not. */
	for (; !is_letter_end(*old); old++) {
		f = maildir_letters_flags((char[]){ *old, '\0' });
		if (f != 0 && (f & clear) && !(f & set))
			continue;
		if ((unsigned char)*old <= ' ' || *old == '/' || *old == ':')
			continue;
		letters[n++] = *old;
	}
	for (f = 1; f <= FLAG_PASSED; f <<= 1)
		if ((set & f) && flag_letter(f) != '\0')
			letters[n++] = flag_letter(f);
	qsort(letters, n, 1, letter_cmp);
	for (i = j = 0; i < n; i++)
		if (j == 0 || letters[j - 1] != letters[i])
			letters[j++] = letters[i];
	out = xasprintf("%.*s:2,%.*s", (int)ulen, filename, (int)j, letters);
	free(letters);
	return out;
}

char *
maildir_name_new_unique(void)
{
	static atomic_uint	 counter;
	struct timeval		 tv;
	char			 host[256];
	struct buf		 b = BUF_INIT;
	const char		*h;

	gettimeofday(&tv, NULL);
	if (gethostname(host, sizeof host) != 0)
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	buf_printf(&b, "%lld.M%ldP%ldQ%u.", (long long)tv.tv_sec, (long)tv.tv_usec,
	    (long)getpid(), atomic_fetch_add(&counter, 1) + 1);
	for (h = host; *h != '\0'; h++) {
		if (*h == '/')
			buf_puts(&b, "\\057");
		else if (*h == ':')
			buf_puts(&b, "\\072");
		else
			buf_putc(&b, *h);
	}
	return buf_steal(&b);
}

int
maildir_name_valid(const char *filename)
{
	const unsigned char	*p = (const unsigned char *)filename;

	if (*p == '\0' || *p == '.')
		return 0;
	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/')
			return 0;
	return 1;
}
