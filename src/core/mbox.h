/* mbox.h - writing messages as mbox (mboxrd: From_ separator lines, >From quoting). */
#ifndef BOTE_MBOX_H
#define BOTE_MBOX_H

#include <stddef.h>
#include <time.h>

#include "util/err.h"

/*
 * The separator line "From SENDER Www Mmm dd hh:mm:ss yyyy\n" (UTC, C
 * locale) into buf.  A sender that is empty, too long or holds a space or
 * a control character (it comes from the message) becomes MAILER-DAEMON.
 * Returns the length, or 0 when buf is too small.
 */
size_t	mbox_from_line(char *buf, size_t len, const char *sender, time_t date);

/*
 * Append one message from the readable fd in to the fd out: the From_
 * line, the message with CRLF turned into LF and every line matching
 * ">*From " given one more '>' (mboxrd, so readers can undo it), a final
 * newline when missing and the blank line that ends an mbox entry.
 */
int	mbox_write_message(int out, int in, const char *sender, time_t date,
	    struct bote_err *);

/* Copy the readable fd in to out unchanged (a .eml file). */
int	mbox_copy_raw(int out, int in, struct bote_err *);

#endif
