/* The review screen (SPEC §1, the four steps): step 1 is each stage's
 * target, actual, completion and pace (funnel_view_build), then spend and
 * ROI; steps 2-4 are the notes of review.h: per stage the cause of the
 * variance, the factor type and the lesson.  a adds a note (for the stage
 * under the cursor), e edits one, d deletes one. */
#include "tui.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "muster/funnel.h"
#include "muster/review.h"

enum { R_STAGE = 10, R_NOTE };

static const char *num(char *buf, size_t n, double v)
{
	fmt_num(buf, n, v);
	return buf;
}

/* Columns for the stage names: the longest, at least 12, at most a quarter
 * of the screen. */
static int name_width(struct app *a, const struct metric_list *ml)
{
	int w = a->W - 2, nw = 12;
	for (size_t i = 0; i < ml->n; i++)
		if (utf8_width(ml->v[i].name) > nw)
			nw = utf8_width(ml->v[i].name);
	return nw > w / 4 ? w / 4 : nw;
}

/* One stage (or budget line) of step 1: target, actual, done, pace and
 * how many notes it has. */
static void add_stage(struct sheet *s, struct strbuf *b, const struct metric *m, const struct funnel_view *v,
		      const struct review_list *rl, int nw)
{
	char t[32], u[32], pace[32];
	const struct funnel_row *fr = NULL;
	for (size_t k = 0; k < v->nrows; k++)
		if (v->rows[k].m == m)
			fr = &v->rows[k];
	double done = fr ? fr->completion : m->target > 0 ? m->actual / m->target : NAN;
	sb_reset(b);
	sheet_col(b, m->name, nw, false);
	sb_add(b, " ");
	sheet_col(b, num(t, sizeof t, m->target), 7, true);
	sb_add(b, " ");
	sheet_col(b, num(u, sizeof u, m->actual), 7, true);
	if (isnan(done))
		snprintf(t, sizeof t, "–");
	else
		snprintf(t, sizeof t, "%.0f%%", done * 100 > 9999 ? 9999 : done * 100);
	sb_add(b, " ");
	sheet_col(b, t, 5, true);
	pace[0] = 0;
	if (fr)
		funnel_pace_text(fr->pace, pace, sizeof pace);
	else
		snprintf(pace, sizeof pace, "budget line");
	sb_addf(b, "  %s", pace);
	int notes = 0;
	for (size_t k = 0; k < rl->n; k++)
		notes += !strcmp(rl->v[k].stage, m->name);
	if (notes)
		sb_addf(b, " · %d note%s", notes, notes == 1 ? "" : "s");
	enum ui_role r = fr && fr->state == FUNNEL_BEHIND ? UI_METER_BAD
			 : fr && fr->state == FUNNEL_AT_RISK ? UI_METER_WARN : UI_NORMAL;
	sheet_add(s, m->id, R_STAGE, r, sb_str(b));
}

/* Step 1's last line: budget, spend, ROI, the goal's pace. */
static void add_totals(struct sheet *s, struct strbuf *b, const struct funnel_view *v)
{
	char t[32], u[32], pace[32];
	sb_reset(b);
	sb_addf(b, "Budget %s · spent %s", num(t, sizeof t, v->budget), num(u, sizeof u, v->spent));
	if (!isnan(v->spend_share))
		sb_addf(b, " (%.0f%%)", v->spend_share * 100);
	if (!isnan(v->roi))
		sb_addf(b, " · ROI %.1f · I/O 1:%.1f", v->roi, v->io_ratio);
	funnel_pace_text(v->pace, pace, sizeof pace);
	if (pace[0])
		sb_addf(b, " · goal %s", pace);
	sheet_add(s, 0, SHEET_HEAD, UI_DIM, sb_str(b));
	sheet_add(s, 0, SHEET_HEAD, UI_NORMAL, "");
}

/* Steps 2-4: the notes, one a row. */
static void add_notes(struct sheet *s, struct strbuf *b, const struct review_list *rl, int nw)
{
	sheet_head(s, "2-4 · Causes, factor types, lessons");
	if (!rl->n)
		sheet_add(s, 0, SHEET_HEAD, UI_DIM, "No notes yet: a adds one (on a stage row: for that stage)");
	for (size_t i = 0; i < rl->n; i++) {
		const struct review *r = &rl->v[i];
		sb_reset(b);
		sheet_col(b, *r->stage ? r->stage : "(event)", nw, false);
		sb_add(b, " ");
		sheet_col(b, *review_factor_name(r->factor) ? review_factor_name(r->factor) : "–", 17, false);
		sb_addf(b, " %s", r->cause);
		if (*r->lesson)
			sb_addf(b, "%sLesson: %s", *r->cause ? " → " : "", r->lesson);
		sheet_add(s, r->id, R_NOTE, UI_NORMAL, sb_str(b));
	}
}

/* The metrics stay in the sheet's ctx for handle and the stage check. */
static void load(struct app *a, struct sheet *s)
{
	struct metric_list *ml = s->ctx;
	struct funnel_view v;
	struct review_list rl = {0};
	struct strbuf b = STRBUF_INIT;
	metric_list_free(ml);
	if (metric_list(a->b, a->event_id, 0, ml) != MU_OK)
		app_fail(a, "metrics");
	if (review_list(a->b, a->event_id, &rl) != MU_OK)
		app_fail(a, "review");
	funnel_view_build(&a->ev, ml, a->today, &v);
	int nw = name_width(a, ml);
	snprintf(s->title, sizeof s->title, "Review · %s", a->ev.name ? a->ev.name : "");
	sheet_head(s, "1 · Targets vs actuals");
	sheet_col(&b, "", nw, false);
	sb_add(&b, "  Target  Actual  Done  Pace");
	sheet_add(s, 0, SHEET_HEAD, UI_DIM, sb_str(&b));
	for (size_t i = 0; i < ml->n; i++)
		add_stage(s, &b, &ml->v[i], &v, &rl, nw);
	add_totals(s, &b, &v);
	add_notes(s, &b, &rl, nw);
	funnel_view_free(&v);
	review_list_free(&rl);
	sb_free(&b);
}

/* Stage: "" (the event) or a metric of the event, by name, any case. */
static bool check_stage(struct app *a, struct form_field *f, char *err, size_t n)
{
	const struct metric_list *ml = f->ctx;
	for (size_t i = 0; i < ml->n; i++)
		if (!strcasecmp(f->text, ml->v[i].name)) {
			form_set(f, "%s", ml->v[i].name);
			return true;
		}
	char v[100];
	snprintf(err, n, "no stage %s (empty = the event as a whole)", text_cut(v, sizeof v, f->text, 30));
	return false;
}

/* Factor: c / s / u, or the full word. */
static bool check_factor(struct app *a, struct form_field *f, char *err, size_t n)
{
	static const char *const full[] = {"controllable", "semi-controllable", "uncontrollable"};
	for (size_t i = 0; i < 3; i++)
		if (!strncasecmp(f->text, full[i], strlen(f->text))) {
			form_set(f, "%s", full[i]);
			return true;
		}
	enum review_factor rf;
	if (review_factor_parse(f->text, &rf) == MU_OK) {
		form_set(f, "%s", review_factor_name(rf));
		return true;
	}
	snprintf(err, n, "c controllable, s semi-controllable, u uncontrollable");
	return false;
}

static unsigned form(struct app *a, struct sheet *s, const struct review *r, const char *stage)
{
	struct form_field f[] = {
		{.label = "Stage", .kind = FIELD_TEXT, .check = check_stage, .ctx = s->ctx},
		{.label = "Factor", .kind = FIELD_TEXT, .check = check_factor},
		{.label = "Cause", .kind = FIELD_TEXT, .multiline = true, .max = BOARD_NOTES_MAX},
		{.label = "Lesson", .kind = FIELD_TEXT, .multiline = true, .max = BOARD_NOTES_MAX},
	};
	if (r) {
		form_set(&f[0], "%s", r->stage);
		form_set(&f[1], "%s", review_factor_name(r->factor));
		form_set(&f[2], "%s", r->cause);
		form_set(&f[3], "%s", r->lesson);
	} else if (stage) {
		form_set(&f[0], "%s", stage);
	}
	if (!form_run(a, r ? "Edit review note" : "New review note · factor c/s/u", f, 4)) {
		form_free(f, 4);
		return 0;
	}
	enum review_factor fac = REVIEW_FACTOR_NONE;
	review_factor_parse(f[1].text, &fac);
	struct review_fields rf = {f[0].text, f[2].text, f[3].text, (int)fac};
	if (r) /* an edit writes only what was changed */
		rf = (struct review_fields){f[0].changed ? f[0].text : NULL, f[2].changed ? f[2].text : NULL,
					    f[3].changed ? f[3].text : NULL, f[1].changed ? (int)fac : -1};
	int64_t id = 0;
	int rc = r ? review_edit(a->b, r->id, &rf) : review_add(a->b, a->event_id, &rf, &id);
	form_free(f, 4);
	if (rc != MU_OK) {
		app_fail(a, r ? "edit note" : "add note");
		return 0;
	}
	app_status(a, false, r ? "note saved" : "note added");
	return SHEET_RELOAD;
}

static unsigned handle(struct app *a, struct sheet *s, enum action act)
{
	const struct sheet_row *row = sheet_current(s);
	struct review r;
	struct pool pool = {0};
	unsigned d = 0;
	const struct metric_list *ml = s->ctx;
	const char *stage = NULL;
	if (row && row->kind == R_STAGE)
		for (size_t i = 0; i < ml->n; i++)
			if (ml->v[i].id == row->id)
				stage = ml->v[i].name;
	bool note = row && row->kind == R_NOTE && review_get(a->b, row->id, &r, &pool) == MU_OK;
	switch (act) {
	case ACT_ADD: d = form(a, s, NULL, stage); break;
	case ACT_EDIT: d = note ? form(a, s, &r, NULL) : form(a, s, NULL, stage); break;
	case ACT_DELETE:
		if (!note)
			break;
		if (ui_confirm(a, "Delete this review note? y/N")) {
			if (review_remove(a->b, r.id) != MU_OK)
				app_fail(a, "delete note");
			d = SHEET_RELOAD;
		}
		break;
	default: d = UNHANDLED;
	}
	pool_free(&pool);
	return d;
}

void review_show(struct app *a)
{
	if (!a->event_id) {
		app_status(a, true, "no event to review");
		return;
	}
	struct metric_list ml = {0}; /* for handle and the form's stage check */
	struct sheet s = {
		.name = "review",
		.foot = " a add note · e edit · d delete · j/k move · Esc back · ? help",
		.load = load,
		.handle = handle,
		.ctx = &ml,
	};
	sheet_run(a, &s);
	metric_list_free(&ml);
}
