/* fuzz_yaml.c: libFuzzer harness for the YAML reader (sg_yaml_parse), the
 * parser front matter and site.yml go through. Besides memory errors it
 * checks the contract: success gives a tree, failure gives no tree and at
 * least one error, every map key is a string, nesting stays bounded. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "site/yaml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE	*devnull;

static void
walk(const struct sg_value *v, int depth)
{
	size_t	 i;

	if (v == NULL || depth > 256)
		abort();
	if (v->loc.line < 1 && depth > 0)
		abort();
	switch (v->type) {
	case SG_STR:
	case SG_NUM:
	case SG_BOOL:
		if (sg_value_text(v) == NULL)
			abort();
		break;
	case SG_MAP:
		for (i = 0; i < v->len; i++)
			if (v->keys[i] == NULL ||
			    sg_value_get(v, v->keys[i]) != v->items[i])
				abort();	/* NULL or duplicate key */
		/* FALLTHROUGH */
	case SG_LIST:
		for (i = 0; i < v->len; i++)
			walk(v->items[i], depth + 1);
		break;
	case SG_NIL:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sg_diag	*d;
	struct sg_value	*v = NULL;
	int		 rc;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	d = sg_diag_new(devnull, 0);
	rc = sg_yaml_parse((const char *)data, size, "fuzz.yml", 1, d, &v);
	if (rc == 0) {
		if (v == NULL || sg_diag_errors(d) != 0)
			abort();
		walk(v, 0);
	} else if (rc != -1 || v != NULL || sg_diag_errors(d) == 0)
		abort();
	sg_diag_flush(d);
	sg_diag_free(d);
	sg_value_free(v);
	return 0;
}
