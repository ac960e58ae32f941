/* t_maildir_driver.c - the Maildir driver on a real temporary tree: folders, flags, moves, expunge. */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/flags.h"
#include "driver/driver.h"
#include "mime/mime.h"
#include "tap.h"
#include "util/xmalloc.h"

static char root[256];

static void
mkdirs(const char *rel)
{
	static const char *const subs[] = { "", "/cur", "/new", "/tmp" };
	char	path[512];
	size_t	i;

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/%s%s", root, rel, subs[i]);
		mkdir(path, 0700);
	}
}

static void
put(const char *rel, const char *subject, const char *date)
{
	char	path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	f = fopen(path, "w");
	fprintf(f, "From: Anna =?UTF-8?Q?M=C3=BCller?= <anna@example.org>\n"
	    "To: bob@example.org\nSubject: %s\nDate: %s\n"
	    "Message-ID: <%s@example.org>\n\nBody of %s\n", subject, date, subject, subject);
	fclose(f);
}

static int
exists(const char *rel)
{
	char		path[512];
	struct stat	st;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	return stat(path, &st) == 0;
}

static int
count_files(const char *rel)
{
	char		 path[512];
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

static struct drv *
open_drv(int readonly)
{
	struct drv_params	p = { .account = "t", .path = root, .readonly = readonly };
	struct bote_err		err;
	struct drv		*d = maildir_driver_ops.create(&p, &err);

	if (d == NULL)
		diag("create: %s", err.msg);
	return d;
}

static long
row_of(const struct summary_vec *sv, const char *name)
{
	size_t	i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i].ref.name, name) == 0)
			return (long)i;
	return -1;
}

static void
link_or_write(const char *rel, const char *target)
{
	char	path[512];

	snprintf(path, sizeof path, "%s/%s", root, rel);
	if (symlink(target, path) != 0)
		diag("symlink %s failed", path);
}

/* The append op: durable delivery into any folder, flags as letters, the date as file time. */
static void
append_cases(void)
{
	const struct drv_ops	*ops = &maildir_driver_ops;
	struct bote_err		 err;
	struct msgref		 out = { 0, 0, NULL };
	struct stat		 st;
	struct drv		*d;
	char			 path[600], name[1024];
	DIR			*dir;
	struct dirent		*de;
	int			 fd;

	snprintf(path, sizeof path, "%s/append.eml", root);
	if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    write(fd, "Subject: appended\n\nbody\n", 25) != 25)
		diag("cannot write %s", path);
	d = open_drv(0);
	ok(ops->append(d, "Trash", fd, 0, 0, &out, &err) == 0, "append without flags: %s", err.msg);
	ok(out.name != NULL && strchr(out.name, ':') == NULL, "the new unique name is returned");
	snprintf(name, sizeof name, ".Trash/new/%s", out.name ? out.name : "");
	ok(exists(name), "an unflagged message is delivered to new/");
	is_int(count_files(".Trash/tmp"), 0, "nothing left in tmp/");
	msgref_free(&out);
	ok(ops->append(d, "Listen/bote-dev", fd, FLAG_SEEN | FLAG_FLAGGED, 1700000000, &out,
	    &err) == 0, "append with flags and a date: %s", err.msg);
	snprintf(name, sizeof name, "%s/.Listen.bote-dev/cur/%s:2,FS", root, out.name ? out.name : "");
	ok(stat(name, &st) == 0, "a flagged message goes to cur/ with :2,FS");
	is_int((long)st.st_mtime, 1700000000L, "the date is the file time");
	is_int((long)st.st_size, 25L, "the whole message, from offset 0");
	msgref_free(&out);
	ok(ops->append(d, "Nope", fd, 0, 0, NULL, &err) != 0, "append to a missing folder fails");
	ops->destroy(d);
	d = open_drv(1);
	ok(ops->append(d, "Trash", fd, 0, 0, NULL, &err) != 0, "a read-only session refuses append");
	ops->destroy(d);
	close(fd);
	unlink(path);
	/* Leave the tree as the later cases expect it. */
	snprintf(path, sizeof path, "%s/.Trash/new", root);
	if ((dir = opendir(path)) != NULL) {
		while ((de = readdir(dir)) != NULL)
			if (de->d_name[0] != '.')
				unlinkat(dirfd(dir), de->d_name, 0);
		closedir(dir);
	}
}

static void
review_cases(void)
{
	const struct drv_ops	*ops = &maildir_driver_ops;
	struct folder_list	 fl = { 0 };
	struct summary_vec	 sv = { 0 };
	struct select_info	 si;
	struct bote_err		 err;
	struct msgref		 ref = { 0, 0, NULL };
	struct drv		*d;
	size_t			 removed;
	long			 r;
	char			 from[600], to[600];
	int			 fd;

	/* A new/ file whose name is taken in cur/ is not moved over it. */
	put("cur/300.clash:2,", "in cur", "Mon, 02 Nov 2026 10:00:00 +0100");
	put("new/300.clash", "in new", "Mon, 02 Nov 2026 11:00:00 +0100");
	d = open_drv(0);
	ok(ops->select(d, "INBOX", &si, &err) == 0, "select with a new/ vs cur/ name clash");
	ok(exists("cur/300.clash:2,") && exists("new/300.clash"),
	    "both clashing files are still there");
	ops->fetch_index(d, &sv, &err);
	ops->fetch_summaries(d, sv.v, sv.n, &err);
	r = row_of(&sv, "300.clash");
	is_str(r >= 0 ? sv.v[r].subject : NULL, "in cur", "the clash shows one message, the cur/ one");
	summary_vec_free(&sv);

	/* A folder that cannot be opened leaves the open one usable. */
	ok(ops->select(d, "Nope", &si, &err) != 0, "select of a missing folder fails");
	ref.name = "300.clash";
	ok(ops->fetch_message(d, &ref, &fd, &err) == 0, "the previous folder still works");
	if (fd >= 0)
		close(fd);

	/* Symlinks are not messages. */
	link_or_write("cur/400.link:2,S", "/etc/passwd");
	ok(ops->select(d, "INBOX", &si, &err) == 0, "select with a symlink in cur/");
	ops->fetch_index(d, &sv, &err);
	ok(row_of(&sv, "400.link") < 0, "a symlinked file is not listed");
	summary_vec_free(&sv);

	/* Move after another program renamed the file. */
	snprintf(from, sizeof from, "%s/cur/300.clash:2,", root);
	snprintf(to, sizeof to, "%s/cur/300.clash:2,S", root);
	rename(from, to);
	ok(ops->move(d, &ref, 1, "Trash", &err) == 0, "move finds a file renamed behind its back");
	ok(exists(".Trash/cur/300.clash:2,S"), "it arrives in Trash with its new flags");

	/* Expunge does not count a file another program renamed away. */
	put("cur/500.del:2,ST", "del", "Mon, 02 Nov 2026 12:00:00 +0100");
	ops->select(d, "INBOX", &si, &err);
	snprintf(from, sizeof from, "%s/cur/500.del:2,ST", root);
	snprintf(to, sizeof to, "%s/cur/500.del:2,S", root);
	rename(from, to);
	ok(ops->expunge(d, &removed, &err) == 0, "expunge after an external undelete");
	is_int(removed, 0, "nothing counted as removed");
	ok(exists("cur/500.del:2,S"), "the undeleted message survives");
	ops->destroy(d);

	/* Folder names: a non-ASCII last letter round-trips; tricks are not listed. */
	mkdirs(".Caf&AOk-");
	mkdirs(".&AC4ALg-");
	mkdirs("..hidden");
	mkdirs(".x&AC8-y");
	d = open_drv(1);
	ops->list_folders(d, 1, &fl, &err);
	ok(folder_list_find(&fl, "Café") >= 0, "Café is listed");
	ok(ops->select(d, "Café", &si, &err) == 0, "Café opens: %s", err.msg);
	ok(folder_list_find(&fl, "..") < 0, "a folder decoding to '..' is not listed");
	ok(folder_list_find(&fl, "/hidden") < 0, "'..hidden' is not listed as '/hidden'");
	ok(folder_list_find(&fl, "x/y") < 0, "an encoded '/' is not listed as a level");
	r = folder_list_find(&fl, "INBOX");
	ops->select(d, "INBOX", &si, &err);
	is_int(r >= 0 ? fl.v[r].total : -1, (long)si.exists,
	    "INBOX count equals what select lists (symlink and clash left out)");
	folder_list_free(&fl);
	ops->destroy(d);
}

int
main(void)
{
	const struct drv_ops	*ops = &maildir_driver_ops;
	struct folder_list	 fl = { 0 };
	struct summary_vec	 sv = { 0 };
	struct select_info	 si;
	struct bote_err		 err;
	struct drv		*d;
	struct msgref		 ref = { 0, 0, NULL };
	struct msgref		 landed;
	char			*back;
	unsigned		 now;
	size_t			 removed;
	long			 r;
	int			 fd;
	char			 cmd[600];

	setlocale(LC_ALL, "C.UTF-8");
	mime_init();
	snprintf(root, sizeof root, "%s/bote-t-maildir-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(root) == NULL)
		return 1;
	mkdirs("");
	mkdirs(".Trash");
	mkdirs(".Listen.bote-dev");
	mkdirs(".Entw&APw-rfe");
	mkdir(strcat(strcpy(cmd, root), "/Archiv"), 0700);
	mkdirs("Archiv/2025");
	put("new/100.M1P1Q1.host", "neu", "Mon, 02 Nov 2026 10:00:00 +0100");
	put("cur/090.M1P1Q1.host:2,S", "alt", "Sun, 01 Nov 2026 10:00:00 +0100");
	put("cur/095.M1P1Q1.host:2,DPSab", "entwurf", "Sun, 01 Nov 2026 11:00:00 +0100");
	put(".Trash/cur/080.M1P1Q1.host:2,S", "weg", "Sat, 31 Oct 2026 10:00:00 +0100");

	d = open_drv(0);
	ok(d != NULL, "create on a Maildir++ root");
	ok(ops->connect(d, &err) == 0, "connect");

	ok(ops->list_folders(d, 1, &fl, &err) == 0, "list_folders");
	is_int(fl.n, 5, "five folders: INBOX, Trash, Listen/bote-dev, Entwürfe, Archiv/2025");
	ok(fl.n > 0 && strcmp(fl.v[0].name, "INBOX") == 0, "INBOX comes first");
	ok(folder_list_find(&fl, "Listen/bote-dev") >= 0, "Maildir++ .Listen.bote-dev is Listen/bote-dev");
	ok(folder_list_find(&fl, "Entwürfe") >= 0, "modified UTF-7 name decoded");
	ok(folder_list_find(&fl, "Archiv/2025") >= 0, "plain nested Maildir found");
	r = folder_list_find_role(&fl, ROLE_TRASH);
	ok(r >= 0 && strcmp(fl.v[r].name, "Trash") == 0, "Trash has the trash role");
	r = folder_list_find(&fl, "INBOX");
	is_int(fl.v[r].total, 3, "INBOX total count");
	is_int(fl.v[r].unread, 1, "INBOX unread count");
	folder_list_free(&fl);

	ok(ops->select(d, "INBOX", &si, &err) == 0, "select INBOX");
	is_int(si.exists, 3, "three messages");
	ok(!exists("new/100.M1P1Q1.host") && exists("cur/100.M1P1Q1.host:2,"),
	    "new/ message moved to cur/ with an empty :2, on first sight");
	ok(ops->fetch_index(d, &sv, &err) == 0, "fetch_index");
	ok(ops->fetch_summaries(d, sv.v, sv.n, &err) == 0, "fetch_summaries");
	r = row_of(&sv, "100.M1P1Q1.host");
	ok(r >= 0 && !(sv.v[r].flags & FLAG_SEEN) && (sv.v[r].flags & FLAG_NEW), "new message is unread and new");
	is_str(r >= 0 ? sv.v[r].subject : NULL, "neu", "subject from the header");
	is_str(r >= 0 ? sv.v[r].from_name : NULL, "Anna Müller", "RFC 2047 sender decoded");
	r = row_of(&sv, "095.M1P1Q1.host");
	ok(r >= 0 && (sv.v[r].flags & (FLAG_DRAFT | FLAG_PASSED | FLAG_SEEN)) ==
	    (FLAG_DRAFT | FLAG_PASSED | FLAG_SEEN), "D, P and S read from the name");
	is_str(r >= 0 ? sv.v[r].keywords : NULL, "ab", "keyword letters kept");

	/* Flag changes rename the file and keep unknown letters. */
	ref.name = "095.M1P1Q1.host";
	ok(ops->store_flags(d, &ref, 1, FLAG_FLAGGED | FLAG_REPLIED, 0, &now, &err) == 0,
	    "store_flags +F +R");
	ok(exists("cur/095.M1P1Q1.host:2,DFPRSab"), "renamed to :2,DFPRSab");
	ok(now & FLAG_FLAGGED, "flags_out reports the new flags");

	/* Another program renames the file behind our back: we follow. */
	snprintf(cmd, sizeof cmd, "%s/cur/095.M1P1Q1.host:2,DFPRSab", root);
	{
		char to[600];

		snprintf(to, sizeof to, "%s/cur/095.M1P1Q1.host:2,DFPRSTab", root);
		rename(cmd, to);
	}
	ok(ops->store_flags(d, &ref, 1, 0, FLAG_FLAGGED, &now, &err) == 0,
	    "store_flags after an external rename");
	ok(exists("cur/095.M1P1Q1.host:2,DPRSTab"), "external T kept, F cleared");

	/* Reading a message. */
	ref.name = "090.M1P1Q1.host";
	ok(ops->fetch_message(d, &ref, &fd, &err) == 0 && fd >= 0, "fetch_message gives an fd");
	if (fd >= 0)
		close(fd);

	/* Move to Trash: same file name there, gone here, durable. */
	ok(ops->move(d, &ref, 1, "Trash", &err) == 0, "move to Trash");
	ok(exists(".Trash/cur/090.M1P1Q1.host:2,S") && !exists("cur/090.M1P1Q1.host:2,S"),
	    "moved by rename with the same name");
	ok(ops->fetch_message(d, &ref, &fd, &err) != 0, "moved message is gone from INBOX");

	/* Moving onto an existing unique name never replaces the file there. */
	put("cur/080.M1P1Q1.host:2,S", "zweites weg", "Sat, 31 Oct 2026 11:00:00 +0100");
	ops->select(d, "INBOX", &si, &err);
	ref.name = "080.M1P1Q1.host";
	memset(&landed, 0, sizeof landed);
	ok(ops->move_tracked(d, &ref, 1, "Trash", &landed, &err) == 0, "move with a name clash");
	ok(exists(".Trash/cur/080.M1P1Q1.host:2,S"), "the older file in Trash is untouched");
	is_int(count_files(".Trash/cur"), 3, "Trash holds three files after the clash");
	ok(landed.name != NULL && strcmp(landed.name, "080.M1P1Q1.host") != 0 &&
	    strchr(landed.name, ':') == NULL, "move_tracked reports the new unique name");
	/* Undo: from Trash back to INBOX by that name, then to Trash again. */
	ops->select(d, "Trash", &si, &err);
	ok(ops->move(d, &landed, 1, "INBOX", &err) == 0, "the landed name moves it back");
	is_int(count_files(".Trash/cur"), 2, "Trash lost it again");
	ok(exists(".Trash/cur/080.M1P1Q1.host:2,S"), "and kept the older file");
	back = xasprintf("cur/%s:2,S", landed.name ? landed.name : "");
	ok(exists(back), "INBOX has it under the landed name");
	free(back);
	ops->select(d, "INBOX", &si, &err);
	ok(ops->move(d, &landed, 1, "Trash", &err) == 0, "and it moves on again");
	msgref_free(&landed);
	is_int(count_files(".Trash/cur"), 3, "Trash holds three files again");

	/* Copy keeps the source. */
	ref.name = "100.M1P1Q1.host";
	ok(ops->copy(d, &ref, 1, "Listen/bote-dev", &err) == 0, "copy to Listen/bote-dev");
	ok(exists("cur/100.M1P1Q1.host:2,"), "source still there after copy");

	/* Refuse bad folder names. */
	ok(ops->move(d, &ref, 1, "../../etc", &err) != 0 && err.kind == BOTE_ERR_USAGE,
	    "folder name with .. refused");
	ok(ops->move(d, &ref, 1, "Nope", &err) != 0 && err.kind == BOTE_ERR_NOTFOUND,
	    "unknown folder refused");

	/* Expunge removes only T-flagged messages. */
	ok(ops->expunge(d, &removed, &err) == 0, "expunge");
	is_int(removed, 1, "one message removed");
	ok(!exists("cur/095.M1P1Q1.host:2,DPRSTab"), "the T message is gone");
	ok(exists("cur/100.M1P1Q1.host:2,"), "the others stay");
	summary_vec_free(&sv);
	ops->destroy(d);

	/* Read-only sessions change nothing. */
	put("new/200.M1P1Q1.host", "ro", "Tue, 03 Nov 2026 10:00:00 +0100");
	d = open_drv(1);
	ok(ops->select(d, "INBOX", &si, &err) == 0, "read-only select");
	ok(exists("new/200.M1P1Q1.host"), "read-only select leaves new/ alone");
	ref.name = "200.M1P1Q1.host";
	ok(ops->store_flags(d, &ref, 1, FLAG_SEEN, 0, NULL, &err) != 0, "read-only refuses flag changes");
	ops->destroy(d);

	append_cases();

	/* What the review found: each case once, on a fresh tree. */
	review_cases();

	/* Not a Maildir. */
	{
		struct drv_params p = { .path = "/nonexistent/bote" };

		ok(ops->create(&p, &err) == NULL && err.kind == BOTE_ERR_NOTFOUND,
		    "missing directory: %s", err.msg);
	}
	if (tap_rm_tree(root) != 0)
		diag("could not remove %s", root);
	mime_shutdown();
	return done_testing();
}
