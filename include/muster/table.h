/* Aligned text tables for people: a header row, columns measured in display
 * columns (UTF-8 aware), numbers right-aligned, two spaces between columns,
 * no trailing blanks.  Cells are cut with "…" only when a maximum width is
 * given (the CLI passes the terminal width when stdout is a terminal) and
 * the table is wider than that; pipes and files always get whole cells. */
#ifndef MUSTER_TABLE_H
#define MUSTER_TABLE_H
#include <stdbool.h>
#include <stdio.h>

enum table_align { TABLE_LEFT, TABLE_RIGHT };

enum table_col_flags {
	TABLE_SHRINK = 1 << 0, /* may be cut to make the table fit (titles, notes) */
};

struct table;

struct table *table_new(void);
void table_free(struct table *t);

/* Declare the columns first, left to right. */
void table_col(struct table *t, const char *header, enum table_align align, unsigned flags);

/* Append the next cell; rows wrap after the last column.  NULL = empty.
 * Control characters are shown as '?' when printed. */
void table_cell(struct table *t, const char *text);
void table_cellf(struct table *t, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

size_t table_rows(const struct table *t);

/* Print header and rows.  max_width <= 0: no limit.  Columns flagged
 * TABLE_SHRINK are narrowed (widest first, never below their header or 6
 * columns) until the table fits; wide characters are never split. */
void table_print(const struct table *t, FILE *f, int max_width);

/* Terminal width of fd when it is a terminal, else 0 (no limit). */
int table_term_width(int fd);

#endif
