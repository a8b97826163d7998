/* The one action table of the board (like tig's REQ_INFO): group, id, name
 * used in config files, default keys (config key syntax, space-separated)
 * and help text.  It generates enum action, the keymaps, the help overlay
 * and the key list in the man page. */
#ifndef MUSTER_TUI_ACTION_H
#define MUSTER_TUI_ACTION_H
#include <stddef.h>

/* Groups: GLOBAL, MOVE and EDIT work in every pane (the generic keymap);
 * TIMELINE, TASKS, ITEMS, METRICS are the keymaps of one pane and are
 * looked up first when that pane has the focus; SHEET is the keymap of the
 * full-screen review, log, trash and people screens. */
#define ACTION_INFO(X) \
	X(GLOBAL, QUIT, "quit", "q", "Quit") \
	X(GLOBAL, HELP, "help", "? F1", "Show every key (this screen)") \
	X(GLOBAL, NEXT_PANE, "next-pane", "Tab", "Focus the next pane") \
	X(GLOBAL, PREV_PANE, "prev-pane", "S-Tab", "Focus the previous pane") \
	X(GLOBAL, PANE_1, "pane-timeline", "1", "Focus the timeline") \
	X(GLOBAL, PANE_2, "pane-tasks", "2", "Focus the tasks") \
	X(GLOBAL, PANE_3, "pane-materials", "3", "Focus the materials") \
	X(GLOBAL, PANE_4, "pane-metrics", "4", "Focus the metrics") \
	X(GLOBAL, ZOOM, "zoom", "z", "Zoom the focused pane to the whole screen and back") \
	X(GLOBAL, EVENT, "switch-event", "E C-e", "Pick another event") \
	X(GLOBAL, REDRAW, "redraw", "C-l", "Reload and redraw everything") \
	X(GLOBAL, UNDO, "undo", "u", "Undo your last change (if nobody changed it since)") \
	X(GLOBAL, REVIEW, "review", "v", "Review: targets vs actuals, causes, factors, lessons") \
	X(GLOBAL, LOG, "log", "L", "The log: who changed what, when, old → new") \
	X(GLOBAL, TRASH, "trash", "T", "The trash: deleted tasks and items, restore them") \
	X(GLOBAL, PEOPLE, "people", "P", "People, roles and access (coordinators change them)") \
	X(MOVE, UP, "up", "k Up", "Move up") \
	X(MOVE, DOWN, "down", "j Down", "Move down") \
	X(MOVE, PAGE_UP, "page-up", "PgUp C-b", "One page up") \
	X(MOVE, PAGE_DOWN, "page-down", "PgDn C-f", "One page down") \
	X(MOVE, FIRST, "first", "g Home", "First row") \
	X(MOVE, LAST, "last", "G End", "Last row") \
	X(MOVE, SEARCH, "search", "/", "Search in the focused pane") \
	X(MOVE, SEARCH_NEXT, "search-next", "n", "Next match") \
	X(MOVE, SEARCH_PREV, "search-prev", "N", "Previous match") \
	X(EDIT, TICK, "tick", "Space x", "Tick an item / task done, or untick it") \
	X(EDIT, ADD, "add", "a", "Add a task or an item") \
	X(EDIT, EDIT, "edit", "e Enter", "Edit the row (metrics: enter the actual)") \
	X(EDIT, DELETE, "delete", "d Del", "Delete the row (asks first)") \
	X(EDIT, CYCLE, "next-group", "r", "Next role (tasks) / checklist (materials)") \
	X(EDIT, CYCLE_BACK, "prev-group", "R", "Previous role / checklist") \
	X(TIMELINE, ZOOM_IN, "zoom-in", "+ =", "Timeline: zoom in (month, week, day)") \
	X(TIMELINE, ZOOM_OUT, "zoom-out", "-", "Timeline: zoom out") \
	X(TIMELINE, BACK, "scroll-back", "h [ Left", "Timeline: earlier") \
	X(TIMELINE, FORWARD, "scroll-forward", "l ] Right", "Timeline: later") \
	X(TIMELINE, TODAY, "today", "t", "Timeline: back to today") \
	X(TASKS, STATUS, "cycle-status", "s", "Task status: todo, doing, done") \
	X(TASKS, BLOCK, "block", "b", "Task blocked / unblocked") \
	X(TASKS, MINE, "mine", "m", "Only my tasks, or everyone's") \
	X(TASKS, MOVE_UP, "move-up", "K", "Move the task up") \
	X(TASKS, MOVE_DOWN, "move-down", "J", "Move the task down") \
	X(ITEMS, RAISE, "raise", "+", "Materials: one more ready") \
	X(ITEMS, SET_READY, "set-ready", "=", "Materials: set how many are ready (500 of 2000)") \
	X(ITEMS, LOWER, "lower", "-", "Materials: one less ready") \
	X(SHEET, FILTER, "filter", "f", "Log: only one person's changes (f again: everyone)") \
	X(SHEET, RESTORE, "restore", "r", "Trash: put the entry back")

enum action_group { GROUP_GLOBAL, GROUP_MOVE, GROUP_EDIT, GROUP_TIMELINE, GROUP_TASKS, GROUP_ITEMS, GROUP_METRICS, GROUP_SHEET, GROUP_N };

enum action {
	ACT_NONE,
#define X(g, id, name, keys, help) ACT_##id,
	ACTION_INFO(X)
#undef X
	ACT_N
};

struct action_info {
	enum action_group group;
	const char *name, *keys, *help;
};
extern const struct action_info action_table[ACT_N];
extern const char *const action_group_name[GROUP_N];

/* Keys: a Unicode code point, or KEYCODE_FN + an ncurses KEY_* code. */
#define KEYCODE_FN 0x200000
/* Parse "j", "C-d", "F5", "Space", "S-Tab"...; -1 when not a key name. */
int key_parse(const char *s);
/* Readable name of a key into buf (at least 16 bytes). */
const char *key_label(int key, char *buf, size_t n);

/* Keymaps: generic (GLOBAL/MOVE/EDIT) and one per pane group, in one small
 * table searched linearly (a few dozen entries); the app holds one. */
struct keymap {
	struct keymap_binding {
		int keymap; /* GROUP_GLOBAL = generic, else a pane group */
		int key;
		enum action action;
	} v[256];
	size_t n;
};
/* The default keys of the action table. */
void keymap_init(struct keymap *km);
/* Bind key to the action called name ("none" unbinds).  Returns 0, or -1
 * for an unknown key, -2 for an unknown action. */
int keymap_bind(struct keymap *km, const char *key, const char *name);
/* The action of key in pane group g (GROUP_GLOBAL = generic only). */
enum action keymap_lookup(const struct keymap *km, enum action_group g, int key);
/* Space-separated current keys of an action into buf. */
const char *keymap_keys(const struct keymap *km, enum action a, char *buf, size_t n);
enum action action_by_name(const char *name);

#endif
