/* Every pane is a window onto a list: total rows, the first row shown, the
 * cursor and the id under it.  Moving the window asks for a reload of just
 * the visible rows; a live reload compares rows with the previous load so
 * that what others changed flashes for a moment. */
#include "tui.h"
#include <string.h>

#define FLASH_MS 1500

void list_clamp(struct pane *p)
{
	int64_t h = p->in.h > 0 ? p->in.h : 1;
	if (p->cur >= p->total)
		p->cur = p->total - 1;
	if (p->cur < 0)
		p->cur = 0;
	if (p->top > p->cur)
		p->top = p->cur;
	if (p->cur >= p->top + h)
		p->top = p->cur - h + 1;
	if (p->top > p->total - h)
		p->top = p->total - h;
	if (p->top < 0)
		p->top = 0;
}

static unsigned moved(struct pane *p, int64_t old_top)
{
	list_clamp(p);
	if (p->top != old_top)
		p->need_load = true;
	p->sel_id = 0; /* the pane sets it again when it draws the cursor row */
	return DIRTY_PANE(p->id);
}

unsigned list_move(struct app *a, struct pane *p, enum action act)
{
	int64_t old = p->top, h = p->in.h > 1 ? p->in.h - 1 : 1;
	switch (act) {
	case ACT_UP: p->cur--; break;
	case ACT_DOWN: p->cur++; break;
	case ACT_PAGE_UP: p->cur -= h, p->top -= h; break;
	case ACT_PAGE_DOWN: p->cur += h, p->top += h; break;
	case ACT_FIRST: p->cur = 0; break;
	case ACT_LAST: p->cur = p->total - 1; break;
	default: return UNHANDLED;
	}
	if (p->top < 0)
		p->top = 0;
	return moved(p, old);
}

void list_scroll(struct app *a, struct pane *p, int rows)
{
	int64_t old = p->top, h = p->in.h > 0 ? p->in.h : 1;
	p->top += rows;
	if (p->top > p->total - h)
		p->top = p->total - h;
	if (p->top < 0)
		p->top = 0;
	if (p->cur < p->top)
		p->cur = p->top;
	if (p->cur >= p->top + h)
		p->cur = p->top + h - 1;
	moved(p, old);
}

void list_goto(struct app *a, struct pane *p, int64_t row)
{
	int64_t old = p->top, h = p->in.h > 0 ? p->in.h : 1;
	p->cur = row;
	if (row < p->top || row >= p->top + h)
		p->top = row - h / 3;
	moved(p, old);
}

void list_follow(struct pane *p, const int64_t *ids, int n)
{
	if (p->sel_id)
		for (int i = 0; i < n; i++)
			if (ids[i] == p->sel_id) {
				p->cur = p->top + i;
				return;
			}
	if (p->cur >= p->top + n)
		p->cur = p->top + n - 1;
	if (p->cur < p->top)
		p->cur = p->top;
	if (p->cur < 0)
		p->cur = 0;
}

static void flash_add(struct app *a, struct pane *p, int64_t id)
{
	int slot = 0;
	for (int i = 0; i < FLASH_MAX; i++) {
		if (p->flash[i].id == id || p->flash[i].until < a->now) {
			slot = i;
			break;
		}
		if (p->flash[i].until < p->flash[slot].until)
			slot = i;
	}
	p->flash[slot].id = id;
	p->flash[slot].until = a->now + FLASH_MS;
}

void list_signature(struct app *a, struct pane *p, const struct rowsig *rows, int n)
{
	if (n > ROWSIG_MAX)
		n = ROWSIG_MAX;
	if (a->live && p->sig_top == p->top) {
		for (int i = 0; i < n; i++) {
			int j = 0;
			while (j < p->nsig && p->sig[j].id != rows[i].id)
				j++;
			/* A row that only scrolled into view is not news. */
			if ((j < p->nsig && p->sig[j].hash != rows[i].hash) || (j == p->nsig && p->nsig))
				flash_add(a, p, rows[i].id);
		}
	}
	for (int i = 0; i < n; i++)
		p->sig[i] = rows[i];
	p->nsig = n;
	p->sig_top = p->top;
}

bool list_flashing(struct app *a, struct pane *p, int64_t id)
{
	for (int i = 0; i < FLASH_MAX; i++)
		if (p->flash[i].id == id && p->flash[i].until > a->now)
			return true;
	return false;
}

long long list_next_flash_end(struct app *a)
{
	long long t = 0;
	for (int k = 0; k < PANE_N; k++)
		for (int i = 0; i < FLASH_MAX; i++) {
			long long u = a->pane[k].flash[i].until;
			if (u > a->now && (!t || u < t))
				t = u;
		}
	return t;
}

enum ui_role list_role(struct app *a, struct pane *p, int64_t row, int64_t id, enum ui_role r)
{
	if (a->focus == (int)p->id && row == p->cur)
		return UI_CURSOR;
	if (list_flashing(a, p, id))
		return UI_FLASH;
	return r;
}

bool list_find_missed(struct app *a, const struct find_miss *m, const char *text, uint32_t scope)
{
	return m->set && m->counter == a->change_counter && m->scope == scope && !strcmp(m->text, text);
}

void list_find_miss(struct app *a, struct find_miss *m, const char *text, uint32_t scope)
{
	m->set = strlen(text) < sizeof m->text;
	if (!m->set)
		return;
	strcpy(m->text, text);
	m->counter = a->change_counter;
	m->scope = scope;
}

int64_t list_found(struct app *a, struct find_miss *m, const char *text, uint32_t scope, int rc, int64_t row)
{
	if (rc == MU_DATA)
		list_find_miss(a, m, text, scope);
	return rc == MU_OK ? row : -1;
}
