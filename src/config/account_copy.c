/* account_copy.c - deep copies of an account for threads and drivers that outlive the config. */
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/xmalloc.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

struct account *
account_copy(const struct account *a)
{
	struct account	*c = xmalloc(sizeof *c);

	*c = *a;
	c->name = dup_or_null(a->name);
	c->email = dup_or_null(a->email);
	c->host = dup_or_null(a->host);
	c->user = dup_or_null(a->user);
	c->password_command = dup_or_null(a->password_command);
	c->password = dup_or_null(a->password);
	c->ca_file = dup_or_null(a->ca_file);
	c->spool = dup_or_null(a->spool);
	c->oauth_token_command = dup_or_null(a->oauth_token_command);
	return c;
}

void
account_copy_free(struct account *c)
{
	if (c == NULL)
		return;
	if (c->password != NULL)
		explicit_bzero(c->password, strlen(c->password));
	free(c->name);
	free(c->email);
	free(c->host);
	free(c->user);
	free(c->password_command);
	free(c->password);
	free(c->ca_file);
	free(c->spool);
	free(c->oauth_token_command);
	free(c);
}
