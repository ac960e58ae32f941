/* config_parse.c - reading the INI text: lines, comments, quotes, sections, and where each key goes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

enum section {
	SEC_NONE,
	SEC_GENERAL,
	SEC_ACCOUNT,
	SEC_BIND,
};

static const char *const views[] = { "global", "folders", "index", "pager", "help", "attach",
    "urls" };
#define NVIEWS		(sizeof views / sizeof views[0])

enum {
	GK_ACCOUNT, GK_THEME, GK_HTML_FILTER, GK_DELETE, GK_KEYS, GK_MOUSE, GK_BELL, GK_NEW_MAIL,
	GK_URL_OPENER, GK_COUNT
};
static const char *const general_keys[GK_COUNT] = {
	"account", "theme", "html_filter", "delete", "keys", "mouse", "bell_on_new_mail",
	"new_mail_command", "url_opener",
};

struct parser {
	const char	*name;
	struct config	*cfg;
	struct bote_err	*err;
	unsigned	 line;
	enum section	 sec;
	size_t		 acap, bcap;
	size_t		 view;			/* SEC_BIND: index in views */
	unsigned	 seen[CONFIG_AK_COUNT];	/* the current account's keys: their lines */
	unsigned	 general_line;		/* 0 until [general] is seen */
	unsigned	 general_seen[GK_COUNT];
	unsigned	 view_line[NVIEWS];
	char		 buf[CONFIG_MAX_LINE + 2];
};

/* "config 'FILE' line N: reason": every parse error names where to look. */
static int __attribute__((format(printf, 3, 4)))
fail(struct parser *p, unsigned line, const char *fmt, ...)
{
	char	why[sizeof p->err->msg];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	bote_err_set(p->err, BOTE_ERR_PARSE, _("config '%s' line %u: %s"), p->name, line, why);
	if (p->err != NULL)
		config_text_cut(p->err->msg);
	return -1;
}

static char *
skip_ws(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static void
rtrim(char *start, char *end)
{
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
}

/*
 * Unquotes in place the string that starts after an opening quote: \" and
 * \\ are the only escapes, any other backslash is itself (Windows paths,
 * passwords).  Returns what follows the closing quote, or NULL.
 */
static char *
unquote(char *s)
{
	char	*w = s;

	for (;;) {
		if (*s == '\0')
			return NULL;
		if (*s == '"') {
			*w = '\0';
			return s + 1;
		}
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		*w++ = *s++;
	}
}

/* After a closing quote or bracket: nothing, or a comment. */
static int
only_comment(char *s)
{
	s = skip_ws(s);
	return *s == '\0' || *s == '#' || *s == ';';
}

/* A bare value ends at a # that follows a blank, so "pass#word" stays whole. */
static void
cut_comment(char *v)
{
	char	*s;

	if (*v == '#') {
		*v = '\0';
		return;
	}
	for (s = v; (s = strchr(s, '#')) != NULL; s++) {
		if (s[-1] == ' ' || s[-1] == '\t') {
			*s = '\0';
			break;
		}
	}
	rtrim(v, v + strlen(v));
}

static int
finish_section(struct parser *p)
{
	struct account	*a;
	struct bote_err	 e;
	unsigned	 line;

	if (p->sec != SEC_ACCOUNT)
		return 0;
	a = &p->cfg->accounts[p->cfg->naccounts - 1];
	if (config_account_finish(a, p->seen, &line, &e) != 0)
		return fail(p, line, "%s", e.msg);
	return 0;
}

static int
begin_account(struct parser *p, const char *name)
{
	struct config	*cfg = p->cfg;
	struct account	*a;
	size_t		 i;

	if (name == NULL)
		return fail(p, p->line, "%s", _("[account] needs a name: [account \"NAME\"]"));
	/* Names may become file names (per-account state): keep them tame. */
	if (name[0] == '\0' || strlen(name) > CONFIG_MAX_NAME || strchr(name, '/') != NULL ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return fail(p, p->line, _("account name '%s' must be 1 to %d bytes without '/'"),
		    name, CONFIG_MAX_NAME);
	for (i = 0; i < cfg->naccounts; i++)
		if (strcmp(cfg->accounts[i].name, name) == 0)
			return fail(p, p->line, _("duplicate account '%s' (first at line %u)"),
			    name, cfg->accounts[i].line);
	if (cfg->naccounts == CONFIG_MAX_ACCOUNTS)
		return fail(p, p->line, _("too many accounts (more than %d)"),
		    CONFIG_MAX_ACCOUNTS);
	if (cfg->naccounts == p->acap) {
		p->acap = p->acap ? p->acap * 2 : 4;
		cfg->accounts = xreallocarray(cfg->accounts, p->acap, sizeof *cfg->accounts);
	}
	a = &cfg->accounts[cfg->naccounts++];
	memset(a, 0, sizeof *a);
	a->name = xstrdup(name);
	a->line = p->line;
	memset(p->seen, 0, sizeof p->seen);
	p->sec = SEC_ACCOUNT;
	return 0;
}

static int
begin_bind(struct parser *p, const char *view)
{
	size_t	v;

	if (view == NULL)
		return fail(p, p->line, "%s",
		    _("[bind] needs a view: global, folders, index, pager or help"));
	for (v = 0; v < NVIEWS && strcmp(views[v], view) != 0; v++)
		;
	if (v == NVIEWS)
		return fail(p, p->line,
		    _("unknown view '%s' in [bind]: use global, folders, index, pager or help"), view);
	if (p->view_line[v] != 0)
		return fail(p, p->line, _("duplicate section [bind %s] (first at line %u)"),
		    view, p->view_line[v]);
	p->view_line[v] = p->line;
	p->view = v;
	p->sec = SEC_BIND;
	return 0;
}

static int
begin_section(struct parser *p, const char *type, const char *arg)
{
	if (finish_section(p) != 0)
		return -1;
	if (strcmp(type, "account") == 0)
		return begin_account(p, arg);
	if (strcmp(type, "bind") == 0)
		return begin_bind(p, arg);
	if (strcmp(type, "general") != 0)
		return fail(p, p->line,
		    _("unknown section [%s]: use [general], [account \"NAME\"] or [bind VIEW]"),
		    type);
	if (arg != NULL)
		return fail(p, p->line, "%s", _("[general] takes no name"));
	if (p->general_line != 0)
		return fail(p, p->line, _("duplicate section [general] (first at line %u)"),
		    p->general_line);
	p->general_line = p->line;
	p->sec = SEC_GENERAL;
	return 0;
}

/* s is just past the '[': TYPE, then a "quoted" or bare argument, then ']'. */
static int
parse_header(struct parser *p, char *s)
{
	char	*type, *type_end, *arg = NULL, *arg_end = NULL;

	type = s = skip_ws(s);
	while (*s != '\0' && *s != ']' && *s != '"' && *s != ' ' && *s != '\t')
		s++;
	type_end = s;
	s = skip_ws(s);
	if (*s == '"') {
		arg = s + 1;
		if ((s = unquote(arg)) == NULL)
			return fail(p, p->line, "%s", _("missing closing quote"));
		s = skip_ws(s);
	} else if (*s != ']' && *s != '\0') {
		arg = s;
		while (*s != '\0' && *s != ']' && *s != ' ' && *s != '\t')
			s++;
		arg_end = s;
		s = skip_ws(s);
	}
	if (*s != ']' || !only_comment(s + 1) || type == type_end)
		return fail(p, p->line, "%s",
		    _("malformed section header: write [general], [account \"NAME\"] or [bind VIEW]"));
	/* Terminate only now: a terminator may land on the ']' just checked. */
	*type_end = '\0';
	if (arg_end != NULL)
		*arg_end = '\0';
	return begin_section(p, type, arg);
}

/* yes/no (also true/false, on/off) into *out; -1 for anything else. */
static int
yes_no(const char *v, int *out)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcasecmp(v, "on") == 0)
		*out = 1;
	else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcasecmp(v, "off") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int
set_general(struct parser *p, const char *key, const char *value)
{
	struct config	*cfg = p->cfg;
	struct bote_err	 e;
	int		 k;

	for (k = 0; k < GK_COUNT && strcmp(general_keys[k], key) != 0; k++)
		;
	if (k == GK_COUNT)
		return fail(p, p->line, _("unknown key '%s' in [general]"), key);
	if (p->general_seen[k] != 0)
		return fail(p, p->line, _("duplicate key '%s' in [general] (first at line %u)"),
		    key, p->general_seen[k]);
	p->general_seen[k] = p->line;
	switch (k) {
	case GK_ACCOUNT:
		cfg->default_account = xstrdup(value);
		break;
	case GK_THEME:
		/* A name from the themes directory, or a file of one's own. */
		if (value[0] != '~')
			cfg->theme = xstrdup(value);
		else if ((cfg->theme = config_path_expand(value, &e)) == NULL)
			return fail(p, p->line, "%s", e.msg);
		break;
	case GK_HTML_FILTER:
		cfg->html_filter = xstrdup(value);
		break;
	case GK_DELETE:
		if (config_delete_parse(value, &cfg->delete_mark) != 0)
			return fail(p, p->line,
			    _("delete must be trash or mark, not '%s'"), value);
		break;
	case GK_KEYS:
		if (strcmp(value, "mutt") != 0 && strcmp(value, "vi") != 0)
			return fail(p, p->line, _("keys must be mutt or vi, not '%s'"), value);
		cfg->keys = xstrdup(value);
		break;
	case GK_MOUSE:
	case GK_BELL:
		if (yes_no(value, k == GK_MOUSE ? &cfg->mouse : &cfg->bell_on_new_mail) != 0)
			return fail(p, p->line, _("%s must be yes or no, not '%s'"), key, value);
		break;
	case GK_NEW_MAIL:
		cfg->new_mail_command = xstrdup(value);
		break;
	case GK_URL_OPENER:
		cfg->url_opener = xstrdup(value);
		break;
	}
	return 0;
}

static int
set_account(struct parser *p, const char *key, const char *value)
{
	struct account	*a = &p->cfg->accounts[p->cfg->naccounts - 1];
	struct bote_err	 e;
	int		 k;

	if ((k = config_key_find(key)) == -1)
		return fail(p, p->line, _("unknown key '%s' in [account \"%s\"]"), key, a->name);
	if (p->seen[k] != 0)
		return fail(p, p->line,
		    _("duplicate key '%s' in [account \"%s\"] (first at line %u)"),
		    key, a->name, p->seen[k]);
	p->seen[k] = p->line;
	if (config_account_keys[k].set(&config_account_keys[k], a, value, &e) != 0)
		return fail(p, p->line, "%s", e.msg);
	return 0;
}

static int
set_bind(struct parser *p, const char *key, const char *command)
{
	struct config		*cfg = p->cfg;
	struct config_bind	*b;
	size_t			 i;

	for (i = 0; i < cfg->nbinds; i++) {
		b = &cfg->binds[i];
		if (strcmp(b->view, views[p->view]) == 0 && strcmp(b->key, key) == 0)
			return fail(p, p->line,
			    _("duplicate key '%s' in [bind %s] (first at line %u)"),
			    key, views[p->view], b->line);
	}
	if (cfg->nbinds == CONFIG_MAX_BINDS)
		return fail(p, p->line, _("too many key bindings (more than %d)"),
		    CONFIG_MAX_BINDS);
	if (cfg->nbinds == p->bcap) {
		p->bcap = p->bcap ? p->bcap * 2 : 16;
		cfg->binds = xreallocarray(cfg->binds, p->bcap, sizeof *cfg->binds);
	}
	b = &cfg->binds[cfg->nbinds++];
	b->view = xstrdup(views[p->view]);
	b->key = xstrdup(key);
	b->command = xstrdup(command);
	b->line = p->line;
	return 0;
}

/* KEY = VALUE; the key may be quoted so that [bind] can name '=', '#' or ' '. */
static int
parse_pair(struct parser *p, char *s)
{
	char	*key, *value, *e;

	if (*s == '"') {
		key = s + 1;
		if ((s = unquote(key)) == NULL)
			return fail(p, p->line, "%s", _("missing closing quote"));
		s = skip_ws(s);
		if (*s != '=')
			return fail(p, p->line, "%s", _("expected KEY = VALUE"));
	} else {
		if ((s = strchr(key = s, '=')) == NULL)
			return fail(p, p->line, "%s", _("expected KEY = VALUE or a [section]"));
		rtrim(key, s);
	}
	value = skip_ws(s + 1);
	if (*value == '"') {
		if ((e = unquote(++value)) == NULL)
			return fail(p, p->line, "%s", _("missing closing quote"));
		if (!only_comment(e))
			return fail(p, p->line, "%s", _("text after the closing quote"));
	} else
		cut_comment(value);
	if (*key == '\0')
		return fail(p, p->line, "%s", _("missing key before '='"));
	if (strlen(key) > CONFIG_MAX_KEY)
		return fail(p, p->line, _("key longer than %d bytes"), CONFIG_MAX_KEY);
	if (*value == '\0')
		return fail(p, p->line, _("key '%s' has no value"), key);
	if (strlen(value) > CONFIG_MAX_VALUE)
		return fail(p, p->line, _("value of '%s' longer than %d bytes"), key,
		    CONFIG_MAX_VALUE);
	switch (p->sec) {
	case SEC_GENERAL:
		return set_general(p, key, value);
	case SEC_ACCOUNT:
		return set_account(p, key, value);
	case SEC_BIND:
		return set_bind(p, key, value);
	case SEC_NONE:
		break;
	}
	return fail(p, p->line,
	    _("key '%s' is outside a section: put it under [general] or [account \"NAME\"]"), key);
}

static int
parse_line(struct parser *p, char *s)
{
	const char	*why;

	s = skip_ws(s);
	if (*s == '\0' || *s == '#' || *s == ';')
		return 0;
	if ((why = config_text_check(s, strlen(s))) != NULL)
		return fail(p, p->line, "%s", why);
	if (*s == '[')
		return parse_header(p, s + 1);
	return parse_pair(p, s);
}

static int
parse_text(struct parser *p, const char *text, size_t len)
{
	const char	*nl;
	size_t		 off = 0, n, raw;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		off = 3;	/* a byte-order mark some editors put first */
	while (off < len) {
		p->line++;
		nl = memchr(text + off, '\n', len - off);
		raw = n = nl != NULL ? (size_t)(nl - (text + off)) : len - off;
		if (n > 0 && text[off + n - 1] == '\r')
			n--;
		if (n > CONFIG_MAX_LINE)
			return fail(p, p->line, _("line longer than %d bytes"), CONFIG_MAX_LINE);
		if (memchr(text + off, '\0', n) != NULL)
			return fail(p, p->line, "%s", _("NUL byte: this is not a text file"));
		memcpy(p->buf, text + off, n);
		p->buf[n] = '\0';
		if (parse_line(p, p->buf) != 0)
			return -1;
		off += raw + (nl != NULL);
	}
	if (finish_section(p) != 0)
		return -1;
	if (p->cfg->default_account != NULL &&
	    config_account(p->cfg, p->cfg->default_account) == NULL)
		return fail(p, p->general_seen[GK_ACCOUNT],
		    _("[general] account '%s' is not defined"), p->cfg->default_account);
	return 0;
}

int
config_parse(const char *name, const char *text, size_t len, struct config *cfg,
    struct bote_err *err)
{
	struct parser	*p;
	int		 rc = -1;

	memset(cfg, 0, sizeof *cfg);
	if (len > CONFIG_MAX_FILE) {
		bote_err_set(err, BOTE_ERR_PARSE, _("config '%s' is larger than 1 MiB"), name);
		return -1;
	}
	p = xcalloc(1, sizeof *p);
	p->name = name;
	p->cfg = cfg;
	p->err = err;
	if (parse_text(p, text, len) == 0)
		rc = 0;
	else
		config_free(cfg);
	explicit_bzero(p, sizeof *p);	/* the buffer held the last line: maybe a password */
	free(p);
	return rc;
}
