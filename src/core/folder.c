/* folder.c - folder lists: building, ordering, and guessing roles from names. */
#include "core/folder.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

void
folder_list_add(struct folder_list *l, const struct folder_info *f)
{
	struct folder_info	*n;
	const char		*p;

	if ((l->n & (l->n - 1)) == 0)
		l->v = xreallocarray(l->v, l->n ? l->n * 2 : 8, sizeof *l->v);
	n = &l->v[l->n++];
	*n = *f;
	n->name = xstrdup(f->name);
	n->depth = 0;
	for (p = n->name; *p != '\0'; p++)
		if (*p == '/')
			n->depth++;
}

static int
folder_cmp(const void *a, const void *b)
{
	const struct folder_info *fa = a, *fb = b;

	if (fa->role == ROLE_INBOX && fb->role != ROLE_INBOX)
		return -1;
	if (fb->role == ROLE_INBOX && fa->role != ROLE_INBOX)
		return 1;
	return strcmp(fa->name, fb->name);
}

void
folder_list_sort(struct folder_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, folder_cmp);
}

void
folder_list_free(struct folder_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].name);
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->cached = 0;
}

long
folder_list_find(const struct folder_list *l, const char *name)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return (long)i;
	/* INBOX is case-insensitive everywhere (RFC 3501 5.1). */
	if (strcasecmp(name, "INBOX") == 0)
		return folder_list_find_role(l, ROLE_INBOX);
	return -1;
}

long
folder_list_find_role(const struct folder_list *l, enum folder_role role)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].role == role)
			return (long)i;
	return -1;
}

enum folder_role
folder_role_guess(const char *name)
{
	static const struct {
		const char		*name;
		enum folder_role	 role;
	} known[] = {
		{ "Sent", ROLE_SENT }, { "Sent Items", ROLE_SENT },
		{ "Sent Messages", ROLE_SENT }, { "Gesendet", ROLE_SENT },
		{ "Gesendete Elemente", ROLE_SENT }, { "Gesendete Objekte", ROLE_SENT },
		{ "Drafts", ROLE_DRAFTS }, { "Entwürfe", ROLE_DRAFTS },
		{ "Trash", ROLE_TRASH }, { "Deleted Items", ROLE_TRASH },
		{ "Deleted Messages", ROLE_TRASH }, { "Papierkorb", ROLE_TRASH },
		{ "Gelöschte Elemente", ROLE_TRASH },
		{ "Junk", ROLE_JUNK }, { "Spam", ROLE_JUNK },
		{ "Archive", ROLE_ARCHIVE }, { "Archiv", ROLE_ARCHIVE },
	};
	const char	*leaf = strrchr(name, '/');
	size_t		 i;

	if (strcasecmp(name, "INBOX") == 0)
		return ROLE_INBOX;
	/* Only top-level folders get a role: "Projekte/Archiv" is an ordinary folder. */
	if (leaf != NULL)
		return ROLE_NONE;
	leaf = name;
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcasecmp(leaf, known[i].name) == 0)
			return known[i].role;
	return ROLE_NONE;
}

const char *
folder_role_name(enum folder_role role)
{
	switch (role) {
	case ROLE_NONE:		return "";
	case ROLE_INBOX:	return "inbox";
	case ROLE_SENT:		return "sent";
	case ROLE_DRAFTS:	return "drafts";
	case ROLE_TRASH:	return "trash";
	case ROLE_JUNK:		return "junk";
	case ROLE_ARCHIVE:	return "archive";
	}
	return "";
}

/* Length of the UTF-8 sequence at p, 0 when it is invalid, overlong, a surrogate or a control. */
static size_t
utf8_char(const unsigned char *p)
{
	unsigned	c;
	size_t		n, i;

	if (*p < 0x80)
		return *p >= 0x20 && *p != 0x7f;
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2, c = *p & 0x1f;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3, c = *p & 0x0f;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4, c = *p & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff) || (c >= 0x80 && c <= 0x9f))
		return 0;
	return n;
}

static int
refuse(struct bote_err *err, const char *name, const char *why)
{
	bote_err_set(err, BOTE_ERR_USAGE, _("invalid folder name '%s': %s"), name, why);
	return -1;
}

int
folder_name_check(const char *name, struct bote_err *err)
{
	const unsigned char	*p = (const unsigned char *)name, *level = p;
	size_t			 n;

	/* The name is echoed in the message: only after it is known to be printable. */
	for (; *p != '\0'; p += n)
		if ((n = utf8_char(p)) == 0) {
			bote_err_set(err, BOTE_ERR_USAGE, "%s",
			    _("invalid folder name: control characters or invalid UTF-8"));
			return -1;
		}
	if (name[0] == '\0')
		return refuse(err, name, _("the name is empty"));
	if (p - (const unsigned char *)name > FOLDER_NAME_MAX)
		return refuse(err, name, _("the name is too long"));
	if (strcasecmp(name, "INBOX") == 0)
		return refuse(err, name, _("INBOX always exists"));
	if (strpbrk(name, "*%") != NULL)
		/* xgettext:no-c-format */
		return refuse(err, name, _("'*' and '%' are wildcards"));
	for (p = level = (const unsigned char *)name;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (p == level)
			return refuse(err, name, _("a level of the name is empty"));
		if (level[0] == '.')
			return refuse(err, name, _("a level of the name starts with '.'"));
		if (*p == '\0')
			return 0;
		level = p + 1;
	}
}
