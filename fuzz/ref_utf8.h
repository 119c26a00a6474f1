/*
 * ref_utf8.h: the fuzzers' reference UTF-8 decoder, the oracle that libextract's own
 * validation and offset arithmetic (model.c) are compared against. It is written from the
 * Unicode Standard's table of well-formed byte sequences (table 3-7: explicit byte ranges per
 * lead byte) rather than from "decode, then reject overlongs and surrogates" as model.c does,
 * so that the two share no reasoning and a mistake in one shows up as a disagreement.
 * Header-only (static inline): each fuzz target is one translation unit.
 */
#ifndef NEWSGRAPH_FUZZ_REF_UTF8_H
#define NEWSGRAPH_FUZZ_REF_UTF8_H

#include <stddef.h>

#include "extract/extract.h"

/* Length of the well-formed sequence starting at s (n bytes available), or 0 if ill-formed. */
static inline size_t ref_seq_len(const unsigned char *s, size_t n)
{
    unsigned b0 = s[0], lo = 0x80, hi = 0xBF;
    size_t len;

    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 == 0xE0) {
        len = 3, lo = 0xA0;
    } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
        len = 3;
    } else if (b0 == 0xED) {
        len = 3, hi = 0x9F;
    } else if (b0 == 0xF0) {
        len = 4, lo = 0x90;
    } else if (b0 >= 0xF1 && b0 <= 0xF3) {
        len = 4;
    } else if (b0 == 0xF4) {
        len = 4, hi = 0x8F;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi) return 0;
    for (size_t k = 2; k < len; k++)
        if (s[k] < 0x80 || s[k] > 0xBF) return 0;
    return len;
}

/* What ex_validate_utf8 must answer: 0, or EX_EUTF8 / EX_ENUL with the offset of the first
 * offending sequence (a NUL is itself a well-formed sequence, so whichever comes first). */
static inline int ref_validate(const unsigned char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] == 0) {
            *bad = i;
            return EX_ENUL;
        }
        size_t k = ref_seq_len(s + i, n - i);
        if (!k) {
            *bad = i;
            return EX_EUTF8;
        }
        i += k;
    }
    return 0;
}

/* Code points and UTF-16 units in the valid UTF-8 prefix s[0..off). */
static inline void ref_count(const unsigned char *s, size_t off, size_t *cps, size_t *u16)
{
    size_t i = 0, c = 0, u = 0;
    while (i < off) {
        size_t k = ref_seq_len(s + i, off - i);
        if (!k) k = 1; /* callers pass valid text; never loop forever */
        c++;
        u += k == 4 ? 2 : 1;
        i += k;
    }
    *cps = c;
    *u16 = u;
}

#endif
