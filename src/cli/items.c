/* Material checklist commands: `items` lists them, `tick` and `untick`
 * change one item (by id or exact title within the event).  The quantity
 * change itself is atomic in the model (qty_ready = qty_ready + N). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/event.h"
#include "muster/item.h"
#include "muster/table.h"
#include "muster/utf8.h"

static void item_json(struct strbuf *b, const struct item *it)
{
	bool f;
	json_open(b, &f);
	json_int(b, &f, "id", it->id);
	json_int(b, &f, "checklist_id", it->checklist_id);
	json_str(b, &f, "checklist", it->checklist);
	json_str(b, &f, "title", it->title);
	json_int(b, &f, "qty", it->qty);
	json_int(b, &f, "qty_ready", it->qty_ready);
	json_text(b, &f, "unit", it->unit);
	json_text(b, &f, "due", it->due);
	json_bool(b, &f, "done", it->done);
	json_text(b, &f, "done_by", it->done ? it->done_by : NULL);
	json_text(b, &f, "done_at", it->done ? it->done_at : NULL);
	json_int(b, &f, "position", it->position);
	json_close(b);
}

int cmd_items(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct item_list l = {0};
	int64_t event, list = 0;
	size_t limit;
	int rc = cli_getopt(c, argc, argv, "event= list= limit=", 0, 0, &o);
	if (rc || (rc = cli_limit(&o, &limit)) || (rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &event)))
		return rc;
	if (cli_opt(&o, "list") && (rc = checklist_find(b, event, cli_opt(&o, "list"), &list)))
		return rc;
	if ((rc = item_query(b, event, list, limit, 0, &l)))
		return rc;
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			json_array_item(&c->out, i);
			item_json(&c->out, &l.v[i]);
		}
		json_array_end(&c->out, l.n);
	} else if (l.n) {
		static const struct cli_col cols[] = {
			{"ID", TABLE_RIGHT, 0}, {"DONE", TABLE_LEFT, 0},
			{"LIST", TABLE_LEFT, TABLE_SHRINK}, {"ITEM", TABLE_LEFT, TABLE_SHRINK},
			{"READY", TABLE_RIGHT, 0}, {"QTY", TABLE_RIGHT, 0}, {"UNIT", TABLE_LEFT, 0},
			{"DUE", TABLE_LEFT, 0}
		};
		struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < l.n; i++) {
			const struct item *it = &l.v[i];
			table_cellf(t, "%lld", (long long)it->id);
			table_cell(t, it->done ? "[x]" : "[ ]");
			table_cell(t, it->checklist);
			table_cell(t, it->title);
			table_cellf(t, "%lld", (long long)it->qty_ready);
			table_cellf(t, "%lld", (long long)it->qty);
			table_cell(t, it->unit);
			table_cell(t, it->due);
		}
		cli_table(c, t);
		table_free(t);
	}
	item_list_free(&l);
	return MU_OK;
}

static int tick_common(struct cli *c, int argc, char **argv, bool tick)
{
	struct cli_opts o;
	struct board *b;
	struct item it;
	struct pool pool = {0};
	int64_t event, id, qty = 0, set = -1;
	int rc = cli_getopt(c, argc, argv, tick ? "event= qty= set=" : "event= qty=", 1, 1, &o);
	if (rc)
		return rc;
	if (cli_opt(&o, "qty") && (rc = cli_parse_id("quantity", cli_opt(&o, "qty"), &qty)))
		return rc;
	if (cli_opt(&o, "set") && cli_opt(&o, "qty"))
		return mu_fail(MU_USAGE, "give either --qty N (add N) or --set N (N ready), not both");
	if (cli_opt(&o, "set") && (rc = cli_parse_count("ready quantity", cli_opt(&o, "set"), &set)))
		return rc;
	if ((rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &event)))
		return rc;
	if ((rc = item_find(b, event, o.arg[0], &id))) {
		/* An id names one item on the whole board, as task ids do; only a
		 * title needs the event (given or the most recent one). */
		int64_t any;
		char *why = xstrdup(mu_errmsg());
		bool by_id = !cli_opt(&o, "event") && !c->g.event && cli_parse_id("item", o.arg[0], &any) == MU_OK &&
			     item_get(b, any, &it, &pool) == MU_OK;
		pool_free(&pool);
		if (!by_id)
			mu_fail(rc, "%s", why);
		free(why);
		if (!by_id)
			return rc;
		id = any;
	}
	rc = set >= 0 ? item_set_ready(b, id, set) : tick ? item_tick(b, id, qty) : item_untick(b, id, qty);
	if (rc == MU_OK)
		rc = item_get(b, id, &it, &pool);
	if (rc == MU_OK) {
		if (c->g.json) {
			item_json(&c->out, &it);
			sb_addc(&c->out, '\n');
		} else {
			sb_addf(&c->out, "item %lld (", (long long)it.id);
			utf8_fit(&c->out, it.title, INT_MAX, false);
			sb_addf(&c->out, "): %lld/%lld", (long long)it.qty_ready, (long long)it.qty);
			if (it.unit && *it.unit) {
				sb_addc(&c->out, ' ');
				utf8_fit(&c->out, it.unit, INT_MAX, false);
			}
			sb_add(&c->out, it.done ? ", done\n" : "\n");
		}
	}
	pool_free(&pool);
	return rc;
}

int cmd_tick(struct cli *c, int argc, char **argv) { return tick_common(c, argc, argv, true); }
int cmd_untick(struct cli *c, int argc, char **argv) { return tick_common(c, argc, argv, false); }
