# ui/local.mk - the bote binary: command line, terminal UI (ncursesw).
bin_PROGRAMS += bote
bote_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
bote_SOURCES = \
	ui/main.c \
	ui/cli.c ui/cli.h ui/cli_fetch.c ui/cli_tty.c ui/cli_save.c \
	ui/tui.c ui/tui.h ui/tui_url.c \
	ui/draw.c ui/draw.h \
	ui/theme.c ui/theme.h \
	ui/keymap.c ui/keymap.h ui/keymap_defaults.c ui/keymap_run.c ui/keyspec.c ui/keyspec.h \
	ui/mouse.c ui/newmail.c ui/complete.c ui/complete.h ui/view_sidebar.c \
	ui/actions.c ui/actions_folders.c ui/actions_xfer.c ui/commands.c ui/commands.h ui/commands_list.c ui/commands_folders.c ui/msgops.c ui/listing.c ui/listing.h ui/view_folders.c ui/view_index.c ui/view_pager.c ui/view_help.c ui/view_setup.c ui/views.h \
	ui/view_attach.c ui/view_attach.h ui/view_urls.c
bote_LDADD = $(BOTE_CORE_LIBS) $(NCURSES_LIBS)
