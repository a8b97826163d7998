/* Helpers shared inside src/model/: input checks with clear messages and
 * LIKE patterns.  Not for the CLI or the screen. */
#ifndef MUSTER_MODEL_H
#define MUSTER_MODEL_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"

#define MODEL_TITLE_MAX BOARD_TITLE_MAX /* bytes in a title or name (muster/board.h) */
#define MODEL_NAME_MAX BOARD_NAME_MAX   /* bytes in a login, key, unit */
#define MODEL_NOTES_MAX BOARD_NOTES_MAX /* bytes in notes / objective */

/* Valid UTF-8, none of utf8_unsafe's characters (C0/C1 controls, bidi
 * controls, line separators) except \n and \t in notes, length within
 * [min, max] bytes.  MU_DATA "task title is empty", "task title contains a
 * bidirectional control U+202E (byte 4)" etc. */
int model_check_text(const char *what, const char *s, size_t min, size_t max);
/* "" (clear) or a real YYYY-MM-DD date. */
int model_check_date(const char *what, const char *s);
/* "%s%" pattern for LIKE ... ESCAPE '\' (allocated). */
char *model_like_pattern(const char *s);
/* MU_DATA "no event with id N" unless it exists. */
int model_event_exists(struct board *b, int64_t event);
/* Parse a whole decimal id (> 0); false if s is not one. */
int model_parse_id(const char *s, int64_t *id);

/* Tasks (task.c, task_edit.c): the audit snapshot query, and the checks
 * of add and edit (resolving role and phase: 0 = leave, -1 = none), run
 * inside the transaction. */
struct task_fields;
extern const char *const model_task_snap;
int model_task_check(struct board *b, int64_t event, const struct task_fields *f, int64_t *role,
		     int64_t *phase);

#endif
