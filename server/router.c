/*
 * router.c: maps (method, path) to a route of the table in routes.c, with {x} segments as
 * path parameters, and says which methods a known path allows when the method is wrong
 * (405 with Allow instead of a misleading 404). Also the small request helpers every
 * handler uses: query lookup, opaque cursors, error and JSON responses.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Matches path against pattern; on success copies the {x} segments into buf and points
 * p1 and p2 at them. */
static int match(const char *pattern, const char *path, const char **p1, const char **p2, char *buf,
                 size_t size)
{
    const char *pp = pattern, *sp = path;
    size_t used = 0;
    int n = 0;
    *p1 = *p2 = NULL;
    while (*pp && *sp) {
        if (*pp == '{') {
            const char *close = strchr(pp, '}');
            size_t seg = strcspn(sp, "/");
            if (!close || seg == 0 || used + seg + 1 > size) return 0;
            memcpy(buf + used, sp, seg);
            buf[used + seg] = '\0';
            if (n++ == 0)
                *p1 = buf + used;
            else
                *p2 = buf + used;
            used += seg + 1;
            pp = close + 1;
            sp += seg;
        } else if (*pp++ != *sp++) {
            return 0;
        }
    }
    return *pp == '\0' && *sp == '\0';
}

const struct srv_route *srv__route(const char *method, const char *path, const char **param,
                                   const char **param2, char *param_buf, size_t buf_size,
                                   int *path_known, char *allow, size_t allow_size)
{
    size_t alen = 0;
    *path_known = 0;
    allow[0] = '\0';
    for (const struct srv_route *r = srv__routes; r->method; r++) {
        if (!match(r->pattern, path, param, param2, param_buf, buf_size)) continue;
        if (strcmp(r->method, method) == 0) return r;
        *path_known = 1;
        if (!strstr(allow, r->method)) {
            int w = snprintf(allow + alen, allow_size - alen, "%s%s", alen ? ", " : "", r->method);
            if (w > 0 && (size_t)w < allow_size - alen) alen += (size_t)w;
            if (strcmp(r->method, "GET") == 0 && alen + 6 < allow_size) {
                strcpy(allow + alen, ", HEAD");
                alen += 6;
            }
        }
    }
    if (*path_known && alen + 9 < allow_size) strcpy(allow + alen, ", OPTIONS");
    *param = *param2 = NULL;
    return NULL;
}

const char *srv__query(const struct srv_req *rq, const char *key)
{
    for (size_t i = 0; i < rq->n_query; i++)
        if (strcmp(rq->query[i].key, key) == 0) return rq->query[i].value;
    return NULL;
}

size_t srv__query_all(const struct srv_req *rq, const char *key, const char **values, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < rq->n_query; i++)
        if (strcmp(rq->query[i].key, key) == 0) {
            if (n < max) values[n] = rq->query[i].value;
            n++;
        }
    return n;
}

int srv__json(struct srv_resp *rs, int status, json_t *root)
{
    if (!root) return SRV_ENOMEM;
    char *s = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!s) return SRV_ENOMEM;
    if (rs->free_body) free(rs->body);
    rs->status = status;
    rs->body = s;
    rs->len = strlen(s);
    rs->free_body = 1;
    rs->content_type = "application/json";
    return 0;
}

int srv__fail(struct srv_resp *rs, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rs->detail, sizeof(rs->detail), fmt, ap);
    va_end(ap);
    return code;
}

/* ------------------------------------------------------------------ cursors */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Raw cursors: "key.id"; "S.key.id" or "S:id:text" with a sort letter S. A name cursor
 * carries the whole name (a cut one could not say where the next page starts), so the
 * encoded size follows the name; this bound only caps the work spent on forged input. */
#define CURSOR_MAX 16384

/* The raw cursor text of c; malloc'd, NULL on OOM. */
static char *cursor_raw(char sort, const struct st_cursor *c, size_t *len)
{
    size_t tl = c->text ? strlen(c->text) : 0;
    size_t cap = tl + 64;
    char *raw = malloc(cap);
    if (!raw) return NULL;
    int n;
    if (!sort)
        n = snprintf(raw, cap, "%lld.%lld", (long long)c->key, (long long)c->id);
    else if (c->text)
        n = snprintf(raw, cap, "%c:%lld:%s", sort, (long long)c->id, c->text);
    else
        n = snprintf(raw, cap, "%c.%lld.%lld", sort, (long long)c->key, (long long)c->id);
    *len = n > 0 ? (size_t)n : 0;
    return raw;
}

char *srv__cursor_encode(char sort, const struct st_cursor *c)
{
    size_t n = 0;
    char *raw = cursor_raw(sort, c, &n);
    char *buf = raw ? malloc(n / 3 * 4 + 5) : NULL;
    size_t o = 0;
    for (size_t i = 0; buf && i < n; i += 3) {
        unsigned v = (unsigned char)raw[i] << 16;
        if (i + 1 < n) v |= (unsigned char)raw[i + 1] << 8;
        if (i + 2 < n) v |= (unsigned char)raw[i + 2];
        buf[o++] = b64[(v >> 18) & 63];
        buf[o++] = b64[(v >> 12) & 63];
        if (i + 1 < n) buf[o++] = b64[(v >> 6) & 63];
        if (i + 2 < n) buf[o++] = b64[v & 63];
    }
    if (buf) buf[o] = '\0';
    free(raw);
    return buf;
}

void srv__cursor_clear(struct st_cursor *c)
{
    free((char *)c->text); /* decoded cursors own their text */
    memset(c, 0, sizeof(*c));
}

int srv__cursor_decode(const char *s, char *sort, struct st_cursor *c)
{
    int rc = SRV_EBADREQ;
    size_t n = strlen(s), o = 0;
    unsigned v = 0;
    int bits = 0;
    char *raw = NULL, *again = NULL, *text = NULL;
    long long key = 0, id = 0;
    char tag = 0, sep = 0, tail;
    int used = 0;

    memset(c, 0, sizeof(*c));
    *sort = 0;
    if (n == 0 || n > CURSOR_MAX || !(raw = malloc(n + 1))) goto out;
    for (size_t i = 0; i < n; i++) {
        const char *p = strchr(b64, s[i]);
        if (!p || !s[i]) goto out;
        v = (v << 6) | (unsigned)(p - b64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            raw[o++] = (char)((v >> bits) & 0xff);
        }
    }
    raw[o] = '\0';
    if (raw[0] >= 'a' && raw[0] <= 'z' && (raw[1] == '.' || raw[1] == ':')) {
        tag = raw[0];
        sep = raw[1];
    }
    if (sep == ':') {
        if (sscanf(raw + 2, "%lld:%n", &id, &used) != 1 || used == 0 || raw[2 + used - 1] != ':')
            goto out;
        if (!(text = strdup(raw + 2 + used))) goto out;
    } else if (sscanf(raw + (tag ? 2 : 0), "%lld.%lld%c", &key, &id, &tail) != 2) {
        goto out;
    }
    if (id <= 0 || key < 0) goto out;
    /* only the canonical spelling is a cursor we made */
    struct st_cursor probe = {key, id, text};
    if (!(again = srv__cursor_encode(tag, &probe)) || strcmp(again, s) != 0) goto out;
    *sort = tag;
    c->key = key;
    c->id = id;
    c->text = text;
    text = NULL;
    rc = 0;
out:
    free(raw);
    free(again);
    free(text);
    return rc;
}
