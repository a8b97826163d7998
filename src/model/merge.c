/* The field-level merge of an edit against the row as it is now (see
 * muster/merge.h): which fields to write, which both sides changed, and
 * who changed the record last, for the form's question. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/err.h"
#include "muster/merge.h"
#include "muster/xalloc.h"

void merge_free(struct merge *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n; i++) {
		free(m->f[i].base);
		free(m->f[i].mine);
		free(m->f[i].theirs);
	}
	free(m->actor);
	free(m->at);
	memset(m, 0, sizeof *m);
}

static bool same(const char *a, const char *b) { return !strcmp(a ? a : "", b ? b : ""); }

/* Who changed the record last and when (the actor too: from another
 * terminal). */
static void last_change(struct board *b, const char *entity, int64_t id, char actor[257], char at[16])
{
	static const char *sql = "SELECT actor, strftime('%H:%M', at, 'localtime') FROM log"
				 " WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1";
	snprintf(actor, 257, "someone");
	snprintf(at, 16, "?");
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(actor, 257, "%s", db_col_text(st, 0));
		snprintf(at, 16, "%s", db_col_text(st, 1));
	}
	sqlite3_reset(st);
}

int model_merge(struct board *b, const char *entity, int64_t id, int n, const char *const *names,
		const char *const *base, const char *const *mine, const char *const *cur, bool *write,
		struct merge *m)
{
	int both = 0;
	char what[200] = "";
	if (m)
		memset(m, 0, sizeof *m);
	for (int i = 0; i < n; i++) {
		write[i] = false;
		if (!mine[i] || (base[i] && same(mine[i], base[i])))
			continue; /* left alone: whatever is there now stays */
		if (!base[i] || same(cur[i], base[i])) {
			write[i] = true; /* only the user changed it */
			continue;
		}
		if (same(cur[i], mine[i]))
			continue; /* both made the same change */
		size_t k = strlen(what);
		snprintf(what + k, sizeof what - k, "%s%s", both ? " and " : "", names[i]);
		if (m && m->n < MERGE_MAX) {
			struct merge_field *f = &m->f[m->n++];
			f->name = names[i];
			f->base = xstrdup(base[i]);
			f->mine = xstrdup(mine[i]);
			f->theirs = xstrdup(cur[i] ? cur[i] : "");
		}
		both++;
	}
	if (!both)
		return MU_OK;
	char actor[257], at[16];
	last_change(b, entity, id, actor, at);
	if (m) {
		m->actor = xstrdup(actor);
		m->at = xstrdup(at);
	}
	return mu_fail(MU_CONFLICT, "%s changed the %s of %s #%lld at %s while you edited it; nothing saved", actor,
		       what, entity, (long long)id, at);
}

char *model_merge_keys(int n, const char *const *names, const bool *write)
{
	struct strbuf s = STRBUF_INIT;
	sb_addc(&s, '[');
	for (int i = 0, k = 0; i < n; i++)
		if (write[i]) {
			if (k++)
				sb_addc(&s, ',');
			sb_json_str(&s, names[i]);
		}
	sb_addc(&s, ']');
	return s.s;
}
