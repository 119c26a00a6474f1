/*
 * main.c: the newsgraph command line. One executable carries every role (serve, extract,
 * ingest, migrate, version) so a container or a laptop needs a single file. Each command is
 * a function taking its own argv; a table maps names to them and to their one-line help.
 * Bad usage or bad input prints one line on stderr saying why and exits non-zero (2 for
 * usage, 1 for failures), so scripts can tell the two apart.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
