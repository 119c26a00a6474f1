/*
 * quotes.c: pairs quotation marks paragraph by paragraph (see quotes.h for the why). Each
 * mark gets a role from the characters around it (open, close, apostrophe, ambiguous), then
 * a small per-paragraph state machine pairs double marks and, inside or outside them,
 * single marks. A double quote still open at a paragraph's end continues only when the next
 * paragraph opens with a quote mark; otherwise it ends with its paragraph.
 */
#include "quotes.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "arena.h"
#include "extract.h"

enum role { R_NONE, R_OPEN, R_CLOSE, R_AMBIG, R_APOS };

/* Glyph of the mark at i: kind, byte length, and its typographic bias (-1 opening glyph,
 * +1 closing glyph, 0 straight). */
static enum ex__mark_kind glyph(const char *s, size_t len, size_t i, size_t *mlen, int *bias)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[i] == '"' || u[i] == '\'') {
        *mlen = 1;
        *bias = 0;
        return u[i] == '"' ? EX__MARK_DOUBLE : EX__MARK_SINGLE;
    }
    if (u[i] == 0xC2 && i + 1 < len && (u[i + 1] == 0xAB || u[i + 1] == 0xBB)) {
        *mlen = 2;
        *bias = u[i + 1] == 0xAB ? -1 : 1;
        return EX__MARK_DOUBLE;
    }
    if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80) {
        switch (u[i + 2]) {
        case 0x9C: /* “ */
        case 0x9E: /* „ */
            *mlen = 3;
            *bias = -1;
            return EX__MARK_DOUBLE;
        case 0x9D: /* ” */
            *mlen = 3;
            *bias = 1;
            return EX__MARK_DOUBLE;
        case 0x98: /* ‘ */
        case 0x9A: /* ‚ */
            *mlen = 3;
            *bias = -1;
            return EX__MARK_SINGLE;
        case 0x99: /* ’ */
            *mlen = 3;
            *bias = 1;
            return EX__MARK_SINGLE;
        default:
            break;
        }
    }
    return EX__MARK_NONE;
}

enum ex__mark_kind ex__quote_mark_at(const char *s, size_t len, size_t i, size_t *mark_len)
{
    size_t ml = 0;
    int bias = 0;
    if (!s || i >= len) return EX__MARK_NONE;
    enum ex__mark_kind k = glyph(s, len, i, &ml, &bias);
    if (k != EX__MARK_NONE && mark_len) *mark_len = ml;
    return k;
}

/* Code point at i (i < end), its length in *n. Invalid bytes read as U+FFFD. */
static int32_t cp_at(const char *s, size_t i, size_t end, size_t *n)
{
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(end - i), &c);
    if (k <= 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = (size_t)k;
    return c;
}

/* Start of the code point ending just before i (i > start). */
static size_t back1(const char *s, size_t i, size_t start)
{
    size_t j = i - 1;
    while (j > start && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return j;
}

/* Code point ending just before i (i > start). */
static int32_t cp_before(const char *s, size_t i, size_t start)
{
    size_t n = 0;
    return cp_at(s, back1(s, i, start), i, &n);
}

static int is_space(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_alnum(int32_t c)
{
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO &&
           cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
           cat != UTF8PROC_CATEGORY_ME;
}

static int is_upper(int32_t c)
{
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

static int is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

static int is_dash(int32_t c)
{
    return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015;
}

static int is_quote_cp(int32_t c)
{
    return c == '"' || c == '\'' || c == 0xAB || c == 0xBB || (c >= 0x2018 && c <= 0x201F);
}

/* What may stand before an opening mark. */
static int left_open(int32_t c)
{
    return c < 0 || is_space(c) || c == '(' || c == '[' || c == '{' || c == '<' || c == '/' ||
           is_dash(c) || is_quote_cp(c);
}

/* What may stand after a closing mark. */
static int right_open(int32_t c)
{
    return c < 0 || is_space(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == '!' ||
           c == '?' || c == ')' || c == ']' || c == '}' || c == '>' || c == '/' || c == 0x2026 ||
           is_dash(c) || is_quote_cp(c);
}

/* Leading-apostrophe elisions ('em, 'tis) and decades ('90s), at j just after the mark. */
static int is_elision(const char *s, size_t j, size_t end)
{
    static const char *const words[] = {"em", "tis", "twas", "til", "cause", "n", "s"};
    if (j + 1 < end && is_digit((unsigned char)s[j]) && is_digit((unsigned char)s[j + 1])) return 1;
    for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
        size_t n = strlen(words[w]);
        if (j + n > end || strncmp(s + j, words[w], n) != 0) continue;
        if (j + n == end) return 1;
        size_t k = 0;
        if (!is_alnum(cp_at(s, j + n, end, &k))) return 1;
    }
    return 0;
}

/* Role of the mark [i, i+mlen) in the paragraph [ps, pe). */
static enum role mark_role(const char *s, size_t ps, size_t pe, size_t i, size_t mlen,
                           enum ex__mark_kind kind, int bias)
{
    size_t n = 0;
    int32_t prev = i > ps ? cp_before(s, i, ps) : -1;
    int32_t next = i + mlen < pe ? cp_at(s, i + mlen, pe, &n) : -1;
    int lo = left_open(prev), ro = right_open(next);
    if (kind == EX__MARK_DOUBLE) {
        if (lo && !ro) return R_OPEN;
        if (!lo && ro) return R_CLOSE;
        return bias < 0 ? R_OPEN : bias > 0 ? R_CLOSE : R_AMBIG;
    }
    if (prev >= 0 && next >= 0 && is_alnum(prev) && is_alnum(next)) return R_APOS;
    if (lo && !ro) return is_elision(s, i + mlen, pe) ? R_APOS : R_OPEN;
    if (!lo && ro) return R_CLOSE; /* or a plural possessive: only pairs with an opener */
    if (lo && ro && bias) return bias < 0 ? R_OPEN : R_CLOSE;
    return R_APOS;
}

struct pairer {
    const char *s;
    struct ex__quote *q;
    size_t n, cap;
    struct ex_arena *a;
    int oom; /* an emit() could not grow q */
};

static int word_stats(const char *s, size_t a, size_t b, uint32_t *words)
{
    uint32_t w = 0;
    int title = 1, any = 0, first = 1;
    static const char *const small[] = {"of", "the", "and", "for", "a",   "an", "in", "on",  "to",
                                        "at", "de",  "la",  "von", "van", "al", "du", "del", "&"};
    size_t i = a;
    while (i < b) {
        size_t n = 0;
        while (i < b && is_space(cp_at(s, i, b, &n)))
            i += n;
        if (i >= b) break;
        size_t ws = i;
        int has_alnum = 0, has_letter = 0;
        int32_t first_letter = -1;
        while (i < b) {
            unsigned char u = (unsigned char)s[i];
            if (u < 0x80) { /* ASCII without decoding: most of every quotation */
                if (u == ' ' || u == '\t' || u == '\n' || u == '\r') break;
                if ((unsigned)((u | 0x20) - 'a') < 26u) {
                    has_alnum = has_letter = 1;
                    if (first_letter < 0) first_letter = u;
                } else if ((unsigned)(u - '0') < 10u) {
                    has_alnum = 1;
                }
                i++;
                continue;
            }
            int32_t c = cp_at(s, i, b, &n);
            if (is_space(c)) break;
            if (is_alnum(c)) {
                has_alnum = 1;
                if (!is_digit(c)) {
                    has_letter = 1;
                    if (first_letter < 0) first_letter = c;
                }
            }
            i += n;
        }
        if (!has_alnum) continue;
        w++;
        if (!has_letter) continue;
        any = 1;
        if (is_upper(first_letter)) {
            first = 0;
            continue;
        }
        int is_small = 0; /* only asked while the quotation may still be a title */
        for (size_t k = 0; title && !first && k < sizeof(small) / sizeof(small[0]) && !is_small;
             k++) {
            const char *sw = small[k]; /* no strlen: a compare ends at the first difference */
            size_t j = 0;
            while (ws + j < i && s[ws + j] == sw[j])
                j++;
            is_small = ws + j == i && sw[j] == '\0';
        }
        if (!is_small || first) title = 0;
        first = 0;
    }
    *words = w;
    /* "Never." / "Yes!": a sentence's end inside the marks makes it speech, not a title */
    size_t e = b;
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '"' || s[e - 1] == '\''))
        e--;
    if (e > a && (s[e - 1] == '.' || s[e - 1] == '!' || s[e - 1] == '?')) title = 0;
    return any && title;
}

/* Trims spaces around [a, b) and a trailing comma (the attribution's, not the speaker's). */
static struct ex_span trim_content(const char *s, size_t a, size_t b)
{
    size_t n = 0;
    while (a < b && is_space(cp_at(s, a, b, &n)))
        a += n;
    for (int pass = 0; pass < 2; pass++) {
        while (b > a && is_space(cp_before(s, b, a)))
            b = back1(s, b, a);
        if (pass == 0 && b > a && s[b - 1] == ',') b--;
    }
    return (struct ex_span){(uint32_t)a, (uint32_t)b};
}

/* Whether an opener at i starts a sentence: only spaces since the paragraph start, or a
 * sentence end or colon before it (possibly behind a closing quote mark). */
static int at_sentence_start(const char *s, size_t ps, size_t i)
{
    while (i > ps) {
        int32_t c = cp_before(s, i, ps);
        if (is_space(c)) {
            i = back1(s, i, ps);
            continue;
        }
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2026) return 1;
        if (is_quote_cp(c) || c == ')') {
            i = back1(s, i, ps);
            if (i > ps) {
                int32_t d = cp_before(s, i, ps);
                return d == '.' || d == '!' || d == '?' || d == 0x2026;
            }
            return 1;
        }
        return 0;
    }
    return 1;
}

static struct ex__quote *emit(struct pairer *p, size_t ps, size_t open_at, size_t open_len,
                              size_t close_at, size_t close_len, uint32_t para, uint32_t flags)
{
    if (p->n >= p->cap) { /* doubled in the arena: most articles have a few dozen quotes */
        size_t cap = p->cap ? 2 * p->cap : 16;
        struct ex__quote *grown = ex__arena_alloc(p->a, cap * sizeof(*grown));
        if (!grown) {
            p->oom = 1;
            return NULL;
        }
        if (p->n) memcpy(grown, p->q, p->n * sizeof(*grown));
        p->q = grown;
        p->cap = cap;
    }
    struct ex__quote *q = &p->q[p->n++];
    q->open = (struct ex_span){(uint32_t)open_at, (uint32_t)(open_at + open_len)};
    q->close = (struct ex_span){(uint32_t)close_at, (uint32_t)(close_at + close_len)};
    q->content = trim_content(p->s, open_at + open_len, close_at);
    q->para = para;
    q->prev = q->next = -1;
    size_t k = open_at;
    while (k > ps && is_space(cp_before(p->s, k, ps)))
        k = back1(p->s, k, ps);
    if (k == ps) flags |= EX__Q_PARA_START;
    if (at_sentence_start(p->s, ps, open_at)) flags |= EX__Q_SENT_START;
    if (word_stats(p->s, q->content.start, q->content.end, &q->words)) flags |= EX__Q_TITLE;
    if (q->words <= 3 && !(flags & (EX__Q_SENT_START | EX__Q_CONT_PREV | EX__Q_CONT_NEXT)))
        flags |= EX__Q_SCARE;
    q->flags = flags;
    return q;
}

/* Whether the paragraph [ps, pe) opens with a double opening mark. */
static int para_opens_quote(const char *s, size_t ps, size_t pe)
{
    size_t i = ps, n = 0, ml = 0;
    int bias = 0;
    while (i < pe && is_space(cp_at(s, i, pe, &n)))
        i += n;
    if (i >= pe || glyph(s, pe, i, &ml, &bias) != EX__MARK_DOUBLE) return 0;
    enum role r = mark_role(s, ps, pe, i, ml, EX__MARK_DOUBLE, bias);
    return r == R_OPEN || r == R_AMBIG;
}

static int cmp_quote(const void *a, const void *b)
{
    const struct ex__quote *x = a, *y = b;
    uint32_t xs = x->open.end > x->open.start ? x->open.start : x->content.start;
    uint32_t ys = y->open.end > y->open.start ? y->open.start : y->content.start;
    return xs < ys ? -1 : xs > ys;
}

/* The first i in [i, end) where s[i] may start a quote mark ('"', '\'', or the lead byte
 * 0xC2/0xE2 of the Unicode marks), or end. Eight bytes at a time: marks are rare, and every
 * byte of every paragraph is looked at. */
static size_t next_mark_byte(const char *s, size_t i, size_t end)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    for (; end - i >= 8; i += 8) {
        uint64_t w, any = 0;
        memcpy(&w, s + i, 8);
        static const unsigned char marks[] = {'"', '\'', 0xC2, 0xE2};
        for (size_t m = 0; m < sizeof(marks); m++) {
            uint64_t x = w ^ (ones * marks[m]); /* a zero byte where w has the mark */
            any |= (x - ones) & ~x & highs;
        }
        if (any) break;
    }
    for (; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\'' || c == 0xC2 || c == 0xE2) break;
    }
    return i;
}

static void pair_paragraph(struct pairer *p, size_t ps, size_t pe, uint32_t para, int carry_in,
                           int next_opens, int *carry_out)
{
    const char *s = p->s;
    size_t dq = SIZE_MAX, dq_len = 0, sq = SIZE_MAX, sq_len = 0;
    int sq_in_dq = 0, first_open = carry_in;
    *carry_out = 0;
    for (size_t i = ps; i < pe;) {
        size_t ml = 0;
        int bias = 0;
        i = next_mark_byte(s, i, pe);
        if (i >= pe) break;
        /* an apostrophe inside a word ("don't", "Kazakhstan’s"), the commonest mark by far,
         * is settled here as mark_role() would settle it (R_APOS), without classifying it */
        const unsigned char *u = (const unsigned char *)s;
        size_t al = u[i] == '\''                                                           ? 1
                    : (u[i] == 0xE2 && i + 2 < pe && u[i + 1] == 0x80 && u[i + 2] == 0x99) ? 3
                                                                                           : 0;
        if (al && i > ps && i + al < pe && u[i - 1] < 0x80 && is_alnum(u[i - 1]) &&
            u[i + al] < 0x80 && is_alnum(u[i + al])) {
            i += al;
            continue;
        }
        enum ex__mark_kind k = glyph(s, pe, i, &ml, &bias);
        if (k == EX__MARK_NONE) {
            i++;
            continue;
        }
        enum role r = mark_role(s, ps, pe, i, ml, k, bias);
        if (k == EX__MARK_DOUBLE) {
            if (r == R_AMBIG) r = dq != SIZE_MAX ? R_CLOSE : R_OPEN;
            if (r == R_OPEN) {
                if (dq != SIZE_MAX) /* an opener never closed: it ends where this one starts */
                    emit(p, ps, dq, dq_len, i, 0, para, EX__Q_UNCLOSED);
                dq = i;
                dq_len = ml;
                if (sq != SIZE_MAX && sq_in_dq) sq = SIZE_MAX;
            } else if (r == R_CLOSE && dq != SIZE_MAX) {
                struct ex__quote *q = emit(p, ps, dq, dq_len, i, ml, para, 0);
                if (q && first_open) q->flags |= EX__Q_CONT_PREV;
                first_open = 0;
                dq = SIZE_MAX;
                if (sq != SIZE_MAX && sq_in_dq) sq = SIZE_MAX;
            }
        } else if (r == R_OPEN && sq == SIZE_MAX) {
            sq = i;
            sq_len = ml;
            sq_in_dq = dq != SIZE_MAX;
        } else if (r == R_CLOSE && sq != SIZE_MAX) {
            emit(p, ps, sq, sq_len, i, ml, para,
                 EX__Q_SINGLE | (sq_in_dq && dq != SIZE_MAX ? EX__Q_NESTED : 0));
            sq = SIZE_MAX;
        }
        i += ml;
    }
    if (dq != SIZE_MAX) {
        uint32_t fl = next_opens ? EX__Q_CONT_NEXT : EX__Q_UNCLOSED;
        struct ex__quote *q = emit(p, ps, dq, dq_len, pe, 0, para, fl);
        if (q && first_open) {
            q->flags |= EX__Q_CONT_PREV;
            q->flags &= ~(uint32_t)EX__Q_SCARE;
        }
        *carry_out = next_opens;
    }
}

int ex__quotes_find(const char *body, size_t len, const struct ex_span *paras, size_t n_paras,
                    struct ex_arena *arena, struct ex__quote **out, size_t *n_out)
{
    if (out) *out = NULL;
    if (n_out) *n_out = 0;
    if (!body || !arena || !out || !n_out || (n_paras && !paras)) return EX_EINVAL;
    for (size_t k = 0; k < n_paras; k++)
        if (paras[k].end > len || paras[k].start > paras[k].end) return EX_EINVAL;
    struct pairer p = {body, NULL, 0, 0, arena, 0};
    int carry = 0;
    for (size_t k = 0; k < n_paras; k++) {
        int next_opens =
            k + 1 < n_paras && para_opens_quote(body, paras[k + 1].start, paras[k + 1].end);
        int c2 = 0;
        pair_paragraph(&p, paras[k].start, paras[k].end, (uint32_t)k, carry, next_opens, &c2);
        carry = c2;
    }
    if (p.oom) return EX_ENOMEM;
    if (p.n == 0) return 0;
    qsort(p.q, p.n, sizeof(*p.q), cmp_quote);
    for (size_t i = 0; i < p.n; i++) {
        if (!(p.q[i].flags & EX__Q_CONT_NEXT)) continue;
        for (size_t j = i + 1; j < p.n && p.q[j].para <= p.q[i].para + 1; j++) {
            if (p.q[j].para == p.q[i].para + 1 && (p.q[j].flags & EX__Q_CONT_PREV)) {
                p.q[i].next = (int32_t)j;
                p.q[j].prev = (int32_t)i;
                break;
            }
        }
    }
    *out = p.n ? p.q : NULL;
    *n_out = p.n;
    return 0;
}

static uint32_t q_start(const struct ex__quote *q)
{
    return q->open.end > q->open.start ? q->open.start : q->content.start;
}

static uint32_t q_end(const struct ex__quote *q)
{
    return q->close.end > q->close.start ? q->close.end : q->content.end;
}

int ex__quote_containing(const struct ex__quote *quotes, size_t n, uint32_t pos)
{
    if (!quotes || n == 0) return -1;
    size_t lo = 0, hi = n; /* first quote starting after pos */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (q_start(&quotes[mid]) <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Double quotes never overlap, so the nearest preceding double one decides. */
    for (size_t i = lo; i-- > 0;) {
        const struct ex__quote *q = &quotes[i];
        if (pos < q_end(q)) return (int)i;
        if (!(q->flags & EX__Q_SINGLE)) break;
    }
    return -1;
}
