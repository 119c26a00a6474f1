/*
 * extract.c: the extraction pipeline's entry points. Validates and normalizes the input,
 * finds the layout, then runs the stages of DESIGN.md ("Extraction") over the body.
 * BOOTSTRAP VERSION: layout is title line + rest; entity and statement stages land next.
 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* Copies src into the arena with CRLF and lone CR turned into LF. */
static char *normalize_newlines(struct ex_arena *a, const char *src, size_t len, size_t *out_len)
{
    char *dst = ex__arena_alloc(a, len + 1);
    if (!dst) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '\r') {
            dst[n++] = '\n';
            if (i + 1 < len && src[i + 1] == '\n') i++;
        } else {
            dst[n++] = src[i];
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

int ex_extract(const struct ex_input *in, struct ex_doc **out, struct ex_error *err)
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
    rc = ex_validate_utf8(in->body ? in->body : "", in->body_len, &bad);
    if (rc) goto out;
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
    while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ')) i++;
    size_t t0 = i;
    while (i < len && text[i] != '\n' && text[i] != '\r') i++;
    size_t t1 = i;
    while (i < len && (text[i] == '\n' || text[i] == '\r')) i++;
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
    rc = ex_extract(&in, out, err);
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
