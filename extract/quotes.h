/*
 * quotes.h: quotation-mark pairing over an article body, the first half of statement
 * extraction (statements.c is the second). Internal to libextract (ex__ names).
 *
 * Newswire text mixes curly and straight marks (“…" and "…” pairs), uses the same glyph for
 * apostrophes and single quotes (it's, Kazakhstan’s, ’90s, Afghans'), carries quotations
 * across sentences and across paragraphs (a multi-paragraph quote leaves the non-final
 * paragraphs unclosed and reopens the next one), and is sometimes simply unbalanced. The
 * pairing here decides each mark's role from its surroundings first (a mark after a space
 * and before a word opens, one after a word and before a space or punctuation closes) and
 * from its glyph only when the context is ambiguous, then pairs marks paragraph by
 * paragraph, so that a stray mark can never swallow more than the rest of its paragraph.
 * Short quotations inside a sentence ("bandits", "basically") are flagged as scare quotes
 * so that statements.c can keep them as part of the surrounding statement.
 */
#ifndef NEWSGRAPH_EXTRACT_QUOTES_H
#define NEWSGRAPH_EXTRACT_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct ex_arena;

/* What a quote-mark glyph can be, before context decides. */
enum ex__mark_kind {
    EX__MARK_NONE = 0,
    EX__MARK_DOUBLE, /* " “ ” „ « » */
    EX__MARK_SINGLE  /* ' ‘ ’ ‚ */
};

/* The quote-mark glyph starting at byte i of s[0..len): its kind, and its byte length in
 * *mark_len (1..3). Returns EX__MARK_NONE (and leaves *mark_len alone) for other bytes. */
enum ex__mark_kind ex__quote_mark_at(const char *s, size_t len, size_t i, size_t *mark_len);

enum ex__quote_flag {
    EX__Q_SINGLE = 1 << 0,     /* delimited by single marks */
    EX__Q_NESTED = 1 << 1,     /* a single-quoted span inside a double-quoted one */
    EX__Q_UNCLOSED = 1 << 2,   /* no closing mark: bounded by the paragraph end or the next
                                  opening mark */
    EX__Q_CONT_NEXT = 1 << 3,  /* continues in the next paragraph (newswire convention) */
    EX__Q_CONT_PREV = 1 << 4,  /* continues the previous paragraph's quote */
    EX__Q_PARA_START = 1 << 5, /* opens at the start of its paragraph */
    EX__Q_SENT_START = 1 << 6, /* opens at a sentence start or after a colon */
    EX__Q_SCARE = 1 << 7,      /* 1-3 words inside a sentence: a scare quote or a term, unless
                                  a speech cue binds it (statements.c decides) */
    EX__Q_TITLE = 1 << 8       /* every word capitalized: a name or title ("Hope",
                                  "The Internet Explorer 6 Countdown") */
};

/* One quotation segment. A quote carried over several paragraphs is one segment per
 * paragraph, chained by next/prev. */
struct ex__quote {
    struct ex_span open;    /* the opening mark; empty (start == end) when there is none */
    struct ex_span close;   /* the closing mark; empty when unclosed or continued */
    struct ex_span content; /* between the marks, surrounding spaces and a trailing comma
                               trimmed */
    uint32_t para;          /* index of its paragraph */
    uint32_t words;         /* words (runs containing a letter or digit) in content */
    uint32_t flags;         /* enum ex__quote_flag */
    int32_t prev, next;     /* chained segments of a multi-paragraph quote, or -1 */
};

/* Pairs the quote marks of body[0..len) inside the given paragraphs (byte spans in body
 * order, not overlapping; text outside them is ignored). On success returns 0 and sets
 * *out to an array of *n_out quotes in body order (by opening position), allocated in the
 * arena (owned by it; NULL when there are none). Returns EX_EINVAL on bad arguments and
 * EX_ENOMEM when the arena cannot allocate. One allocation, linear time. */
int ex__quotes_find(const char *body, size_t len, const struct ex_span *paras, size_t n_paras,
                    struct ex_arena *arena, struct ex__quote **out, size_t *n_out);

/* Index of the innermost quote whose extent (marks included) contains byte pos, or -1.
 * quotes as returned by ex__quotes_find. O(log n) plus the nesting depth. */
int ex__quote_containing(const struct ex__quote *quotes, size_t n, uint32_t pos);

/* ---- statement extraction core (statements.c), over the pieces of the pipeline ---- */

/* One entity mention as statement extraction needs it. */
struct ex__st_mention {
    struct ex_span span;
    int entity; /* index into the entities array, or -1 */
};

/* Finds the statements of body[0..len) inside the given paragraphs (byline and footer left
 * out by the caller). sents: sentence spans in body order (NULL: a simple splitter is
 * used); mentions: entity mentions in body order; ents: the entities they point to (their
 * kinds decide pronoun compatibility). On success returns 0 and sets *out to *n_out
 * statements in body order, allocated in the arena (NULL when none). EX_ENOMEM when the
 * arena cannot allocate. Linear in the body apart from a per-statement scan of quotes. */
int ex__statements_find(const char *body, size_t len, const struct ex_span *paras, size_t n_paras,
                        const struct ex_span *sents, size_t n_sents,
                        const struct ex__st_mention *mentions, size_t n_mentions,
                        const struct ex_entity *ents, size_t n_ents, struct ex_arena *arena,
                        struct ex_statement **out, size_t *n_out);

/* ex__statements_find with stage 3's tokens of the same body and paragraphs (internal.h), or
 * NULL: the words of an ASCII paragraph are then taken from them instead of scanning its
 * text a second time (the output is the same). */
struct ex__text;
int ex__statements_find_tx(const char *body, size_t len, const struct ex_span *paras,
                           size_t n_paras, const struct ex_span *sents, size_t n_sents,
                           const struct ex__text *tx, const struct ex__st_mention *mentions,
                           size_t n_mentions, const struct ex_entity *ents, size_t n_ents,
                           struct ex_arena *arena, struct ex_statement **out, size_t *n_out);

#endif
