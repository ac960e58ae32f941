/* err.c - filling struct bote_err. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
bote_err_clear(struct bote_err *err)
{
	if (err == NULL)
		return;
	err->kind = BOTE_ERR_NONE;
	err->msg[0] = '\0';
}

void
bote_err_set(struct bote_err *err, enum bote_err_kind kind, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL)
		return;
	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

void
bote_err_errno(struct bote_err *err, int errnum, const char *fmt, ...)
{
	va_list	ap;
	size_t	len;

	if (err == NULL)
		return;
	err->kind = BOTE_ERR_LOCAL;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	len = strlen(err->msg);
	snprintf(err->msg + len, sizeof err->msg - len, ": %s", strerror(errnum));
}

const char *
bote_err_kind_name(enum bote_err_kind kind)
{
	switch (kind) {
	case BOTE_ERR_NONE:		return "none";
	case BOTE_ERR_COMMAND:		return "command";
	case BOTE_ERR_CONNECTION:	return "connection";
	case BOTE_ERR_AUTH:		return "auth";
	case BOTE_ERR_TLS:		return "tls";
	case BOTE_ERR_LOCAL:		return "local";
	case BOTE_ERR_PARSE:		return "parse";
	case BOTE_ERR_CANCELLED:	return "cancelled";
	case BOTE_ERR_UNSUPPORTED:	return "unsupported";
	case BOTE_ERR_USAGE:		return "usage";
	case BOTE_ERR_NOTFOUND:		return "notfound";
	case BOTE_ERR_NOTEMPTY:		return "notempty";
	}
	return "unknown";
}
