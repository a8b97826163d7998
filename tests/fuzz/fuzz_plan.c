/* libFuzzer target for the plan importer (src/plan*): arbitrary bytes through
 * plan_parse_buffer; a plan that parses must survive the round trip --
 * emit (export and template) and parse again, and the export text must be
 * a fixed point: emit(parse(emit(p))) == emit(p).  Any break aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/err.h"
#include "muster/plan.h"
#include "muster/xalloc.h"

static void oracle_fail(const char *what, const char *text)
{
	fprintf(stderr, "fuzz_plan: %s: %s\n--- emitted text ---\n%s\n---\n", what, mu_errmsg(), text);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan a, b, c;
	struct strbuf t1 = STRBUF_INIT, t2 = STRBUF_INIT, tt = STRBUF_INIT;

	mu_errclear();
	if (plan_parse_buffer("fuzz.yaml", (const char *)data, size, NULL, &a)) {
		/* Every refusal names the file (FILE:LINE:COL: or FILE: ...). */
		if (strncmp(mu_errmsg(), "fuzz.yaml:", 10) != 0)
			oracle_fail("error message does not name the file", "");
		plan_free(&a); /* documented as safe on the emptied plan */
		return 0;
	}
	plan_emit(&a, PLAN_EXPORT, &t1);
	if (plan_parse_buffer("export.yaml", t1.s, t1.len, NULL, &b))
		oracle_fail("exported plan does not parse again", sb_str(&t1));
	plan_emit(&b, PLAN_EXPORT, &t2);
	if (t1.len != t2.len || memcmp(sb_str(&t1), sb_str(&t2), t1.len) != 0) {
		fprintf(stderr, "--- first export ---\n%s\n", sb_str(&t1));
		oracle_fail("export is not a fixed point (second export differs)", sb_str(&t2));
	}
	plan_emit(&a, PLAN_TEMPLATE, &tt);
	if (plan_parse_buffer("template.yaml", tt.s, tt.len, NULL, &c))
		oracle_fail("template does not parse again", sb_str(&tt));
	plan_free(&c);
	plan_free(&b);
	plan_free(&a);
	sb_free(&t1);
	sb_free(&t2);
	sb_free(&tt);
	return 0;
}
