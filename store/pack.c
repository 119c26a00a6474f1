/*
 * pack.c: an article's body as it is stored (schema/0011_packed_bodies.sql): deflated,
 * because the text itself was a third of the database and rows of ~3 KB left a fifth of
 * every 4 KiB page empty (bench/README.md, "Scale: what misses its bar, and why").
 *
 * Format of article_rows.body: a TEXT value is the body as written (rows stored before 0011,
 * or a body that deflate does not make smaller); a BLOB is one format byte (PACK_DEFLATE),
 * the length of the text in bytes as four bytes little-endian, then a raw deflate stream
 * (zlib, no header or checksum: SQLite's pages carry no corruption the stream could catch
 * that integrity_check does not). The view `articles` gives every reader the text back
 * through ng_body(), so no read query names the format.
 *
 * Three SQL functions, registered on every connection: ng_body(x), the text of a stored body
 * (TEXT and NULL as they are, a malformed BLOB an error), ng_cut(x, start, end), the bytes of
 * it a statement's content or quotation is, and ng_pack(text), the stored form (the
 * migration). Both readers keep the last body they unpacked on their connection: a
 * statement's content and quotation are two cuts of one body, and a page of statements often
 * holds several of one article, so most of them cost a compare instead of an inflate.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "internal.h"

#define PACK_DEFLATE 1
#define PACK_HEAD 5 /* format byte and length */

int st__pack(const char *text, size_t len, unsigned char **out, size_t *out_len)
{
    z_stream z;
    unsigned char *buf = NULL;
    int rc = 0;

    *out = NULL;
    *out_len = 0;
    if (len < 64 || len > 0xffffffffu) return 0; /* too short to gain; too long to say */
    /* the smallest window that holds the whole text (a 3 KB body needs 4 KiB, not 32): zlib
     * allocates and clears state in proportion, which is most of what a small body costs */
    int bits = 9;
    while (bits < 15 && ((size_t)1 << bits) < len)
        bits++;
    memset(&z, 0, sizeof(z));
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -bits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return ST_ENOMEM;
    /* a stream no smaller than the text is not kept: stop there */
    if (!(buf = malloc(len))) {
        rc = ST_ENOMEM;
        goto out;
    }
    buf[0] = PACK_DEFLATE;
    for (int i = 0; i < 4; i++)
        buf[1 + i] = (unsigned char)(len >> (8 * i));
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)len;
    z.next_out = buf + PACK_HEAD;
    z.avail_out = (uInt)(len - PACK_HEAD);
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) goto out; /* no gain: stored as text */
    *out = buf;
    *out_len = PACK_HEAD + z.total_out;
    buf = NULL;
out:
    deflateEnd(&z);
    free(buf);
    return rc;
}

/* The last body ng_body or ng_cut unpacked on a connection, as far as it was needed: ng_cut
 * inflates only up to the end of its cut, and keeps the stream to go on from there, so the
 * statements of a list, each cut from a different article, cost the start of each body
 * instead of all of it, and the statements of one article in position order cost one
 * inflate of the body between them. */
struct last {
    unsigned char *packed; /* a copy of the stored value, to recognise it */
    size_t packed_len;
    char *text; /* len + 1 bytes, of which have are inflated */
    size_t len, have;
    z_stream z;
    int live; /* z is initialised and not at its end */
    int done; /* the stream ended where its header said, after len bytes */
};

static void last_forget(struct last *l)
{
    if (l->live) inflateEnd(&l->z);
    free(l->packed);
    free(l->text);
    memset(l, 0, sizeof(*l));
}

static void last_free(void *arg)
{
    struct last *l = arg;
    if (!l) return;
    last_forget(l);
    free(l);
}

/* The text length a packed value's header gives, or -1 when p is no packed body. */
static long long packed_len(const unsigned char *p, size_t n)
{
    if (n < PACK_HEAD || p[0] != PACK_DEFLATE) return -1;
    size_t want = 0;
    for (int i = 0; i < 4; i++)
        want |= (size_t)p[1 + i] << (8 * i);
    return (long long)want;
}

/* Makes l hold the packed value p (n bytes) with at least need bytes of its text inflated,
 * or all of them checked against the stream's end when whole. 0, ST_ENOMEM, or ST_EIO for a
 * malformed value (l then forgets it). */
static int last_upto(struct last *l, const unsigned char *p, size_t n, size_t need, int whole)
{
    if (!l->packed || l->packed_len != n || memcmp(l->packed, p, n) != 0) {
        last_forget(l); /* no longer the last one asked for, whatever happens next */
        long long len = packed_len(p, n);
        if (len < 0) return ST_EIO;
        l->packed = malloc(n);
        l->text = malloc((size_t)len + 1);
        if (!l->packed || !l->text || inflateInit2(&l->z, -15) != Z_OK) {
            last_forget(l);
            return ST_ENOMEM;
        }
        l->live = 1;
        memcpy(l->packed, p, n);
        l->packed_len = n;
        l->len = (size_t)len;
        l->z.next_in = l->packed + PACK_HEAD;
        l->z.avail_in = (uInt)(n - PACK_HEAD);
    }
    if (l->done || (l->have >= need && !whole)) return 0;
    /* whole: room for one byte more than the header says, which a longer stream would fill */
    l->z.next_out = (unsigned char *)l->text + l->have;
    l->z.avail_out = (uInt)((whole ? l->len + 1 : need) - l->have);
    int r = inflate(&l->z, whole ? Z_FINISH : Z_SYNC_FLUSH);
    l->have = (size_t)l->z.total_out;
    if (r == Z_STREAM_END && l->have == l->len && l->z.avail_in == 0) {
        inflateEnd(&l->z);
        l->live = 0;
        l->done = 1;
        l->text[l->len] = '\0';
        return 0;
    }
    if (!whole && (r == Z_OK || r == Z_BUF_ERROR) && l->have >= need) return 0;
    last_forget(l);
    return ST_EIO;
}

static void result_error(sqlite3_context *ctx, int rc)
{
    if (rc == ST_ENOMEM)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_error(ctx, "malformed packed body", -1);
}

static void body_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct last *l = sqlite3_user_data(ctx);
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) { /* TEXT or NULL: as it is */
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    int rc = last_upto(l, sqlite3_value_blob(argv[0]), (size_t)sqlite3_value_bytes(argv[0]), 0, 1);
    if (rc)
        result_error(ctx, rc);
    else
        sqlite3_result_text64(ctx, l->text, (sqlite3_uint64)l->len, SQLITE_TRANSIENT, SQLITE_UTF8);
}

/* ng_cut(x, start, end): the bytes [start, end) of stored body x as TEXT, exactly what
 * CAST(substr(CAST(ng_body(x) AS BLOB), start + 1, end - start) AS TEXT) gives (NULL for a
 * NULL argument or an empty body, SQLite's substr rules for a range outside the body), but
 * inflating a packed body only up to end. */
static void cut_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct last *l = sqlite3_user_data(ctx);
    (void)argc;
    for (int i = 0; i < 3; i++)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return; /* NULL */
    int packed = sqlite3_value_type(argv[0]) == SQLITE_BLOB;
    const unsigned char *p = packed ? sqlite3_value_blob(argv[0]) : sqlite3_value_text(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    long long len = packed ? packed_len(p, n) : (long long)n;
    if (len < 0) {
        result_error(ctx, ST_EIO);
        return;
    }
    if (len == 0 || !p) return; /* substr of an empty BLOB is NULL */
    /* substr's arguments as SQLite computes them (32-bit ints), then its rules */
    sqlite3_int64 start = sqlite3_value_int64(argv[1]), end = sqlite3_value_int64(argv[2]);
    long long p1 = (int)(start + 1), p2 = (int)(end - start);
    int neg = p2 < 0;
    if (neg) p2 = -p2;
    if (p1 < 0) {
        p1 += len;
        if (p1 < 0) {
            p2 += p1;
            if (p2 < 0) p2 = 0;
            p1 = 0;
        }
    } else if (p1 > 0) {
        p1--;
    } else if (p2 > 0) {
        p2--;
    }
    if (neg) {
        p1 -= p2;
        if (p1 < 0) {
            p2 += p1;
            p1 = 0;
        }
    }
    if (p1 + p2 > len) {
        p2 = len - p1;
        if (p2 < 0) p2 = 0;
    }
    if (p2 == 0) { /* an empty cut, wherever it starts */
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    if (packed) {
        int rc = last_upto(l, p, n, (size_t)(p1 + p2), 0);
        if (rc) {
            result_error(ctx, rc);
            return;
        }
        p = (const unsigned char *)l->text;
    }
    sqlite3_result_text64(ctx, (const char *)p + p1, (sqlite3_uint64)p2, SQLITE_TRANSIENT,
                          SQLITE_UTF8);
}

static void pack_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) { /* packed already, or NULL */
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    size_t len = (size_t)sqlite3_value_bytes(argv[0]), n = 0;
    unsigned char *packed = NULL;
    if (st__pack(text, len, &packed, &n)) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (packed)
        sqlite3_result_blob64(ctx, packed, (sqlite3_uint64)n, free);
    else
        sqlite3_result_value(ctx, argv[0]);
}

int st__pack_register(sqlite3 *db)
{
    /* used by the view `articles` and a trigger: not DIRECTONLY; no side effects */
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    struct last *l = calloc(1, sizeof(*l));
    if (!l) return ST_ENOMEM;
    /* SQLite calls last_free when the function is replaced or the connection closes, and
     * also when registering fails */
    if (sqlite3_create_function_v2(db, "ng_body", 1, flags, l, body_func, NULL, NULL, last_free) !=
            SQLITE_OK ||
        sqlite3_create_function(db, "ng_cut", 3, flags, l, cut_func, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(db, "ng_pack", 1, flags, NULL, pack_func, NULL, NULL) != SQLITE_OK)
        return ST_EIO;
    return 0;
}
