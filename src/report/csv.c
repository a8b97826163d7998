/* The CSV export: one table of an event's tasks and items with a `kind`
 * column (RFC 4180: CRLF rows, no byte-order mark), every text cell through
 * report_csv_cell() so that no spreadsheet evaluates it. */
#include <stdio.h>
#include "muster/report.h"
#include "report_data.h"

/* One row; the columns in the mask numbers hold numbers we formatted (a
 * negative one is not a formula), the others text. */
static void csv_row(struct strbuf *o, const char *const *cells, size_t n, unsigned numbers)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(o, ',');
		if (numbers & (1u << i))
			report_csv_number(o, cells[i]);
		else
			report_csv_cell(o, cells[i]);
	}
	sb_add(o, "\r\n");
}

int report_csv(struct board *b, int64_t event, struct strbuf *o)
{
	size_t from = o->len;
	static const char *const header[] = {"kind", "id",     "title", "role", "phase", "checklist", "owner",
					     "status", "due", "qty", "ready", "unit", "notes"};
	enum { NCOLS = sizeof header / sizeof *header, NUMBERS = 1u << 1 | 1u << 9 | 1u << 10 };
	struct report_data d;
	int rc = report_data_load(b, event, &d);
	if (rc)
		return rc;
	csv_row(o, header, NCOLS, 0);
	char id[24], qty[24], ready[24];
	for (size_t i = 0; i < d.tasks.n; i++) {
		const struct task *t = &d.tasks.v[i];
		snprintf(id, sizeof id, "%lld", (long long)t->id);
		const char *row[NCOLS] = {"task", id, t->title, t->role_key, t->phase_key, "", t->owner,
					  task_status_name(t->status), t->due, "", "", "", t->notes};
		csv_row(o, row, NCOLS, NUMBERS);
	}
	for (size_t i = 0; i < d.items.n; i++) {
		const struct item *it = &d.items.v[i];
		const char *role = "";
		for (size_t j = 0; j < d.lists.n; j++)
			if (d.lists.v[j].id == it->checklist_id)
				role = d.lists.v[j].role_key;
		snprintf(id, sizeof id, "%lld", (long long)it->id);
		snprintf(qty, sizeof qty, "%lld", (long long)it->qty);
		snprintf(ready, sizeof ready, "%lld", (long long)it->qty_ready);
		const char *row[NCOLS] = {"item", id, it->title, role, "", it->checklist, it->done_by ? it->done_by : "",
					  it->done ? "done" : "open", it->due, qty, ready, it->unit, ""};
		csv_row(o, row, NCOLS, NUMBERS);
	}
	report_data_free(&d);
	report_strip_controls(o, from);
	return MU_OK;
}
