/* hcache_codec.c - header cache keys and values to and from bytes, values checked before use. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "cache/hcache_private.h"
#include "util/xmalloc.h"

/*
 * What the value layout is, in words: its hash is stamped next to
 * HCACHE_FORMAT, so editing this line (with the layout) retires old caches
 * even when someone forgets to bump the number.
 */
static const char layout_text[] =
    "key u32be folder, u8 type, M:unique; "
    "M value u64le size, i64le mtime, i64le date, u8 type, u8 bits, "
    "u16le nstr, u32le len[nstr] (from_name from_addr to subject "
    "message_id in_reply_to references), bytes; "
    "I:u32be uidvalidity, u32be uid; I value u64le size, i64le internaldate, "
    "i64le date, u8 type, u8 bits, u16le nstr, u32le flags, u32le len[nstr] "
    "(the seven, keywords), bytes; S: nothing; S value u32le uidvalidity, "
    "u32le uidnext, u64le modseq; meta imap-folders";

void
hcache_codec_put_le64(unsigned char *p, uint64_t v)
{
	int	i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

uint64_t
hcache_codec_get_le64(const unsigned char *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* The summary's strings in the order of the value's length table. */
void
hcache_codec_strings(const struct summary *s, const char *out[HCACHE_NSTR])
{
	out[0] = s->from_name;
	out[1] = s->from_addr;
	out[2] = s->to;
	out[3] = s->subject;
	out[4] = s->message_id;
	out[5] = s->in_reply_to;
	out[6] = s->references;
}

static void
slots(struct summary *s, char **out[HCACHE_NSTR])
{
	out[0] = &s->from_name;
	out[1] = &s->from_addr;
	out[2] = &s->to;
	out[3] = &s->subject;
	out[4] = &s->message_id;
	out[5] = &s->in_reply_to;
	out[6] = &s->references;
}

void
hcache_codec_put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

uint32_t
hcache_codec_get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

void
hcache_codec_put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

uint32_t
hcache_codec_get_le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

uint32_t
hcache_codec_layout(void)
{
	uint32_t	h = 2166136261U;
	size_t		i;

	for (i = 0; layout_text[i] != '\0'; i++)
		h = (h ^ (unsigned char)layout_text[i]) * 16777619U;
	return h;
}

size_t
hcache_codec_key(unsigned char *dst, uint32_t folder, int type,
    const char *unique, size_t ulen)
{
	hcache_codec_put_be32(dst, folder);
	dst[4] = (unsigned char)type;
	if (unique == NULL)
		return HCACHE_PREFIX;
	memcpy(dst + HCACHE_PREFIX, unique, ulen);
	return HCACHE_PREFIX + ulen;
}

/*
 * Appends a record value: the fixed part (size, mtime, date, type, the
 * attachment bit, the number of strings), extra bytes of the type (IMAP:
 * the flags), each string's length (HCACHE_NULL for none), the strings.
 * -1 when it would exceed HCACHE_VALUE_MAX.
 */
int
hcache_codec_encode_record(struct buf *b, int type, uint64_t size, int64_t mtime,
    const struct summary *s, const unsigned char *extra, size_t nextra,
    const char *const *str, int nstr)
{
	unsigned char	 head[28], l[4];
	size_t		 len[HCACHE_NSTR + 1], total = sizeof head + nextra + 4 * (size_t)nstr;
	int		 i;

	if (nstr > HCACHE_NSTR + 1)
		return -1;
	for (i = 0; i < nstr; i++) {
		len[i] = str[i] != NULL ? strlen(str[i]) : 0;
		if ((total += len[i]) > HCACHE_VALUE_MAX)
			return -1;
	}
	hcache_codec_put_le64(head, size);
	hcache_codec_put_le64(head + 8, (uint64_t)mtime);
	hcache_codec_put_le64(head + 16, (uint64_t)(int64_t)s->date);
	head[24] = (unsigned char)type;
	head[25] = s->has_attachments ? 1 : 0;
	head[26] = (unsigned char)nstr;
	head[27] = 0;
	buf_append(b, head, sizeof head);
	buf_append(b, extra, nextra);
	for (i = 0; i < nstr; i++) {
		hcache_codec_put_le32(l, str[i] != NULL ? (uint32_t)len[i] : HCACHE_NULL);
		buf_append(b, l, sizeof l);
	}
	for (i = 0; i < nstr; i++)
		buf_append(b, str[i] != NULL ? str[i] : "", len[i]);
	return 0;
}

/* Appends the value for a Maildir record; -1 when it would exceed HCACHE_VALUE_MAX. */
int
hcache_codec_encode(struct buf *b, uint64_t size, int64_t mtime,
    const struct summary *s)
{
	const char	*str[HCACHE_NSTR];

	hcache_codec_strings(s, str);
	return hcache_codec_encode_record(b, HCACHE_REC_MAILDIR, size, mtime, s, NULL, 0,
	    str, HCACHE_NSTR);
}

/*
 * The cache file is outside our control (another program, a bit flip, a
 * bug in an old version): a value is used only when its fixed part is
 * sane and its lengths add up to exactly its size.  0 and the file size
 * and mtime when it is, else -1.
 */
int
hcache_codec_check(const unsigned char *v, size_t vlen, uint64_t *size,
    int64_t *mtime)
{
	uint64_t	total = 0;
	uint32_t	len;
	int		i;

	if (vlen < HCACHE_HEAD || vlen > HCACHE_VALUE_MAX)
		return -1;
	if (v[24] != HCACHE_REC_MAILDIR || (v[25] & ~1) != 0 ||
	    v[26] != HCACHE_NSTR || v[27] != 0)
		return -1;
	for (i = 0; i < HCACHE_NSTR; i++) {
		len = hcache_codec_get_le32(v + 28 + 4 * i);
		if (len != HCACHE_NULL)
			total += len;	/* at most 7 * 2^32: no overflow */
	}
	if (total != vlen - HCACHE_HEAD)
		return -1;
	*size = hcache_codec_get_le64(v);
	*mtime = (int64_t)hcache_codec_get_le64(v + 8);
	return 0;
}

/* Decodes a value hcache_codec_check() accepted. */
void
hcache_codec_fill(const unsigned char *v, size_t vlen, struct summary *s)
{
	const unsigned char	*p = v + HCACHE_HEAD;
	char			**slot[HCACHE_NSTR];
	uint32_t		 len;
	int			 i;

	assert(vlen >= HCACHE_HEAD);
	slots(s, slot);
	s->date = (time_t)(int64_t)hcache_codec_get_le64(v + 16);
	s->has_attachments = v[25] & 1;
	for (i = 0; i < HCACHE_NSTR; i++) {
		free(*slot[i]);
		len = hcache_codec_get_le32(v + 28 + 4 * i);
		if (len == HCACHE_NULL) {
			*slot[i] = NULL;
			continue;
		}
		*slot[i] = xmalloc((size_t)len + 1);
		memcpy(*slot[i], p, len);
		(*slot[i])[len] = '\0';
		p += len;
	}
}
