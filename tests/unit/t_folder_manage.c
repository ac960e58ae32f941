/* t_folder_manage.c - folder names that may be created, and create/rename/delete on a Maildir++ tree. */
#include "tap.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache/hcache.h"
#include "core/folder.h"
#include "driver/driver.h"
#include "maildir/maildir_folders.h"
#include "maildir/maildir_manage.h"
#include "util/err.h"
#include "util/xmalloc.h"
#include "worker/session.h"

static void
test_names(void)
{
	static const char *const good[] = {
		"Projekte", "Listen/bote-dev", "Entwürfe", "A & B", "日本語/メール", "v1-2",
		"Inboxes", "x/INBOX",
	};
	static const char *const bad[] = {
		"", "/abs", "trail/", "a//b", ".hidden", "a/.b", "..", "../etc", "a/../b",
		"x\ny", "tab\there", "esc\x1b[2J", "del\x7f", "c1\xc2\x85", "bad\xff",
		"over\xc0\xaflong", "sur\xed\xa0\x80", "INBOX", "inbox", "wild*", "per%cent",
	};
	struct bote_err	err;
	char		long_name[FOLDER_NAME_MAX + 2];
	size_t		i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		ok(folder_name_check(good[i], &err) == 0, "'%s' may be created", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bote_err_clear(&err);
		ok(folder_name_check(bad[i], &err) == -1 && err.kind == BOTE_ERR_USAGE,
		    "bad name %zu refused", i);
		/* The message repeats the name only when it is printable. */
		ok(strpbrk(err.msg, "\n\t\x1b\x7f") == NULL, "bad name %zu: a printable message", i);
	}
	memset(long_name, 'a', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	ok(folder_name_check(long_name, &err) == -1, "a name over FOLDER_NAME_MAX is refused");
	long_name[FOLDER_NAME_MAX] = '\0';
	ok(folder_name_check(long_name, &err) == 0, "FOLDER_NAME_MAX bytes are fine");
	ok(folder_name_check("a/b", NULL) == 0 && folder_name_check("", NULL) == -1,
	    "a NULL err is allowed");
}

static int
is_dir(const char *root, const char *entry)
{
	char		*p = xasprintf("%s/%s", root, entry);
	struct stat	 st;
	int		 yes = stat(p, &st) == 0 && S_ISDIR(st.st_mode);

	free(p);
	return yes;
}

static void
put(const char *root, const char *entry, const char *file)
{
	char	*p = xasprintf("%s/%s/cur/%s", root, entry, file);
	FILE	*f = fopen(p, "w");

	if (f != NULL) {
		fputs("Subject: x\n\nbody\n", f);
		fclose(f);
	}
	free(p);
}

static size_t
entries(const char *root)
{
	DIR		*d = opendir(root);
	struct dirent	*de;
	size_t		 n = 0;

	while (d != NULL && (de = readdir(d)) != NULL)
		n++;
	if (d != NULL)
		closedir(d);
	return n;
}

static void
test_maildir(const char *root)
{
	struct bote_err	err;
	size_t		count, before;
	char		*p;

	p = xasprintf("%s/cur", root);
	mkdir(p, 0700);
	free(p);
	p = xasprintf("%s/new", root);
	mkdir(p, 0700);
	free(p);

	ok(maildir_manage_create(root, "Projekte", &err) == 0, "create Projekte");
	ok(is_dir(root, ".Projekte/cur") && is_dir(root, ".Projekte/new") &&
	    is_dir(root, ".Projekte/tmp"), "as a Maildir++ folder");
	ok(maildir_manage_create(root, "Projekte", &err) == -1, "creating it again fails");
	ok(strstr(err.msg, "exists") != NULL, "saying it exists: %s", err.msg);
	ok(maildir_manage_create(root, "Café/Menü", &err) == 0, "create a nested UTF-8 name");
	ok(is_dir(root, ".Caf&AOk-.Men&APw-"), "stored in modified UTF-7");
	before = entries(root);
	ok(maildir_manage_create(root, "../escape", &err) == -1, "'../escape' is refused");
	ok(maildir_manage_create(root, "a.b", &err) == -1, "a '.' in a Maildir++ name is refused");
	is_int(entries(root), before, "refused names leave nothing behind");

	ok(maildir_manage_rename(root, "Projekte", "Kunden", &err) == 0, "rename Projekte");
	ok(!is_dir(root, ".Projekte") && is_dir(root, ".Kunden/cur"), "moved to .Kunden");
	ok(maildir_manage_rename(root, "Café", "Essen", &err) == -1,
	    "a level without a folder of its own cannot be renamed");
	ok(maildir_manage_create(root, "Café", &err) == 0, "give Café a folder");
	ok(maildir_manage_rename(root, "Café", "Essen", &err) == 0, "rename Café");
	ok(is_dir(root, ".Essen.Men&APw-/cur"), "its subfolder followed it");
	ok(maildir_manage_rename(root, "Kunden", "Essen", &err) == -1,
	    "renaming onto an existing folder fails");
	ok(is_dir(root, ".Kunden/cur"), "and keeps the source");
	ok(maildir_manage_rename(root, "INBOX", "Alt", &err) == -1, "INBOX is not renamed");

	put(root, ".Kunden", "1.M1P1.test:2,S");
	put(root, ".Kunden", "2.M1P1.test:2,");
	ok(maildir_manage_delete(root, "Kunden", 0, &count, &err) == -1 &&
	    err.kind == BOTE_ERR_NOTEMPTY, "a folder with messages is not deleted unforced");
	is_int(count, 2, "the refusal counts its messages");
	ok(is_dir(root, ".Kunden/cur"), "it is still there");
	is_int(entries(root), before + 1, "nothing hidden left behind");
	ok(maildir_manage_delete(root, "Kunden", 1, &count, &err) == 0, "forced, it goes");
	ok(!is_dir(root, ".Kunden"), "gone from disk");
	is_int(count, 2, "with its 2 messages");
	ok(maildir_manage_delete(root, "Essen/Menü", 0, &count, &err) == 0,
	    "an empty folder goes unforced");
	ok(!is_dir(root, ".Essen.Men&APw-"), "gone from disk");
	ok(maildir_manage_delete(root, "INBOX", 1, &count, &err) == -1, "INBOX is never deleted");
	ok(maildir_manage_delete(root, "Nirgends", 1, &count, &err) == -1 &&
	    err.kind == BOTE_ERR_NOTFOUND, "an unknown folder is not found");
	is_int(entries(root), before - 1, "only Essen is left besides INBOX");
}

/* Through the driver table: a read-only store changes nothing; no subscriptions on a Maildir. */
static void
test_driver(const char *root)
{
	const struct drv_ops	*ops = driver_find("maildir");
	struct drv_params	 p = { .account = "t", .path = root, .readonly = 1 };
	struct drv		*d;
	struct bote_err		 err;

	ok(ops->subscribe == NULL, "the Maildir driver has no subscriptions");
	d = ops->create(&p, &err);
	ok(d != NULL && ops->create_folder(d, "Neu", &err) == -1 &&
	    err.kind == BOTE_ERR_UNSUPPORTED, "a read-only store creates nothing");
	ok(!is_dir(root, ".Neu"), "nothing on disk");
	ops->destroy(d);
}

static size_t
cached(const char *root, const char *folder)
{
	char			*dir = session_cache_dir("maildir", root);
	struct hcache		*hc = hcache_open(dir, NULL);
	struct hcache_folder	 f;
	size_t			 n;

	hcache_folder_load(hc, folder, &f, NULL);
	n = f.n;
	hcache_folder_free(&f);
	hcache_close(hc);
	free(dir);
	return n;
}

/* Through a session: the header cache forgets a folder that is renamed or deleted. */
static void
test_session(const char *root)
{
	struct session		*s;
	struct summary_vec	 rows = { 0 };
	struct bote_err		 err;
	size_t			 count;

	ok(maildir_manage_create(root, "Gecacht", &err) == 0, "create Gecacht");
	put(root, ".Gecacht", "1.M1P1.test:2,S");
	put(root, ".Gecacht", "2.M1P1.test:2,S");
	s = session_open_maildir(root, 0, &err);
	ok(s != NULL && session_open_folder(s, "Gecacht", &rows, &err) == 0 && rows.n == 2,
	    "a session reads Gecacht");
	summary_vec_free(&rows);
	session_close(s);
	is_int(cached(root, "Gecacht"), 2, "its rows are in the header cache");

	s = session_open_maildir(root, 0, &err);
	ok(session_subscribe(s, "Gecacht", 1, &err) == -1 && err.kind == BOTE_ERR_UNSUPPORTED,
	    "subscribe on a Maildir session is unsupported");
	ok(session_rename_folder(s, "Gecacht", "Umbenannt", &err) == 0, "rename it");
	is_int(cached(root, "Gecacht"), 0, "the cache forgot the old name");
	ok(session_open_folder(s, "Umbenannt", &rows, &err) == 0 && rows.n == 2,
	    "the new name opens with both messages");
	summary_vec_free(&rows);
	ok(session_delete_folder(s, "Umbenannt", 0, &count, &err) == -1 &&
	    err.kind == BOTE_ERR_NOTEMPTY && count == 2, "unforced delete refused, 2 counted");
	ok(session_delete_folder(s, "Umbenannt", 1, &count, &err) == 0, "forced delete");
	is_int(cached(root, "Umbenannt"), 0, "the cache forgot the deleted folder");
	session_close(s);
}

int
main(void)
{
	char	*root = xasprintf("%s/t_folder_manage.XXXXXX",
		    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");

	if (mkdtemp(root) == NULL) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	test_names();
	test_maildir(root);
	test_driver(root);
	setenv("XDG_CACHE_HOME", root, 1);
	session_library_init();
	test_session(root);
	session_library_shutdown();
	tap_rm_tree(root);
	free(root);
	return done_testing();
}
