/* The log screen: who changed what, when, old → new, newest first (the
 * last 500 changes of the event); f filters by person (f again: everyone;
 * the filter, struct app's log_only, stays for the next visit).
 * Live: another process's change appears at the top within a second. */
#include "tui.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/clock.h"
#include "muster/log.h"

#define LOG_ROWS 500

/* "2026-09-01T10:00:00.123Z" (UTC) → "09-01 12:00" local. */
static void when(const char *at, char out[16])
{
	if (!clock_local_time(at, "%m-%d %H:%M", out, 16))
		snprintf(out, 16, "%.11s", at ? at : "");
}

/* What changed, as `muster log` says it (log_change_summary), on one line. */
static void summary(struct strbuf *b, const struct log_entry *e)
{
	char *sum = log_change_summary(e);
	for (const char *p = sum; *p; p++)
		sb_addc(b, (unsigned char)*p < 32 ? ' ' : *p);
	free(sum);
}

static void load(struct app *a, struct sheet *s)
{
	const char *only = a->log_only;
	struct log_query q = {a->event_id, NULL, only[0] ? only : NULL, LOG_ROWS};
	struct log_list l = {0};
	struct strbuf b = STRBUF_INIT;
	snprintf(s->title, sizeof s->title, "Log · %s%s", only[0] ? "only " : "everyone", only);
	if (log_query(a->b, &q, &l) != MU_OK) {
		app_fail(a, "log");
		return;
	}
	for (size_t i = l.n; i-- > 0;) {
		const struct log_entry *e = &l.v[i];
		char t[16], ent[48];
		when(e->at, t);
		snprintf(ent, sizeof ent, "%s #%lld", e->entity, (long long)e->entity_id);
		sb_reset(&b);
		sb_add(&b, t);
		sb_add(&b, "  ");
		sheet_col(&b, e->actor, 8, false);
		sb_add(&b, " ");
		sheet_col(&b, e->action, 7, false);
		sb_add(&b, " ");
		sheet_col(&b, ent, 11, false);
		sb_add(&b, " ");
		summary(&b, e);
		bool mine = !strcmp(e->actor, board_actor(a->b));
		sheet_add(s, e->id, SHEET_ROW, mine ? UI_NORMAL : UI_DOING, sb_str(&b));
	}
	log_list_free(&l);
	sb_free(&b);
}

static unsigned handle(struct app *a, struct sheet *s, enum action act)
{
	char *only = a->log_only;
	if (act != ACT_FILTER && act != ACT_SEARCH)
		return UNHANDLED;
	if (only[0]) { /* f again: everyone */
		only[0] = 0;
		return SHEET_RELOAD;
	}
	struct form_field f = {.label = "Person", .kind = FIELD_TEXT, .max = sizeof a->log_only - 1};
	const struct sheet_row *row = sheet_current(s);
	if (row) { /* the login of the row under the cursor */
		const char *p = row->text + 13;
		size_t n = strcspn(p, " ");
		form_set(&f, "%.*s", (int)(n < sizeof a->log_only - 1 ? n : sizeof a->log_only - 1), p);
	}
	bool ok = form_run(a, "Only the changes of (login)", &f, 1);
	if (ok)
		snprintf(only, sizeof a->log_only, "%s", f.text);
	form_free(&f, 1);
	if (!ok)
		return 0;
	s->cur = 0;
	return SHEET_RELOAD;
}

void log_show(struct app *a)
{
	struct sheet s = {
		.name = "log",
		.foot = " f only one person / everyone · j/k move · Esc back · ? help",
		.empty = "No changes yet",
		.load = load,
		.handle = handle,
	};
	sheet_run(a, &s);
}
