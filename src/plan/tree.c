/* A plan's bytes → libyaml events → a small tree of nodes that remember
 * the line:col and source offsets of every scalar.  Checks UTF-8 first and
 * holds the limits (nesting, value size, number of values); anchors,
 * aliases and a second document are refused. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "muster/utf8.h"
#include "plan_int.h"

/* Line and column (in characters) of a byte offset into the buffer. */
static void offset_pos(const struct ctx *c, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < c->len; i++) {
		unsigned char ch = (unsigned char)c->buf[i];
		if (ch == '\n') {
			++*line;
			*col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static int check_utf8(struct ctx *c)
{
	size_t bad;
	int line, col;
	if (utf8_valid(c->buf, c->len, &bad))
		return 0;
	offset_pos(c, bad, &line, &col);
	return pl_err(c, line, col, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
		      (unsigned char)c->buf[bad]);
}

/* Byte offset of a libyaml mark index (which counts characters).  Marks
 * come in file order, so a cursor moving from the last one makes this
 * linear; the buffer is valid UTF-8 by now. */
static size_t mark_offset(struct ctx *c, size_t index)
{
	while (c->mark_ci > index) {
		c->mark_bi--;
		while (c->mark_bi > 0 && ((unsigned char)c->buf[c->mark_bi] & 0xC0) == 0x80)
			c->mark_bi--;
		c->mark_ci--;
	}
	while (c->mark_ci < index && c->mark_bi < c->len) {
		c->mark_bi++;
		while (c->mark_bi < c->len && ((unsigned char)c->buf[c->mark_bi] & 0xC0) == 0x80)
			c->mark_bi++;
		c->mark_ci++;
	}
	return c->mark_bi;
}

static int yaml_error(struct ctx *c, const yaml_parser_t *yp)
{
	const char *problem = yp->problem ? yp->problem : "malformed YAML";
	int line = (int)yp->problem_mark.line + 1, col = (int)yp->problem_mark.column + 1;
	if (yp->error == YAML_MEMORY_ERROR)
		die("out of memory while reading %s", c->name);
	if (yp->error == YAML_READER_ERROR) {
		offset_pos(c, yp->problem_offset, &line, &col);
		if (strstr(problem, "UTF-8"))
			return pl_err(c, line, col, "invalid UTF-8 (%s)", problem);
		if (strstr(problem, "control"))
			return pl_err(c, line, col, "control character 0x%02X not allowed",
				      (unsigned)yp->problem_value);
		return pl_err(c, line, col, "%s", problem);
	}
	/* the character at the problem mark: a tab means tab indentation */
	size_t at = mark_offset(c, yp->problem_mark.index);
	if (strstr(problem, "tab") || (at < c->len && c->buf[at] == '\t'))
		return pl_err(c, line, col, "tab character used for indentation: indent with spaces");
	if (yp->context)
		return pl_err(c, line, col, "%s (%s at %d:%d)", problem, yp->context,
			      (int)yp->context_mark.line + 1, (int)yp->context_mark.column + 1);
	return pl_err(c, line, col, "%s", problem);
}

static const char *anchor_of(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return (const char *)ev->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT: return (const char *)ev->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT: return (const char *)ev->data.mapping_start.anchor;
	default: return NULL;
	}
}

/* Events → tree. */
static int events_to_tree(struct ctx *c, struct ynode **root)
{
	yaml_parser_t yp;
	struct ynode *stack[PLAN_MAX_DEPTH];
	int depth = 0, docs = 0, rc = 0;
	size_t nodes = 0;
	bool done = false;

	*root = NULL;
	if (!yaml_parser_initialize(&yp))
		die("out of memory");
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&yp, (const unsigned char *)c->buf, c->len);
	while (!rc && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&yp, &ev)) {
			rc = yaml_error(c, &yp);
			break;
		}
		int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
		struct ynode *nd = NULL;
		if (anchor_of(&ev)) {
			rc = pl_err(c, line, col, "anchors and aliases are not allowed");
			yaml_event_delete(&ev);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT: done = true; break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = pl_err(c, line, col, "only one plan per file: found a second YAML document");
			break;
		case YAML_ALIAS_EVENT: rc = pl_err(c, line, col, "aliases are not allowed"); break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length > PLAN_MAX_SCALAR) {
				rc = pl_err(c, line, col, "value longer than 64 KiB");
				break;
			}
			if (memchr(ev.data.scalar.value, '\0', ev.data.scalar.length)) {
				rc = pl_err(c, line, col, "NUL character not allowed");
				break;
			}
			nd = pool_alloc(&c->tmp, sizeof *nd);
			memset(nd, 0, sizeof *nd);
			nd->kind = Y_SCALAR;
			nd->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
				    ev.data.scalar.plain_implicit;
			nd->len = ev.data.scalar.length;
			nd->s = pool_strdup(&c->tmp, (const char *)ev.data.scalar.value);
			nd->off = mark_offset(c, ev.start_mark.index);
			nd->end = mark_offset(c, ev.end_mark.index);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth >= PLAN_MAX_DEPTH) {
				rc = pl_err(c, line, col, "nesting deeper than %d levels", PLAN_MAX_DEPTH);
				break;
			}
			nd = pool_alloc(&c->tmp, sizeof *nd);
			memset(nd, 0, sizeof *nd);
			nd->kind = ev.type == YAML_MAPPING_START_EVENT ? Y_MAP : Y_SEQ;
			nd->flow = nd->kind == Y_MAP &&
				   ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: depth--; break;
		default: break;
		}
		if (nd && ++nodes > PLAN_MAX_NODES) {
			rc = pl_err(c, line, col, "more than %d values in one plan", PLAN_MAX_NODES);
			nd = NULL;
		}
		if (nd) {
			nd->line = line;
			nd->col = col;
			if (depth == 0) {
				*root = nd;
			} else {
				struct ynode *up = stack[depth - 1];
				if (up->last)
					up->last->next = nd;
				else
					up->kids = nd;
				up->last = nd;
				up->n++;
			}
			if (nd->kind != Y_SCALAR)
				stack[depth++] = nd;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	return rc;
}

int pl_build_tree(struct ctx *c, struct ynode **root)
{
	*root = NULL;
	return check_utf8(c) ? MU_DATA : events_to_tree(c, root);
}
