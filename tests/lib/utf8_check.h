/* utf8_check.h - a strict UTF-8 decoder for tests and fuzz targets, kept apart from src/ so a bug there is not copied here. */
#ifndef BOTE_UTF8_CHECK_H
#define BOTE_UTF8_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One code point by Unicode Table 3-7: its length, or 0 when the sequence is ill-formed. */
static inline size_t
utf8_check_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char	lo = 0x80, hi = 0xbf, b = p[0];
	size_t		need, i;
	uint32_t	c;

	*cp = 0xfffd;	/* defined even for an ill-formed sequence */
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		need = 1;
		c = b & 0x1f;
	} else if (b >= 0xe0 && b <= 0xef) {
		need = 2;
		c = b & 0x0f;
		if (b == 0xe0)
			lo = 0xa0;	/* overlong */
		if (b == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (b >= 0xf0 && b <= 0xf4) {
		need = 3;
		c = b & 0x07;
		if (b == 0xf0)
			lo = 0x90;	/* overlong */
		if (b == 0xf4)
			hi = 0x8f;	/* > U+10FFFF */
	} else
		return 0;
	if (n < need + 1 || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 1; i <= need; i++) {
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	*cp = c;
	return need + 1;
}

static inline int
utf8_check_valid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), k;
	uint32_t		 c;

	while (n > 0) {
		if ((k = utf8_check_decode(p, n, &c)) == 0)
			return 0;
		p += k;
		n -= k;
	}
	return 1;
}

#endif
