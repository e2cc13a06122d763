/* path.h: pure helpers for paths inside the site and for slugs. */
#ifndef SG_PATH_H
#define SG_PATH_H

char	*sg_path_join(const char *, const char *);
char	*sg_path_normalize(const char *);
char	*sg_path_dir(const char *);
const char *sg_path_base(const char *);
char	*sg_path_url(const char *);
char	*sg_slugify(const char *);
char	*sg_heading_id(const char *);

#endif
