/* t_imap_idle.c - what an IDLE or NOOP reply means: EXPUNGE numbers to UIDs, FETCH FLAGS, EXISTS. */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "core/flags.h"
#include "imap/imap_private.h"
#include "util/xmalloc.h"

static struct drv *
drv_with(const uint32_t *uids, size_t n)
{
	struct drv	*d = xcalloc(1, sizeof *d);
	size_t		 i;

	d->imap = mailimap_new(0, NULL);
	d->imap->imap_selection_info = mailimap_selection_info_new();
	d->folder = xstrdup("Live");
	d->uidvalidity = 77;
	d->msgs = xcalloc(n, sizeof *d->msgs);
	for (i = 0; i < n; i++) {
		d->msgs[i].uid = uids[i];
		d->msgs[i].flags = FLAG_SEEN;
	}
	d->nmsgs = n;
	d->imap->imap_selection_info->sel_exists = (uint32_t)n;
	return d;
}

static void
drv_free(struct drv *d)
{
	free(d->folder);
	free(d->msgs);
	mailimap_free(d->imap);
	free(d);
}

/* A fresh reply: the EXPUNGE numbers given (0-terminated), no FETCH yet. */
static void
reply(struct drv *d, const uint32_t *expunged)
{
	struct mailimap_response_info	*ri = mailimap_response_info_new();
	uint32_t			*seq;

	if (d->imap->imap_response_info != NULL)
		mailimap_response_info_free(d->imap->imap_response_info);
	d->imap->imap_response_info = ri;
	for (; expunged != NULL && *expunged != 0; expunged++) {
		seq = malloc(sizeof *seq);
		*seq = *expunged;
		clist_append(ri->rsp_expunged, seq);
	}
}

/* Add "* seq FETCH ([UID uid] FLAGS (\Seen [\Flagged]))" to the reply. */
static void
fetch(struct drv *d, uint32_t seq, uint32_t uid, int flagged)
{
	clist				*flags = clist_new(), *items = clist_new();
	struct mailimap_msg_att		*att;

	clist_append(flags, mailimap_flag_fetch_new(MAILIMAP_FLAG_FETCH_OTHER,
	    mailimap_flag_new_seen()));
	if (flagged)
		clist_append(flags, mailimap_flag_fetch_new(MAILIMAP_FLAG_FETCH_OTHER,
		    mailimap_flag_new_flagged()));
	if (uid != 0)
		clist_append(items, mailimap_msg_att_item_new(MAILIMAP_MSG_ATT_ITEM_STATIC, NULL,
		    mailimap_msg_att_static_new(MAILIMAP_MSG_ATT_UID, NULL, NULL, NULL, NULL, NULL,
		    0, 0, NULL, NULL, NULL, uid), NULL));
	clist_append(items, mailimap_msg_att_item_new(MAILIMAP_MSG_ATT_ITEM_DYNAMIC,
	    mailimap_msg_att_dynamic_new(flags), NULL, NULL));
	att = mailimap_msg_att_new(items);
	att->att_number = seq;
	clist_append(d->imap->imap_response_info->rsp_fetch_list, att);
}

int
main(void)
{
	static const uint32_t	 four[] = { 10, 20, 30, 40 }, two_twos[] = { 2, 2, 0 };
	static const uint32_t	 one[] = { 1, 0 }, beyond[] = { 9, 0 };
	struct drv_changes	 c;
	struct drv		*d;

	/* Each EXPUNGE counts after the ones before it. */
	d = drv_with(four, 4);
	reply(d, two_twos);
	d->imap->imap_selection_info->sel_exists = 2;
	memset(&c, 0, sizeof c);
	imap_idle_collect(d, &c);
	is_int(c.ngone, 2, "two expunges, two messages gone");
	ok(c.ngone == 2 && c.gone[0].uid == 20 && c.gone[1].uid == 30 &&
	    c.gone[0].epoch == 77, "EXPUNGE 2, EXPUNGE 2 are UIDs 20 and 30 (UIDVALIDITY kept)");
	ok(d->nmsgs == 2 && d->msgs[0].uid == 10 && d->msgs[1].uid == 40,
	    "the index keeps 10 and 40");
	ok(!c.reread, "nothing to read again");
	driver_changes_free(&c);

	/* FETCH FLAGS by sequence number, no expunge in the same reply. */
	reply(d, NULL);
	fetch(d, 2, 0, 1);
	imap_idle_collect(d, &c);
	ok(c.nflags == 1 && c.flag_refs[0].uid == 40 && c.flags[0] == (FLAG_SEEN | FLAG_FLAGGED),
	    "'* 2 FETCH (FLAGS (\\Seen \\Flagged))' flags UID 40");
	driver_changes_free(&c);
	reply(d, NULL);
	fetch(d, 2, 0, 1);
	imap_idle_collect(d, &c);
	is_int(c.nflags, 0, "the same flags again are no change");
	driver_changes_free(&c);

	/* By UID when the server says it. */
	reply(d, NULL);
	fetch(d, 2, 10, 1);
	imap_idle_collect(d, &c);
	ok(c.nflags == 1 && c.flag_refs[0].uid == 10, "a FETCH with UID 10 names UID 10, whatever its number");
	driver_changes_free(&c);

	/* Numbers that may count before or after an expunge: read the folder again. */
	reply(d, one);
	fetch(d, 1, 0, 0);
	d->imap->imap_selection_info->sel_exists = 1;
	imap_idle_collect(d, &c);
	ok(c.ngone == 1 && c.gone[0].uid == 10, "EXPUNGE 1 is UID 10");
	ok(c.reread, "a FETCH by number beside an EXPUNGE asks for a reread");
	driver_changes_free(&c);
	drv_free(d);

	/* New mail: told once per state. */
	d = drv_with(four, 4);
	reply(d, NULL);
	d->imap->imap_selection_info->sel_exists = 5;
	imap_idle_collect(d, &c);
	ok(c.reread, "EXISTS 5 over 4 known is new mail");
	driver_changes_free(&c);
	reply(d, NULL);
	imap_idle_collect(d, &c);
	ok(!c.reread, "told once: no loop while the UI has not read the folder again");
	driver_changes_free(&c);
	reply(d, NULL);
	d->imap->imap_selection_info->sel_exists = 6;
	imap_idle_collect(d, &c);
	ok(c.reread, "more mail is told again");
	driver_changes_free(&c);
	reply(d, beyond);
	imap_idle_collect(d, &c);
	ok(c.ngone == 0 && c.reread, "an EXPUNGE of a message not indexed yet asks for a reread");
	driver_changes_free(&c);
	drv_free(d);
	return done_testing();
}
