/* Large boards for benchmarks: gen_plan() builds a realistic struct plan in
 * memory (no YAML), which plan_import() stores in one transaction, and
 * gen_samples() adds metric history.  Deterministic in the seed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "muster/date.h"
#include "muster/db.h"
#include "muster/gen.h"
#include "muster/identity.h"
#include "muster/model.h"

static uint64_t next(uint64_t *s) /* splitmix64 */
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
static size_t pick(uint64_t *s, size_t n) { return (size_t)(next(s) % n); }
#define PICK(s, arr) (arr)[pick(s, sizeof(arr) / sizeof *(arr))]

static const char *const role_keys[] = {"pm", "marketing", "ops", "logistics", "bd", "cs", "host", "design"};
static const char *const role_names[] = {"Project controller", "Marketing & sales", "Operations",
					 "Logistics", "Business development", "客服 Customer service",
					 "Host / rhythm", "Design & vidéo"};
#define NROLES (sizeof role_keys / sizeof *role_keys)
static const char *const phase_keys[] = {"plan", "prep", "warmup", "launch", "climax", "wrapup", "review"};
static const char *const phase_names[] = {"Planning", "Preparation", "Warm-up", "Launch",
					  "Climax", "Wrap-up", "Review"};
/* Share of the event's span (in days from its first day) where each phase starts. */
static const int phase_from[] = {0, 25, 45, 60, 66, 82, 92}, phase_to[] = {24, 44, 59, 65, 81, 91, 100};
#define NPHASES (sizeof phase_keys / sizeof *phase_keys)

static const char *const logins[] = {"alice", "bob", "eve", "kim", "dan", "li.wei", "zhang.min",
				     "chen.jing", "jose", "amelie", "bjorn", "noor", "sato", "park",
				     "olga", "ines", "wang.fang", "liu.yang", "marta", "yusuf",
				     "claire", "tomas", "hana", "raj"};
static const char *const names[] = {"Alice Chen", "Bob Li", "Eve Wang", "Kim Zhou", "Dan Xu", "李伟",
				    "张敏", "陈静", "José Núñez", "Amélie Lefèvre", "Björn Åström",
				    "Noor Haddad", "佐藤 健", "박지민", "Olga Dvořák", "Inês Gonçalves",
				    "王芳", "刘洋", "Marta Søndergaard", "Yusuf Çelik", "Claire Dubois",
				    "Tomáš Novák", "Hana Kimura", "Raj Patel"};
#define NPEOPLE (sizeof logins / sizeof *logins)

static const char *const en_verb[] = {"Print", "Design", "Review", "Confirm", "Book", "Test",
				      "Write", "Schedule", "Order", "Check", "Brief", "Prepare"};
static const char *const en_obj[] = {"A2 posters", "staff QR posters", "landing page", "host script",
				     "gift vases", "group welcome message", "FAQ answers", "live stream rig",
				     "coupon pop-up", "partner deck", "flyers", "booth layout",
				     "invite-a-friend flow", "ad creatives", "venue contract"};
static const char *const zh[] = {"制作中秋海报", "直播脚本定稿", "社群预热话术", "礼品采购比价",
				 "门店布置验收", "渠道投放排期", "客服话术培训", "数据日报复盘",
				 "裂变落地页测试", "合作方资源对接", "物料清点入库", "邀约电话回访"};
static const char *const fr[] = {"Préparer la vitrine", "Café de bienvenue", "Señalética del local",
				 "Überprüfung der Kasse", "Décoration de l'entrée", "Reunión con proveedores",
				 "Générique vidéo", "Répétition générale", "Fiche d'accueil", "Cadeaux clients fidèles"};
static const char *const places[] = {"Tianhe store", "Xinyi mall", "天河店", "旗舰店", "Lyon Part-Dieu",
				     "Zürich HB", "online", "WeChat group", "Málaga centro"};
static const char *const item_names[] = {"A2 posters", "Staff QR posters", "Flyers", "Nordic vases",
					 "Roll-up banners", "手提袋", "红包封面", "Tote bags", "Name badges",
					 "Porte-clés gravés", "Sample kits", "桌卡", "Gift boxes", "Stickers"};
static const char *const units[] = {"pcs", "sets", "boxes", "个", "套", ""};

/* Unique titles (plans name dependencies by title). */
static void fmt_title(uint64_t *s, size_t n, char *buf, size_t len)
{
	switch (pick(s, 10)) {
	case 0: case 1: case 2:
		snprintf(buf, len, "%s %s 第%zu批", PICK(s, zh), PICK(s, places), n + 1);
		break;
	case 3: case 4:
		snprintf(buf, len, "%s — %s, lot %zu", PICK(s, fr), PICK(s, places), n + 1);
		break;
	default:
		snprintf(buf, len, "%s %s for %s (batch %zu)", PICK(s, en_verb), PICK(s, en_obj),
			 PICK(s, places), n + 1);
	}
}

static char *dup(struct plan *p, const char *s) { return pool_strdup(&p->pool, s); }

static void day_text(int32_t day, char out[11]) { date_format(day, out); }

static void gen_people(struct plan *p)
{
	p->nroles = NROLES;
	p->roles = xcalloc(NROLES, sizeof *p->roles);
	for (size_t i = 0; i < NROLES; i++)
		p->roles[i] = (struct plan_role){dup(p, role_keys[i]), dup(p, role_names[i])};
	p->npeople = NPEOPLE;
	p->people = xcalloc(NPEOPLE, sizeof *p->people);
	for (size_t i = 0; i < NPEOPLE; i++) {
		struct plan_person *pp = &p->people[i];
		pp->login = dup(p, logins[i]);
		pp->name = dup(p, names[i]);
		pp->access = dup(p, i == 0 ? "coordinator" : i % 11 == 10 ? "viewer" : "staff");
		pp->nroles = i % 5 == 3 ? 2 : 1;
		pp->roles = xcalloc(pp->nroles, sizeof *pp->roles);
		for (size_t r = 0; r < pp->nroles; r++)
			pp->roles[r] = dup(p, role_keys[(i + r * 3) % NROLES]);
	}
}

static void gen_tasks(struct plan *p, uint64_t *s, size_t n, int32_t first, int32_t span, int32_t today)
{
	p->ntasks = n;
	p->tasks = n ? xcalloc(n, sizeof *p->tasks) : NULL;
	char buf[256];
	for (size_t i = 0; i < n; i++) {
		struct plan_task *t = &p->tasks[i];
		size_t ph = (size_t)((uint64_t)i * NPHASES / (n ? n : 1)); /* phases in order, like a plan */
		int32_t from = first + span * phase_from[ph] / 100, to = first + span * phase_to[ph] / 100;
		int32_t due = from + (int32_t)pick(s, (size_t)(to - from + 1));
		size_t role = pick(s, NROLES);
		fmt_title(s, i, buf, sizeof buf);
		t->title = dup(p, buf);
		t->phase = p->phases[ph].key;
		t->role = p->roles[role].key;
		/* Owners are people of the role most of the time; some unassigned. */
		size_t who = pick(s, 20);
		t->owner = who == 0 ? NULL : p->people[(role + NROLES * (who % 3)) % NPEOPLE].login;
		if (pick(s, 5) == 0) {
			snprintf(buf, sizeof buf, "See %s; budget line %zu. 备注：与%s确认。", PICK(s, en_obj),
				 pick(s, 40) + 1, PICK(s, places));
			t->notes = dup(p, buf);
		}
		unsigned r = (unsigned)pick(s, 100);
		const char *st = due < today ? (r < 85 ? "done" : r < 90 ? "blocked" : r < 95 ? "doing" : NULL)
					     : (r < 10 ? "doing" : r < 13 ? "blocked" : r < 15 ? "done" : NULL);
		t->status = st ? dup(p, st) : NULL;
		if (pick(s, 25))
			day_text(due, t->due);
		/* A third depend on one or two of the tasks just before them. */
		if (i > 2 && pick(s, 3) == 0) {
			t->ndeps = 1 + pick(s, 2);
			t->deps = xmalloc(t->ndeps * sizeof *t->deps);
			t->deps[0] = i - 1 - pick(s, i < 40 ? i - 1 : 40);
			if (t->ndeps == 2) {
				t->deps[1] = i - 1 - pick(s, i < 40 ? i - 1 : 40);
				if (t->deps[1] == t->deps[0])
					t->ndeps = 1;
			}
		}
	}
}

static void gen_items(struct plan *p, uint64_t *s, size_t n, int32_t first, int32_t span, int32_t today)
{
	size_t per = 25, nlists = n ? (n + per - 1) / per : 0;
	char buf[160];
	p->nchecklists = nlists;
	p->checklists = nlists ? xcalloc(nlists, sizeof *p->checklists) : NULL;
	for (size_t l = 0; l < nlists; l++) {
		struct plan_checklist *cl = &p->checklists[l];
		static const char *const lists[] = {"Print & promo", "物料清单", "Gifts", "Décor", "Venue kit"};
		snprintf(buf, sizeof buf, "%s %zu", lists[l % 5], l / 5 + 1);
		cl->name = dup(p, buf);
		cl->role = p->roles[(l * 3 + 1) % NROLES].key;
		cl->nitems = l + 1 < nlists ? per : n - per * l;
		cl->items = xcalloc(cl->nitems, sizeof *cl->items);
		for (size_t j = 0; j < cl->nitems; j++) {
			struct plan_item *it = &cl->items[j];
			snprintf(buf, sizeof buf, "%s #%zu", PICK(s, item_names), l * per + j + 1);
			it->title = dup(p, buf);
			it->unit = dup(p, PICK(s, units));
			static const int64_t qtys[] = {1, 5, 20, 30, 50, 200, 2000};
			it->qty = PICK(s, qtys);
			int32_t due = first + (int32_t)pick(s, (size_t)span * 3 / 4 + 1);
			day_text(due, it->due);
			it->ready = due < today ? it->qty * (int64_t)pick(s, 11) / 10 : it->qty * (int64_t)pick(s, 4) / 10;
			it->done = it->ready >= it->qty;
		}
	}
}

static void gen_metrics(struct plan *p, uint64_t *s, double progress)
{
	static const char *const stages[] = {"Exposure", "Acquisition", "Activation", "Retention", "Revenue"};
	static const double rates[] = {0.03, 0.15, 0.40, 0.70, NAN};
	static const char *const lines[] = {"Ads", "Gifts", "Print", "Venue"};
	double target = 833000;
	p->nstages = 5;
	p->stages = xcalloc(5, sizeof *p->stages);
	for (size_t i = 0; i < 5; i++) {
		double act = round(target * progress * (0.6 + 0.8 * (double)pick(s, 1000) / 1000));
		p->stages[i] = (struct plan_stage){dup(p, stages[i]), target, rates[i], act};
		if (!isnan(rates[i]))
			target = ceil(target * rates[i]);
	}
	p->nbudget = 4;
	p->budget_lines = xcalloc(4, sizeof *p->budget_lines);
	static const double planned[] = {41700, 2300, 1000, 6000};
	for (size_t i = 0; i < 4; i++)
		p->budget_lines[i] = (struct plan_budget){dup(p, lines[i]), planned[i],
							  round(planned[i] * progress * (double)pick(s, 1200) / 1000)};
}

void gen_plan(const struct gen_opts *o, size_t index, struct plan *p)
{
	memset(p, 0, sizeof *p);
	size_t ne = o->events ? o->events : 1;
	uint64_t s = o->seed * 0x100000001b3ull + index + 1;
	/* Event index 0 is the latest and in progress; older ones are done. */
	int32_t span = 120, first = o->today - 75 - (int32_t)(index * 140);
	char buf[200];
	static const char *const kinds[] = {"promotion", "user", "brand"};
	static const char *const ev[] = {"Mid-Autumn Package Promo", "中秋礼盒推广", "Fête des lumières",
					 "Spring Community Campaign", "双十一大促", "Store Opening Málaga"};
	snprintf(buf, sizeof buf, "%s %zu", ev[index % 6], ne - index);
	p->name = dup(p, buf);
	p->kind = dup(p, kinds[index % 3]);
	p->objective = dup(p, "Bring lapsed regulars back; 150k GMV · 召回老客");
	p->currency = dup(p, "CNY");
	day_text(first + span * phase_from[4] / 100, p->start);
	day_text(first + span * phase_to[4] / 100, p->end);
	p->budget = 51000;
	p->unit_price = 150;
	p->ctr = 0.03;
	p->cpm = 50;
	gen_people(p);
	p->nphases = NPHASES;
	p->phases = xcalloc(NPHASES, sizeof *p->phases);
	for (size_t i = 0; i < NPHASES; i++) {
		p->phases[i].key = dup(p, phase_keys[i]);
		p->phases[i].name = dup(p, phase_names[i]);
		day_text(first + span * phase_from[i] / 100, p->phases[i].start);
		day_text(first + span * phase_to[i] / 100, p->phases[i].end);
	}
	size_t nt = o->tasks / ne + (index < o->tasks % ne), ni = o->items / ne + (index < o->items % ne);
	gen_tasks(p, &s, nt, first, span, o->today);
	gen_items(p, &s, ni, first, span, o->today);
	double progress = (double)(o->today - first) / span;
	gen_metrics(p, &s, progress > 1 ? 1 : progress < 0 ? 0 : progress);
}

int gen_samples(struct board *b, int64_t event, size_t per_metric, uint64_t seed)
{
	static const char *sql_metrics = "SELECT id, actual FROM metric WHERE event_id = ?1 ORDER BY id";
	static const char *sql_sample = "INSERT INTO sample(metric_id, at, value, actor) VALUES (?1, ?2, ?3, ?4)";
	if (!per_metric)
		return MU_OK;
	int rc = model_allow_board(b, "generate boards");
	if (rc || (rc = db_begin(b)))
		return rc;
	struct { int64_t id; double actual; } m[64];
	size_t nm = 0;
	sqlite3_stmt *st = db_stmt(b, sql_metrics);
	sqlite3_bind_int64(st, 1, event);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && nm < 64) {
		m[nm].id = sqlite3_column_int64(st, 0);
		m[nm++].actual = sqlite3_column_double(st, 1);
	}
	sqlite3_reset(st);
	uint64_t s = seed ^ (uint64_t)event;
	time_t now = time(NULL);
	for (size_t i = 0; !rc && i < nm; i++) {
		double v = 0;
		for (size_t k = 0; !rc && k < per_metric; k++) {
			/* Rising steps to the actual, one reading an hour up to now. */
			double left = m[i].actual - v;
			v += left * (double)(1 + pick(&s, 100)) / 100 * 2 / (double)(per_metric - k + 1);
			if (k + 1 == per_metric)
				v = m[i].actual;
			time_t at = now - (time_t)(per_metric - k) * 3600;
			struct tm tm;
			char ts[32];
			gmtime_r(&at, &tm);
			strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
			st = db_stmt(b, sql_sample);
			sqlite3_bind_int64(st, 1, m[i].id);
			db_bind_text(st, 2, ts);
			sqlite3_bind_double(st, 3, round(v));
			sqlite3_bind_text(st, 4, logins[pick(&s, NPEOPLE)], -1, SQLITE_STATIC);
			rc = db_exec_stmt(b, st);
		}
	}
	if (!rc) {
		char note[64];
		snprintf(note, sizeof note, "{\"samples\":%zu}", per_metric * nm);
		rc = db_audit(b, event, "metric", 0, "generate", NULL, note);
	}
	if (!rc)
		rc = db_commit(b);
	else
		db_rollback(b);
	return rc;
}
