/* main.c - bote's entry point: locale, command line, then the CLI commands or the terminal UI. */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tui.h"
#include "util/i18n.h"
#include "worker/session.h"

static void
usage(FILE *out)
{
	fprintf(out, "%s", _(
"usage: bote [-F FILE] [-a NAME] [-f PATH|URL] [-e 'CMD; ...']\n"
"       bote --demo [-e 'CMD; ...']\n"
"       bote folders [-f PATH|URL]\n"
"       bote list [-f PATH|URL] [FOLDER]\n"
"       bote show ID [-f PATH|URL] [FOLDER]\n"
"       bote save [-f PATH|URL] FOLDER [FILE]\n"
"       bote fetch [-a NAME]\n"
"       bote setup\n"
"       bote --version | --help\n"
"\n"
"  -f PATH     open a Maildir (or maildir:PATH); FOLDER names a folder inside it\n"
"  -f URL      an IMAP folder: imaps://USER@HOST[:PORT][/FOLDER] (or imap://)\n"
"  -e CMD      run UI commands after start-up, separated by ';' (e.g. -e quit)\n"
"  -F FILE     configuration file (default $XDG_CONFIG_HOME/bote/config)\n"
"  -a NAME     start in account NAME; with fetch: fetch only NAME\n"
"  --demo      browse a demo mailbox copied to a temporary directory\n"
"\n"
"In the terminal UI press ? for the keys of the current view.\n"));
}

/*
 * wcwidth() and the wide-character curses functions need a UTF-8 LC_CTYPE;
 * when the environment gives none, C.UTF-8 keeps non-ASCII text readable
 * instead of replacing every such character.
 */
static void
setup_locale(void)
{
	const char	*cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs == NULL || (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "utf8") != 0))
		setlocale(LC_CTYPE, "C.UTF-8");
#ifdef ENABLE_NLS
	/* BOTE_LOCALEDIR lets an uninstalled bote (and the tests) find its catalogs. */
	bindtextdomain(PACKAGE, getenv("BOTE_LOCALEDIR") ? getenv("BOTE_LOCALEDIR") : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
}

/*
 * Subcommand options -f PATH and -a NAME may stand before or after the
 * positional arguments (GNU getopt permutes); returns the number of
 * positional arguments, or -1 when there are too many or an option is bad.
 */
static int
parse_sub(int argc, char **argv, struct cli_target *t, int npos, const char **pos)
{
	int	c, i;

	optind = 0;	/* 0, not 1: glibc then starts afresh on a new argv */
	opterr = 0;
	while ((c = getopt(argc, argv, "F:f:a:")) != -1) {
		switch (c) {
		case 'F':
			t->config = optarg;
			break;
		case 'f':
			t->path = optarg;
			break;
		case 'a':
			t->account = optarg;
			break;
		default:
			return -1;
		}
	}
	for (i = 0; optind < argc; optind++) {
		if (i >= npos)
			return -1;
		pos[i++] = argv[optind];
	}
	return i;
}

static int
sub_usage(const char *synopsis)
{
	fprintf(stderr, _("bote: usage: %s (try bote --help)\n"), synopsis);
	return EXIT_USAGE;
}

static int
run_subcommand(const char *name, int argc, char **argv, const struct tui_options *g)
{
	struct cli_target	 t = { .path = g->path, .config = g->config, .account = g->account };
	const char		*pos[2] = { NULL, NULL };

	if (strcmp(name, "folders") == 0) {
		if (parse_sub(argc, argv, &t, 0, pos) < 0)
			return sub_usage("bote folders [-f PATH|URL]");
		return cli_folders(&t);
	}
	if (strcmp(name, "list") == 0) {
		if (parse_sub(argc, argv, &t, 1, pos) < 0)
			return sub_usage("bote list [-f PATH|URL] [FOLDER]");
		t.folder = pos[0];
		return cli_list(&t);
	}
	if (strcmp(name, "show") == 0) {
		if (parse_sub(argc, argv, &t, 2, pos) < 1)
			return sub_usage("bote show ID [-f PATH|URL] [FOLDER]");
		t.folder = pos[1];
		return cli_show(&t, pos[0]);
	}
	if (strcmp(name, "save") == 0) {
		if (parse_sub(argc, argv, &t, 2, pos) < 1)
			return sub_usage("bote save [-f PATH|URL] FOLDER [FILE]");
		t.folder = pos[0];
		return cli_save(&t, pos[1]);
	}
	if (strcmp(name, "setup") == 0) {
		struct tui_options	o = *g;

		if (argc > 1)
			return sub_usage("bote setup");
		o.setup = 1;
		return tui_run(&o);
	}
	if (strcmp(name, "fetch") == 0) {
		if (parse_sub(argc, argv, &t, 0, pos) < 0 || t.path != g->path)
			return sub_usage("bote fetch [-a NAME]");
		return cli_fetch(t.config, t.account);
	}
	fprintf(stderr, _("bote: unknown command '%s' (try bote --help)\n"), name);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "demo", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct tui_options	opts = { 0 };
	int			c, rc;

	setup_locale();
	opterr = 0;	/* one error line of our own, not getopt's */
	/* Writes to a closed pipe must fail with EPIPE, not kill bote. */
	signal(SIGPIPE, SIG_IGN);
	/* A file-size limit must make write() fail with EFBIG, a clear error, not kill bote. */
	signal(SIGXFSZ, SIG_IGN);
	while ((c = getopt_long(argc, argv, "+F:a:f:e:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'F':
			opts.config = optarg;
			break;
		case 'a':
			opts.account = optarg;
			break;
		case 'f':
			opts.path = optarg;
			break;
		case 'e':
			opts.commands = optarg;
			break;
		case 'D':
			opts.demo = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("bote %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		default:
			if (optopt != 0)
				fprintf(stderr, _("bote: bad option '-%c' (try bote --help)\n"),
				    optopt);
			else
				fprintf(stderr, _("bote: bad option '%s' (try bote --help)\n"),
				    argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	session_library_init();
	if (optind < argc)
		rc = run_subcommand(argv[optind], argc - optind, argv + optind, &opts);
	else
		rc = tui_run(&opts);
	session_library_shutdown();
	return rc;
}
