/* fuzz_mailcap.c - libFuzzer target: mailcap parsing, commands, attachment names and links stay safe. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attach/attach.h"
#include "attach/mailcap.h"
#include "attach/url.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MARK	"\x01mail"	/* in every value from "the mail"; never in a command we keep */

static size_t
count(char **argv)
{
	size_t	n = 0;

	while (argv[n] != NULL)
		n++;
	return n;
}

/*
 * The same command with harmless and with hostile values: the words are
 * the same in number (a value never splits), a value from the mail is
 * never part of a shell script, and an unsafe parameter is never passed.
 */
static void
check_command(const char *cmd)
{
	const char		*calm[] = { "charset", "utf-8", "name", "x", NULL };
	const char		*evil[] = { "charset", "utf-8", "name", MARK "$(id);`id` |x", NULL };
	struct mailcap_vars	 a = { "/tmp/f", "a/b", calm };
	struct mailcap_vars	 b = { "/tmp/" MARK " ; $(id)", "a/b" MARK, evil };
	char			**va, **vb;
	size_t			 i, n;
	int			 ua, ub, shell;

	if (strchr(cmd, '\x01') != NULL)
		return;
	if (mailcap_command(cmd, &a, &va, &ua, NULL) != 0) {
		if (mailcap_command(cmd, &b, &vb, &ub, NULL) == 0)
			abort();	/* success must not depend on the values */
		return;
	}
	if (mailcap_command(cmd, &b, &vb, &ub, NULL) != 0 || ua != ub)
		abort();
	n = count(va);
	if (n == 0 || n != count(vb))
		abort();
	/* The shell form: the script is the same whatever the values. */
	shell = n >= 6 && strcmp(vb[0], "/bin/sh") == 0 && strcmp(vb[1], "-c") == 0 &&
	    strcmp(vb[3], "sh") == 0 && strcmp(vb[4], b.file) == 0 &&
	    strcmp(vb[5], b.type) == 0;
	if (shell && (strcmp(va[2], vb[2]) != 0 || strstr(vb[2], MARK) != NULL))
		abort();
	/*
	 * The hostile parameter must be dropped; look for it by its mark, since
	 * the user's own mailcap line may well contain "$(id);" itself.
	 */
	for (i = 0; i < n; i++)
		if (strstr(vb[i], MARK "$(id)") != NULL)
			abort();	/* the unsafe parameter passed */
	attach_argv_free(va);
	attach_argv_free(vb);
}

static void
check_name(const char *s)
{
	char	*n = attach_name_safe(s, "application/pdf");
	size_t	 i;

	if (n[0] == '\0' || n[0] == '.' || n[0] == '-' || strchr(n, '/') != NULL ||
	    strlen(n) > ATTACH_NAME_MAX)
		abort();
	for (i = 0; n[i] != '\0'; i++)
		if ((unsigned char)n[i] < 0x20 || n[i] == 0x7f)
			abort();
	free(n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mailcap	 mc = { NULL, 0 };
	struct url_list	 urls = { NULL, 0 };
	char		*s;
	size_t		 i;

	if (size > 65536)
		return 0;
	mailcap_parse(&mc, (const char *)data, size);
	for (i = 0; i < mc.n; i++) {
		check_command(mc.v[i].view);
		if (mc.v[i].test != NULL)
			check_command(mc.v[i].test);
	}
	mailcap_free(&mc);
	url_extract(&urls, (const char *)data, size);
	for (i = 0; i < urls.n; i++)
		if (!url_ok(urls.v[i]))
			abort();
	url_list_free(&urls);
	s = strndup((const char *)data, size);
	check_name(s);
	free(s);
	return 0;
}
