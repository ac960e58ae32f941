/* fuzz_sanitize.c - libFuzzer target: sanitize() output is always safe, valid and a fixed point. */
#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700	/* wcwidth() */
#endif

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/sanitize.h"
#include "utf8_check.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
ref_removed(uint32_t c)
{
	return c == 0x00ad || c == 0x061c || c == 0x180e ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb) ||
	    c == 0x2028 || c == 0x2029;
}

/* Every promise sanitize() makes about its output; abort() on the first broken one. */
static void
check_output(const char *out, unsigned flags)
{
	const unsigned char	*p = (const unsigned char *)out;
	size_t			 n = strlen(out), k;
	uint32_t		 c;
	int			 base = 0, ncomb = 0, w;

	for (; n > 0; p += k, n -= k) {
		if ((k = utf8_check_decode(p, n, &c)) == 0)
			abort();
		if ((c == '\n' && (flags & SAN_MULTILINE)) ||
		    (c == '\t' && (flags & SAN_MULTILINE) && (flags & SAN_KEEP_TABS))) {
			base = ncomb = 0;
			continue;
		}
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || ref_removed(c))
			abort();
		if ((w = wcwidth((wchar_t)c)) < 0)
			abort();
		if (w > 0) {
			base = 1;
			ncomb = 0;
		} else if (!base || ++ncomb > 4)
			abort();
	}
}

static void
check_widths(const char *s)
{
	int	 w = utf8_width(s), cols, k;
	size_t	 n, len = strlen(s);
	char	*pad;

	if (utf8_fit(s, w, &cols) != len || cols != w)
		abort();
	for (k = 0; k <= w + 1; k += 1 + k / 4) {
		n = utf8_fit(s, k, &cols);
		if (cols > k || n > len)
			abort();
		pad = utf8_pad(s, k);
		if (utf8_width(pad) != k || strncmp(pad, s, n) != 0)
			abort();
		free(pad);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned	 modes[] = {
		0, SAN_MULTILINE, SAN_MULTILINE | SAN_KEEP_TABS
	};
	char			*out, *again;
	size_t			 i;

	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		out = sanitize((const char *)data, size, modes[i]);
		check_output(out, modes[i]);
		again = sanitize(out, strlen(out), modes[i]);
		if (strcmp(out, again) != 0)
			abort();
		if (modes[i] == 0)
			check_widths(out);
		free(again);
		free(out);
	}
	return 0;
}
