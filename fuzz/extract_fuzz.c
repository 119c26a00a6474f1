/*
 * extract_fuzz.c: libFuzzer target for libextract's entry points (extract.h). Every input is
 * fed twice: whole, as a raw text article to ex_extract_text(), and split on 0xFF bytes (a
 * byte that never occurs in UTF-8, so every field can still hold any text) into the explicit
 * fields body, title, published_at, author, source, url for ex_extract(). The contract is
 * that any byte sequence gives either a document or a clear error; sanitizers catch memory
 * and UB errors, and this file aborts on results that break the contract: an error code
 * outside the table, a UTF-8 verdict or offset that disagrees with the reference decoder
 * (ref_utf8.h), or a document whose spans leave the body, cross a character, run backwards,
 * whose ids or kinds are out of range, or whose ex_offset_convert() figures differ from a
 * recount.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "ref_utf8.h"

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "extract_fuzz: invariant broken: %s: ", #cond);                        \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Span boundaries whose unit conversion is checked per document: conversion is O(offset), so
 * checking every mention of a 64 KiB body would make each run quadratic. */
#define CONVERT_CHECKS 24

struct checker {
    const struct ex_doc *doc;
    uint32_t *cps; /* code points before each byte offset (valid on boundaries) */
    uint32_t *u16; /* UTF-16 units before each byte offset */
    int converts;
};

static int is_known_error(int rc)
{
    switch (rc) {
#define X(sym, val, msg)                                                                           \
    case sym:                                                                                      \
        return 1;
        EX_ERRORS(X)
#undef X
    }
    return 0;
}

static int on_boundary(const struct ex_doc *d, uint32_t off)
{
    return off == d->body_len || ((unsigned char)d->body[off] & 0xC0) != 0x80;
}

static void check_text(const char *s, const char *what)
{
    size_t bad = 0;
    CHECK(s != NULL, "%s is NULL", what);
    CHECK(ex_validate_utf8(s, strlen(s), &bad) == 0, "%s is not valid UTF-8 at byte %zu", what,
          bad);
}

static void check_convert(struct checker *c, uint32_t off)
{
    if (c->converts++ >= CONVERT_CHECKS) return;
    const char *b = c->doc->body;
    CHECK(ex_offset_convert(b, off, EX_UNIT_UTF8) == off, "utf8 offset %u", off);
    CHECK(ex_offset_convert(b, off, EX_UNIT_CODEPOINT) == c->cps[off],
          "code point offset of byte %u: got %zu, recount %u", off,
          ex_offset_convert(b, off, EX_UNIT_CODEPOINT), c->cps[off]);
    CHECK(ex_offset_convert(b, off, EX_UNIT_UTF16) == c->u16[off],
          "utf16 offset of byte %u: got %zu, recount %u", off,
          ex_offset_convert(b, off, EX_UNIT_UTF16), c->u16[off]);
}

/* absent_ok: start == end is allowed (the model's "absent"); otherwise the span must hold
 * at least one byte. */
static void check_span(struct checker *c, struct ex_span s, int absent_ok, const char *what,
                       size_t i)
{
    const struct ex_doc *d = c->doc;
    CHECK(s.start <= s.end, "%s %zu: start %u > end %u", what, i, s.start, s.end);
    CHECK(s.end <= d->body_len, "%s %zu: end %u beyond body (%zu bytes)", what, i, s.end,
          d->body_len);
    if (s.start == s.end && absent_ok) return;
    CHECK(s.start < s.end, "%s %zu: empty span at %u", what, i, s.start);
    CHECK(on_boundary(d, s.start), "%s %zu: start %u inside a character", what, i, s.start);
    CHECK(on_boundary(d, s.end), "%s %zu: end %u inside a character", what, i, s.end);
    check_convert(c, s.start);
    check_convert(c, s.end);
}

static void check_entities(struct checker *c)
{
    const struct ex_doc *d = c->doc;
    CHECK(d->n_entities == 0 || d->entities, "entities NULL with n_entities %zu", d->n_entities);
    for (size_t i = 0; i < d->n_entities; i++) {
        const struct ex_entity *e = &d->entities[i];
        CHECK(e->id >= 0 && (size_t)e->id == i, "entity %zu has id %d", i, e->id);
        CHECK((unsigned)e->kind < EX_ENTITY_KIND_COUNT, "entity %zu kind %d", i, (int)e->kind);
        check_text(e->name, "entity name");
        CHECK(e->n_aliases == 0 || e->aliases, "entity %zu aliases NULL", i);
        for (size_t k = 0; k < e->n_aliases; k++)
            check_text(e->aliases[k], "entity alias");
        CHECK(e->n_titles == 0 || e->titles, "entity %zu titles NULL", i);
        for (size_t k = 0; k < e->n_titles; k++)
            check_text(e->titles[k], "entity title");
        if (e->value) check_text(e->value, "entity value");
        if (e->qualifier) check_text(e->qualifier, "entity qualifier");
        CHECK(!isnan(e->salience) && e->salience >= 0.0 && e->salience <= 1.0,
              "entity %zu salience %g", i, e->salience);
        CHECK(e->link >= -1 && e->link < (int)d->n_entities, "entity %zu link %d of %zu", i,
              e->link, d->n_entities);
        CHECK(e->n_mentions == 0 || e->mentions, "entity %zu mentions NULL", i);
        for (size_t k = 0; k < e->n_mentions; k++) {
            check_span(c, e->mentions[k].span, 0, "mention", k);
            if (k)
                CHECK(e->mentions[k - 1].span.start <= e->mentions[k].span.start,
                      "entity %zu mentions not in body order at %zu", i, k);
        }
    }
}

static void check_statements(struct checker *c)
{
    const struct ex_doc *d = c->doc;
    CHECK(d->n_statements == 0 || d->statements, "statements NULL with n_statements %zu",
          d->n_statements);
    for (size_t i = 0; i < d->n_statements; i++) {
        const struct ex_statement *s = &d->statements[i];
        CHECK(s->id >= 0 && (size_t)s->id == i, "statement %zu has id %d", i, s->id);
        CHECK((unsigned)s->kind < EX_STATEMENT_KIND_COUNT, "statement %zu kind %d", i,
              (int)s->kind);
        CHECK(s->speaker.entity_id >= -1 && s->speaker.entity_id < (int)d->n_entities,
              "statement %zu speaker entity %d of %zu", i, s->speaker.entity_id, d->n_entities);
        check_span(c, s->span, 0, "statement span", i);
        check_span(c, s->cue, 1, "statement cue", i);
        check_span(c, s->speaker.text, 1, "statement speaker", i);
        check_span(c, s->content, 1, "statement content", i);
        check_span(c, s->quote, 1, "statement quote", i);
    }
}

/* fields_valid: whether the article fields given to the extractor were valid UTF-8; the text
 * entry point validates everything it was given, so its metadata must come out valid. */
static void check_doc(const struct ex_doc *d, size_t input_len, int fields_valid)
{
    struct checker c = {.doc = d};
    size_t bad = 0;

    CHECK(d->arena != NULL, "document without arena");
    CHECK(d->body != NULL, "document without body");
    CHECK(d->body_len <= input_len, "body %zu bytes from %zu bytes of input", d->body_len,
          input_len);
    CHECK(d->body[d->body_len] == '\0', "body not NUL-terminated");
    CHECK(ref_validate((const unsigned char *)d->body, d->body_len, &bad) == 0,
          "body invalid at byte %zu", bad);
    CHECK(memchr(d->body, '\r', d->body_len) == NULL, "body keeps a CR");
    if (fields_valid) {
        const struct ex_article *a = &d->article;
        const char *f[] = {a->title, a->author, a->source, a->url, a->published_at};
        for (size_t i = 0; i < sizeof f / sizeof *f; i++)
            if (f[i]) check_text(f[i], "article field");
    }
    if (d->article.language) check_text(d->article.language, "language");

    /* One pass of the reference decoder gives the expected conversion at every boundary. */
    c.cps = calloc(d->body_len + 1, sizeof *c.cps);
    c.u16 = calloc(d->body_len + 1, sizeof *c.u16);
    if (!c.cps || !c.u16) goto out;
    {
        uint32_t cp = 0, u = 0;
        size_t i = 0;
        while (i < d->body_len) {
            size_t k = ref_seq_len((const unsigned char *)d->body + i, d->body_len - i);
            c.cps[i] = cp, c.u16[i] = u;
            cp++, u += k == 4 ? 2 : 1;
            i += k;
        }
        c.cps[d->body_len] = cp, c.u16[d->body_len] = u;
    }
    check_convert(&c, (uint32_t)d->body_len);

    CHECK(d->n_paragraphs == 0 || d->paragraphs, "paragraphs NULL with n_paragraphs %zu",
          d->n_paragraphs);
    for (size_t i = 0; i < d->n_paragraphs; i++)
        check_span(&c, d->paragraphs[i], 1, "paragraph", i);
    check_entities(&c);
    check_statements(&c);
out:
    free(c.cps);
    free(c.u16);
}

static int all_space(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
}

static void check_failure(int rc, const struct ex_doc *doc, const struct ex_error *err)
{
    CHECK(is_known_error(rc), "unknown error code %d", rc);
    CHECK(doc == NULL, "error %d but a document was returned", rc);
    CHECK(err->code == rc, "err.code %d, returned %d", err->code, rc);
    CHECK(strcmp(ex_strerror(rc), "unknown error") != 0, "no message for %d", rc);
}

static void fuzz_text(const uint8_t *data, size_t size)
{
    static const char *const dates[] = {NULL,         "2022-01-08", "2022-01-08T09:30:00Z",
                                        "1999-12-31", "not a date", ""};
    const char *published = dates[size % (sizeof dates / sizeof *dates)];
    struct ex_doc *doc = (struct ex_doc *)&doc; /* must be overwritten */
    struct ex_error err = {1, (size_t)-1};
    size_t bad = 0;
    int want = ref_validate(data, size, &bad);

    int rc = ex_extract_text((const char *)data, size, published, &doc, &err);
    if (want) {
        CHECK(rc == want, "text: reference says %d at byte %zu, got %d", want, bad, rc);
        CHECK(err.offset == bad, "text: bad byte at %zu, reported %zu", bad, err.offset);
    } else if (all_space(data, size)) {
        CHECK(rc == EX_EEMPTY, "text: blank input gave %d", rc);
    } else {
        CHECK(rc == 0 || rc == EX_EEMPTY, "text: valid input gave %d (%s)", rc, ex_strerror(rc));
    }
    if (rc) {
        check_failure(rc, doc, &err);
        return;
    }
    CHECK(doc != NULL, "text: success without a document");
    check_doc(doc, size, 1);
    ex_doc_free(doc);
}

static void fuzz_fields(const uint8_t *data, size_t size)
{
    /* body, title, published_at, author, source, url: each NULL when the input has fewer
     * 0xFF separators, so both "absent" and "empty" fields occur. */
    const char *f[6] = {0};
    size_t n[6] = {0};
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= size && k < 6; i++) {
        if (i == size || data[i] == 0xFF) {
            f[k] = (const char *)data + start;
            n[k++] = i - start;
            start = i + 1;
        }
    }
    struct ex_input in = {.body = f[0],
                          .body_len = n[0],
                          .title = f[1],
                          .title_len = n[1],
                          .published_at = f[2],
                          .published_at_len = n[2],
                          .author = f[3],
                          .author_len = n[3],
                          .source = f[4],
                          .source_len = n[4],
                          .url = f[5],
                          .url_len = n[5]};
    int fields_valid = 1;
    size_t bad = 0;
    for (size_t i = 1; i < 6; i++)
        if (f[i] && ref_validate((const unsigned char *)f[i], n[i], &bad)) fields_valid = 0;
    int want = ref_validate((const unsigned char *)in.body, in.body_len, &bad);

    struct ex_doc *doc = (struct ex_doc *)&doc;
    struct ex_error err = {1, (size_t)-1};
    int rc = ex_extract(&in, &doc, &err);
    if (want && fields_valid) {
        CHECK(rc == want, "fields: reference says %d at body byte %zu, got %d", want, bad, rc);
        CHECK(err.offset == bad, "fields: bad body byte at %zu, reported %zu", bad, err.offset);
    } else if (want) {
        CHECK(rc == EX_EUTF8 || rc == EX_ENUL, "fields: invalid body gave %d", rc);
    } else if (all_space((const uint8_t *)in.body, in.body_len)) {
        CHECK(rc == EX_EEMPTY || (!fields_valid && (rc == EX_EUTF8 || rc == EX_ENUL)),
              "fields: blank body gave %d", rc);
    } else {
        CHECK(rc == 0 || rc == EX_EEMPTY || (!fields_valid && (rc == EX_EUTF8 || rc == EX_ENUL)),
              "fields: valid body gave %d (%s)", rc, ex_strerror(rc));
    }
    if (rc) {
        check_failure(rc, doc, &err);
        return;
    }
    CHECK(doc != NULL, "fields: success without a document");
    check_doc(doc, in.body_len, fields_valid);
    ex_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_text(data, size);
    fuzz_fields(data, size);
    return 0;
}
