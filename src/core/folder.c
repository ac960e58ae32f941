/* folder.c - folder lists: building, ordering, and guessing roles from names. */
#include "core/folder.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
