/* watch.h: what serve watches for edits (inotify, folders made later
 * included). */
#ifndef SG_WATCH_H
#define SG_WATCH_H

#include <stddef.h>

struct sg_watch;

#define SG_WATCH_STYLE	0x1	/* a Sass file changed */
#define SG_WATCH_OTHER	0x2	/* anything else of the site changed */
#define SG_WATCH_PAGE	0x4	/* pages' texts changed (sg_watch_pages) */

/* Starts watching the site at root. Returns the watch (the caller frees
 * it with sg_watch_free), or NULL if inotify cannot be used (errno). */
struct sg_watch	*sg_watch_new(const char *root);

/* The descriptor to poll for edits. */
int		 sg_watch_fd(const struct sg_watch *w);

/* Reads the pending events, then more until none came for debounce_ms
 * (a burst of saves is one change). Returns the SG_WATCH_* bits of what
 * changed, 0 if nothing of the site did. */
int		 sg_watch_read(struct sg_watch *w, int debounce_ms);

/* The pages (paths under content/) the last sg_watch_read saw edited;
 * valid until the next. Returns how many. */
size_t		 sg_watch_pages(const struct sg_watch *w, char *const **pages);

/* Stops watching; NULL does nothing. */
void		 sg_watch_free(struct sg_watch *w);

#endif
