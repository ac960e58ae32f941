/* pop3_uidl.h - the server's message list: LIST and UIDL lines, checked before anything trusts them. */
#ifndef BOTE_POP3_UIDL_H
#define BOTE_POP3_UIDL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Message numbers above this are refused, and a listing stops growing at
 * this many messages: a hostile LIST must not make bote allocate without
 * bound (a million entries are 32 MB).
 */
#define POP3_MAX_INDEX	1000000u
#define POP3_UIDL_MAX	70

struct pop3_msg {
	unsigned	 index;		/* 1.. as LIST gave it */
	uint64_t	 size;		/* octets as announced */
	char		*uidl;		/* owned; NULL when missing or refused */
	int		 uidl_bad;	/* UIDL line present but not valid */
	int		 uidl_dup;	/* another message has the same UIDL */
};

struct pop3_listing {
	struct pop3_msg	*msgs;		/* sorted by index, indexes unique */
	size_t		 n;
	unsigned	 max_index;
	size_t		 bad_lines;	/* LIST lines that were refused */
};

/*
 * "N SIZE" from LIST: 0 with *index and *size set, -1 for a line that
 * must not be trusted (index 0 or too big, no size, junk).
 */
int	pop3_uidl_parse_list(const char *line, unsigned *index, uint64_t *size);
/* "N UIDL" from UIDL: 0 and *uidl pointing into line, or -1. */
int	pop3_uidl_parse_uidl(const char *line, unsigned *index, const char **uidl);
/* RFC 1939: 1 to 70 characters 0x21-0x7E. */
int	pop3_uidl_valid(const char *uidl);

/* Add a LIST line's message; duplicate indexes are refused (-1). */
int	pop3_uidl_add(struct pop3_listing *, unsigned index, uint64_t size);
/* Sort, then attach UIDLs (call once per UIDL line, then finish). */
void	pop3_uidl_sort(struct pop3_listing *);
void	pop3_uidl_attach(struct pop3_listing *, unsigned index, const char *uidl);
/* Mark every message whose UIDL another message shares. */
void	pop3_uidl_mark_dups(struct pop3_listing *);
struct pop3_msg *pop3_uidl_find(struct pop3_listing *, unsigned index);
void	pop3_uidl_free(struct pop3_listing *);

#endif
