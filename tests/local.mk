# tests/local.mk - `make check`: unit tests (C, TAP), command-line, TUI (tmux), Dovecot and lint suites.
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	BOTE='$(abs_top_builddir)/bote'; BOTE_DATADIR='$(abs_top_srcdir)'; \
	TMUX_BIN='$(TMUX)'; DOVECOT_BIN='$(DOVECOT)'; \
	export top_srcdir top_builddir BOTE BOTE_DATADIR TMUX_BIN DOVECOT_BIN;

UNIT_TESTS = \
	tests/unit/t_sanitize \
	tests/unit/t_maildir_name \
	tests/unit/t_maildir_driver \
	tests/unit/t_maildir_index \
	tests/unit/t_mime \
	tests/unit/t_mime_fast \
	tests/unit/t_html_text \
	tests/unit/t_demo \
	tests/unit/t_worker \
	tests/unit/t_hcache \
	tests/unit/t_hcache_sift \
	tests/unit/t_session_cache \
	tests/unit/t_thread \
	tests/unit/t_pattern \
	tests/unit/t_summary \
	tests/unit/t_config \
	tests/unit/t_pop3_uidl \
	tests/unit/t_setup \
	tests/unit/t_setup_discover \
	tests/unit/t_imap_names \
	tests/unit/t_mbox \
	tests/unit/t_imap_copyuid \
	tests/unit/t_folder_manage \
	tests/unit/t_offline \
	tests/unit/t_imap_idle \
	tests/unit/t_imap_resync \
	tests/unit/t_attach \
	tests/unit/t_collate
check_PROGRAMS += $(UNIT_TESTS)

UNIT_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/tests/lib $(GMIME_CFLAGS)
tests_unit_t_sanitize_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_sanitize_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_maildir_name_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_maildir_name_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_maildir_driver_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_maildir_driver_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_maildir_index_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_maildir_index_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_mime_CFLAGS = $(UNIT_CFLAGS) -DTEST_DATA='"$(abs_top_srcdir)/tests/data"'
tests_unit_t_mime_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_mime_fast_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_mime_fast_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_html_text_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_html_text_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_demo_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_demo_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_worker_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_worker_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_hcache_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_hcache_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_hcache_sift_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_hcache_sift_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_session_cache_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_session_cache_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_thread_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_thread_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_pattern_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_pattern_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_summary_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_summary_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_config_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_config_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_pop3_uidl_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_pop3_uidl_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_setup_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_setup_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_setup_discover_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_setup_discover_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_imap_names_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_imap_names_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_folder_manage_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_folder_manage_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_mbox_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_mbox_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_imap_copyuid_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_imap_copyuid_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_offline_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_offline_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_imap_idle_CFLAGS = $(UNIT_CFLAGS) $(LMDB_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_t_imap_idle_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_imap_resync_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_imap_resync_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_attach_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_attach_LDADD = $(BOTE_CORE_LIBS)
tests_unit_t_collate_CFLAGS = $(UNIT_CFLAGS)
tests_unit_t_collate_LDADD = $(BOTE_CORE_LIBS)

# The longest suite first, so that `make -j2 check` overlaps it with the rest.
SCRIPT_TESTS = \
	tests/integration/t_pop3_kill.sh \
	tests/integration/t_imap_basic.sh \
	tests/integration/t_imap_10k.sh \
	tests/integration/t_imap_folders.sh \
	tests/integration/t_imap_msgops.sh \
	tests/integration/t_imap_search.sh \
	tests/integration/t_imap_nomove.sh \
	tests/integration/t_imap_url.sh \
	tests/integration/t_imap_append.sh \
	tests/integration/t_imap_cache.sh \
	tests/integration/t_imap_attach.sh \
	tests/lint/t_layering.sh \
	tests/lint/t_commands_doc.sh \
	tests/cli/t_cli.sh \
	tests/cli/t_corpus.sh \
	tests/cli/t_i18n.sh \
	tests/cli/t_cache.sh \
	tests/tui/t_demo_browse.sh \
	tests/tui/t_resize.sh \
	tests/tui/t_pager.sh \
	tests/tui/t_attach.sh \
	tests/tui/t_flags.sh \
	tests/tui/t_folders.sh \
	tests/tui/t_no_freeze.sh \
	tests/tui/t_list_power.sh \
	tests/tui/t_msgops.sh \
	tests/tui/t_fetch.sh \
	tests/tui/t_newmail.sh \
	tests/tui/t_maildir_watch.sh \
	tests/tui/t_keys.sh \
	tests/tui/t_setup.sh \
	tests/tui/t_setup_discover.sh \
	tests/tui/t_imap_idle.sh \
	tests/tui/t_imap_startup.sh \
	tests/integration/t_dovecot_selftest.sh \
	tests/integration/t_pop3_fetch.sh \
	tests/integration/t_pop3_diskfull.sh \
	tests/hostile/t_pop3_hostile.sh \
	tests/hostile/t_poison.sh \
	tests/hostile/t_imap_hostile.sh \
	tests/hostile/t_imap_undo.sh \
	tests/hostile/t_imap_auth.sh \
	tests/hostile/t_pop3_auth.sh \
	tests/hostile/t_imap_silent.sh \
	tests/hostile/t_imap_rebuilt.sh \
	tests/hostile/t_pop3_faults.sh

TESTS += $(UNIT_TESTS) $(SCRIPT_TESTS)

EXTRA_DIST += $(SCRIPT_TESTS) build-aux/tap-driver.sh \
	tests/lib/tap.h tests/lib/fake_drv.h tests/lib/utf8_check.h tests/lib/tap.sh tests/lib/tmux.sh tests/lib/dovecot.sh tests/lib/maildir.sh \
	tests/lib/mailgen.py tests/lib/pop3.sh tests/hostile/pop3_server.py tests/hostile/poison_gen.py \
	tests/lib/imap.sh tests/lib/imapc.py tests/hostile/imap_server.py tests/hostile/imap_auth_server.py tests/hostile/imap_nocopyuid.py tests/hostile/scripted.py tests/lib/hostile.sh tests/lib/lsan.supp \
	tests/lib/netns.sh tests/lib/discovery_servers.py \
	tests/data tests/fuzz

# UI pieces that can be tested without a terminal.
check_PROGRAMS += tests/unit/t_theme
TESTS += tests/unit/t_theme
tests_unit_t_theme_SOURCES = tests/unit/t_theme.c ui/theme.c
tests_unit_t_theme_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/tests/lib -I$(top_srcdir)/ui $(NCURSES_CFLAGS)
tests_unit_t_theme_LDADD = $(BOTE_CORE_LIBS) $(NCURSES_LIBS)
check_PROGRAMS += tests/unit/t_keymap
TESTS += tests/unit/t_keymap
tests_unit_t_keymap_SOURCES = tests/unit/t_keymap.c ui/keyspec.c ui/keymap.c ui/keymap_defaults.c
tests_unit_t_keymap_CFLAGS = $(tests_unit_t_theme_CFLAGS)
tests_unit_t_keymap_LDADD = $(tests_unit_t_theme_LDADD)
