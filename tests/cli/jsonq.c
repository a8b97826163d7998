/* A tiny JSON checker and query tool for the shell tests (CI has neither
 * python3 nor jq).  Reads JSON on stdin; exits 1 with a message when it is
 * not valid (RFC 8259, strict).  With an argument, prints what it selects:
 *   length          number of elements/members of the top value
 *   .[N] .key .[]   a path; .[] visits every element (one line each)
 *   PATH|length     length of what PATH selects
 * Strings print decoded (raw UTF-8), everything else as compact JSON text.
 * Built by the tests themselves: cc -o jsonq tests/cli/jsonq.c */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };
struct val {
	enum kind k;
	char *s; /* string (decoded) or number/bool text */
	size_t slen;
	struct val **v; /* array elements or object values */
	char **keys;
	size_t n;
};

static const char *p, *start;

static void bad(const char *why)
{
	fprintf(stderr, "jsonq: invalid JSON at byte %ld: %s\n", (long)(p - start), why);
	exit(1);
}

static void ws(void)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
}

static void put_utf8(char **o, unsigned long cp)
{
	unsigned char *u = (unsigned char *)*o;
	if (cp < 0x80) {
		*u++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*u++ = (unsigned char)(0xC0 | cp >> 6), *u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*u++ = (unsigned char)(0xE0 | cp >> 12), *u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*u++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*u++ = (unsigned char)(0xF0 | cp >> 18), *u++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*u++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)), *u++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*o = (char *)u;
}

static unsigned long hex4(void)
{
	unsigned long v = 0;
	for (int i = 0; i < 4; i++, p++) {
		char c = *p;
		v <<= 4;
		if (c >= '0' && c <= '9') v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f') v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') v |= (unsigned long)(c - 'A' + 10);
		else bad("bad \\u escape");
	}
	return v;
}

static char *string(size_t *len)
{
	char *out = malloc(strlen(p) + 1), *o = out;
	p++; /* opening quote */
	for (;;) {
		unsigned char c = (unsigned char)*p;
		if (c == '"') break;
		if (c == 0) bad("unterminated string");
		if (c < 0x20) bad("raw control character in string");
		if (c == '\\') {
			p++;
			switch (*p++) {
			case '"': *o++ = '"'; break;
			case '\\': *o++ = '\\'; break;
			case '/': *o++ = '/'; break;
			case 'b': *o++ = '\b'; break;
			case 'f': *o++ = '\f'; break;
			case 'n': *o++ = '\n'; break;
			case 'r': *o++ = '\r'; break;
			case 't': *o++ = '\t'; break;
			case 'u': {
				unsigned long cp = hex4();
				if (cp >= 0xD800 && cp < 0xDC00) {
					if (p[0] != '\\' || p[1] != 'u') bad("lone surrogate");
					p += 2;
					unsigned long lo = hex4();
					if (lo < 0xDC00 || lo > 0xDFFF) bad("bad surrogate pair");
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				} else if (cp >= 0xDC00 && cp < 0xE000) {
					bad("lone surrogate");
				}
				put_utf8(&o, cp);
				break;
			}
			default: bad("bad escape");
			}
			continue;
		}
		*o++ = (char)c;
		p++;
	}
	p++;
	*o = 0;
	*len = (size_t)(o - out);
	return out;
}

static struct val *value(int depth);

static struct val *mk(enum kind k)
{
	struct val *v = calloc(1, sizeof *v);
	v->k = k;
	return v;
}

static void push(struct val *a, struct val *v, char *key)
{
	a->v = realloc(a->v, (a->n + 1) * sizeof *a->v);
	a->keys = realloc(a->keys, (a->n + 1) * sizeof *a->keys);
	a->v[a->n] = v;
	a->keys[a->n++] = key;
}

static struct val *value(int depth)
{
	struct val *v;
	if (depth > 100) bad("too deep");
	ws();
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		v = mk(*p == '{' ? J_OBJ : J_ARR);
		p++;
		ws();
		if (*p == close) { p++; return v; }
		for (;;) {
			char *key = NULL;
			ws();
			if (v->k == J_OBJ) {
				size_t kl;
				if (*p != '"') bad("expected a key");
				key = string(&kl);
				ws();
				if (*p++ != ':') bad("expected ':'");
			}
			push(v, value(depth + 1), key);
			ws();
			if (*p == ',') { p++; continue; }
			if (*p == close) { p++; return v; }
			bad("expected ',' or a closing bracket");
		}
	}
	if (*p == '"') {
		v = mk(J_STR);
		v->s = string(&v->slen);
		return v;
	}
	const char *s = p;
	if (!strncmp(p, "true", 4) || !strncmp(p, "null", 4)) p += 4;
	else if (!strncmp(p, "false", 5)) p += 5;
	else {
		if (*p == '-') p++;
		if (*p == '0') p++;
		else if (*p >= '1' && *p <= '9') while (*p >= '0' && *p <= '9') p++;
		else bad("expected a value");
		if (*p == '.') { p++; if (!(*p >= '0' && *p <= '9')) bad("bad number"); while (*p >= '0' && *p <= '9') p++; }
		if (*p == 'e' || *p == 'E') {
			p++;
			if (*p == '+' || *p == '-') p++;
			if (!(*p >= '0' && *p <= '9')) bad("bad number");
			while (*p >= '0' && *p <= '9') p++;
		}
		v = mk(J_NUM);
		v->s = strndup(s, (size_t)(p - s));
		return v;
	}
	v = mk(s[0] == 'n' ? J_NULL : J_BOOL);
	v->s = strndup(s, (size_t)(p - s));
	return v;
}

static void emit(const struct val *v, int raw)
{
	switch (v->k) {
	case J_STR:
		if (raw) { fwrite(v->s, 1, v->slen, stdout); break; }
		putchar('"');
		for (size_t i = 0; i < v->slen; i++) {
			unsigned char c = (unsigned char)v->s[i];
			if (c == '"' || c == '\\') printf("\\%c", c);
			else if (c < 0x20) printf("\\u%04x", c);
			else putchar(c);
		}
		putchar('"');
		break;
	case J_ARR: case J_OBJ:
		putchar(v->k == J_ARR ? '[' : '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i) putchar(',');
			if (v->k == J_OBJ) {
				struct val k = {J_STR, v->keys[i], strlen(v->keys[i]), NULL, NULL, 0};
				emit(&k, 0);
				putchar(':');
			}
			emit(v->v[i], 0);
		}
		putchar(v->k == J_ARR ? ']' : '}');
		break;
	default:
		fputs(v->s, stdout);
	}
}

/* Walk path from v; prints each selected value. */
static int walk(const struct val *v, const char *path, int want_len)
{
	if (*path == '\0' || strcmp(path, ".") == 0) {
		if (want_len) {
			if (v->k != J_ARR && v->k != J_OBJ) { fprintf(stderr, "jsonq: length of a scalar\n"); return 1; }
			printf("%zu\n", v->n);
		} else {
			emit(v, 1);
			putchar('\n');
		}
		return 0;
	}
	if (path[0] == '.' && path[1] == '[') {
		const char *q = path + 2;
		if (*q == ']') {
			if (v->k != J_ARR) { fprintf(stderr, "jsonq: .[] on a non-array\n"); return 1; }
			int rc = 0;
			for (size_t i = 0; i < v->n; i++) rc |= walk(v->v[i], q + 1, want_len);
			return rc;
		}
		char *end;
		long i = strtol(q, &end, 10);
		if (*end != ']') { fprintf(stderr, "jsonq: bad path %s\n", path); return 2; }
		if (v->k != J_ARR || i < 0 || (size_t)i >= v->n) { fprintf(stderr, "jsonq: no element %ld\n", i); return 1; }
		return walk(v->v[i], end + 1, want_len);
	}
	if (path[0] == '.') {
		size_t len = strcspn(path + 1, ".[");
		if (v->k != J_OBJ) { fprintf(stderr, "jsonq: .%.*s on a non-object\n", (int)len, path + 1); return 1; }
		for (size_t i = 0; i < v->n; i++)
			if (strlen(v->keys[i]) == len && !strncmp(v->keys[i], path + 1, len))
				return walk(v->v[i], path + 1 + len, want_len);
		fprintf(stderr, "jsonq: no key %.*s\n", (int)len, path + 1);
		return 1;
	}
	fprintf(stderr, "jsonq: bad path %s\n", path);
	return 2;
}

int main(int argc, char **argv)
{
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
		len += n;
		if (cap - len < 2) buf = realloc(buf, cap *= 2);
	}
	buf[len] = 0;
	if (strlen(buf) != len) { fprintf(stderr, "jsonq: NUL byte in input\n"); return 1; }
	p = start = buf;
	struct val *v = value(0);
	ws();
	if (*p) bad("trailing text");
	if (argc < 2) return 0;
	char *expr = argv[1];
	int want_len = 0;
	char *bar = strstr(expr, "|length");
	if (strcmp(expr, "length") == 0) { expr = ""; want_len = 1; }
	else if (bar && !bar[7]) { *bar = 0; want_len = 1; }
	return walk(v, expr, want_len);
}
