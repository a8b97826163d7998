/* Review notes (steps 2-4 of the four-step review): per funnel stage the
 * cause of a variance, its factor type and the lesson for the SOP.  Each
 * change is one BEGIN IMMEDIATE transaction with its audit row. */
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/model.h"
#include "muster/people.h"
#include "muster/review.h"

static const char *const factor_names[] = {"", "controllable", "semi-controllable", "uncontrollable"};

const char *review_factor_name(enum review_factor f)
{
	return (unsigned)f < sizeof factor_names / sizeof *factor_names ? factor_names[f] : "";
}

int review_factor_parse(const char *s, enum review_factor *out)
{
	for (size_t i = 0; i < sizeof factor_names / sizeof *factor_names; i++) {
		if (!strcmp(s, factor_names[i])) {
			*out = (enum review_factor)i;
			return MU_OK;
		}
	}
	if (!strcmp(s, "semi")) {
		*out = REVIEW_SEMI_CONTROLLABLE;
		return MU_OK;
	}
	return mu_fail(MU_USAGE, "factor must be controllable, semi-controllable or uncontrollable: %s", s);
}

static enum review_factor factor_from_text(const char *s)
{
	enum review_factor f = REVIEW_FACTOR_NONE;
	for (size_t i = 1; i < sizeof factor_names / sizeof *factor_names; i++)
		if (!strcmp(s, factor_names[i]))
			f = (enum review_factor)i;
	return f;
}

#define REVIEW_COLS "SELECT r.id, r.event_id, r.stage, r.cause, r.lesson, r.factor, r.position, r.updated_at FROM review r "

static void read_review(sqlite3_stmt *st, void *row, struct pool *pool)
{
	struct review *r = row;
	r->id = sqlite3_column_int64(st, 0);
	r->event_id = sqlite3_column_int64(st, 1);
	r->stage = pool_strdup(pool, db_col_text(st, 2));
	r->cause = pool_strdup(pool, db_col_text(st, 3));
	r->lesson = pool_strdup(pool, db_col_text(st, 4));
	r->factor = factor_from_text(db_col_text(st, 5));
	r->position = sqlite3_column_int64(st, 6);
	r->updated_at = pool_strdup(pool, db_col_text(st, 7));
}

int review_list(struct board *b, int64_t event, struct review_list *out)
{
	/* funnel order: stages, budget lines (by position), then the event */
	static const char *sql = REVIEW_COLS
		"WHERE r.event_id = ?1 ORDER BY r.stage = '',"
		" (SELECT min((m.kind = 'budget') * 1000000000 + m.position) FROM metric m"
		"  WHERE m.event_id = r.event_id AND m.name = r.stage), r.stage, r.position, r.id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_review(st, LIST_PUSH(out), &out->pool);
	if ((rc = model_rows_end(b, st, rc)))
		review_list_free(out);
	return rc;
}

void review_list_free(struct review_list *l) { LIST_FREE(l); }

int review_get(struct board *b, int64_t id, struct review *out, struct pool *pool)
{
	static const char *sql = REVIEW_COLS "WHERE r.id = ?1";
	return model_get(b, sql, id, "review note", read_review, out, pool);
}

static const char *snap_review =
	"SELECT json_object('stage', stage, 'cause', cause, 'factor', factor, 'lesson', lesson), event_id"
	" FROM review WHERE id = ?1";

static int check_fields(const struct review_fields *f)
{
	int rc = MU_OK;
	if (f->stage)
		rc = model_check_text("review stage", f->stage, 0, MODEL_TITLE_MAX);
	if (!rc && f->cause)
		rc = model_check_text("cause", f->cause, 0, MODEL_NOTES_MAX);
	if (!rc && f->lesson)
		rc = model_check_text("lesson", f->lesson, 0, MODEL_NOTES_MAX);
	if (!rc && f->factor > REVIEW_UNCONTROLLABLE)
		rc = mu_fail(MU_USAGE, "unknown factor type %d", f->factor);
	return rc;
}

/* Inside the transaction: the stage must be a metric of the event. */
static int check_stage(struct board *b, int64_t event, const char *stage)
{
	static const char *sql = "SELECT 1 FROM metric WHERE event_id = ?1 AND name = ?2";
	if (!stage || !*stage)
		return MU_OK;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MU_OK;
	return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no stage \"%s\" in this event (see 'muster metrics')", stage)
				 : db_fail(b, rc);
}

static void bind_factor(sqlite3_stmt *st, int i, int factor)
{
	if (factor > 0)
		sqlite3_bind_text(st, i, review_factor_name((enum review_factor)factor), -1, SQLITE_STATIC);
	else if (factor == 0)
		sqlite3_bind_text(st, i, "", -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int review_add(struct board *b, int64_t event, const struct review_fields *f, int64_t *id)
{
	static const char *sql =
		"INSERT INTO review(event_id, stage, cause, factor, lesson, position) VALUES (?1,"
		" coalesce(?2, ''), coalesce(?3, ''), nullif(?4, ''), coalesce(?5, ''),"
		" (SELECT coalesce(max(position), 0) + 1 FROM review WHERE event_id = ?1))";
	int rc = check_fields(f);
	if (rc)
		return rc;
	if ((!f->cause || !*f->cause) && (!f->lesson || !*f->lesson))
		return mu_fail(MU_USAGE, "a review note needs a cause or a lesson");
	struct change c;
	if ((rc = db_change_begin(b, &c, "review", "add", snap_review, 0)))
		return rc;
	rc = model_event_exists(b, event);
	if (!rc)
		rc = model_allow_event(b, event, "review");
	if (!rc)
		rc = check_stage(b, event, f->stage);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, event);
		db_bind_text(st, 2, f->stage);
		db_bind_text(st, 3, f->cause);
		bind_factor(st, 4, f->factor < 0 ? 0 : f->factor);
		db_bind_text(st, 5, f->lesson);
		rc = db_exec_stmt(b, st);
		c.event = event;
	}
	return model_add_end(b, &c, rc, id);
}

int review_edit(struct board *b, int64_t id, const struct review_fields *f)
{
	static const char *sql =
		"UPDATE review SET stage = coalesce(?2, stage), cause = coalesce(?3, cause),"
		" factor = CASE WHEN ?4 IS NULL THEN factor ELSE nullif(?4, '') END,"
		" lesson = coalesce(?5, lesson),"
		" updated_at = " DB_NOW " WHERE id = ?1";
	static const char *sql_empty = "SELECT cause = '' AND lesson = '' FROM review WHERE id = ?1";
	int rc = check_fields(f);
	if (rc)
		return rc;
	struct change c;
	if ((rc = db_change_begin(b, &c, "review", "edit", snap_review, id)))
		return rc;
	rc = model_allow_event(b, c.event, "review");
	if (!rc)
		rc = check_stage(b, c.event, f->stage);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, f->stage);
		db_bind_text(st, 3, f->cause);
		bind_factor(st, 4, f->factor);
		db_bind_text(st, 5, f->lesson);
		rc = db_exec_stmt(b, st);
	}
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql_empty);
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0))
			rc = mu_fail(MU_USAGE, "a review note needs a cause or a lesson (use review rm to delete it)");
		sqlite3_reset(st);
	}
	return db_change_end(b, &c, rc);
}

int review_remove(struct board *b, int64_t id)
{
	static const char *sql = "DELETE FROM review WHERE id = ?1";
	struct change c;
	int rc = db_change_begin(b, &c, "review", "remove", snap_review, id);
	if (rc)
		return rc;
	if ((rc = model_allow_event(b, c.event, "review")))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}
