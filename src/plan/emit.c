/* plan_emit(): a struct plan as YAML that plan_parse_* reads back to the
 * same plan; templates write dates relative to the start (T-14). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "muster/date.h"
#include "muster/utf8.h"
#include "plan_int.h"

/* Code point at s (valid UTF-8, as stored strings are; a stray byte is
 * taken as itself) and its length. */
static unsigned cp_at(const unsigned char *s, size_t *n)
{
	uint32_t cp;
	*n = (size_t)utf8_decode((const char *)s, strnlen((const char *)s, 4), &cp);
	return *n == 1 ? s[0] : cp;
}

/* Characters YAML does not allow raw in a file (or that would be a line
 * break), and the bidi controls (a file shown in a terminal or an editor
 * must not reorder itself): they need a double-quoted escape. */
static bool needs_escape(unsigned cp)
{
	return utf8_unsafe(cp) || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

/* Would a plain scalar be read as something other than this text (null,
 * boolean, number, date), or is it a value we keep quoted for clarity? */
static bool looks_typed(const char *s)
{
	static const char *const words[] = {"~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", NULL};
	int32_t d;
	for (size_t i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return true;
	if (date_parse_rel(s, &d) || !strncasecmp(s, ".inf", 4) || !strncasecmp(s, ".nan", 4) ||
	    !strncasecmp(s, "-.inf", 5) || !strncasecmp(s, "+.inf", 5))
		return true;
	char *end;
	(void)strtod(s, &end);
	if (end != s && *end == '\0')
		return true;
	bool digit = false;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (!strchr("_.,:+-eExXoObB", *p))
			return false;
	}
	return digit; /* 1_000, 12:30, 2026-09-01, 0x1F ... */
}

static bool plain_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) || s[n - 1] == ' ' || s[n - 1] == '\t')
		return false;
	if (strpbrk(s, ":#,[]{}\"';\\") || strstr(s, "--") || looks_typed(s))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t k;
		if (needs_escape(cp_at(p, &k)))
			return false;
		p += k;
	}
	return true;
}

/* s as a YAML scalar that is safe in flow and block context. */
static void emit_str(struct strbuf *b, const char *s)
{
	bool escape = false;
	if (plain_ok(s)) {
		sb_add(b, s);
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p && !escape;) {
		size_t k;
		escape = needs_escape(cp_at(p, &k));
		p += k;
	}
	if (!escape) {
		sb_addc(b, '\'');
		for (const char *p = s; *p; p++)
			if (*p == '\'')
				sb_add(b, "''");
			else
				sb_addc(b, *p);
		sb_addc(b, '\'');
		return;
	}
	sb_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t k;
		unsigned cp = cp_at(p, &k);
		if (cp == '"' || cp == '\\')
			sb_addf(b, "\\%c", (char)cp);
		else if (cp == '\n')
			sb_add(b, "\\n");
		else if (cp == '\t')
			sb_add(b, "\\t");
		else if (needs_escape(cp))
			sb_addf(b, cp < 0x100 ? "\\x%02X" : "\\u%04X", cp);
		else
			sb_addn(b, (const char *)p, k);
		p += k;
	}
	sb_addc(b, '"');
}

/* Integers without ".0"; anything else in the shortest form that reads back
 * to the same double. */
static void emit_num(struct strbuf *b, double x)
{
	char buf[40];
	if (x == 0) {
		sb_add(b, "0");
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15) {
		sb_addf(b, "%.0f", x);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	sb_add(b, buf);
}

struct emit {
	struct strbuf *b;
	enum plan_emit_mode mode;
	int32_t start;
	bool first; /* no ", " before the next flow field */
};

static void key(struct emit *e, const char *k)
{
	if (!e->first)
		sb_add(e->b, ", ");
	e->first = false;
	sb_addf(e->b, "%s: ", k);
}

static void f_str(struct emit *e, const char *k, const char *s)
{
	if (s) {
		key(e, k);
		emit_str(e->b, s);
	}
}

static void f_num(struct emit *e, const char *k, double x)
{
	if (!isnan(x)) {
		key(e, k);
		emit_num(e->b, x);
	}
}

static void f_date(struct emit *e, const char *k, const char *d)
{
	int32_t day;
	if (!d[0])
		return;
	key(e, k);
	if (e->mode == PLAN_TEMPLATE && e->start != DATE_NONE && date_parse_iso(d, &day) &&
	    abs(day - e->start) <= 99999)
		sb_addf(e->b, "T%c%d", day < e->start ? '-' : '+', abs(day - e->start));
	else
		sb_add(e->b, d);
}

/* Starts "  - {". */
static void open_flow(struct emit *e, const char *indent)
{
	sb_addf(e->b, "%s- {", indent);
	e->first = true;
}

static void close_flow(struct emit *e) { sb_add(e->b, "}\n"); }

/* One "k: value" line of a block mapping (nothing for an absent value). */
static void block_field(struct emit *e, const char *indent, const char *k, const char *s)
{
	if (s) {
		sb_addf(e->b, "%s%s: ", indent, k);
		emit_str(e->b, s);
		sb_addc(e->b, '\n');
	}
}

static void block_num(struct emit *e, const char *indent, const char *k, double x)
{
	if (!isnan(x)) {
		sb_addf(e->b, "%s%s: ", indent, k);
		emit_num(e->b, x);
		sb_addc(e->b, '\n');
	}
}

static void block_date(struct emit *e, const char *indent, const char *k, const char *d)
{
	if (d[0]) {
		sb_add(e->b, indent);
		e->first = true;
		f_date(e, k, d);
		sb_addc(e->b, '\n');
	}
}

/* Item j of n in a flow list "[a, b]" of strings. */
static void seq_item(struct strbuf *b, size_t j, size_t n, const char *s)
{
	sb_add(b, j ? ", " : "[");
	emit_str(b, s);
	if (j + 1 == n)
		sb_addc(b, ']');
}

/* event: the header comment, then the event's own fields. */
static void emit_event(struct emit *e, const struct plan *p)
{
	struct strbuf *out = e->b;
	if (e->mode == PLAN_TEMPLATE)
		sb_add(out, "# muster template: dates are relative to event.start (T-14 = 14 days\n"
			    "# before it); `muster import FILE --start DATE` moves the whole plan.\n");
	else
		sb_add(out, "# muster export: imports again with `muster import FILE`.\n");
	sb_add(out, "event:\n");
	block_field(e, "  ", "name", p->name ? p->name : "");
	block_field(e, "  ", "kind", p->kind);
	block_field(e, "  ", "objective", p->objective);
	if (p->start[0])
		sb_addf(out, "  start: %s\n", p->start); /* absolute: the anchor */
	block_date(e, "  ", "end", p->end);
	block_num(e, "  ", "budget", p->budget);
	block_field(e, "  ", "currency", p->currency);
}

/* roles: and people: */
static void emit_people(struct emit *e, const struct plan *p)
{
	if (p->nroles)
		sb_add(e->b, "roles:\n");
	for (size_t i = 0; i < p->nroles; i++) {
		open_flow(e, "  ");
		f_str(e, "key", p->roles[i].key);
		f_str(e, "name", p->roles[i].name);
		close_flow(e);
	}
	if (p->npeople)
		sb_add(e->b, "people:\n");
	for (size_t i = 0; i < p->npeople; i++) {
		const struct plan_person *h = &p->people[i];
		open_flow(e, "  ");
		f_str(e, "login", h->login);
		f_str(e, "name", h->name);
		if (h->nroles)
			key(e, "roles");
		for (size_t j = 0; j < h->nroles; j++)
			seq_item(e->b, j, h->nroles, h->roles[j]);
		f_str(e, "access", h->access);
		close_flow(e);
	}
}

/* phases: and tasks: (a dependency by its task's key, else its title) */
static void emit_tasks(struct emit *e, const struct plan *p)
{
	if (p->nphases)
		sb_add(e->b, "phases:\n");
	for (size_t i = 0; i < p->nphases; i++) {
		open_flow(e, "  ");
		f_str(e, "key", p->phases[i].key);
		f_str(e, "name", p->phases[i].name);
		f_date(e, "start", p->phases[i].start);
		f_date(e, "end", p->phases[i].end);
		close_flow(e);
	}
	if (p->ntasks)
		sb_add(e->b, "tasks:\n");
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct plan_task *t = &p->tasks[i];
		open_flow(e, "  ");
		f_str(e, "title", t->title);
		f_str(e, "key", t->key);
		f_str(e, "phase", t->phase);
		f_str(e, "role", t->role);
		f_str(e, "owner", t->owner);
		f_date(e, "due", t->due);
		if (e->mode != PLAN_TEMPLATE)
			f_str(e, "status", t->status);
		f_str(e, "notes", t->notes);
		if (t->ndeps)
			key(e, "depends");
		for (size_t j = 0; j < t->ndeps; j++) {
			const struct plan_task *d = &p->tasks[t->deps[j]];
			seq_item(e->b, j, t->ndeps, d->key ? d->key : d->title);
		}
		close_flow(e);
	}
}

/* checklists: each a block mapping with its items as flow mappings. */
static void emit_checklists(struct emit *e, const struct plan *p)
{
	struct strbuf *out = e->b;
	bool tpl = e->mode == PLAN_TEMPLATE;
	if (p->nchecklists)
		sb_add(out, "checklists:\n");
	for (size_t i = 0; i < p->nchecklists; i++) {
		const struct plan_checklist *l = &p->checklists[i];
		block_field(e, "  - ", "name", l->name ? l->name : "");
		block_field(e, "    ", "role", l->role);
		sb_add(out, l->nitems ? "    items:\n" : "    items: []\n");
		for (size_t j = 0; j < l->nitems; j++) {
			const struct plan_item *m = &l->items[j];
			open_flow(e, "      ");
			f_str(e, "title", m->title);
			key(e, "qty");
			sb_addf(out, "%lld", (long long)m->qty);
			f_str(e, "unit", m->unit);
			f_date(e, "due", m->due);
			if (!tpl && m->ready) {
				key(e, "ready");
				sb_addf(out, "%lld", (long long)m->ready);
			}
			if (!tpl && m->done) {
				key(e, "done");
				sb_add(out, "true");
				f_str(e, "done_by", m->done_by);
				f_str(e, "done_at", m->done_at);
			}
			close_flow(e);
		}
	}
}

/* metrics: the rates, the funnel and the budget (nothing when all absent). */
static void emit_metrics(struct emit *e, const struct plan *p)
{
	struct strbuf *out = e->b;
	bool tpl = e->mode == PLAN_TEMPLATE;
	if (isnan(p->unit_price) && isnan(p->ctr) && isnan(p->cpm) && !p->nstages && !p->nbudget)
		return;
	sb_add(out, "metrics:\n");
	block_num(e, "  ", "unit_price", p->unit_price);
	block_num(e, "  ", "ctr", p->ctr);
	block_num(e, "  ", "cpm", p->cpm);
	if (p->nstages)
		sb_add(out, "  funnel:\n");
	for (size_t i = 0; i < p->nstages; i++) {
		open_flow(e, "    ");
		f_str(e, "stage", p->stages[i].name);
		f_num(e, "target", p->stages[i].target);
		f_num(e, "rate", p->stages[i].rate);
		if (!tpl)
			f_num(e, "actual", p->stages[i].actual);
		close_flow(e);
	}
	if (p->nbudget)
		sb_add(out, "  budget:\n");
	for (size_t i = 0; i < p->nbudget; i++) {
		open_flow(e, "    ");
		f_str(e, "line", p->budget_lines[i].line);
		f_num(e, "planned", p->budget_lines[i].planned);
		if (!tpl)
			f_num(e, "spent", p->budget_lines[i].spent);
		close_flow(e);
	}
}

void plan_emit(const struct plan *p, enum plan_emit_mode mode, struct strbuf *out)
{
	struct emit e = {out, mode, DATE_NONE, true};
	if (!p->start[0] || !date_parse_iso(p->start, &e.start))
		e.start = DATE_NONE;
	emit_event(&e, p);
	emit_people(&e, p);
	emit_tasks(&e, p);
	emit_checklists(&e, p);
	emit_metrics(&e, p);
}
