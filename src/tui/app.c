/* The board's main loop: theme and keys, the event shown, and the loop
 * itself (draw what is dirty, one doupdate(), wait for a key at most
 * refresh_ms, poll data_version for live refresh).  The terminal itself is
 * src/tui/terminal.c. */
#include "tui.h"
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void app_status(struct app *a, bool err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
	a->status_err = err;
	a->status_until = clock_ms() + (err ? 6000 : 3000);
	a->dirty |= DIRTY_HINT;
}

unsigned app_fail(struct app *a, const char *what)
{
	app_status(a, true, "%s: %s", what, mu_errmsg());
	return DIRTY_HINT;
}

unsigned app_changed(struct app *a, int rc, const char *what)
{
	if (rc != MU_OK)
		return app_fail(a, what);
	app_reload(a);
	return DIRTY_ALL;
}

const char *role_name_of(struct app *a, int64_t role_id)
{
	for (size_t i = 0; i < a->roles.n; i++)
		if (a->roles.v[i].id == role_id)
			return a->roles.v[i].name;
	return "";
}

static void free_event_data(struct app *a)
{
	phase_list_free(&a->phases);
	role_list_free(&a->roles);
	person_list_free(&a->people);
	checklist_list_free(&a->lists);
	pool_free(&a->evpool);
	memset(&a->ev, 0, sizeof a->ev);
}

/* Event-wide data: small lists, reloaded whole. */
static void load_event_data(struct app *a)
{
	free_event_data(a);
	a->access = "";
	if (!a->event_id)
		return;
	if (event_get(a->b, a->event_id, &a->ev, &a->evpool) != MU_OK) {
		app_fail(a, "event");
		a->event_id = 0;
		return;
	}
	if (phase_list(a->b, a->event_id, &a->phases) != MU_OK ||
	    role_list(a->b, a->event_id, &a->roles) != MU_OK ||
	    person_list(a->b, a->event_id, &a->people) != MU_OK ||
	    checklist_list(a->b, a->event_id, &a->lists) != MU_OK)
		app_fail(a, "loading the event");
	enum access_source from;
	if (event_access(a->b, a->event_id, a->access_buf) == MU_OK)
		a->access = a->access_buf;
	if (access_get(a->b, a->event_id, &a->level, &from) != MU_OK)
		a->level = ACCESS_VIEWER;
	struct metric_list ml = {0};
	int n = a->nmetrics;
	size_t np = a->nphases;
	a->nphases = a->phases.n;
	if (metric_list(a->b, a->event_id, 0, &ml) == MU_OK)
		a->nmetrics = (int)ml.n;
	metric_list_free(&ml);
	if (n != a->nmetrics || np != a->nphases)
		app_layout(a);
}

void app_reload(struct app *a)
{
	int64_t id = a->event_id;
	a->change_counter = board_change_counter(a->b);
	load_event_data(a);
	if (id && !a->event_id) { /* deleted under us: show another one */
		if (event_find(a->b, NULL, &a->event_id) == MU_OK)
			app_open_event(a, a->event_id);
		return;
	}
	for (int i = 0; i < PANE_N; i++)
		a->pane[i].need_load = true;
	a->dirty |= DIRTY_ALL;
}

bool app_open_event(struct app *a, int64_t id)
{
	a->event_id = id;
	a->last_beat = 0; /* tell the others where we are now */
	load_event_data(a);
	for (int i = 0; i < PANE_N; i++) {
		struct pane *p = &a->pane[i];
		p->top = p->cur = p->sel_id = p->total = 0;
		p->nsig = 0;
		if (p->ops->open)
			p->ops->open(a, p);
		p->need_load = true;
	}
	a->dirty |= DIRTY_ALL;
	return a->event_id != 0;
}

#define BEAT_MS 3000 /* presence heartbeat; stale after PRESENCE_STALE_S */

static const char *const pane_where[PANE_N] = {"timeline", "tasks", "materials", "metrics"};

const char *app_where(struct app *a) { return a->where ? a->where : pane_where[a->focus]; }

unsigned app_denied(struct app *a, const char *what)
{
	app_status(a, true, "%s · you are %s", what, *a->access ? a->access : "viewer");
	return DIRTY_HINT;
}

static void load_presence(struct app *a)
{
	presence_list_free(&a->presence);
	if (presence_list(a->b, a->event_id, &a->presence) != MU_OK)
		memset(&a->presence, 0, sizeof a->presence);
	a->dirty |= DIRTY_TITLE;
}

bool app_poll(struct app *a)
{
	a->last_poll = a->now;
	if (a->now - a->last_beat >= BEAT_MS) {
		a->last_beat = a->now;
		presence_beat(a->b, a->event_id, app_where(a)); /* MU_BUSY: next time */
		load_presence(a); /* others' rows also go stale without a write */
	}
	int64_t v = board_data_version(a->b);
	if (v == a->data_version)
		return false;
	a->data_version = v;
	int64_t c = board_change_counter(a->b);
	if (c == a->change_counter) { /* a heartbeat: only the title line */
		load_presence(a);
		return false;
	}
	a->change_counter = c;
	load_presence(a);
	return true;
}

/* Live refresh: another connection committed a change since we looked. */
static void poll_changes(struct app *a)
{
	if (!app_poll(a))
		return;
	a->live = true;
	app_reload(a);
}

void app_refresh(struct app *a)
{
	a->now = clock_ms();
	app_draw(a);
	doupdate();
	a->dirty = 0;
}

static int start_theme(const struct tui_options *o, struct theme *th)
{
	const char *name = o->theme ? o->theme : o->config ? o->config->theme : NULL;
	theme_default(th);
	if (!name || !*name || !strcmp(name, "default"))
		return MU_OK;
	char *path = strchr(name, '/') ? xstrdup(name) : theme_path(name);
	if (!path) {
		fprintf(stderr, "muster: %s\n", *mu_errmsg() ? mu_errmsg() : "theme not found");
		return MU_DATA;
	}
	int rc = theme_load_file(path, th);
	if (rc != MU_OK)
		fprintf(stderr, "muster: %s\n", mu_errmsg());
	free(path);
	return rc;
}

static void apply_binds(struct app *a)
{
	keymap_init(&a->keys);
	const struct config *c = a->o->config;
	for (size_t i = 0; c && i < c->nbinds; i++) {
		int rc = keymap_bind(&a->keys, c->binds[i].key, c->binds[i].action);
		if (!rc)
			continue;
		const char *file = c->path ? c->path : "config.yaml", *slash = strrchr(file, '/');
		/* The message first: a long path must not push it off the line. */
		if (rc == -1)
			app_status(a, true, "unknown key '%s' (%s:%d:%d)", c->binds[i].key,
				   slash ? slash + 1 : file, c->binds[i].line, c->binds[i].col);
		else
			app_status(a, true, "unknown action '%s' for key %s (%s:%d:%d)", c->binds[i].action,
				   c->binds[i].key, slash ? slash + 1 : file, c->binds[i].line, c->binds[i].col);
	}
}

/* Past the cap: one notice in the status line, at start and when a
 * resize goes past it. */
static void size_notice(struct app *a)
{
	static const char tail[] = ", its largest size";
	int h, w;
	if (winsize_capped(&h, &w)) {
		app_status(a, false, "window %dx%d: the board uses %dx%d%s", w, h,
			   w > WINSIZE_MAX_W ? WINSIZE_MAX_W : w, h > WINSIZE_MAX_H ? WINSIZE_MAX_H : h, tail);
	} else if (strstr(a->status, tail)) { /* back under the cap: gone at once */
		a->status[0] = '\0';
		a->dirty |= DIRTY_HINT;
	}
}

static void loop(struct app *a)
{
	while (!a->quit && !term_signal()) {
		a->now = clock_ms();
		if (a->now - a->last_poll >= a->refresh_ms)
			poll_changes(a);
		long long fl = list_next_flash_end(a);
		if (fl || (a->status[0] && a->status_until <= a->now)) {
			if (a->status_until <= a->now && a->status[0]) {
				a->status[0] = 0;
				a->dirty |= DIRTY_HINT;
			}
		}
		if (a->dirty)
			app_refresh(a);
		long long wait = a->last_poll + a->refresh_ms - a->now;
		if (fl && fl - a->now < wait)
			wait = fl - a->now + 10;
		if (a->status[0] && a->status_until - a->now < wait)
			wait = a->status_until - a->now + 10;
		int key = ui_getkey(wait < 10 ? 10 : (int)wait);
		a->now = clock_ms();
		if (fl && a->now >= fl)
			a->dirty |= DIRTY_PANES; /* a flash ended: draw rows plain again */
		if (key < 0)
			continue;
		if (key == KEYCODE_FN + KEY_RESIZE) {
			app_layout(a);
			size_notice(a);
			continue;
		}
		if (key == KEYCODE_FN + KEY_MOUSE) {
			app_mouse(a);
			continue;
		}
		app_key(a, key);
	}
}

int tui_run(struct board *b, const struct tui_options *o)
{
	struct app app; /* the one app, passed down from here (memset below) */
	struct app *a = &app;
	struct theme th;
	int rc = start_theme(o, &th);
	if (rc != MU_OK)
		return rc;
	memset(a, 0, sizeof *a);
	a->o = o;
	bool started = false;
	if (!b && o->welcome) { /* the first run: no board yet */
		if (!term_start(a, &th))
			return MU_USAGE;
		started = true;
		welcome_run(o->welcome, &b);
		if (!b) {
			term_restore();
			die_set_cleanup(NULL);
			return term_signal() ? 128 + term_signal() : MU_OK;
		}
	}
	if (!b)
		return mu_fail(MU_USAGE, "no board");
	a->b = b;
	a->today = date_today();
	a->refresh_ms = o->config && o->config->refresh_ms > 0 ? o->config->refresh_ms : 500;
	if (a->refresh_ms < 50)
		a->refresh_ms = 50;
	if (event_find(b, o->event, &a->event_id) != MU_OK) {
		if (o->event && *o->event && !started) {
			fprintf(stderr, "muster: %s\n", mu_errmsg());
			return MU_DATA;
		}
		a->event_id = 0;
	}
	const struct pane_ops *ops[PANE_N] = {&pane_timeline_ops, &pane_tasks_ops, &pane_items_ops,
					       &pane_metrics_ops};
	for (int i = 0; i < PANE_N; i++) {
		a->pane[i].ops = ops[i];
		a->pane[i].id = (enum pane_id)i;
		a->pane[i].below = -1;
		a->pane[i].priv = xcalloc(1, ops[i]->private_size);
	}
	a->focus = PANE_TASKS;
	char *label = board_setting_get(b, "label");
	if (label) {
		struct strbuf lb = STRBUF_INIT;
		utf8_fit(&lb, label, 24, false); /* harmless for the terminal */
		snprintf(a->label, sizeof a->label, "%s", sb_str(&lb));
		sb_free(&lb);
		free(label);
	}
	if (!started && !term_start(a, &th))
		return MU_USAGE;
	apply_binds(a);
	a->data_version = board_data_version(b);
	a->change_counter = board_change_counter(b);
	a->now = clock_ms();
	app_open_event(a, a->event_id);
	app_poll(a); /* the first heartbeat: others see us at once */
	app_layout(a);
	size_notice(a);
	loop(a);
	term_restore();
	die_set_cleanup(NULL);
	if (replay_error())
		fprintf(stderr, "muster: %s\n", replay_error());
	for (int i = 0; i < PANE_N; i++) {
		if (a->pane[i].ops->fini)
			a->pane[i].ops->fini(&a->pane[i]);
		free(a->pane[i].priv);
	}
	presence_leave(b);
	presence_list_free(&a->presence);
	free_event_data(a);
	if (term_signal() == SIGINT)
		return 130;
	return term_signal() ? 128 + term_signal() : MU_OK;
}
