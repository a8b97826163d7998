/* Task commands: `tasks` lists them, `task add|done|start|block|reopen|
 * assign|edit|rm` changes one.  Changes print one confirmation line (or the
 * task as JSON with --json); `task add` prints just the new id. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/event.h"
#include "muster/table.h"
#include "muster/task.h"
#include "muster/utf8.h"

static void task_json(struct strbuf *b, const struct task *t)
{
	bool f;
	json_open(b, &f);
	json_int(b, &f, "id", t->id);
	json_int(b, &f, "event_id", t->event_id);
	json_str(b, &f, "title", t->title);
	json_str(b, &f, "status", task_status_name(t->status));
	json_text(b, &f, "due", t->due);
	json_text(b, &f, "owner", t->owner);
	json_text(b, &f, "role", t->role_key);
	json_text(b, &f, "phase", t->phase_key);
	json_text(b, &f, "notes", t->notes);
	json_key(b, &f, "depends");
	sb_addc(b, '[');
	/* "3,7" → [3,7]: the model hands out digits and commas only */
	for (const char *p = t->depends ? t->depends : ""; *p;) {
		char *end;
		long long v = strtoll(p, &end, 10);
		if (end == p)
			break;
		sb_addf(b, "%s%lld", p == t->depends ? "" : ",", v);
		p = *end == ',' ? end + 1 : end;
	}
	sb_addc(b, ']');
	json_int(b, &f, "position", t->position);
	json_text(b, &f, "updated_at", t->updated_at);
	json_close(b);
}

int cmd_tasks(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct task_query q = TASK_QUERY_INIT;
	struct task_list l = {0};
	enum task_status st;
	int rc = cli_getopt(c, argc, argv, "event= role= status= mine search= limit=", 0, 0, &o);
	if (rc)
		return rc;
	if (cli_opt(&o, "status")) {
		if (task_status_parse(cli_opt(&o, "status"), &st) != MU_OK)
			return mu_fail(MU_USAGE, "status must be todo, doing, blocked or done: %s",
				       cli_opt(&o, "status"));
		q.status = (int)st;
	}
	if ((rc = cli_limit(&o, &q.limit)) || (rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &q.event_id)))
		return rc;
	if (cli_opt(&o, "role") && (rc = role_find(b, q.event_id, cli_opt(&o, "role"), &q.role_id)))
		return rc;
	if (cli_opt(&o, "mine"))
		q.owner = board_actor(b);
	q.search = cli_opt(&o, "search");
	if ((rc = task_query(b, &q, &l)))
		return rc;
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			json_array_item(&c->out, i);
			task_json(&c->out, &l.v[i]);
		}
		json_array_end(&c->out, l.n);
	} else if (l.n) {
		static const struct cli_col cols[] = {
			{"ID", TABLE_RIGHT, 0}, {"STATUS", TABLE_LEFT, 0}, {"DUE", TABLE_LEFT, 0},
			{"OWNER", TABLE_LEFT, 0}, {"ROLE", TABLE_LEFT, 0}, {"PHASE", TABLE_LEFT, 0},
			{"TITLE", TABLE_LEFT, TABLE_SHRINK}
		};
		struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < l.n; i++) {
			const struct task *k = &l.v[i];
			table_cellf(t, "%lld", (long long)k->id);
			table_cell(t, task_status_name(k->status));
			table_cell(t, k->due);
			table_cell(t, k->owner);
			table_cell(t, k->role_key);
			table_cell(t, k->phase_key);
			table_cell(t, k->title);
		}
		cli_table(c, t);
		table_free(t);
	}
	task_list_free(&l);
	return MU_OK;
}

/* "task 12 (Title)" for confirmation lines, control characters made safe. */
static void task_label(struct strbuf *b, const struct task *t)
{
	sb_addf(b, "task %lld (", (long long)t->id);
	utf8_fit(b, t->title, INT_MAX, false);
	sb_addc(b, ')');
}

/* Print the task after a change: JSON object, or "task 12 (Title): what". */
static int report(struct cli *c, struct board *b, int64_t id, const char *fmt, const char *arg)
{
	struct task t;
	struct pool pool = {0};
	int rc = task_get(b, id, &t, &pool);
	if (rc == MU_OK) {
		if (c->g.json) {
			task_json(&c->out, &t);
			sb_addc(&c->out, '\n');
		} else {
			task_label(&c->out, &t);
			sb_add(&c->out, ": ");
			struct strbuf msg = STRBUF_INIT;
			sb_addf(&msg, fmt, arg);
			utf8_fit(&c->out, sb_str(&msg), INT_MAX, false);
			sb_free(&msg);
			sb_addc(&c->out, '\n');
		}
	}
	pool_free(&pool);
	return rc;
}

static int parse_task_id(const char *s, int64_t *id) { return cli_parse_id("task id", s, id); }

static const char field_spec[] = "event= title= owner= due= role= phase= notes=";

/* Fill f from the options; the due date is resolved against the event. */
static int fields_from_opts(struct cli *c, const struct cli_opts *o, int64_t event,
			    struct task_fields *f, char due[11])
{
	memset(f, 0, sizeof *f);
	f->title = cli_opt(o, "title");
	f->owner = cli_opt(o, "owner");
	f->notes = cli_opt(o, "notes");
	f->role = cli_opt(o, "role");
	f->phase = cli_opt(o, "phase");
	if (f->title && !*f->title)
		return mu_fail(MU_USAGE, "a task needs a title");
	if (cli_opt(o, "due")) {
		int rc = cli_parse_due(c, event, cli_opt(o, "due"), due);
		if (rc)
			return rc;
		f->due = due;
	}
	return MU_OK;
}

static int task_add_cmd(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct task_fields f;
	char due[11];
	int64_t event, id;
	int rc = cli_getopt(c, argc, argv, field_spec, 1, 1, &o);
	if (rc)
		return rc;
	if (cli_opt(&o, "title"))
		return mu_fail(MU_USAGE, "give the title as an argument: muster task add TITLE");
	if ((rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &event)))
		return rc;
	if ((rc = fields_from_opts(c, &o, event, &f, due)))
		return rc;
	f.title = o.arg[0];
	if (!*f.title)
		return mu_fail(MU_USAGE, "a task needs a title");
	if ((rc = task_add(b, event, &f, &id)))
		return rc;
	if (c->g.json)
		return report(c, b, id, "", NULL);
	sb_addf(&c->out, "%lld\n", (long long)id);
	return MU_OK;
}

static int task_edit_cmd(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct task_fields f;
	struct task t;
	struct pool pool = {0};
	char due[11];
	int64_t id;
	int rc = cli_getopt(c, argc, argv, field_spec, 1, 1, &o);
	if (rc || (rc = parse_task_id(o.arg[0], &id)))
		return rc;
	if (cli_opt(&o, "event"))
		return mu_fail(MU_USAGE, "a task cannot move to another event");
	if ((rc = cli_board(c, 0, &b)) || (rc = task_get(b, id, &t, &pool)))
		return rc;
	rc = fields_from_opts(c, &o, t.event_id, &f, due);
	pool_free(&pool);
	if (rc)
		return rc;
	if (!f.title && !f.owner && !f.notes && !f.due && !f.role && !f.phase)
		return mu_fail(MU_USAGE, "nothing to change (usage: muster task edit ID [--title T] ...)");
	if ((rc = task_edit(b, id, &f)))
		return rc;
	return report(c, b, id, "updated", NULL);
}

static int task_status_cmd(struct cli *c, int argc, char **argv, enum task_status s)
{
	struct cli_opts o;
	struct board *b;
	int64_t id;
	int rc = cli_getopt(c, argc, argv, "", 1, 1, &o);
	if (rc || (rc = parse_task_id(o.arg[0], &id)) || (rc = cli_board(c, 0, &b)))
		return rc;
	if ((rc = task_set_status(b, id, s)))
		return rc;
	return report(c, b, id, "%s", task_status_name(s));
}

static int task_assign_cmd(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	int64_t id;
	int rc = cli_getopt(c, argc, argv, "", 2, 2, &o);
	if (rc || (rc = parse_task_id(o.arg[0], &id)) || (rc = cli_board(c, 0, &b)))
		return rc;
	if ((rc = task_assign(b, id, o.arg[1])))
		return rc;
	return report(c, b, id, *o.arg[1] ? "assigned to %s" : "unassigned%s", o.arg[1]);
}

static int task_rm_cmd(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct task t;
	struct pool pool = {0};
	int64_t id;
	int rc = cli_getopt(c, argc, argv, "", 1, 1, &o);
	if (rc || (rc = parse_task_id(o.arg[0], &id)) || (rc = cli_board(c, 0, &b)))
		return rc;
	if ((rc = task_get(b, id, &t, &pool)) == MU_OK && (rc = task_remove(b, id)) == MU_OK) {
		if (c->g.json) {
			task_json(&c->out, &t);
			sb_addc(&c->out, '\n');
		} else {
			task_label(&c->out, &t);
			sb_add(&c->out, ": removed\n");
		}
	}
	pool_free(&pool);
	return rc;
}

int cmd_task(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *name, *usage;
		int status;
	} verbs[] = {
		{"add", "task add TITLE [--role R] [--phase P] [--owner O] [--due DATE] [--notes N]", -1},
		{"edit", "task edit ID [--title T] [--owner O] [--due D] [--role R] [--phase P] [--notes N]", -1},
		{"assign", "task assign ID LOGIN", -1},
		{"rm", "task rm ID", -1},
		{"done", "task done ID", TASK_DONE},
		{"start", "task start ID", TASK_DOING},
		{"block", "task block ID", TASK_BLOCKED},
		{"reopen", "task reopen ID", TASK_TODO},
	};
	if (argc < 2)
		return mu_fail(MU_USAGE, "task needs a subcommand: add, done, start, block, reopen, assign, edit or rm");
	const char *v = argv[1];
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
		if (strcmp(v, verbs[i].name) != 0)
			continue;
		c->usage = verbs[i].usage;
		if (verbs[i].status >= 0)
			return task_status_cmd(c, argc - 1, argv + 1, (enum task_status)verbs[i].status);
		if (i == 0)
			return task_add_cmd(c, argc - 1, argv + 1);
		if (i == 1)
			return task_edit_cmd(c, argc - 1, argv + 1);
		if (i == 2)
			return task_assign_cmd(c, argc - 1, argv + 1);
		return task_rm_cmd(c, argc - 1, argv + 1);
	}
	return mu_fail(MU_USAGE, "unknown task subcommand '%s' (add, done, start, block, reopen, assign, edit, rm)", v);
}
