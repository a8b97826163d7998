/* Prints the board's key list as man-page roff, from the one action table
 * (src/tui/action.h): `make doc` puts it between the KEYS markers of
 * doc/muster.1, and a test checks that the page is up to date. */
#include <stdio.h>
#include <string.h>
#include "action.h"

/* roff: a leading dot or quote would start a request; backslash escapes. */
static void roff(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

int main(void)
{
	for (int g = 0; g < GROUP_N; g++) {
		printf(".SS %s\n", action_group_name[g]);
		for (int a = ACT_NONE + 1; a < ACT_N; a++) {
			const struct action_info *ai = &action_table[a];
			if ((int)ai->group != g || !*ai->keys)
				continue;
			fputs(".TP\n.B ", stdout);
			roff(ai->keys);
			fputs("\n", stdout);
			roff(ai->help);
			printf(" (\\fI");
			roff(ai->name);
			printf("\\fR)\n");
		}
	}
	return 0;
}
