/*
 * net.h - bote's own transport for libetpan: TCP with deadlines, TLS
 * verified by OpenSSL inside the handshake, pinning, and cancellation.
 *
 * Debian's libetpan verifies no certificate and spins when a server
 * closes the connection inside a multi-line reply; every connection bote
 * makes goes through these drivers instead.  A stream made here reports
 * end of stream, a timeout, an exhausted read budget or a cancel as a read
 * error, so libetpan's parsers always return.
 *
 * Threads: a stream belongs to the worker that made it; only
 * net_cancel_fd's eventfd may be written from another thread.
 */
#ifndef BOTE_NET_H
#define BOTE_NET_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "util/err.h"

enum net_tls_mode {
	NET_TLS_IMPLICIT,
	NET_TLS_STARTTLS,
	NET_TLS_NONE,		/* loopback only; refused for other hosts */
};

struct net_params {
	const char		*host;		/* borrowed */
	uint16_t		 port;
	enum net_tls_mode	 tls;
	const char		*ca_file;	/* extra trust anchor, or NULL; borrowed */
	const unsigned char	*pin;		/* 32-byte SHA-256 of the certificate, or NULL */
	int			 timeout;	/* seconds a single read or write may wait */
	int			 cancel_fd;	/* readable = give up at once; -1 for none */
};

/* What the server showed during the handshake (for errors and the wizard). */
struct net_peer {
	char		protocol[16];	/* "TLSv1.3" */
	char		cipher[64];
	char		subject[256];	/* one line, sanitized */
	char		issuer[256];
	char		not_before[32];	/* "2026-01-01 00:00 UTC" */
	char		not_after[32];
	unsigned char	sha256[32];	/* of the certificate (DER) */
	int		has_cert;
	int		chain_ok;	/* verified against the trust store and host */
	int		pinned;		/* accepted because the pin matched */
	char		verify_error[128];	/* why the chain failed, or "" */
};

struct account;

/*
 * An account's host, port, TLS mode, trust anchor, pin and timeout
 * (default 30 s); the strings stay borrowed from the account.
 */
void	 net_params_from_account(struct net_params *, const struct account *,
	    int cancel_fd);

/* 1 for 127.0.0.0/8, ::1 and "localhost". */
int	 net_host_is_loopback(const char *host);

/*
 * A connected TCP socket, or -1 with err set.  Tries every address of
 * host in turn; each attempt waits at most params->timeout and gives up
 * when cancel_fd becomes readable.  Refuses sockets >= FD_SETSIZE, which
 * libetpan's select() would abort on.
 */
int	 net_socket_connect(const struct net_params *, struct bote_err *);

/* A plain stream on fd (taken over: closed with the stream). */
mailstream_low *net_plain_new(int fd, const struct net_params *);

/*
 * A TLS client handshake on fd, verifying the chain and host name (or
 * the pin) before it completes; the fd is taken over on success and left
 * open on failure.  peer, when not NULL, is filled in either case.
 */
mailstream_low *net_tls_new(int fd, const struct net_params *, struct net_peer *,
	    struct bote_err *);

/*
 * Connect and, for implicit TLS, handshake: a mailstream ready for the
 * server's greeting.  STARTTLS accounts get a plain stream; the protocol
 * code sends its command and then calls net_starttls().
 */
mailstream *net_open(const struct net_params *, struct net_peer *, struct bote_err *);

/* Replace the plain transport of s by TLS on the same socket. */
int	 net_starttls(mailstream *, const struct net_params *, struct net_peer *,
	    struct bote_err *);

/*
 * Reads after this may return at most max bytes in total (0: no limit)
 * and must finish before the monotonic time deadline (0: none).  Used
 * around one command so a hostile server cannot feed an endless reply
 * or drip it one byte at a time.
 */
void	 net_set_limits(mailstream *, size_t max, time_t deadline);

/* Write line (a whole command with its CRLF) and flush: 0, or -1 when the stream failed. */
int	 net_send_line(mailstream *, const char *line);

/* Why the last read or write failed ("timed out", "cancelled", ...), or NULL. */
const char *net_last_error(mailstream *);

struct buf;

/*
 * GET https://host:port/path (host, port, trust and timeout from params;
 * TLS is always used) and append the body of a 200 reply, at most max
 * bytes, to out.  Anything else is -1 with err set.
 */
int	 net_https_get(const struct net_params *, const char *path, struct buf *out,
	    size_t max, struct bote_err *);
enum net_wait_result {
	NET_WAIT_ERROR = -1,	/* no usable stream, or poll failed */
	NET_WAIT_TIMEOUT = 0,
	NET_WAIT_DATA,		/* the server sent something (or closed): read it */
	NET_WAIT_WAKE,		/* wake_fd became readable */
	NET_WAIT_CANCELLED,	/* the stream's cancel fd became readable */
};

/*
 * Wait at most timeout_ms for the server to say something unasked (IMAP
 * IDLE) or for wake_fd (-1: none) to become readable.  Data already
 * buffered by libetpan or OpenSSL counts as data at once.
 */
int	 net_wait_data(mailstream *, int wake_fd, int timeout_ms);

/* Monotonic seconds, the clock net_set_limits deadlines use. */
time_t	 net_now(void);

/* "sha256:AB:CD:..." for messages and the config (owned). */
char	*net_fingerprint_string(const unsigned char sha256[32]);

#endif
