/* fuzz_html.c - libFuzzer target: the built-in HTML to text converter on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mime/html_text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
valid_utf8(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 need, i;
	unsigned		 cp, min;

	while (*u != '\0') {
		if (*u < 0x80) {
			u++;
			continue;
		}
		if ((*u & 0xe0) == 0xc0) {
			need = 1, cp = *u & 0x1f, min = 0x80;
		} else if ((*u & 0xf0) == 0xe0) {
			need = 2, cp = *u & 0x0f, min = 0x800;
		} else if ((*u & 0xf8) == 0xf0) {
			need = 3, cp = *u & 0x07, min = 0x10000;
		} else
			return 0;
		for (i = 1; i <= need; i++) {
			if ((u[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (u[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		u += need + 1;
	}
	return 1;
}

/* The converter's promises: UTF-8, trimmed lines, at most two blank lines, trimmed ends. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*t = html_to_text((const char *)data, size);
	size_t	 n = strlen(t);

	if (!valid_utf8(t) || strstr(t, "\n\n\n\n") != NULL || strstr(t, " \n") != NULL ||
	    strstr(t, "\t\n") != NULL)
		abort();
	if (n > 0 && (t[0] == '\n' || t[n - 1] == '\n' || t[n - 1] == ' '))
		abort();
	free(t);
	return 0;
}
