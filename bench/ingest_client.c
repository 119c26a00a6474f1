/*
 * ingest_client.c: the load generator of the "Ingest" section of bench/README.md
 * (bench/ingest_bench.sh runs it). It loads every *.txt of a corpus directory
 * (bench/corpus.py) into memory first, then posts them to a server on loopback over CONNS
 * keep-alive connections, one blocking thread per connection taking the next request from a
 * shared counter, so the client costs little CPU beside the server under test.
 *
 *   ingest_client single PORT PATH CONNS CORPUS_DIR
 *       one article per request, text/plain, the file as it is (POST PATH: /v1/articles, or
 *       /v1/extract for the baseline);
 *   ingest_client batch PORT PATH CONNS CORPUS_DIR LINES
 *       LINES articles per request as NDJSON ({"title": first line, "body": the rest}) to
 *       PATH (/v1/articles:batch); every result line is read for its status.
 *
 * Prints "key value" lines: articles, requests, seconds (first request sent to last answer
 * read), articles_per_s, requests_per_s, the count of each article status (s201, s200,
 * other), and request latency p50/p99 in ms. Exits non-zero when a request fails at the
 * HTTP level.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct buf {
    char *p;
    size_t n, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            fprintf(stderr, "ingest_client: out of memory\n");
            exit(2);
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void buf_str(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

/* A JSON string literal of s[0..n). */
static void buf_json(struct buf *b, const char *s, size_t n)
{
    buf_add(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            buf_add(b, esc, 2);
        } else if (c == '\n') {
            buf_add(b, "\\n", 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof(esc), "\\u%04x", c);
            buf_add(b, esc, 6);
        } else {
            buf_add(b, (const char *)&s[i], 1);
        }
    }
    buf_add(b, "\"", 1);
}

struct request {
    struct buf body;
    size_t articles;
};

static struct {
    const char *path, *type;
    int port;
    int batch;
    struct request *req;
    size_t n_req;
    atomic_size_t next;
    pthread_mutex_t lock;
    size_t s201, s200, other, http_errors;
    double *lat_ms;
} g;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    struct buf b = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(&b, chunk, k);
    fclose(f);
    *len = b.n;
    return b.p;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted *.txt names of dir. */
static char **list_corpus(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    *n = 0;
    if (!d) return NULL;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            names = realloc(names, cap * sizeof(*names));
            if (!names) exit(2);
        }
        names[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, *n, sizeof(*names), by_name);
    return names;
}

static void add_ndjson_line(struct buf *b, const char *text, size_t len)
{
    const char *nl = memchr(text, '\n', len);
    size_t tl = nl ? (size_t)(nl - text) : len;
    size_t bs = nl ? tl + 1 : len;
    while (bs < len && text[bs] == '\n')
        bs++;
    buf_str(b, "{\"title\":");
    buf_json(b, text, tl);
    buf_str(b, ",\"body\":");
    buf_json(b, text + bs, len - bs);
    buf_str(b, "}\n");
}

static int load(const char *dir, int lines)
{
    size_t n;
    char **names = list_corpus(dir, &n);
    if (!names || !n) {
        fprintf(stderr, "ingest_client: no *.txt in %s\n", dir);
        return -1;
    }
    size_t per = lines > 0 ? (size_t)lines : 1;
    g.n_req = (n + per - 1) / per;
    g.req = calloc(g.n_req, sizeof(*g.req));
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        size_t len;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        char *text = read_file(path, &len);
        if (!text) {
            fprintf(stderr, "ingest_client: cannot read %s\n", path);
            return -1;
        }
        struct request *r = &g.req[i / per];
        if (lines > 0)
            add_ndjson_line(&r->body, text, len);
        else
            buf_add(&r->body, text, len);
        r->articles++;
        free(text);
        free(names[i]);
    }
    free(names);
    return 0;
}

static int connect_to(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    int one = 1;
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        perror("ingest_client: connect");
        if (fd >= 0) close(fd);
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads one response (Content-Length framed) into *resp; its status in *status. */
static int read_response(int fd, struct buf *resp, int *status)
{
    char chunk[65536];
    size_t head = 0, want = 0;
    resp->n = 0;
    for (;;) {
        if (head && resp->n >= want) break;
        ssize_t k = recv(fd, chunk, sizeof(chunk), 0);
        if (k <= 0) return -1;
        buf_add(resp, chunk, (size_t)k);
        if (!head) {
            char *end = strstr(resp->p, "\r\n\r\n");
            if (!end) continue;
            head = (size_t)(end - resp->p) + 4;
            const char *cl = resp->p;
            while (cl < end && strncasecmp(cl, "\r\nContent-Length:", 17) != 0)
                cl++;
            if (cl >= end) return -1; /* this client reads framed bodies only */
            want = head + strtoull(cl + 17, NULL, 10);
            if (sscanf(resp->p, "HTTP/1.%*d %d", status) != 1) return -1;
        }
    }
    return (int)head;
}

static void count_results(const char *body, int status, size_t articles, size_t *s201, size_t *s200,
                          size_t *other)
{
    if (!g.batch) {
        if (status == 201)
            (*s201)++;
        else if (status == 200)
            (*s200)++;
        else
            (*other)++;
        return;
    }
    if (status != 200) {
        *other += articles;
        return;
    }
    for (const char *p = body; (p = strstr(p, "\"status\":")); p += 9) {
        int s = atoi(p + 9);
        if (s == 201)
            (*s201)++;
        else if (s == 200)
            (*s200)++;
        else
            (*other)++;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void *worker(void *arg)
{
    (void)arg;
    int fd = connect_to(g.port);
    struct buf resp = {0};
    size_t s201 = 0, s200 = 0, other = 0, errors = 0;
    if (fd < 0) {
        pthread_mutex_lock(&g.lock);
        g.http_errors++;
        pthread_mutex_unlock(&g.lock);
        return NULL;
    }
    for (;;) {
        size_t i = atomic_fetch_add(&g.next, 1);
        if (i >= g.n_req) break;
        struct request *r = &g.req[i];
        char h[512];
        int hl = snprintf(h, sizeof(h),
                          "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\n"
                          "Content-Length: %zu\r\n\r\n",
                          g.path, g.port, g.type, r->body.n);
        double t0 = now();
        int status = 0, off;
        if (send_all(fd, h, (size_t)hl) || send_all(fd, r->body.p, r->body.n) ||
            (off = read_response(fd, &resp, &status)) < 0) {
            errors++;
            close(fd);
            if ((fd = connect_to(g.port)) < 0) break;
            continue;
        }
        g.lat_ms[i] = (now() - t0) * 1e3;
        count_results(resp.p + off, status, r->articles, &s201, &s200, &other);
    }
    if (fd >= 0) close(fd);
    free(resp.p);
    pthread_mutex_lock(&g.lock);
    g.s201 += s201;
    g.s200 += s200;
    g.other += other;
    g.http_errors += errors;
    pthread_mutex_unlock(&g.lock);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 6 || (strcmp(argv[1], "single") != 0 && strcmp(argv[1], "batch") != 0) ||
        (strcmp(argv[1], "batch") == 0 && argc < 7)) {
        fprintf(stderr, "usage: ingest_client single PORT PATH CONNS CORPUS_DIR\n"
                        "       ingest_client batch PORT PATH CONNS CORPUS_DIR LINES\n");
        return 2;
    }
    g.batch = strcmp(argv[1], "batch") == 0;
    g.port = atoi(argv[2]);
    g.path = argv[3];
    int conns = atoi(argv[4]);
    int lines = g.batch ? atoi(argv[6]) : 0;
    g.type = g.batch ? "application/x-ndjson" : "text/plain";
    pthread_mutex_init(&g.lock, NULL);
    if (conns < 1 || (g.batch && lines < 1) || load(argv[5], lines)) return 2;
    g.lat_ms = calloc(g.n_req, sizeof(*g.lat_ms));
    size_t articles = 0;
    for (size_t i = 0; i < g.n_req; i++)
        articles += g.req[i].articles;

    pthread_t *t = calloc((size_t)conns, sizeof(*t));
    double t0 = now();
    for (int i = 0; i < conns; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < conns; i++)
        pthread_join(t[i], NULL);
    double secs = now() - t0;

    qsort(g.lat_ms, g.n_req, sizeof(*g.lat_ms), cmp_double);
    printf("articles %zu\nrequests %zu\nconnections %d\nseconds %.3f\n", articles, g.n_req, conns,
           secs);
    printf("articles_per_s %.1f\nrequests_per_s %.1f\n", (double)articles / secs,
           (double)g.n_req / secs);
    printf("s201 %zu\ns200 %zu\nother %zu\nhttp_errors %zu\n", g.s201, g.s200, g.other,
           g.http_errors);
    printf("p50_ms %.2f\np99_ms %.2f\n", g.lat_ms[g.n_req / 2],
           g.lat_ms[g.n_req * 99 / 100 < g.n_req ? g.n_req * 99 / 100 : g.n_req - 1]);
    for (size_t i = 0; i < g.n_req; i++)
        free(g.req[i].body.p);
    free(g.req);
    free(g.lat_ms);
    free(t);
    return g.http_errors ? 1 : 0;
}
