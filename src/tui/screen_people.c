/* The people screen: who works on the event, their roles and access
 * (coordinator / staff / viewer); coordinators add (a), change (e) and
 * remove (d) people; others see the list read-only. */
#include "tui.h"
#include <stdio.h>
#include <string.h>

/* The people shown stay in the sheet's ctx for handle. */
static void load(struct app *a, struct sheet *s)
{
	struct person_list *pl = s->ctx;
	struct strbuf b = STRBUF_INIT;
	person_list_free(pl);
	snprintf(s->title, sizeof s->title, "People · %s", a->ev.name ? a->ev.name : "");
	if (person_list(a->b, a->event_id, pl) != MU_OK) {
		app_fail(a, "people");
		return;
	}
	sb_reset(&b);
	sheet_col(&b, "Login", 10, false);
	sb_add(&b, " ");
	sheet_col(&b, "Name", 20, false);
	sb_add(&b, " ");
	sheet_col(&b, "Access", 11, false);
	sb_add(&b, " Roles");
	sheet_add(s, 0, SHEET_HEAD, UI_DIM, sb_str(&b));
	for (size_t i = 0; i < pl->n; i++) {
		const struct person *p = &pl->v[i];
		sb_reset(&b);
		sheet_col(&b, p->login, 10, false);
		sb_add(&b, " ");
		sheet_col(&b, p->name, 20, false);
		sb_add(&b, " ");
		sheet_col(&b, p->access, 11, false);
		sb_addf(&b, " %s", p->roles ? p->roles : "");
		sheet_add(s, p->id, SHEET_ROW, !strcmp(p->login, board_actor(a->b)) ? UI_DOING : UI_NORMAL,
			  sb_str(&b));
	}
	sb_free(&b);
}

static bool check_access(struct app *a, struct form_field *f, char *err, size_t n)
{
	enum access_level l;
	static const char *const full[] = {"coordinator", "staff", "viewer"};
	for (size_t i = 0; i < 3; i++)
		if (!strncmp(f->text, full[i], strlen(f->text))) {
			form_set(f, "%s", full[i]);
			return true;
		}
	if (access_parse(f->text, &l) == MU_OK)
		return true;
	snprintf(err, n, "coordinator, staff or viewer (c/s/v)");
	return false;
}

static unsigned handle(struct app *a, struct sheet *s, enum action act)
{
	const struct person_list *pl = s->ctx;
	const struct sheet_row *row = sheet_current(s);
	const struct person *p = NULL;
	for (size_t i = 0; row && i < pl->n; i++)
		if (pl->v[i].id == row->id)
			p = &pl->v[i];
	if (act != ACT_ADD && act != ACT_EDIT && act != ACT_DELETE)
		return UNHANDLED;
	if (!access_may_coordinate(a->b, a->event_id))
		return app_denied(a, "only coordinators change people"), 0;
	if (act == ACT_DELETE) {
		char q[200], l[64];
		if (!p)
			return 0;
		snprintf(q, sizeof q, "Remove %s from the event? y/N", text_cut(l, sizeof l, p->login, 20));
		if (!ui_confirm(a, q))
			return 0;
		if (person_remove(a->b, a->event_id, p->login) != MU_OK)
			return app_fail(a, "remove"), 0;
		return SHEET_RELOAD;
	}
	bool add = act == ACT_ADD || !p;
	struct form_field f[] = {
		{.label = "Login", .kind = FIELD_TEXT, .required = true, .max = BOARD_NAME_MAX},
		{.label = "Name", .kind = FIELD_TEXT},
		{.label = "Roles", .kind = FIELD_TEXT, .max = BOARD_NOTES_MAX},
		{.label = "Access", .kind = FIELD_TEXT, .required = true, .check = check_access},
	};
	if (!add) {
		form_set(&f[0], "%s", p->login);
		form_set(&f[1], "%s", p->name ? p->name : "");
		form_set(&f[2], "%s", p->roles ? p->roles : "");
		form_set(&f[3], "%s", p->access);
	} else {
		form_set(&f[3], "staff");
	}
	if (!form_run(a, add ? "Add a person · roles: keys, comma-separated" : "Change a person", f, 4)) {
		form_free(f, 4);
		return 0;
	}
	/* a change writes only what was changed (a new person: everything) */
	bool renamed = !add && f[0].changed;
	struct person_fields pf = {f[1].text, f[2].text, f[3].text};
	if (!add && !renamed)
		pf = (struct person_fields){f[1].changed ? f[1].text : NULL, f[2].changed ? f[2].text : NULL,
					    f[3].changed ? f[3].text : NULL};
	bool self = false;
	int rc = add || renamed ? person_add(a->b, a->event_id, f[0].text, &pf, &self)
				: person_set(a->b, a->event_id, p->login, &pf);
	if (rc == MU_OK)
		app_status(a, false, "%s saved%s", f[0].text, self ? " (and you as coordinator)" : "");
	form_free(f, 4);
	if (rc != MU_OK)
		return app_fail(a, add ? "add" : "change"), 0;
	return SHEET_RELOAD;
}

void people_show(struct app *a)
{
	struct person_list pl = {0};
	struct sheet s = {
		.name = "people",
		.foot = " a add · e change · d remove (coordinators) · j/k move · Esc back · ? help",
		.empty = "Nobody listed: everyone coordinates this event (a personal board)",
		.load = load,
		.handle = handle,
		.ctx = &pl,
	};
	sheet_run(a, &s);
	person_list_free(&pl);
}
