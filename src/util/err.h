/* err.h - runtime errors: a kind the caller can act on and a one-line message for people. */
#ifndef BOTE_ERR_H
#define BOTE_ERR_H

enum bote_err_kind {
	BOTE_ERR_NONE = 0,
	BOTE_ERR_COMMAND,	/* the server or store refused the operation */
	BOTE_ERR_CONNECTION,	/* transport gone; reconnect */
	BOTE_ERR_AUTH,
	BOTE_ERR_TLS,
	BOTE_ERR_LOCAL,		/* file system, errno */
	BOTE_ERR_PARSE,		/* malformed input */
	BOTE_ERR_CANCELLED,
	BOTE_ERR_UNSUPPORTED,
	BOTE_ERR_USAGE,		/* bad command line or command arguments */
	BOTE_ERR_NOTFOUND,	/* no such folder or message */
	BOTE_ERR_NOTEMPTY,	/* a folder to delete still holds messages */
};

/*
 * Message style: "what failed 'object': reason", lowercase, no final period.
 * Functions that fail return -1 (or NULL) and fill a caller-provided struct;
 * a NULL err pointer is allowed and discards the message.
 */
struct bote_err {
	enum bote_err_kind	 kind;
	char			 msg[512];
};

void	bote_err_clear(struct bote_err *);
void	bote_err_set(struct bote_err *, enum bote_err_kind, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Like bote_err_set with ": strerror(errnum)" appended; kind BOTE_ERR_LOCAL. */
void	bote_err_errno(struct bote_err *, int errnum, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
const char *bote_err_kind_name(enum bote_err_kind);

#endif
