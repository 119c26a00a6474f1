/*
 * extract.c: the extraction pipeline's entry points and its first two stages. Validates and
 * normalizes the input (stage 1), finds the layout (stage 2: paragraphs, a byline that names
 * the author or the date, a copyright or reprint footer that names the source), then runs
 * tokens and sentences (tokens.c), names, kinds and entities (entities.c) and statements
 * (statements.c) over the body paragraphs. Byline and footer stay in the body, so offsets
 * are those of the text as sent, but no entity or statement is taken from them.
 */
#include "extract.h"

#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "internal.h"
#include "quotes.h"

/* Copies src into the arena with CRLF and lone CR turned into LF. */
static char *normalize_newlines(struct ex_arena *a, const char *src, size_t len, size_t *out_len)
{
    char *dst = ex__arena_alloc_raw(a, len + 1); /* written up to its NUL below */
    if (!dst) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        /* whole stretches without a CR at once: most texts have none at all */
        const char *cr = memchr(src + i, '\r', len - i);
        size_t run = cr ? (size_t)(cr - (src + i)) : len - i;
        memcpy(dst + n, src + i, run);
        n += run;
        i += run;
        if (i < len) { /* at a CR */
            dst[n++] = '\n';
            i += i + 1 < len && src[i + 1] == '\n' ? 2 : 1;
        }
    }
    dst[n] = '\0';
    *out_len = n;
    return dst;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
}

static const char *dup_field(struct ex_arena *a, const char *s, size_t n, int *oom)
{
    if (!s) return NULL;
    const char *r = ex__arena_strndup(a, s, n);
    if (!r) *oom = 1;
    return r;
}

/* ------------------------------------------------------------------ layout */

static int starts_with(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    return n >= m && strncasecmp(s, p, m) == 0;
}

static const char *find(const char *s, size_t n, const char *p)
{
    size_t m = strlen(p);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, p, m) == 0) return s + i;
    return NULL;
}

static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

/* "Friday, September 9, 2016" or "September 9, 2016" -> "2016-09-09" in out. */
static int date_line(const char *s, size_t n, char out[11])
{
    size_t i = 0;
    static const char *const days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
    for (int d = 0; d < 7; d++)
        if (starts_with(s, n, days[d])) {
            i = strlen(days[d]);
            while (i < n && (s[i] == ',' || s[i] == ' '))
                i++;
            break;
        }
    for (int m = 0; m < 12; m++) {
        size_t ml = strlen(months[m]);
        if (n - i <= ml || strncmp(s + i, months[m], ml) != 0 || s[i + ml] != ' ') continue;
        unsigned day = 0, year = 0;
        char tail = 0;
        char buf[40];
        size_t rest = n - i - ml;
        if (rest >= sizeof(buf)) return 0;
        memcpy(buf, s + i + ml, rest);
        buf[rest] = 0;
        if (sscanf(buf, " %u, %u%c", &day, &year, &tail) != 2 || day < 1 || day > 31 ||
            year < 1000 || year > 9999)
            return 0;
        snprintf(out, 11, "%04u-%02d-%02u", year, m + 1, day);
        return 1;
    }
    return 0;
}

/* A first paragraph that is a byline, not text: "By Jane Doe", "1 year ago NAME Comments
 * Off on ...", a date line. Fills author / published_at when they are still unknown. */
static int byline(struct ex_doc *doc, struct ex_span p, int *oom)
{
    const char *s = doc->body + p.start;
    size_t n = p.end - p.start;
    char date[11];
    if (n > 240) return 0;
    if (date_line(s, n, date)) {
        if (!doc->article.published_at)
            *oom |= !(doc->article.published_at = ex__arena_strndup(doc->arena, date, 10));
        return 1;
    }
    const char *ago = find(s, n, " ago ");
    if (ago && find(s, n, "Comments")) {
        const char *a = ago + 5, *e = a;
        while (e < s + n && *e != ' ')
            e++;
        if (!doc->article.author && e > a)
            *oom |= !(doc->article.author = ex__arena_strndup(doc->arena, a, (size_t)(e - a)));
        return 1;
    }
    if (starts_with(s, n, "By ") && n < 120 && s[3] >= 'A' && s[3] <= 'Z') {
        size_t e = 3;
        while (e < n && s[e] != ',' && s[e] != '|' && s[e] != '\n')
            e++;
        if (!doc->article.author)
            *oom |= !(doc->article.author = ex__arena_strndup(doc->arena, s + 3, e - 3));
        return 1;
    }
    return 0;
}

/* A closing paragraph that is a copyright or reprint notice. The source is the
 * organization it names: "NAME, Inc." when there is one (the short form), else the
 * name after "permission of". */
static int footer(struct ex_doc *doc, struct ex_span p, int *oom)
{
    const char *s = doc->body + p.start;
    size_t n = p.end - p.start;
    if (n > 600) return 0;
    if (!(starts_with(s, n, "Copyright") || starts_with(s, n, "\xc2\xa9") ||
          starts_with(s, n, "(c)") || starts_with(s, n, "Reprinted") ||
          starts_with(s, n, "Originally published") || starts_with(s, n, "This article")))
        return 0;
    if (doc->article.source) return 1;
    const char *inc = find(s, n, ", Inc.");
    const char *src = NULL;
    size_t len = 0;
    if (inc) {
        const char *b = inc;
        while (b > s && b[-1] != ' ' && b[-1] != '.')
            b--;
        src = b;
        len = (size_t)(inc - b);
    } else if ((src = find(s, n, "permission of "))) {
        src += 14;
        while (src + len < s + n && src[len] != ',' && src[len] != '.')
            len++;
    }
    if (src && len && len < 120)
        *oom |= !(doc->article.source = ex__arena_strndup(doc->arena, src, len));
    return 1;
}

/* Paragraphs are the non-blank lines of the body, trimmed; byline and footer left out. */
static int layout(struct ex_doc *doc)
{
    const char *b = doc->body;
    size_t n = 0, cap = 16;
    int oom = 0;
    struct ex_span *ps = ex__arena_alloc(doc->arena, cap * sizeof(*ps));
    if (!ps) return EX_ENOMEM;
    for (size_t i = 0; i < doc->body_len;) {
        const char *nl = memchr(b + i, '\n', doc->body_len - i);
        size_t e = nl ? (size_t)(nl - b) : doc->body_len;
        size_t s0 = i, s1 = e;
        while (s0 < s1 && (b[s0] == ' ' || b[s0] == '\t'))
            s0++;
        while (s1 > s0 && (b[s1 - 1] == ' ' || b[s1 - 1] == '\t'))
            s1--;
        if (s1 > s0) {
            if (n == cap) {
                struct ex_span *np = ex__arena_alloc(doc->arena, 2 * cap * sizeof(*np));
                if (!np) return EX_ENOMEM;
                memcpy(np, ps, cap * sizeof(*np));
                ps = np;
                cap *= 2;
            }
            ps[n++] = (struct ex_span){(uint32_t)s0, (uint32_t)s1};
        }
        i = e + 1;
    }
    size_t first = 0;
    if (n > 1 && byline(doc, ps[0], &oom)) first = 1;
    while (n > first + 1 && footer(doc, ps[n - 1], &oom))
        n--;
    doc->paragraphs = ps + first;
    doc->n_paragraphs = n - first;
    return oom ? EX_ENOMEM : 0;
}

/* Stages 2-7 over a normalized document. */
static int pipeline(struct ex_doc *doc)
{
    struct ex__text tx;
    struct ex__st_mention *ms = NULL;
    size_t nm = 0;
    int rc;
    if ((rc = layout(doc))) return rc;
    if ((rc = ex__tokenize(doc->body, doc->body_len, doc->paragraphs, doc->n_paragraphs, doc->arena,
                           &tx)))
        return rc;
    if ((rc = ex__entities(doc, &tx, &ms, &nm))) return rc;
    return ex__statements_find_tx(doc->body, doc->body_len, doc->paragraphs, doc->n_paragraphs,
                                  tx.sents, tx.n_sents, &tx, ms, nm, doc->entities, doc->n_entities,
                                  doc->arena, &doc->statements, &doc->n_statements);
}

/* ex_extract(), with the body's UTF-8 already checked when valid_utf8 (ex_extract_text checks
 * the whole text first: the body is not scanned twice). */
static int extract(const struct ex_input *in, struct ex_doc **out, struct ex_error *err,
                   int valid_utf8)
{
    struct ex_doc *doc = NULL;
    struct ex_arena *a = NULL;
    size_t bad = 0;
    int rc = 0, oom = 0;

    if (out) *out = NULL;
    if (!in || !out || (!in->body && in->body_len)) {
        rc = EX_EINVAL;
        goto out;
    }
    if (in->body_len > EX_MAX_INPUT) {
        rc = EX_ETOOBIG;
        goto out;
    }
    if (!valid_utf8 && (rc = ex_validate_utf8(in->body ? in->body : "", in->body_len, &bad)))
        goto out;
    if (is_blank(in->body ? in->body : "", in->body_len)) {
        rc = EX_EEMPTY;
        goto out;
    }
    a = ex__arena_new();
    doc = a ? ex__arena_alloc(a, sizeof(*doc)) : NULL;
    if (!doc) {
        rc = EX_ENOMEM;
        goto out;
    }
    doc->arena = a;
    doc->body = normalize_newlines(a, in->body, in->body_len, &doc->body_len);
    doc->article.title = dup_field(a, in->title, in->title_len, &oom);
    doc->article.author = dup_field(a, in->author, in->author_len, &oom);
    doc->article.source = dup_field(a, in->source, in->source_len, &oom);
    doc->article.url = dup_field(a, in->url, in->url_len, &oom);
    doc->article.published_at = dup_field(a, in->published_at, in->published_at_len, &oom);
    doc->article.language = "en";
    if (!doc->body || oom) {
        rc = EX_ENOMEM;
        goto out;
    }
    if ((rc = pipeline(doc))) goto out;
    *out = doc;
    a = NULL;
out:
    if (rc && err) {
        err->code = rc;
        err->offset = bad;
    }
    ex__arena_free(a);
    return rc;
}

int ex_extract(const struct ex_input *in, struct ex_doc **out, struct ex_error *err)
{
    return extract(in, out, err, 0);
}

int ex_extract_text(const char *text, size_t len, const char *published_at, struct ex_doc **out,
                    struct ex_error *err)
{
    struct ex_input in = {0};
    size_t bad = 0;
    int rc;

    if (out) *out = NULL;
    if (!text && len) {
        rc = EX_EINVAL;
        goto fail;
    }
    if (len > EX_MAX_INPUT) {
        rc = EX_ETOOBIG;
        goto fail;
    }
    rc = ex_validate_utf8(text ? text : "", len, &bad);
    if (rc) goto fail;
    /* Title: the first non-blank line. Body: everything after it. */
    size_t i = 0;
    while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' '))
        i++;
    size_t t0 = i;
    while (i < len && text[i] != '\n' && text[i] != '\r')
        i++;
    size_t t1 = i;
    while (i < len && (text[i] == '\n' || text[i] == '\r'))
        i++;
    in.title = text + t0;
    in.title_len = t1 - t0;
    in.body = text + i;
    in.body_len = len - i;
    if (in.body_len == 0) { /* a one-line article is all body */
        in.body = text + t0;
        in.body_len = t1 - t0;
        in.title = NULL;
        in.title_len = 0;
    }
    in.published_at = published_at;
    in.published_at_len = published_at ? strlen(published_at) : 0;
    rc = extract(&in, out, err, 1);
    if (rc && err) err->offset += (size_t)(in.body - (text ? text : in.body));
    return rc;
fail:
    if (err) {
        err->code = rc;
        err->offset = bad;
    }
    return rc;
}

void ex_doc_free(struct ex_doc *doc)
{
    if (doc) ex__arena_free(doc->arena);
}
