# src/local.mk - libbote.a: everything that is not curses, linked by bote and the tests.
noinst_LIBRARIES += src/libbote.a
src_libbote_a_CFLAGS = $(AM_CFLAGS) $(GMIME_CFLAGS) $(LMDB_CFLAGS) $(OPENSSL_CFLAGS)
src_libbote_a_SOURCES = \
	src/util/xmalloc.c src/util/xmalloc.h \
	src/util/err.c src/util/err.h \
	src/util/buf.c src/util/buf.h \
	src/util/sanitize.c src/util/sanitize.h \
	src/util/spawn.c src/util/spawn.h \
	src/util/resume.c src/util/resume.h \
	src/util/sasl.c src/util/sasl.h \
	src/util/i18n.h src/util/hash.h \
	src/core/msgref.c src/core/msgref.h \
	src/core/summary.c src/core/summary.h \
	src/core/display.c src/core/display.h \
	src/core/folder.c src/core/folder.h \
	src/core/sort.c src/core/sort.h \
	src/core/collate.c src/core/collate.h \
	src/core/thread.c src/core/thread.h \
	src/core/pattern.c src/core/pattern.h \
	src/core/mbox.c src/core/mbox.h \
	src/core/flags.h \
	src/config/config.h src/config/config_private.h src/config/config.c \
	src/config/config_parse.c src/config/config_keys.c src/config/config_paths.c \
	src/config/config_text.c src/config/config_write.c src/config/account_password.c src/config/account_copy.c src/config/config_url.c \
	src/driver/driver.c src/driver/driver.h \
	src/maildir/maildir_name.c src/maildir/maildir_name.h \
	src/maildir/maildir_folders.c src/maildir/maildir_folders.h \
	src/maildir/maildir_index.c src/maildir/maildir_index.h \
	src/maildir/maildir_watch.c src/maildir/maildir_watch.h \
	src/maildir/maildir_file.c src/maildir/maildir_file.h \
	src/maildir/maildir_manage.c src/maildir/maildir_manage.h \
	src/maildir/maildir_driver.c src/maildir/maildir_append.c src/maildir/maildir_append.h \
	src/mime/mime.h src/mime/mime_private.h src/mime/mime.c src/mime/mime_charsets.c \
	src/mime/mime_header.c src/mime/mime_summary.c src/mime/mime_text.c \
	src/mime/mime_fast.c src/mime/mime_fast.h src/mime/mime_fast_addr.c \
	src/mime/mime_fast_date.c \
	src/mime/mime_render.c src/mime/mime_filter.c src/mime/mime_save.c \
	src/mime/html_text.c src/mime/html_text.h src/mime/mime_part.c \
	src/attach/attach.h src/attach/attach_name.c src/attach/attach_tmp.c \
	src/attach/attach_spawn.c src/attach/mailcap.h src/attach/mailcap.c \
	src/attach/mailcap_cmd.c src/attach/mailcap_find.c \
	src/attach/url.h src/attach/url_extract.c \
	src/cache/hcache.c src/cache/hcache.h src/cache/hcache_private.h \
	src/cache/hcache_codec.c src/cache/hcache_folder.c src/cache/hcache_txn.c \
	src/cache/hcache_imap.c \
	src/worker/session.c src/worker/session.h \
	src/worker/wake.c src/worker/wake.h \
	src/worker/msg.c src/worker/msg.h \
	src/worker/worker.c src/worker/worker.h \
	src/worker/worker_ops.c src/worker/worker_ops.h \
	src/worker/worker_folders.c \
	src/worker/worker_save.c src/worker/worker_save.h \
	src/worker/search_server.c src/worker/search_server.h \
	src/worker/xfer.c src/worker/xfer.h \
	src/worker/reconnect.c src/worker/reconnect.h \
	src/worker/worker_attach.c src/worker/session_attach.c \
	src/demo/demo.h src/demo/demo_build.c src/demo/demo_messages.h \
	src/demo/demo_messages.c src/demo/demo_messages_folders.c \
	src/net/net.h src/net/net_private.h src/net/net_socket.c src/net/net_stream.c \
	src/net/net_tls.c src/net/net_account.c src/net/net_https.c src/net/net_wait.c \
	src/imap/imap.h src/imap/imap_private.h src/imap/imap_mutf7.c src/imap/imap_flags.c \
	src/imap/imap_conn.c src/imap/imap_folders.c src/imap/imap_manage.c src/imap/imap_fetch.c \
	src/imap/imap_store.c src/imap/imap_copyuid.c src/imap/imap_driver.c src/imap/imap_probe.c \
	src/imap/imap_search.c src/imap/imap_expunge.c src/imap/imap_auth.c \
	src/imap/imap_append.c \
	src/imap/imap_idle.c src/imap/imap_queue.c src/imap/imap_queue.h src/imap/imap_offline.c \
	src/imap/imap_cache.c src/imap/imap_prefetch.c src/imap/imap_resync.c src/imap/imap_bodies.c \
	src/pop3/pop3.h src/pop3/pop3_uidl.c src/pop3/pop3_uidl.h \
	src/pop3/pop3_journal.c src/pop3/pop3_journal.h \
	src/pop3/pop3_session.c src/pop3/pop3_session.h src/pop3/pop3_session_private.h \
	src/pop3/pop3_auth.c \
	src/pop3/pop3_spool.c src/pop3/pop3_spool.h src/pop3/pop3_fetch.c \
	src/mime/mime_date.c src/worker/fetch.c src/worker/fetch.h \
	src/setup/setup.h src/setup/setup_advice.c src/setup/setup_guess.c src/setup/setup_probe.c \
	src/setup/setup_srv.c src/setup/setup_autoconfig.c src/setup/setup_discover.c

# Libraries every program linking libbote.a needs (no curses: src/ never draws).
BOTE_CORE_LIBS = src/libbote.a $(GMIME_LIBS) $(LMDB_LIBS) $(OPENSSL_LIBS) $(ETPAN_LIBS) $(LIBINTL)
