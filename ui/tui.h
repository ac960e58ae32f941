/* tui.h - the terminal UI: start-up options and the entry point. */
#ifndef BOTE_TUI_H
#define BOTE_TUI_H

struct tui_options {
	const char	*config;	/* -F */
	const char	*account;	/* -a */
	const char	*path;		/* -f */
	const char	*commands;	/* -e */
	int		 demo;		/* --demo */
	int		 setup;		/* bote setup: run the wizard first */
};

/* Runs until the user quits; returns the process exit code. */
int	tui_run(const struct tui_options *);

#endif
