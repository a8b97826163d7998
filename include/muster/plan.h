/* Event plans and templates as YAML (SPEC §4) ⇄ struct plan, plain data with
 * every date already resolved to "YYYY-MM-DD".  src/plan/ knows YAML, not SQL;
 * muster/planio.h moves a struct plan into and out of the board. */
#ifndef MUSTER_PLAN_H
#define MUSTER_PLAN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/xalloc.h"

/* All strings live in plan->pool; absent strings are NULL, absent dates "",
 * absent numbers NAN.  Arrays (roles, people, people[i].roles, phases, tasks,
 * tasks[i].deps, checklists, checklists[i].items, stages, budget_lines) are
 * each one xmalloc/xcalloc/xrealloc block (or NULL when empty); plan_free()
 * free()s them and then the pool, so fill a plan the same way. */
struct plan_role {
	char *key, *name;
};
struct plan_person {
	char *login, *name, *access; /* access defaults to "staff" */
	char **roles;                /* role keys */
	size_t nroles;
};
struct plan_phase {
	char *key, *name;
	char start[11], end[11];
};
struct plan_task {
	char *title, *phase, *role, *owner, *status, *notes; /* phase/role: keys */
	char *key; /* optional: what `depends` may name instead of the title (NULL = none) */
	char due[11];
	size_t *deps; /* indexes into plan->tasks */
	size_t ndeps;
};
struct plan_item {
	char *title, *unit;
	char *done_by, *done_at; /* who ticked it and when (export only) */
	int64_t qty, ready; /* qty defaults to 1, ready to 0 */
	bool done;
	char due[11];
};
struct plan_checklist {
	char *name, *role;
	struct plan_item *items;
	size_t nitems;
};
struct plan_stage {
	char *name;
	double target, rate, actual;
};
struct plan_budget {
	char *line;
	double planned, spent;
};

struct plan {
	char *name, *kind, *objective, *currency;
	char start[11], end[11];
	double budget, unit_price, ctr, cpm;
	struct plan_role *roles;
	size_t nroles;
	struct plan_person *people;
	size_t npeople;
	struct plan_phase *phases;
	size_t nphases;
	struct plan_task *tasks;
	size_t ntasks;
	struct plan_checklist *checklists;
	size_t nchecklists;
	struct plan_stage *stages;
	size_t nstages;
	struct plan_budget *budget_lines;
	size_t nbudget;
	struct pool pool;
	/* What plan_parse_* accepted but the author should fix: zero or more
	 * lines "FILE:LINE:COL: warning: text\n" in file order (empty when
	 * none; sb_str() gives ""). */
	struct strbuf warnings;
};

/* Parse a plan.  start (NULL or "YYYY-MM-DD") overrides event.start and
 * shifts every absolute date by the same number of days.  Errors return
 * MU_DATA with mu_errmsg() = "FILE:LINE:COL: message" (1-based); *out is then
 * empty (no warnings either).  Every reference (role, phase, dependency) is
 * checked; an owner missing from people and an unquoted comma that split a
 * text value inside {...} are accepted with a line in out->warnings. */
int plan_parse_file(const char *path, const char *start, struct plan *out);
int plan_parse_buffer(const char *name, const char *buf, size_t len, const char *start,
		      struct plan *out);

enum plan_emit_mode {
	PLAN_EXPORT,   /* absolute dates, statuses, ready quantities, actuals */
	PLAN_TEMPLATE, /* dates relative to the start (T-14), statuses reset, no actuals */
};
/* YAML text that plan_parse_* reads back to an equal plan. */
void plan_emit(const struct plan *p, enum plan_emit_mode mode, struct strbuf *out);
void plan_free(struct plan *p);

#endif
