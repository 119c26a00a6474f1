/*
 * utf8_fuzz.c: libFuzzer target for the UTF-8 arithmetic at the API's edge (extract.h):
 * ex_validate_utf8(), which the server uses to reject bad request bodies, must give the same
 * verdict and the same offending offset as the reference decoder in ref_utf8.h on every byte
 * sequence, and ex_offset_convert() must count code points and UTF-16 units on the valid
 * prefix exactly as the reference does. Invalid UTF-8 that slips through here would reach
 * jansson and SQLite; a wrong offset would slice the body in the wrong place.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "extract/extract.h"
#include "ref_utf8.h"

static void fail(const char *what, size_t a, size_t b)
{
    fprintf(stderr, "utf8_fuzz: %s: expected %zu, got %zu\n", what, a, b);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t want_off = 0, got_off = (size_t)-1;
    int want = ref_validate(data, size, &want_off);
    int got = ex_validate_utf8(s, size, &got_off);

    if (got != want) fail("verdict", (size_t)-want, (size_t)-got);
    if (want && got_off != want_off) fail("offending offset", want_off, got_off);
    /* A NULL offset pointer must be accepted too. */
    if (ex_validate_utf8(s, size, NULL) != want) fail("verdict without offset", 0, 1);

    /* Conversions on the valid prefix: at its end and at one boundary picked by the input. */
    size_t valid = want ? want_off : size;
    size_t mid = size ? data[0] * valid / 255 : 0;
    while (mid > 0 && mid < valid && (data[mid] & 0xC0) == 0x80)
        mid--;
    size_t offs[2] = {valid, mid};
    for (int i = 0; i < 2; i++) {
        size_t cps, u16;
        ref_count(data, offs[i], &cps, &u16);
        if (ex_offset_convert(s, offs[i], EX_UNIT_CODEPOINT) != cps)
            fail("code points", cps, ex_offset_convert(s, offs[i], EX_UNIT_CODEPOINT));
        if (ex_offset_convert(s, offs[i], EX_UNIT_UTF16) != u16)
            fail("utf16 units", u16, ex_offset_convert(s, offs[i], EX_UNIT_UTF16));
        if (ex_offset_convert(s, offs[i], EX_UNIT_UTF8) != offs[i])
            fail("utf8 bytes", offs[i], ex_offset_convert(s, offs[i], EX_UNIT_UTF8));
    }
    return 0;
}
