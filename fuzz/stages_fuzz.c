/*
 * stages_fuzz.c: libFuzzer target for libextract's internal stages that exist before the
 * pipeline wires them in (quotes.h: quote pairing and the statement core), so they are
 * fuzzed while they are being written rather than only once ex_extract() calls them. It
 * follows the internal interface in extract/quotes.h and must change with it.
 *
 * The input, when it is valid UTF-8 without NUL (what the pipeline would pass on), becomes a
 * body whose paragraphs are split at blank lines, as the layout stage does; its capitalized
 * ASCII words become mentions of four synthetic entities (person, organization, location,
 * person) so that speaker resolution has something to resolve. Checked: every returned span
 * lies in the body, runs forwards and sits on character boundaries; quotes lie in their
 * paragraph with content between the marks and valid prev/next chains, in body order;
 * statement ids, kinds and speaker entity ids are in range.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/arena.h"
#include "extract/extract.h"
#include "extract/quotes.h"

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "stages_fuzz: invariant broken: %s: ", #cond);                         \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#define MAX_PARAS 4096
#define MAX_MENTIONS 8192

static int on_boundary(const char *b, size_t len, uint32_t off)
{
    return off == len || ((unsigned char)b[off] & 0xC0) != 0x80;
}

static void check_span(const char *b, size_t len, struct ex_span s, int absent_ok, const char *what,
                       size_t i)
{
    CHECK(s.start <= s.end, "%s %zu: start %u > end %u", what, i, s.start, s.end);
    CHECK(s.end <= len, "%s %zu: end %u beyond body (%zu bytes)", what, i, s.end, len);
    if (s.start == s.end && absent_ok) return;
    CHECK(s.start < s.end, "%s %zu: empty span at %u", what, i, s.start);
    CHECK(on_boundary(b, len, s.start), "%s %zu: start %u inside a character", what, i, s.start);
    CHECK(on_boundary(b, len, s.end), "%s %zu: end %u inside a character", what, i, s.end);
}

/* Paragraphs: maximal runs of text between blank lines, like the layout stage's. */
static size_t split_paragraphs(const char *b, size_t len, struct ex_span *p)
{
    size_t n = 0, i = 0;
    while (i < len && n < MAX_PARAS) {
        while (i < len && b[i] == '\n')
            i++;
        if (i >= len) break;
        size_t start = i;
        while (i < len && !(b[i] == '\n' && i + 1 < len && b[i + 1] == '\n'))
            i++;
        size_t end = i;
        while (end > start && b[end - 1] == '\n')
            end--;
        if (end > start) p[n++] = (struct ex_span){(uint32_t)start, (uint32_t)end};
    }
    return n;
}

static size_t find_mentions(const char *b, size_t len, struct ex__st_mention *m)
{
    size_t n = 0, i = 0;
    while (i < len && n < MAX_MENTIONS) {
        if (b[i] >= 'A' && b[i] <= 'Z' && (i == 0 || b[i - 1] == ' ' || b[i - 1] == '\n')) {
            size_t s = i++;
            while (i < len && ((b[i] >= 'a' && b[i] <= 'z') || b[i] == '-'))
                i++;
            if (i - s > 1) {
                /* Every fifth mention is unlinked (-1); the rest cycle over the entities. */
                m[n] = (struct ex__st_mention){{(uint32_t)s, (uint32_t)i}, (int)(n % 5) - 1};
                n++;
            }
        } else {
            i++;
        }
    }
    return n;
}

static void check_quotes(const char *b, size_t len, const struct ex_span *paras, size_t n_paras,
                         const struct ex__quote *q, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        check_span(b, len, q[i].open, 1, "quote open", i);
        check_span(b, len, q[i].close, 1, "quote close", i);
        check_span(b, len, q[i].content, 1, "quote content", i);
        CHECK(q[i].para < n_paras, "quote %zu in paragraph %u of %zu", i, q[i].para, n_paras);
        struct ex_span p = paras[q[i].para];
        CHECK(q[i].content.start >= p.start && q[i].content.end <= p.end,
              "quote %zu content %u-%u outside its paragraph %u-%u", i, q[i].content.start,
              q[i].content.end, p.start, p.end);
        if (q[i].open.end > q[i].open.start)
            CHECK(q[i].open.end <= q[i].content.start && q[i].open.start >= p.start,
                  "quote %zu opens at %u-%u after its content %u", i, q[i].open.start,
                  q[i].open.end, q[i].content.start);
        if (q[i].close.end > q[i].close.start)
            CHECK(q[i].close.start >= q[i].content.end && q[i].close.end <= p.end,
                  "quote %zu closes at %u before its content end %u", i, q[i].close.start,
                  q[i].content.end);
        CHECK(q[i].prev >= -1 && q[i].prev < (int32_t)n, "quote %zu prev %d", i, q[i].prev);
        CHECK(q[i].next >= -1 && q[i].next < (int32_t)n, "quote %zu next %d", i, q[i].next);
        if (q[i].next >= 0) CHECK(q[q[i].next].prev == (int32_t)i, "quote %zu chain broken", i);
        if (i) {
            uint32_t a = q[i - 1].open.end > q[i - 1].open.start ? q[i - 1].open.start
                                                                 : q[i - 1].content.start;
            uint32_t c = q[i].open.end > q[i].open.start ? q[i].open.start : q[i].content.start;
            CHECK(a <= c, "quotes not in body order at %zu (%u after %u)", i, c, a);
        }
    }
    for (size_t i = 0; i < n && i < 64; i++) {
        uint32_t pos = q[i].content.start;
        int k = ex__quote_containing(q, n, pos);
        CHECK(k >= -1 && k < (int)n, "quote_containing(%u) = %d of %zu", pos, k, n);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ex_span paras[MAX_PARAS];
    static struct ex__st_mention mentions[MAX_MENTIONS];
    const char *body = (const char *)data;
    struct ex_entity ents[4] = {{.id = 0, .kind = EX_PERSON, .name = "A", .link = -1},
                                {.id = 1, .kind = EX_ORGANIZATION, .name = "B", .link = -1},
                                {.id = 2, .kind = EX_LOCATION, .name = "C", .link = -1},
                                {.id = 3, .kind = EX_PERSON, .name = "D", .link = -1}};
    size_t bad;

    if (size > UINT32_MAX / 2 || ex_validate_utf8(body, size, &bad)) return 0;
    if (memchr(body, '\r', size)) return 0; /* the pipeline hands on normalized line ends */
    size_t n_paras = split_paragraphs(body, size, paras);
    size_t n_mentions = find_mentions(body, size, mentions);

    struct ex_arena *a = ex__arena_new();
    if (!a) return 0;
    struct ex__quote *q = NULL;
    size_t n_q = 0;
    int rc = ex__quotes_find(body, size, paras, n_paras, a, &q, &n_q);
    CHECK(rc == 0 || rc == EX_ENOMEM, "quotes_find returned %d", rc);
    if (rc == 0) check_quotes(body, size, paras, n_paras, q, n_q);

    struct ex_statement *st = NULL;
    size_t n_st = 0;
    rc = ex__statements_find(body, size, paras, n_paras, NULL, 0, mentions, n_mentions, ents, 4, a,
                             &st, &n_st);
    CHECK(rc == 0 || rc == EX_ENOMEM, "statements_find returned %d", rc);
    for (size_t i = 0; rc == 0 && i < n_st; i++) {
        CHECK((unsigned)st[i].kind < EX_STATEMENT_KIND_COUNT, "statement %zu kind %d", i,
              (int)st[i].kind);
        CHECK(st[i].speaker.entity_id >= -1 && st[i].speaker.entity_id < 4,
              "statement %zu speaker entity %d", i, st[i].speaker.entity_id);
        check_span(body, size, st[i].span, 0, "statement span", i);
        check_span(body, size, st[i].cue, 1, "statement cue", i);
        check_span(body, size, st[i].speaker.text, 1, "statement speaker", i);
        check_span(body, size, st[i].content, 1, "statement content", i);
        check_span(body, size, st[i].quote, 1, "statement quote", i);
    }
    ex__arena_free(a);
    return 0;
}
