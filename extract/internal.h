/*
 * internal.h: the stages of the extraction pipeline as extract.c calls them. Each stage reads
 * the normalized body and what the stages before it produced, and writes into the
 * document's arena; none of them copies text (spans are byte offsets into the body).
 */
#ifndef NEWSGRAPH_EXTRACT_INTERNAL_H
#define NEWSGRAPH_EXTRACT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "model.h"

/* Token flags. */
enum {
    EX__T_CAP = 1 << 0,    /* first letter uppercase */
    EX__T_UPPER = 1 << 1,  /* every letter uppercase, at least two letters (acronyms) */
    EX__T_NUM = 1 << 2,    /* starts with a digit */
    EX__T_PUNCT = 1 << 3,  /* punctuation or a quote mark */
    EX__T_POSS = 1 << 4,   /* followed by a possessive 's (not part of the token) */
    EX__T_SSTART = 1 << 5, /* first word of its sentence */
    EX__T_PSTART = 1 << 6, /* first token of its paragraph */
    EX__T_WORD = 1 << 7,   /* contains a letter */
};

/* Byte classes, ex__bclass[byte]: the ASCII fast paths of both tokenizers (tokens.c and
 * statements.c) answer "letter? which case? digit? space? may it join two runs?" with one
 * table load, and leave a byte of a multi-byte character (EX__B_HIGH) to the decoder. */
enum {
    EX__B_LETTER = 1 << 0, /* A-Z a-z */
    EX__B_LOWER = 1 << 1,
    EX__B_UPPER = 1 << 2,
    EX__B_DIGIT = 1 << 3,
    EX__B_SPACE = 1 << 4, /* space, tab, newline, carriage return */
    EX__B_JOIN = 1 << 5,  /* - / . & ' , : may join two alphanumeric runs */
    EX__B_HIGH = 1 << 6,  /* 0x80-0xFF: part of a multi-byte character */
    EX__B_QUOTE = 1 << 7, /* " ' ` : may be a quote mark */
    EX__B_ALNUM = EX__B_LETTER | EX__B_DIGIT,
};
extern const unsigned char ex__bclass[256];

/* The end of the run of ASCII letters and digits at s[i..end), with the classes of its bytes
 * (EX__B_LETTER, EX__B_LOWER, EX__B_UPPER, EX__B_DIGIT) OR-ed into *bits. Eight bytes at a
 * time where eight remain: one word of news text is then one step, and its end is found by
 * counting zeros instead of by a branch per byte. */
static inline size_t ex__alnum_run(const char *s, size_t i, size_t end, unsigned *bits)
{
    unsigned b = 0, k = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
    while (end - i >= 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        /* per byte, in its top bit: ASCII, a digit, a letter (case folded by 0x20); the low
         * seven bits plus at most 0x50 never carry into the next byte */
        uint64_t x7 = x & ~high, ascii = ~x & high, y = x7 | ones * 0x20;
        uint64_t digit = (x7 + ones * (0x80 - '0')) & ~(x7 + ones * (0x80 - '9' - 1)) & ascii;
        uint64_t letter = (y + ones * (0x80 - 'a')) & ~(y + ones * (0x80 - 'z' - 1)) & ascii;
        uint64_t stop = ~(digit | letter) & high;
        uint64_t before = stop ? (stop & (0 - stop)) - 1 : ~(uint64_t)0; /* bytes before it */
        letter &= before;
        if (digit & before) b |= EX__B_DIGIT;
        if (letter & (x7 << 2)) b |= EX__B_LETTER | EX__B_LOWER; /* 0x20 set: lowercase */
        if (letter & ~(x7 << 2)) b |= EX__B_LETTER | EX__B_UPPER;
        if (stop) {
            *bits |= b;
            return i + ((size_t)__builtin_ctzll(stop) >> 3);
        }
        i += 8;
    }
#endif
    while (i < end && ((k = ex__bclass[(unsigned char)s[i]]) & EX__B_ALNUM)) {
        b |= k;
        i++;
    }
    *bits |= b;
    return i;
}

struct ex__tok {
    uint32_t s, e; /* byte span in the body */
    uint16_t flags;
    int32_t sent; /* sentence index */
};

struct ex__text {
    const char *body;
    size_t len;
    struct ex__tok *t;
    size_t nt;
    struct ex_span *sents; /* sentence spans in body order */
    size_t n_sents;
};

/* Stage 3: tokens and sentences of the given paragraphs, into the arena. 0 or EX_ENOMEM. */
int ex__tokenize(const char *body, size_t len, const struct ex_span *paras, size_t n_paras,
                 struct ex_arena *a, struct ex__text *out);

/* The length of the Arabic article that opens w[0..n) ("al-" of "al-Jaber", "El-" of
 * "El-Sisi"), before an ASCII capital letter; 0 when there is none. A name English writes
 * with its article in lowercase is a name all the same (tokens.c). */
size_t ex__article_len_of(const char *w, size_t n);
static inline size_t ex__article_len(const char *w, size_t n)
{
    /* every article ends in a dash at w[2] or w[3] and is followed by a capital and more:
     * nearly every word is none by that alone (this is asked of every lowercase word) */
    if (n < 5 || (w[2] != '-' && w[3] != '-')) return 0;
    return ex__article_len_of(w, n);
}

/* The month (1-12) w[0..n) abbreviates without a period, as wire services write dates
 * ("Dec 4", "Sept 12"), else 0. Only before a day of the month is it one: "Jan" alone is a
 * given name, "Mar" a word of names. */
int ex__month_abbrev(const char *w, size_t n);

/* A date or quantity (numbers.c). */
struct ex__num {
    struct ex_span span;
    enum ex_entity_kind kind; /* EX_DATE or EX_QUANTITY */
    const char *value;        /* "2022-01-07", "3811"; arena; NULL when unknown */
    const char *qualifier;    /* "more than", "approximate"; static; or NULL */
    const char *unit;         /* "people", "percent", "USD"; arena; or NULL */
};

/* Dates and quantities among the tokens, in body order, not overlapping. published_at
 * (ISO 8601 or NULL) anchors dates without a year. 0 or EX_ENOMEM. */
int ex__numbers(const struct ex__text *tx, const char *published_at, struct ex_arena *a,
                struct ex__num **out, size_t *n_out);

/* Stages 4-6: names, their kinds, clustering into entities; then dates and quantities.
 * Fills doc->entities (mentions in body order) and *mentions (every mention in body order
 * with its entity index, for statement attribution). 0 or EX_ENOMEM. */
struct ex__st_mention;
int ex__entities(struct ex_doc *doc, const struct ex__text *tx, struct ex__st_mention **mentions,
                 size_t *n_mentions);

#endif
