/* fuzz_mime.c - libFuzzer target: arbitrary bytes as a message through render, summary and save. */
#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mime/mime.h"
#include "utf8_check.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int	msg_fd = -1, null_fd = -1;

/* The renderer's promises: valid UTF-8, no newline, no line over the cap. */
static void
check_display(const struct display *d)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++) {
		if (!utf8_check_valid(d->lines[i].text) || strchr(d->lines[i].text, '\n') != NULL ||
		    strlen(d->lines[i].text) > MIME_MAX_LINE)
			abort();
	}
	for (i = 0; i < d->nparts; i++) {
		if (!utf8_check_valid(d->parts[i].mime_type) ||
		    (d->parts[i].filename != NULL && !utf8_check_valid(d->parts[i].filename)))
			abort();
	}
	if (d->subject != NULL && !utf8_check_valid(d->subject))
		abort();
	if (d->nparts > MIME_MAX_PARTS)
		abort();
}

static void
check_summary(const struct summary *s)
{
	const char	*f[] = { s->from_name, s->from_addr, s->to, s->subject,
			    s->message_id, s->in_reply_to, s->references };
	size_t		 i;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (f[i] != NULL && !utf8_check_valid(f[i]))
			abort();
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	mime_init();
	if ((msg_fd = memfd_create("fuzz_mime", MFD_CLOEXEC)) == -1) {
		FILE	*f = tmpfile();

		msg_fd = f != NULL ? dup(fileno(f)) : -1;
	}
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (msg_fd == -1 || null_fd == -1)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const	 paths[] = { "1", "2", "1.1", "2.1", "3.2.1" };
	struct display			 d;
	struct summary			 s;
	struct buf			 b = BUF_INIT;
	size_t				 i;

	if (ftruncate(msg_fd, 0) == -1 || pwrite(msg_fd, data, size, 0) != (ssize_t)size)
		abort();

	memset(&d, 0, sizeof d);
	lseek(msg_fd, 0, SEEK_SET);
	if (mime_render_fd(msg_fd, NULL, &d, NULL) == -1)
		abort();	/* only I/O errors fail, and a memfd has none */
	check_display(&d);
	display_free(&d);

	memset(&s, 0, sizeof s);
	lseek(msg_fd, 0, SEEK_SET);
	if (mime_read_header(msg_fd, &b, MIME_HEADER_MAX, NULL) == 0) {
		mime_summary_parse(buf_cstr(&b), b.len, &s, NULL);
		check_summary(&s);
	}
	summary_free(&s);
	buf_free(&b);

	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		lseek(msg_fd, 0, SEEK_SET);
		mime_save_part(msg_fd, paths[i], null_fd, NULL);
	}
	return 0;
}
