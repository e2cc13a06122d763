/* signals.h: the cleanups SIGINT and SIGTERM run before the process
 * ends. */
#ifndef SG_SIGNALS_H
#define SG_SIGNALS_H

/* Makes SIGINT and SIGTERM run the registered cleanups, then end the
 * process with status 128 + the signal (130, 143). Call once, early. */
void		 sg_signals_trap(void);

/* Registers fn(arg) to run if SIGINT or SIGTERM ends the process. Returns
 * a slot for sg_cleanup_pop, or -1 when the list is full. Thread
 * safe. */
int		 sg_cleanup_push(void (*fn)(void *arg), void *arg);

/* Forgets a cleanup once its work is done another way; -1 is fine. While
 * the cleanups run (the process is being stopped) this waits for them. */
void		 sg_cleanup_pop(int slot);

/* Makes a signal wait, from hold to release, before its cleanups run:
 * for work that must not be cut in two (the swap of the output). */
void		 sg_cleanup_hold(void);
void		 sg_cleanup_release(void);

/* Is the process being stopped by a signal? Long work may check this
 * and give up early. */
int		 sg_stopping(void);

#endif
