/* cli_tty.c - asking the user on the terminal (a password), for the commands that run without the UI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

#include "cli.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Ask on the terminal with echo off; NULL when there is no terminal. */
char *
cli_ask_password(const char *account)
{
	struct termios	 old, quiet;
	char		 buf[512];
	FILE		*tty;
	size_t		 n;
	int		 ok;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return NULL;
	if (tcgetattr(fileno(tty), &old) == -1) {
		fclose(tty);
		return NULL;
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	/*
	 * Echo off before the prompt shows: TCSAFLUSH drops what was typed
	 * before it, so a password typed as soon as the prompt appears
	 * must not arrive in between (it would be echoed, then lost).
	 */
	(void)tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	fprintf(tty, _("Password for %s: "), account);
	fflush(tty);
	ok = fgets(buf, sizeof buf, tty) != NULL;
	(void)tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (!ok)
		return NULL;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	{
		char *pw = xstrdup(buf);

		explicit_bzero(buf, sizeof buf);
		return pw;
	}
}
