/* complete.c - Tab completion in prompts: folder names from the account's list, command names at ':'. */
#include "complete.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keymap.h"
#include "views.h"

/* Commands whose argument is a folder name (rename-mailbox: two of them). */
static const char *const folder_commands[] = {
	"change-folder", "save-message", "copy-message", "create-mailbox",
	"rename-mailbox", "delete-mailbox", "subscribe", "unsubscribe",
};

struct matches {
	const char	**shown;
	size_t		  n;
	const char	 *first;
	size_t		  common;	/* bytes all matches share with first */
};

static void
consider(struct matches *m, const char *cand, const char *prefix)
{
	size_t	i;

	if (strncasecmp(cand, prefix, strlen(prefix)) != 0)
		return;
	if (m->n < COMPLETE_SHOWN)
		m->shown[m->n] = cand;
	if (m->n++ == 0) {
		m->first = cand;
		m->common = strlen(cand);
		return;
	}
	for (i = 0; i < m->common && tolower((unsigned char)cand[i]) ==
	    tolower((unsigned char)m->first[i]); i++)
		;
	/* Never stop inside a UTF-8 character. */
	while (i > 0 && (m->first[i] & 0xc0) == 0x80)
		i--;
	m->common = i;
}

static int
is_folder_command(const char *line, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof folder_commands / sizeof folder_commands[0]; i++)
		if (strlen(folder_commands[i]) == len && strncmp(folder_commands[i], line, len) == 0)
			return 1;
	return 0;
}

size_t
complete_line(struct tui *t, enum complete_kind kind, char *line, size_t len,
    const char **shown)
{
	struct matches		 m = { shown, 0, NULL, 0 };
	const struct command	*cmds;
	size_t			 i, ncmds, start = 0, word;
	int			 commands = 0;

	if (kind == COMPLETE_NONE)
		return 0;
	if (kind == COMPLETE_COMMAND) {
		word = strcspn(line, " ");
		if (line[word] == '\0')
			commands = 1;
		else if (!is_folder_command(line, word))
			return 0;
		else if (strncmp(line, "rename-mailbox", word) == 0)
			start = (size_t)(strrchr(line, ' ') - line) + 1;
		else
			for (start = word; line[start] == ' '; start++)
				;
	}
	if (commands) {
		cmds = keymap_commands(&ncmds);
		for (i = 0; i < ncmds; i++)
			consider(&m, cmds[i].name, line);
	} else
		for (i = 0; i < t->folders.n; i++)
			consider(&m, t->folders.v[i].name, line + start);
	if (m.n == 0)
		return 0;
	/* One match is taken whole (a command gets the space before its argument). */
	snprintf(line + start, len - start, "%.*s%s", (int)(m.n == 1 ? strlen(m.first) :
	    m.common), m.first, m.n == 1 && commands ? " " : "");
	return m.n;
}
