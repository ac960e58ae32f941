/* fake_drv.h - what the unit tests' fake drivers share: a driver instance that holds nothing. */
#ifndef BOTE_FAKE_DRV_H
#define BOTE_FAKE_DRV_H

#include <stdlib.h>

#include "driver/driver.h"
#include "util/xmalloc.h"

struct drv {
	int	unused;
};

static struct drv *
fake_create(const struct drv_params *p, struct bote_err *err)
{
	(void)p;
	(void)err;
	return xcalloc(1, sizeof(struct drv));
}

static void
fake_destroy(struct drv *d)
{
	free(d);
}

static void
fake_disconnect(struct drv *d)
{
	(void)d;
}

#endif
