/* The command line (SPEC §3): global options, the command table and the
 * helpers every command group in src/cli/ shares (option parsing, number
 * checks, the board, tables vs --json).  main.c parses the global options
 * and calls cli_run() for a command or tui_run() for none. */
#ifndef MUSTER_CLI_H
#define MUSTER_CLI_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "muster/board.h"
#include "muster/config.h"
#include "muster/table.h"
#include "muster/tui.h"
#include "muster/xalloc.h"

/* Options accepted before or after the command. */
struct cli_globals {
	const char *db;    /* --db PATH */
	const char *actor; /* --as LOGIN */
	const char *theme; /* --theme NAME (board only) */
	const char *event; /* --event E: the event a command (or the board) acts on */
	bool json, help, version, no_color, restricted;
	/* For restricted sessions (cli_restricted_args): how often --as and
	 * --db came, and the first one after --restricted or the command. */
	int n_as, n_db;
	const char *late;
};

/* Take the global options out of argv (anywhere up to a "--"), leaving
 * argv[0] and the command with its arguments; updates *argc.  MU_USAGE with
 * a message on a missing value or an unknown option before the command. */
int cli_parse_globals(int *argc, char **argv, struct cli_globals *g);

/* Database path from the options, the environment, the defaults
 * (allocated; caller frees). */
char *cli_db_path(const struct cli_globals *g);

struct cli {
	struct cli_globals g;
	char *db_path;
	/* The login asked for (--as, else $MUSTER_USER outside restricted
	 * sessions; NULL = none): the board decides who acts (board_open), so
	 * use board_actor() for the actor. */
	const char *as;
	bool as_from_env;
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
/* The board and the event of a command taking [EVENT] or --event (given
 * once), else the only / most recent one. */
int cli_event_arg(struct cli *c, const struct cli_opts *o, struct board **b, int64_t *id);
/* A command whose only option is --event: the board and that event. */
int cli_board_event(struct cli *c, int argc, char **argv, struct board **b, int64_t *id);

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
void cli_table(struct cli *c, struct table *t);
/* A new table with these columns (table_new + table_col for each). */
struct cli_col {
	const char *header;
	enum table_align align;
	unsigned flags; /* TABLE_SHRINK ... */
};
struct table *cli_table_new(const struct cli_col *cols, size_t n);
/* Write text to path whole or not at all, never through a symlink or a
 * guessable temporary name (safefile_write_all, muster/safefile.h). */
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

/* Before the board opens: the account's own config (its passwd home
 * directory) says whether the session is restricted (so does --restricted,
 * or restricted: true in the $XDG_CONFIG_HOME config).  A restricted
 * session clears the environment but for TERM, LANG, LC_*, TZ (checked;
 * HOME becomes the passwd home), reads only the account's own config,
 * takes --as / --db only from the forced command (cli_restricted_args),
 * takes the config's export_dir and restricts the board (access_restrict,
 * in cli_board).
 * Otherwise the config is the $XDG_CONFIG_HOME one.  The config's database
 * is the board when neither --db nor $MUSTER_DB names one; c->as is the
 * login asked for. */
int cli_setup(struct cli *c);
/* A board in a setgid directory or group-writable: its own files are made
 * with umask 002 (around the open only). */
bool cli_shared_board(const char *path);

/* ---- restricted sessions (src/cli/restricted.c) ---- */

/* Keep only TERM, LANG, LC_* and TZ with sane values; HOME = home (the
 * passwd home directory; unset when NULL). */
void cli_restricted_env(const char *home);
/* Whether NAME=VALUE may stay in a restricted session's environment. */
bool cli_env_allowed(const char *name, const char *value);
/* --as and --db at most once each, before --restricted and the command:
 * MU_DENIED naming the one refused. */
int cli_restricted_args(const struct cli_globals *g);
/* An export name a restricted session may use: a plain file name, no
 * control characters, valid UTF-8 (MU_DENIED otherwise). */
int cli_restricted_name(const char *file, const char *export_dir);
/* init --guarded (src/cli/guarded.c): the directory and files of the board
 * belong to this muster's setgid group (2770 / 660). */
int cli_guarded_init(struct cli *c);
/* One "muster: warning: ... fix: COMMAND" line per problem: world-writable
 * board, -wal, -shm or directory; a -shm this user cannot write. */
void cli_shared_warnings(const char *path, struct strbuf *out);
/* init --shared GROUP: setgid directory of GROUP, file, -wal and -shm
 * 0660, the mode "shared" recorded (a guarded board stays guarded). */
int cli_shared_init(struct cli *c, const char *group);
/* The board's own directory: made (parents with the user's umask, never
 * given to the group), group gid, setgid, 2770; refused for a directory
 * writable by everyone.  Then the board, -wal and -shm: group gid, 0660. */
int cli_group_dir(const char *db_path, gid_t gid, const char *groupname);
int cli_group_files(const char *db_path, gid_t gid, const char *groupname);
/* Where `-o FILE` may be written: anywhere, or in a restricted session only
 * a plain name inside export_dir (MU_DENIED otherwise).  Allocated. */
int cli_output_path(struct cli *c, const char *file, char **out);
/* The file of -o / --output through cli_output_path(); *out stays NULL
 * without one or for "-" (standard output). */
int cli_output_opt(struct cli *c, const struct cli_opts *o, char **out);

/* ---- templates (src/cli/template.c) ---- */

struct cli_template {
	char *name, *path;  /* "mid-autumn-package-promo" and its file */
	char *event, *kind; /* the plan's event name and kind */
	size_t tasks, items;
	int days;           /* start to end, 0 when the plan has no end */
};
struct cli_template_list {
	struct cli_template *v;
	size_t n, cap;
};
/* Every template of the search path (datadir_names), parsed; one that does
 * not parse is left out with a "muster: warning: ..." line in warnings (or
 * silently when warnings is NULL). */
void cli_templates(struct cli_template_list *l, struct strbuf *warnings);
void cli_templates_free(struct cli_template_list *l);
/* The file of template NAME (allocated); MU_DATA "no template NAME;
 * available: a, b" when there is none, MU_USAGE for a path. */
int cli_template_path(const char *name, char **path);
/* Parse the plan at path (moved to start, or NULL), create the board if it
 * is missing and import it as a new event: *id.  Warnings go to stderr
 * unless CLI_IMPORT_QUIET; CLI_IMPORT_MINE makes the actor one of its
 * people, a coordinator (the first run's own board); out (may be NULL)
 * gets "imported event N: ..." or its JSON. */
enum { CLI_IMPORT_QUIET = 1, CLI_IMPORT_MINE = 2 };
int cli_import_plan(struct cli *c, const char *path, const char *start, unsigned flags, int64_t *id,
		    struct strbuf *out);

/* ---- the first run (src/cli/firstrun.c) ---- */

/* "muster: not a terminal; ..." (with "connect with ssh -t" in an ssh
 * session without a terminal), newline-terminated. */
const char *cli_no_terminal_message(void);
struct cli_welcome {
	struct tui_welcome tui; /* for tui_options.welcome */
	struct cli *cli;
	struct cli_template_list list;
	struct tui_template *tpl;
};
/* No board at c->db_path (and not a restricted session): fill w for the
 * welcome screen and return true; else false (open the board as before). */
bool cli_welcome_prepare(struct cli *c, struct cli_welcome *w);
void cli_welcome_free(struct cli_welcome *w);

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
int cmd_kiosk(struct cli *c, int argc, char **argv);    /* src/cli/kiosk.c */
int cmd_backup(struct cli *c, int argc, char **argv);   /* src/cli/backup.c */

#endif
