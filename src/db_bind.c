/* Binding parameters and reading columns, the same way everywhere: NULL
 * and "" dates bind NULL, NAN is NULL, a text copy that finds no memory
 * stops muster before anything is committed. */
#include <math.h>
#include <string.h>
#include "muster/db.h"
#include "muster/err.h"

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	/* SQLite copies the text: without memory for it the parameter stays
	 * NULL, and an UPDATE with coalesce(?, col) would save half an edit
	 * (the fault matrix found it).  Stop before anything is committed. */
	if (!s)
		sqlite3_bind_null(st, i);
	else if (sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) == SQLITE_NOMEM)
		die("out of memory");
}

void db_bind_date(sqlite3_stmt *st, int i, const char *d) { db_bind_text(st, i, d && *d ? d : NULL); }

void db_bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

const char *db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

double db_col_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

void db_col_date(sqlite3_stmt *st, int i, char out[11])
{
	const char *s = db_col_text(st, i);
	size_t n = strnlen(s, 10);
	memcpy(out, s, n);
	out[n] = '\0';
}

