/*
 * test_extract_offsets.c: the byte -> code point / UTF-16 conversions every API response
 * depends on. ex_offset_table must agree with ex_offset_convert at every character boundary
 * and map positions inside a character to its start.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* "Héllo 😀 “x”": 1-, 2-, 4- and 3-byte characters. */
static const char body[] = "H\xc3\xa9llo \xf0\x9f\x98\x80 \xe2\x80\x9cx\xe2\x80\x9d";

Test(offsets, table_matches_convert_at_every_boundary)
{
    size_t len = strlen(body);
    for (int u = EX_UNIT_CODEPOINT; u <= EX_UNIT_UTF8; u++) {
        uint32_t *t = ex_offset_table(body, len, (enum ex_unit)u);
        cr_assert_not_null(t);
        for (size_t i = 0; i <= len; i++)
            if (i == len || ((unsigned char)body[i] & 0xC0) != 0x80)
                cr_expect_eq(t[i], ex_offset_convert(body, i, (enum ex_unit)u), "unit %d byte %zu",
                             u, i);
        free(t);
    }
}

Test(offsets, known_values)
{
    size_t len = strlen(body);
    uint32_t *cp = ex_offset_table(body, len, EX_UNIT_CODEPOINT);
    uint32_t *u16 = ex_offset_table(body, len, EX_UNIT_UTF16);
    uint32_t *u8 = ex_offset_table(body, len, EX_UNIT_UTF8);
    cr_assert(cp && u16 && u8);
    /* the emoji starts at byte 7, code point 6; after it: code point 7, UTF-16 unit 8 */
    cr_expect_eq(cp[7], 6);
    cr_expect_eq(cp[11], 7);
    cr_expect_eq(u16[11], 8);
    cr_expect_eq(cp[len], 11);
    cr_expect_eq(u16[len], 12);
    cr_expect_eq(u8[len], len);
    cr_expect_eq(u8[9], 9, "utf8 is the identity, even inside a character");
    cr_expect_eq(cp[9], 6, "inside the emoji maps to its start");
    free(cp);
    free(u16);
    free(u8);
}

Test(offsets, empty_body)
{
    uint32_t *t = ex_offset_table("", 0, EX_UNIT_UTF16);
    cr_assert_not_null(t);
    cr_expect_eq(t[0], 0);
    free(t);
}
