/* mailcap_cmd.c - a mailcap command as an argument vector: a small tokenizer, or sh with "$1". */
#include "attach/mailcap.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define MAX_PARAMS	16	/* distinct %{name} in one command */

struct vec {
	char	**v;
	size_t	  n;
};

static void
vec_push(struct vec *a, char *s)
{
	a->v = xreallocarray(a->v, a->n + 2, sizeof *a->v);
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

static void
vec_free(struct vec *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
}

/* The value of parameter name[0..len) when it is safe, else "". */
static const char *
param(const struct mailcap_vars *vars, const char *name, size_t len)
{
	const char *const	*p;

	for (p = vars->params; p != NULL && p[0] != NULL && p[1] != NULL; p += 2)
		if (strlen(p[0]) == len && strncasecmp(p[0], name, len) == 0)
			return mailcap_param_ok(p[1]) ? p[1] : "";
	return "";
}

/*
 * Does cmd need a shell: its syntax outside single quotes, a comment, or
 * a variable assignment before the command ("LESS=-R less %s").
 */
static int
needs_shell(const char *cmd)
{
	const char	*start = cmd + strspn(cmd, " \t");
	size_t		 first = strcspn(start, " \t'\"\\");
	int		 sq = 0, dq = 0;

	if (memchr(start, '=', first) != NULL)
		return 1;
	for (; *cmd != '\0'; cmd++) {
		if (!sq && !dq && *cmd == '#' && (cmd == start || cmd[-1] == ' ' ||
		    cmd[-1] == '\t'))
			return 1;
		if (sq) {
			sq = *cmd != '\'';
			continue;
		}
		if (*cmd == '%' && cmd[1] == '{' && strchr(cmd, '}') != NULL) {
			cmd = strchr(cmd, '}');	/* %{name}: bote's, not the shell's */
			continue;
		}
		if (*cmd == '\\' && cmd[1] != '\0') {
			cmd++;
			continue;
		}
		if (*cmd == '\'' && !dq)
			sq = 1;
		else if (*cmd == '"')
			dq = !dq;
		else if (dq ? strchr("$`", *cmd) != NULL : strchr("|&;<>()$`*?[]{}~", *cmd) != NULL)
			return 1;
	}
	return 0;
}

/*
 * Reads a %-sequence at *p (just after the '%'); returns what it names:
 * 's', 't', '%', 'p' (a parameter: name in *name, *nlen) or 0 for text
 * to copy as it is.  *p is moved past the sequence.
 */
static int
percent(const char **p, const char **name, size_t *nlen)
{
	const char	*s = *p, *close;

	if (*s == 's' || *s == 't' || *s == '%') {
		*p = s + 1;
		return *s;
	}
	if (*s == '{' && (close = strchr(s, '}')) != NULL && close > s + 1) {
		*name = s + 1;
		*nlen = (size_t)(close - s - 1);
		*p = close + 1;
		return 'p';
	}
	return 0;
}

/* The shell form: mail data only as positional parameters. */
static void
shell_form(const char *cmd, const struct mailcap_vars *vars, struct vec *out, int *uses_file)
{
	struct buf	 script = BUF_INIT;
	const char	*names[MAX_PARAMS], *name;
	size_t		 lens[MAX_PARAMS], nparams = 0, nlen = 0, i;
	int		 sq = 0, dq = 0, c, pos;

	while (*cmd != '\0') {
		if (*cmd != '%') {
			if (!sq && *cmd == '\\' && cmd[1] != '\0') {
				buf_append(&script, cmd, 2);
				cmd += 2;
				continue;
			}
			if (*cmd == '\'' && !dq)
				sq = !sq;
			else if (*cmd == '"' && !sq)
				dq = !dq;
			buf_putc(&script, *cmd++);
			continue;
		}
		cmd++;
		switch ((c = percent(&cmd, &name, &nlen))) {
		case 0:
			buf_putc(&script, '%');
			continue;
		case '%':
			buf_putc(&script, '%');
			continue;
		case 's':
			pos = 1;
			*uses_file = 1;
			break;
		case 't':
			pos = 2;
			break;
		default:
			for (i = 0; i < nparams; i++)
				if (lens[i] == nlen && strncasecmp(names[i], name, nlen) == 0)
					break;
			if (i == nparams && nparams == MAX_PARAMS)
				continue;	/* too many: replaced by nothing */
			if (i == nparams) {
				names[nparams] = name;
				lens[nparams++] = nlen;
			}
			pos = 3 + (int)i;
			break;
		}
		if (sq)
			buf_printf(&script, "'\"${%d}\"'", pos);
		else if (dq)
			buf_printf(&script, "${%d}", pos);
		else
			buf_printf(&script, "\"${%d}\"", pos);
	}
	vec_push(out, xstrdup("/bin/sh"));
	vec_push(out, xstrdup("-c"));
	vec_push(out, buf_steal(&script));
	vec_push(out, xstrdup("sh"));
	vec_push(out, xstrdup(vars->file != NULL ? vars->file : ""));
	vec_push(out, xstrdup(vars->type != NULL ? vars->type : ""));
	for (i = 0; i < nparams; i++)
		vec_push(out, xstrdup(param(vars, names[i], lens[i])));
}

/* The plain form: words split here, substitutions never split again. */
static int
plain_form(const char *cmd, const struct mailcap_vars *vars, struct vec *out, int *uses_file)
{
	struct buf	 w = BUF_INIT;
	const char	*name;
	size_t		 nlen;
	int		 sq = 0, dq = 0, in_word = 0, c;

	for (;;) {
		if (*cmd == '\0' || (!sq && !dq && (*cmd == ' ' || *cmd == '\t'))) {
			if (in_word) {
				buf_putc(&w, '\0');
				vec_push(out, xstrdup(w.data));
				buf_truncate(&w, 0);
				in_word = 0;
			}
			if (*cmd++ == '\0')
				break;
			continue;
		}
		in_word = 1;
		if (sq && *cmd != '%') {
			if (*cmd == '\'')
				sq = 0;
			else
				buf_putc(&w, *cmd);
			cmd++;
			continue;
		}
		if (!sq && *cmd == '\\' && cmd[1] != '\0' &&
		    (!dq || strchr("\"\\$`", cmd[1]) != NULL)) {
			buf_putc(&w, cmd[1]);
			cmd += 2;
			continue;
		}
		if (*cmd == '\'' && !dq) {
			sq = 1;
			cmd++;
			continue;
		}
		if (*cmd == '"') {
			dq = !dq;
			cmd++;
			continue;
		}
		if (*cmd != '%') {
			buf_putc(&w, *cmd++);
			continue;
		}
		cmd++;
		switch ((c = percent(&cmd, &name, &nlen))) {
		case 0:
		case '%':
			buf_putc(&w, '%');
			break;
		case 's':
			*uses_file = 1;
			buf_puts(&w, vars->file != NULL ? vars->file : "");
			break;
		case 't':
			buf_puts(&w, vars->type != NULL ? vars->type : "");
			break;
		default:
			buf_puts(&w, param(vars, name, nlen));
			break;
		}
	}
	buf_free(&w);
	return sq || dq ? -1 : 0;
}

int
mailcap_command(const char *cmd, const struct mailcap_vars *vars, char ***argv,
    int *uses_file, struct bote_err *err)
{
	struct vec	out = { NULL, 0 };

	*argv = NULL;
	*uses_file = 0;
	if (needs_shell(cmd))
		shell_form(cmd, vars, &out, uses_file);
	else if (plain_form(cmd, vars, &out, uses_file) != 0) {
		vec_free(&out);
		bote_err_set(err, BOTE_ERR_PARSE, _("cannot run mailcap command '%s': open quote"),
		    cmd);
		return -1;
	}
	if (out.n == 0) {
		free(out.v);
		bote_err_set(err, BOTE_ERR_PARSE, "%s", _("cannot run mailcap command: it is empty"));
		return -1;
	}
	*argv = out.v;
	return 0;
}
