/* fuzz_html.c - libFuzzer target: the built-in HTML to text converter on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mime/html_text.h"
#include "utf8_check.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The converter's promises: UTF-8, trimmed lines, at most two blank lines, trimmed ends. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*t = html_to_text((const char *)data, size);
	size_t	 n = strlen(t);

	if (!utf8_check_valid(t) || strstr(t, "\n\n\n\n") != NULL || strstr(t, " \n") != NULL ||
	    strstr(t, "\t\n") != NULL)
		abort();
	if (n > 0 && (t[0] == '\n' || t[n - 1] == '\n' || t[n - 1] == ' '))
		abort();
	free(t);
	return 0;
}
