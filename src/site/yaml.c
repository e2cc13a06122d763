/* yaml.c: parses YAML with libyaml's event API into a value tree whose
 * every node carries the file and line it came from. Scalars resolve as in
 * YAML 1.2's core schema; anchors and aliases are refused (they let a small
 * file expand without bound). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "smap.h"
#include "site/yaml.h"

#define MAX_DEPTH	256	/* nesting beyond this is an error, not a stack overflow */

struct frame {
	struct sg_value	*v;	/* the open list or map */
	char		*key;	/* a map's pending key, owned */
	struct sg_loc	 key_loc;	/* where that key is */
	struct sg_smap	 keys;	/* a map's keys, borrowed from v: a search
				 * of v's for each key made a data file of
				 * 400,000 keys take minutes */
};

/* (each starts by the first letter: ten strcmp a plain scalar were a
 * tenth of the front matter's own work) */
static int
is_null(const char *s)
{
	switch (*s) {
	case '\0':
		return 1;
	case '~':
		return s[1] == '\0';
	case 'n':
	case 'N':
		return strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
		    strcmp(s, "NULL") == 0;
	default:
		return 0;
	}
}

static int
as_bool(const char *s, int *b)
{
	switch (*s) {
	case 't':
	case 'T':
		if (!strcmp(s, "true") || !strcmp(s, "True") ||
		    !strcmp(s, "TRUE"))
			return *b = 1, 1;
		return 0;
	case 'f':
	case 'F':
		if (!strcmp(s, "false") || !strcmp(s, "False") ||
		    !strcmp(s, "FALSE"))
			return *b = 0, 1;
		return 0;
	default:
		return 0;
	}
}

/* YAML 1.2 core schema numbers: [-+]digits, decimals with an optional
 * exponent, 0x hex and 0o octal (unsigned). Anything else is a string. */
static int
as_num(const char *s, double *d)
{
	const char	*p = s;
	char		*end;
	int		 digits = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
		for (p = s + 2; *p; p++, digits++)
			if (!(s[1] == 'x' ? isxdigit((unsigned char)*p) :
			    (*p >= '0' && *p <= '7')))
				return 0;
		if (digits == 0 || digits > 15)
			return 0;
		*d = (double)strtoll(s + 2, NULL, s[1] == 'x' ? 16 : 8);
		return 1;
	}
	if (*p == '-' || *p == '+')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (digits == 0)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return 0;
	errno = 0;
	*d = strtod(s, &end);
	return *end == '\0' && errno != ERANGE && isfinite(*d);
}

static struct sg_value *
scalar(const yaml_event_t *ev, const struct sg_loc *loc)
{
	const char	*s = (const char *)ev->data.scalar.value;
	const char	*tag = (const char *)ev->data.scalar.tag;
	struct sg_value	*v;
	int		 plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;

	/* an explicit !!str keeps the text; other tags resolve as usual */
	if (tag && !strcmp(tag, YAML_STR_TAG))
		plain = 0;

	if (plain && is_null(s)) {
		v = sg_value_new(SG_NIL, loc);
		v->str = xstrdup(s);
		return v;
	}
	v = sg_value_str(s, loc);
	if (!plain)
		return v;
	if (as_bool(s, &v->b))
		v->type = SG_BOOL;
	else if (as_num(s, &v->num))
		v->type = SG_NUM;
	return v;
}

/* Adds v to the open container on top of the stack, or makes it the root.
 * Returns -1 after reporting a duplicate or non-scalar key. */
static int
attach(struct frame *stack, int depth, struct sg_value **root,
    struct sg_value *v, struct sg_diag *d)
{
	struct frame	*f;

	if (depth == 0) {
		*root = v;
		return 0;
	}
	f = &stack[depth - 1];
	if (f->v->type == SG_LIST) {
		sg_value_push(f->v, v);
		return 0;
	}
	if (f->key == NULL) {
		if (v->type == SG_LIST || v->type == SG_MAP ||
		    v->str == NULL) {
			sg_diag_error(d, &v->loc, "a mapping key must be a "
			    "plain string");
			sg_value_free(v);
			return -1;
		}
		if (sg_smap_get(&f->keys, v->str, 0, NULL) != NULL) {
			sg_diag_error(d, &v->loc, "duplicate key '%s'",
			    v->str);
			sg_value_free(v);
			return -1;
		}
		f->key = v->str;
		f->key_loc = v->loc;
		v->str = NULL;
		sg_value_free(v);
		return 0;
	}
	sg_value_append(f->v, f->key, v);
	f->v->key_locs[f->v->len - 1] = f->key_loc;
	sg_smap_get(&f->keys, f->v->keys[f->v->len - 1], 1, NULL);
	free(f->key);
	f->key = NULL;
	return 0;
}

int
sg_yaml_parse(const char *text, size_t len, const char *file, int line_offset,
    struct sg_diag *d, struct sg_value **out)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	struct frame	 stack[MAX_DEPTH];
	struct sg_value	*root = NULL, *v;
	struct sg_loc	 loc;
	int		 depth = 0, docs = 0, done = 0, rc = -1, i;

	*out = NULL;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			loc.file = file;
			loc.line = (int)p.problem_mark.line + 1 + line_offset;
			loc.col = (int)p.problem_mark.column + 1;
			sg_diag_error(d, &loc, "invalid %s: %s%s%s",
			    file && sg_ends_with(file, ".json") ? "JSON" : "YAML",
			    p.problem ? p.problem : "syntax error",
			    p.context ? " " : "", p.context ? p.context : "");
			goto out;
		}
		loc.file = file;
		loc.line = (int)ev.start_mark.line + 1 + line_offset;
		loc.col = (int)ev.start_mark.column + 1;
		v = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				sg_diag_error(d, &loc, "only one YAML "
				    "document is allowed here");
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_ALIAS_EVENT:
			sg_diag_error(d, &loc, "YAML aliases (*name) are not "
			    "supported: write the value out");
			yaml_event_delete(&ev);
			goto out;
		case YAML_SCALAR_EVENT:
			/* "\0" in a quoted string would cut it short */
			if (memchr(ev.data.scalar.value, '\0',
			    ev.data.scalar.length) != NULL) {
				sg_diag_error(d, &loc, "a NUL character (\\0) "
				    "in a YAML string is not allowed");
				yaml_event_delete(&ev);
				goto out;
			}
			v = scalar(&ev, &loc);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == MAX_DEPTH) {
				sg_diag_error(d, &loc, "YAML nested deeper "
				    "than %d levels", MAX_DEPTH);
				yaml_event_delete(&ev);
				goto out;
			}
			v = sg_value_new(ev.type == YAML_SEQUENCE_START_EVENT ?
			    SG_LIST : SG_MAP, &loc);
			stack[depth].v = v;
			stack[depth].key = NULL;
			memset(&stack[depth].keys, 0, sizeof(stack[depth].keys));
			depth++;
			v = NULL;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			v = stack[depth].v;
			free(stack[depth].key);
			sg_smap_free(&stack[depth].keys);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (v != NULL && attach(stack, depth, &root, v, d) == -1)
			goto out;
	}
	*out = root ? root : sg_value_new(SG_NIL, NULL);
	root = NULL;
	rc = 0;
out:
	/* Open containers are attached to their parent only when they close,
	 * so after an error each one is freed on its own. */
	for (i = depth - 1; i >= 0; i--) {
		free(stack[i].key);
		sg_smap_free(&stack[i].keys);
		sg_value_free(stack[i].v);
	}
	sg_value_free(root);
	yaml_parser_delete(&p);
	return rc;
}
