/* libFuzzer target for the CSV actuals importer (src/model/metric_csv.c):
 * arbitrary bytes through metric_import_csv_buffer into a board in memory
 * holding one event with the stages visitors, buyers and the budget line
 * print.  Oracles: all or nothing -- a refused file leaves no sample, no
 * audit row and no actual changed, and names the file; an accepted one adds
 * exactly *rows samples and one audit row.  After an accepted input the
 * samples are cleared and every actual set to RESET (the audit log is
 * append-only, so the board is made anew every 1000 accepted inputs).
 * RESET is 0 on purpose: readings equal to the actuals already there must
 * still be kept as samples (this target once found them rolled back). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/board.h"
#include "muster/db.h"
#include "muster/err.h"
#include "muster/metric_csv.h"
#include "muster/planio.h"

static const char plan_yaml[] =
	"event: {name: Fuzz fair, start: 2026-09-10, end: 2026-09-12}\n"
	"metrics:\n"
	"  unit_price: 20\n"
	"  funnel:\n"
	"    - {stage: visitors, target: 3000, rate: 0.1}\n"
	"    - {stage: buyers, target: 300}\n"
	"  budget:\n"
	"    - {line: print, planned: 800}\n";

#define RESET "0"
#define RESET_SQL "DELETE FROM sample; UPDATE metric SET actual = " RESET

static struct board *b;
static int64_t event;

static void bad(const char *what)
{
	fprintf(stderr, "fuzz_csv: %s (%s)\n", what, mu_errmsg());
	abort();
}

static int64_t count(const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		bad("prepare");
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void board_new(void)
{
	struct plan p;
	board_close(b);
	if (board_open(&b, ":memory:", "fuzzer", BOARD_CREATE))
		bad("board_open");
	if (plan_parse_buffer("fuzz-plan.yaml", plan_yaml, sizeof plan_yaml - 1, NULL, &p) ||
	    plan_import(b, &p, &event))
		bad("plan import");
	plan_free(&p);
	if (sqlite3_exec(b->db, RESET_SQL, NULL, NULL, NULL) != SQLITE_OK)
		bad("reset");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	board_new();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *sum = "SELECT count(*) * 1000003 + coalesce(sum(actual), 0) FROM metric";
	size_t rows = 12345;
	static unsigned accepted;
	int64_t logs = count("SELECT max(id) FROM log"), actuals = count(sum);
	mu_errclear();
	int rc = metric_import_csv_buffer(b, event, "fuzz.csv", (const char *)data, size, &rows);
	int64_t samples = count("SELECT count(*) FROM sample");
	if (rc) {
		if (rc != MU_DATA)
			bad("refused with a status other than 2");
		if (strncmp(mu_errmsg(), "fuzz.csv:", 9) != 0)
			bad("error message does not name the file");
		if (rows != 0)
			bad("rows not 0 after a refusal");
		if (samples != 0 || count("SELECT max(id) FROM log") != logs || count(sum) != actuals)
			bad("a refused file changed the board");
		return 0;
	}
	if (rows == 0 || (int64_t)rows != samples)
		bad("rows imported != samples added");
	if (count("SELECT max(id) FROM log") != logs + 1)
		bad("an import is not exactly one audit row");
	if (++accepted % 1000 == 0)
		board_new();
	else if (sqlite3_exec(b->db, RESET_SQL, NULL, NULL, NULL))
		bad("reset");
	return 0;
}
