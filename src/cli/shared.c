/* Boards shared by a team and kiosk sessions: `init --shared GROUP` (a
 * setgid directory, group read/write file, -wal and -shm), umask 002 for
 * shared boards, warnings with the command that fixes them, and restricted
 * mode (--restricted or config `restricted: true`): who and which board
 * come only from the command line (the forced command of authorized_keys),
 * never from $MUSTER_USER / $MUSTER_DB, and files are written only into
 * the config's export_dir. */
#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/cli.h"
#include "muster/config.h"
#include "muster/identity.h"
#include "muster/path.h"
#include "muster/people.h"
#include "muster/priv.h"

/* 'path' quoted for a shell when it needs it. */
static void sh_quote(struct strbuf *b, const char *s)
{
	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@") == strlen(s)) {
		sb_add(b, s);
		return;
	}
	sb_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_add(b, "'\\''");
		else
			sb_addc(b, *s);
	}
	sb_addc(b, '\'');
}

static char *dir_of(const char *path)
{
	char *tmp = xstrdup(path);
	char *d = xstrdup(dirname(tmp));
	free(tmp);
	return d;
}

bool cli_shared_board(const char *path)
{
	struct stat st;
	char *dir = dir_of(path);
	bool shared = (stat(dir, &st) == 0 && (st.st_mode & S_ISGID)) ||
		      (stat(path, &st) == 0 && (st.st_mode & S_IWGRP));
	free(dir);
	return shared;
}

void cli_shared_warnings(const char *path, struct strbuf *out)
{
	char *dir = dir_of(path);
	const char *files[] = {path, NULL, NULL, dir};
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	files[1] = wal;
	files[2] = shm;
	for (int i = 0; i < 4; i++) {
		struct stat st;
		if (stat(files[i], &st) != 0)
			continue;
		bool dir_ok = i == 3 && (st.st_mode & S_ISVTX);
		if ((st.st_mode & S_IWOTH) && !dir_ok) {
			sb_addf(out, "muster: warning: %s is writable by everyone; fix: %schmod o-w ", files[i],
				st.st_uid == geteuid() ? "" : "sudo ");
			sh_quote(out, files[i]);
			sb_addc(out, '\n');
		}
	}
	struct stat st;
	if (stat(shm, &st) == 0 && access(shm, W_OK) != 0) {
		char ob[32], gb[32];
		const char *group = unix_group_name(st.st_gid, gb);
		sb_addf(out, "muster: warning: cannot write %s (owner %s, group %s, mode %03o): other people's changes"
			     " may fail or not show; fix: sudo chgrp %s ", shm, unix_user_name(st.st_uid, ob), group,
			(unsigned)(st.st_mode & 0777), group);
		sh_quote(out, shm);
		sb_add(out, " && sudo chmod g+rw ");
		sh_quote(out, shm);
		sb_addc(out, '\n');
	}
	free(wal);
	free(shm);
	free(dir);
}

int cli_group_dir(const char *db_path, gid_t gid, const char *groupname)
{
	char *dir = dir_of(db_path);
	int e = path_mkdir_p(dir, 0770); /* its mode is set below */
	struct stat st;
	int rc = MU_OK;
	if (e) {
		rc = mu_fail(MU_DB, "cannot create %s: %s", dir, strerror(e));
	} else if (stat(dir, &st) != 0) {
		rc = mu_fail(MU_DB, "cannot use %s: %s", dir, strerror(errno));
	} else if (st.st_mode & (S_ISVTX | S_IWOTH)) {
		/* /tmp and the like: never given to one group */
		rc = mu_fail(MU_USAGE, "%s is writable by everyone; a shared board needs a directory of its own", dir);
	} else if (st.st_gid != gid || (st.st_mode & 07077) != 02070) {
		/* the directory: group GROUP, setgid, group rwx, nothing for others */
		if (chown(dir, (uid_t)-1, gid) != 0 || chmod(dir, (st.st_mode & 0700) | 02770) != 0) {
			struct strbuf fix = STRBUF_INIT;
			sb_addf(&fix, "sudo chgrp %s ", groupname);
			sh_quote(&fix, dir);
			sb_add(&fix, " && sudo chmod 2770 ");
			sh_quote(&fix, dir);
			rc = mu_fail(MU_DENIED, "cannot give %s to group %s (%s); fix: %s", dir, groupname, strerror(errno),
				     sb_str(&fix));
			sb_free(&fix);
		}
	}
	free(dir);
	return rc;
}

int cli_group_files(const char *db_path, gid_t gid, const char *groupname)
{
	const char *sfx[] = {"", "-wal", "-shm"};
	int rc = MU_OK;
	for (int i = 0; i < 3 && !rc; i++) {
		struct stat st;
		char *f = xasprintf("%s%s", db_path, sfx[i]);
		if (lstat(f, &st) == 0 && S_ISREG(st.st_mode) &&
		    (chown(f, (uid_t)-1, gid) != 0 || chmod(f, 0660) != 0))
			rc = mu_fail(MU_DENIED, "cannot give %s to group %s: %s", f, groupname, strerror(errno));
		free(f);
	}
	return rc;
}

int cli_shared_init(struct cli *c, const char *groupname)
{
	struct group *gr = getgrnam(groupname);
	if (!gr)
		return mu_fail(MU_USAGE, "no group %s (create it: sudo groupadd %s)", groupname, groupname);
	gid_t gid = gr->gr_gid;
	struct board *b;
	struct stat st;
	int rc;
	/* a guarded board is never handed to a group of users */
	if (stat(c->db_path, &st) == 0 || errno == EACCES) {
		if ((rc = cli_board(c, 0, &b)))
			return rc;
		if (board_mode(b) == BOARD_GUARDED)
			return mu_fail(MU_DENIED, "%s is a guarded board and stays one", c->db_path);
	}
	if ((rc = cli_group_dir(c->db_path, gid, groupname)) || (rc = cli_board(c, BOARD_CREATE, &b)) ||
	    (rc = board_set_mode(b, BOARD_SHARED)))
		return rc;
	return cli_group_files(c->db_path, gid, groupname);
}

/* The board, opened on first use: the setgid group only around the open
 * of a guarded board, the group's umask only around a shared one's. */
int cli_board(struct cli *c, unsigned flags, struct board **b)
{
	if (!c->board) {
		/* A guarded board: the setgid group only for this open (the
		 * board, -wal and -shm stay open), then never again. */
		bool raised = false;
		int rc = priv_raise_for_board(c->db_path, &raised);
		if (rc) {
			priv_drop();
			return rc;
		}
		bool shared = !raised && cli_shared_board(c->db_path);
		mode_t mask = shared ? umask(002) : 0; /* its files stay group-writable */
		rc = board_open(&c->board, c->db_path, c->as,
				raised ? (flags & ~(unsigned)BOARD_CREATE) | BOARD_NOFOLLOW : flags);
		if (shared)
			umask(mask);
		priv_drop();
		if (rc != MU_OK) {
			c->board = NULL;
			if (rc == MU_DENIED && c->as_from_env) {
				char *m = xstrdup(mu_errmsg());
				mu_fail(rc, "%s (the login came from $MUSTER_USER: unset it)", m);
				free(m);
			}
			return rc;
		}
		if (c->g.restricted)
			access_restrict(c->board);
		struct strbuf w = STRBUF_INIT;
		if (!raised)
			cli_shared_warnings(c->db_path, &w);
		fputs(sb_str(&w), stderr);
		sb_free(&w);
	}
	*b = c->board;
	return MU_OK;
}

/* The passwd home directory of the real uid (allocated), or NULL. */
static char *account_home(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir && pw->pw_dir[0] == '/' ? xstrdup(pw->pw_dir) : NULL;
}

int cli_setup(struct cli *c)
{
	char *home = account_home();
	struct config own;
	bool restricted = c->g.restricted;
	if (restricted) /* before anything reads it */
		cli_restricted_env(home);
	/* The account's own config decides whether it is restricted. */
	int rc = config_load_home(home, &own);
	if (!rc && own.restricted && !restricted) {
		restricted = true;
		cli_restricted_env(home);
	}
	if (!rc && !restricted) {
		char *def = config_default_path();
		if (def && own.path && !strcmp(def, own.path)) {
			c->config = own; /* the same file */
			config_load_home(NULL, &own);
		} else {
			rc = config_load(NULL, &c->config);
		}
		free(def);
		if (!rc && c->config.restricted) { /* only ever stricter */
			restricted = true;
			cli_restricted_env(home);
		}
	}
	if (!rc && restricted) {
		config_free(&c->config);
		c->config = own;
		config_load_home(NULL, &own);
	}
	config_free(&own);
	free(home);
	if (rc)
		return rc;
	const struct config *cfg = &c->config;
	c->g.restricted = restricted;
	if (restricted) {
		/* Only the forced command names who and which board; the
		 * environment (cleared) and later arguments cannot. */
		if ((rc = cli_restricted_args(&c->g)))
			return rc;
		if (cfg->export_dir && *cfg->export_dir)
			c->export_dir = cfg->export_dir;
	}
	/* The board: --db, else $MUSTER_DB, else the config's database, else
	 * the XDG default (cli_db_path). */
	const char *env = mu_env("MUSTER_DB");
	if (!c->g.db && !(env && *env) && cfg->db && *cfg->db)
		c->g.db = cfg->db;
	c->as = c->g.actor && *c->g.actor ? c->g.actor : NULL;
	env = mu_env("MUSTER_USER");
	if (!c->as && env && *env) {
		c->as = env;
		c->as_from_env = true;
	}
	return MU_OK;
}

int cli_output_path(struct cli *c, const char *file, char **out)
{
	*out = NULL;
	if (!c->g.restricted) {
		*out = xstrdup(file);
		return MU_OK;
	}
	if (!c->export_dir)
		return mu_fail(MU_DENIED, "a restricted session may not write files");
	int rc = cli_restricted_name(file, c->export_dir);
	if (rc)
		return rc;
	*out = xasprintf("%s/%s", c->export_dir, file);
	return MU_OK;
}

int cli_output_opt(struct cli *c, const struct cli_opts *o, char **out)
{
	const char *file = cli_opt(o, "o") ? cli_opt(o, "o") : cli_opt(o, "output");
	*out = NULL;
	if (file && strcmp(file, "-") != 0)
		return cli_output_path(c, file, out);
	return MU_OK;
}
