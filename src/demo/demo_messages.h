/* demo_messages.h - the demo messages as data; private to src/demo. */
#ifndef BOTE_DEMO_MESSAGES_H
#define BOTE_DEMO_MESSAGES_H

#include <stddef.h>
#include <time.h>

/*
 * One message of the demo mailbox.  The text is split into pieces only
 * because C11 promises no string literal longer than 4095 bytes; the
 * message is their concatenation, with LF line ends.
 */
struct demo_message {
	/* Maildir++ directory, such as ".Sent"; "" is the INBOX. */
	const char		*folder;
	/* NULL: unread in new/; else the info letters for cur/, ASCII order. */
	const char		*flags;
	/* The Date header (made up if there is none); the file's mtime. */
	time_t			 date;
	/* NULL-terminated list of pieces. */
	const char *const	*text;
};

/* Written in this order; the position (from 1) numbers the file names. */
extern const struct demo_message	demo_messages_inbox[];
extern const size_t			demo_messages_inbox_len;
extern const struct demo_message	demo_messages_folders[];
extern const size_t			demo_messages_folders_len;

#endif
