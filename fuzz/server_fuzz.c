/*
 * server_fuzz.c: the server's own parsers on arbitrary bytes: the opaque cursor decoder, the
 * router (path parameters and the Allow list), the JSON article reader, and the handlers'
 * query-parameter parsers. libmicrohttpd parses HTTP and the query string; these are the
 * pieces newsgraph adds on top.
 *
 * The first byte picks the parser: b % 4 == 3 the query parameters, else b % 3 (the seeds
 * written before the query parameters keep their meaning). The rest is the input.
 *
 * Invariants checked besides "no crash, no sanitizer report":
 *  - a cursor that decodes re-encodes to exactly the same text (only our spelling passes);
 *  - a route's path parameters are NUL-terminated segments of the path;
 *  - the JSON reader either fails with a 400 and a detail, or gives a body string;
 *  - a query parser returns 0, or SRV_EBADREQ with a detail; what it accepts is spelled as
 *    the API documents it (integers, ids, dates, kinds, sorts, include flags), a limit is
 *    within 1..SRV_MAX_LIMIT, and a cursor it decoded is released by the caller only on
 *    success (LeakSanitizer sees the rest).
 */
#include <jansson.h>
#include <stdbool.h>
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

/* ------------------------------------------------------------------ query parameters */

/* The reference for srv__parse_int: an optional '-', then one or more ASCII digits, nothing
 * else, within int64_t. */
static bool ref_int(const char *s, int64_t *v)
{
    bool neg = *s == '-';
    uint64_t x = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if (neg) s++;
    if (!*s) return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return false;
        unsigned d = (unsigned)(*s - '0');
        if (x > (lim - d) / 10) return false;
        x = x * 10 + d;
    }
    *v = neg ? (x == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)x) : (int64_t)x;
    return true;
}

/* What an accepted date looks like: YYYY, YYYY-MM or YYYY-MM-DD and anything after it. */
static bool date_shaped(const char *s)
{
    size_t n = strlen(s);
    if (n < 4 || n > 32 || n == 5 || n == 6 || n == 8 || n == 9) return false;
    for (size_t i = 0; i < n && i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    }
    return true;
}

/* Every parser answers 0, or SRV_EBADREQ (a 400 in the error table) with a detail. */
static void check_rc(int rc, struct srv_resp *rs, const char *what)
{
    CHECK(rc == 0 || rc == SRV_EBADREQ, "%s returned %d", what, rc);
    if (rc) {
        CHECK(srv_error_status(rc) == 400, "%s: %d is not a 400", what, rc);
        CHECK(rs->detail[0] && memchr(rs->detail, 0, sizeof(rs->detail)),
              "%s: no detail for a refusal", what);
    }
    memset(rs->detail, 0, sizeof(rs->detail));
}

static bool has_key(const struct srv_req *rq, const char *key)
{
    return srv__query(rq, key) != NULL;
}

/* One value through the scalar parsers, whatever its key. */
static void fuzz_value(const char *v)
{
    struct srv_resp rs = {0};
    int64_t got = 7, want = 0, id = 0;
    bool ok = ref_int(v, &want);
    int rc = srv__parse_int(v, &got);
    CHECK((rc == 0) == ok, "parse_int('%s') = %d, reference %d", v, rc, ok);
    CHECK(rc ? got == 7 : got == want, "parse_int('%s') gave %lld", v, (long long)got);
    rc = srv__parse_id(v, &rs, "fuzz", &id);
    check_rc(rc, &rs, "parse_id");
    CHECK((rc == 0) == (ok && want > 0), "parse_id('%s') = %d", v, rc);
    CHECK(rc || id == want, "parse_id('%s') gave %lld", v, (long long)id);
    CHECK(!srv__iso_date(v) || date_shaped(v), "'%s' taken for a date", v);
    int e = 0, s = 0;
    rc = srv__parse_include(v, &rs, &e, &s);
    check_rc(rc, &rs, "parse_include");
    if (rc == 0) {
        CHECK(strspn(v, "entiasm,") == strlen(v), "include '%s' accepted", v);
        CHECK(e == (strstr(v, "entities") != NULL) && s == (strstr(v, "statements") != NULL),
              "include '%s' gave entities %d statements %d", v, e, s);
    }
}

/* A page's limit and cursor under the letter sort. */
static void fuzz_page(const struct srv_req *rq, char sort)
{
    struct srv_resp rs = {0};
    struct st_cursor after;
    size_t limit = 0;
    int64_t want = SRV_DEFAULT_LIMIT;
    const char *l = srv__query(rq, "limit");
    int rc = srv__parse_page(rq, &rs, &limit, &after, sort);
    check_rc(rc, &rs, "parse_page");
    if (rc) {
        CHECK(!after.text, "a refused page left a cursor text to release");
        return;
    }
    CHECK(limit >= 1 && limit <= SRV_MAX_LIMIT, "limit %zu", limit);
    CHECK(!l || (ref_int(l, &want) && (int64_t)limit == want), "limit '%s' gave %zu", l, limit);
    CHECK(l || limit == SRV_DEFAULT_LIMIT, "no limit gave %zu", limit);
    CHECK(!has_key(rq, "cursor") || after.id > 0, "a cursor decoded to id %lld",
          (long long)after.id);
    srv__cursor_clear(&after);
}

static void fuzz_query(const struct srv_req *rq)
{
    static const char *const all[] = {"limit", "cursor",  "q",       "entity", "source",  "since",
                                      "until", "offsets", "include", "kind",   "article", "speaker",
                                      "about", "sort",    "format",  NULL};
    static const char *const few[] = {"limit", "cursor", NULL};
    struct srv_resp rs = {0};
    int rc;

    for (size_t i = 0; i < rq->n_query; i++)
        fuzz_value(rq->query[i].value);

    /* allow_params: 0 exactly when every key is in the list */
    const char *const *lists[] = {all, few};
    for (size_t k = 0; k < 2; k++) {
        bool known = true;
        for (size_t i = 0; i < rq->n_query; i++) {
            const char *const *p = lists[k];
            while (*p && strcmp(*p, rq->query[i].key))
                p++;
            known = known && *p;
        }
        rc = srv__allow_params(rq, &rs, lists[k]);
        check_rc(rc, &rs, "allow_params");
        CHECK((rc == 0) == known, "allow_params %d, every key known %d", rc, known);
    }

    enum ex_unit unit = (enum ex_unit) - 1;
    rc = srv__parse_unit(rq, &rs, &unit);
    check_rc(rc, &rs, "parse_unit");
    const char *off = srv__query(rq, "offsets");
    CHECK(rc || !strcmp(ex_unit_name(unit), off ? off : "codepoint"), "offsets '%s' gave %d",
          off ? off : "", (int)unit);

    static const char sorts[] = {0, 'm', 'a', 'n'};
    for (size_t k = 0; k < sizeof(sorts); k++)
        fuzz_page(rq, sorts[k]);

    struct st_article_query aq = {0};
    rc = srv__parse_article_filters(rq, &rs, &aq);
    check_rc(rc, &rs, "parse_article_filters");
    if (rc == 0) {
        CHECK(aq.n_entity_ids <= ST_MAX_ENTITY_FILTER, "%zu entities", aq.n_entity_ids);
        for (size_t i = 0; i < aq.n_entity_ids; i++)
            CHECK(aq.entity_ids[i] > 0, "entity id %lld", (long long)aq.entity_ids[i]);
        CHECK(!aq.since || date_shaped(aq.since), "since '%s'", aq.since);
        CHECK(!aq.until || date_shaped(aq.until), "until '%s'", aq.until);
        CHECK(!aq.q || (*aq.q && aq.q == srv__query(rq, "q")), "q not the request's");
        CHECK(aq.source == srv__query(rq, "source"), "source not the request's");
    }

    struct st_statement_query sq = {0};
    rc = srv__parse_statement_filters(rq, &rs, &sq);
    check_rc(rc, &rs, "parse_statement_filters");
    if (rc == 0) {
        CHECK(!sq.kind ||
                  !strcmp(ex_statement_kind_name(ex_statement_kind_parse(sq.kind)), sq.kind),
              "statement kind '%s'", sq.kind);
        CHECK(sq.article_id > 0 || (sq.article_id == 0 && !has_key(rq, "article")), "article %lld",
              (long long)sq.article_id);
        CHECK(sq.about_id > 0 || (sq.about_id == 0 && !has_key(rq, "about")), "about %lld",
              (long long)sq.about_id);
        CHECK(sq.speaker_id >= 0 && !(sq.speaker_id && sq.speaker), "speaker %lld and '%s'",
              (long long)sq.speaker_id, sq.speaker ? sq.speaker : "");
    }

    struct st_entity_query eq = {0};
    char letter = 0;
    rc = srv__parse_entity_query(rq, &rs, &eq, &letter);
    check_rc(rc, &rs, "parse_entity_query");
    if (rc == 0) {
        const char *sort = srv__query(rq, "sort");
        CHECK(letter == (!sort                       ? 'm'
                         : !strcmp(sort, "mentions") ? 'm'
                         : !strcmp(sort, "articles") ? 'a'
                         : !strcmp(sort, "name")     ? 'n'
                                                     : '?'),
              "sort '%s' gave letter %d", sort ? sort : "", letter);
        CHECK(eq.limit >= 1 && eq.limit <= SRV_MAX_LIMIT, "entity limit %zu", eq.limit);
        CHECK(!eq.after.id || (eq.sort == ST_ENTITIES_BY_NAME) == (eq.after.text != NULL),
              "a name cursor for counts or a count cursor for names");
        CHECK(!eq.kind || !strcmp(ex_entity_kind_name(ex_entity_kind_parse(eq.kind)), eq.kind),
              "entity kind '%s'", eq.kind);
        CHECK(eq.article_id >= 0, "article %lld", (long long)eq.article_id);
        srv__cursor_clear(&eq.after);
    } else {
        CHECK(!eq.after.text, "a refused entity query left a cursor text to release");
    }
}

/* The input (after the selector byte) as a query string: '&' separates parameters, the first
 * '=' a key from its value (libmicrohttpd has already percent-decoded both; a parameter
 * without '=' has the value ""). Each key and value is a heap copy of its exact size, so
 * AddressSanitizer sees a read past its end. */
static void query_params(const uint8_t *data, size_t size)
{
    struct srv_req rq = {0};
    char *owned[2 * SRV_MAX_QUERY];
    size_t n_owned = 0, at = 0;

    while (at < size && rq.n_query < SRV_MAX_QUERY) {
        const uint8_t *amp = memchr(data + at, '&', size - at);
        size_t end = amp ? (size_t)(amp - data) : size;
        const uint8_t *eq = memchr(data + at, '=', end - at);
        size_t kend = eq ? (size_t)(eq - data) : end;
        char *k = strndup((const char *)data + at, kend - at);
        char *v = eq ? strndup((const char *)eq + 1, end - kend - 1) : strdup("");
        if (k) owned[n_owned++] = k;
        if (v) owned[n_owned++] = v;
        if (!k || !v) goto out;
        /* a NUL inside the input ends the C string, as it would in libmicrohttpd */
        rq.query[rq.n_query].key = k;
        rq.query[rq.n_query].value = v;
        rq.n_query++;
        at = end + 1;
    }
    rq.path = "/v1/fuzz";
    fuzz_query(&rq);
out:
    for (size_t i = 0; i < n_owned; i++)
        free(owned[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    if (data[0] % 4 == 3) {
        query_params(data + 1, size - 1);
        return 0;
    }
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
