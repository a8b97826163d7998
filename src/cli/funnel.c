/* `muster funnel`: with --goal, the backward decomposition (stages,
 * exposures, ad budget, GMV); without it, the check of an event's funnel:
 * targets that do not follow from the rates, pace against elapsed time,
 * spend against budget, ROI.  The maths is src/funnel.c. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/date.h"
#include "muster/event.h"
#include "muster/funnel.h"
#include "muster/metric.h"
#include "muster/table.h"
#include "muster/utf8.h"

/* "0.15" or "15%" → 0.15. */
static int parse_share(const char *what, const char *s, double *out)
{
	size_t n = strlen(s);
	if (n > 1 && s[n - 1] == '%') {
		char *t = xstrndup(s, n - 1);
		int rc = cli_parse_real(what, t, out);
		free(t);
		if (rc)
			return mu_fail(MU_USAGE, "%s must be a number: %s", what, s);
		*out /= 100.0;
		return MU_OK;
	}
	return cli_parse_real(what, s, out);
}

/* Comma-separated shares; at most max. */
static int parse_rates(const char *s, double *rates, size_t max, size_t *n)
{
	*n = 0;
	if (!*s)
		return MU_OK;
	char *copy = xstrdup(s), *p = copy;
	int rc = MU_OK;
	for (;;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		char what[32];
		snprintf(what, sizeof what, "rate %zu", *n + 1);
		if (*n >= max) {
			rc = mu_fail(MU_USAGE, "too many rates (at most %zu)", max);
			break;
		}
		if ((rc = parse_share(what, p, &rates[*n])))
			break;
		(*n)++;
		if (!comma)
			break;
		p = comma + 1;
	}
	free(copy);
	return rc;
}

static const char *default_name(size_t i, size_t n, char *buf, size_t len)
{
	static const char *const aarrr[] = {"acquired", "activated", "retained", "paying"};
	if (n == 4)
		return aarrr[i];
	if (i == n - 1)
		return "paying";
	if (i == 0)
		return "acquired";
	snprintf(buf, len, "stage %zu", i + 1);
	return buf;
}

static void num_cell(struct table *t, struct strbuf *s, double v)
{
	sb_reset(s);
	cli_num(s, v);
	table_cell(t, sb_str(s));
}

static void pct_cell(struct table *t, struct strbuf *s, double v)
{
	sb_reset(s);
	cli_percent(s, v);
	table_cell(t, sb_str(s));
}

static double cents(double v) { return isnan(v) ? v : round(v * 100.0) / 100.0; }

/* What the backward decomposition starts from: the goal and the rates, and
 * the click rate, CPM, unit price and stage names when known (from the
 * options or the event's plan). */
struct backward_input {
	double goal, rates[FUNNEL_MAX_STAGES], ctr, cpm, price;
	size_t nrates;
	const char *names[FUNNEL_MAX_STAGES]; /* NULL: default_name() */
	char *names_copy;                     /* --stages, split in place */
	struct pool pool;                     /* the event's strings */
};

/* Rates, click rate, CPM, price and stage names from the event's plan. */
static int backward_from_event(struct cli *c, const struct cli_opts *o, struct backward_input *in)
{
	struct board *b;
	struct event ev;
	struct metric_list ml = {0};
	int64_t id;
	int rc;
	if ((rc = cli_board(c, 0, &b)) || (rc = cli_event(c, o, &id)) || (rc = event_get(b, id, &ev, &in->pool)) ||
	    (rc = metric_list(b, id, 0, &ml)))
		return rc;
	size_t n = 0;
	for (size_t i = 0; i < ml.n && n < FUNNEL_MAX_STAGES; i++) {
		if (ml.v[i].kind != METRIC_STAGE)
			continue;
		in->names[n] = pool_strdup(&in->pool, ml.v[i].name);
		if (n)
			in->rates[n - 1] = ml.v[i - 1].rate;
		n++;
	}
	metric_list_free(&ml);
	for (size_t i = 0; i + 1 < n && !rc; i++)
		if (isnan(in->rates[i]))
			rc = mu_fail(MU_DATA, "stage \"%s\" of the event has no rate; give --rates", in->names[i]);
	if (!rc && n == 0)
		rc = mu_fail(MU_DATA, "the event has no funnel stages; give --rates");
	if (rc)
		return rc;
	in->nrates = n - 1;
	in->ctr = ev.ctr, in->cpm = ev.cpm, in->price = ev.unit_price;
	return MU_OK;
}

/* --stages A,B,C: one name per stage. */
static int backward_stage_names(const char *v, struct backward_input *in)
{
	size_t n = 0;
	in->names_copy = xstrdup(v);
	for (char *p = in->names_copy; p && n < FUNNEL_MAX_STAGES;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma++ = '\0';
		in->names[n++] = p;
		p = comma;
	}
	if (n != in->nrates + 1)
		return mu_fail(MU_USAGE, "--stages names %zu stage%s but %zu rate%s make %zu", n, n == 1 ? "" : "s",
			       in->nrates, in->nrates == 1 ? "" : "s", in->nrates + 1);
	return MU_OK;
}

/* The options over the event's plan; free in->names_copy and in->pool
 * whatever it returns. */
static int backward_gather(struct cli *c, const struct cli_opts *o, struct backward_input *in)
{
	const char *v;
	int rc = cli_parse_real("goal", cli_opt(o, "goal"), &in->goal);
	if (rc)
		return rc;
	if ((v = cli_opt(o, "rates"))) {
		if ((rc = parse_rates(v, in->rates, FUNNEL_MAX_STAGES - 1, &in->nrates)))
			return rc;
	} else if (cli_opt(o, "event") || c->g.event) {
		if ((rc = backward_from_event(c, o, in)))
			return rc;
	} else {
		return mu_fail(MU_USAGE, "funnel --goal needs --rates R1,R2,... (or --event E to take them "
					 "from a plan)");
	}
	if ((v = cli_opt(o, "ctr")) && (rc = parse_share("click rate", v, &in->ctr)))
		return rc;
	if ((v = cli_opt(o, "cpm")) && (rc = cli_parse_real("CPM", v, &in->cpm)))
		return rc;
	if ((v = cli_opt(o, "price")) && (rc = cli_parse_real("unit price", v, &in->price)))
		return rc;
	if ((v = cli_opt(o, "stages")))
		return backward_stage_names(v, in);
	return MU_OK;
}

static void backward_json(struct cli *c, const struct backward_input *in, const struct funnel_plan *p)
{
	char buf[32];
	bool f, g;
	json_open(&c->out, &f);
	json_real(&c->out, &f, "goal", in->goal);
	json_key(&c->out, &f, "stages");
	sb_addc(&c->out, '[');
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			sb_addc(&c->out, ',');
		json_open(&c->out, &g);
		json_str(&c->out, &g, "name", in->names[i] ? in->names[i] : default_name(i, p->n, buf, sizeof buf));
		json_real(&c->out, &g, "target", p->stage[i]);
		json_real(&c->out, &g, "rate", i + 1 < p->n ? in->rates[i] : NAN);
		json_close(&c->out);
	}
	sb_addc(&c->out, ']');
	json_real(&c->out, &f, "ctr", in->ctr);
	json_real(&c->out, &f, "cpm", in->cpm);
	json_real(&c->out, &f, "price", in->price);
	json_real(&c->out, &f, "exposures", isnan(p->exposures) ? NAN : round(p->exposures));
	json_real(&c->out, &f, "budget", cents(p->budget));
	json_real(&c->out, &f, "gmv", cents(p->gmv));
	json_close(&c->out);
	sb_addc(&c->out, '\n');
}

static void backward_text(struct cli *c, const struct backward_input *in, const struct funnel_plan *p)
{
	static const struct cli_col cols[] = {
		{"STAGE", TABLE_LEFT, TABLE_SHRINK}, {"TARGET", TABLE_RIGHT, 0}, {"RATE", TABLE_RIGHT, 0}};
	char buf[32];
	struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
	struct strbuf s = STRBUF_INIT;
	for (size_t i = 0; i < p->n; i++) {
		table_cell(t, in->names[i] ? in->names[i] : default_name(i, p->n, buf, sizeof buf));
		num_cell(t, &s, p->stage[i]);
		pct_cell(t, &s, i + 1 < p->n ? in->rates[i] : NAN);
	}
	cli_table(c, t);
	table_free(t);
	/* exposures / ad budget / GMV with their numbers right-aligned */
	struct strbuf num[3] = {STRBUF_INIT, STRBUF_INIT, STRBUF_INIT};
	int w = 0;
	cli_num(&num[0], isnan(p->exposures) ? NAN : round(p->exposures));
	cli_num(&num[1], isnan(p->budget) ? NAN : round(p->budget));
	cli_num(&num[2], cents(p->gmv));
	for (int i = 0; i < 3; i++)
		w = (int)num[i].len > w ? (int)num[i].len : w;
	if (!isnan(p->exposures)) {
		sb_reset(&s);
		cli_num(&s, in->ctr * 100.0);
		sb_addf(&c->out, "exposures  %*s  at a click rate of %s%%\n", w, sb_str(&num[0]), sb_str(&s));
	}
	if (!isnan(p->budget)) {
		sb_reset(&s);
		cli_num(&s, in->cpm);
		sb_addf(&c->out, "ad budget  %*s  at a CPM of %s per 1000 exposures\n", w, sb_str(&num[1]),
			sb_str(&s));
	}
	if (!isnan(p->gmv)) {
		sb_reset(&s);
		cli_num(&s, in->price);
		sb_addf(&c->out, "GMV        %*s  at a unit price of %s\n", w, sb_str(&num[2]), sb_str(&s));
	}
	for (int i = 0; i < 3; i++)
		sb_free(&num[i]);
	sb_free(&s);
}

static int backward(struct cli *c, const struct cli_opts *o)
{
	struct backward_input in = {.ctr = NAN, .cpm = NAN, .price = NAN};
	struct funnel_plan p;
	int rc = backward_gather(c, o, &in);
	if (!rc)
		rc = funnel_backward(in.goal, in.rates, in.nrates, in.ctr, in.cpm, in.price, &p);
	if (!rc && c->g.json)
		backward_json(c, &in, &p);
	else if (!rc)
		backward_text(c, &in, &p);
	free(in.names_copy);
	pool_free(&in.pool);
	return rc;
}

static void check_json(struct cli *c, int64_t id, const struct funnel_view *v)
{
	bool f, g;
	json_open(&c->out, &f);
	json_int(&c->out, &f, "event", id);
	json_real(&c->out, &f, "time_share", v->time_share);
	json_real(&c->out, &f, "pace", v->pace);
	json_text(&c->out, &f, "state", funnel_state_name(v->state));
	json_int(&c->out, &f, "flagged", (int64_t)v->nflagged);
	json_key(&c->out, &f, "stages");
	sb_addc(&c->out, '[');
	for (size_t i = 0; i < v->nrows; i++) {
		const struct funnel_row *r = &v->rows[i];
		if (i)
			sb_addc(&c->out, ',');
		json_open(&c->out, &g);
		json_str(&c->out, &g, "name", r->m->name);
		json_real(&c->out, &g, "target", r->m->target);
		json_real(&c->out, &g, "rate", r->m->rate);
		json_real(&c->out, &g, "expected", r->expected);
		json_bool(&c->out, &g, "flagged", r->flagged);
		json_real(&c->out, &g, "actual", r->m->actual);
		json_real(&c->out, &g, "completion", r->completion);
		json_real(&c->out, &g, "pace", r->pace);
		json_text(&c->out, &g, "state", funnel_state_name(r->state));
		json_close(&c->out);
	}
	sb_addc(&c->out, ']');
	json_real(&c->out, &f, "budget", v->budget);
	json_real(&c->out, &f, "spent", v->spent);
	json_real(&c->out, &f, "spend_share", v->spend_share);
	json_real(&c->out, &f, "revenue", v->revenue);
	json_real(&c->out, &f, "roi", v->roi);
	json_real(&c->out, &f, "io_ratio", v->io_ratio);
	json_close(&c->out);
	sb_addc(&c->out, '\n');
}

/* One row per stage; a target that does not follow from the rates gets !. */
static void check_table(struct cli *c, const struct funnel_view *v)
{
	static const struct cli_col cols[] = {
		{"STAGE", TABLE_LEFT, TABLE_SHRINK}, {"TARGET", TABLE_RIGHT, 0}, {"RATE", TABLE_RIGHT, 0},
		{"FROM RATES", TABLE_RIGHT, 0},      {"ACTUAL", TABLE_RIGHT, 0}, {"DONE", TABLE_RIGHT, 0},
		{"PACE", TABLE_LEFT, 0}};
	char pace[32];
	struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
	struct strbuf s = STRBUF_INIT;
	for (size_t i = 0; i < v->nrows; i++) {
		const struct funnel_row *r = &v->rows[i];
		table_cell(t, r->m->name);
		num_cell(t, &s, r->m->target);
		pct_cell(t, &s, r->m->rate);
		sb_reset(&s);
		cli_num(&s, isnan(r->expected) ? NAN : round(r->expected));
		if (r->flagged)
			sb_add(&s, " !");
		table_cell(t, sb_str(&s));
		num_cell(t, &s, r->m->actual);
		pct_cell(t, &s, r->completion);
		funnel_pace_text(r->pace, pace, sizeof pace);
		table_cell(t, pace);
	}
	if (v->nrows)
		cli_table(c, t);
	table_free(t);
	sb_free(&s);
}

/* The lines under the table: flagged stages, time and pace, spend, revenue. */
static void check_summary(struct cli *c, const struct event *ev, const struct funnel_view *v)
{
	char pace[32];
	struct strbuf s = STRBUF_INIT;
	if (v->nflagged)
		sb_addf(&c->out, "%zu stage%s marked ! do not follow from the rates of the stage before\n",
			v->nflagged, v->nflagged == 1 ? "" : "s");
	if (isnan(v->time_share))
		sb_add(&c->out, "time: the event has no dates\n");
	else if (v->days_to_start > 0)
		sb_addf(&c->out, "time: starts in %d day%s\n", (int)v->days_to_start,
			v->days_to_start == 1 ? "" : "s");
	else {
		funnel_pace_text(v->pace, pace, sizeof pace);
		sb_addf(&c->out, "time: %.0f%% elapsed", v->time_share * 100.0);
		for (size_t i = v->nrows; *pace && i-- > 0;) {
			if (isnan(v->rows[i].m->target))
				continue;
			sb_add(&c->out, "; ");
			utf8_fit(&c->out, v->rows[i].m->name, INT_MAX, false);
			sb_addf(&c->out, " %s (%s)", pace, funnel_state_name(v->state));
			break;
		}
		sb_addc(&c->out, '\n');
	}
	sb_add(&c->out, "spent: ");
	cli_num(&c->out, cents(v->spent));
	if (!isnan(v->budget)) {
		sb_add(&c->out, " of ");
		cli_num(&c->out, v->budget);
		cli_percent(&s, v->spend_share);
		if (s.len)
			sb_addf(&c->out, " (%s)", sb_str(&s));
	}
	sb_addc(&c->out, '\n');
	if (v->revenue_from != FUNNEL_REVENUE_NONE) {
		sb_add(&c->out, "revenue: ");
		cli_num(&c->out, cents(v->revenue));
		if (v->revenue_from == FUNNEL_REVENUE_PRICE) {
			sb_add(&c->out, " (");
			cli_num(&c->out, v->rows[v->nrows - 1].m->actual);
			sb_add(&c->out, " x ");
			cli_num(&c->out, ev->unit_price);
			sb_addc(&c->out, ')');
		}
		if (!isnan(v->roi))
			sb_addf(&c->out, "; ROI %.2f; input/output 1 : %.2f", v->roi, v->io_ratio);
		sb_addc(&c->out, '\n');
	}
	sb_free(&s);
}

/* The event's funnel as it stands: check, pace, money. */
static int check_event(struct cli *c, const struct cli_opts *o)
{
	struct board *b;
	struct event ev;
	struct pool pool = {0};
	struct metric_list ml = {0};
	struct funnel_view v;
	int64_t id;
	int rc;
	if ((rc = cli_board(c, 0, &b)) || (rc = cli_event(c, o, &id)) || (rc = event_get(b, id, &ev, &pool)) ||
	    (rc = metric_list(b, id, 0, &ml))) {
		metric_list_free(&ml);
		pool_free(&pool);
		return rc;
	}
	funnel_view_build(&ev, &ml, date_today(), &v);
	if (c->g.json) {
		check_json(c, id, &v);
	} else {
		check_table(c, &v);
		check_summary(c, &ev, &v);
	}
	funnel_view_free(&v);
	metric_list_free(&ml);
	pool_free(&pool);
	return rc;
}

int cmd_funnel(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	int rc = cli_getopt(c, argc, argv, "goal= rates= ctr= cpm= price= stages= event=", 0, 0, &o);
	if (rc)
		return rc;
	if (cli_opt(&o, "goal"))
		return backward(c, &o);
	if (cli_opt(&o, "rates") || cli_opt(&o, "ctr") || cli_opt(&o, "cpm") || cli_opt(&o, "price") ||
	    cli_opt(&o, "stages"))
		return mu_fail(MU_USAGE, "--rates, --ctr, --cpm, --price and --stages go with --goal N");
	return check_event(c, &o);
}
