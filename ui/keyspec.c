/* keyspec.c - parsing and naming keys: the words people write in [bind] sections and see in help. */
#include "keyspec.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/i18n.h"

#define FK(k)	(KEYMAP_FKEY + (k))

/* The first name of a key is the one shown; the others are accepted too. */
static const struct {
	int		 key;
	const char	*name;
} names[] = {
	{ '\n', "Enter" }, { '\n', "Return" }, { 0x1b, "Esc" }, { 0x1b, "Escape" },
	{ ' ', "Space" }, { '\t', "Tab" }, { FK(KEY_BACKSPACE), "Backspace" },
	{ FK(KEY_UP), "Up" }, { FK(KEY_DOWN), "Down" }, { FK(KEY_LEFT), "Left" },
	{ FK(KEY_RIGHT), "Right" }, { FK(KEY_PPAGE), "PageUp" }, { FK(KEY_PPAGE), "PgUp" },
	{ FK(KEY_NPAGE), "PageDown" }, { FK(KEY_NPAGE), "PgDn" }, { FK(KEY_HOME), "Home" },
	{ FK(KEY_END), "End" }, { FK(KEY_IC), "Insert" }, { FK(KEY_DC), "Delete" },
	{ FK(KEY_DC), "Del" }, { FK(KEY_BTAB), "BackTab" },
};

int
keyspec_normalize(int key)
{
	if (key == '\r' || key == FK(KEY_ENTER))
		return '\n';
	if (key == 0x7f || key == 0x08)
		return FK(KEY_BACKSPACE);
	return key;
}

/* One UTF-8 code point that is the whole of s, or -1. */
static int
single_char(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	int			 c, n, i;

	if (u[0] < 0x80)
		return u[0] != '\0' && u[1] == '\0' ? u[0] : -1;
	if ((u[0] & 0xe0) == 0xc0) {
		c = u[0] & 0x1f;
		n = 1;
	} else if ((u[0] & 0xf0) == 0xe0) {
		c = u[0] & 0x0f;
		n = 2;
	} else if ((u[0] & 0xf8) == 0xf0) {
		c = u[0] & 0x07;
		n = 3;
	} else
		return -1;
	for (i = 1; i <= n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	return u[n + 1] == '\0' && c >= 0xa0 && c <= 0x10ffff ? c : -1;
}

/* Control of a letter or of @[\]^_ (C-[ is Esc). */
static int
control(const char *s)
{
	if (s[0] == '\0' || s[1] != '\0')
		return -1;
	if (s[0] >= 'a' && s[0] <= 'z')
		return s[0] - 'a' + 1;
	if (s[0] >= 'A' && s[0] <= 'Z')
		return s[0] - 'A' + 1;
	if (strchr("@[\\]^_", s[0]) != NULL)
		return s[0] - '@';
	return -1;
}

static int
one_key(const char *tok)
{
	char	 inner[64];
	size_t	 i, len = strlen(tok);
	long	 f;
	char	*end;
	int	 c;

	if ((c = single_char(tok)) >= 0x20 && c != 0x7f)
		return c;
	if (len > 2 && tok[0] == '<' && tok[len - 1] == '>' && len - 2 < sizeof inner) {
		memcpy(inner, tok + 1, len - 2);
		inner[len - 2] = '\0';
		tok = inner;
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcasecmp(tok, names[i].name) == 0)
			return names[i].key;
	if (strncmp(tok, "C-", 2) == 0 && (c = control(tok + 2)) != -1)
		return keyspec_normalize(c);
	if (tok[0] == '^' && (c = control(tok + 1)) != -1)
		return keyspec_normalize(c);
	if (strncmp(tok, "M-", 2) == 0 && (c = single_char(tok + 2)) >= 0x21 && c < 0x7f)
		return KEYMAP_META(c);
	if ((tok[0] == 'F' || tok[0] == 'f') && tok[1] >= '1' && tok[1] <= '9') {
		f = strtol(tok + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 63)
			return FK(KEY_F((int)f));
	}
	return -1;
}

int
keyspec_parse(const char *spec, struct keyseq *seq, char *why, size_t whylen)
{
	char	 copy[256], *tok, *save = NULL;
	int	 key;

	seq->n = 0;
	if (strlen(spec) >= sizeof copy) {
		snprintf(why, whylen, _("key '%s' is too long"), spec);
		return -1;
	}
	snprintf(copy, sizeof copy, "%s", spec);
	for (tok = strtok_r(copy, " \t", &save); tok != NULL; tok = strtok_r(NULL, " \t", &save)) {
		if ((key = one_key(tok)) == -1) {
			if (strlen(tok) > 1 && strspn(tok, "abcdefghijklmnopqrstuvwxyz") ==
			    strlen(tok))
				snprintf(why, whylen,
				    _("unknown key '%s' (write a sequence with blanks: '%c %s')"),
				    tok, tok[0], tok + 1);
			else
				snprintf(why, whylen, _("unknown key '%s'"), tok);
			return -1;
		}
		if (seq->n == KEYSEQ_MAX) {
			snprintf(why, whylen, _("key sequence '%s' is longer than %d keys"), spec,
			    KEYSEQ_MAX);
			return -1;
		}
		seq->keys[seq->n++] = key;
	}
	if (seq->n == 0) {
		snprintf(why, whylen, "%s", _("empty key"));
		return -1;
	}
	return 0;
}

const char *
keyspec_name(int key, char *buf, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, len, "%s", names[i].name);
			return buf;
		}
	if (key >= KEYMAP_META(0x21) && key < KEYMAP_META(0x7f))
		snprintf(buf, len, "M-%c", key - KEYMAP_META(0));
	else if (key >= FK(KEY_F(1)) && key <= FK(KEY_F(63)))
		snprintf(buf, len, "F%d", key - FK(KEY_F(0)));
	else if (key > 0 && key < 0x20)
		snprintf(buf, len, "C-%c", key >= 1 && key <= 26 ? key - 1 + 'a' : key + '@');
	else if (key >= 0x20 && key < 0x7f)
		snprintf(buf, len, "%c", key);
	else if (key >= 0xa0 && key < KEYMAP_FKEY) {
		/* A printable character beyond ASCII: shown as itself, UTF-8. */
		char	u[5] = { 0 };

		if (key < 0x800) {
			u[0] = (char)(0xc0 | key >> 6);
			u[1] = (char)(0x80 | (key & 0x3f));
		} else if (key < 0x10000) {
			u[0] = (char)(0xe0 | key >> 12);
			u[1] = (char)(0x80 | ((key >> 6) & 0x3f));
			u[2] = (char)(0x80 | (key & 0x3f));
		} else {
			u[0] = (char)(0xf0 | key >> 18);
			u[1] = (char)(0x80 | ((key >> 12) & 0x3f));
			u[2] = (char)(0x80 | ((key >> 6) & 0x3f));
			u[3] = (char)(0x80 | (key & 0x3f));
		}
		snprintf(buf, len, "%s", u);
	} else
		snprintf(buf, len, "<%#x>", key);
	return buf;
}

const char *
keyspec_seq_name(const struct keyseq *seq, char *buf, size_t len)
{
	char	one[32];
	size_t	used = 0;
	int	i;

	buf[0] = '\0';
	for (i = 0; i < seq->n && used < len; i++) {
		keyspec_name(seq->keys[i], one, sizeof one);
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? " " : "", one);
	}
	return buf;
}
