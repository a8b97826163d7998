/* A YAML document's bytes → libyaml events → a small tree of nodes that
 * remember the line:col and source offsets of every scalar.  Checks UTF-8
 * first and holds the caller's limits (nesting, value size, number of
 * values); anchors, aliases and a second document are refused. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "muster/utf8.h"
#include "muster/yamldoc.h"

/* Line and column (in characters) of a byte offset into the buffer. */
static void offset_pos(const struct ydoc *d, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < d->len; i++) {
		unsigned char ch = (unsigned char)d->buf[i];
		if (ch == '\n') {
			++*line;
			*col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static int check_utf8(struct ydoc *d)
{
	size_t bad;
	int line, col;
	if (utf8_valid(d->buf, d->len, &bad))
		return 0;
	offset_pos(d, bad, &line, &col);
	return ydoc_err(d, line, col, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
			(unsigned char)d->buf[bad]);
}

/* Byte offset of a libyaml mark index (which counts characters).  Marks
 * come in file order, so a cursor moving from the last one makes this
 * linear; the buffer is valid UTF-8 by now. */
static size_t mark_offset(struct ydoc *d, size_t index)
{
	while (d->mark_ci > index) {
		d->mark_bi--;
		while (d->mark_bi > 0 && ((unsigned char)d->buf[d->mark_bi] & 0xC0) == 0x80)
			d->mark_bi--;
		d->mark_ci--;
	}
	while (d->mark_ci < index && d->mark_bi < d->len) {
		d->mark_bi++;
		while (d->mark_bi < d->len && ((unsigned char)d->buf[d->mark_bi] & 0xC0) == 0x80)
			d->mark_bi++;
		d->mark_ci++;
	}
	return d->mark_bi;
}

static int yaml_error(struct ydoc *d, const yaml_parser_t *yp)
{
	const char *problem = yp->problem ? yp->problem : "malformed YAML";
	int line = (int)yp->problem_mark.line + 1, col = (int)yp->problem_mark.column + 1;
	if (yp->error == YAML_MEMORY_ERROR)
		die("out of memory while reading %s", d->name);
	if (yp->error == YAML_READER_ERROR) {
		offset_pos(d, yp->problem_offset, &line, &col);
		if (strstr(problem, "UTF-8"))
			return ydoc_err(d, line, col, "invalid UTF-8 (%s)", problem);
		if (strstr(problem, "control"))
			return ydoc_err(d, line, col, "control character 0x%02X not allowed",
					(unsigned)yp->problem_value);
		return ydoc_err(d, line, col, "%s", problem);
	}
	/* the character at the problem mark: a tab means tab indentation */
	size_t at = mark_offset(d, yp->problem_mark.index);
	if (strstr(problem, "tab") || (at < d->len && d->buf[at] == '\t'))
		return ydoc_err(d, line, col, "tab character used for indentation: indent with spaces");
	if (yp->context)
		return ydoc_err(d, line, col, "%s (%s at %d:%d)", problem, yp->context,
				(int)yp->context_mark.line + 1, (int)yp->context_mark.column + 1);
	return ydoc_err(d, line, col, "%s", problem);
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

static enum ystyle scalar_style(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_PLAIN_SCALAR_STYLE: return YS_PLAIN;
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: return YS_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return YS_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE: return YS_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE: return YS_FOLDED;
	default: return YS_ANY;
	}
}

/* A node for a scalar or the start of a collection, or an error. */
static int new_node(struct ydoc *d, const yaml_event_t *ev, int line, int col, struct ynode **out)
{
	struct ynode *nd;
	*out = NULL;
	if (ev->type == YAML_SCALAR_EVENT) {
		if (ev->data.scalar.length > d->lim->max_scalar)
			return ydoc_err(d, line, col, "value longer than %zu KiB", d->lim->max_scalar >> 10);
		if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
			return ydoc_err(d, line, col, "NUL character not allowed");
	}
	nd = pool_alloc(&d->pool, sizeof *nd);
	memset(nd, 0, sizeof *nd);
	nd->line = line;
	nd->col = col;
	nd->s = "";
	if (ev->type == YAML_SCALAR_EVENT) {
		nd->kind = Y_SCALAR;
		nd->style = scalar_style(ev->data.scalar.style);
		nd->plain = nd->style == YS_PLAIN && ev->data.scalar.plain_implicit;
		nd->end_line = (int)ev->end_mark.line + 1;
		nd->len = ev->data.scalar.length;
		nd->s = pool_strdup(&d->pool, (const char *)ev->data.scalar.value);
		nd->off = mark_offset(d, ev->start_mark.index);
		nd->end = mark_offset(d, ev->end_mark.index);
	} else {
		nd->kind = ev->type == YAML_MAPPING_START_EVENT ? Y_MAP : Y_SEQ;
		nd->flow = nd->kind == Y_MAP && ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	}
	*out = nd;
	return 0;
}

/* Events → tree. */
static int events_to_tree(struct ydoc *d)
{
	yaml_parser_t yp;
	struct ynode **stack = xcalloc((size_t)d->lim->max_depth + 1, sizeof *stack);
	int depth = 0, docs = 0, rc = 0;
	size_t nodes = 0;
	bool done = false;

	if (!yaml_parser_initialize(&yp))
		die("out of memory");
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&yp, (const unsigned char *)d->buf, d->len);
	while (!rc && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&yp, &ev)) {
			rc = yaml_error(d, &yp);
			break;
		}
		int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
		struct ynode *nd = NULL;
		if (anchor_of(&ev)) {
			rc = ydoc_err(d, line, col, "anchors and aliases are not allowed");
			yaml_event_delete(&ev);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT: done = true; break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = ydoc_err(d, line, col, "only one %s per file: found a second YAML document",
					      d->lim->what);
			break;
		case YAML_ALIAS_EVENT: rc = ydoc_err(d, line, col, "aliases are not allowed"); break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth >= d->lim->max_depth) {
				rc = ydoc_err(d, line, col, "nesting deeper than %d levels", d->lim->max_depth);
				break;
			}
			/* fall through */
		case YAML_SCALAR_EVENT: rc = new_node(d, &ev, line, col, &nd); break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: depth--; break;
		default: break;
		}
		if (nd && ++nodes > d->lim->max_nodes) {
			rc = ydoc_err(d, line, col, "more than %zu values in one %s", d->lim->max_nodes,
				      d->lim->what);
			nd = NULL;
		}
		if (nd) {
			if (depth == 0) {
				d->root = nd;
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
	free(stack);
	return rc;
}

int ydoc_load(struct ydoc *d, const char *name, const char *buf, size_t len,
	      const struct ydoc_limits *lim)
{
	memset(d, 0, sizeof *d);
	/* A UTF-8 byte order mark (Windows editors write one) is not part of
	 * the text: with it, libyaml refused "---" on the first line. */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		buf += 3, len -= 3;
	d->name = name;
	d->buf = buf;
	d->len = len;
	d->lim = lim;
	return check_utf8(d) ? MU_DATA : events_to_tree(d);
}

void ydoc_free(struct ydoc *d)
{
	pool_free(&d->pool);
	d->root = NULL;
}
