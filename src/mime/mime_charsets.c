/*
 * mime_charsets.c - keep glibc's converters for the usual mail charsets
 * loaded for the life of the process.
 *
 * GMime opens and closes an iconv descriptor for every encoded word it
 * decodes.  glibc loads a charset's converter module (gconv/ISO8859-1.so,
 * and for ISO-2022-JP also libJIS, libGB and libKSC) on the first open and
 * unloads it when the last descriptor closes, so a folder of 10,000
 * messages made bote map and unmap those modules about 660 times.  One
 * descriptor per charset held open keeps each module loaded after its
 * first use.  Pinning happens once, on the thread that first decodes a
 * header (a worker), never on the UI thread at start-up.
 */
#include "mime/mime_private.h"

#include <iconv.h>
#include <pthread.h>

/* The charsets seen most in mail headers (and those whose modules pull in others). */
static const char *const pinned_names[] = {
	"ISO-8859-1", "ISO-8859-2", "ISO-8859-15", "WINDOWS-1252", "WINDOWS-1251",
	"KOI8-R", "ISO-2022-JP", "SHIFT_JIS", "EUC-JP", "GBK", "GB18030", "BIG5",
	"EUC-KR",
};
#define NPINNED	(sizeof pinned_names / sizeof pinned_names[0])

static iconv_t		pinned[NPINNED];
static pthread_once_t	pin_once = PTHREAD_ONCE_INIT;
static int		pin_done;

static void
pin(void)
{
	size_t	i;

	for (i = 0; i < NPINNED; i++)
		pinned[i] = iconv_open("UTF-8", pinned_names[i]);	/* (iconv_t)-1 if absent */
	pin_done = 1;
}

void
mime_charsets_pin(void)
{
	(void)pthread_once(&pin_once, pin);
}

/* At exit, after every thread that decodes has stopped. */
void
mime_charsets_unpin(void)
{
	size_t	i;

	if (!pin_done)
		return;
	for (i = 0; i < NPINNED; i++)
		if (pinned[i] != (iconv_t)-1)
			iconv_close(pinned[i]);
	pin_done = 0;
}
