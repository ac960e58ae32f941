/*
 * fuzz_discover.c - libFuzzer target: arbitrary bytes as a DNS answer with SRV records and as an autoconfig file; what is taken must be a sane host.
 *
 * Build (from a configured tree, for config.h) and run:
 *	clang -g -fsanitize=fuzzer,address,undefined -Isrc -Itests/lib -include config.h \
 *	    src/setup/setup_srv.c src/setup/setup_autoconfig.c src/setup/setup_guess.c \
 *	    src/util/buf.c src/util/xmalloc.c tests/fuzz/fuzz_discover.c -o /tmp/fuzz_discover
 *	/tmp/fuzz_discover -max_len=8192 -max_total_time=120
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "setup/setup.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_server(const struct setup_server *s)
{
	if (s->host != NULL && (!setup_host_ok(s->host) || s->port == 0 ||
	    s->src != SETUP_SRC_AUTOCONFIG))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct setup_srv	 recs[8];
	struct setup_guess	 g;
	const struct setup_srv	*best;
	size_t			 n, i;

	if (setup_srv_parse(data, len, recs, 8, &n) == 0) {
		if (n > 8)
			abort();
		for (i = 0; i < n; i++)
			if (strlen(recs[i].target) > 253 + 1)
				abort();
		best = setup_srv_pick(recs, n);
		if ((n == 0) != (best == NULL))
			abort();
	}
	memset(&g, 0, sizeof g);
	(void)setup_autoconfig_parse((const char *)data, len, "anna@example.org", &g);
	check_server(&g.imap);
	check_server(&g.pop3);
	if (g.user != NULL && strpbrk(g.user, "\r\n\x1b") != NULL)
		abort();
	setup_guess_free(&g);
	return 0;
}
