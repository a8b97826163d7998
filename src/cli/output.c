/* Output shared by the command groups: numbers without needless decimals,
 * percentages, tables cut to the terminal (only when stdout is one), and
 * JSON objects one per line inside [ ] with the schema's key names, and
 * files written whole or not at all. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "muster/cli.h"
#include "muster/safefile.h"
#include "muster/table.h"

void cli_num(struct strbuf *b, double v)
{
	char buf[64];
	if (isnan(v))
		return;
	if (v == floor(v) && fabs(v) < 1e15) {
		sb_addf(b, "%.0f", v);
		return;
	}
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (prec >= 15 || strtod(buf, NULL) == v)
			break;
	}
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof buf, "%.17g", v);
	sb_add(b, buf);
}

void cli_percent(struct strbuf *b, double ratio)
{
	if (isnan(ratio) || isinf(ratio))
		return;
	sb_addf(b, "%.0f%%", ratio * 100.0);
}

struct table *cli_table_new(const struct cli_col *cols, size_t n)
{
	struct table *t = table_new();
	for (size_t i = 0; i < n; i++)
		table_col(t, cols[i].header, cols[i].align, cols[i].flags);
	return t;
}

void cli_table(struct cli *c, struct table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		die("out of memory");
	table_print(t, f, table_term_width(STDOUT_FILENO));
	fclose(f);
	sb_addn(&c->out, buf, len);
	free(buf);
}

void json_open(struct strbuf *b, bool *first)
{
	sb_addc(b, '{');
	*first = true;
}

void json_close(struct strbuf *b) { sb_addc(b, '}'); }

void json_key(struct strbuf *b, bool *first, const char *key)
{
	if (!*first)
		sb_addc(b, ',');
	*first = false;
	sb_json_str(b, key);
	sb_addc(b, ':');
}

void json_str(struct strbuf *b, bool *first, const char *key, const char *v)
{
	json_key(b, first, key);
	sb_json_str(b, v);
}

void json_text(struct strbuf *b, bool *first, const char *key, const char *v)
{
	json_str(b, first, key, v && *v ? v : NULL);
}

void json_int(struct strbuf *b, bool *first, const char *key, int64_t v)
{
	json_key(b, first, key);
	sb_addf(b, "%lld", (long long)v);
}

void json_id(struct strbuf *b, bool *first, const char *key, int64_t v)
{
	if (v)
		json_int(b, first, key, v);
	else
		json_str(b, first, key, NULL);
}

void json_real(struct strbuf *b, bool *first, const char *key, double v)
{
	json_key(b, first, key);
	if (isnan(v) || isinf(v))
		sb_add(b, "null");
	else
		cli_num(b, v);
}

void json_bool(struct strbuf *b, bool *first, const char *key, bool v)
{
	json_key(b, first, key);
	sb_add(b, v ? "true" : "false");
}

void json_array_item(struct strbuf *b, size_t i) { sb_add(b, i == 0 ? "[\n" : ",\n"); }

void json_array_end(struct strbuf *b, size_t n) { sb_add(b, n == 0 ? "[]\n" : "\n]\n"); }

/* Files are written by src/util/safefile.c (mkstemp next to the target,
 * fsync, rename); this stays the command groups' one call. */
int cli_write_file(const char *path, const char *text, size_t len)
{
	return safefile_write_all(path, text, len);
}
