/*
 * test_server_cursor.c: the opaque cursor codec of the HTTP layer. A cursor must come back
 * exactly as it went out (sort letter, count or name, id), whatever the name holds, and
 * anything the server did not spell itself must be refused, so a client cannot page from a
 * place no page ended at.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "server/internal.h"

/* base64url without padding, as the server spells it */
static char *b64(const char *raw)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t n = strlen(raw), o = 0;
    char *out = malloc(n / 3 * 4 + 5);
    cr_assert_not_null(out);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)raw[i] << 16;
        if (i + 1 < n) v |= (unsigned char)raw[i + 1] << 8;
        if (i + 2 < n) v |= (unsigned char)raw[i + 2];
        out[o++] = a[(v >> 18) & 63];
        out[o++] = a[(v >> 12) & 63];
        if (i + 1 < n) out[o++] = a[(v >> 6) & 63];
        if (i + 2 < n) out[o++] = a[v & 63];
    }
    out[o] = '\0';
    return out;
}

static void roundtrip(char sort, int64_t key, int64_t id, const char *text)
{
    struct st_cursor c = {key, id, text}, d = {0};
    char got = 'x';
    char *s = srv__cursor_encode(sort, &c);
    cr_assert_not_null(s);
    cr_assert_eq(srv__cursor_decode(s, &got, &d), 0, "%c %lld %lld %s", sort ? sort : '0',
                 (long long)key, (long long)id, text ? text : "-");
    cr_expect_eq(got, sort);
    cr_expect_eq(d.key, key);
    cr_expect_eq(d.id, id);
    if (text)
        cr_expect_str_eq(d.text, text);
    else
        cr_expect_null(d.text);
    srv__cursor_clear(&d);
    cr_expect_null(d.text);
    free(s);
}

Test(cursor, round_trips)
{
    roundtrip(0, 3, 38, NULL);
    roundtrip(0, 0, 1, NULL);
    roundtrip('m', 9, 1, NULL);
    roundtrip('a', 0, 9223372036854775807LL, NULL);
    roundtrip('n', 0, 5, "Lima");
    roundtrip('n', 0, 5, "St. Louis: 3.5 km"); /* the separators inside a name */
    roundtrip('n', 0, 7, "Qasym-Zhomart Toqaev \xc3\xa9\xe2\x80\x99");
    roundtrip('n', 0, 7, "");
}

Test(cursor, long_names_round_trip)
{
    char *name = malloc(9001);
    cr_assert_not_null(name);
    for (int i = 0; i < 9000; i++)
        name[i] = (char)('a' + i % 26);
    name[9000] = '\0';
    roundtrip('n', 0, 42, name);
    free(name);
}

Test(cursor, the_old_spelling_is_untagged)
{
    struct st_cursor c = {0};
    char sort = 'x';
    cr_assert_eq(srv__cursor_decode("My4zOA", &sort, &c), 0); /* "3.38" */
    cr_expect_eq(sort, 0);
    cr_expect_eq(c.key, 3);
    cr_expect_eq(c.id, 38);
}

Test(cursor, refuses_what_it_did_not_spell)
{
    static const char *const raws[] = {
        "3.0",  "3.-1",   "-3.1",   "3",     "3.1x",   "03.1",   "+3.1",   " 3.1",
        "m.3",  "m.-3.1", "m:3.1",  "M.3.1", "n:0:A",  "n:-1:A", "n:01:A", "n:1",
        "n1:A", "n: 1:A", "nn:1:A", "..3.1", "m.3.1.", "",
    };
    for (size_t i = 0; i < sizeof(raws) / sizeof(raws[0]); i++) {
        struct st_cursor c = {0};
        char sort = 0;
        char *s = b64(raws[i]);
        cr_expect_neq(srv__cursor_decode(s, &sort, &c), 0, "'%s' decoded", raws[i]);
        cr_expect_null(c.text);
        free(s);
    }
    struct st_cursor c = {0};
    char sort = 0;
    cr_expect_neq(srv__cursor_decode("My4zOA=", &sort, &c), 0, "padding is not our spelling");
    cr_expect_neq(srv__cursor_decode("My4z+A", &sort, &c), 0, "base64, not base64url");
    char *huge = malloc(20001);
    cr_assert_not_null(huge);
    memset(huge, 'A', 20000);
    huge[20000] = '\0';
    cr_expect_neq(srv__cursor_decode(huge, &sort, &c), 0, "past the size bound");
    free(huge);
}

Test(cursor, a_nul_inside_the_name_is_refused)
{
    /* "n:1:A\0B" base64url-encoded by hand: the decoded name would stop at the NUL */
    const unsigned char raw[] = {'n', ':', '1', ':', 'A', 0, 'B'};
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char s[16];
    size_t o = 0, n = sizeof(raw);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)raw[i] << 16;
        if (i + 1 < n) v |= (unsigned)raw[i + 1] << 8;
        if (i + 2 < n) v |= raw[i + 2];
        s[o++] = a[(v >> 18) & 63];
        s[o++] = a[(v >> 12) & 63];
        if (i + 1 < n) s[o++] = a[(v >> 6) & 63];
        if (i + 2 < n) s[o++] = a[v & 63];
    }
    s[o] = '\0';
    struct st_cursor c = {0};
    char sort = 0;
    cr_expect_neq(srv__cursor_decode(s, &sort, &c), 0);
}
