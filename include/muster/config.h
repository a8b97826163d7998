/* User configuration: $XDG_CONFIG_HOME/muster/config.yaml (or
 * ~/.config/muster/config.yaml): theme, database, key bindings, refresh. */
#ifndef MUSTER_CONFIG_H
#define MUSTER_CONFIG_H
#include <stdbool.h>
#include <stddef.h>

struct config_bind {
	char *key;    /* as written: "j", "C-d", "F5", "Space", "Enter"... */
	char *action; /* action name from the action table */
	int line, col; /* where the key is in the config file (1-based), for
	                  "config.yaml:12:3: unknown action" messages */
};

struct config {
	char *theme;      /* NULL = "default" */
	char *db;         /* NULL = default path */
	int refresh_ms;   /* poll interval for live refresh; default 500 */
	bool restricted;  /* force kiosk mode */
	char *export_dir; /* where a restricted session may write; NULL = none */
	bool mouse;       /* default true */
	struct config_bind *binds;
	size_t nbinds;
	char *path; /* the file that was read; NULL if none (defaults only) */
};

/* Defaults, then the file if it exists (a missing file is not an error).
 * path NULL = the XDG location.  Errors: MU_DATA "FILE:LINE:COL: msg"; on
 * error *c holds the defaults (config_free is still safe). */
int config_load(const char *path, struct config *c);
void config_free(struct config *c);
/* The account's own config: HOME/.config/muster/config.yaml, with "~" in
 * its paths meaning home (the passwd home directory; never $HOME or
 * $XDG_CONFIG_HOME).  Defaults when home is NULL or the file is missing. */
int config_load_home(const char *home, struct config *c);
/* Allocated path of the default config file. */
char *config_default_path(void);

#endif
