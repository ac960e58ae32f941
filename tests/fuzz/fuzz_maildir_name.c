/*
 * fuzz_maildir_name.c - libFuzzer target: arbitrary Maildir file names (another program's, or
 * planted) through bote's name rules; a renamed file keeps its unique part and stays safe.
 *
 * Input: one byte of flags to set, one of flags to clear, then the file name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/flags.h"
#include "maildir/maildir_name.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Letters after ":2," in ASCII order, each once, none that could leave cur/. */
static void
check_letters(const char *letters)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)letters; *p != '\0'; p++) {
		if (*p <= ' ' || *p == '/' || *p == ':')
			abort();
		if (p[1] != '\0' && p[1] <= p[0])
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned	 set, clear, old, now;
	char		*name, *renamed, *kw;
	size_t		 ulen;

	if (size < 2 || size - 2 > 255)
		return 0;	/* NAME_MAX: no longer name comes out of readdir() */
	set = data[0] & FLAG_ALL_STORED;
	clear = data[1] & FLAG_ALL_STORED;
	if ((name = strndup((const char *)data + 2, size - 2)) == NULL)
		return 0;
	ulen = maildir_name_unique_len(name);
	if (ulen > strlen(name) || (name[ulen] != '\0' && name[ulen] != ':') ||
	    memchr(name, ':', ulen) != NULL)
		abort();
	old = maildir_letters_flags(maildir_name_letters(name));
	if ((kw = maildir_name_keywords(name)) != NULL) {
		if (*kw == '\0' || strspn(kw, "abcdefghijklmnopqrstuvwxyz") != strlen(kw))
			abort();
		free(kw);
	}

	renamed = maildir_name_with_flags(name, set, clear);
	if (strncmp(renamed, name, ulen) != 0 || strncmp(renamed + ulen, ":2,", 3) != 0)
		abort();
	check_letters(renamed + ulen + 3);
	if (strcmp(maildir_name_letters(renamed), renamed + ulen + 3) != 0)
		abort();
	now = maildir_letters_flags(maildir_name_letters(renamed));
	if (now != (((old & ~clear) | set) & FLAG_ALL_STORED & ~FLAG_NEW))
		abort();
	/* A valid name stays valid; an invalid one never becomes a path outside the folder. */
	if (maildir_name_valid(name) && !maildir_name_valid(renamed))
		abort();
	if (maildir_name_valid(renamed) && (strchr(renamed, '/') != NULL || renamed[0] == '.'))
		abort();
	free(renamed);
	free(name);
	return 0;
}
