/* The one timestamp SQL writes: UTC with milliseconds, as SQLite computes
 * it inside the statement ("2026-09-01T12:34:56.789Z").  Private to the
 * schema (src/schema.c) and the model's statements, pasted into static SQL
 * strings: "updated_at = " DB_NOW.  Written without a blank after the comma
 * so the released migrations keep their exact text. */
#ifndef MUSTER_DB_NOW_H
#define MUSTER_DB_NOW_H

#define DB_NOW "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

#endif
