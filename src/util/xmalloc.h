/* xmalloc.h - allocation that never returns NULL: running out of memory aborts. */
#ifndef BOTE_XMALLOC_H
#define BOTE_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* All functions may be called from any thread.  Results are owned by the caller (free()). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

#endif
