/* People and access (SPEC §5): who may do what in an event.  Levels are
 * coordinator (everything), staff (tick items of their roles' checklists or
 * of lists with no role; change status of, and edit notes on, tasks of their
 * roles or that they own) and viewer (read only).  The model enforces them
 * in every change, so the command line and the screen obey the same rules;
 * a refusal is MU_DENIED with a message that says why.
 *
 * A login's level in an event: its person row; else the event's "*" row
 * (everyone else); else, when the event has no people at all, coordinator
 * (a personal board) unless the session is restricted; else the board
 * setting default_access; else viewer. */
#ifndef MUSTER_PEOPLE_H
#define MUSTER_PEOPLE_H
#include <stdbool.h>
#include <stdint.h>
#include "muster/board.h"

enum access_level { ACCESS_VIEWER, ACCESS_STAFF, ACCESS_COORDINATOR };
const char *access_name(enum access_level a); /* "viewer", "staff", "coordinator" */
/* MU_USAGE "access must be coordinator, staff or viewer: X" */
int access_parse(const char *s, enum access_level *out);

/* Where a level came from, for people lists and the title line. */
enum access_source {
	ACCESS_FROM_PERSON,   /* the login's own person row */
	ACCESS_FROM_EVERYONE, /* the event's "*" row */
	ACCESS_FROM_PERSONAL, /* the event has no people: everyone coordinates */
	ACCESS_FROM_BOARD,    /* the board's default_access setting */
	ACCESS_FROM_DEFAULT,  /* nobody said: viewer */
};

/* The acting login's level in event (0 = the board as a whole: the level
 * of the most recent event, coordinator when there is none). */
int access_get(struct board *b, int64_t event, enum access_level *level, enum access_source *from);
/* For the title line: writes "coordinator", "staff" or "viewer" to out. */
int event_access(struct board *b, int64_t event, char out[16]);

/* What the screen may offer (true = allowed); never fails: a database
 * error reads as "not allowed".  The model checks again when it changes. */
enum access_op {
	OP_STATUS,  /* task status */
	OP_NOTES,   /* task notes */
	OP_EDIT,    /* task or item fields */
	OP_ASSIGN,  /* task owner */
	OP_MOVE,    /* task order */
	OP_REMOVE,  /* task or item */
	OP_TICK,    /* item tick / untick */
};
bool access_may_task(struct board *b, int64_t task, enum access_op op);
bool access_may_item(struct board *b, int64_t item, enum access_op op);
/* Adding tasks, items and lists, metrics, people, restoring: coordinators. */
bool access_may_coordinate(struct board *b, int64_t event);

/* A board opened for a restricted (kiosk) session never gets the
 * personal-board rule, nor board-level changes.  Cannot be undone; set
 * right after board_open, before any other call. */
void access_restrict(struct board *b);
bool access_restricted(const struct board *b);

/* ---- people of an event (coordinators only; each change one audited
 * transaction, entity "person") ---- */
struct person_fields {
	const char *name;   /* NULL = unchanged / "" */
	const char *roles;  /* comma-separated role keys or names; NULL = unchanged, "" = none */
	const char *access; /* NULL = unchanged / "staff" */
};
#define PERSON_FIELDS_INIT {NULL, NULL, NULL}
/* LOGIN "*" is everyone not listed.  Adding the first person to an event
 * with no people also adds the actor as coordinator (so nobody locks
 * themselves out); *added_self tells. */
int person_add(struct board *b, int64_t event, const char *login, const struct person_fields *f,
	       bool *added_self);
int person_set(struct board *b, int64_t event, const char *login, const struct person_fields *f);
/* Refused when people would remain but no coordinator among them. */
int person_remove(struct board *b, int64_t event, const char *login);

/* ---- board settings (board-level: anyone who can write the file, not a
 * restricted session; audited as entity "board") ---- */
/* default_access: the level of unknown logins in events with people;
 * label: up to 24 columns shown in the board's title line ("demo"). */
int board_setting_set(struct board *b, const char *key, const char *value);
/* Allocated value or NULL when not set. */
char *board_setting_get(struct board *b, const char *key);

/* ---- for src/model: checks inside a change's transaction ---- */
int model_allow_task(struct board *b, int64_t task, enum access_op op);
int model_allow_item(struct board *b, int64_t item, enum access_op op);
/* what: "add tasks to", "remove", ... → "bob (staff) may not add tasks to
 * event #1: only coordinators may" */
int model_allow_event(struct board *b, int64_t event, const char *what);

#endif
