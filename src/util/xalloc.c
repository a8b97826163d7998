/* Checked allocation, the string buffer and the string pool (see xalloc.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/utf8.h"
#include "muster/xalloc.h"

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xasprintf(const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&b, fmt, ap);
	va_end(ap);
	return b.s ? b.s : xstrdup("");
}

void xgrow(void **v, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	*v = xrealloc(*v, n * sz);
	*cap = n;
}

static void sb_need(struct strbuf *b, size_t extra)
{
	xgrow((void **)&b->s, &b->cap, b->len + extra + 1, 1);
}

void sb_addn(struct strbuf *b, const char *s, size_t n)
{
	sb_need(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_add(struct strbuf *b, const char *s) { sb_addn(b, s, strlen(s)); }
void sb_addc(struct strbuf *b, char c) { sb_addn(b, &c, 1); }

void sb_vaddf(struct strbuf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	sb_need(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sb_addf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(b, fmt, ap);
	va_end(ap);
}

void sb_json_str(struct strbuf *b, const char *s)
{
	if (!s) {
		sb_add(b, "null");
		return;
	}
	sb_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sb_add(b, "\\\""); break;
		case '\\': sb_add(b, "\\\\"); break;
		case '\n': sb_add(b, "\\n"); break;
		case '\r': sb_add(b, "\\r"); break;
		case '\t': sb_add(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				sb_addf(b, "\\u%04x", *p);
			} else if (*p >= 0x80) {
				/* C1, bidi controls, U+2028/9 as \uXXXX: valid JSON that
				 * does nothing to a terminal (or to JavaScript) */
				uint32_t cp;
				int n = utf8_decode((const char *)p, strnlen((const char *)p, 4), &cp);
				if (utf8_unsafe(cp))
					sb_addf(b, "\\u%04x", (unsigned)cp);
				else
					sb_addn(b, (const char *)p, (size_t)n);
				p += n - 1;
			} else {
				sb_addc(b, (char)*p);
			}
		}
	}
	sb_addc(b, '"');
}

const char *sb_str(struct strbuf *b) { return b->s ? b->s : ""; }

void sb_reset(struct strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

struct pool_chunk {
	struct pool_chunk *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char data[];
};

void *pool_alloc(struct pool *p, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct pool_chunk *c = p->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > 8192 ? n : 8192;
		c = xmalloc(sizeof *c + size);
		c->used = 0;
		c->size = size;
		c->next = p->head;
		p->head = c;
	}
	void *r = c->data + c->used;
	c->used += n;
	return r;
}

char *pool_strdup(struct pool *p, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	return memcpy(pool_alloc(p, n), s, n);
}

void pool_free(struct pool *p)
{
	struct pool_chunk *c = p->head;
	while (c) {
		struct pool_chunk *n = c->next;
		free(c);
		c = n;
	}
	p->head = NULL;
}
