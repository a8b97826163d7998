/* The command table, the global options and the run of one command (the
 * per-command options and strict numbers are args.c).  `muster --help` and
 * `muster COMMAND --help` are generated from the table. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/cli.h"
#include "muster/event.h"
#include "muster/path.h"
#include "muster/priv.h"
#include "muster/table.h"
#include "muster/utf8.h"

static const struct cli_command commands[] = {
	{"init", cmd_init, "init [--shared GROUP | --guarded] [--default-access A] [--label TEXT]",
	 "create an empty board (idempotent)",
	 "--shared GROUP: a board for the Unix group GROUP (a setgid directory of\n"
	 "the group, files 660); --guarded: a board only this muster writes (it\n"
	 "must be installed setgid: make install GUARD_GROUP=G; run by root or a\n"
	 "member of G).  On both the actor is your Unix login: --as and\n"
	 "$MUSTER_USER are refused unless your account is on the kiosk list.\n"
	 "--default-access A: the level of logins an event does not list; A is\n"
	 "coordinator, staff or viewer.\n"
	 "--label TEXT: shown in the board's title line (\"\" clears it)."},
	{"import", cmd_import, "import FILE.yaml|--template NAME [--start DATE]",
	 "import an event plan or template as a new event",
	 "Relative dates (T-14, T+2) are resolved against the event start;\n"
	 "--start DATE moves the whole plan to start on DATE.  --template NAME\n"
	 "takes a template from muster template list (it needs --start).  A\n"
	 "rejected file changes nothing; an unknown template exits 2 and lists\n"
	 "those there are."},
	{"export", cmd_export, "export [EVENT] [--format yaml|md|csv|ics] [-o|--output FILE]",
	 "write an event as a plan file, review report, CSV or calendar",
	 "EVENT is an id or an exact name (default: the only or most recent\n"
	 "event).  The YAML reads back with muster import; md is the review\n"
	 "report (with a Mermaid timeline), csv the tasks and items, ics the\n"
	 "phases, due tasks and material due dates as all-day events."},
	{"events", cmd_events, "events [--limit N]", "list events", NULL},
	{"tasks", cmd_tasks,
	 "tasks [--event E] [--role R] [--status S] [--mine] [--search TEXT] [--limit N]",
	 "list tasks", "S is todo, doing, blocked or done; --mine lists the tasks you own."},
	{"task", cmd_task,
	 "task add TITLE [--role R] [--phase P] [--owner O] [--due DATE] [--notes N]\n"
	 "       task done|start|block|reopen ID\n"
	 "       task assign ID LOGIN\n"
	 "       task edit ID [--title T] [--owner O] [--due D] [--role R] [--phase P] [--notes N]\n"
	 "       task rm ID",
	 "add and change tasks",
	 "DATE is YYYY-MM-DD or relative to the event start (T-14); --due \"\" clears\n"
	 "it, and assign ID \"\" unassigns.  task add prints the new id."},
	{"items", cmd_items, "items [--event E] [--list L] [--limit N]", "list material checklist items",
	 NULL},
	{"tick", cmd_tick, "tick ITEM [--qty N | --set N] [--event E]",
	 "mark an item done, add N to its ready quantity, or set it to N",
	 "ITEM is an id or an exact item title within the event.  --set N: N are\n"
	 "ready (500 of 2000 flyers), done once N reaches the needed quantity."},
	{"untick", cmd_untick, "untick ITEM [--qty N] [--event E]",
	 "mark an item not done, or take N off its ready quantity",
	 "ITEM is an id or an exact item title within the event.  A done item goes\n"
	 "back to the ready quantity it had before the tick that made it done."},
	{"metric", cmd_metric,
	 "metric set NAME VALUE [--event E]\n       metric add NAME DELTA [--event E]\n"
	 "       metric import FILE.csv [--event E]",
	 "enter a metric's actual value, add to it, or import readings",
	 "import reads rows of time,stage,value (header optional; time like\n"
	 "2026-09-10T14:00, local, or UTC ending in Z); each metric's actual becomes\n"
	 "its latest reading.  All rows or none: a bad row is reported as FILE:LINE."},
	{"metrics", cmd_metrics, "metrics [--event E] [--limit N]", "list funnel stages and budget lines",
	 NULL},
	{"funnel", cmd_funnel,
	 "funnel --goal N --rates R1,R2,... [--ctr P] [--cpm C] [--price P] [--stages NAMES]\n"
	 "       funnel [--event E]",
	 "work funnel targets backwards from a goal, or check an event's funnel",
	 "With --goal: each stage's target (rounded up to whole people), the\n"
	 "exposures for a click rate, the ad budget for a CPM (per 1000 exposures)\n"
	 "and the GMV for a unit price.  Rates are shares (0.15 or 15%); with\n"
	 "--event and no --rates they come from the event's plan.  Without --goal:\n"
	 "the event's stages, targets that do not follow from the rates (!), pace\n"
	 "against the time elapsed, spend against budget and ROI."},
	{"review", cmd_review,
	 "review [list] [--event E]\n"
	 "       review add STAGE [--cause TEXT] [--factor F] [--lesson TEXT] [--event E]\n"
	 "       review edit ID [--stage S] [--cause TEXT] [--factor F] [--lesson TEXT]\n"
	 "       review rm ID",
	 "record causes of variance and lessons (the four-step review)",
	 "STAGE is a funnel stage or budget line of the event, or - for the event\n"
	 "as a whole.  F is controllable, semi-controllable or uncontrollable.\n"
	 "Targets vs actuals: muster metrics; the report: muster export --format md."},
	{"template", cmd_template, "template save [EVENT] [-o|--output FILE]\n       template list",
	 "save an event as a reusable template, or list the templates",
	 "save: dates become relative to the start (T-14), statuses are reset and\n"
	 "actuals dropped; muster import FILE --start DATE plans the next event.\n"
	 "list: NAME.yaml files in ~/.config/muster/templates, then the installed\n"
	 "ones (muster import --template NAME --start DATE)."},
	{"gen", cmd_gen, "gen [--events E] [--tasks N] [--items M] [--samples S] [--seed SEED]",
	 "generate a large, realistic board (benchmarks)",
	 "N tasks and M items in all, split over E events (default 1, 1000, 200);\n"
	 "S history samples per metric (200).  The same seed gives the same board."},
	{"people", cmd_people,
	 "people [--event E]\n"
	 "       people add LOGIN [--name N] [--roles R1,R2] [--access A] [--event E]\n"
	 "       people set LOGIN [--name N] [--roles R1,R2] [--access A] [--event E]\n"
	 "       people rm LOGIN [--event E]",
	 "list or change the people of an event, their roles and access",
	 "A is coordinator (everything), staff (tick items of their roles' lists or\n"
	 "of lists with no role; status and notes of tasks of their roles or that\n"
	 "they own) or viewer (read only).  LOGIN * is everyone not listed.  An\n"
	 "event with no people is a personal board: everyone coordinates.  Only\n"
	 "coordinators change people."},
	{"undo", cmd_undo, "undo [--event E]", "take back your own last change",
	 "Only when nobody else changed that record since; undo again takes back\n"
	 "the change before (it is not redo).  Covers task and item changes, adds\n"
	 "and removals (from the trash) and metric set/add; not imports."},
	{"trash", cmd_trash, "trash [--event E]", "list deleted tasks and items", NULL},
	{"restore", cmd_restore, "restore ID", "bring back a deleted task or item (ID from muster trash)",
	 NULL},
	{"who", cmd_who, "who [--event E]", "who has the board open, on which pane", NULL},
	{"kiosk", cmd_kiosk, "kiosk [list]\n       kiosk add ACCOUNT\n       kiosk rm ACCOUNT",
	 "the Unix accounts that may act as others on a shared board",
	 "On a shared or guarded board everyone acts as their Unix login; an\n"
	 "account on this list (a kiosk account whose authorized_keys force\n"
	 "--as LOGIN) may act as another login, and the log shows LOGIN via\n"
	 "ACCOUNT.  Only root or the board file's owner changes the list."},
	{"backup", cmd_backup, "backup FILE", "a consistent copy of the board while others write",
	 "The copy holds every change acknowledged before it began, and FILE is\n"
	 "always the old copy or the whole new one (a temporary file beside it,\n"
	 "fsync, rename).  Restore: see the README (nobody on the board, copy over)."},
	{"log", cmd_log, "log [--since TIME] [--limit N] [--event E] [--by LOGIN]",
	 "who changed what, when",
	 "TIME is a date (2026-09-01), a local time (2026-09-01T14:00), or an age\n"
	 "like 30m, 2h, 3d, 1w.  --limit keeps the newest rows."},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static const char global_usage[] =
	"usage: muster [--db PATH] [--as LOGIN] [--json] [COMMAND [ARGS]]\n"
	"\n"
	"Without a command, muster opens the board in the terminal.\n"
	"\n";

static const char global_options[] =
	"\n"
	"options (before or after the command):\n"
	"  --db PATH     the board file (default $MUSTER_DB, else\n"
	"                $XDG_DATA_HOME/muster/board.db)\n"
	"  --as LOGIN    act as LOGIN (default $MUSTER_USER, else your login; on a\n"
	"                shared or guarded board only for kiosk accounts)\n"
	"  --json        lists as JSON arrays for programs\n"
	"  --event E     the event to act on or open (id or name)\n"
	"  --theme NAME, --no-color   for the board\n"
	"  --restricted  a kiosk session: nothing from the environment, --as/--db\n"
	"                only before it, no import/init/gen, files only into export_dir\n"
	"  --help, --version\n"
	"\n"
	"exit status: 0 ok (a saved change, even if printing its output fails), 1 usage,\n"
	"  2 data (unknown id or name, bad file), 3 busy (locked past the timeout),\n"
	"  4 database unusable, 5 denied, 6 conflict (someone else changed it since),\n"
	"  70 internal error (out of memory);\n"
	"  the board: 128+N when ended by signal N (130 Ctrl-C, 143 SIGTERM)\n"
	"see muster COMMAND --help\n";

void cli_usage(struct strbuf *out)
{
	sb_add(out, global_usage);
	sb_add(out, "commands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		sb_addf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	sb_add(out, global_options);
}

static void command_usage(const struct cli_command *cmd, struct strbuf *out)
{
	sb_addf(out, "usage: muster %s\n\n%s.\n", cmd->usage, cmd->summary);
	if (cmd->help)
		sb_addf(out, "%s\n", cmd->help);
}

/* ---- global options ---- */

static bool is_opt(const char *a, const char *name, const char **inline_val)
{
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return false;
	if (a[n] == '\0') {
		*inline_val = NULL;
		return true;
	}
	if (a[n] == '=') {
		*inline_val = a + n + 1;
		return true;
	}
	return false;
}

int cli_parse_globals(int *argc, char **argv, struct cli_globals *g)
{
	int out = 1, i = 1;
	bool seen_cmd = false, seen_restricted = false;
	memset(g, 0, sizeof *g);
	for (; i < *argc; i++) {
		const char *a = argv[i], *v = NULL;
		const char **dst = NULL;
		bool *flag = NULL;
		if (strcmp(a, "--") == 0)
			break;
		bool as = is_opt(a, "--as", &v), db = !as && is_opt(a, "--db", &v);
		if (as || db) {
			*(as ? &g->n_as : &g->n_db) += 1;
			if ((seen_restricted || seen_cmd) && !g->late)
				g->late = a;
		}
		if (db)
			dst = &g->db;
		else if (as)
			dst = &g->actor;
		else if (is_opt(a, "--theme", &v))
			dst = &g->theme;
		else if (!seen_cmd && is_opt(a, "--event", &v))
			dst = &g->event;
		else if (strcmp(a, "--json") == 0)
			flag = &g->json;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			flag = &g->help;
		else if (strcmp(a, "--version") == 0)
			flag = &g->version;
		else if (strcmp(a, "--no-color") == 0)
			flag = &g->no_color;
		else if (strcmp(a, "--restricted") == 0)
			flag = &g->restricted, seen_restricted = true;
		if (dst) {
			if (!v) {
				if (i + 1 >= *argc)
					return mu_fail(MU_USAGE, "option %s needs a value", a);
				v = argv[++i];
			}
			*dst = v;
			continue;
		}
		if (flag) {
			*flag = true;
			continue;
		}
		if (!seen_cmd && a[0] == '-' && a[1] != '\0')
			return mu_fail(MU_USAGE, "unknown option %s (see muster --help)", a);
		seen_cmd = true;
		argv[out++] = argv[i];
	}
	for (; i < *argc; i++) /* "--" and what follows stay for the command */
		argv[out++] = argv[i];
	argv[out] = NULL;
	*argc = out;
	return MU_OK;
}

char *cli_db_path(const struct cli_globals *g)
{
	const char *env = mu_env("MUSTER_DB");
	char *given = g->db && *g->db ? xstrdup(g->db) : env && *env ? xstrdup(env) : board_default_path();
	/* Absolute once: a later change of directory (or a rename of one on
	 * the way) cannot make a check and the open see two files. */
	char *abs = path_absolute(given);
	free(given);
	return abs;
}

/* ---- running a command ---- */

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* die() in a command that has committed its change: that change is done
 * and must not be made again by a retrying script, so exit 0 (a warning). */
static struct cli *running;
static int die_status(void) { return running && board_commits(running->board) > 0 ? 0 : 70; }

int cli_run(struct cli *c, int argc, char **argv)
{
	int rc;
	mu_errclear();
	running = c;
	die_set_status(die_status);
	c->cmd = find_command(argv[1]);
	if (!c->cmd) {
		rc = mu_fail(MU_USAGE, "unknown command '%s' (see muster --help)", argv[1]);
	} else if (c->g.help) {
		command_usage(c->cmd, &c->out);
		rc = MU_OK;
	} else {
		rc = c->cmd->run(c, argc - 1, argv + 1);
	}
	/* A command that committed its change has done it: what fails after
	 * (the board unusable for reading it back, out of memory, stdout
	 * closed or full) is a warning, and the exit status stays 0, so a
	 * script that retries on failure never makes the change twice. */
	bool saved = board_commits(c->board) > 0;
	if (rc == MU_OK) {
		fwrite(sb_str(&c->out), 1, c->out.len, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			int e = errno;
			if (saved) {
				fprintf(stderr, "muster: warning: the change was saved, but its output could not be written: %s\n",
					strerror(e));
				return MU_OK;
			}
			fprintf(stderr, "muster: cannot write output: %s\n", strerror(e));
			return MU_DB;
		}
		return MU_OK;
	}
	/* One line, with user text made harmless for the terminal. */
	struct strbuf msg = STRBUF_INIT;
	utf8_fit(&msg, *mu_errmsg() ? mu_errmsg() : "failed", INT_MAX, false);
	if (saved && rc == MU_DB) {
		fprintf(stderr, "muster: warning: the change was saved, but then: %s\n", sb_str(&msg));
		rc = MU_OK;
	} else {
		fprintf(stderr, "muster: %s\n", sb_str(&msg));
	}
	sb_free(&msg);
	return rc;
}

void cli_free(struct cli *c)
{
	if (running == c)
		running = NULL;
	if (c->board)
		board_close(c->board);
	free(c->db_path);
	config_free(&c->config);
	sb_free(&c->out);
}

/* ---- the board ---- */

int cli_event(struct cli *c, const struct cli_opts *o, int64_t *id)
{
	struct board *b;
	int rc = cli_board(c, 0, &b);
	if (rc)
		return rc;
	const char *e = o ? cli_opt(o, "event") : NULL;
	if (!e)
		e = c->g.event;
	return event_find(b, e, id);
}

int cli_board_event(struct cli *c, int argc, char **argv, struct board **b, int64_t *id)
{
	struct cli_opts o;
	int rc = cli_getopt(c, argc, argv, "event=", 0, 0, &o);
	if (rc || (rc = cli_board(c, 0, b)))
		return rc;
	return cli_event(c, &o, id);
}

int cli_event_arg(struct cli *c, const struct cli_opts *o, struct board **b, int64_t *id)
{
	if (o->nargs && cli_opt(o, "event"))
		return mu_fail(MU_USAGE, "give the event once: as EVENT or with --event");
	int rc = cli_board(c, 0, b);
	if (rc)
		return rc;
	return event_find(*b, o->nargs ? o->arg[0] : cli_opt(o, "event") ? cli_opt(o, "event") : c->g.event, id);
}
