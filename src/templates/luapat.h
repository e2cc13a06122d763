/* luapat.h: string patterns for templates, bounded in time. */
#ifndef SG_LUAPAT_H
#define SG_LUAPAT_H

struct lua_State;

/* Replaces find, match, gmatch and gsub of the string table on top of
 * the stack (which is also what string methods use) with guarded ones. */
void	sg_lua_guard_patterns(struct lua_State *L);

#endif
