/*
 * extract_bench.c: extraction throughput and memory of libextract, the figures of the
 * "Extraction" section of bench/README.md (bench/run.sh runs it).
 *
 *   extract_bench CORPUS_DIR [RUNS]   throughput: every *.txt of CORPUS_DIR (bench/corpus.py)
 *                                     is loaded into memory first, then ex_extract_text() runs
 *                                     over each article, one after the other on this one
 *                                     thread, RUNS times (default 5) after one warm-up pass;
 *                                     prints the median MB/s (10^6 bytes per second, wall
 *                                     clock and CPU time) and the process's peak RSS.
 *   extract_bench --one-mb CORPUS_DIR memory: builds one article of at least 1 MiB from the
 *                                     corpus's paragraphs, extracts it once, and prints the
 *                                     peak RSS before and after (run it as its own process so
 *                                     the throughput run's corpus does not count).
 * Output is "key value" lines, easy for run.sh to read.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "extract/arena.h"
#include "extract/extract.h"
#include "extract/internal.h"
#include "extract/quotes.h"

struct article {
    char *text;
    size_t len;
};

struct corpus {
    struct article *a;
    size_t n, cap, bytes;
};

struct pass {
    double wall, cpu; /* seconds */
    size_t docs, errors, entities, mentions, statements;
};

static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) goto out;
    buf = malloc((size_t)n + 1);
    if (!buf) goto out;
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
        goto out;
    }
    buf[n] = '\0';
    *len = (size_t)n;
out:
    fclose(f);
    return buf;
}

static int has_txt_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads the *.txt of dir in name order, all of them or, when limit is not 0, until limit
 * bytes are loaded. Returns 0 or -1 (message printed). */
static int load_corpus(const char *dir, struct corpus *c, size_t limit)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = -1;
    struct dirent *e;

    if (!d) {
        perror(dir);
        return -1;
    }
    while ((e = readdir(d))) {
        if (!has_txt_suffix(e->d_name)) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            char **tmp = realloc(names, cap * sizeof *names);
            if (!tmp) goto out;
            names = tmp;
        }
        if (!(names[n] = strdup(e->d_name))) goto out;
        n++;
    }
    qsort(names, n, sizeof *names, cmp_names);
    c->a = calloc(n ? n : 1, sizeof *c->a);
    if (!c->a) goto out;
    for (size_t i = 0; i < n && (!limit || c->bytes < limit); i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        c->a[c->n].text = read_file(path, &c->a[c->n].len);
        if (!c->a[c->n].text) {
            perror(path);
            goto out;
        }
        c->bytes += c->a[c->n].len;
        c->n++;
    }
    rc = n ? 0 : -1;
    if (!n) fprintf(stderr, "extract_bench: no *.txt in %s\n", dir);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

static void free_corpus(struct corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->a[i].text);
    free(c->a);
}

static void run_pass(const struct corpus *c, struct pass *p)
{
    memset(p, 0, sizeof *p);
    double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (size_t i = 0; i < c->n; i++) {
        struct ex_doc *doc = NULL;
        struct ex_error err;
        if (ex_extract_text(c->a[i].text, c->a[i].len, NULL, &doc, &err)) {
            p->errors++;
            continue;
        }
        p->docs++;
        p->entities += doc->n_entities;
        for (size_t k = 0; k < doc->n_entities; k++)
            p->mentions += doc->entities[k].n_mentions;
        p->statements += doc->n_statements;
        ex_doc_free(doc);
    }
    p->wall = now(CLOCK_MONOTONIC) - w0;
    p->cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int throughput(const char *dir, int runs)
{
    struct corpus c = {0};
    struct pass p;
    double *wall = NULL, *cpu = NULL;
    int rc = 1;

    if (load_corpus(dir, &c, 0)) goto out;
    long rss_loaded = peak_rss_kb();
    wall = calloc((size_t)runs, sizeof *wall);
    cpu = calloc((size_t)runs, sizeof *cpu);
    if (!wall || !cpu) goto out;
    run_pass(&c, &p); /* warm-up: page in the code and lexicons, settle the allocator */
    for (int r = 0; r < runs; r++) {
        run_pass(&c, &p);
        wall[r] = (double)c.bytes / 1e6 / p.wall;
        cpu[r] = (double)c.bytes / 1e6 / p.cpu;
        fprintf(stderr, "run %d: %.2f MB/s wall, %.2f MB/s cpu\n", r + 1, wall[r], cpu[r]);
    }
    qsort(wall, (size_t)runs, sizeof *wall, cmp_double);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
    printf("articles %zu\nbytes %zu\nruns %d\n", c.n, c.bytes, runs);
    printf("docs %zu\nerrors %zu\nentities %zu\nmentions %zu\nstatements %zu\n", p.docs, p.errors,
           p.entities, p.mentions, p.statements);
    printf("mbps_wall_median %.2f\nmbps_wall_min %.2f\nmbps_wall_max %.2f\n", wall[runs / 2],
           wall[0], wall[runs - 1]);
    printf("mbps_cpu_median %.2f\n", cpu[runs / 2]);
    printf("rss_corpus_loaded_kb %ld\npeak_rss_kb %ld\n", rss_loaded, peak_rss_kb());
    rc = 0;
out:
    free(wall);
    free(cpu);
    free_corpus(&c);
    return rc;
}

/* Appends the paragraphs of a raw article (everything after its title line) to buf. */
static size_t append_body(char *buf, size_t at, const struct article *a)
{
    const char *nl = memchr(a->text, '\n', a->len);
    if (!nl) return at;
    size_t n = a->len - (size_t)(nl + 1 - a->text);
    memcpy(buf + at, nl + 1, n);
    at += n;
    buf[at++] = '\n';
    return at;
}

static int one_mb(const char *dir)
{
    static const char title[] = "A very long article made of many reports\n\n";
    const size_t want = (size_t)1 << 20;
    struct corpus c = {0};
    char *big = NULL;
    size_t len = 0;
    struct ex_doc *doc = NULL;
    struct ex_error err = {0};
    int rc = 1;

    /* A little more than needed: the titles and datelines are dropped. */
    if (load_corpus(dir, &c, want + want / 8)) goto out;
    big = malloc(want + 65536 + sizeof title);
    if (!big) goto out;
    memcpy(big, title, sizeof title - 1);
    len = sizeof title - 1;
    for (size_t i = 0; len < want && i < c.n; i++)
        if (c.a[i].len < 65536) len = append_body(big, len, &c.a[i]);
    /* Only the big article should be resident from here on, as in a server handling it. */
    free_corpus(&c);
    c = (struct corpus){0};
    long before = peak_rss_kb();
    double t0 = now(CLOCK_MONOTONIC);
    int xrc = ex_extract_text(big, len, NULL, &doc, &err);
    double dt = now(CLOCK_MONOTONIC) - t0;
    long after = peak_rss_kb();
    printf("one_mb_bytes %zu\none_mb_rc %d\none_mb_seconds %.3f\n", len, xrc, dt);
    printf("one_mb_entities %zu\none_mb_statements %zu\n", doc ? doc->n_entities : 0,
           doc ? doc->n_statements : 0);
    printf("one_mb_rss_before_kb %ld\none_mb_peak_rss_kb %ld\n", before, after);
    rc = xrc ? 1 : 0;
out:
    ex_doc_free(doc);
    free(big);
    free_corpus(&c);
    return rc;
}

static int cmp_mention(const void *a, const void *b)
{
    const struct ex__st_mention *x = a, *y = b;
    return (x->span.start > y->span.start) - (x->span.start < y->span.start);
}

/* The share of statements (stage 7) in extraction time. For every article: the whole
 * pipeline is timed, then stage 7 alone is run again on the pipeline's own paragraphs,
 * sentences and mentions and timed; the ratio is stage 7 over the rest of the pipeline. */
static int statements_share(const char *dir)
{
    struct corpus c = {0};
    double total = 0, stage = 0;
    size_t n_st = 0;
    int rc = 1;
    if (load_corpus(dir, &c, 0)) goto out;
    for (int pass = 0; pass < 2; pass++) { /* the first pass warms up */
        total = stage = 0;
        n_st = 0;
        for (size_t i = 0; i < c.n; i++) {
            struct ex_doc *doc = NULL;
            struct ex_error err;
            double t0 = now(CLOCK_PROCESS_CPUTIME_ID);
            if (ex_extract_text(c.a[i].text, c.a[i].len, NULL, &doc, &err)) continue;
            total += now(CLOCK_PROCESS_CPUTIME_ID) - t0;
            struct ex_arena *a = ex__arena_new();
            struct ex__text tx;
            size_t nm = 0;
            for (size_t k = 0; k < doc->n_entities; k++)
                nm += doc->entities[k].n_mentions;
            struct ex__st_mention *ms = ex__arena_alloc(a, (nm + 1) * sizeof(*ms));
            nm = 0;
            for (size_t k = 0; ms && k < doc->n_entities; k++)
                for (size_t m = 0; m < doc->entities[k].n_mentions; m++)
                    ms[nm++] = (struct ex__st_mention){doc->entities[k].mentions[m].span, (int)k};
            if (ms) qsort(ms, nm, sizeof(*ms), cmp_mention);
            struct ex_statement *out = NULL;
            size_t n_out = 0;
            if (ms && !ex__tokenize(doc->body, doc->body_len, doc->paragraphs, doc->n_paragraphs, a,
                                    &tx)) {
                double s0 = now(CLOCK_PROCESS_CPUTIME_ID);
                ex__statements_find_tx(doc->body, doc->body_len, doc->paragraphs, doc->n_paragraphs,
                                       tx.sents, tx.n_sents, &tx, ms, nm, doc->entities,
                                       doc->n_entities, a, &out, &n_out);
                stage += now(CLOCK_PROCESS_CPUTIME_ID) - s0;
                n_st += n_out;
            }
            ex__arena_free(a);
            ex_doc_free(doc);
        }
    }
    printf("bytes %zu\nstatements %zu\npipeline_cpu_s %.4f\nstatements_cpu_s %.4f\n", c.bytes, n_st,
           total, stage);
    printf("statements_share_of_rest %.4f\n", total > stage ? stage / (total - stage) : 0.0);
    rc = 0;
out:
    free_corpus(&c);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--one-mb") == 0) return one_mb(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "--statements") == 0) return statements_share(argv[2]);
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: extract_bench CORPUS_DIR [RUNS] | --one-mb CORPUS_DIR |"
                        " --statements CORPUS_DIR\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 101) runs = 5;
    return throughput(argv[1], runs);
}
