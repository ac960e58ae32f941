# docs/local.mk - man pages and developer documents.
dist_man_MANS = docs/bote.1 docs/bote.conf.5
EXTRA_DIST += docs/ARCHITECTURE.md docs/HACKING.md
