/* keymap_run.c - running command lines by name, from a key, the ':' prompt or -e. */
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
keymap_run(struct tui *t, const char *line)
{
	const struct command	*c;
	char			*copy = xstrdup(line), *name, *arg;
	int			 rc;

	for (name = copy; *name == ' ' || *name == '\t'; name++)
		;
	arg = name + strcspn(name, " \t");
	if (*arg != '\0') {
		*arg++ = '\0';
		while (*arg == ' ' || *arg == '\t')
			arg++;
		arg[strcspn(arg, "\r\n")] = '\0';
		for (size_t n = strlen(arg); n > 0 && arg[n - 1] == ' '; n--)
			arg[n - 1] = '\0';
	}
	if (*name == '\0') {
		free(copy);
		return 0;
	}
	if ((c = keymap_find(name)) == NULL) {
		tui_error(t, _("Unknown command '%s'."), name);
		free(copy);
		return -1;
	}
	if (!(c->views & (1u << t->view))) {
		tui_error(t, _("'%s' is not available here."), name);
		free(copy);
		return -1;
	}
	rc = c->run(t, *arg ? arg : NULL);
	free(copy);
	return rc;
}

void
keymap_run_list(struct tui *t, const char *list)
{
	char	*copy = xstrdup(list), *cmd, *save = NULL;

	for (cmd = strtok_r(copy, ";", &save); cmd != NULL && !t->quit;
	    cmd = strtok_r(NULL, ";", &save))
		keymap_run(t, cmd);
	free(copy);
}
