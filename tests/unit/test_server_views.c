/*
 * test_server_views.c: the JSON the views write straight into a buffer (views.c) must be byte
 * for byte what jansson's json_dumps wrote for the same values before, since clients and
 * caches (ETags are hashes of the bytes) saw those bytes: string escapes, integers, reals,
 * and the shapes of an article and a statement with their nulls.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/internal.h"

/* The writer's text, NUL-terminated and owned by the caller. */
static char *taken(struct srv__out *o)
{
    struct srv_resp rs = {0};
    cr_assert_eq(srv__out_take(o, &rs, 200), 0);
    cr_assert_eq(rs.status, 200);
    cr_assert_str_eq(rs.content_type, "application/json");
    cr_assert_eq(strlen(rs.body), rs.len);
    return rs.body;
}

/* json_dumps of one value as the server called it (it steals v). */
static char *jansson(json_t *v)
{
    cr_assert_not_null(v);
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    json_decref(v);
    cr_assert_not_null(s);
    return s;
}

static void same_string(const char *s)
{
    struct srv__out o = {0};
    srv__out_str(&o, s);
    char *got = taken(&o), *want = jansson(json_string(s));
    cr_assert_str_eq(got, want, "string of %zu bytes", strlen(s));
    free(got);
    free(want);
}

Test(views, strings_are_escaped_as_jansson_did)
{
    char all[128];
    for (int c = 1; c < 128; c++)
        all[c - 1] = (char)c;
    all[127] = '\0';
    same_string(all); /* every control character, quote, backslash, slash and DEL */
    same_string("");
    same_string("plain");
    same_string("Qasym-Zhomart Toqaev said \"no\"\n\ttwice \\ / done");
    same_string("\xe2\x80\xa8 line separator, é, 漢字, \xf0\x9f\x98\x80");
    for (int c = 1; c < 0x20; c++) { /* alone, at the start and at the end of a run */
        char s[8] = {(char)c, 'a', (char)c, '\0'};
        same_string(s);
    }
    /* runs are skipped eight bytes at a time: every byte that needs an escape, and the
     * bytes next to them that do not, at every place of a word and of the tail, alone and
     * two at a time */
    const char probe[] = {1, 0x1f, '"', '\\', 0x20, 0x21, '#', '[', ']', 0x7f, 'A'};
    for (size_t k = 0; k < sizeof(probe); k++)
        for (size_t len = 1; len <= 26; len++)
            for (size_t at = 0; at < len; at++) {
                char s[32];
                memset(s, 'a', len);
                s[len] = '\0';
                s[at] = probe[k];
                same_string(s);
                s[(at * 7 + 3) % len] = probe[(k + 1) % sizeof(probe)];
                same_string(s);
            }
    same_string("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\n");
    struct srv__out o = {0};
    srv__out_str(&o, NULL);
    char *got = taken(&o);
    cr_assert_str_eq(got, "null");
    free(got);
}

Test(views, integers_and_reals_as_jansson_wrote_them)
{
    const int64_t ints[] = {0, 1, -1, 9, 10, 99, 100, 12345, -987654321, INT64_MAX, INT64_MIN};
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        struct srv__out o = {0};
        srv__out_int(&o, ints[i]);
        char *got = taken(&o), *want = jansson(json_integer(ints[i]));
        cr_assert_str_eq(got, want);
        free(got);
        free(want);
    }
    const double reals[] = {0.0,    1.0,    -2.0,         0.5,   1.0 / 3, 0.1,   1e20,   1e21,
                            2.5e-7, 1e-300, 1234567890.0, 1e100, 0.625,   -1e-5, 3.0e15, 0.2};
    for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
        struct srv__out o = {0};
        srv__out_real(&o, reals[i]);
        char *got = taken(&o), *want = jansson(json_real(reals[i]));
        cr_assert_str_eq(got, want, "%.17g", reals[i]);
        free(got);
        free(want);
    }
}

Test(views, article_and_statement_shapes)
{
    struct st_article a = {.id = 7,
                           .sha256 = "ab",
                           .title = "T \"1\"",
                           .language = "en",
                           .created_at = "2026-01-01T00:00:00.000Z",
                           .body = "B\n",
                           .body_chars = 2,
                           .n_entities = 3,
                           .n_mentions = 4,
                           .n_statements = 5};
    struct srv__out o = {0};
    srv__view_article(&o, &a, 0, 1);
    srv__out_lit(&o, " ");
    srv__view_article(&o, &a, 1, 0);
    char *got = taken(&o);
    cr_assert_str_eq(got, "{\"id\":7,\"title\":\"T \\\"1\\\"\",\"author\":null,\"source\":null,"
                          "\"url\":null,\"published_at\":null,\"language\":\"en\",\"sha256\":"
                          "\"ab\",\"created_at\":\"2026-01-01T00:00:00.000Z\",\"body_chars\":2,"
                          "\"counts\":{\"entities\":3,\"mentions\":4,\"statements\":5}} "
                          "{\"id\":7,\"title\":\"T \\\"1\\\"\",\"author\":null,\"source\":null,"
                          "\"url\":null,\"published_at\":null,\"language\":\"en\",\"sha256\":"
                          "\"ab\",\"created_at\":\"2026-01-01T00:00:00.000Z\",\"body_chars\":2,"
                          "\"counts\":{\"entities\":3,\"mentions\":4,\"statements\":5},"
                          "\"body\":\"B\\n\"");
    free(got);

    struct st_statement s = {.id = 9,
                             .article_id = 7,
                             .kind = "direct",
                             .content = "c",
                             .span = {{1, 2, 3}, {4, 5, 6}},
                             .quote_span = {{-1, -1, -1}, {-1, -1, -1}}};
    srv__view_statement(&o, &s, EX_UNIT_UTF16);
    got = taken(&o);
    cr_assert_str_eq(got, "{\"id\":9,\"article_id\":7,\"kind\":\"direct\",\"cue\":null,"
                          "\"speaker\":{\"entity_id\":null,\"name\":null,\"text\":null},"
                          "\"content\":\"c\",\"quote\":null,\"start\":2,\"end\":5,"
                          "\"quote_start\":null,\"quote_end\":null}");
    free(got);
}
