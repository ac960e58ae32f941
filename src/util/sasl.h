/* sasl.h - the client strings of the OAuth SASL mechanisms, base64-encoded, shared by IMAP and POP3. */
#ifndef BOTE_SASL_H
#define BOTE_SASL_H

#include <stddef.h>

#include "util/buf.h"

/* Standard base64 (RFC 4648) of len bytes of in, appended to out. */
void	sasl_base64(struct buf *out, const void *in, size_t len);

/*
 * The base64 initial response of OAUTHBEARER (RFC 7628): the GS2 header
 * with the escaped user, then host, port and the bearer token.
 */
void	sasl_oauthbearer(struct buf *out, const char *user, const char *host,
	    unsigned port, const char *token);

/* The base64 initial response of Google's XOAUTH2: user=...^Aauth=Bearer ...^A^A. */
void	sasl_xoauth2(struct buf *out, const char *user, const char *token);

/* Wipe and free a buffer that held a secret. */
void	sasl_buf_wipe(struct buf *);

#endif
