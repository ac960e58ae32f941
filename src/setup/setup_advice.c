/* setup_advice.c - IMAP or POP3: a recommendation from four answers, with its reasons in plain words. */
#include <string.h>

#include "setup/setup.h"
#include "util/i18n.h"

static void
reason(struct setup_advice *a, const char *text)
{
	if (a->nreasons < SETUP_REASONS_MAX)
		a->reasons[a->nreasons++] = text;
}

/*
 * Several devices decide for IMAP: only then does each of them see what
 * the others did.  Otherwise a small quota, or wanting everything on this
 * disk, speaks for POP3; and when nothing speaks for POP3, IMAP is the
 * safer default, since the server keeps the mail if this disk dies.  How
 * long POP3 leaves mail on the server follows from quota and backups.
 */
void
setup_recommend(const struct setup_answers *q, struct setup_advice *a)
{
	memset(a, 0, sizeof *a);
	if (q->devices) {
		a->protocol = ACCOUNT_IMAP;
		reason(a, N_("You read this mailbox on several devices: with IMAP they all see "
		    "the same folders and what was read, answered or deleted."));
		if (q->offline)
			reason(a, N_("bote keeps a copy of what you read, so it stays readable "
			    "without a network."));
		if (q->quota)
			reason(a, N_("Your server space is small: delete or archive old mail now "
			    "and then."));
		if (!q->backup)
			reason(a, N_("Without a backup of this machine, mail on the server is the "
			    "safer place."));
		return;
	}
	if (!q->quota && !q->offline) {
		a->protocol = ACCOUNT_IMAP;
		reason(a, N_("Your mail stays on the server, so nothing is lost if this machine "
		    "breaks, and you can add a phone or webmail later."));
		return;
	}
	a->protocol = ACCOUNT_POP3;
	if (q->offline)
		reason(a, N_("All your mail will be on this machine, readable without a network."));
	if (q->quota)
		reason(a, N_("Fetched mail can be deleted on the server, which frees its space "
		    "and takes your mail off the provider."));
	if (q->quota && q->backup) {
		a->keep = ACCOUNT_KEEP_NEVER;
		reason(a, N_("This machine is backed up, so mail can leave the server once it is "
		    "safely here."));
	} else if (q->quota) {
		a->keep = ACCOUNT_KEEP_DAYS;
		a->keep_days = 7;
		a->warn_backup = 1;
		reason(a, N_("This machine has no backup: the server keeps each message 7 more "
		    "days, but after that a broken disk loses it. Set up a backup."));
	} else if (q->backup) {
		a->keep = ACCOUNT_KEEP_DAYS;
		a->keep_days = 30;
		reason(a, N_("The server keeps a copy for 30 days, enough to reach new mail "
		    "from elsewhere in the meantime."));
	} else {
		a->keep = ACCOUNT_KEEP_FOREVER;
		a->warn_backup = 1;
		reason(a, N_("This machine has no backup, so the server keeps a copy of every "
		    "message."));
	}
}
