/* Reading rows without a hand-written step loop each time: model_row reads
 * one row into typed pointers by a column string, model_rows_end closes a
 * list loop, model_get reads a record by id with its file's row reader.
 * All leave the statement reset (see include/muster/model.h). */
#include <stdarg.h>
#include <stdio.h>
#include "muster/db.h"
#include "muster/err.h"
#include "muster/model.h"
#include "muster/xalloc.h"

static void read_col(sqlite3_stmt *st, int i, char type, va_list *ap)
{
	switch (type) {
	case 'i':
		*va_arg(*ap, int64_t *) = sqlite3_column_int64(st, i);
		break;
	case 'n':
		*va_arg(*ap, int *) = sqlite3_column_int(st, i);
		break;
	case 'b':
		*va_arg(*ap, bool *) = sqlite3_column_int(st, i) != 0;
		break;
	case 's': {
		char **s = va_arg(*ap, char **);
		*s = sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : xstrdup(db_col_text(st, i));
		break;
	}
	case 'c': {
		char *buf = va_arg(*ap, char *);
		size_t size = va_arg(*ap, size_t);
		snprintf(buf, size, "%s", db_col_text(st, i));
		break;
	}
	default:
		die("model_row: unknown column type '%c'", type);
	}
}

int model_row(sqlite3_stmt *st, const char *cols, ...)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		va_list ap;
		va_start(ap, cols);
		for (int i = 0; cols[i]; i++)
			read_col(st, i, cols[i], &ap);
		va_end(ap);
	}
	sqlite3_reset(st);
	return rc;
}

int model_rows_end(struct board *b, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

int model_get(struct board *b, const char *sql, int64_t id, const char *what, model_read_fn *read, void *out,
	      struct pool *pool)
{
	sqlite3_stmt *st;
	int rc = db_step_id(b, sql, id, what, &st);
	if (rc == MU_OK) {
		read(st, out, pool);
		sqlite3_reset(st);
	}
	return rc;
}
