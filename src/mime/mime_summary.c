/* mime_summary.c - the message list row: a header block decoded into a struct summary. */
#include "mime/mime_private.h"

#include <stdlib.h>
#include <string.h>

#include "mime/mime_fast.h"
#include "util/i18n.h"

/*
 * Two ways to the same summary: mime_fast.c scans the header itself and
 * is tried first; the GMime message below is the reference it is tested
 * against and what it falls back to for blocks it does not read.
 */

InternetAddressMailbox *
mime_first_mailbox(InternetAddressList *l)
{
	InternetAddress		*a;
	InternetAddressList	*members;
	int			 i, j, n;

	n = l != NULL ? internet_address_list_length(l) : 0;
	for (i = 0; i < n; i++) {
		a = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_MAILBOX(a))
			return INTERNET_ADDRESS_MAILBOX(a);
		if (!INTERNET_ADDRESS_IS_GROUP(a))
			continue;
		members = internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a));
		for (j = 0; j < internet_address_list_length(members); j++) {
			a = internet_address_list_get_address(members, j);
			if (INTERNET_ADDRESS_IS_MAILBOX(a))
				return INTERNET_ADDRESS_MAILBOX(a);
		}
	}
	return NULL;
}

/* A display string, or NULL for a missing or empty value. */
static char *
nonempty(const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	return mime_utf8_line(s);
}

static char *
addresses(GMimeMessage *m, GMimeAddressType type, const char *name)
{
	InternetAddressList	*l;
	char			*s, *r;

	l = g_mime_message_get_addresses(m, type);
	if (l == NULL || internet_address_list_length(l) == 0)
		return nonempty(g_mime_object_get_header(GMIME_OBJECT(m), name));
	s = internet_address_list_to_string(l, NULL, FALSE);
	r = nonempty(s);
	g_free(s);
	return r;
}

static char *
first_reference(const char *value)
{
	GMimeReferences	*refs;
	char		*r = NULL;

	if (value == NULL)
		return NULL;
	refs = g_mime_references_parse(mime_parser_options(), value);
	if (refs == NULL)
		return NULL;
	if (g_mime_references_length(refs) > 0)
		r = nonempty(g_mime_references_get_message_id(refs, 0));
	g_mime_references_free(refs);
	return r;
}

/* A guess from the header alone; the full parse knows better. */
static int
guess_attachments(GMimeMessage *m)
{
	GMimeObject		*body;
	GMimeContentType	*ct;

	if ((body = g_mime_message_get_mime_part(m)) == NULL)
		return 0;
	ct = g_mime_object_get_content_type(body);
	if (ct == NULL)
		return 0;
	return g_mime_content_type_is_type(ct, "multipart", "mixed") ||
	    g_mime_content_type_is_type(ct, "application", "*");
}

static void
clear_fields(struct summary *s)
{
	if (s->block != NULL) {
		/* A packed row (from a cache): the strings live in its one block. */
		free(s->block);
		s->block = NULL;
	} else {
		free(s->from_name);
		free(s->from_addr);
		free(s->to);
		free(s->subject);
		free(s->message_id);
		free(s->in_reply_to);
		free(s->references);
	}
	s->from_name = s->from_addr = s->to = s->subject = NULL;
	s->message_id = s->in_reply_to = s->references = NULL;
	s->date = 0;
	s->has_attachments = 0;
}

static void
fill(struct summary *s, GMimeMessage *m)
{
	GMimeObject		*o = GMIME_OBJECT(m);
	InternetAddressMailbox	*mb;
	GDateTime		*dt;

	if ((mb = mime_first_mailbox(g_mime_message_get_from(m))) != NULL) {
		s->from_name = nonempty(internet_address_get_name(INTERNET_ADDRESS(mb)));
		s->from_addr = nonempty(internet_address_mailbox_get_addr(mb));
	}
	s->to = addresses(m, GMIME_ADDRESS_TYPE_TO, "To");
	s->subject = nonempty(g_mime_message_get_subject(m));
	s->message_id = nonempty(g_mime_message_get_message_id(m));
	s->in_reply_to = first_reference(g_mime_object_get_header(o, "In-Reply-To"));
	s->references = nonempty(g_mime_object_get_header(o, "References"));
	if ((dt = g_mime_message_get_date(m)) != NULL)
		s->date = (time_t)g_date_time_to_unix(dt);
	s->has_attachments = guess_attachments(m);
}

int
mime_summary_parse_full(const char *hdr, size_t len, struct summary *out,
    struct bote_err *err)
{
	GMimeStream	*s;
	GMimeMessage	*m;

	clear_fields(out);
	/* The mem stream copies: cheap for a header, and hdr stays the caller's. */
	s = g_mime_stream_mem_new_with_buffer(hdr, len);
	m = mime_parse_stream(s);
	g_object_unref(s);
	if (m == NULL) {
		bote_err_set(err, BOTE_ERR_PARSE, "%s",
		    _("cannot parse message header: no header field found"));
		return -1;
	}
	fill(out, m);
	g_object_unref(m);
	return 0;
}

int
mime_summary_parse(const char *hdr, size_t len, struct summary *out, struct bote_err *err)
{
	unsigned	fallbacks = 0;

	clear_fields(out);
	if (mime_fast_summary(hdr, len, out, &fallbacks) == 0)
		return 0;
	return mime_summary_parse_full(hdr, len, out, err);
}
