/*
 * server_fuzz.c: the server's own parsers on arbitrary bytes: the opaque cursor decoder, the
 * router (path parameters and the Allow list), and the JSON article reader. libmicrohttpd
 * parses HTTP and the query string; these are the pieces newsgraph adds on top.
 *
 * Invariants checked besides "no crash, no sanitizer report":
 *  - a cursor that decodes re-encodes to exactly the same text (only our spelling passes);
 *  - a route's path parameters are NUL-terminated segments of the path;
 *  - the JSON reader either fails with a 400 and a detail, or gives a body string.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/internal.h"

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "server_fuzz: invariant broken: " #cond ": " __VA_ARGS__);             \
            fprintf(stderr, "\n");                                                                 \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static const char *const methods[] = {"GET", "POST", "DELETE", "PUT", "OPTIONS", "HEAD"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    char *s = malloc(size);
    if (!s) return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0'; /* a C string: what libmicrohttpd hands over */
    switch (data[0] % 3) {
    case 0: {
        struct st_cursor c = {0};
        char sort = 0;
        if (srv__cursor_decode(s, &sort, &c) == 0) {
            char *again = srv__cursor_encode(sort, &c);
            CHECK(again && strcmp(again, s) == 0, "'%s' decoded but encodes as '%s'", s,
                  again ? again : "(null)");
            CHECK(c.id > 0 && c.key >= 0, "decoded id %lld key %lld", (long long)c.id,
                  (long long)c.key);
            free(again);
            srv__cursor_clear(&c);
        }
        break;
    }
    case 1: {
        const char *p1 = NULL, *p2 = NULL;
        char params[256], allow[128];
        int known = 0;
        const struct srv_route *r = srv__route(methods[data[0] / 3 % 6], s, &p1, &p2, params,
                                               sizeof(params), &known, allow, sizeof(allow));
        if (r) {
            CHECK(!p1 || strstr(s, p1), "parameter '%s' is not in the path", p1);
            CHECK(!p1 || !strchr(p1, '/'), "parameter '%s' spans segments", p1);
        } else {
            CHECK(strlen(allow) < sizeof(allow), "Allow overflow");
        }
        break;
    }
    default: {
        struct srv_resp rs = {0};
        struct ex_input in = {0};
        json_t *root = NULL;
        int rc = srv__json_article(s, strlen(s), &rs, &root, &in);
        if (rc) {
            CHECK(rc == SRV_EBADREQ, "JSON article error %d", rc);
            CHECK(rs.detail[0], "no detail for a rejected article");
        } else {
            CHECK(in.body && strlen(in.body) <= in.body_len, "accepted without a body");
        }
        json_decref(root);
        break;
    }
    }
    free(s);
    return 0;
}
