/*
 * spans.c: the mentions of an entity in an article, stored as one BLOB on its
 * article_entities row (schema/0010_mention_lists.sql) instead of a row each.
 *
 * Format: mentions in ascending start_b order, each six signed numbers as zigzag LEB128
 * varints: start_b minus the previous mention's start_b, end_b - start_b, c_lag minus the
 * previous c_lag, c_lag_end - c_lag, u_lag minus the previous u_lag, u_lag_end - u_lag (lags
 * as schema/0006_compact_storage.sql defines them; "previous" is 0 for the first). In an
 * English article every number but the first fits one byte, so a mention takes 6-7 bytes
 * instead of a 24-byte row in a B-tree of its own.
 *
 * Two SQL functions, on the writer connection only: ng_spans(start_b, end_b, c_lag,
 * c_lag_end, u_lag, u_lag_end), an aggregate that encodes rows (the migration), and
 * ng_spans_merge(a, b), the sorted union of two lists (merge). Both refuse two mentions
 * that start at the same byte (SQLITE_CONSTRAINT), as the mentions table's key did.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define VARINT_MAX 10 /* bytes of a 64-bit LEB128 number */

static size_t put(unsigned char *out, int64_t v)
{
    uint64_t z = ((uint64_t)v << 1) ^ (v < 0 ? ~(uint64_t)0 : 0); /* zigzag */
    size_t n = 0;
    while (z >= 0x80) {
        out[n++] = (unsigned char)(z | 0x80);
        z >>= 7;
    }
    out[n++] = (unsigned char)z;
    return n;
}

static int get(const unsigned char **p, const unsigned char *end, int64_t *v)
{
    uint64_t z = 0;
    for (unsigned shift = 0; *p < end && shift < 64; shift += 7) {
        unsigned char c = *(*p)++;
        z |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *v = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
            return 0;
        }
    }
    return -1;
}

size_t st__spans_bound(size_t n)
{
    return n * 6 * VARINT_MAX;
}

static int by_start(const void *a, const void *b)
{
    int64_t x = ((const struct st__mspan *)a)->start_b, y = ((const struct st__mspan *)b)->start_b;
    return x < y ? -1 : x > y;
}

long st__spans_encode(struct st__mspan *m, size_t n, unsigned char *out)
{
    if (n > 1) qsort(m, n, sizeof(*m), by_start);
    size_t len = 0;
    struct st__mspan prev = {0};
    for (size_t i = 0; i < n; i++) {
        if (i && m[i].start_b == prev.start_b) return ST_ECONFLICT;
        len += put(out + len, m[i].start_b - prev.start_b);
        len += put(out + len, m[i].end_b - m[i].start_b);
        len += put(out + len, m[i].c_lag - prev.c_lag);
        len += put(out + len, m[i].c_lag_end - m[i].c_lag);
        len += put(out + len, m[i].u_lag - prev.u_lag);
        len += put(out + len, m[i].u_lag_end - m[i].u_lag);
        prev = m[i];
    }
    return (long)len;
}

long st__spans_decode(const void *blob, size_t len, struct st__mspan *m, size_t max)
{
    const unsigned char *p = blob, *end = p + len;
    struct st__mspan prev = {0};
    size_t n = 0;
    while (p < end && n < max) {
        int64_t v[6];
        for (int k = 0; k < 6; k++)
            if (get(&p, end, &v[k])) return -1;
        struct st__mspan *x = &m[n++];
        x->start_b = prev.start_b + v[0];
        x->end_b = x->start_b + v[1];
        x->c_lag = prev.c_lag + v[2];
        x->c_lag_end = x->c_lag + v[3];
        x->u_lag = prev.u_lag + v[4];
        x->u_lag_end = x->u_lag + v[5];
        prev = *x;
    }
    return (long)n;
}

/* How many mentions a list holds (six varints each); -1 when it is malformed. */
static long spans_count(const unsigned char *p, size_t len)
{
    long n = 0;
    for (size_t i = 0; i < len; i++)
        n += !(p[i] & 0x80);
    return n % 6 || (len && (p[len - 1] & 0x80)) ? -1 : n / 6;
}

/* ------------------------------------------------------------------ SQL functions */

struct agg {
    struct st__mspan *m;
    size_t n, cap;
    int nomem;
};

static void agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct agg *a = sqlite3_aggregate_context(ctx, sizeof(*a));
    if (!a || argc != 6) return;
    if (a->n == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 16;
        struct st__mspan *m = sqlite3_realloc64(a->m, cap * sizeof(*m));
        if (!m) {
            a->nomem = 1;
            return;
        }
        a->m = m;
        a->cap = cap;
    }
    int64_t v[6];
    for (int k = 0; k < 6; k++)
        v[k] = sqlite3_value_int64(argv[k]);
    a->m[a->n++] = (struct st__mspan){v[0], v[1], v[2], v[3], v[4], v[5]};
}

static void result_spans(sqlite3_context *ctx, struct st__mspan *m, size_t n)
{
    unsigned char *out = sqlite3_malloc64(st__spans_bound(n) + 1);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    long len = st__spans_encode(m, n, out);
    if (len < 0) {
        sqlite3_free(out);
        sqlite3_result_error(ctx, "two mentions of one entity start at the same byte", -1);
        sqlite3_result_error_code(ctx, SQLITE_CONSTRAINT);
        return;
    }
    sqlite3_result_blob64(ctx, out, (sqlite3_uint64)len, sqlite3_free);
}

static void agg_final(sqlite3_context *ctx)
{
    struct agg *a = sqlite3_aggregate_context(ctx, 0);
    if (a && a->nomem)
        sqlite3_result_error_nomem(ctx);
    else
        result_spans(ctx, a ? a->m : NULL, a ? a->n : 0);
    if (a) sqlite3_free(a->m);
}

static void merge_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *p[2] = {NULL, NULL};
    size_t len[2] = {0, 0};
    long n[2] = {0, 0};
    for (int i = 0; i < 2 && i < argc; i++) {
        p[i] = sqlite3_value_blob(argv[i]);
        len[i] = (size_t)sqlite3_value_bytes(argv[i]);
        if ((n[i] = spans_count(p[i], len[i])) < 0) {
            sqlite3_result_error(ctx, "malformed mention list", -1);
            return;
        }
    }
    struct st__mspan *m = sqlite3_malloc64(((size_t)n[0] + (size_t)n[1] + 1) * sizeof(*m));
    if (!m) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    long a = st__spans_decode(p[0], len[0], m, (size_t)n[0]);
    long b = st__spans_decode(p[1], len[1], m + (a > 0 ? a : 0), (size_t)n[1]);
    if (a != n[0] || b != n[1])
        sqlite3_result_error(ctx, "malformed mention list", -1);
    else
        result_spans(ctx, m, (size_t)(a + b));
    sqlite3_free(m);
}

int st__spans_register(sqlite3 *db)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
    if (sqlite3_create_function(db, "ng_spans", 6, flags, NULL, NULL, agg_step, agg_final) !=
            SQLITE_OK ||
        sqlite3_create_function(db, "ng_spans_merge", 2, flags, NULL, merge_func, NULL, NULL) !=
            SQLITE_OK)
        return ST_EIO;
    return 0;
}
