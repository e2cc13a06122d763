/* luaescape.h: escape() for templates. */
#ifndef SG_LUAESCAPE_H
#define SG_LUAESCAPE_H

#include <lua.h>

/* escape(v): v as text with & < > " ' escaped, and invalid UTF-8 and
 * control characters replaced by U+FFFD; nil is "". */
int	sg_lua_escape(lua_State *L);

#endif
