/* rmtree.h: removing a folder and everything under it. */
#ifndef SG_RMTREE_H
#define SG_RMTREE_H

/* Removes path and everything under it, following no symbolic link, at
 * any depth: it walks down and up with the descriptors of at most the
 * top 32 levels and a list of the names on the way, so neither the stack
 * nor the descriptor limit bounds the depth. Folders a sample made
 * unreadable or unwritable are made ours again; a folder that fills
 * again while it is emptied is emptied again, a few times. path itself
 * may be a file or a link, which is removed. Returns 0 (also when path
 * does not exist), or -1 if something stayed. */
int	 sg_rm_tree(const char *path);

/* The same on jobs threads (sg_pool_run): the subfolders of path, or
 * those of its subfolders when it has fewer than 4 per thread, are
 * shared out among them. Returns 0, or -1 if something stayed. */
int	 sg_rm_tree_jobs(const char *path, int jobs);

#endif
