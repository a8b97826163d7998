/* Private to src/tui: the app (loop, layout, focus), the pane interface
 * every pane fills with designated initialisers, dirty flags, and the shared
 * drawing, colour, list and form helpers.  The only header with <curses.h>. */
#ifndef MUSTER_TUI_PRIVATE_H
#define MUSTER_TUI_PRIVATE_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>
#include "muster/board.h"
#include "muster/clock.h"
#include "muster/config.h"
#include "muster/date.h"
#include "muster/err.h"
#include "muster/event.h"
#include "muster/item.h"
#include "muster/metric.h"
#include "muster/people.h"
#include "muster/presence.h"
#include "muster/task.h"
#include "muster/theme.h"
#include "muster/tui.h"
#include "muster/utf8.h"
#include "muster/xalloc.h"
#include "action.h"

enum pane_id { PANE_TIMELINE, PANE_TASKS, PANE_ITEMS, PANE_METRICS, PANE_N };

/* What needs drawing; handlers return these, the loop redraws only them. */
enum dirty {
	DIRTY_TIMELINE = 1 << PANE_TIMELINE,
	DIRTY_TASKS = 1 << PANE_TASKS,
	DIRTY_ITEMS = 1 << PANE_ITEMS,
	DIRTY_METRICS = 1 << PANE_METRICS,
	DIRTY_PANES = 0x0f,
	DIRTY_TITLE = 1 << 4,
	DIRTY_HINT = 1 << 5,
	DIRTY_LAYOUT = 1 << 6, /* sizes changed: clear and draw everything */
	DIRTY_ALL = 0x7f,
	UNHANDLED = 1u << 30, /* the pane did not take the action */
};
#define DIRTY_PANE(id) (1u << (id))

struct rect {
	int y, x, h, w;
};

struct app;
struct pane;

struct pane_ops {
	const char *name;
	/* Bytes of the pane's own state: the app allocates them zeroed as
	 * struct pane's priv before the first open, frees them after fini
	 * (tig's private_size).  A pane keeps no state at file scope. */
	size_t private_size;
	enum action_group keymap;
	/* A new event was opened: reset filters and position. */
	void (*open)(struct app *a, struct pane *p);
	/* Title text after the pane name ("Operations 3/12"). */
	void (*title)(struct app *a, struct pane *p, struct strbuf *out);
	/* (Re)load what the pane shows: rows top .. top + in.h. */
	void (*load)(struct app *a, struct pane *p);
	void (*draw)(struct app *a, struct pane *p);
	/* Returns dirty flags, or UNHANDLED. */
	unsigned (*handle)(struct app *a, struct pane *p, enum action act);
	/* A mouse click on content row/col (0-based inside the border). */
	unsigned (*click)(struct app *a, struct pane *p, int row, int col);
	/* Index of the next row from `from` (exclusive) in direction dir that
	 * matches pat, wrapping; -1 when none. */
	int64_t (*find)(struct app *a, struct pane *p, const char *pat, int64_t from, int dir);
	void (*fini)(struct pane *p);
};

#define ROWSIG_MAX 256
#define FLASH_MAX 32
struct rowsig {
	int64_t id;
	uint32_t hash;
};

struct pane {
	const struct pane_ops *ops;
	enum pane_id id;
	struct rect box, in; /* with border; inside the border */
	bool join_top;       /* top border shared with the pane above */
	bool visible, need_load;
	int below; /* index of the pane whose title line is our bottom, or -1 */
	/* The list every pane is: total rows, first shown, cursor, its id. */
	int64_t total, top, cur, sel_id;
	/* Rows of the last load, to see what others changed (flash). */
	struct rowsig sig[ROWSIG_MAX];
	int nsig;
	int64_t sig_top;
	struct {
		int64_t id;
		long long until;
	} flash[FLASH_MAX];
	void *priv; /* the pane's own state (pane_ops.private_size) */
};

struct app {
	struct board *b;
	const struct tui_options *o;
	int64_t event_id;
	struct event ev;
	struct pool evpool;
	struct phase_list phases;
	struct role_list roles;
	struct person_list people;
	struct checklist_list lists;
	const char *access; /* of the actor in this event (event_access) */
	char access_buf[16];
	enum access_level level;
	struct presence_list presence; /* sessions on this event, self included */
	const char *where;             /* an open sheet's name for presence, else NULL */
	long long last_beat;
	int64_t change_counter;        /* board_change_counter at the last reload */
	int32_t today;
	int H, W;
	struct pane pane[PANE_N];
	struct keymap keys; /* the default keys and the config's binds */
	int focus;
	bool zoom, too_small, mono, quit;
	unsigned dirty;
	char status[512];
	bool status_err;
	long long status_until;
	int64_t data_version;
	long long last_poll, now;
	bool live; /* the current load is a live refresh: flash what changed */
	int refresh_ms;
	char search[128];
	char log_only[64]; /* the log screen's login filter, "" = everyone; kept between visits */
	char label[128]; /* the board's label setting ("demo"), shown in the title */
	int nmetrics; /* rows of the metrics pane, for the layout */
	size_t nphases;
};

/* app.c */
void app_status(struct app *a, bool err, const char *fmt, ...) MU_PRINTF(3, 4);
/* Show a failed model call (mu_errmsg) in the status line; returns flags. */
unsigned app_fail(struct app *a, const char *what);
/* Reload event data and every visible pane (after a change). */
void app_reload(struct app *a);
bool app_open_event(struct app *a, int64_t id);
/* After a model call that changes the board: everything reloaded and
 * redrawn (DIRTY_ALL), or (rc not MU_OK) the failure of what shown. */
unsigned app_changed(struct app *a, int rc, const char *what);
/* Draw what is dirty (loading panes that need it), then one doupdate(). */
void app_refresh(struct app *a);
/* Heartbeat (presence) when due, then PRAGMA data_version: true when
 * another process made a real change (board_change_counter moved); a
 * heartbeat of someone else only redraws the title line. */
bool app_poll(struct app *a);
/* The name others see for where we are ("tasks", "log"...). */
const char *app_where(struct app *a);
/* Shown but not allowed (viewer): says why in the status line. */
unsigned app_denied(struct app *a, const char *what);

/* terminal.c: curses started (signals, the saved tty, keys, colours,
 * mouse) and put back; false when the terminal cannot be opened. */
bool term_start(struct app *a, const struct theme *th);
void term_restore(void);
/* The signal that ends the board (SIGINT, SIGTERM, SIGHUP, or SIGHUP for a
 * terminal gone), 0 while none came; app_signalled: one came. */
int term_signal(void);
bool app_signalled(void);
/* Next key (code point or KEYCODE_FN + KEY_*) within ms (-1 = wait); -1 on
 * timeout.  Unknown escape sequences are swallowed. */
int ui_getkey(int ms);

/* replay.c: with $MUSTER_REPLAY, ui_getkey() takes keys from that file
 * and $MUSTER_TIMINGS gets the time of each (benchmarks, smoke tests). */
bool replay_active(void);
int replay_key(void);
/* The keys of a replay file's text, one a line ("#" comments, blank lines
 * and a CR before the newline skipped): MU_DATA with "NAME:LINE: not a
 * key: TEXT" for the first line that is not.  *keys is allocated. */
int replay_parse(const char *name, const char *buf, size_t len, int **keys, size_t *nkeys);
/* Why MUSTER_TIMINGS could not be written, or NULL. */
const char *replay_error(void);

/* winsize.c: the window size, capped.  Past WINSIZE_MAX_W columns or
 * WINSIZE_MAX_H lines the board draws as if the terminal were that size
 * (and says so once in the status line); memory stays bounded whatever
 * size the tty reports. */
#define WINSIZE_MAX_W 1000
#define WINSIZE_MAX_H 300
/* Before newterm: our SIGWINCH handler, the clamped size for ncurses. */
void winsize_init(void);
/* After a SIGWINCH: the tty's size read again, clamped and applied
 * (resize_term); true when there was one (a KEY_RESIZE for the caller). */
bool winsize_resized(void);
/* The tty's real size; true when it is past the cap. */
bool winsize_capped(int *h, int *w);

/* welcome.c: the first-run screen (curses started); *b NULL when the
 * user quit (or a signal came). */
int welcome_run(const struct tui_welcome *w, struct board **b);

/* layout.c */
void app_layout(struct app *a);
void app_draw(struct app *a); /* without doupdate() */
struct pane *app_pane_at(struct app *a, int y, int x);

/* input.c */
void app_key(struct app *a, int key);
void app_mouse(struct app *a);

/* colour.c */
void colour_init(const struct theme *t, bool mono);
attr_t ui_attr(enum ui_role r);
void ui_set(enum ui_role r);

/* draw.c: text is always measured in columns and cut with "…". */
int ui_text(int y, int x, int w, const char *s, enum ui_role r, bool pad);
int ui_text_right(int y, int x, int w, const char *s, enum ui_role r);
void ui_fill(int y, int x, int w, enum ui_role r);
void ui_box(struct rect r, const char *title, bool focus, bool join_top);
void ui_bar(int y, int x, int w, double frac, enum ui_role r);
void ui_spark(int y, int x, int w, const double *v, size_t n, enum ui_role r);
void fmt_num(char *buf, size_t n, double v);
void fmt_day(char out[8], const char *iso); /* "Sep 07" or "" */
/* s cut to cols columns (whole characters, "…") into buf; returns buf. */
char *text_cut(char *buf, size_t n, const char *s, int cols);
bool str_match(const char *hay, const char *needle); /* case-insensitive ASCII */
uint32_t hash_str(uint32_t h, const char *s);
uint32_t hash_int(uint32_t h, int64_t v);

/* list.c: the cursor and window of a pane's list. */
unsigned list_move(struct app *a, struct pane *p, enum action act);
/* Keep cur and top inside 0..total after total changed. */
void list_clamp(struct pane *p);
void list_scroll(struct app *a, struct pane *p, int rows);
void list_goto(struct app *a, struct pane *p, int64_t row);
/* After a load: keep the cursor on sel_id if it is in the window. */
void list_follow(struct pane *p, const int64_t *ids, int n);
/* After a load: compare rows with the previous load, flash changes. */
void list_signature(struct app *a, struct pane *p, const struct rowsig *rows, int n);
bool list_flashing(struct app *a, struct pane *p, int64_t id);
long long list_next_flash_end(struct app *a);
/* Row attribute: cursor, flash or the given role. */
enum ui_role list_role(struct app *a, struct pane *p, int64_t row, int64_t id, enum ui_role r);
/* A search that found nothing: n/N for the same text over the same list
 * (scope: the pane's filter) with nothing changed since (change_counter)
 * answer at once instead of reading every row again. */
struct find_miss {
	char text[128];
	int64_t counter;
	uint32_t scope;
	bool set;
};
bool list_find_missed(struct app *a, const struct find_miss *m, const char *text, uint32_t scope);
void list_find_miss(struct app *a, struct find_miss *m, const char *text, uint32_t scope);
/* The end of a pane's find: the row of a search that returned rc, -1
 * when none (a miss, MU_DATA, is remembered in m for the next n/N). */
int64_t list_found(struct app *a, struct find_miss *m, const char *text, uint32_t scope, int rc, int64_t row);

/* form.c */
/* FIELD_INFO: shown, not editable (the cursor skips it, nothing checked). */
enum field_kind { FIELD_TEXT, FIELD_DATE, FIELD_NUMBER, FIELD_INT, FIELD_ROLE, FIELD_PHASE, FIELD_OWNER, FIELD_INFO };
struct form_field {
	const char *label;
	enum field_kind kind;
	bool required;
	bool multiline; /* notes: wraps over several rows, C-j a new line */
	size_t max;     /* bytes it takes (0 = BOARD_TITLE_MAX): the model's limit */
	/* in: the initial text (form_set; NULL = ""); out: what was entered,
	 * whole (allocated: form_free) */
	char *text;
	/* Optional own check after the kind's: may normalise the text
	 * (form_set); false with a message in err refuses it. */
	bool (*check)(struct app *a, struct form_field *f, char *err, size_t n);
	const void *ctx; /* for check: what the caller's check reads */
	bool changed; /* out: the user changed it (a field left alone is not checked) */
};
/* A modal dialog; true when saved (every changed field valid), false on
 * Escape.  The caller frees the texts with form_free either way. */
bool form_run(struct app *a, const char *title, struct form_field *f, int n);
void form_set(struct form_field *f, const char *fmt, ...) MU_PRINTF(2, 3);
void form_free(struct form_field *f, int n);

/* textedit.c: the text of one field while it is edited. */
struct tedit {
	uint32_t *ch;     /* code points */
	int len, pos, top; /* top: first character (one line) or row (notes) shown */
	size_t cap, bytes, max;
	bool multiline;
};
void tedit_set(struct tedit *t, const char *s, size_t max, bool multiline);
void tedit_free(struct tedit *t);
char *tedit_text(const struct tedit *t); /* allocated UTF-8 */
/* An editing or moving key; false when not taken (Up on the first row of
 * notes, Tab...); *full when an insertion would pass max (refused). */
bool tedit_key(struct tedit *t, int key, int w, bool *full);
int tedit_rows(const struct tedit *t, int w); /* rows the text wraps to in w columns */
/* Draw into h rows of w columns at y, x; *cy, *cx: where the cursor is.
 * Notes scroll to the cursor when focus; else they show where they were
 * (from the top, at first). */
void tedit_draw(struct tedit *t, int y, int x, int w, int h, bool focus, int *cy, int *cx);
/* One-line question in the status line; true on y/Y. */
bool ui_confirm(struct app *a, const char *question);
bool parse_number(const char *s, double *v);

/* sheet.c: full-screen lists (review, log, trash, people). */
enum { SHEET_ROW, SHEET_HEAD };
#define SHEET_RELOAD (1u << 29) /* a sheet's handle: load the rows again */
struct sheet_row {
	int64_t id;
	int kind; /* SHEET_HEAD, SHEET_ROW or the sheet's own kinds */
	enum ui_role role;
	char *text;
};
struct sheet {
	const char *name;  /* for presence: "review" */
	char title[160];
	const char *foot;  /* key hints in the bottom line */
	const char *empty; /* shown when there are no rows */
	struct sheet_row *rows;
	size_t n, cap;
	int cur, top;
	bool done;
	void *ctx;
	void (*load)(struct app *a, struct sheet *s);
	/* SHEET_RELOAD, 0, or UNHANDLED */
	unsigned (*handle)(struct app *a, struct sheet *s, enum action act);
};
void sheet_run(struct app *a, struct sheet *s);
void sheet_clear(struct sheet *s);
void sheet_add(struct sheet *s, int64_t id, int kind, enum ui_role role, const char *text);
void sheet_head(struct sheet *s, const char *text);
/* text padded or cut to w columns (right: aligned right) onto out. */
void sheet_col(struct strbuf *out, const char *text, int w, bool right);
const struct sheet_row *sheet_current(const struct sheet *s);

/* The screens. */
void review_show(struct app *a);
void log_show(struct app *a);
void trash_show(struct app *a);
void people_show(struct app *a);

/* dialog.c */
void help_show(struct app *a);
void event_pick(struct app *a);
/* A question in a box: body wrapped, foot ("o overwrite · Esc cancel") on
 * the last line; returns the key pressed among keys, or 27 (Escape). */
int ui_choice(struct app *a, const char *title, const char *body, const char *foot, const char *keys);
/* Both the user and someone else changed these fields of what ("task
 * #12"): asks, field by field, keep mine (m) or keep theirs (t), into each
 * keep_mine; false on Escape (nothing to save). */
struct merge;
bool ask_merge(struct app *a, const char *what, struct merge *m);

/* task_form.c: the tasks pane's form, for t or (NULL) a new task of the
 * pane's role index and "mine" filter; returns dirty flags. */
unsigned task_form(struct app *a, struct pane *p, const struct task *t, int role, bool mine);

/* The panes. */
extern const struct pane_ops pane_timeline_ops, pane_tasks_ops, pane_items_ops, pane_metrics_ops;

/* Lookups over the event data. */
const char *role_name_of(struct app *a, int64_t role_id);

#endif
