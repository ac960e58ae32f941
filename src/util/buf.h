/* buf.h - a growable byte buffer that is always NUL-terminated. */
#ifndef BOTE_BUF_H
#define BOTE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;		/* owned; NULL until the first append */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_append(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...) __attribute__((format(printf, 2, 3)));
void	 buf_truncate(struct buf *, size_t);
/* Returns the string (never NULL; "" when empty) and leaves the buffer empty; caller frees. */
char	*buf_steal(struct buf *);
/* Borrowed view; valid until the next append. */
const char *buf_cstr(const struct buf *);
void	 buf_free(struct buf *);

#endif
