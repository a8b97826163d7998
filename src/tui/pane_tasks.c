/* The tasks pane: one role at a time (r/R cycle, then "All"), a "mine"
 * filter, status marks [ ] [~] [!] [x] and [<] (waits on an open
 * dependency), overdue highlighting; it loads only the rows it shows
 * (task_count, then task_query by offset from the nearer end or by keyset
 * from the window before: read_window) and searches in SQL (task_find).
 * Its add / edit form is src/tui/task_form.c. */
#include "tui.h"
#include <stdio.h>
#include <string.h>

/* The pane's own state (struct pane's priv, allocated by the app). */
struct tasks_state {
	int role; /* index into a->roles, -1 = every role */
	bool mine;
	struct task_list rows;
	int64_t done;
	bool waits[ROWSIG_MAX]; /* rows[i] waits for a dependency not done */
	/* What rows holds: its first row's index, and the query and change
	 * counter it was read with (a window next to it is read by keyset). */
	int64_t top, counter, qevent, qrole;
	bool qmine;
	struct find_miss miss;
	struct task_key key; /* the keyset a window is read after (read_window) */
};

static const char *const marks[TASK_STATUS_N] = {"[ ]", "[~]", "[!]", "[x]"};
static const enum ui_role status_role[TASK_STATUS_N] = {UI_TODO, UI_DOING, UI_BLOCKED, UI_DONE};

static struct task_query query(struct app *a, const struct tasks_state *st)
{
	struct task_query q = TASK_QUERY_INIT;
	q.event_id = a->event_id;
	if (st->role >= 0 && (size_t)st->role < a->roles.n)
		q.role_id = a->roles.v[st->role].id;
	if (st->mine)
		q.owner = board_actor(a->b);
	return q;
}

static void tasks_open(struct app *a, struct pane *p)
{
	struct tasks_state *st = p->priv;
	st->role = -1;
	st->mine = false;
	/* Start on the actor's own role. */
	for (size_t i = 0; i < a->people.n; i++) {
		const struct person *pe = &a->people.v[i];
		if (strcmp(pe->login, board_actor(a->b)) || !pe->roles || !*pe->roles)
			continue;
		size_t n = strcspn(pe->roles, ",");
		for (size_t r = 0; r < a->roles.n; r++)
			if (strlen(a->roles.v[r].key) == n && !strncmp(a->roles.v[r].key, pe->roles, n))
				st->role = (int)r;
	}
}

/* Sets q's window to the rows [top, top + h) by the cheapest way there:
 * OFFSET from the start or, reversed, from the end (G at 100k rows is as
 * cheap as g), or by keyset from a row of the window loaded before (PgDn,
 * j past the bottom) when nothing changed since it was read.  After a change
 * the window is read by row number again: the cursor follows its record by
 * id (list_follow), and the row numbers stay exact. */
static void read_window(struct app *a, struct pane *p, struct task_query *q, const struct task_list *old)
{
	struct tasks_state *st = p->priv;
	int64_t top = p->top, end = top + p->in.h, total = p->total, n = (int64_t)old->n;
	if (end > total)
		end = total;
	if (end < top)
		end = top;
	q->limit = (size_t)(end - top > 0 ? end - top : 1);
	int64_t best = top; /* rows skipped: OFFSET from the start */
	q->offset = (size_t)top;
	if (total - end < best) {
		best = total - end;
		q->reverse = true;
		q->offset = (size_t)best;
	}
	if (!n || st->counter != a->change_counter || st->qevent != q->event_id || st->qrole != q->role_id ||
	    st->qmine != (q->owner != NULL))
		return;
	if (top > st->top) { /* forwards, after the old row just above top (or its last) */
		int64_t j = top - st->top - 1 < n - 1 ? top - st->top - 1 : n - 1, skip = top - (st->top + j + 1);
		if (skip < best) {
			best = skip;
			st->key = (struct task_key){old->v[j].position, old->v[j].id};
			q->key = &st->key;
			q->reverse = false;
			q->offset = (size_t)skip;
		}
	}
	if (end - st->top < n) { /* backwards, before the old row just below end (or its first) */
		int64_t j = end - st->top > 0 ? end - st->top : 0, skip = st->top + j - end;
		if (skip < best) {
			st->key = (struct task_key){old->v[j].position, old->v[j].id};
			q->key = &st->key;
			q->reverse = true;
			q->offset = (size_t)skip;
		}
	}
}

static void tasks_load(struct app *a, struct pane *p)
{
	struct tasks_state *st = p->priv;
	struct task_query q = query(a, st);
	int64_t total = 0;
	if (task_count(a->b, &q, &total, &st->done) != MU_OK) {
		app_fail(a, "tasks");
		return;
	}
	p->total = total;
	list_clamp(p);
	struct task_list old = st->rows;
	memset(&st->rows, 0, sizeof st->rows);
	read_window(a, p, &q, &old);
	task_list_free(&old);
	if (task_query(a->b, &q, &st->rows) != MU_OK) {
		app_fail(a, "tasks");
		return;
	}
	st->top = p->top;
	st->counter = a->change_counter;
	st->qevent = q.event_id;
	st->qrole = q.role_id;
	st->qmine = q.owner != NULL;
	int64_t ids[ROWSIG_MAX];
	struct rowsig sig[ROWSIG_MAX];
	int n = st->rows.n < ROWSIG_MAX ? (int)st->rows.n : ROWSIG_MAX;
	for (int i = 0; i < n; i++) {
		const struct task *t = &st->rows.v[i];
		uint32_t h = hash_int(2166136261u, t->status);
		h = hash_str(hash_str(hash_str(h, t->title), t->owner), t->due);
		h = hash_str(hash_int(h, t->phase_id), t->notes);
		ids[i] = t->id;
		sig[i] = (struct rowsig){t->id, h};
	}
	for (int i = 0; i < n; i++)
		st->waits[i] = st->rows.v[i].status != TASK_DONE && st->rows.v[i].open_deps > 0;
	list_follow(p, ids, n);
	list_signature(a, p, sig, n);
}

static void tasks_title(struct app *a, struct pane *p, struct strbuf *out)
{
	struct tasks_state *st = p->priv;
	if (st->role >= 0 && (size_t)st->role < a->roles.n)
		sb_add(out, a->roles.v[st->role].name);
	else
		sb_add(out, "All");
	if (st->mine)
		sb_add(out, " · mine");
	sb_addf(out, " %lld/%lld", (long long)st->done, (long long)p->total);
}

static void tasks_draw(struct app *a, struct pane *p)
{
	struct tasks_state *st = p->priv;
	int w = p->in.w;
	if (!st->rows.n) {
		ui_text(p->in.y, p->in.x, w, st->mine ? "No tasks of yours here (m: everyone's)" : "No tasks here (a: add one)",
			UI_DIM, false);
		return;
	}
	int64_t maxid = 0;
	for (size_t i = 0; i < st->rows.n; i++)
		if (st->rows.v[i].id > maxid)
			maxid = st->rows.v[i].id;
	char buf[32];
	int idw = snprintf(buf, sizeof buf, "#%lld", (long long)maxid);
	int ow = 1, dw = 6;
	for (size_t i = 0; i < st->rows.n; i++) {
		int n = utf8_width(st->rows.v[i].owner ? st->rows.v[i].owner : "");
		ow = n > ow ? n : ow;
	}
	if (ow > (w >= 60 ? 8 : 5))
		ow = w >= 60 ? 8 : 5;
	int rolew = st->role < 0 && w >= 70 ? 10 : 0, phw = w >= 90 ? 10 : 0;
	int tw = w - 4 - idw - 1 - (ow + 1) - (dw + 1) - (rolew ? rolew + 1 : 0) - (phw ? phw + 1 : 0);
	if (tw < 8 && ow) { /* too narrow: no owner column */
		tw += ow + 1;
		ow = 0;
	}
	for (size_t i = 0; i < st->rows.n && (int)i < p->in.h; i++) {
		const struct task *t = &st->rows.v[i];
		int64_t row = p->top + (int64_t)i;
		int y = p->in.y + (int)i, x = p->in.x;
		if (row == p->cur)
			p->sel_id = t->id;
		int32_t due = date_day_of(t->due);
		bool overdue = due != DATE_NONE && due < a->today && t->status != TASK_DONE;
		enum ui_role base = t->status == TASK_DONE ? UI_DONE : UI_NORMAL;
		enum ui_role r = list_role(a, p, row, t->id, base);
		bool plain = r == base;
		ui_fill(y, x, w, r);
		bool waits = i < ROWSIG_MAX && st->waits[i];
		const char *mark = waits && t->status == TASK_TODO ? "[<]" : marks[t->status];
		x += ui_text(y, x, 3, mark, plain ? (overdue ? UI_OVERDUE : waits ? UI_BLOCKED : status_role[t->status]) : r,
			     false) + 1;
		snprintf(buf, sizeof buf, "#%lld", (long long)t->id);
		x += ui_text_right(y, x, idw, buf, plain ? UI_DIM : r) + 1;
		x += ui_text(y, x, tw, t->title, r, true) + 1;
		if (rolew)
			x += ui_text(y, x, rolew, t->role_key, plain ? UI_DIM : r, true) + 1;
		if (phw)
			x += ui_text(y, x, phw, t->phase_key, plain ? UI_DIM : r, true) + 1;
		if (ow)
			x += ui_text(y, x, ow, t->owner, r, true) + 1;
		char d[8];
		fmt_day(d, t->due);
		ui_text_right(y, x, dw, d, plain && overdue ? UI_OVERDUE : r);
	}
}

static const struct task *current(struct pane *p)
{
	struct tasks_state *st = p->priv;
	int64_t i = p->cur - p->top;
	return i >= 0 && (size_t)i < st->rows.n ? &st->rows.v[i] : NULL;
}

static unsigned set_status(struct app *a, const struct task *t, enum task_status s)
{
	return app_changed(a, task_set_status(a->b, t->id, s), "status");
}

static unsigned tasks_handle(struct app *a, struct pane *p, enum action act)
{
	struct tasks_state *st = p->priv;
	const struct task *t = current(p);
	static const enum task_status next[TASK_STATUS_N] = {TASK_DOING, TASK_DONE, TASK_DOING, TASK_TODO};
	switch (act) {
	case ACT_CYCLE:
	case ACT_CYCLE_BACK: {
		int n = (int)a->roles.n + 1, d = act == ACT_CYCLE ? 1 : n - 1;
		st->role = (st->role + 1 + d) % n - 1;
		p->top = p->cur = p->sel_id = 0;
		p->nsig = 0;
		p->need_load = true;
		return DIRTY_PANE(p->id);
	}
	case ACT_MINE:
		st->mine = !st->mine;
		p->top = p->cur = p->sel_id = 0;
		p->nsig = 0;
		p->need_load = true;
		return DIRTY_PANE(p->id);
	case ACT_ADD: return task_form(a, p, NULL, st->role, st->mine);
	default: break;
	}
	if (!t)
		return act == ACT_TICK || act == ACT_STATUS || act == ACT_EDIT || act == ACT_DELETE ? 0 : UNHANDLED;
	switch (act) {
	case ACT_TICK: return set_status(a, t, t->status == TASK_DONE ? TASK_TODO : TASK_DONE);
	case ACT_STATUS: return set_status(a, t, next[t->status]);
	case ACT_BLOCK: return set_status(a, t, t->status == TASK_BLOCKED ? TASK_TODO : TASK_BLOCKED);
	case ACT_EDIT: return task_form(a, p, t, st->role, st->mine);
	case ACT_DELETE: {
		char q[300], tt[200];
		if (!access_may_task(a->b, t->id, OP_REMOVE))
			return app_denied(a, "only coordinators delete tasks");
		snprintf(q, sizeof q, "Delete task #%lld \"%s\"? y/N", (long long)t->id,
			 text_cut(tt, sizeof tt, t->title, 40));
		if (!ui_confirm(a, q))
			return DIRTY_HINT;
		return app_changed(a, task_remove(a->b, t->id), "delete");
	}
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN: {
		int64_t id = t->id;
		int delta = act == ACT_MOVE_UP ? -1 : 1;
		unsigned d = app_changed(a, task_move(a->b, id, delta), "move");
		list_goto(a, p, p->cur + delta);
		p->sel_id = id;
		return d;
	}
	default: return UNHANDLED;
	}
}

static unsigned tasks_click(struct app *a, struct pane *p, int row, int col)
{
	return col < 3 ? tasks_handle(a, p, ACT_TICK) : 0;
}

/* One query from the cursor on (task_find: keyset on position, id), not a
 * scan of the list in chunks: at 100k tasks a search took ~70 ms. */
static int64_t tasks_find(struct app *a, struct pane *p, const char *pat, int64_t from, int dir)
{
	struct tasks_state *st = p->priv;
	if (p->total <= 0)
		return -1;
	struct task_query q = query(a, st);
	uint32_t scope = hash_int(hash_int(hash_int(2166136261u, q.event_id), q.role_id), q.owner != NULL);
	if (list_find_missed(a, &st->miss, pat, scope))
		return -1;
	int64_t i = from - p->top, after = i >= 0 && (size_t)i < st->rows.n ? st->rows.v[i].id : 0, id = 0, row = -1;
	int rc = task_find(a->b, &q, pat, after, dir, &id, &row);
	return list_found(a, &st->miss, pat, scope, rc, row);
}

static void tasks_fini(struct pane *p)
{
	struct tasks_state *st = p->priv;
	task_list_free(&st->rows);
}

const struct pane_ops pane_tasks_ops = {
	.name = "Tasks",
	.private_size = sizeof(struct tasks_state),
	.keymap = GROUP_TASKS,
	.open = tasks_open,
	.title = tasks_title,
	.load = tasks_load,
	.draw = tasks_draw,
	.handle = tasks_handle,
	.click = tasks_click,
	.find = tasks_find,
	.fini = tasks_fini,
};
