/* The trash screen: deleted tasks and items of the event, newest first;
 * r (or Enter) puts the entry back (coordinators; the model says why not
 * otherwise). */
#include "tui.h"
#include <stdio.h>
#include <string.h>
#include "muster/history.h"

static void load(struct app *a, struct sheet *s)
{
	struct trash_list l = {0};
	struct strbuf b = STRBUF_INIT;
	snprintf(s->title, sizeof s->title, "Trash · %s", a->ev.name ? a->ev.name : "");
	if (trash_list(a->b, a->event_id, &l) != MU_OK) {
		app_fail(a, "trash");
		return;
	}
	int tw = a->W - 2 - 6 - 7 - 9 - 18;
	for (size_t i = 0; i < l.n; i++) {
		const struct trash_entry *e = &l.v[i];
		char id[32];
		snprintf(id, sizeof id, "#%lld", (long long)e->orig_id);
		sb_reset(&b);
		sheet_col(&b, e->entity, 5, false);
		sb_add(&b, " ");
		sheet_col(&b, id, 6, true);
		sb_add(&b, " ");
		sheet_col(&b, e->title, tw, false);
		sb_add(&b, " ");
		sheet_col(&b, e->deleted_by, 8, false);
		sb_addf(&b, " %.16s", e->deleted_at ? e->deleted_at : "");
		sheet_add(s, e->id, SHEET_ROW, UI_NORMAL, sb_str(&b));
	}
	trash_list_free(&l);
	sb_free(&b);
}

static unsigned handle(struct app *a, struct sheet *s, enum action act)
{
	if (act != ACT_RESTORE && act != ACT_EDIT && act != ACT_TICK)
		return UNHANDLED;
	const struct sheet_row *row = sheet_current(s);
	if (!row)
		return 0;
	char entity[16];
	int64_t id = 0;
	if (trash_restore(a->b, row->id, entity, &id) != MU_OK) {
		app_fail(a, "restore");
		return 0;
	}
	app_status(a, false, "restored %s #%lld", entity, (long long)id);
	return SHEET_RELOAD;
}

void trash_show(struct app *a)
{
	struct sheet s = {
		.name = "trash",
		.foot = " r restore · j/k move · Esc back · ? help",
		.empty = "The trash is empty: deleted tasks and items land here",
		.load = load,
		.handle = handle,
	};
	sheet_run(a, &s);
}
