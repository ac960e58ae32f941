/* demo.h - the throw-away demo mailbox behind "bote --demo". */
#ifndef BOTE_DEMO_H
#define BOTE_DEMO_H

/*
 * Tests rely on these texts; keep them when editing the messages
 * (decoded forms; "Listen/bote-dev" is the directory .Listen.bote-dev):
 *
 *   INBOX            subject contains "Willkommen bei bote" (it is
 *                    "Willkommen bei bote / Welcome to bote"); the first
 *                    body line is "Welcome to bote".
 *   INBOX            subject "Grillfest am Samstag" (from Jürgen Müller),
 *                    three replies "Re: Grillfest am Samstag"; Anna's
 *                    own reply is in Sent.
 *   INBOX            subject "Release checklist for Lumen 2.3" and two
 *                    replies "Re: Release checklist for Lumen 2.3".
 *   INBOX            subject "Notes: storage migration retrospective":
 *                    158 body lines, "checksum" on several of them,
 *                    the last line is "(end of notes)".
 *   INBOX            subject "Zahlungserinnerung: Rechnung März" with the
 *                    attachments "Rechnung_März.pdf" (RFC 2231) and
 *                    "krause-logo.png" (8x8 PNG).
 *   INBOX            subject "Buchungsbestätigung Nr. 2026-1187": HTML
 *                    only, with a table, a list and links.
 *   INBOX            subject "Änderung unserer Öffnungszeiten": ISO-8859-1.
 *   INBOX            subject "会議の議事録（11月5日）" from "田中 裕子".
 *   INBOX            the malformed message: Message-ID
 *                    <kaputt-1@kaputt.example>, no Date; its first part
 *                    has the line "Trotzdem sollte bote diesen Text
 *                    anzeigen und nicht abstürzen."
 *   Listen/bote-dev  subject "Release 0.1 geplant"; its body has the line
 *                    "Die Testsuite läuft jetzt in CI." (UTF-8,
 *                    quoted-printable in the file).
 *
 * Folders and message counts: INBOX (the root itself) 18, .Sent 3,
 * .Drafts 1, .Trash 2, .Archive 3, .Listen 0 (only a parent),
 * .Listen.bote-dev 5, .Familie 3; 35 in all.  Unread: 4 in the INBOX's
 * new/ and 3 in its cur/ without S.  Dates are October and November 2026.
 *
 * File names are "<DEMO_NAME_EPOCH + i>.M<i>P4242Q<i>.demo" for the i-th
 * message written (1 to 35, INBOX first), bare in new/ and with ":2,"
 * and the flags in cur/.  Each file's mtime is its message's date.
 */

#define DEMO_NAME_EPOCH	1795219200LL	/* 2026-11-21 00:00:00 UTC */
/* Part of the name of every demo directory; demo_remove insists on it. */
#define DEMO_DIR_MARK	"bote-demo-"

struct bote_err;

/*
 * Writes the demo mailbox into root, which must exist and be empty.  The
 * INBOX is root itself; subfolders are Maildir++ ".Name" directories with
 * a "maildirfolder" file.  root is borrowed.  Any thread.  Returns 0, or
 * -1 with err filled and root possibly half written.
 */
int	demo_build(const char *root, struct bote_err *err);

/*
 * Makes a private directory $TMPDIR/bote-demo-XXXXXX (/tmp if TMPDIR is
 * unset or empty) and builds the demo in it.  On success *dir_out is its
 * path, transferred to the caller (free()); on error *dir_out is NULL and
 * nothing is left behind.  Any thread.
 */
int	demo_create(char **dir_out, struct bote_err *err);

/*
 * Removes dir and everything below it without following symlinks.
 * Refuses (BOTE_ERR_USAGE) unless the last component of dir contains
 * DEMO_DIR_MARK, so a wrong path cannot wipe someone's files.  A
 * directory that is already gone counts as removed.  dir is borrowed.
 * Any thread.
 */
int	demo_remove(const char *dir, struct bote_err *err);

#endif
