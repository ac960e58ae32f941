# docs/local.mk - man pages, developer documents and the systemd user units for `bote fetch`.
dist_man_MANS = docs/bote.1 docs/bote.conf.5
EXTRA_DIST += docs/ARCHITECTURE.md docs/HACKING.md docs/PERFORMANCE.md docs/SECURITY.md \
	docs/systemd/bote-fetch.service.in

# systemd --user looks in $(prefix)/lib/systemd/user among other places.
systemduserunitdir = $(prefix)/lib/systemd/user
dist_systemduserunit_DATA = docs/systemd/bote-fetch.timer
nodist_systemduserunit_DATA = docs/systemd/bote-fetch.service
CLEANFILES += docs/systemd/bote-fetch.service

docs/systemd/bote-fetch.service: $(top_srcdir)/docs/systemd/bote-fetch.service.in Makefile
	$(MKDIR_P) docs/systemd
	sed -e 's|@bindir[@]|$(bindir)|g' $(top_srcdir)/docs/systemd/bote-fetch.service.in >$@
