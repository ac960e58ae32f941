/* driver.c - the registry of account drivers, looked up by name. */
#include "driver/driver.h"

#include <stdlib.h>
#include <string.h>

static const struct drv_ops *const drivers[] = {
	&maildir_driver_ops,
	&imap_driver_ops,
};

const struct drv_ops *
driver_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof drivers / sizeof drivers[0]; i++)
		if (strcmp(drivers[i]->name, name) == 0)
			return drivers[i];
	return NULL;
}

void
driver_changes_free(struct drv_changes *c)
{
	size_t	i;

	for (i = 0; i < c->nflags; i++)
		msgref_free(&c->flag_refs[i]);
	for (i = 0; i < c->ngone; i++)
		msgref_free(&c->gone[i]);
	for (i = 0; i < c->nnotices; i++)
		free(c->notices[i]);
	free(c->notices);
	free(c->flag_refs);
	free(c->flags);
	free(c->gone);
	memset(c, 0, sizeof *c);
}
