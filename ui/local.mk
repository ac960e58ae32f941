# ui/local.mk - the bote binary: command line, terminal UI (ncursesw).
bin_PROGRAMS += bote
bote_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
bote_SOURCES = \
	ui/main.c \
	ui/cli.c ui/cli.h ui/cli_fetch.c ui/cli_tty.c \
	ui/tui.c ui/tui.h \
	ui/draw.c ui/draw.h \
	ui/theme.c ui/theme.h \
	ui/keymap.c ui/keymap.h \
	ui/actions.c ui/commands.c ui/commands.h ui/commands_list.c ui/listing.c ui/listing.h ui/view_folders.c ui/view_index.c ui/view_pager.c ui/view_help.c ui/view_setup.c ui/views.h \
	ui/view_attach.c ui/view_attach.h ui/view_urls.c
bote_LDADD = $(BOTE_CORE_LIBS) $(NCURSES_LIBS)
