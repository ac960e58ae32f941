/* flags.h - message flags shared by every driver (IMAP system flags, Maildir letters). */
#ifndef BOTE_FLAGS_H
#define BOTE_FLAGS_H

/* The bit order is arbitrary; Maildir letters and IMAP names are mapped in the drivers. */
#define FLAG_SEEN	0x01	/* Maildir S, IMAP \Seen */
#define FLAG_REPLIED	0x02	/* R, \Answered */
#define FLAG_FLAGGED	0x04	/* F, \Flagged */
#define FLAG_DELETED	0x08	/* T, \Deleted */
#define FLAG_DRAFT	0x10	/* D, \Draft */
#define FLAG_PASSED	0x20	/* P, $Forwarded */
#define FLAG_NEW	0x40	/* not yet seen by any client (Maildir new/, IMAP \Recent) */

#define FLAG_TAGGED	0x80	/* chosen by the user for a group action; never stored */

#define FLAG_ALL_STORED	(FLAG_SEEN | FLAG_REPLIED | FLAG_FLAGGED | FLAG_DELETED | \
			 FLAG_DRAFT | FLAG_PASSED)

#endif
