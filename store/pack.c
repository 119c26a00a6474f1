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
 * Two SQL functions, registered on every connection: ng_body(x), the text of a stored body
 * (TEXT and NULL as they are, a malformed BLOB an error), and ng_pack(text), the stored form
 * (the migration). ng_body keeps the last body it unpacked on its connection: a statement's
 * content and quotation are two cuts of one body, and a page of statements often holds
 * several of one article, so most of them cost a compare instead of an inflate.
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

/* The text of a packed body into a malloc'd buffer of *len bytes (plus a NUL), or NULL. */
static char *unpack(const unsigned char *p, size_t n, size_t *len, int *nomem)
{
    *nomem = 0;
    if (n < PACK_HEAD || p[0] != PACK_DEFLATE) return NULL;
    size_t want = 0;
    for (int i = 0; i < 4; i++)
        want |= (size_t)p[1 + i] << (8 * i);
    char *text = malloc(want + 1);
    if (!text) {
        *nomem = 1;
        return NULL;
    }
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, -15) != Z_OK) {
        free(text);
        *nomem = 1;
        return NULL;
    }
    z.next_in = (unsigned char *)p + PACK_HEAD;
    z.avail_in = (uInt)(n - PACK_HEAD);
    z.next_out = (unsigned char *)text;
    z.avail_out = (uInt)want;
    int r = inflate(&z, Z_FINISH);
    int whole = r == Z_STREAM_END && z.total_out == want && z.avail_in == 0;
    inflateEnd(&z);
    if (!whole) {
        free(text);
        return NULL;
    }
    text[want] = '\0';
    *len = want;
    return text;
}

/* The last body ng_body unpacked on a connection. */
struct last {
    unsigned char *packed;
    size_t packed_len;
    char *text;
    size_t len;
};

static void last_free(void *arg)
{
    struct last *l = arg;
    if (!l) return;
    free(l->packed);
    free(l->text);
    free(l);
}

static void body_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct last *l = sqlite3_user_data(ctx);
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) { /* TEXT or NULL: as it is */
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    const unsigned char *p = sqlite3_value_blob(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]);
    if (!l->packed || l->packed_len != n || memcmp(l->packed, p, n) != 0) {
        size_t len = 0;
        int nomem = 1;
        unsigned char *copy = malloc(n + 1);
        char *text = copy ? unpack(p, n, &len, &nomem) : NULL;
        free(l->packed); /* forgotten either way: it is no longer the last one asked for */
        free(l->text);
        l->packed = NULL;
        l->text = NULL;
        if (!text) {
            free(copy);
            if (nomem)
                sqlite3_result_error_nomem(ctx);
            else
                sqlite3_result_error(ctx, "malformed packed body", -1);
            return;
        }
        memcpy(copy, p, n);
        l->packed = copy;
        l->packed_len = n;
        l->text = text;
        l->len = len;
    }
    sqlite3_result_text64(ctx, l->text, (sqlite3_uint64)l->len, SQLITE_TRANSIENT, SQLITE_UTF8);
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
        sqlite3_create_function(db, "ng_pack", 1, flags, NULL, pack_func, NULL, NULL) != SQLITE_OK)
        return ST_EIO;
    return 0;
}
