/* Allocation that never returns NULL (dies on out-of-memory), a growable
 * string buffer and a string pool for lists of rows freed in one go. */
#ifndef MUSTER_XALLOC_H
#define MUSTER_XALLOC_H
#include <stddef.h>
#include <stdarg.h>
#include "muster/err.h"

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) MU_PRINTF(1, 2);

/* Grow *v (element size sz) so that it holds at least need elements. */
void xgrow(void **v, size_t *cap, size_t need, size_t sz);

struct strbuf {
	char *s;
	size_t len, cap;
};
#define STRBUF_INIT {NULL, 0, 0}
void sb_addn(struct strbuf *b, const char *s, size_t n);
void sb_add(struct strbuf *b, const char *s);
void sb_addc(struct strbuf *b, char c);
void sb_addf(struct strbuf *b, const char *fmt, ...) MU_PRINTF(2, 3);
void sb_vaddf(struct strbuf *b, const char *fmt, va_list ap);
/* Append s as a JSON string literal (with quotes); NULL appends null. */
void sb_json_str(struct strbuf *b, const char *s);
const char *sb_str(struct strbuf *b); /* never NULL */
void sb_reset(struct strbuf *b);
void sb_free(struct strbuf *b);

/* A pool owns many small strings; pool_free releases them all. */
struct pool {
	struct pool_chunk *head;
};
char *pool_strdup(struct pool *p, const char *s); /* NULL stays NULL */
void *pool_alloc(struct pool *p, size_t n);
void pool_free(struct pool *p);

/* Row lists are { T *v; size_t n, cap; struct pool pool; }. */
#define LIST_PUSH(l) \
	(xgrow((void **)&(l)->v, &(l)->cap, (l)->n + 1, sizeof *(l)->v), &(l)->v[(l)->n++])
#define LIST_FREE(l) \
	do { \
		free((l)->v); \
		pool_free(&(l)->pool); \
		memset((l), 0, sizeof *(l)); \
	} while (0)

#endif
