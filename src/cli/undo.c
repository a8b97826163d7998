/* History commands: `undo` takes back your own last change, `trash` lists
 * deleted tasks and items, `restore ID` brings one back, `who` shows who
 * has the board open (presence heartbeats of the screens). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/event.h"
#include "muster/history.h"
#include "muster/presence.h"
#include "muster/table.h"
#include "muster/utf8.h"

/* The event of --event when given, else 0 (every event). */
static int event_or_all(struct cli *c, const struct cli_opts *o, int64_t *event)
{
	*event = 0;
	if (!cli_opt(o, "event") && !c->g.event)
		return MU_OK;
	return cli_event(c, o, event);
}

int cmd_undo(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct undo_result r;
	int64_t event;
	int rc = cli_getopt(c, argc, argv, "event=", 0, 0, &o);
	if (rc || (rc = cli_board(c, 0, &b)) || (rc = event_or_all(c, &o, &event)) || (rc = undo_last(b, event, &r)))
		return rc;
	if (c->g.json) {
		bool f;
		json_open(&c->out, &f);
		json_int(&c->out, &f, "undone", r.log_id);
		json_int(&c->out, &f, "log_id", r.undo_id);
		json_str(&c->out, &f, "entity", r.entity);
		json_int(&c->out, &f, "entity_id", r.entity_id);
		json_str(&c->out, &f, "action", r.action);
		json_str(&c->out, &f, "what", r.what);
		json_close(&c->out);
		sb_addc(&c->out, '\n');
	} else {
		sb_addf(&c->out, "undid %s %lld (%s): ", r.entity, (long long)r.entity_id, r.action);
		utf8_fit(&c->out, r.what, INT_MAX, false);
		sb_addc(&c->out, '\n');
	}
	return MU_OK;
}

int cmd_trash(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct trash_list l = {0};
	int64_t event;
	int rc = cli_getopt(c, argc, argv, "event=", 0, 0, &o);
	if (rc || (rc = cli_board(c, 0, &b)) || (rc = event_or_all(c, &o, &event)) || (rc = trash_list(b, event, &l)))
		return rc;
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			const struct trash_entry *e = &l.v[i];
			bool f;
			json_array_item(&c->out, i);
			json_open(&c->out, &f);
			json_int(&c->out, &f, "id", e->id);
			json_str(&c->out, &f, "entity", e->entity);
			json_int(&c->out, &f, "orig_id", e->orig_id);
			json_id(&c->out, &f, "event_id", e->event_id);
			json_str(&c->out, &f, "title", e->title);
			json_str(&c->out, &f, "deleted_by", e->deleted_by);
			json_str(&c->out, &f, "deleted_at", e->deleted_at);
			json_close(&c->out);
		}
		json_array_end(&c->out, l.n);
	} else if (l.n) {
		static const struct cli_col cols[] = {
			{"ID", TABLE_RIGHT, 0}, {"WHAT", TABLE_LEFT, 0}, {"WAS", TABLE_RIGHT, 0},
			{"DELETED BY", TABLE_LEFT, 0}, {"AT (UTC)", TABLE_LEFT, 0},
			{"TITLE", TABLE_LEFT, TABLE_SHRINK}
		};
		struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < l.n; i++) {
			const struct trash_entry *e = &l.v[i];
			table_cellf(t, "%lld", (long long)e->id);
			table_cell(t, e->entity);
			table_cellf(t, "#%lld", (long long)e->orig_id);
			table_cell(t, e->deleted_by);
			table_cellf(t, "%.16s", e->deleted_at);
			table_cell(t, e->title);
		}
		cli_table(c, t);
		table_free(t);
	}
	trash_list_free(&l);
	return MU_OK;
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	int64_t id, new_id;
	char entity[16];
	int rc = cli_getopt(c, argc, argv, "", 1, 1, &o);
	if (rc || (rc = cli_parse_id("trash id", o.arg[0], &id)) || (rc = cli_board(c, 0, &b)) ||
	    (rc = trash_restore(b, id, entity, &new_id)))
		return rc;
	if (c->g.json) {
		bool f;
		json_open(&c->out, &f);
		json_str(&c->out, &f, "entity", entity);
		json_int(&c->out, &f, "id", new_id);
		json_close(&c->out);
		sb_addc(&c->out, '\n');
	} else {
		sb_addf(&c->out, "restored %s %lld\n", entity, (long long)new_id);
	}
	return MU_OK;
}

int cmd_who(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct presence_list l = {0};
	int64_t event;
	int rc = cli_getopt(c, argc, argv, "event=", 0, 0, &o);
	if (rc || (rc = cli_board(c, 0, &b)) || (rc = event_or_all(c, &o, &event)) || (rc = presence_list(b, event, &l)))
		return rc;
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			const struct presence *p = &l.v[i];
			bool f;
			json_array_item(&c->out, i);
			json_open(&c->out, &f);
			json_str(&c->out, &f, "login", p->login);
			json_str(&c->out, &f, "host", p->host);
			json_int(&c->out, &f, "pid", p->pid);
			json_text(&c->out, &f, "pane", p->pane);
			json_id(&c->out, &f, "event_id", p->event_id);
			json_int(&c->out, &f, "age_s", p->age_s);
			json_close(&c->out);
		}
		json_array_end(&c->out, l.n);
	} else if (l.n) {
		static const struct cli_col cols[] = {
			{"LOGIN", TABLE_LEFT, 0}, {"PANE", TABLE_LEFT, 0},
			{"EVENT", TABLE_RIGHT, 0}, {"HOST", TABLE_LEFT, TABLE_SHRINK},
			{"PID", TABLE_RIGHT, 0}, {"SEEN", TABLE_RIGHT, 0}
		};
		struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < l.n; i++) {
			const struct presence *p = &l.v[i];
			table_cell(t, p->login);
			table_cell(t, p->pane);
			if (p->event_id)
				table_cellf(t, "%lld", (long long)p->event_id);
			else
				table_cell(t, "");
			table_cell(t, p->host);
			table_cellf(t, "%lld", (long long)p->pid);
			table_cellf(t, "%ds ago", p->age_s);
		}
		cli_table(c, t);
		table_free(t);
	}
	presence_list_free(&l);
	return MU_OK;
}
