/* pop3_session.c - a POP3 connection: greeting, STLS, login, LIST/UIDL, RETR, DELE, QUIT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "pop3/pop3_session_private.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

/* libetpan's codes mapped to bote's errors, in this one place. */
int
pop3_session_fail(struct pop3_session *s, int rc, const char *what, struct bote_err *err)
{
	const char	*why = s->f->pop3_stream ? net_last_error(s->f->pop3_stream) : NULL;
	char		 text[128];

	if (why != NULL) {
		bote_err_set(err, strcmp(why, _("cancelled")) == 0 ? BOTE_ERR_CANCELLED :
		    BOTE_ERR_CONNECTION, _("pop3 '%s': %s: %s"), s->host, what, why);
		return -1;
	}
	sanitize_server_text(s->f->pop3_response, text, sizeof text);
	switch (rc) {
	case MAILPOP3_ERROR_BAD_USER:
	case MAILPOP3_ERROR_BAD_PASSWORD:
	case MAILPOP3_ERROR_DENIED:
		bote_err_set(err, BOTE_ERR_AUTH, _("pop3 '%s': login refused: %s"), s->host, text);
		break;
	case MAILPOP3_ERROR_UNAUTHORIZED:
		bote_err_set(err, BOTE_ERR_CONNECTION,
		    _("pop3 '%s': the server did not greet as a POP3 server"), s->host);
		break;
	case MAILPOP3_ERROR_STREAM:
		bote_err_set(err, BOTE_ERR_CONNECTION, _("pop3 '%s': %s: connection lost"),
		    s->host, what);
		break;
	case MAILPOP3_ERROR_MEMORY:
		abort();
	default:
		bote_err_set(err, BOTE_ERR_COMMAND, _("pop3 '%s': %s failed: %s"), s->host, what,
		    text);
		break;
	}
	return -1;
}

/* The bit of a SASL mechanism bote can use, 0 for others. */
static unsigned
sasl_bit(const char *mech)
{
	static const struct {
		const char		*name;
		enum account_auth	 auth;
	} known[] = {
		{ "PLAIN", ACCOUNT_AUTH_PLAIN }, { "LOGIN", ACCOUNT_AUTH_SASL_LOGIN },
		{ "SCRAM-SHA-1", ACCOUNT_AUTH_SCRAM_SHA_1 },
		{ "SCRAM-SHA-256", ACCOUNT_AUTH_SCRAM_SHA_256 },
		{ "XOAUTH2", ACCOUNT_AUTH_XOAUTH2 }, { "OAUTHBEARER", ACCOUNT_AUTH_OAUTHBEARER },
	};
	size_t	i;

	for (i = 0; mech != NULL && i < sizeof known / sizeof known[0]; i++)
		if (strcasecmp(mech, known[i].name) == 0)
			return POP3_SASL(known[i].auth);
	return 0;
}

static void
read_capa(struct pop3_session *s)
{
	clist		*caps = NULL;
	clistiter	*it, *p;

	s->capa_ok = s->capa_uidl = s->capa_user = s->capa_stls = 0;
	s->sasl = 0;
	s->pipelining = 0;
	if (mailpop3_capa(s->f, &caps) != MAILPOP3_NO_ERROR)
		return;
	s->capa_ok = 1;
	for (it = clist_begin(caps); it != NULL; it = clist_next(it)) {
		struct mailpop3_capa *c = clist_content(it);

		if (strcasecmp(c->cap_name, "UIDL") == 0)
			s->capa_uidl = 1;
		else if (strcasecmp(c->cap_name, "USER") == 0)
			s->capa_user = 1;
		else if (strcasecmp(c->cap_name, "STLS") == 0)
			s->capa_stls = 1;
		else if (strcasecmp(c->cap_name, "PIPELINING") == 0)
			s->pipelining = 1;
		else if (strcasecmp(c->cap_name, "SASL") == 0)
			for (p = clist_begin(c->cap_param); p != NULL; p = clist_next(p))
				s->sasl |= sasl_bit(p->data);
	}
	mailpop3_capa_resp_free(caps);
}

/* Reads stop at one short line; a greeting or status line is never longer. */
void
pop3_session_limit(struct pop3_session *s, size_t max)
{
	net_set_limits(s->f->pop3_stream, max, net_now() + (s->timeout > 0 ? s->timeout : 30));
}

static int
upgrade(struct pop3_session *s, const struct pop3_login *lg, struct bote_err *err)
{
	int	rc;

	if (!s->capa_stls) {
		bote_err_set(err, BOTE_ERR_TLS,
		    _("pop3 '%s': the server does not offer STLS, and this account requires it"),
		    s->host);
		return -1;
	}
	pop3_session_limit(s, 4096);
	rc = mailpop3_stls(s->f);
	if (rc == MAILPOP3_ERROR_SSL) {
		bote_err_set(err, BOTE_ERR_TLS,
		    _("pop3 '%s': the server sent data after agreeing to STLS; connection refused"),
		    s->host);
		return -1;
	}
	if (rc == MAILPOP3_ERROR_STLS_NOT_SUPPORTED) {
		bote_err_set(err, BOTE_ERR_TLS, _("pop3 '%s': the server refused STLS"), s->host);
		return -1;
	}
	if (rc != MAILPOP3_NO_ERROR)
		return pop3_session_fail(s, rc, "STLS", err);
	if (net_starttls(s->f->pop3_stream, &lg->net, lg->peer, err) == -1)
		return -1;
	/* What the server said before TLS may have been forged: ask again. */
	pop3_session_limit(s, 1 << 16);
	read_capa(s);
	return 0;
}

struct pop3_session *
pop3_session_open(const struct pop3_login *lg, struct bote_err *err)
{
	struct pop3_session	*s = xcalloc(1, sizeof *s);
	mailstream		*stream;
	int			 rc;

	s->host = lg->net.host;
	s->timeout = lg->net.timeout;
	if ((s->f = mailpop3_new(0, NULL)) == NULL)
		abort();
	if ((stream = net_open(&lg->net, lg->peer, err)) == NULL)
		goto fail;
	net_set_limits(stream, 4096, net_now() + (s->timeout > 0 ? s->timeout : 30));
	if ((rc = mailpop3_connect(s->f, stream)) != MAILPOP3_NO_ERROR) {
		pop3_session_fail(s, rc, _("greeting"), err);
		goto fail;
	}
	pop3_session_limit(s, 1 << 16);
	read_capa(s);
	if (lg->net.tls == NET_TLS_STARTTLS && upgrade(s, lg, err) == -1)
		goto fail;
	if (pop3_auth_login(s, lg, err) == -1)
		goto fail;
	/* Dovecot and others list UIDL only after login. */
	if (s->capa_ok) {
		pop3_session_limit(s, 1 << 16);
		read_capa(s);
	}
	return s;
fail:
	pop3_session_close(s);
	return NULL;
}

void
pop3_session_caps(const struct pop3_session *s, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s%s", s->capa_uidl ? "UIDL " : "",
	    s->pipelining ? "PIPELINING " : "", s->capa_stls ? "STLS " : "",
	    s->capa_user ? "USER " : "",
	    s->sasl & POP3_SASL(ACCOUNT_AUTH_PLAIN) ? "SASL-PLAIN" : "");
}

int
pop3_session_has_uidl(const struct pop3_session *s)
{
	return s->capa_uidl;
}

static int
send_command(struct pop3_session *s, const char *cmd, struct bote_err *err)
{
	if (net_send_line(s->f->pop3_stream, cmd) == -1)
		return pop3_session_fail(s, MAILPOP3_ERROR_STREAM, cmd, err);
	return 0;
}

/* The status line of a multi-line reply: 1 for +OK, 0 for -ERR, -1 on error. */
static int
read_status(struct pop3_session *s, const char *what, struct bote_err *err)
{
	char	*line;

	line = mailstream_read_line_remove_eol(s->f->pop3_stream, s->f->pop3_stream_buffer);
	if (line == NULL)
		return pop3_session_fail(s, MAILPOP3_ERROR_STREAM, what, err);
	if (strncmp(line, "+OK", 3) == 0)
		return 1;
	if (strncmp(line, "-ERR", 4) == 0)
		return 0;
	bote_err_set(err, BOTE_ERR_PARSE, _("pop3 '%s': %s: the server's reply makes no sense"),
	    s->host, what);
	return -1;
}

/* Lines of a multi-line reply until "."; fn gets each (NULL at the end). */
static int
read_lines(struct pop3_session *s, const char *what, void (*fn)(const char *, void *),
    void *arg, struct bote_err *err)
{
	char	*line;

	for (;;) {
		line = mailstream_read_line_remove_eol(s->f->pop3_stream,
		    s->f->pop3_stream_buffer);
		if (line == NULL)
			return pop3_session_fail(s, MAILPOP3_ERROR_STREAM, what, err);
		if (mailstream_is_end_multiline(line))
			return 0;
		fn(line, arg);
	}
}

static void
add_list_line(const char *line, void *arg)
{
	struct pop3_listing	*l = arg;
	unsigned		 index;
	uint64_t		 size;

	if (l->n >= POP3_MAX_INDEX || pop3_uidl_parse_list(line, &index, &size) == -1)
		l->bad_lines++;
	else
		pop3_uidl_add(l, index, size);
}

static void
add_uidl_line(const char *line, void *arg)
{
	struct pop3_listing	*l = arg;
	const char		*uidl;
	unsigned		 index;

	if (pop3_uidl_parse_uidl(line, &index, &uidl) == 0)
		pop3_uidl_attach(l, index, uidl);
}

int
pop3_session_listing(struct pop3_session *s, struct pop3_listing *l, int *has_uidl,
    struct bote_err *err)
{
	int	r;

	memset(l, 0, sizeof *l);
	*has_uidl = 0;
	/* 64 MiB and a few minutes are enough for millions of messages. */
	net_set_limits(s->f->pop3_stream, (size_t)64 << 20, net_now() + 300);
	if (send_command(s, "LIST\r\n", err) == -1 || (r = read_status(s, "LIST", err)) == -1)
		return -1;
	if (r == 0) {
		bote_err_set(err, BOTE_ERR_COMMAND, _("pop3 '%s': the server refused LIST"),
		    s->host);
		return -1;
	}
	if (read_lines(s, "LIST", add_list_line, l, err) == -1)
		goto fail;
	pop3_uidl_sort(l);
	if (l->max_index > 2 * l->n + 1000) {
		bote_err_set(err, BOTE_ERR_PARSE,
		    _("pop3 '%s': the server's message numbers make no sense (%u for %zu messages)"),
		    s->host, l->max_index, l->n);
		goto fail;
	}
	if (send_command(s, "UIDL\r\n", err) == -1 || (r = read_status(s, "UIDL", err)) == -1)
		goto fail;
	if (r == 1) {
		if (read_lines(s, "UIDL", add_uidl_line, l, err) == -1)
			goto fail;
		pop3_uidl_mark_dups(l);
		*has_uidl = 1;
		s->capa_uidl = 1;
	}
	net_set_limits(s->f->pop3_stream, 0, 0);
	return 0;
fail:
	pop3_uidl_free(l);
	return -1;
}

static int
send_indexed(struct pop3_session *s, const char *verb, unsigned index, struct bote_err *err)
{
	char	cmd[32];

	snprintf(cmd, sizeof cmd, "%s %u\r\n", verb, index);
	if (mailstream_write(s->f->pop3_stream, cmd, strlen(cmd)) == -1)
		return pop3_session_fail(s, MAILPOP3_ERROR_STREAM, verb, err);
	return 0;
}

static int
flush(struct pop3_session *s, const char *what, struct bote_err *err)
{
	if (mailstream_flush(s->f->pop3_stream) == -1)
		return pop3_session_fail(s, MAILPOP3_ERROR_STREAM, what, err);
	return 0;
}

int
pop3_session_retr_start(struct pop3_session *s, struct pop3_msg *const *msgs, size_t n,
    struct bote_err *err)
{
	uint64_t	total = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		total += msgs[i]->size;
	/*
	 * Twice the announced sizes plus slack, and at least 16 KiB/s: a
	 * server that lies about sizes or drips bytes is cut off, not waited for.
	 */
	net_set_limits(s->f->pop3_stream, (size_t)(total * 2) + ((size_t)1 << 20),
	    net_now() + 2 * (s->timeout > 0 ? s->timeout : 30) + (time_t)(total / 16384));
	if (!s->pipelining)
		return 0;
	/* RFC 2449 PIPELINING: every RETR at once keeps the connection full. */
	for (i = 0; i < n; i++)
		if (send_indexed(s, "RETR", msgs[i]->index, err) == -1)
			return -1;
	return flush(s, "RETR", err);
}

int
pop3_session_retr_next(struct pop3_session *s, const struct pop3_msg *m, const char **data,
    size_t *len, struct bote_err *err)
{
	char	what[32];
	int	r;

	snprintf(what, sizeof what, "RETR %u", m->index);
	if (!s->pipelining &&
	    (send_indexed(s, "RETR", m->index, err) == -1 || flush(s, what, err) == -1))
		return -1;
	if ((r = read_status(s, what, err)) == -1)
		return -1;
	if (r == 0)
		return 1;
	if (s->body == NULL && (s->body = mmap_string_new("")) == NULL)
		abort();
	if (mailstream_read_multiline(s->f->pop3_stream, 0, s->f->pop3_stream_buffer, s->body,
	    0, NULL, NULL, NULL) == NULL)
		return pop3_session_fail(s, MAILPOP3_ERROR_STREAM, what, err);
	*data = s->body->str;
	*len = s->body->len;
	return 0;
}

int
pop3_session_dele(struct pop3_session *s, const unsigned *index, size_t n, int *refused,
    struct bote_err *err)
{
	size_t	done, end, i;
	int	r;

	pop3_session_limit(s, 4096 * (n + 1));
	/* With PIPELINING, 64 commands per round trip; without, one. */
	for (done = 0; done < n; done = end) {
		end = done + (s->pipelining ? 64 : 1);
		if (end > n)
			end = n;
		for (i = done; i < end; i++)
			if (send_indexed(s, "DELE", index[i], err) == -1)
				return -1;
		if (flush(s, "DELE", err) == -1)
			return -1;
		for (i = done; i < end; i++) {
			if ((r = read_status(s, "DELE", err)) == -1)
				return -1;
			refused[i] = r == 0;
		}
	}
	net_set_limits(s->f->pop3_stream, 0, 0);
	return 0;
}

int
pop3_session_quit(struct pop3_session *s, struct bote_err *err)
{
	int	r;

	/*
	 * Our own QUIT: libetpan's reports success whatever the server says,
	 * and only a confirmed QUIT means the DELEs happened.
	 */
	pop3_session_limit(s, 4096);
	if (send_command(s, "QUIT\r\n", err) == -1 || (r = read_status(s, "QUIT", err)) == -1)
		return -1;
	if (r == 0) {
		bote_err_set(err, BOTE_ERR_COMMAND,
		    _("pop3 '%s': the server did not confirm QUIT; deletions may not have happened"),
		    s->host);
		return -1;
	}
	return 0;
}

void
pop3_session_close(struct pop3_session *s)
{
	if (s == NULL)
		return;
	/*
	 * Close the stream first: mailpop3_free() would send QUIT, and QUIT
	 * commits DELEs this session may have no right to commit.
	 */
	if (s->f->pop3_stream != NULL) {
		mailstream_close(s->f->pop3_stream);
		s->f->pop3_stream = NULL;
	}
	if (s->body != NULL)
		mmap_string_free(s->body);
	free(s->f->pop3_timestamp);
	s->f->pop3_timestamp = NULL;
	mailpop3_free(s->f);
	free(s);
}
