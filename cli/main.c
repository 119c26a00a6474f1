/*
 * main.c: the newsgraph command line. One executable carries every role (serve, extract,
 * ingest, migrate, version) so a container or a laptop needs a single file. Each command is
 * a function taking its own argv; a table maps names to them and to their one-line help.
 * Bad usage or bad input prints one line on stderr saying why and exits non-zero (2 for
 * usage, 1 for failures), so scripts can tell the two apart.
 */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "extract/extract.h"
#include "server/server.h"

#define EXIT_USAGE 2

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
    const char *help;
};

/* Reads a whole file ("-" = stdin) into a malloc'd buffer (NUL-terminated for convenience;
 * *len excludes it). NULL with errno set on failure. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int saved = 0;

    if (!f) return NULL;
    for (;;) {
        if (cap - n < 65536) {
            if (cap > EX_MAX_INPUT + 1) { /* no need to read further: it is too big anyway */
                saved = EFBIG;
                goto out;
            }
            size_t ncap = cap ? cap * 2 : 65536;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                saved = ENOMEM;
                goto out;
            }
            buf = nb;
            cap = ncap;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    if (ferror(f)) saved = EIO;
out:
    if (f != stdin) fclose(f);
    if (saved) {
        free(buf);
        errno = saved;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Fills in from a JSON article {title, body, url, source, author, published_at}; the strings
 * stay owned by root. Returns NULL or a one-line reason. */
static const char *json_input(json_t *root, struct ex_input *in)
{
    static const char *const fields[] = {"title",  "body",   "url",
                                         "source", "author", "published_at"};
    const char **dst[] = {&in->title,  &in->body,   &in->url,
                          &in->source, &in->author, &in->published_at};
    size_t *dst_len[] = {&in->title_len,  &in->body_len,   &in->url_len,
                         &in->source_len, &in->author_len, &in->published_at_len};
    const char *key;
    json_t *v;

    if (!json_is_object(root)) return "JSON input must be an object";
    json_object_foreach(root, key, v)
    {
        size_t i = 0;
        while (i < sizeof(fields) / sizeof(*fields) && strcmp(key, fields[i]) != 0)
            i++;
        if (i == sizeof(fields) / sizeof(*fields)) return "JSON input has an unknown field";
        if (json_is_null(v)) continue;
        if (!json_is_string(v)) return "JSON input fields must be strings";
        *dst[i] = json_string_value(v);
        *dst_len[i] = json_string_length(v);
    }
    if (!in->body) return "JSON input needs a \"body\" string";
    return NULL;
}

static int cmd_extract(int argc, char **argv)
{
    const char *path = NULL, *published = NULL, *format = "auto";
    enum ex_unit unit = EX_UNIT_CODEPOINT;
    int pretty = 1, status = 1, rc;
    char *text = NULL, *out = NULL;
    size_t len = 0;
    json_t *root = NULL;
    struct ex_doc *doc = NULL;
    struct ex_error err = {0};

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--offsets") == 0 && i + 1 < argc) {
            int u = ex_unit_parse(argv[++i]);
            if (u < 0) {
                fprintf(stderr, "newsgraph extract: --offsets must be codepoint, utf16 or utf8\n");
                return EXIT_USAGE;
            }
            unit = (enum ex_unit)u;
        } else if (strcmp(a, "--published-at") == 0 && i + 1 < argc) {
            published = argv[++i];
        } else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
            format = argv[++i];
            if (strcmp(format, "auto") && strcmp(format, "text") && strcmp(format, "json")) {
                fprintf(stderr, "newsgraph extract: --format must be auto, text or json\n");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--compact") == 0) {
            pretty = 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "newsgraph extract: unknown option %s (see --help)\n", a);
            return EXIT_USAGE;
        } else if (!path) {
            path = a;
        } else {
            fprintf(stderr, "newsgraph extract: one FILE only (see --help)\n");
            return EXIT_USAGE;
        }
    }
    if (!path) {
        fprintf(stderr, "newsgraph extract: missing FILE (use - for stdin)\n");
        return EXIT_USAGE;
    }
    text = read_all(path, &len);
    if (!text) {
        fprintf(stderr, "newsgraph extract: %s: %s\n", path,
                errno == EFBIG ? ex_strerror(EX_ETOOBIG) : strerror(errno));
        goto out;
    }
    size_t lead = strspn(text, " \t\r\n");
    int as_json = strcmp(format, "json") == 0 || (strcmp(format, "auto") == 0 && text[lead] == '{');
    if (as_json) {
        json_error_t jerr;
        struct ex_input in = {0};
        root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
        const char *why = root ? json_input(root, &in) : NULL;
        if (!root || why) {
            if (!root)
                fprintf(stderr, "newsgraph extract: %s: invalid JSON at line %d: %s\n", path,
                        jerr.line, jerr.text);
            else
                fprintf(stderr, "newsgraph extract: %s: %s\n", path, why);
            goto out;
        }
        if (published && !in.published_at) {
            in.published_at = published;
            in.published_at_len = strlen(published);
        }
        rc = ex_extract(&in, &doc, &err);
    } else {
        rc = ex_extract_text(text, len, published, &doc, &err);
    }
    if (rc) {
        if (rc == EX_EUTF8 || rc == EX_ENUL)
            fprintf(stderr, "newsgraph extract: %s: %s at byte %zu\n", path, ex_strerror(rc),
                    err.offset);
        else
            fprintf(stderr, "newsgraph extract: %s: %s\n", path, ex_strerror(rc));
        goto out;
    }
    out = srv_render_doc(doc, unit, pretty);
    if (!out) {
        fprintf(stderr, "newsgraph extract: out of memory\n");
        goto out;
    }
    if (puts(out) == EOF || fflush(stdout) == EOF) {
        fprintf(stderr, "newsgraph extract: writing the result: %s\n", strerror(errno));
        goto out;
    }
    status = 0;
out:
    free(out);
    ex_doc_free(doc);
    json_decref(root);
    free(text);
    return status;
}

/* ------------------------------------------------------------------ options */

/* A flag's value from argv ("--port 8080" or "--port=8080"), else from the environment
 * variable env, else NULL. Returns 1 when argv[*i] was this flag (and advances *i). */
static int flag(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return 0;
    if (argv[*i][n] == '=') {
        *value = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0') return 0;
    if (*i + 1 >= argc) {
        *value = NULL;
        return -1;
    }
    *value = argv[++*i];
    return 1;
}

struct options {
    const char *db, *host, *port, *threads, *api_key, *api_key_file, *read_key, *cors, *max_body,
        *timeout, *max_conn, *backlog, *budget;
    int quiet;
};

static const char *env(const char *v, const char *name)
{
    const char *e = getenv(name);
    return v ? v : (e && *e ? e : NULL);
}

/* Parses the options shared by serve/ingest/migrate; positional arguments are collected in
 * files. Returns 0 or EXIT_USAGE after printing why. */
static int parse_options(const char *cmd, int argc, char **argv, struct options *o,
                         const char ***files, int *n_files)
{
    static const struct {
        const char *flag;
        size_t off;
    } flags[] = {
        {"--db", offsetof(struct options, db)},
        {"--host", offsetof(struct options, host)},
        {"--port", offsetof(struct options, port)},
        {"--threads", offsetof(struct options, threads)},
        {"--api-key-file", offsetof(struct options, api_key_file)},
        {"--api-key", offsetof(struct options, api_key)},
        {"--read-key", offsetof(struct options, read_key)},
        {"--cors-origin", offsetof(struct options, cors)},
        {"--max-body", offsetof(struct options, max_body)},
        {"--timeout", offsetof(struct options, timeout)},
        {"--max-connections", offsetof(struct options, max_conn)},
        {"--ingest-backlog", offsetof(struct options, backlog)},
        {"--query-budget", offsetof(struct options, budget)},
    };
    memset(o, 0, sizeof(*o));
    if (files) *files = calloc((size_t)argc + 1, sizeof(char *));
    if (files && !*files) return 1;
    for (int i = 1; i < argc; i++) {
        size_t k = 0;
        int r = 0;
        const char *v = NULL;
        for (; k < sizeof(flags) / sizeof(*flags); k++)
            if ((r = flag(argc, argv, &i, flags[k].flag, &v))) break;
        if (r < 0) {
            fprintf(stderr, "newsgraph %s: %s needs a value\n", cmd, flags[k].flag);
            return EXIT_USAGE;
        }
        if (r > 0) {
            *(const char **)((char *)o + flags[k].off) = v;
        } else if (strcmp(argv[i], "--quiet") == 0) {
            o->quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "newsgraph %s: unknown option %s (see --help)\n", cmd, argv[i]);
            return EXIT_USAGE;
        } else if (files) {
            (*files)[(*n_files)++] = argv[i];
        } else {
            fprintf(stderr, "newsgraph %s: unexpected argument %s (see --help)\n", cmd, argv[i]);
            return EXIT_USAGE;
        }
    }
    o->db = env(o->db, "NEWSGRAPH_DB");
    if (!o->db) o->db = "newsgraph.db";
    o->host = env(o->host, "NEWSGRAPH_HOST");
    o->port = env(o->port, "NEWSGRAPH_PORT");
    o->threads = env(o->threads, "NEWSGRAPH_THREADS");
    o->api_key = env(o->api_key, "NEWSGRAPH_API_KEY");
    o->api_key_file = env(o->api_key_file, "NEWSGRAPH_API_KEY_FILE");
    o->read_key = env(o->read_key, "NEWSGRAPH_READ_KEY");
    o->cors = env(o->cors, "NEWSGRAPH_CORS_ORIGIN");
    o->max_body = env(o->max_body, "NEWSGRAPH_MAX_BODY");
    o->timeout = env(o->timeout, "NEWSGRAPH_TIMEOUT");
    o->max_conn = env(o->max_conn, "NEWSGRAPH_MAX_CONNECTIONS");
    o->backlog = env(o->backlog, "NEWSGRAPH_INGEST_BACKLOG");
    o->budget = env(o->budget, "NEWSGRAPH_QUERY_BUDGET");
    return 0;
}

static int parse_uint(const char *s, unsigned long long max, unsigned long long *v)
{
    char *end;
    if (!s || !*s || *s == '-') return -1;
    errno = 0;
    *v = strtoull(s, &end, 10);
    return errno || *end || *v > max ? -1 : 0;
}

/* "1MiB", "512KiB", "2000000" -> bytes. */
static int parse_size(const char *s, size_t *out)
{
    char *end;
    if (!s || !*s || *s == '-') return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s) return -1;
    unsigned long long mul = 1;
    if (!*end || !strcmp(end, "B"))
        mul = 1;
    else if (!strcmp(end, "KiB") || !strcmp(end, "K"))
        mul = 1024;
    else if (!strcmp(end, "MiB") || !strcmp(end, "M"))
        mul = 1024 * 1024;
    else
        return -1;
    if (v == 0 || v > (64ULL << 20) / mul) return -1;
    *out = (size_t)(v * mul);
    return 0;
}

static int open_db(const char *cmd, const char *path, struct st_db **db)
{
    int rc = st_open(path, db);
    if (rc) fprintf(stderr, "newsgraph %s: %s: %s\n", cmd, path, st_strerror(rc));
    return rc;
}

static int cmd_migrate(int argc, char **argv)
{
    struct options o;
    struct st_db *db = NULL;
    int applied = 0, known = 0;
    if (parse_options("migrate", argc, argv, &o, NULL, NULL)) return EXIT_USAGE;
    if (open_db("migrate", o.db, &db)) return 1;
    st_schema_version(db, &applied, &known);
    printf("%s: schema version %d (%d migrations known)\n", o.db, applied, known);
    st_close(db);
    return 0;
}

struct file_list {
    char **v;
    size_t n, cap;
};

static int list_add(struct file_list *l, const char *path)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? 2 * l->cap : 64;
        char **nv = realloc(l->v, ncap * sizeof(*nv));
        if (!nv) return -1;
        l->v = nv;
        l->cap = ncap;
    }
    if (!(l->v[l->n] = strdup(path))) return -1;
    l->n++;
    return 0;
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory stands for the .txt files in it (sorted by name); anything else is a file. */
static int expand(const char *arg, struct file_list *l)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) return list_add(l, arg);
    DIR *d = opendir(arg);
    if (!d) return list_add(l, arg); /* reported when read */
    size_t first = l->n;
    const struct dirent *e;
    int rc = 0;
    while (!rc && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0) continue;
        char path[4096];
        if (snprintf(path, sizeof(path), "%s/%s", arg, e->d_name) >= (int)sizeof(path)) continue;
        rc = list_add(l, path);
    }
    closedir(d);
    qsort(l->v + first, l->n - first, sizeof(*l->v), cmp_path);
    return rc;
}

/* "[=======        ] 120/500  85 articles/s  ETA 4 s" on one terminal line. */
static void progress(size_t done, size_t total, double elapsed)
{
    char bar[31];
    size_t fill = total ? done * 30 / total : 30;
    for (size_t k = 0; k < 30; k++)
        bar[k] = k < fill ? '=' : ' ';
    bar[30] = '\0';
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    fprintf(stderr, "\r[%s] %zu/%zu  %.0f articles/s  ETA %.0f s ", bar, done, total, rate,
            rate > 0 ? (double)(total - done) / rate : 0.0);
}

static int cmd_ingest(int argc, char **argv)
{
    struct options o;
    const char **args = NULL;
    struct file_list files = {0};
    int n = 0, status = 0, created_n = 0, dup_n = 0, failed = 0, verbose = 0;
    struct st_db *db = NULL;
    const char *published = NULL;

    for (int i = 1; i < argc; i++) { /* ingest's own flags, removed before the common parse */
        int take = 0;
        if (strcmp(argv[i], "--published-at") == 0 && i + 1 < argc) {
            published = argv[i + 1];
            take = 2;
        } else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0) {
            verbose = 1;
            take = 1;
        }
        if (take) {
            memmove(argv + i, argv + i + take, (size_t)(argc - i - take) * sizeof(*argv));
            argc -= take;
            i--;
        }
    }
    if ((status = parse_options("ingest", argc, argv, &o, &args, &n))) goto out;
    if (n == 0) {
        fprintf(stderr, "newsgraph ingest: no FILE or DIR given\n");
        status = EXIT_USAGE;
        goto out;
    }
    for (int i = 0; i < n; i++)
        if (expand(args[i], &files)) {
            fprintf(stderr, "newsgraph ingest: out of memory\n");
            status = 1;
            goto out;
        }
    if (open_db("ingest", o.db, &db)) {
        status = 1;
        goto out;
    }
    int tty = isatty(STDERR_FILENO);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < files.n; i++) {
        size_t len = 0;
        char *text = read_all(files.v[i], &len);
        struct ex_doc *doc = NULL;
        struct ex_error err = {0, 0};
        int64_t id = 0;
        int created = 0, rc;
        if (!text) {
            fprintf(stderr, "%snewsgraph ingest: %s: %s\n", tty ? "\n" : "", files.v[i],
                    strerror(errno));
            failed++;
        } else if ((rc = ex_extract_text(text, len, published, &doc, &err))) {
            fprintf(stderr, "%snewsgraph ingest: %s: %s\n", tty ? "\n" : "", files.v[i],
                    ex_strerror(rc));
            failed++;
        } else if ((rc = st_ingest(db, doc, &id, &created))) {
            fprintf(stderr, "%snewsgraph ingest: %s: %s\n", tty ? "\n" : "", files.v[i],
                    st_strerror(rc));
            failed++;
        } else {
            if (verbose)
                printf("%s: article %lld (%s, %zu entities, %zu statements)\n", files.v[i],
                       (long long)id, created ? "created" : "already stored", doc->n_entities,
                       doc->n_statements);
            created ? created_n++ : dup_n++;
        }
        ex_doc_free(doc);
        free(text);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        if (tty && (i % 16 == 15 || i + 1 == files.n)) progress(i + 1, files.n, el);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (tty) fputc('\n', stderr);
    printf("ingested %zu file(s) in %.1f s: %d created, %d already stored, %d failed\n", files.n,
           el, created_n, dup_n, failed);
    status = failed ? 1 : 0;
out:
    st_close(db);
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    free(args);
    return status;
}

static int cmd_serve(int argc, char **argv)
{
    struct options o;
    struct srv_config cfg = {0};
    struct st_db *db = NULL;
    unsigned long long v;
    char key[512];
    int rc;

    if (parse_options("serve", argc, argv, &o, NULL, NULL)) return EXIT_USAGE;
    cfg.host = o.host ? o.host : "127.0.0.1";
    cfg.port = 8080;
    if (o.port) {
        if (parse_uint(o.port, 65535, &v)) {
            fprintf(stderr, "newsgraph serve: --port must be 0..65535, got '%s'\n", o.port);
            return EXIT_USAGE;
        }
        cfg.port = (uint16_t)v;
    }
    if (o.threads) {
        if (parse_uint(o.threads, 256, &v) || v == 0) {
            fprintf(stderr, "newsgraph serve: --threads must be 1..256, got '%s'\n", o.threads);
            return EXIT_USAGE;
        }
        cfg.threads = (unsigned)v;
    }
    if (o.timeout) {
        if (parse_uint(o.timeout, 3600, &v) || v == 0) {
            fprintf(stderr, "newsgraph serve: --timeout must be 1..3600 seconds, got '%s'\n",
                    o.timeout);
            return EXIT_USAGE;
        }
        cfg.timeout_s = (unsigned)v;
    }
    if (o.max_conn) {
        if (parse_uint(o.max_conn, 100000, &v) || v == 0) {
            fprintf(stderr, "newsgraph serve: --max-connections must be 1..100000, got '%s'\n",
                    o.max_conn);
            return EXIT_USAGE;
        }
        cfg.max_connections = (unsigned)v;
    }
    if (o.backlog) {
        if (parse_uint(o.backlog, 100000, &v) || v == 0) {
            fprintf(stderr, "newsgraph serve: --ingest-backlog must be 1..100000, got '%s'\n",
                    o.backlog);
            return EXIT_USAGE;
        }
        cfg.ingest_backlog = (unsigned)v;
    }
    unsigned long long budget = 0;
    if (o.budget && (parse_uint(o.budget, 600000, &budget) || budget == 0)) {
        fprintf(stderr,
                "newsgraph serve: --query-budget must be 1..600000 milliseconds, got '%s'\n",
                o.budget);
        return EXIT_USAGE;
    }
    if (o.max_body && parse_size(o.max_body, &cfg.max_body)) {
        fprintf(stderr,
                "newsgraph serve: --max-body must be like 1MiB, 512KiB or bytes (max 64MiB),"
                " got '%s'\n",
                o.max_body);
        return EXIT_USAGE;
    }
    if (o.api_key_file && !o.api_key) { /* containers mount secrets as files */
        FILE *f = fopen(o.api_key_file, "r");
        if (!f || !fgets(key, sizeof(key), f)) {
            fprintf(stderr, "newsgraph serve: cannot read the API key file %s\n", o.api_key_file);
            if (f) fclose(f);
            return 1;
        }
        fclose(f);
        key[strcspn(key, "\r\n")] = '\0';
        o.api_key = key;
    }
    if (o.api_key && !*o.api_key) {
        fprintf(stderr, "newsgraph serve: the API key is empty\n");
        return EXIT_USAGE;
    }
    if (o.read_key && !*o.read_key) {
        fprintf(stderr, "newsgraph serve: the read key is empty\n");
        return EXIT_USAGE;
    }
    cfg.api_key = o.api_key;
    cfg.read_key = o.read_key;
    cfg.cors_origin = o.cors;
    cfg.quiet = o.quiet;
    if (open_db("serve", o.db, &db)) return 1;
    if (budget) st_set_query_budget(db, (unsigned)budget);
    rc = srv_run(&cfg, db);
    if (rc)
        fprintf(stderr, "newsgraph serve: %s:%u: %s\n", cfg.host, (unsigned)cfg.port,
                srv_strerror(rc));
    st_close(db);
    return rc ? 1 : 0;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("newsgraph %s (libmicrohttpd, jansson %s, SQLite)\n", NG_VERSION, JANSSON_VERSION);
    return 0;
}

static const struct command commands[] = {
    {"extract", cmd_extract, "extract [options] FILE|-",
     "Print the extraction result (entities, statements) of one article as JSON.\n"
     "FILE is a raw text article (title line, byline, paragraphs, footer) or a JSON object\n"
     "{title, body, url, source, author, published_at}; - reads stdin.\n"
     "  --format auto|text|json  input shape (auto: JSON when it starts with '{')\n"
     "  --published-at DATE      ISO 8601 publication date (anchors \"January 7\")\n"
     "  --offsets UNIT           codepoint (default), utf16 or utf8\n"
     "  --compact                one line instead of indented JSON\n"},
    {"serve", cmd_serve, "serve [--db FILE] [--host ADDR] [--port N] [options]",
     "Serve the HTTP JSON API (and the web front end at /) until SIGINT or SIGTERM.\n"
     "  --db FILE            database (NEWSGRAPH_DB; default newsgraph.db), created and\n"
     "                       migrated when needed\n"
     "  --host ADDR          IPv4 address to listen on (NEWSGRAPH_HOST; default 127.0.0.1)\n"
     "  --port N             port, 0 = any free one (NEWSGRAPH_PORT; default 8080)\n"
     "  --threads N          worker threads (NEWSGRAPH_THREADS; default: number of cores)\n"
     "  --api-key KEY        require Authorization: Bearer KEY on writes (NEWSGRAPH_API_KEY)\n"
     "  --api-key-file FILE  read the key from a file (NEWSGRAPH_API_KEY_FILE)\n"
     "  --read-key KEY       require Authorization: Bearer KEY (or the API key) on reads of\n"
     "                       /v1/ (NEWSGRAPH_READ_KEY); health, metrics, spec and web stay open\n"
     "  --cors-origin ORIGIN allow browser calls from ORIGIN (NEWSGRAPH_CORS_ORIGIN)\n"
     "  --max-body SIZE      largest request body, e.g. 1MiB (NEWSGRAPH_MAX_BODY; default 1MiB)\n"
     "  --timeout SECONDS    drop connections idle or slower than this (NEWSGRAPH_TIMEOUT;\n"
     "                       default 30)\n"
     "  --max-connections N  concurrent connections (NEWSGRAPH_MAX_CONNECTIONS; default 1024)\n"
     "  --ingest-backlog N   articles being extracted or waiting for their commit at once\n"
     "                       (NEWSGRAPH_INGEST_BACKLOG; default 512); past it POST\n"
     "                       /v1/articles answers 503 with Retry-After and batch lines wait\n"
     "  --query-budget MS    a read running longer is interrupted and answered 503\n"
     "                       (NEWSGRAPH_QUERY_BUDGET; default 2000)\n"
     "  --quiet              no access log\n"},
    {"ingest", cmd_ingest, "ingest [--db FILE] [--published-at DATE] [-v] FILE|DIR...",
     "Extract and store raw text articles (a DIR stands for the .txt files in it).\n"
     "On a terminal a progress bar shows articles/s and the time left; a summary line ends\n"
     "the run. -v prints one line per file. An article already stored (same normalized\n"
     "body) is counted, not stored twice. Exit status 1 when any file failed.\n"},
    {"migrate", cmd_migrate, "migrate [--db FILE]",
     "Create the database if needed and apply pending schema migrations.\n"},
    {"version", cmd_version, "version", "Print the version.\n"},
};

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: newsgraph COMMAND [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
        fprintf(f, "  newsgraph %s\n", commands[i].usage);
    fprintf(f, "\n`newsgraph COMMAND --help` explains one command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) return cmd_version(0, NULL);
    const struct command *c = find_command(argv[1]);
    if (!c) {
        fprintf(stderr, "newsgraph: unknown command '%s' (see newsgraph --help)\n", argv[1]);
        return EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: newsgraph %s\n\n%s", c->usage, c->help);
            return 0;
        }
    return c->run(argc - 1, argv + 1);
}
