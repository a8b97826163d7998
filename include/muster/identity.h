/* Who acts on a board (src/model/identity.c).  A board is personal, shared
 * (`init --shared GROUP`: a group's members write the file) or guarded
 * (`init --guarded`: only a setgid muster writes it).  On a personal board
 * the actor is the login asked for (--as, $MUSTER_USER) or the Unix
 * account; on a shared or guarded board it is the account (the real uid's
 * login), and only accounts on the board's kiosk list may act as another
 * login.  Every audit row records both. */
#ifndef MUSTER_IDENTITY_H
#define MUSTER_IDENTITY_H
#include <stdbool.h>
#include <stddef.h>
#include "muster/board.h"
#include "muster/xalloc.h"

enum board_mode { BOARD_PERSONAL, BOARD_SHARED, BOARD_GUARDED };
enum board_mode board_mode(const struct board *b);
const char *board_mode_name(enum board_mode m); /* "personal", "shared", "guarded" */
/* The Unix account of this process (the real uid's login, else "uidN"). */
const char *board_account(const struct board *b);
/* The login of the board file's owner (or its uid), for messages. */
void board_owner_name(const struct board *b, char out[64]);

/* Record the mode (init --shared / --guarded; audited as entity "board").
 * Only root or the board file's owner, not in a restricted session; a
 * guarded board stays guarded (MU_DENIED).  The same mode again: nothing. */
int board_set_mode(struct board *b, enum board_mode m);

/* Board-level changes (import, gen, board settings): MU_DENIED "a
 * restricted session may not WHAT", and on a guarded board for anyone but
 * root, the file's owner and members of the board file's group. */
int model_allow_board(struct board *b, const char *what);

/* ---- the kiosk list: Unix accounts that may act as another login ---- */
struct kiosk_entry {
	const char *account, *added_by, *added_at;
};
struct kiosk_list {
	struct kiosk_entry *v;
	size_t n, cap;
	struct pool pool;
};
int kiosk_list(struct board *b, struct kiosk_list *out);
void kiosk_list_free(struct kiosk_list *l);
bool kiosk_has(struct board *b, const char *account);
/* Only root or the board file's owner, not in a restricted session
 * (MU_DENIED saying who may); ACCOUNT must be a Unix account (MU_DATA).
 * Each change one audited transaction (entity "kiosk"). */
int kiosk_add(struct board *b, const char *account);
int kiosk_remove(struct board *b, const char *account);

#endif
