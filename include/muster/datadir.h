/* Where muster finds its data files (themes, templates): the user's own
 * directory first, then a checkout the binary runs from, then the data
 * directory compiled in by `make` ($(PREFIX)/share/muster), then one
 * relative to the binary (a staged or moved install). */
#ifndef MUSTER_DATADIR_H
#define MUSTER_DATADIR_H
#include <stddef.h>
#include "muster/xalloc.h"

enum data_kind {
	DATA_THEMES,    /* NAME.yaml: ~/.config/muster/themes, $MUSTER_THEMES, themes/, share/muster/themes */
	DATA_TEMPLATES, /* NAME.yaml: ~/.config/muster/templates, sample-data/, share/muster/templates */
};

/* The compiled-in data directory ("/usr/local/share/muster"). */
const char *datadir_compiled(void);

/* The directories to search for kind, in order, without duplicates;
 * allocated (datadir_free).  Directories that do not exist are included
 * (for "looked in" messages). */
struct datadir_list {
	char **v;
	size_t n, cap;
};
void datadir_dirs(enum data_kind kind, struct datadir_list *out);
void datadir_free(struct datadir_list *l);

/* The first DIR/NAME.yaml that is readable, allocated; NULL when none, with
 * the directories looked in (", "-separated) appended to looked. */
char *datadir_find(enum data_kind kind, const char *name, struct strbuf *looked);

/* Every NAME (file stem of DIR/NAME.yaml) in the directories of kind, the
 * first directory's file winning, sorted by name: names and paths in the
 * same order (allocated, datadir_free both). */
void datadir_names(enum data_kind kind, struct datadir_list *names, struct datadir_list *paths);

#endif
