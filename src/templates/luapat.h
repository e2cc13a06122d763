/* luapat.h: string patterns for templates, bounded in time. */
#ifndef SG_LUAPAT_H
#define SG_LUAPAT_H

struct lua_State;

void	sg_lua_guard_patterns(struct lua_State *);

#endif
