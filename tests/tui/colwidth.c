/* Test helper for the screen tests: prints the display width (terminal
 * columns, by utf8_width) of each line of stdin; with -l also the line. */
#include <stdio.h>
#include <string.h>
#include "muster/utf8.h"

int main(int argc, char **argv)
{
	char line[65536];
	int with_line = argc > 1 && !strcmp(argv[1], "-l");
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = 0;
		if (with_line)
			printf("%d\t%s\n", utf8_width(line), line);
		else
			printf("%d\n", utf8_width(line));
	}
	return 0;
}
