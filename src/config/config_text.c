/* config_text.c - what a config line may hold, and wiping secrets before they are freed. */
#include <stdlib.h>
#include <string.h>

#include "config/config_private.h"
#include "util/i18n.h"

/*
 * The bytes that may follow lead byte b (Unicode Table 3-7): the first
 * continuation byte's range excludes overlong forms, surrogates and code
 * points above U+10FFFF.  Returns the number of continuation bytes, or -1.
 */
static int
utf8_tail(unsigned char b, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xbf;
	if (b >= 0xc2 && b <= 0xdf)
		return 1;
	if (b >= 0xe0 && b <= 0xef) {
		if (b == 0xe0)
			*lo = 0xa0;
		else if (b == 0xed)
			*hi = 0x9f;
		return 2;
	}
	if (b >= 0xf0 && b <= 0xf4) {
		if (b == 0xf0)
			*lo = 0x90;
		else if (b == 0xf4)
			*hi = 0x8f;
		return 3;
	}
	return -1;
}

/*
 * Values end up in messages, status lines and the file config_write
 * produces: control characters (escape sequences, a stray CR) have no
 * business there, and a value that is not UTF-8 would be shown garbled.
 */
const char *
config_text_check(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		 lo, hi;
	size_t			 i = 0;
	int			 k, j;

	while (i < n) {
		if (p[i] < 0x80) {
			if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f)
				return _("control character");
			i++;
			continue;
		}
		if ((k = utf8_tail(p[i], &lo, &hi)) == -1 || n - i <= (size_t)k ||
		    p[i + 1] < lo || p[i + 1] > hi)
			return _("invalid UTF-8");
		for (j = 2; j <= k; j++)
			if (p[i + j] < 0x80 || p[i + j] > 0xbf)
				return _("invalid UTF-8");
		if (p[i] == 0xc2 && p[i + 1] < 0xa0)
			return _("control character");	/* C1: U+0080-U+009F */
		i += (size_t)k + 1;
	}
	return NULL;
}

void
config_text_cut(char *s)
{
	size_t		 n = strlen(s), i = n, need;
	unsigned char	 lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 || (unsigned char)s[i - 1] < 0xc0)
		return;
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1;
	if (n - i < need)
		s[i - 1] = '\0';
}

void
config_secret_free(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}
