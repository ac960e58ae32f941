# tests/fuzz/local.mk - libFuzzer targets, built by `./configure --enable-fuzz` (clang); `make fuzz-run` runs each.
EXTRA_DIST += tools/fuzz.sh

FUZZ_TARGETS = \
	tests/fuzz/fuzz_sanitize \
	tests/fuzz/fuzz_config \
	tests/fuzz/fuzz_mime \
	tests/fuzz/fuzz_html \
	tests/fuzz/fuzz_maildir_name \
	tests/fuzz/fuzz_pop3_uidl \
	tests/fuzz/fuzz_imap \
	tests/fuzz/fuzz_discover \
	tests/fuzz/fuzz_mailcap \
	tests/fuzz/fuzz_vanished

if FUZZ
noinst_PROGRAMS += $(FUZZ_TARGETS)
FUZZ_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/tests/lib
FUZZ_LDADD = $(BOTE_CORE_LIBS)
tests_fuzz_fuzz_sanitize_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_sanitize_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_sanitize_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_config_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_config_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_config_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_mime_CFLAGS = $(FUZZ_CFLAGS) $(GMIME_CFLAGS)
tests_fuzz_fuzz_mime_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_mime_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_html_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_html_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_html_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_maildir_name_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_maildir_name_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_maildir_name_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_pop3_uidl_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_pop3_uidl_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_pop3_uidl_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_imap_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_imap_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_imap_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_discover_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_discover_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_discover_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_mailcap_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_mailcap_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_mailcap_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_vanished_CFLAGS = $(FUZZ_CFLAGS) $(LMDB_CFLAGS)
tests_fuzz_fuzz_vanished_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_vanished_LDADD = $(FUZZ_LDADD)

# FUZZ_SECONDS per target, each from its seeds in tests/fuzz/corpus/NAME (the grown corpus stays in the build tree).
FUZZ_SECONDS = 60
fuzz-run: $(FUZZ_TARGETS)
	$(SHELL) $(top_srcdir)/tools/fuzz.sh -t $(FUZZ_SECONDS) -s $(top_srcdir)/tests/fuzz/corpus \
	    -w $(abs_top_builddir)/fuzz-work $(FUZZ_TARGETS)
else
fuzz-run:
	@echo "fuzz-run needs ./configure --enable-fuzz" >&2; exit 1
endif
.PHONY: fuzz-run
