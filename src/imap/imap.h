/*
 * imap.h - the pure parts of the IMAP driver that tests reach directly:
 * modified UTF-7 folder names and the flag mapping.  The driver itself is
 * imap_driver_ops in driver/driver.h.  Any thread.
 */
#ifndef BOTE_IMAP_H
#define BOTE_IMAP_H

#include <stddef.h>

#include "util/err.h"

struct account;
struct net_peer;

/*
 * A server's folder name (modified UTF-7, RFC 3501 5.1.3) as UTF-8, or
 * NULL when it is not valid modified UTF-7.  Owned.
 */
char	*imap_mutf7_decode(const char *);
/* UTF-8 to modified UTF-7 for commands, or NULL for invalid UTF-8.  Owned. */
char	*imap_mutf7_encode(const char *);

/*
 * FLAG_* bits for one IMAP flag name ("\\Seen", "$Forwarded"), 0 for a
 * keyword bote does not map.  Case-insensitive, as RFC 3501 says.
 */
unsigned imap_flags_from_name(const char *);
/* The system flag or keyword for one FLAG_* bit ("\\Seen"), or NULL. */
const char *imap_flags_name(unsigned flag);
/* 1 when name is a keyword bote keeps as text (an atom; not a system flag, not mapped). */
int	 imap_flags_is_keyword(const char *);

/*
 * The setup wizard's check: connect and log in exactly as the driver does
 * (TLS, STARTTLS rules, login), fill peer from the handshake and caps with
 * the capabilities bote uses, then log out.  cancel_fd readable gives up.
 * Returns 0, or -1 with err (BOTE_ERR_AUTH for a refused login).  Any
 * thread but the UI's: it blocks.
 */
int	 imap_probe(const struct account *, const char *password, int cancel_fd,
	    struct net_peer *peer, char *caps, size_t len, struct bote_err *);

#endif
