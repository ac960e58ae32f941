/*
 * fuzz_config.c - libFuzzer target: arbitrary bytes as a config file; what loads must be sane and survive a write.
 *
 * Build (from a configured tree, for config.h) and run:
 *	clang -g -fsanitize=fuzzer,address,undefined -Isrc -Itests/lib -include config.h \
 *	    src/config/[a-z]*.c src/util/buf.c src/util/err.c src/util/spawn.c src/util/xmalloc.c \
 *	    tests/fuzz/fuzz_config.c -o /tmp/fuzz_config
 *	/tmp/fuzz_config -max_len=4096 -max_total_time=120
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "utf8_check.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	dir[512];
static char	file[sizeof dir + 16];

static void
check_str(const char *s, int may_be_null)
{
	const unsigned char	*p;

	if (s == NULL) {
		if (!may_be_null)
			abort();
		return;
	}
	if (!utf8_check_valid(s))
		abort();
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			abort();
}

/* What config_parse promises about an account it accepts. */
static void
check_account(const struct account *a)
{
	int	net = a->protocol == ACCOUNT_IMAP || a->protocol == ACCOUNT_POP3;

	check_str(a->name, 0);
	check_str(a->email, 1);
	check_str(a->host, !net);
	check_str(a->user, !net);
	check_str(a->password_command, 1);
	check_str(a->password, 1);
	check_str(a->ca_file, 1);
	check_str(a->spool, a->protocol == ACCOUNT_IMAP);
	if (net && a->port == 0)
		abort();
	if (a->password != NULL && a->password_command != NULL)
		abort();
	if (a->keep == ACCOUNT_KEEP_DAYS && (a->keep_days == 0 || a->keep_days > 36500))
		abort();
	if (a->fetch_interval > 24 * 3600)
		abort();
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Written and read back, a config must be the same. */
static void
round_trip(const struct config *cfg)
{
	struct config	back;
	size_t		i;

	if (config_write(file, cfg, NULL) != 0 || config_load(file, &back, NULL) != 0)
		abort();
	if (back.naccounts != cfg->naccounts || back.nbinds != cfg->nbinds ||
	    !same(back.theme, cfg->theme) || !same(back.html_filter, cfg->html_filter) ||
	    !same(back.url_opener, cfg->url_opener) ||
	    !same(back.default_account, cfg->default_account))
		abort();
	for (i = 0; i < cfg->naccounts; i++) {
		const struct account *a = &cfg->accounts[i], *b = &back.accounts[i];

		if (!same(a->name, b->name) || !same(a->password, b->password) ||
		    !same(a->password_command, b->password_command) ||
		    !same(a->spool, b->spool) || !same(a->user, b->user) ||
		    a->port != b->port || a->max_message_size != b->max_message_size ||
		    a->keep_days != b->keep_days || a->fetch_interval != b->fetch_interval ||
		    memcmp(a->pin, b->pin, sizeof a->pin) != 0)
			abort();
	}
	for (i = 0; i < cfg->nbinds; i++)
		if (!same(cfg->binds[i].key, back.binds[i].key) ||
		    !same(cfg->binds[i].command, back.binds[i].command) ||
		    !same(cfg->binds[i].view, back.binds[i].view))
			abort();
	config_free(&back);
}

static void
cleanup(void)
{
	unlink(file);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	setenv("HOME", "/home/fuzz", 1);
	/* Each input is written and synced: TMPDIR on a tmpfs makes that cheap. */
	snprintf(dir, sizeof dir, "%s/fuzz_config.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(file, sizeof file, "%s/config", dir);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 cfg;
	struct bote_err	 err;
	size_t		 i;

	if (config_parse("fuzz", (const char *)data, size, &cfg, &err) != 0) {
		if (cfg.accounts != NULL || cfg.binds != NULL || strchr(err.msg, '\n') != NULL ||
		    !utf8_check_valid(err.msg) || strncmp(err.msg, "config 'fuzz'", 13) != 0)
			abort();
		return 0;
	}
	check_str(cfg.default_account, 1);
	check_str(cfg.theme, 1);
	check_str(cfg.html_filter, 1);
	check_str(cfg.url_opener, 1);
	for (i = 0; i < cfg.naccounts; i++)
		check_account(&cfg.accounts[i]);
	for (i = 0; i < cfg.nbinds; i++) {
		check_str(cfg.binds[i].key, 0);
		check_str(cfg.binds[i].command, 0);
	}
	if (cfg.naccounts > 0 && config_account(&cfg, NULL) == NULL)
		abort();
	round_trip(&cfg);
	config_free(&cfg);
	return 0;
}
