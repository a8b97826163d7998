/* Aligned tables for the command line (see table.h): every cell is kept as
 * text, widths are measured with utf8_width(), and cutting happens only when
 * the caller passes a maximum width narrower than the table. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "muster/table.h"
#include "muster/utf8.h"
#include "muster/xalloc.h"

#define TABLE_GAP 2
#define TABLE_MIN_SHRINK 6

struct table_colspec {
	char *header;
	enum table_align align;
	unsigned flags;
};

struct table {
	struct table_colspec *cols;
	size_t ncols, colcap;
	char **cells; /* row-major, ncols per row */
	size_t ncells, cellcap;
};

struct table *table_new(void) { return xcalloc(1, sizeof(struct table)); }

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncols; i++)
		free(t->cols[i].header);
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cols);
	free(t->cells);
	free(t);
}

void table_col(struct table *t, const char *header, enum table_align align, unsigned flags)
{
	xgrow((void **)&t->cols, &t->colcap, t->ncols + 1, sizeof *t->cols);
	t->cols[t->ncols++] = (struct table_colspec){xstrdup(header), align, flags};
}

void table_cell(struct table *t, const char *text)
{
	xgrow((void **)&t->cells, &t->cellcap, t->ncells + 1, sizeof *t->cells);
	t->cells[t->ncells++] = xstrdup(text ? text : "");
}

void table_cellf(struct table *t, const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&b, fmt, ap);
	va_end(ap);
	table_cell(t, sb_str(&b));
	sb_free(&b);
}

size_t table_rows(const struct table *t) { return t->ncols ? (t->ncells + t->ncols - 1) / t->ncols : 0; }

static const char *cell(const struct table *t, size_t row, size_t col)
{
	size_t i = row * t->ncols + col;
	return i < t->ncells ? t->cells[i] : "";
}

/* Narrow shrinkable columns, widest first, until the sum fits max. */
static void shrink(const struct table *t, int *w, int max)
{
	int total = 0;
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c] + (c ? TABLE_GAP : 0);
	while (total > max) {
		size_t best = t->ncols;
		for (size_t c = 0; c < t->ncols; c++) {
			int floor = utf8_width(t->cols[c].header);
			if (floor < TABLE_MIN_SHRINK)
				floor = TABLE_MIN_SHRINK;
			if ((t->cols[c].flags & TABLE_SHRINK) && w[c] > floor &&
			    (best == t->ncols || w[c] > w[best]))
				best = c;
		}
		if (best == t->ncols)
			return; /* nothing left to give: the terminal wraps */
		w[best]--;
		total--;
	}
}

void table_print(const struct table *t, FILE *f, int max_width)
{
	size_t rows = table_rows(t);
	int *w = xcalloc(t->ncols ? t->ncols : 1, sizeof *w);
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = utf8_width(t->cols[c].header);
		for (size_t r = 0; r < rows; r++) {
			int cw = utf8_width(cell(t, r, c));
			if (cw > w[c])
				w[c] = cw;
		}
	}
	if (max_width > 0)
		shrink(t, w, max_width);

	struct strbuf line = STRBUF_INIT;
	for (size_t r = 0; r <= rows; r++) {
		sb_reset(&line);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? t->cols[c].header : cell(t, r - 1, c);
			bool last = c + 1 == t->ncols;
			if (c)
				sb_add(&line, "  ");
			if (t->cols[c].align == TABLE_RIGHT)
				utf8_fit_right(&line, s, w[c]);
			else
				utf8_fit(&line, s, w[c], !last);
		}
		/* No trailing blanks (empty last cells leave padding behind). */
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		fputs(sb_str(&line), f);
		fputc('\n', f);
	}
	sb_free(&line);
	free(w);
}

int table_term_width(int fd)
{
	if (!isatty(fd))
		return 0;
	struct winsize ws;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	if (env) {
		char *end;
		long n = strtol(env, &end, 10);
		if (*env && !*end && n > 0 && n < 10000)
			return (int)n;
	}
	return 80;
}
