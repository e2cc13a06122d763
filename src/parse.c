/* parse.c: runs the Markdown stage over every page on --jobs workers.
 * The workers are processes, not threads: cmark-gfm keeps the special
 * characters of its inline extensions in one global table that every
 * parse changes (see markdown.c), so threads would have to take turns for
 * the inline pass, the bulk of parsing; processes each have their own
 * table. Each worker takes the next page from a counter in shared memory
 * and streams its results back through a pipe, a length-prefixed record
 * a page; the parent takes each record into its page as it arrives. A worker that dies is reported against the pages it did
 * not finish instead of taking the build down. */
#include <sys/mman.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "samples.h"
#include "site.h"

#define FLUSH_AT	(256 * 1024)	/* bytes a worker gathers before writing */
#define END_OF_PAGES	(-1)		/* record that carries the messages */

struct worker {
	pid_t		 pid;
	int		 fd;		/* read end, -1 once at EOF */
	struct sg_buf	 in;		/* what it sent that is not taken in yet */
	int		 bad;		/* it sent something that made no sense */
	int		 ended;		/* its last record (the messages) came */
};

static void
put_md(struct sg_buf *b, const struct sg_md *md)
{
	const struct sg_sample	*s;
	size_t			 i;

	sg_buf_put_str(b, md->html);
	sg_buf_put_num(b, (long long)md->nheadings);
	for (i = 0; i < md->nheadings; i++) {
		sg_buf_put_num(b, md->headings[i].level);
		sg_buf_put_str(b, md->headings[i].id);
		sg_buf_put_str(b, md->headings[i].title);
	}
	sg_buf_put_num(b, (long long)md->nids);
	for (i = 0; i < md->nids; i++)
		sg_buf_put_str(b, md->ids[i]);
	sg_buf_put_num(b, (long long)md->nlinks);
	for (i = 0; i < md->nlinks; i++) {
		sg_buf_put_str(b, md->links[i].target->rel);
		sg_buf_put_str(b, md->links[i].anchor);
		sg_buf_put_num(b, md->links[i].loc.line);
		sg_buf_put_num(b, md->links[i].loc.col);
	}
	sg_buf_put_str(b, md->h1);
	sg_buf_put_str(b, md->summary);
	sg_buf_put_num(b, (long long)md->words);
	sg_buf_put_num(b, (long long)md->nsamples);
	for (i = 0; i < md->nsamples; i++) {
		s = md->samples[i];
		sg_buf_put_str(b, s->info);
		sg_buf_put_str(b, s->code);
		sg_buf_put_num(b, s->loc.line);
		sg_buf_put_num(b, s->loc.col);
		sg_buf_put_num(b, s->code_line);
		sg_buf_put_num(b, s->end_line);
		sg_buf_put_str(b, s->expected);
		sg_buf_put_num(b, s->out_line);
		sg_buf_put_num(b, s->out_end_line);
	}
}

/* Reads one page's results into p->md. Returns -1 on bad data. */
static int
get_md(const struct sg_site *site, struct sg_page *p, struct sg_rd *r)
{
	struct sg_md		*md = &p->md;
	struct sg_sample	*s;
	char			*rel;
	long long		 n, i;

	md->html = sg_rd_str(r);
	n = sg_rd_num(r);
	if (n < 0 || n > r->e - r->p)
		return -1;
	md->headings = xcalloc((size_t)n + 1, sizeof(*md->headings));
	for (i = 0; i < n && !r->bad; i++, md->nheadings++) {
		md->headings[i].level = (int)sg_rd_num(r);
		md->headings[i].id = sg_rd_str(r);
		md->headings[i].title = sg_rd_str(r);
	}
	n = sg_rd_num(r);
	if (n < 0 || n > r->e - r->p)
		return -1;
	md->ids = xcalloc((size_t)n + 1, sizeof(*md->ids));
	for (i = 0; i < n && !r->bad; i++)
		if ((md->ids[md->nids] = sg_rd_str(r)) != NULL)
			md->nids++;
	n = sg_rd_num(r);
	if (n < 0 || n > r->e - r->p)
		return -1;
	md->links = xcalloc((size_t)n + 1, sizeof(*md->links));
	for (i = 0; i < n && !r->bad; i++) {
		rel = sg_rd_str(r);
		md->links[md->nlinks].target = rel ? sg_content_find(site,
		    rel) : NULL;
		md->links[md->nlinks].anchor = sg_rd_str(r);
		md->links[md->nlinks].loc.file = p->src;
		md->links[md->nlinks].loc.line = (int)sg_rd_num(r);
		md->links[md->nlinks].loc.col = (int)sg_rd_num(r);
		free(rel);
		if (md->links[md->nlinks].target == NULL ||
		    md->links[md->nlinks].anchor == NULL) {
			free(md->links[md->nlinks].anchor);
			r->bad = 1;
		} else
			md->nlinks++;
	}
	md->h1 = sg_rd_str(r);
	md->summary = sg_rd_str(r);
	md->words = (size_t)sg_rd_num(r);
	n = sg_rd_num(r);
	if (n < 0 || n > r->e - r->p)
		return -1;
	md->samples = xcalloc((size_t)n + 1, sizeof(*md->samples));
	for (i = 0; i < n && !r->bad; i++) {
		s = xcalloc(1, sizeof(*s));
		s->page = p;
		s->index = (size_t)i;
		s->info = sg_rd_str(r);
		s->code = sg_rd_str(r);
		s->loc.file = p->src;
		s->loc.line = (int)sg_rd_num(r);
		s->loc.col = (int)sg_rd_num(r);
		s->code_line = (int)sg_rd_num(r);
		s->end_line = (int)sg_rd_num(r);
		s->expected = sg_rd_str(r);
		s->out_line = (int)sg_rd_num(r);
		s->out_end_line = (int)sg_rd_num(r);
		md->samples[md->nsamples++] = s;
	}
	return r->bad || md->html == NULL ? -1 : 0;
}

static void
write_all(int fd, const char *p, size_t n)
{
	ssize_t	 k;

	while (n > 0) {
		k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			_exit(3);
		p += k;
		n -= (size_t)k;
	}
}

/* A worker: parses the pages the shared counter hands it, sends each
 * page's results, then its messages, and exits without running exit
 * handlers (they belong to the parent). */
static void
work(struct sg_site *site, atomic_size_t *next, int fd)
{
	struct sg_buf	 b = { 0 }, rec = { 0 };
	size_t		 i;

	/* what the parent had pending is the parent's to print */
	sg_diag_export(site->diag, &rec);
	while ((i = atomic_fetch_add(next, 1)) < site->nall) {
		if (site->all[i]->skipped)
			continue;
		sg_md_parse(site, site->all[i]);
		rec.len = 0;
		sg_buf_put_num(&rec, (long long)i);
		put_md(&rec, &site->all[i]->md);
		sg_buf_put_num(&b, (long long)rec.len);
		sg_buf_put(&b, rec.data, rec.len);
		if (b.len >= FLUSH_AT) {
			write_all(fd, b.data, b.len);
			b.len = 0;
		}
	}
	rec.len = 0;
	sg_buf_put_num(&rec, END_OF_PAGES);
	sg_diag_export(site->diag, &rec);
	sg_buf_put_num(&b, (long long)rec.len);
	sg_buf_put(&b, rec.data, rec.len);
	write_all(fd, b.data, b.len);
	_exit(0);
}

/* Takes in one record: a page's results, or the worker's messages. */
static void
take(struct sg_site *site, struct worker *w, const char *p, size_t n,
    char *done)
{
	struct sg_rd	 r;
	long long	 i;

	r.p = p;
	r.e = p + n;
	r.bad = 0;
	i = sg_rd_num(&r);
	if (r.bad)
		w->bad = 1;
	else if (i == END_OF_PAGES) {
		if (sg_diag_import(site->diag, &r) == -1)
			w->bad = 1;
		w->ended = 1;
	} else if (i < 0 || (size_t)i >= site->nall || done[i] ||
	    get_md(site, site->all[i], &r) == -1)
		w->bad = 1;
	else
		done[i] = 1;
}

/* Takes in the complete records a worker has sent so far, so the parent
 * never holds more than a record and a read of each worker's output. */
static void
take_records(struct sg_site *site, struct worker *w, char *done)
{
	long long	 len;
	size_t		 off = 0;

	while (!w->bad && w->in.len - off >= sizeof(len)) {
		memcpy(&len, w->in.data + off, sizeof(len));
		if (len < 0) {
			w->bad = 1;
			break;
		}
		if ((unsigned long long)(w->in.len - off - sizeof(len)) <
		    (unsigned long long)len)
			break;
		take(site, w, w->in.data + off + sizeof(len), (size_t)len,
		    done);
		off += sizeof(len) + (size_t)len;
	}
	if (off > 0) {
		memmove(w->in.data, w->in.data + off, w->in.len - off);
		w->in.len -= off;
	}
}

/* Reads every worker's pipe to its end, without letting one full pipe
 * stall the others, taking records in as they come. */
static void
gather(struct sg_site *site, struct worker *w, int n, char *done)
{
	struct pollfd	*pfd = xcalloc((size_t)n, sizeof(*pfd));
	char		 chunk[65536];
	ssize_t		 k;
	int		 open = n, i;

	while (open > 0) {
		for (i = 0; i < n; i++) {
			pfd[i].fd = w[i].fd;
			pfd[i].events = POLLIN;
		}
		if (poll(pfd, (nfds_t)n, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < n; i++) {
			if (w[i].fd == -1 || !(pfd[i].revents & (POLLIN |
			    POLLHUP | POLLERR)))
				continue;
			k = read(w[i].fd, chunk, sizeof(chunk));
			if (k > 0) {
				sg_buf_put(&w[i].in, chunk, (size_t)k);
				take_records(site, &w[i], done);
			} else if (k == 0 || errno != EINTR) {
				close(w[i].fd);
				w[i].fd = -1;
				open--;
			}
		}
	}
	free(pfd);
}

/* Parses every page that is not left out, on jobs workers (1: in this
 * process). Problems are reported to site->diag as the pages' own. */
void
sg_parse_all(struct sg_site *site, int jobs)
{
	struct worker	*w;
	struct sg_loc	 loc;
	atomic_size_t	*next;
	char		*done;
	size_t		 i;
	int		 k, fds[2], status, started = 0, lost = 0;

	if (jobs > (int)site->nall)
		jobs = (int)site->nall;
	if (jobs <= 1) {
		for (i = 0; i < site->nall; i++)
			if (!site->all[i]->skipped)
				sg_md_parse(site, site->all[i]);
		return;
	}
	next = mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE, MAP_SHARED |
	    MAP_ANONYMOUS, -1, 0);
	if (next == MAP_FAILED) {
		sg_parse_all(site, 1);
		return;
	}
	atomic_init(next, 0);
	w = xcalloc((size_t)jobs, sizeof(*w));
	fflush(NULL);
	for (k = 0; k < jobs; k++) {
		if (pipe(fds) == -1)
			break;
		w[k].pid = fork();
		if (w[k].pid == -1) {
			close(fds[0]);
			close(fds[1]);
			break;
		}
		if (w[k].pid == 0) {
			close(fds[0]);
			while (k-- > 0)
				close(w[k].fd);
			work(site, next, fds[1]);
		}
		close(fds[1]);
		w[k].fd = fds[0];
		started++;
	}
	done = xcalloc(site->nall + 1, 1);
	gather(site, w, started, done);
	for (k = 0; k < started; k++) {
		while (waitpid(w[k].pid, &status, 0) == -1 && errno == EINTR)
			;
		if (w[k].bad || !w[k].ended || w[k].in.len > 0 ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			lost++;
		sg_buf_free(&w[k].in);
	}
	/* the pages no worker finished: parse them here if the workers
	 * could not be started, else blame them */
	for (i = 0; i < site->nall; i++) {
		if (done[i] || site->all[i]->skipped)
			continue;
		sg_md_free(&site->all[i]->md);
		if (started == 0) {
			sg_md_parse(site, site->all[i]);
			continue;
		}
		loc.file = site->all[i]->src;
		loc.line = loc.col = 0;
		sg_diag_error(site->diag, &loc, "the worker parsing this page "
		    "stopped (%d of %d workers lost): this is a bug in "
		    "sitegen, please report it with this page", lost, started);
	}
	free(done);
	free(w);
	munmap(next, sizeof(*next));
}
