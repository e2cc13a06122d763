/* watch.h: what serve watches for edits (inotify, folders made later
 * included). */
#ifndef SG_WATCH_H
#define SG_WATCH_H

#include <stddef.h>

struct sg_watch;

#define SG_WATCH_STYLE	0x1	/* a Sass file changed */
#define SG_WATCH_OTHER	0x2	/* anything else of the site changed */
#define SG_WATCH_PAGE	0x4	/* pages' texts changed (sg_watch_pages) */

struct sg_watch	*sg_watch_new(const char *root);
int		 sg_watch_fd(const struct sg_watch *);
int		 sg_watch_read(struct sg_watch *, int debounce_ms);
size_t		 sg_watch_pages(const struct sg_watch *, char *const **);
void		 sg_watch_free(struct sg_watch *);

#endif
