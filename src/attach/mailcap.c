/* mailcap.c - reading RFC 1524 mailcap files and finding the entry for a type. */
#include "attach/mailcap.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/* Trims blanks from both ends of s[0..*len) in place; returns the new start. */
static char *
trim(char *s, size_t *len)
{
	while (*len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*len)--;
	}
	while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t' || s[*len - 1] == '\r'))
		(*len)--;
	return s;
}

/*
 * Splits one logical line into ';'-separated fields; "\;" is a literal ';'
 * (the backslash is dropped, as RFC 1524 says), other backslashes are kept
 * for the command's own quoting.  Returns the number of fields.
 */
static size_t
split_fields(const char *line, char **fields, size_t max)
{
	struct buf	 b = BUF_INIT;
	size_t		 n = 0, len;
	char		*f, *s;

	for (;; line++) {
		if (*line == '\\' && line[1] == ';') {
			buf_putc(&b, ';');
			line++;
			continue;
		}
		if (*line == ';' || *line == '\0') {
			buf_putc(&b, '\0');
			s = b.data;
			len = strlen(s);
			f = trim(s, &len);
			if (n < max)
				fields[n++] = xstrndup(f, len);
			buf_truncate(&b, 0);
			if (*line == '\0')
				break;
			continue;
		}
		buf_putc(&b, *line);
	}
	buf_free(&b);
	return n;
}

static void
add_line(struct mailcap *mc, const char *line)
{
	struct mailcap_entry	 e;
	char			*fields[64], *eq;
	size_t			 n, i, k;

	if (mc->n >= MAILCAP_MAX_ENTRIES)
		return;
	n = split_fields(line, fields, sizeof fields / sizeof fields[0]);
	if (n < 2 || fields[0][0] == '\0' || fields[1][0] == '\0' ||
	    strchr(fields[0], ' ') != NULL) {
		for (i = 0; i < n; i++)
			free(fields[i]);
		return;
	}
	memset(&e, 0, sizeof e);
	for (k = 0; fields[0][k] != '\0'; k++)
		fields[0][k] = (char)tolower((unsigned char)fields[0][k]);
	e.type = fields[0];
	e.view = fields[1];
	for (i = 2; i < n; i++) {
		eq = strchr(fields[i], '=');
		if (eq == NULL && strcasecmp(fields[i], "needsterminal") == 0)
			e.needsterminal = 1;
		else if (eq == NULL && strcasecmp(fields[i], "copiousoutput") == 0)
			e.copiousoutput = 1;
		else if (eq != NULL && eq - fields[i] >= 4 &&
		    strncasecmp(fields[i], "test", 4) == 0 &&
		    strspn(fields[i] + 4, " \t") == (size_t)(eq - fields[i] - 4) &&
		    e.test == NULL) {
			size_t	len = strlen(eq + 1);
			char	*t = trim(eq + 1, &len);

			e.test = xstrndup(t, len);
		}
		free(fields[i]);
	}
	if ((mc->n & (mc->n - 1)) == 0)
		mc->v = xreallocarray(mc->v, mc->n ? mc->n * 2 : 8, sizeof *mc->v);
	mc->v[mc->n++] = e;
}

void
mailcap_parse(struct mailcap *mc, const char *text, size_t len)
{
	struct buf	 line = BUF_INIT;
	size_t		 i;

	for (i = 0; i <= len; i++) {
		if (i < len && text[i] == '\\' && i + 1 < len && text[i + 1] == '\n') {
			i++;	/* a continuation line */
			continue;
		}
		if (i < len && text[i] != '\n') {
			buf_putc(&line, text[i] == '\0' ? ' ' : text[i]);
			continue;
		}
		buf_putc(&line, '\0');
		if (line.data[strspn(line.data, " \t")] != '#')
			add_line(mc, line.data);
		buf_truncate(&line, 0);
	}
	buf_free(&line);
}

static void
load_file(struct mailcap *mc, const char *path)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[8192];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return;
	while (b.len < MAILCAP_MAX_FILE && (n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		buf_append(&b, chunk, (size_t)n);
	}
	close(fd);
	if (b.len > MAILCAP_MAX_FILE)
		b.len = MAILCAP_MAX_FILE;
	if (b.len > 0)
		mailcap_parse(mc, b.data, b.len);
	buf_free(&b);
}

void
mailcap_load(struct mailcap *mc)
{
	const char	*list = getenv("MAILCAPS"), *home = getenv("HOME");
	char		*copy, *p, *save = NULL, *path;

	if (list == NULL || list[0] == '\0') {
		if (home != NULL && home[0] == '/') {
			path = xasprintf("%s/.mailcap", home);
			load_file(mc, path);
			free(path);
		}
		load_file(mc, "/etc/mailcap");
		return;
	}
	copy = xstrdup(list);
	for (p = strtok_r(copy, ":", &save); p != NULL; p = strtok_r(NULL, ":", &save)) {
		if (p[0] == '~' && p[1] == '/' && home != NULL) {
			path = xasprintf("%s%s", home, p + 1);
			load_file(mc, path);
			free(path);
		} else
			load_file(mc, p);
	}
	free(copy);
}

void
mailcap_free(struct mailcap *mc)
{
	size_t	i;

	for (i = 0; i < mc->n; i++) {
		free(mc->v[i].type);
		free(mc->v[i].view);
		free(mc->v[i].test);
	}
	free(mc->v);
	mc->v = NULL;
	mc->n = 0;
}

int
mailcap_type_match(const char *pattern, const char *type)
{
	size_t	plen = strlen(pattern), major = strcspn(type, "/");

	if (strcasecmp(pattern, type) == 0)
		return 1;
	/* "text" and "text/" plus a star stand for every text subtype. */
	if (plen == major && strncasecmp(pattern, type, major) == 0)
		return 1;
	return plen == major + 2 && strncasecmp(pattern, type, major) == 0 &&
	    pattern[major] == '/' && pattern[major + 1] == '*';
}

/* ASCII only, whatever the locale says. */
static int
ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int
mailcap_param_ok(const char *v)
{
	size_t	i;

	if (v == NULL || !ascii_alnum(v[0]))
		return 0;
	for (i = 0; v[i] != '\0'; i++)
		if (i >= 64 || (!ascii_alnum(v[i]) && v[i] != '.' && v[i] != '_' &&
		    v[i] != '+' && v[i] != '-'))
			return 0;
	return 1;
}
