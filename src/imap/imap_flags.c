/* imap_flags.c - IMAP system flags and keywords to bote's FLAG_* bits and back. */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/flags.h"
#include "imap/imap.h"

static const struct {
	const char	*name;
	unsigned	 flag;
} names[] = {
	{ "\\Seen", FLAG_SEEN },
	{ "\\Answered", FLAG_REPLIED },
	{ "\\Flagged", FLAG_FLAGGED },
	{ "\\Deleted", FLAG_DELETED },
	{ "\\Draft", FLAG_DRAFT },
	/* RFC 5788's registered keyword; Maildir's P letter in Dovecot. */
	{ "$Forwarded", FLAG_PASSED },
	{ "\\Recent", FLAG_NEW },
};

unsigned
imap_flags_from_name(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(names[i].name, name) == 0)
			return names[i].flag;
	return 0;
}

const char *
imap_flags_name(unsigned flag)
{
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].flag == flag)
			return names[i].name;
	return NULL;
}

int
imap_flags_is_keyword(const char *name)
{
	const char	*p;

	/*
	 * RFC 3501 keywords are atoms: printable ASCII without specials.  libetpan
	 * lets 8-bit and control bytes through; such a name could never be stored
	 * back, and would reach the index and the header cache as text.
	 */
	if (name[0] == '\0' || name[0] == '\\')
		return 0;
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("(){%*\"\\]", *p) != NULL)
			return 0;
	return imap_flags_from_name(name) == 0;
}
