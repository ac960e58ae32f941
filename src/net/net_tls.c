/* net_tls.c - TLS handshakes that verify chain, host name or pin before a single byte of ours is sent. */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "net/net_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* What the verify callback learns during one handshake. */
struct verify_state {
	const unsigned char	*pin;
	int			 pinned;
	int			 pin_mismatch;
	int			 failed;	/* the chain or host check failed */
	long			 error;		/* first X509_V_ERR_* seen */
	X509			*leaf;		/* referenced */
};

static int	verify_index = -1;
static pthread_once_t verify_once = PTHREAD_ONCE_INIT;

static void
verify_index_init(void)
{
	verify_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

static int
cert_sha256(X509 *x, unsigned char out[32])
{
	unsigned int	len = 32;

	return X509_digest(x, EVP_sha256(), out, &len) == 1 && len == 32 ? 0 : -1;
}

/*
 * With a pin the chain does not matter: the handshake succeeds exactly
 * when the server's certificate is the pinned one.  Without, OpenSSL's
 * verdict on chain and host name stands.
 */
static int
verify_cb(int ok, X509_STORE_CTX *xs)
{
	SSL			*ssl = X509_STORE_CTX_get_ex_data(xs,
				    SSL_get_ex_data_X509_STORE_CTX_idx());
	struct verify_state	*vs = SSL_get_ex_data(ssl, verify_index);
	int			 depth = X509_STORE_CTX_get_error_depth(xs);
	X509			*cert = X509_STORE_CTX_get_current_cert(xs);
	unsigned char		 sum[32];

	if (vs == NULL)
		return 0;
	if (depth == 0 && cert != NULL && vs->leaf == NULL) {
		X509_up_ref(cert);
		vs->leaf = cert;
	}
	if (!ok && !vs->failed) {
		vs->failed = 1;
		vs->error = X509_STORE_CTX_get_error(xs);
	}
	if (vs->pin == NULL)
		return ok;
	if (depth != 0)
		return 1;
	if (cert != NULL && cert_sha256(cert, sum) == 0 &&
	    memcmp(sum, vs->pin, 32) == 0) {
		vs->pinned = 1;
		return 1;
	}
	vs->pin_mismatch = 1;
	return 0;
}

char *
net_fingerprint_string(const unsigned char sha[32])
{
	char	out[8 + 32 * 3];
	size_t	i, n;

	n = (size_t)snprintf(out, sizeof out, "sha256:");
	for (i = 0; i < 32; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, i ? ":%02X" : "%02X", sha[i]);
	return xstrdup(out);
}

/* Printable ASCII only: certificate names come from the server. */
static void
copy_clean(char *dst, size_t size, const char *src)
{
	size_t	i;

	for (i = 0; src[i] != '\0' && i + 1 < size; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	dst[i] = '\0';
}

static void
name_line(X509_NAME *name, char *dst, size_t size)
{
	BIO	*bio = BIO_new(BIO_s_mem());
	char	*data;
	long	 len;
	char	 tmp[512];

	dst[0] = '\0';
	if (bio == NULL)
		return;
	X509_NAME_print_ex(bio, name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
	len = BIO_get_mem_data(bio, &data);
	if (len > 0) {
		if ((size_t)len >= sizeof tmp)
			len = sizeof tmp - 1;
		memcpy(tmp, data, (size_t)len);
		tmp[len] = '\0';
		copy_clean(dst, size, tmp);
	}
	BIO_free(bio);
}

static void
time_line(const ASN1_TIME *t, char *dst, size_t size)
{
	struct tm	tm;

	dst[0] = '\0';
	if (t != NULL && ASN1_TIME_to_tm(t, &tm) == 1)
		strftime(dst, size, "%Y-%m-%d %H:%M UTC", &tm);
}

static void
fill_peer(struct net_peer *peer, SSL *ssl, const struct verify_state *vs)
{
	memset(peer, 0, sizeof *peer);
	copy_clean(peer->protocol, sizeof peer->protocol, SSL_get_version(ssl));
	copy_clean(peer->cipher, sizeof peer->cipher, SSL_get_cipher(ssl));
	peer->pinned = vs->pinned;
	if (vs->failed)
		copy_clean(peer->verify_error, sizeof peer->verify_error,
		    X509_verify_cert_error_string(vs->error));
	if (vs->leaf == NULL)
		return;
	peer->has_cert = cert_sha256(vs->leaf, peer->sha256) == 0;
	name_line(X509_get_subject_name(vs->leaf), peer->subject, sizeof peer->subject);
	name_line(X509_get_issuer_name(vs->leaf), peer->issuer, sizeof peer->issuer);
	time_line(X509_get0_notBefore(vs->leaf), peer->not_before, sizeof peer->not_before);
	time_line(X509_get0_notAfter(vs->leaf), peer->not_after, sizeof peer->not_after);
}

static SSL_CTX *
make_ctx(const struct net_params *p, struct bote_err *err)
{
	SSL_CTX	*ctx = SSL_CTX_new(TLS_client_method());

	if (ctx == NULL) {
		bote_err_set(err, BOTE_ERR_TLS, _("tls: cannot set up OpenSSL"));
		return NULL;
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
	if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
		bote_err_set(err, BOTE_ERR_TLS, _("tls: cannot load the system's certificates"));
		SSL_CTX_free(ctx);
		return NULL;
	}
	if (p->ca_file != NULL && SSL_CTX_load_verify_locations(ctx, p->ca_file, NULL) != 1) {
		bote_err_set(err, BOTE_ERR_TLS, _("tls: cannot read ca_file '%s'"), p->ca_file);
		SSL_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

static void
handshake_error(struct bote_err *err, const struct net_params *p,
    const struct verify_state *vs, const struct net_link *l)
{
	unsigned char	 sum[32];
	char		*fp = NULL, *want = NULL;

	if (vs->leaf != NULL && cert_sha256(vs->leaf, sum) == 0)
		fp = net_fingerprint_string(sum);
	if (vs->pin_mismatch) {
		want = net_fingerprint_string(p->pin);
		bote_err_set(err, BOTE_ERR_TLS,
		    _("tls '%s': the server's certificate is not the pinned one (pin %s, server sent %s)"),
		    p->host, want, fp != NULL ? fp : "?");
	} else if (vs->failed) {
		bote_err_set(err, BOTE_ERR_TLS,
		    _("tls '%s': certificate not trusted: %s; to trust exactly this certificate, "
		    "set pin = %s"), p->host, X509_verify_cert_error_string(vs->error),
		    fp != NULL ? fp : "?");
	} else if (l->why != NULL) {
		bote_err_set(err, BOTE_ERR_TLS, _("tls '%s': handshake failed: %s"), p->host,
		    _(l->why));
	} else {
		unsigned long	e = ERR_peek_last_error();
		char		buf[160];

		ERR_error_string_n(e, buf, sizeof buf);
		bote_err_set(err, BOTE_ERR_TLS, _("tls '%s': handshake failed: %s"), p->host,
		    e != 0 ? buf : _("the server closed the connection"));
	}
	free(fp);
	free(want);
}

/* SSL_connect on the non-blocking socket, waiting with the link's limits. */
static int
do_handshake(SSL *ssl, struct net_link *l)
{
	int	r, e;

	for (;;) {
		ERR_clear_error();
		r = SSL_connect(ssl);
		if (r == 1)
			return 0;
		e = SSL_get_error(ssl, r);
		if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
			if (net_link_wait(l, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT) == -1)
				return -1;
			continue;
		}
		return -1;
	}
}

mailstream_low *
net_tls_new(int fd, const struct net_params *p, struct net_peer *peer, struct bote_err *err)
{
	struct verify_state	 vs = { .pin = p->pin };
	struct net_link		*l;
	struct in6_addr		 any;
	SSL_CTX			*ctx;
	SSL			*ssl;

	pthread_once(&verify_once, verify_index_init);
	if ((ctx = make_ctx(p, err)) == NULL)
		return NULL;
	ssl = SSL_new(ctx);
	l = xcalloc(1, sizeof *l);
	l->fd = fd;
	l->timeout = p->timeout;
	l->cancel_fd = p->cancel_fd;
	l->deadline = net_now() + (p->timeout > 0 ? p->timeout : 60);
	if (ssl == NULL || SSL_set_fd(ssl, fd) != 1 ||
	    SSL_set_ex_data(ssl, verify_index, &vs) != 1 ||
	    SSL_set1_host(ssl, p->host) != 1) {
		bote_err_set(err, BOTE_ERR_TLS, _("tls '%s': cannot set up the connection"),
		    p->host);
		goto fail;
	}
	SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
	/* RFC 6066: SNI carries host names, never address literals. */
	if (inet_pton(AF_INET, p->host, &any) != 1 && inet_pton(AF_INET6, p->host, &any) != 1)
		SSL_set_tlsext_host_name(ssl, p->host);
	if (do_handshake(ssl, l) == -1 || (p->pin == NULL && vs.failed) ||
	    (p->pin != NULL && !vs.pinned)) {
		if (peer != NULL)
			fill_peer(peer, ssl, &vs);
		handshake_error(err, p, &vs, l);
		goto fail;
	}
	if (peer != NULL) {
		fill_peer(peer, ssl, &vs);
		peer->chain_ok = !vs.failed;
	}
	SSL_set_ex_data(ssl, verify_index, NULL);
	X509_free(vs.leaf);
	l->ssl = ssl;
	l->ctx = ctx;
	l->deadline = 0;
	return net_link_low(l);
fail:
	X509_free(vs.leaf);
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	free(l);
	return NULL;
}

mailstream *
net_open(const struct net_params *p, struct net_peer *peer, struct bote_err *err)
{
	mailstream_low	*low;
	mailstream	*s;
	int		 fd;

	if ((fd = net_socket_connect(p, err)) == -1)
		return NULL;
	if (p->tls == NET_TLS_IMPLICIT)
		low = net_tls_new(fd, p, peer, err);
	else
		low = net_plain_new(fd, p);
	if (low == NULL) {
		close(fd);
		return NULL;
	}
	/* A large buffer: a fetch reads megabytes through it. */
	s = mailstream_new(low, 65536);
	if (s == NULL)
		abort();
	return s;
}

int
net_starttls(mailstream *s, const struct net_params *p, struct net_peer *peer,
    struct bote_err *err)
{
	mailstream_low	*old = mailstream_get_low(s), *low;
	struct net_link	*l = net_link_of(old);

	if (l == NULL || l->ssl != NULL) {
		bote_err_set(err, BOTE_ERR_TLS, _("tls '%s': STARTTLS on a stream that is not plain"),
		    p->host);
		return -1;
	}
	/*
	 * Anything the server sent after its go-ahead would be read as if it
	 * came over TLS (CVE-2020-15953 and relatives): refuse.
	 */
	if (s->read_buffer_len != 0) {
		bote_err_set(err, BOTE_ERR_TLS,
		    _("tls '%s': the server sent data after agreeing to STARTTLS; connection refused"),
		    p->host);
		return -1;
	}
	low = net_tls_new(l->fd, p, peer, err);
	if (low == NULL)
		return -1;
	l->fd = -1;	/* the socket now belongs to the TLS link */
	mailstream_low_free(old);
	mailstream_set_low(s, low);
	return 0;
}
