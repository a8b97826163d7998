/* The materials pane: one checklist at a time (r/R cycle lists), items with
 * ready/needed quantities; space ticks or unticks, +/- raise or lower the
 * ready quantity by one.  Loads only the visible rows (item_query). */
#include "tui.h"
#include "muster/merge.h"
#include "muster/history.h"
#include <stdio.h>
#include <string.h>

/* The pane's own state (struct pane's priv, allocated by the app). */
struct items_state {
	size_t list; /* index into a->lists */
	struct item_list rows;
	struct find_miss miss;
};

static const struct checklist *cur_list(struct app *a, struct pane *p)
{
	const struct items_state *st = p->priv;
	return st->list < a->lists.n ? &a->lists.v[st->list] : NULL;
}

static void items_open(struct app *a, struct pane *p)
{
	struct items_state *st = p->priv;
	st->list = 0;
	/* Start on a list of one of the actor's roles, if any. */
	for (size_t i = 0; i < a->people.n; i++) {
		const struct person *pe = &a->people.v[i];
		if (strcmp(pe->login, board_actor(a->b)) || !pe->roles)
			continue;
		for (size_t l = a->lists.n; l-- > 0;) {
			const char *k = a->lists.v[l].role_key;
			size_t n = k ? strlen(k) : 0;
			const char *r = pe->roles;
			while (n && (r = strstr(r, k))) {
				if ((r == pe->roles || r[-1] == ',') && (r[n] == ',' || !r[n]))
					st->list = l;
				r += n;
			}
		}
	}
}

static uint32_t row_hash(const struct item *it)
{
	uint32_t h = hash_int(hash_int(2166136261u, it->qty), it->qty_ready);
	return hash_str(hash_str(hash_int(h, it->done), it->title), it->due);
}

static void items_load(struct app *a, struct pane *p)
{
	struct items_state *st = p->priv;
	const struct checklist *c = cur_list(a, p);
	item_list_free(&st->rows);
	p->total = c ? c->items : 0;
	list_clamp(p);
	if (!c)
		return;
	if (item_query(a->b, a->event_id, c->id, (size_t)p->in.h, (size_t)p->top, &st->rows) != MU_OK) {
		app_fail(a, "materials");
		return;
	}
	int64_t ids[ROWSIG_MAX];
	struct rowsig sig[ROWSIG_MAX];
	int n = st->rows.n < ROWSIG_MAX ? (int)st->rows.n : ROWSIG_MAX;
	for (int i = 0; i < n; i++) {
		ids[i] = st->rows.v[i].id;
		sig[i] = (struct rowsig){ids[i], row_hash(&st->rows.v[i])};
	}
	list_follow(p, ids, n);
	list_signature(a, p, sig, n);
}

static void items_title(struct app *a, struct pane *p, struct strbuf *out)
{
	const struct checklist *c = cur_list(a, p);
	if (c)
		sb_addf(out, "%s %lld/%lld", c->name, (long long)c->items_done, (long long)c->items);
}

static void items_draw(struct app *a, struct pane *p)
{
	struct items_state *st = p->priv;
	int w = p->in.w;
	if (!cur_list(a, p)) {
		ui_text(p->in.y, p->in.x, w, "No checklists in this event", UI_DIM, false);
		return;
	}
	if (!st->rows.n) {
		ui_text(p->in.y, p->in.x, w, "Empty list (a: add an item)", UI_DIM, false);
		return;
	}
	int qw = 0, uw = 0;
	char q[64];
	for (size_t i = 0; i < st->rows.n; i++) {
		int n = snprintf(q, sizeof q, "%lld/%lld", (long long)st->rows.v[i].qty_ready,
				 (long long)st->rows.v[i].qty);
		int u = utf8_width(st->rows.v[i].unit ? st->rows.v[i].unit : "");
		qw = n > qw ? n : qw;
		uw = u > uw ? u : uw;
	}
	if (uw > 6)
		uw = 6;
	int dw = w >= 50 ? 6 : 0;
	int tw = w - 4 - (qw + 1) - (uw ? uw + 1 : 0) - (dw ? dw + 1 : 0);
	if (tw < 6) { /* narrow: no unit */
		tw += uw ? uw + 1 : 0;
		uw = 0;
	}
	for (size_t i = 0; i < st->rows.n && (int)i < p->in.h; i++) {
		const struct item *it = &st->rows.v[i];
		int64_t row = p->top + (int64_t)i;
		int y = p->in.y + (int)i, x = p->in.x;
		if (row == p->cur)
			p->sel_id = it->id;
		int32_t due = date_day_of(it->due);
		bool overdue = due != DATE_NONE && due < a->today && !it->done;
		enum ui_role base = it->done ? UI_DONE : UI_NORMAL;
		enum ui_role r = list_role(a, p, row, it->id, base);
		bool plain = r == base;
		ui_fill(y, x, w, r);
		x += ui_text(y, x, 3, it->done ? "[x]" : "[ ]", plain && overdue ? UI_OVERDUE : r, false) + 1;
		x += ui_text(y, x, tw, it->title, r, true) + 1;
		snprintf(q, sizeof q, "%lld/%lld", (long long)it->qty_ready, (long long)it->qty);
		bool part = !it->done && it->qty_ready > 0;
		x += ui_text_right(y, x, qw, q, plain && part ? UI_DOING : r) + 1;
		if (uw)
			x += ui_text(y, x, uw, it->unit, plain ? UI_DIM : r, true) + 1;
		if (dw) {
			char d[8];
			fmt_day(d, it->due);
			ui_text_right(y, x, dw, d, plain && overdue ? UI_OVERDUE : r);
		}
	}
}

/* An edit saved field by field (see the tasks pane): a tick someone made
 * meanwhile stays unless the user changed Ready too. */
static unsigned save_edit(struct app *a, int64_t id, const struct item_fields *opened, struct item_fields mine)
{
	struct item_fields base = *opened;
	struct merge m[4] = {{.n = 0}};
	int rc = MU_OK;
	bool cancelled = false;
	for (int round = 0; round < 4; round++) {
		rc = item_edit_merge(a->b, id, &base, &mine, &m[round]);
		if (rc != MU_CONFLICT)
			break;
		char what[32];
		snprintf(what, sizeof what, "item #%lld", (long long)id);
		if (!ask_merge(a, what, &m[round])) {
			cancelled = true;
			break;
		}
		item_merge_apply(&base, &mine, &m[round]);
	}
	unsigned d = DIRTY_ALL;
	if (cancelled) {
		app_reload(a);
		app_status(a, false, "item #%lld: your edit was not saved", (long long)id);
	} else {
		d = app_changed(a, rc, "edit");
	}
	for (int i = 0; i < 4; i++)
		merge_free(&m[i]);
	return d;
}

static int64_t int_of(const struct form_field *f)
{
	double v = 0;
	parse_number(f->text ? f->text : "", &v);
	return (int64_t)v;
}

static unsigned form(struct app *a, struct pane *p, const struct item *it)
{
	struct form_field f[] = {
		{.label = "Item", .kind = FIELD_TEXT, .required = true},
		{.label = "Needed", .kind = FIELD_INT},
		{.label = "Ready", .kind = FIELD_INT},
		{.label = "Unit", .kind = FIELD_TEXT, .max = BOARD_NAME_MAX},
		{.label = "Due", .kind = FIELD_DATE},
	};
	const struct checklist *c = cur_list(a, p);
	if (!c) {
		app_status(a, true, "no checklist to add to");
		return DIRTY_HINT;
	}
	if (!it && !access_may_coordinate(a->b, a->event_id))
		return app_denied(a, "only coordinators add items");
	if (it && !access_may_item(a->b, it->id, OP_EDIT))
		return app_denied(a, "only coordinators edit items (= sets the ready quantity)");
	struct pool pool = {0};
	struct item_fields opened = {.qty = -1};
	struct item now;
	int64_t id = it ? it->id : 0, list = c->id;
	if (it && item_get(a->b, id, &now, &pool) != MU_OK) { /* as it is now */
		pool_free(&pool);
		return app_fail(a, "edit");
	}
	if (it) {
		it = &now;
		opened = (struct item_fields){.title = pool_strdup(&pool, it->title),
					      .unit = pool_strdup(&pool, it->unit ? it->unit : ""),
					      .due = pool_strdup(&pool, it->due), .qty = it->qty,
					      .ready = it->qty_ready, .ready_set = true};
		form_set(&f[0], "%s", opened.title);
		form_set(&f[1], "%lld", (long long)it->qty);
		form_set(&f[2], "%lld", (long long)it->qty_ready);
		form_set(&f[3], "%s", opened.unit);
		form_set(&f[4], "%s", opened.due);
	} else {
		form_set(&f[1], "1");
		f[2].kind = FIELD_INFO; /* a new item has none ready */
		form_set(&f[2], "0");
	}
	char ttl[160], name[100];
	snprintf(ttl, sizeof ttl, it ? "Edit item · %s" : "New item · %s", text_cut(name, sizeof name, c->name, 24));
	unsigned d = DIRTY_ALL;
	if (!form_run(a, ttl, f, 5)) {
		/* cancelled */
	} else if (it) {
		struct item_fields mine = {
			.title = f[0].changed ? f[0].text : NULL, .unit = f[3].changed ? f[3].text : NULL,
			.due = f[4].changed ? f[4].text : NULL, .qty = f[1].changed ? int_of(&f[1]) : -1,
			.ready = int_of(&f[2]), .ready_set = f[2].changed,
		};
		d = save_edit(a, id, &opened, mine);
	} else {
		struct item_fields fl = {.title = f[0].text, .unit = f[3].text, .due = f[4].text, .qty = int_of(&f[1])};
		int64_t nid = 0;
		d = app_changed(a, item_add(a->b, list, &fl, &nid), "add");
		if (nid) {
			p->sel_id = nid;
			p->cur = p->total;
			p->top = p->total - p->in.h + 1;
		}
	}
	form_free(f, 5);
	pool_free(&pool);
	return d;
}

/* =: the ready quantity typed in ("500 of 2000 flyers ready"). */
static unsigned set_ready(struct app *a, const struct item *it)
{
	if (!access_may_item(a->b, it->id, OP_TICK))
		return app_denied(a, "you may not tick this item");
	char label[48], ttl[160], name[100];
	snprintf(label, sizeof label, "Ready (of %lld)", (long long)it->qty);
	struct form_field f = {.label = label, .kind = FIELD_INT, .required = true};
	form_set(&f, "%lld", (long long)it->qty_ready);
	snprintf(ttl, sizeof ttl, "Ready · %s", text_cut(name, sizeof name, it->title, 40));
	int64_t id = it->id;
	unsigned d = DIRTY_ALL;
	if (form_run(a, ttl, &f, 1) && f.changed)
		d = app_changed(a, item_set_ready(a->b, id, int_of(&f)), "set ready");
	form_free(&f, 1);
	return d;
}

static unsigned items_handle(struct app *a, struct pane *p, enum action act)
{
	struct items_state *st = p->priv;
	int64_t k = p->cur - p->top;
	const struct item *it = k >= 0 && (size_t)k < st->rows.n ? &st->rows.v[k] : NULL;
	switch (act) {
	case ACT_CYCLE:
	case ACT_CYCLE_BACK:
		if (!a->lists.n)
			return 0;
		st->list = (st->list + (act == ACT_CYCLE ? 1 : a->lists.n - 1)) % a->lists.n;
		p->top = p->cur = p->sel_id = 0;
		p->nsig = 0;
		p->need_load = true;
		return DIRTY_PANE(p->id);
	case ACT_ADD: return form(a, p, NULL);
	case ACT_TICK:
	case ACT_RAISE:
	case ACT_LOWER:
	case ACT_SET_READY:
	case ACT_EDIT:
	case ACT_DELETE:
		if (!it)
			return 0;
		break;
	default: return UNHANDLED;
	}
	switch (act) {
	case ACT_TICK:
		return app_changed(a, it->done ? item_untick(a->b, it->id, 0) : item_tick(a->b, it->id, 0), "tick");
	case ACT_RAISE:
		if (it->qty_ready >= it->qty) {
			app_status(a, false, "all %lld ready", (long long)it->qty);
			return DIRTY_HINT;
		}
		return app_changed(a, item_tick(a->b, it->id, 1), "tick");
	case ACT_LOWER:
		if (it->qty_ready <= 0)
			return 0;
		return app_changed(a, item_untick(a->b, it->id, 1), "untick");
	case ACT_EDIT: return form(a, p, it);
	case ACT_SET_READY: return set_ready(a, it);
	default: {
		char q[300], t[200];
		if (!access_may_item(a->b, it->id, OP_REMOVE))
			return app_denied(a, "only coordinators delete items");
		snprintf(q, sizeof q, "Delete item \"%s\"? y/N", text_cut(t, sizeof t, it->title, 40));
		if (!ui_confirm(a, q))
			return DIRTY_HINT;
		return app_changed(a, item_remove(a->b, it->id), "delete");
	}
	}
}

static unsigned items_click(struct app *a, struct pane *p, int row, int col)
{
	return col < 3 ? items_handle(a, p, ACT_TICK) : 0;
}

/* One query from the cursor on (item_find_text), not a scan in chunks. */
static int64_t items_find(struct app *a, struct pane *p, const char *pat, int64_t from, int dir)
{
	struct items_state *st = p->priv;
	const struct checklist *c = cur_list(a, p);
	if (!c || p->total <= 0)
		return -1;
	uint32_t scope = hash_int(2166136261u, c->id);
	if (list_find_missed(a, &st->miss, pat, scope))
		return -1;
	int64_t i = from - p->top, after = i >= 0 && (size_t)i < st->rows.n ? st->rows.v[i].id : 0, id = 0, row = -1;
	int rc = item_find_text(a->b, c->id, pat, after, dir, &id, &row);
	return list_found(a, &st->miss, pat, scope, rc, row);
}

static void items_fini(struct pane *p)
{
	struct items_state *st = p->priv;
	item_list_free(&st->rows);
}

const struct pane_ops pane_items_ops = {
	.name = "Materials",
	.private_size = sizeof(struct items_state),
	.keymap = GROUP_ITEMS,
	.open = items_open,
	.title = items_title,
	.load = items_load,
	.draw = items_draw,
	.handle = items_handle,
	.click = items_click,
	.find = items_find,
	.fini = items_fini,
};
