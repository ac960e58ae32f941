/* t_demo.c - the demo mailbox: Maildir++ layout, names, shape, removal. */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo/demo.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xmalloc.h"

#include "tap.h"

#define NMESSAGES	35
#define DATE_MIN	1790812800LL	/* 2026-10-01 00:00 UTC */
#define DATE_MAX	1796083200LL	/* 2026-12-01 00:00 UTC */

static const struct {
	const char	*dir;
	int		 count;
	int		 unread_new;
} folders[] = {
	{ "",			18,	4 },
	{ ".Sent",		 3,	0 },
	{ ".Drafts",		 1,	0 },
	{ ".Trash",		 2,	0 },
	{ ".Archive",		 3,	0 },
	{ ".Listen",		 0,	0 },
	{ ".Listen.bote-dev",	 5,	2 },
	{ ".Familie",		 3,	1 },
};

static const char *const subdirs[] = { "cur", "new", "tmp" };

/* What one folder walk found; counts of files that broke a rule. */
struct tally {
	int	messages;
	int	in_new;
	int	bad_name;
	int	bad_shape;
	int	bad_date;
	int	bad_mode;
	int	seen[NMESSAGES + 1];	/* by message number */
};

static char *
read_all(const char *path, size_t *lenp)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	ssize_t		 n;
	int		 fd;

	*lenp = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_append(&b, chunk, (size_t)n);
	close(fd);
	*lenp = b.len;
	return buf_steal(&b);
}

static int
is_dir(const char *path)
{
	struct stat	st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
exists(const char *path)
{
	struct stat	st;

	return lstat(path, &st) == 0;
}

static int
count_entries(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Header, blank line, body; LF only; a final newline. */
static int
shape_ok(const char *path)
{
	char	*text;
	size_t	 len, i;
	int	 ok_ = 1;

	if ((text = read_all(path, &len)) == NULL)
		return 0;
	if (len < 3 || text[len - 1] != '\n' || text[0] == '\n' ||
	    strstr(text, "\n\n") == NULL) {
		diag("%s: no header, blank line and final newline", path);
		ok_ = 0;
	}
	for (i = 0; i < len; i++) {
		if (text[i] == '\r') {
			diag("%s: %s at offset %zu", path, i + 1 < len &&
			    text[i + 1] == '\n' ? "CRLF" : "bare CR", i);
			ok_ = 0;
			break;
		}
	}
	if (memchr(text, '\0', len) != NULL) {
		diag("%s: NUL byte", path);
		ok_ = 0;
	}
	free(text);
	return ok_;
}

/* "<epoch + i>.M<i>P4242Q<i>.demo", plus ":2,<flags>" exactly in cur/. */
static int
name_ok(const char *name, int in_cur, struct tally *t)
{
	const char	*colon, *f;
	char		 want[64];
	unsigned	 i, j, q;
	long long	 secs;
	int		 n = -1;

	colon = strchr(name, ':');
	if (in_cur != (colon != NULL))
		return 0;
	if (sscanf(name, "%lld.M%uP4242Q%u.demo%n", &secs, &i, &q, &n) != 3 ||
	    i < 1 || i > NMESSAGES)
		return 0;
	snprintf(want, sizeof want, "%lld.M%uP4242Q%u.demo",
	    DEMO_NAME_EPOCH + i, i, i);
	if (strncmp(name, want, strlen(want)) != 0 ||
	    (size_t)n != strlen(want) || (colon != NULL &&
	    colon != name + n))
		return 0;
	t->seen[i]++;
	if (colon == NULL)
		return name[n] == '\0';
	if (strncmp(colon, ":2,", 3) != 0)
		return 0;
	for (f = colon + 3; *f != '\0'; f++) {
		if (strchr("DFPRST", *f) == NULL)
			return 0;
		for (j = 1; f[j] != '\0'; j++) {
			if ((unsigned char)f[j] <= (unsigned char)*f)
				return 0;	/* not in strict ASCII order */
		}
	}
	return 1;
}

static void
check_file(const char *dir, const char *name, int in_cur, struct tally *t)
{
	struct stat	 st;
	char		*path;

	path = xasprintf("%s/%s", dir, name);
	t->messages++;
	if (!in_cur)
		t->in_new++;
	if (!name_ok(name, in_cur, t)) {
		diag("bad name %s", path);
		t->bad_name++;
	}
	if (!shape_ok(path))
		t->bad_shape++;
	if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 07777) != 0600)
		t->bad_mode++;
	else if (st.st_mtime < DATE_MIN || st.st_mtime >= DATE_MAX) {
		diag("%s: mtime %lld outside Oct-Nov 2026", path,
		    (long long)st.st_mtime);
		t->bad_date++;
	}
	free(path);
}

static void
walk_sub(const char *folder, const char *sub, struct tally *t)
{
	DIR		*d;
	struct dirent	*de;
	char		*dir;

	dir = xasprintf("%s/%s", folder, sub);
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] != '.')
				check_file(dir, de->d_name,
				    strcmp(sub, "cur") == 0, t);
		}
		closedir(d);
	}
	free(dir);
}

static void
check_folder(const char *root, size_t k, int seen[])
{
	struct tally	 t;
	const char	*name = *folders[k].dir ? folders[k].dir : "INBOX";
	char		*folder, *p;
	int		 i, layout;

	memset(&t, 0, sizeof t);
	folder = xasprintf("%s%s%s", root, *folders[k].dir ? "/" : "",
	    folders[k].dir);
	layout = 1;
	for (i = 0; i < 3; i++) {
		p = xasprintf("%s/%s", folder, subdirs[i]);
		layout &= is_dir(p);
		free(p);
	}
	ok(layout, "%s: cur/ new/ tmp/", name);
	p = xasprintf("%s/tmp", folder);
	is_int(count_entries(p), 0, "%s: tmp/ is empty", name);
	free(p);
	p = xasprintf("%s/maildirfolder", folder);
	ok(exists(p) == (*folders[k].dir != '\0'),
	    "%s: maildirfolder file %s", name,
	    *folders[k].dir ? "present" : "absent in the INBOX");
	free(p);

	walk_sub(folder, "cur", &t);
	walk_sub(folder, "new", &t);
	is_int(t.messages, folders[k].count, "%s: message count", name);
	is_int(t.in_new, folders[k].unread_new, "%s: messages in new/", name);
	is_int(t.bad_name, 0, "%s: file names follow the Maildir rules",
	    name);
	is_int(t.bad_shape, 0, "%s: header, blank line, body, LF only", name);
	is_int(t.bad_mode, 0, "%s: regular files of mode 0600", name);
	is_int(t.bad_date, 0, "%s: mtimes are message dates", name);
	for (i = 1; i <= NMESSAGES; i++)
		seen[i] += t.seen[i];
	free(folder);
}

/* How many messages of the folder contain needle in their raw text. */
static int
grep_folder(const char *root, const char *dir, const char *needle)
{
	const char	*subs[] = { "cur", "new" };
	DIR		*d;
	struct dirent	*de;
	char		*path, *file, *text;
	size_t		 len, i;
	int		 n = 0;

	for (i = 0; i < 2; i++) {
		path = xasprintf("%s/%s%s%s", root, dir, *dir ? "/" : "",
		    subs[i]);
		if ((d = opendir(path)) == NULL) {
			free(path);
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			file = xasprintf("%s/%s", path, de->d_name);
			text = read_all(file, &len);
			if (text != NULL && strstr(text, needle) != NULL)
				n++;
			free(text);
			free(file);
		}
		closedir(d);
		free(path);
	}
	return n;
}

static void
check_anchors(const char *root)
{
	is_int(grep_folder(root, "",
	    "\nSubject: Willkommen bei bote / Welcome to bote\n"), 1,
	    "INBOX: welcome subject");
	is_int(grep_folder(root, "", "\n\nWelcome to bote\n\n"), 1,
	    "INBOX: welcome body starts with 'Welcome to bote'");
	is_int(grep_folder(root, "",
	    "\nSubject: =?UTF-8?Q?Grillfest_am_Samstag?=\n"), 1,
	    "INBOX: 'Grillfest am Samstag' starts the thread");
	is_int(grep_folder(root, "", "Grillfest_am_Samstag?=") +
	    grep_folder(root, "", "R3JpbGxmZXN0IGFtIFNhbXN0YWc=?=") +
	    grep_folder(root, "", "UmU6IEdyaWxsZmVzdCBhbSBTYW1zdGFn?="), 4,
	    "INBOX: four Grillfest messages");
	is_int(grep_folder(root, ".Listen.bote-dev",
	    "\nSubject: Release 0.1 geplant\n"), 1,
	    "Listen/bote-dev: 'Release 0.1 geplant'");
	is_int(grep_folder(root, ".Listen.bote-dev",
	    "\n\nDie Testsuite l=C3=A4uft jetzt in CI.\n\n"), 1,
	    "Listen/bote-dev: the CI line on a line of its own");
	is_int(grep_folder(root, ".Listen.bote-dev",
	    "\nList-Id: bote development <bote-dev.lists.example.org>\n"), 5,
	    "Listen/bote-dev: List-Id on every message");
	is_int(grep_folder(root, "", "\n(end of notes)\n"), 1,
	    "INBOX: the long message ends with '(end of notes)'");
}

static void
test_build(const char *base)
{
	struct bote_err	 err;
	char		*root;
	int		 seen[NMESSAGES + 1] = { 0 };
	int		 i, once;
	size_t		 k;

	root = xasprintf("%s/%sXXXXXX", base, DEMO_DIR_MARK);
	if (mkdtemp(root) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		free(root);
		return;
	}
	bote_err_clear(&err);
	is_int(demo_build(root, &err), 0, "demo_build");
	if (err.kind != BOTE_ERR_NONE)
		diag("%s", err.msg);
	for (k = 0; k < sizeof folders / sizeof folders[0]; k++)
		check_folder(root, k, seen);
	for (once = 1, i = 1; i <= NMESSAGES; i++) {
		if (seen[i] != 1) {
			diag("message %d found %d times", i, seen[i]);
			once = 0;
		}
	}
	ok(once, "message numbers 1..%d each used once", NMESSAGES);
	is_int(count_entries(root), 3 + 7, "root holds cur new tmp and 7 "
	    "folders");
	check_anchors(root);

	bote_err_clear(&err);
	is_int(demo_build(root, &err), -1, "demo_build into a used directory "
	    "fails");
	is_int(err.kind, BOTE_ERR_LOCAL, "... with a local error: %s",
	    err.msg);

	is_int(demo_remove(root, &err), 0, "demo_remove");
	ok(!exists(root), "demo_remove removed everything");
	free(root);
}

/* Symlinks inside the tree go, what they point at stays. */
static void
test_symlinks(const char *base)
{
	struct bote_err	 err;
	char		*root, *victim, *vfile, *p;
	int		 fd;

	victim = xasprintf("%s/victim", base);
	vfile = xasprintf("%s/keep", victim);
	mkdir(victim, 0700);
	if ((fd = open(vfile, O_WRONLY | O_CREAT, 0600)) != -1)
		close(fd);

	root = xasprintf("%s/%sXXXXXX", base, DEMO_DIR_MARK);
	if (mkdtemp(root) == NULL || demo_build(root, NULL) == -1) {
		ok(0, "build for the symlink test");
		free(root);
		return;
	}
	p = xasprintf("%s/.Sent/link-to-dir", root);
	ok(symlink(victim, p) == 0, "symlink to a directory outside");
	free(p);
	p = xasprintf("%s/cur/link-to-file", root);
	ok(symlink(vfile, p) == 0, "symlink to a file outside");
	free(p);

	is_int(demo_remove(root, &err), 0, "demo_remove with symlinks");
	ok(!exists(root), "tree removed");
	ok(exists(vfile), "the symlinks' targets are untouched");

	/* The demo directory itself as a symlink: refuse to follow it. */
	p = xasprintf("%s/%slink", base, DEMO_DIR_MARK);
	ok(symlink(victim, p) == 0, "a demo-named symlink to a directory");
	is_int(demo_remove(p, &err), -1, "demo_remove on a symlink fails");
	ok(exists(vfile), "... and does not touch the target");
	unlink(p);
	free(p);

	unlink(vfile);
	rmdir(victim);
	free(root);
	free(vfile);
	free(victim);
}

static void
test_refuse(const char *base)
{
	struct bote_err	 err;
	char		*keep, *inner;

	keep = xasprintf("%s/keep-XXXXXX", base);
	if (mkdtemp(keep) == NULL) {
		ok(0, "mkdtemp: %s", strerror(errno));
		free(keep);
		return;
	}
	bote_err_clear(&err);
	is_int(demo_remove(keep, &err), -1, "demo_remove refuses '%s'", keep);
	is_int(err.kind, BOTE_ERR_USAGE, "... as a usage error: %s", err.msg);
	ok(is_dir(keep), "... and leaves it alone");

	inner = xasprintf("%s/%sparent/cur", base, DEMO_DIR_MARK);
	is_int(demo_remove(inner, &err), -1,
	    "the mark must be in the last component");
	free(inner);
	is_int(demo_remove("/", &err), -1, "demo_remove refuses /");
	is_int(demo_remove("", &err), -1, "demo_remove refuses \"\"");

	rmdir(keep);
	free(keep);
}

static void
test_create(const char *base)
{
	struct bote_err	 err;
	struct stat	 st;
	char		*tmpdir, *dir, *p, *slash;

	/* Trailing slashes are common in TMPDIR. */
	tmpdir = xasprintf("%s//", base);
	setenv("TMPDIR", tmpdir, 1);
	bote_err_clear(&err);
	is_int(demo_create(&dir, &err), 0, "demo_create");
	if (dir == NULL) {
		diag("%s", err.msg);
		free(tmpdir);
		return;
	}
	slash = strrchr(dir, '/');
	ok(strncmp(dir, base, strlen(base)) == 0 && slash == dir +
	    strlen(base) && strncmp(slash + 1, DEMO_DIR_MARK,
	    strlen(DEMO_DIR_MARK)) == 0 && strlen(slash + 1) ==
	    strlen(DEMO_DIR_MARK) + 6, "named %s", dir);
	ok(lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (st.st_mode & 0777) == 0700, "private directory (0700)");
	p = xasprintf("%s/.Listen.bote-dev/new", dir);
	is_int(count_entries(p), 2, "demo is built");
	free(p);

	p = xasprintf("%s/", dir);
	is_int(demo_remove(p, &err), 0, "demo_remove with a trailing slash");
	free(p);
	ok(!exists(dir), "round trip leaves nothing behind");
	is_int(demo_remove(dir, &err), 0, "removing it again is no error");
	free(dir);

	setenv("TMPDIR", "/nonexistent-bote-test", 1);
	is_int(demo_create(&dir, &err), -1, "demo_create in a missing TMPDIR");
	ok(dir == NULL, "... returns no path: %s", err.msg);
	unsetenv("TMPDIR");
	free(tmpdir);
}

int
main(void)
{
	const char	*tmp;
	char		*base;

	tmp = getenv("TMPDIR");
	base = xasprintf("%s/t_demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(base) == NULL) {
		printf("Bail out! mkdtemp %s: %s\n", base, strerror(errno));
		return 1;
	}
	test_build(base);
	test_symlinks(base);
	test_refuse(base);
	test_create(base);
	ok(rmdir(base) == 0, "the test left nothing behind");
	free(base);
	return done_testing();
}
