/*
 * views.c: store results rendered as the JSON shapes of docs/api-shapes.md, the one place
 * that decides field names and null-ness for articles, entities and statements. Offsets
 * come out in the unit the request asked for; the store kept all three.
 *
 * The views write JSON text straight into a growing buffer (struct srv__out) instead of
 * building a jansson tree and dumping it: for an uncached list page the tree (an allocation
 * per value, a hash table per object) and its dump cost as much CPU as the database did
 * (bench/README.md, "Scale: what misses its bar, and why"). The text is byte for byte what
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) wrote for the same tree: the same key order,
 * the same string escapes (\" \\ \b \f \n \r \t, other control characters as \u00XX with
 * capital hex digits, everything else as it is, '/' and non-ASCII included), integers in
 * decimal and reals as jansson formats them (%.17g, ".0" added to a whole number, the
 * exponent without '+' or leading zeros). Strings are the store's, which holds valid UTF-8
 * only (ingest validates it), so they are not validated again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Makes room for n more bytes; 0, or -1 once an allocation has failed (o->failed). */
static int reserve(struct srv__out *o, size_t n)
{
    if (o->failed) return -1;
    if (o->len + n <= o->cap) return 0;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + n)
        cap *= 2;
    char *b = realloc(o->buf, cap);
    if (!b) {
        o->failed = 1;
        return -1;
    }
    o->buf = b;
    o->cap = cap;
    return 0;
}

void srv__out_raw(struct srv__out *o, const char *s, size_t n)
{
    if (reserve(o, n)) return;
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

/* Whether any of the 8 bytes of w needs an escape: a control byte (below 0x20), '"' or '\\'
 * (the tests for a byte below n and for a zero byte, exact for the word as a whole). */
static int word_escapes(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    return ((((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs) != 0;
}

void srv__out_str(struct srv__out *o, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) {
        srv__out_lit(o, "null");
        return;
    }
    /* the plain bytes are skipped eight at a time (within the string: its end is known),
     * then one at a time up to the byte to escape: the byte loop alone was most of what
     * writing an article list cost in this file */
    const char *end = s + strlen(s);
    srv__out_lit(o, "\"");
    for (;;) {
        const char *run = s; /* a run of bytes that go out as they are */
        for (uint64_t w; end - s >= 8; s += 8) {
            memcpy(&w, s, sizeof(w));
            if (word_escapes(w)) break;
        }
        while ((unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
            s++;
        srv__out_raw(o, run, (size_t)(s - run));
        if (!*s) break;
        unsigned char c = (unsigned char)*s++;
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t n = 2;
        switch (c) {
        case '"':
        case '\\':
            esc[1] = (char)c;
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        srv__out_raw(o, esc, n);
    }
    srv__out_lit(o, "\"");
}

void srv__out_int(struct srv__out *o, int64_t v)
{
    char d[24];
    size_t i = sizeof(d);
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    do
        d[--i] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0) d[--i] = '-';
    srv__out_raw(o, d + i, sizeof(d) - i);
}

void srv__out_real(struct srv__out *o, double v)
{
    char d[40];
    int n = snprintf(d, sizeof(d) - 3, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof(d) - 3) {
        o->failed = 1;
        return;
    }
    size_t len = (size_t)n;
    if (!strchr(d, '.') && !strchr(d, 'e')) {
        memcpy(d + len, ".0", 3);
        len += 2;
    }
    char *e = strchr(d, 'e');
    if (e) { /* "1e+20" -> "1e20", "2.5e-07" -> "2.5e-7", as jansson writes them */
        char *start = e + 1, *end = start + 1;
        if (*start == '-') start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - d) + 1);
            len -= (size_t)(end - start);
        }
    }
    srv__out_raw(o, d, len);
}

int srv__out_take(struct srv__out *o, struct srv_resp *rs, int status)
{
    if (reserve(o, 1)) { /* a NUL after the text, as json_dumps left one */
        free(o->buf);
        memset(o, 0, sizeof(*o));
        return SRV_ENOMEM;
    }
    o->buf[o->len] = '\0';
    if (rs->free_body) free(rs->body);
    rs->status = status;
    rs->body = o->buf;
    rs->len = o->len;
    rs->free_body = 1;
    rs->content_type = "application/json";
    memset(o, 0, sizeof(*o));
    return 0;
}

/* the first key of an object, with its brace; a key after another; a key alone (literals) */
#define OPEN(o, k) srv__out_lit(o, "{\"" k "\":")
#define NEXT(o, k) srv__out_lit(o, ",\"" k "\":")
#define KEY(o, k) srv__out_lit(o, "\"" k "\":")

static void str_or_empty(struct srv__out *o, const char *s)
{
    srv__out_str(o, s ? s : "");
}

static void strings(struct srv__out *o, const char *const *v, size_t n)
{
    srv__out_lit(o, "[");
    for (size_t i = 0; i < n; i++) {
        if (i) srv__out_lit(o, ",");
        str_or_empty(o, v[i]);
    }
    srv__out_lit(o, "]");
}

static void offset(struct srv__out *o, int64_t v)
{
    if (v < 0)
        srv__out_lit(o, "null");
    else
        srv__out_int(o, v);
}

void srv__view_article(struct srv__out *o, const struct st_article *a, int with_body, int close)
{
    OPEN(o, "id");
    srv__out_int(o, a->id);
    NEXT(o, "title");
    srv__out_str(o, a->title);
    NEXT(o, "author");
    srv__out_str(o, a->author);
    NEXT(o, "source");
    srv__out_str(o, a->source);
    NEXT(o, "url");
    srv__out_str(o, a->url);
    NEXT(o, "published_at");
    srv__out_str(o, a->published_at);
    NEXT(o, "language");
    srv__out_str(o, a->language ? a->language : "en");
    NEXT(o, "sha256");
    str_or_empty(o, a->sha256);
    NEXT(o, "created_at");
    str_or_empty(o, a->created_at);
    NEXT(o, "body_chars");
    srv__out_int(o, a->body_chars);
    NEXT(o, "counts");
    OPEN(o, "entities");
    srv__out_int(o, a->n_entities);
    NEXT(o, "mentions");
    srv__out_int(o, a->n_mentions);
    NEXT(o, "statements");
    srv__out_int(o, a->n_statements);
    srv__out_lit(o, "}");
    if (with_body && a->body) {
        NEXT(o, "body");
        srv__out_str(o, a->body);
    }
    if (close) srv__out_lit(o, "}");
}

void srv__view_entity(struct srv__out *o, const struct st_entity *e, enum ex_unit unit,
                      int with_mentions)
{
    OPEN(o, "id");
    srv__out_int(o, e->id);
    NEXT(o, "kind");
    str_or_empty(o, e->kind);
    NEXT(o, "name");
    str_or_empty(o, e->name);
    NEXT(o, "aliases");
    strings(o, e->aliases, e->n_aliases);
    NEXT(o, "titles");
    strings(o, e->titles, e->n_titles);
    NEXT(o, "value");
    srv__out_str(o, e->value);
    NEXT(o, "qualifier");
    srv__out_str(o, e->qualifier);
    if (with_mentions) {
        NEXT(o, "salience");
        srv__out_real(o, e->salience);
        NEXT(o, "mentions");
        srv__out_lit(o, "[");
        for (size_t i = 0; i < e->n_mention_items; i++) {
            const struct st_mention *m = &e->mentions[i];
            if (i) srv__out_lit(o, ",");
            OPEN(o, "start");
            offset(o, m->span.start[unit]);
            NEXT(o, "end");
            offset(o, m->span.end[unit]);
            NEXT(o, "text");
            str_or_empty(o, m->text);
            srv__out_lit(o, "}");
        }
        srv__out_lit(o, "]}");
    } else {
        NEXT(o, "counts");
        OPEN(o, "mentions");
        srv__out_int(o, e->n_mentions);
        NEXT(o, "articles");
        srv__out_int(o, e->n_articles);
        srv__out_lit(o, "}}");
    }
}

void srv__view_statement(struct srv__out *o, const struct st_statement *s, enum ex_unit unit)
{
    OPEN(o, "id");
    srv__out_int(o, s->id);
    NEXT(o, "article_id");
    srv__out_int(o, s->article_id);
    NEXT(o, "kind");
    str_or_empty(o, s->kind);
    NEXT(o, "cue");
    srv__out_str(o, s->cue);
    NEXT(o, "speaker");
    OPEN(o, "entity_id");
    if (s->speaker_entity_id > 0)
        srv__out_int(o, s->speaker_entity_id);
    else
        srv__out_lit(o, "null");
    NEXT(o, "name");
    srv__out_str(o, s->speaker_name);
    NEXT(o, "text");
    srv__out_str(o, s->speaker_text);
    srv__out_lit(o, "}");
    NEXT(o, "content");
    str_or_empty(o, s->content);
    NEXT(o, "quote");
    srv__out_str(o, s->quote);
    NEXT(o, "start");
    offset(o, s->span.start[unit]);
    NEXT(o, "end");
    offset(o, s->span.end[unit]);
    NEXT(o, "quote_start");
    offset(o, s->quote_span.start[unit]);
    NEXT(o, "quote_end");
    offset(o, s->quote_span.end[unit]);
    srv__out_lit(o, "}");
}

void srv__view_entity_links(struct srv__out *o, const struct st_entity_links *l)
{
    KEY(o, "articles");
    srv__out_lit(o, "[");
    for (size_t i = 0; i < l->n_articles; i++) {
        const struct st_entity_article *a = &l->articles[i];
        if (i) srv__out_lit(o, ",");
        OPEN(o, "id");
        srv__out_int(o, a->id);
        NEXT(o, "title");
        srv__out_str(o, a->title);
        NEXT(o, "published_at");
        srv__out_str(o, a->published_at);
        NEXT(o, "mentions");
        srv__out_int(o, a->n_mentions);
        srv__out_lit(o, "}");
    }
    srv__out_lit(o, "]");
    NEXT(o, "cooccurring");
    srv__out_lit(o, "[");
    for (size_t i = 0; i < l->n_cooccurring; i++) {
        const struct st_cooccurrence *c = &l->cooccurring[i];
        if (i) srv__out_lit(o, ",");
        OPEN(o, "id");
        srv__out_int(o, c->id);
        NEXT(o, "kind");
        str_or_empty(o, c->kind);
        NEXT(o, "name");
        str_or_empty(o, c->name);
        NEXT(o, "shared_articles");
        srv__out_int(o, c->n_shared);
        srv__out_lit(o, "}");
    }
    srv__out_lit(o, "]");
    NEXT(o, "cooccurrence_articles");
    srv__out_int(o, (int64_t)l->n_counted);
}
