/* Keys and mouse → actions: the focused pane's keymap first, then the
 * generic one; the pane handles what it knows, the app the rest (focus,
 * zoom, moving, search, help, event switching, quit). */
#include "tui.h"
#include "muster/history.h"
#include <stdio.h>
#include <string.h>

static unsigned focus(struct app *a, int id)
{
	if (id == a->focus)
		return 0;
	a->dirty |= DIRTY_PANE(a->focus) | DIRTY_PANE(id) | DIRTY_HINT;
	a->focus = id;
	a->last_beat = 0; /* presence: the others see the pane we are on */
	if (a->zoom || a->W < 70)
		app_layout(a); /* the zoomed / bigger pane follows the focus */
	return 0;
}

static unsigned search(struct app *a, struct pane *p, int dir, bool ask)
{
	if (ask) {
		struct form_field f = {.label = "Search", .kind = FIELD_TEXT, .max = sizeof a->search - 1};
		form_set(&f, "%s", a->search);
		if (!form_run(a, "Search in this pane", &f, 1) || !f.text[0]) {
			form_free(&f, 1);
			return DIRTY_ALL;
		}
		snprintf(a->search, sizeof a->search, "%s", f.text); /* max: it fits whole */
		form_free(&f, 1);
	}
	if (!a->search[0]) {
		app_status(a, false, "nothing to search for yet: press /");
		return DIRTY_ALL;
	}
	int64_t r = p->ops->find ? p->ops->find(a, p, a->search, p->cur, dir) : -1;
	if (r < 0) {
		app_status(a, true, "not found: %s", a->search);
		return DIRTY_ALL;
	}
	if (r == p->cur)
		app_status(a, false, "only match: %s", a->search);
	list_goto(a, p, r);
	return DIRTY_ALL;
}

/* u: the actor's own last change in this event, if nobody changed that
 * record since (the model refuses with who did, and we show it). */
static unsigned undo(struct app *a)
{
	struct undo_result r;
	if (undo_last(a->b, a->event_id, &r) != MU_OK) {
		app_status(a, true, "undo: %s", mu_errmsg());
		return DIRTY_HINT;
	}
	app_reload(a);
	app_status(a, false, "undone: %s #%lld %s (%s)", r.entity, (long long)r.entity_id, r.action, r.what);
	return DIRTY_ALL;
}

static unsigned generic(struct app *a, struct pane *p, enum action act)
{
	switch (act) {
	case ACT_QUIT: a->quit = true; return 0;
	case ACT_HELP: help_show(a); return DIRTY_ALL;
	case ACT_NEXT_PANE: return focus(a, (a->focus + 1) % PANE_N);
	case ACT_PREV_PANE: return focus(a, (a->focus + PANE_N - 1) % PANE_N);
	case ACT_PANE_1: return focus(a, PANE_TIMELINE);
	case ACT_PANE_2: return focus(a, PANE_TASKS);
	case ACT_PANE_3: return focus(a, PANE_ITEMS);
	case ACT_PANE_4: return focus(a, PANE_METRICS);
	case ACT_ZOOM:
		a->zoom = !a->zoom;
		app_layout(a);
		return DIRTY_ALL;
	case ACT_EVENT: event_pick(a); return DIRTY_ALL;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		app_reload(a);
		return DIRTY_ALL | DIRTY_LAYOUT;
	case ACT_UNDO: return undo(a);
	case ACT_REVIEW: review_show(a); return DIRTY_ALL;
	case ACT_LOG: log_show(a); return DIRTY_ALL;
	case ACT_TRASH: trash_show(a); return DIRTY_ALL;
	case ACT_PEOPLE: people_show(a); return DIRTY_ALL;
	case ACT_SEARCH: return search(a, p, 1, true);
	case ACT_SEARCH_NEXT: return search(a, p, 1, false);
	case ACT_SEARCH_PREV: return search(a, p, -1, false);
	default: return list_move(a, p, act);
	}
}

void app_key(struct app *a, int key)
{
	struct pane *p = &a->pane[a->focus];
	enum action act = keymap_lookup(&a->keys, p->ops->keymap, key);
	if (act == ACT_NONE) {
		char name[32];
		if (key != 27 && key != KEYCODE_FN + KEY_MAX)
			app_status(a, false, "%s: no action here (? shows every key)",
				   key_label(key, name, sizeof name));
		return;
	}
	if (a->status[0]) { /* a key press dismisses the last message */
		a->status[0] = 0;
		a->dirty |= DIRTY_HINT;
	}
	unsigned d = UNHANDLED;
	if (a->event_id && p->ops->handle)
		d = p->ops->handle(a, p, act);
	if (d & UNHANDLED)
		d = generic(a, p, act);
	if (d & UNHANDLED) {
		d = 0;
		app_status(a, false, "%s: not in the %s pane", action_table[act].name, p->ops->name);
	}
	a->dirty |= d;
}

void app_mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || a->too_small)
		return;
	struct pane *p = app_pane_at(a, ev.y, ev.x);
	if (!p)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		list_scroll(a, p, ev.bstate & BUTTON4_PRESSED ? -3 : 3);
		a->dirty |= DIRTY_PANE(p->id);
		return;
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	focus(a, p->id);
	int row = ev.y - p->in.y, col = ev.x - p->in.x;
	if (row < 0 || row >= p->in.h || col < 0 || col >= p->in.w || !a->event_id)
		return;
	if (p->top + row < p->total) {
		p->cur = p->top + row;
		p->sel_id = 0;
	}
	a->dirty |= DIRTY_PANE(p->id);
	if (p->ops->click)
		a->dirty |= p->ops->click(a, p, row, col) & ~UNHANDLED;
}
