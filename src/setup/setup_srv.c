/* setup_srv.c - reading SRV records (RFC 2782, RFC 6186) out of a DNS answer, with every length checked. */
#include <stdint.h>
#include <string.h>

#include "setup/setup.h"

#define DNS_HEADER	12
#define DNS_TYPE_SRV	33
#define DNS_CLASS_IN	1
#define NAME_MAX_JUMPS	32

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/*
 * The name at *off in msg, as dotted text in out (NULL: only skip it);
 * *off moves past the name where it starts, not where pointers lead.
 * Pointers may only lead backwards and at most NAME_MAX_JUMPS times, so a
 * hostile answer cannot loop.  -1 for anything malformed.
 */
static int
read_name(const unsigned char *msg, size_t len, size_t *off, char *out, size_t outlen)
{
	size_t	pos = *off, used = 0, end = 0;
	int	jumps = 0, jumped = 0;
	unsigned l;

	for (;;) {
		if (pos >= len)
			return -1;
		l = msg[pos];
		if ((l & 0xc0) == 0xc0) {
			size_t to;

			if (pos + 1 >= len || ++jumps > NAME_MAX_JUMPS)
				return -1;
			to = (l & 0x3f) << 8 | msg[pos + 1];
			if (to >= pos)
				return -1;
			if (!jumped)
				end = pos + 2;
			jumped = 1;
			pos = to;
			continue;
		}
		if ((l & 0xc0) != 0)
			return -1;	/* the extended label types nobody uses */
		if (l == 0) {
			if (!jumped)
				end = pos + 1;
			break;
		}
		if (pos + 1 + l > len || used + l + 1 > 255)
			return -1;
		if (out != NULL) {
			if (used + l + 1 >= outlen)
				return -1;
			if (used > 0)
				out[used - 1] = '.';
			memcpy(out + used, msg + pos + 1, l);
			out[used + l] = '\0';
		}
		used += l + 1;
		pos += 1 + l;
	}
	if (out != NULL && used == 0)
		out[0] = '\0';
	*off = end;
	return 0;
}

int
setup_srv_parse(const unsigned char *msg, size_t len, struct setup_srv *out, size_t max,
    size_t *n)
{
	size_t		off = DNS_HEADER, rdlen, i;
	unsigned	qd, an, type, class;

	*n = 0;
	if (msg == NULL || len < DNS_HEADER)
		return -1;
	if ((msg[2] & 0x80) == 0 || (msg[3] & 0x0f) != 0)
		return -1;	/* not a response, or an error such as NXDOMAIN */
	qd = get16(msg + 4);
	an = get16(msg + 6);
	for (i = 0; i < qd; i++) {
		if (read_name(msg, len, &off, NULL, 0) == -1 || off + 4 > len)
			return -1;
		off += 4;
	}
	for (i = 0; i < an; i++) {
		struct setup_srv	 r;
		size_t			 rd;

		if (read_name(msg, len, &off, NULL, 0) == -1 || off + 10 > len)
			return -1;
		type = get16(msg + off);
		class = get16(msg + off + 2);
		rdlen = get16(msg + off + 8);
		off += 10;
		if (off + rdlen > len)
			return -1;
		rd = off;
		off += rdlen;
		if (type != DNS_TYPE_SRV || class != DNS_CLASS_IN)
			continue;	/* a CNAME on the way, say */
		if (rdlen < 7)
			return -1;
		r.priority = (uint16_t)get16(msg + rd);
		r.weight = (uint16_t)get16(msg + rd + 2);
		r.port = (uint16_t)get16(msg + rd + 4);
		rd += 6;
		/* The target must lie inside this record's data. */
		if (read_name(msg, off, &rd, r.target, sizeof r.target) == -1 || rd != off)
			return -1;
		if (*n < max)
			out[(*n)++] = r;
	}
	return 0;
}

const struct setup_srv *
setup_srv_pick(const struct setup_srv *recs, size_t n)
{
	const struct setup_srv	*best = NULL;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (best == NULL || recs[i].priority < best->priority ||
		    (recs[i].priority == best->priority && recs[i].weight > best->weight))
			best = &recs[i];
	}
	return best;
}
