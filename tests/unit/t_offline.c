/* t_offline.c - the offline machinery's pure parts: the queue's records and order, back-off, resume rule. */
#include "tap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/flags.h"
#include "imap/imap_queue.h"
#include "util/resume.h"
#include "worker/reconnect.h"

static void
test_codec(void)
{
	uint32_t		 uids[] = { 7, 4000000000u, 1 };
	struct imap_qrec	 r = { 0, IMAP_Q_MOVE, "Caf\xc3\xa9/Work", "Archive", 1234567,
				    0, 0, uids, 3, 0 }, back;
	unsigned char		*b;
	size_t			 len;

	b = imap_queue_encode(&r, &len);
	ok(imap_queue_decode(b, len, &back) == 0, "a move record decodes");
	is_int(back.op, IMAP_Q_MOVE, "op kept");
	is_str(back.folder, "Caf\xc3\xa9/Work", "folder kept");
	is_str(back.dst, "Archive", "destination kept");
	is_int(back.uidvalidity, 1234567, "UIDVALIDITY kept");
	ok(back.nuids == 3 && back.uids[0] == 7 && back.uids[1] == 4000000000u &&
	    back.uids[2] == 1, "UIDs kept in order, all 32 bits");
	imap_qrec_free(&back);
	ok(imap_queue_decode(b, len - 1, &back) == -1, "a truncated record is refused");
	ok(imap_queue_decode(b, len + 0, &back) == 0, "the same bytes again decode");
	imap_qrec_free(&back);
	b[0] = 9;
	ok(imap_queue_decode(b, len, &back) == -1, "an unknown op is refused");
	free(b);

	r.op = IMAP_Q_FLAGS;
	r.dst = NULL;
	r.set = FLAG_FLAGGED;
	r.clear = FLAG_SEEN;
	b = imap_queue_encode(&r, &len);
	ok(imap_queue_decode(b, len, &back) == 0 && back.set == FLAG_FLAGGED &&
	    back.clear == FLAG_SEEN && back.dst == NULL, "a flag record keeps set and clear");
	imap_qrec_free(&back);
	b[17] = 0;
	b[18] = 0;
	b[19] = 0;
	b[20] = 1;	/* a destination length on a flag record: lengths no longer add up */
	ok(imap_queue_decode(b, len, &back) == -1, "lengths that do not add up are refused");
	free(b);
}

static void
test_queue(const char *dir)
{
	struct bote_err		 err;
	struct imap_queue	*q;
	struct imap_qrec	 r, got;
	uint32_t		 uid;
	uint64_t		 first, seq;
	int			 i;

	q = imap_queue_open(dir, &err);
	ok(q != NULL, "the queue opens in an empty directory");
	if (q == NULL) {
		printf("# %s\n", err.msg);
		return;
	}
	is_int(imap_queue_first(q, &got, &err), 0, "an empty queue has no first record");
	for (i = 0; i < 3; i++) {
		uid = 10 + (uint32_t)i;
		memset(&r, 0, sizeof r);
		r.op = IMAP_Q_FLAGS;
		r.folder = "INBOX";
		r.uidvalidity = 5;
		r.set = FLAG_SEEN;
		r.uids = &uid;
		r.nuids = 1;
		ok(imap_queue_add(q, &r, &err) == 0, "record %d queued", i);
	}
	is_int(imap_queue_count(q), 3, "three records wait");
	imap_queue_close(q);

	/* Durable: a new process sees them, oldest first. */
	q = imap_queue_open(dir, &err);
	is_int(imap_queue_first(q, &got, &err), 1, "after reopening the oldest record comes first");
	ok(got.nuids == 1 && got.uids[0] == 10, "it is the first one made");
	first = got.seq;
	ok(imap_queue_remove(q, got.seq, &err) == 0, "removed once done");
	imap_qrec_free(&got);
	is_int(imap_queue_first(q, &got, &err), 1, "then the next");
	ok(got.uids[0] == 11 && got.seq > first, "in the order made");
	imap_qrec_free(&got);

	/* Numbers keep growing past removals: order is never reshuffled. */
	memset(&r, 0, sizeof r);
	uid = 99;
	r.op = IMAP_Q_FLAGS;
	r.folder = "INBOX";
	r.uids = &uid;
	r.nuids = 1;
	imap_queue_add(q, &r, &err);
	ok(r.seq > first + 2, "a new record goes behind the ones still waiting");
	is_int(imap_queue_count(q), 3, "three wait again");
	is_int(imap_queue_first(q, &got, &err), 1, "the oldest again");
	ok(!got.started, "not started yet");
	ok(imap_queue_mark_started(q, got.seq, &err) == 0, "marked as sent to the server");
	seq = got.seq;
	imap_qrec_free(&got);
	imap_queue_close(q);
	q = imap_queue_open(dir, &err);
	ok(q != NULL && imap_queue_first(q, &got, &err) == 1 && got.seq == seq && got.started &&
	    got.nuids == 1 && got.uids[0] == 11, "the mark survives a reopen, the record is whole");
	is_int(imap_queue_count(q), 3, "the mark adds no record");
	imap_qrec_free(&got);
	imap_queue_close(q);
}

static void
test_backoff(void)
{
	struct reconnect	rc;
	int64_t			wait, prev = 0, now = 1000000;
	int			i, grew = 1, capped = 1;

	reconnect_init(&rc, 42);
	is_int(reconnect_left(&rc, now), 0, "before any failure: try at once");
	for (i = 0; i < 20; i++) {
		wait = reconnect_failed(&rc, now);
		if (i == 0)
			ok(wait > 0 && wait <= RECONNECT_FIRST_MS, "the first retry within %d ms (%lld)",
			    RECONNECT_FIRST_MS, (long long)wait);
		if (i > 0 && i < 8 && wait <= prev)
			grew = 0;
		if (wait > RECONNECT_MAX_MS || wait < RECONNECT_MAX_MS * 3 / 4 - 1)
			capped &= i < 9;
		is_int(reconnect_left(&rc, now), wait, "attempt %d waits its delay", i);
		prev = wait;
	}
	ok(grew, "the delay grows while failures go on");
	ok(capped, "and stays at 5 minutes less jitter at most");
	reconnect_now(&rc);
	is_int(reconnect_left(&rc, now), 0, "a resume or a key makes it try at once");
	reconnect_ok(&rc);
	wait = reconnect_failed(&rc, now);
	ok(wait <= RECONNECT_FIRST_MS, "after success the next loss starts at 1 s again");
}

static void
test_resume(void)
{
	struct resume_watch	rw;

	ok(!resume_jumped(5000, 5000), "no sleep: no resume");
	ok(!resume_jumped(5000, 5200), "clock noise is not a resume");
	ok(resume_jumped(5000, 5000 + RESUME_JUMP_MS), "a sleep of %d ms is a resume",
	    RESUME_JUMP_MS);
	resume_watch_init(&rw);
	ok(!resume_watch_check(&rw), "a running machine did not sleep just now");
}

int
main(void)
{
	char	base[] = "/tmp/bote-t-offline-XXXXXX";

	if (mkdtemp(base) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_codec();
	test_queue(base);
	test_backoff();
	test_resume();
	tap_rm_tree(base);
	return done_testing();
}
