/* sasl.c - building the OAUTHBEARER and XOAUTH2 client strings (no I/O: the protocols send them). */
#include <string.h>

#include "util/sasl.h"

void
sasl_base64(struct buf *out, const void *data, size_t len)
{
	static const char	 abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*in = data;
	unsigned long		 v;
	size_t			 i;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 | in[i + 2];
		buf_putc(out, abc[v >> 18 & 63]);
		buf_putc(out, abc[v >> 12 & 63]);
		buf_putc(out, abc[v >> 6 & 63]);
		buf_putc(out, abc[v & 63]);
	}
	if (i < len) {
		v = (unsigned long)in[i] << 16 | (i + 1 < len ? (unsigned long)in[i + 1] << 8 : 0);
		buf_putc(out, abc[v >> 18 & 63]);
		buf_putc(out, abc[v >> 12 & 63]);
		buf_putc(out, i + 1 < len ? abc[v >> 6 & 63] : '=');
		buf_putc(out, '=');
	}
}

/* RFC 5801 saslname: ',' and '=' escaped. */
static void
saslname(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ',')
			buf_puts(b, "=2C");
		else if (*s == '=')
			buf_puts(b, "=3D");
		else
			buf_putc(b, *s);
	}
}

/* The clear text goes into a buffer of its own so it can be wiped. */
static void
encode_wiped(struct buf *out, struct buf *clear)
{
	sasl_base64(out, clear->data, clear->len);
	sasl_buf_wipe(clear);
}

void
sasl_oauthbearer(struct buf *out, const char *user, const char *host, unsigned port,
    const char *token)
{
	struct buf	gs2 = BUF_INIT;

	buf_puts(&gs2, "n,a=");
	saslname(&gs2, user);
	buf_printf(&gs2, ",\001host=%s\001port=%u\001auth=Bearer %s\001\001", host, port,
	    token);
	encode_wiped(out, &gs2);
}

void
sasl_xoauth2(struct buf *out, const char *user, const char *token)
{
	struct buf	clear = BUF_INIT;

	buf_printf(&clear, "user=%s\001auth=Bearer %s\001\001", user, token);
	encode_wiped(out, &clear);
}

void
sasl_buf_wipe(struct buf *b)
{
	if (b->data != NULL)
		explicit_bzero(b->data, b->cap);
	buf_free(b);
}
