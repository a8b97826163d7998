/* The command line (SPEC §3): global options, the command table and the
 * helpers every command group in src/cli/ shares (option parsing, number
 * checks, the board, tables vs --json).  main.c parses the global options
 * and calls cli_run() for a command or tui_run() for none. */
#ifndef MUSTER_CLI_H
#define MUSTER_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/config.h"
#include "muster/xalloc.h"

/* Options accepted before or after the command. */
struct cli_globals {
	const char *db;    /* --db PATH */
	const char *actor; /* --as LOGIN */
	const char *theme; /* --theme NAME (board only) */
	const char *event; /* --event E: the event a command (or the board) acts on */
	bool json, help, version, no_color, restricted;
};

/* Take the global options out of argv (anywhere up to a "--"), leaving
 * argv[0] and the command with its arguments; updates *argc.  MU_USAGE with
 * a message on a missing value or an unknown option before the command. */
int cli_parse_globals(int *argc, char **argv, struct cli_globals *g);

/* Database path and actor from the options, the environment, the defaults
 * (allocated; caller frees). */
char *cli_db_path(const struct cli_globals *g);
char *cli_actor(const struct cli_globals *g);

struct cli {
	struct cli_globals g;
	char *db_path, *actor;
	struct board *board; /* opened by cli_board() */
	const struct cli_command *cmd;
	const char *usage; /* subcommand usage for errors (else cmd->usage) */
	struct strbuf out; /* written to stdout only when the command succeeds */
	struct config config;   /* the user's config file, read by cli_setup() */
	const char *export_dir; /* restricted sessions write files only here (config) */
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv); /* argv[0] = name */
	const char *usage;   /* "tasks [--event E] ..." */
	const char *summary; /* one line for muster --help */
	const char *help;    /* further lines for muster COMMAND --help, or NULL */
};

/* Runs argv[1..] as a command (argv[1] = command name); prints the output
 * or the error line; returns the exit status. */
int cli_run(struct cli *c, int argc, char **argv);
/* muster --help text. */
void cli_usage(struct strbuf *out);
void cli_free(struct cli *c);

/* ---- for the command groups ---- */

/* Per-command options: spec is a space-separated list of names, "name="
 * takes a value; one-letter names are written -x, others --name (also
 * --name=value).  "--" ends the options.  Numbers like -5 are arguments. */
#define CLI_MAX_OPTS 16
#define CLI_MAX_ARGS 8
struct cli_opts {
	const char *val[CLI_MAX_OPTS]; /* by position in spec; flags get "" */
	const char *spec;
	char *arg[CLI_MAX_ARGS];
	int nargs;
};
int cli_getopt(struct cli *c, int argc, char **argv, const char *spec, int min_args, int max_args,
	       struct cli_opts *o);
/* Value of option name, or NULL when not given. */
const char *cli_opt(const struct cli_opts *o, const char *name);

/* The board, opened on first use (flags: BOARD_CREATE...). */
int cli_board(struct cli *c, unsigned flags, struct board **b);
/* The event of --event (or the only / most recent one). */
int cli_event(struct cli *c, const struct cli_opts *o, int64_t *id);

/* Strict numbers: "muster: <what> must be a number: 12x" (MU_USAGE). */
int cli_parse_id(const char *what, const char *s, int64_t *out);      /* > 0 */
int cli_parse_count(const char *what, const char *s, int64_t *out);   /* >= 0 */
int cli_parse_real(const char *what, const char *s, double *out);     /* finite */
/* --limit N (0 or absent = all). */
int cli_limit(const struct cli_opts *o, size_t *limit);
/* A due date: YYYY-MM-DD, or T-14 relative to the event start; "" stays ""
 * (clears).  Writes the resolved date to out. */
int cli_parse_due(struct cli *c, int64_t event, const char *s, char out[11]);

/* Output helpers: numbers without needless decimals ("157500", "0.15"). */
void cli_num(struct strbuf *b, double v);         /* NAN → "" */
void cli_percent(struct strbuf *b, double ratio); /* 0.153 → "15%", NAN → "" */
/* Print a finished table into c->out (cut to the terminal width when stdout
 * is a terminal). */
struct table;
void cli_table(struct cli *c, struct table *t);
/* Write text to path through a temporary file and rename(): a reader never
 * sees half a file, and a failure leaves any old file alone. */
int cli_write_file(const char *path, const char *text, size_t len);

/* JSON: one object per line inside [ ]; keys follow the schema. */
void json_open(struct strbuf *b, bool *first);  /* "{"  */
void json_close(struct strbuf *b);              /* "}"  */
void json_key(struct strbuf *b, bool *first, const char *key);
void json_str(struct strbuf *b, bool *first, const char *key, const char *v); /* NULL → null */
void json_text(struct strbuf *b, bool *first, const char *key, const char *v); /* NULL/"" → null */
void json_int(struct strbuf *b, bool *first, const char *key, int64_t v);
void json_id(struct strbuf *b, bool *first, const char *key, int64_t v); /* 0 → null */
void json_real(struct strbuf *b, bool *first, const char *key, double v); /* NAN → null */
void json_bool(struct strbuf *b, bool *first, const char *key, bool v);
void json_array_item(struct strbuf *b, size_t i); /* "[\n" or ",\n" before item i */
void json_array_end(struct strbuf *b, size_t n);  /* "[]\n" or "\n]\n" */

/* ---- shared boards and restricted sessions (src/cli/shared.c) ---- */

/* Before the board opens: read the config into c->config; restricted (flag
 * or config) drops $MUSTER_USER / $MUSTER_DB, takes the config's export_dir
 * and restricts the model (access_restrict).  The config's database is the
 * board when neither --db nor $MUSTER_DB names one. */
int cli_setup(struct cli *c);
/* A board in a setgid directory or group-writable: open it with umask 002. */
bool cli_shared_board(const char *path);
/* One "muster: warning: ... fix: COMMAND" line per problem: world-writable
 * board, -wal, -shm or directory; a -shm this user cannot write. */
void cli_shared_warnings(const char *path, struct strbuf *out);
/* init --shared GROUP: setgid directory of GROUP, file, -wal and -shm 0660. */
int cli_shared_init(struct cli *c, const char *group);
/* Where `-o FILE` may be written: anywhere, or in a restricted session only
 * a plain name inside export_dir (MU_DENIED otherwise).  Allocated. */
int cli_output_path(struct cli *c, const char *file, char **out);

/* Command groups (one file each). */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_events(struct cli *c, int argc, char **argv);
int cmd_tasks(struct cli *c, int argc, char **argv);
int cmd_task(struct cli *c, int argc, char **argv);
int cmd_items(struct cli *c, int argc, char **argv);
int cmd_tick(struct cli *c, int argc, char **argv);
int cmd_untick(struct cli *c, int argc, char **argv);
int cmd_metric(struct cli *c, int argc, char **argv);
int cmd_metrics(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_funnel(struct cli *c, int argc, char **argv);   /* src/cli/funnel.c */
int cmd_review(struct cli *c, int argc, char **argv);   /* src/cli/review.c */
int cmd_template(struct cli *c, int argc, char **argv); /* src/cli/template.c */
int cmd_people(struct cli *c, int argc, char **argv);   /* src/cli/people.c */
int cmd_undo(struct cli *c, int argc, char **argv);     /* src/cli/undo.c */
int cmd_trash(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_who(struct cli *c, int argc, char **argv);
int cmd_metric_import(struct cli *c, int argc, char **argv); /* src/cli/metric_import.c */
int cmd_gen(struct cli *c, int argc, char **argv);      /* src/cli/gen.c */
int cmd_backup(struct cli *c, int argc, char **argv);   /* src/cli/backup.c */

#endif
