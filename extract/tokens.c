/*
 * tokens.c: stage 3, words and sentences that survive newswire.
 *
 * A word is a run of letters and digits, joined across a single '-', '/', '.', '&' or
 * apostrophe when a letter or digit follows: "Qasym-Zhomart", "RFE/RL", "kg.24", "3,811"
 * (a comma between digits), "O'Brien". An initialism keeps its final period ("U.S."), and so
 * does a known abbreviation ("Inc.", "Gen.", "Jan."); a possessive 's or ’s is cut off and
 * remembered as a flag on the word, so "Kazakhstan's BTA Bank" names two things. Everything
 * else is a punctuation token of its own (runs of the same mark stay together: "--", "...").
 *
 * A sentence ends at '.', '!', '?' or a run of them when what follows (after closing quotes
 * and brackets) starts like a sentence: a capital, a digit, an opening quote, or the end of
 * the paragraph. After an abbreviation it ends only when a function word follows ("... the
 * U.S. The ..."). Paragraphs always end sentences.
 */
#include <string.h>
#include <utf8proc.h>

#include "extract.h"
#include "internal.h"
#include "lexicon.h"

static int32_t decode(const char *s, size_t i, size_t end, size_t *n)
{
    if ((unsigned char)s[i] < 0x80) { /* ASCII needs no decoder */
        *n = 1;
        return (unsigned char)s[i];
    }
    utf8proc_int32_t c = -1;
    utf8proc_ssize_t r =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(end - i), &c);
    *n = r > 0 ? (size_t)r : 1;
    return r > 0 ? c : -1;
}

static int is_alnum(int32_t c)
{
    if (c < 0) return 0;
    if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) || k == UTF8PROC_CATEGORY_ND ||
           k == UTF8PROC_CATEGORY_MN;
}

/* Whether a letter or digit starts at s[i] (nothing does at or past end). */
static int is_alnum_at(const char *s, size_t i, size_t end)
{
    size_t n;
    return i < end && is_alnum(decode(s, i, end, &n));
}

static int is_letter(int32_t c)
{
    return is_alnum(c) && !(c >= '0' && c <= '9') &&
           (c < 128 || utf8proc_category(c) != UTF8PROC_CATEGORY_ND);
}

static int is_upper(int32_t c)
{
    if (c < 128) return c >= 'A' && c <= 'Z';
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_space(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x2009 ||
           c == 0x200A || c == 0x202F || c == 0x3000 || (c >= 0x2000 && c <= 0x2008);
}

static int is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019;
}

/* Characters that join two alphanumeric runs into one word. */
static int is_joiner(int32_t c, int32_t prev, int32_t next)
{
    if (c == ',') return prev >= '0' && prev <= '9' && next >= '0' && next <= '9';
    /* An en dash between letters compounds names ("American–Islamic", "Mexican–American");
     * between digits it is a range, two numbers. */
    if (c == 0x2013) return is_letter(prev) && is_letter(next);
    return c == '-' || c == '/' || c == '.' || c == '&' || is_apostrophe(c) || c == 0x2010 ||
           c == 0x2011;
}

/* Closing quotes and brackets that may sit between a sentence's final period and the next
 * sentence. */
static int is_closer(int32_t c)
{
    return c == '"' || c == 0x201D || c == 0x2019 || c == '\'' || c == ')' || c == ']' ||
           c == 0x00BB;
}

static int is_opener(int32_t c)
{
    return c == '"' || c == 0x201C || c == 0x2018 || c == '\'' || c == '(' || c == '[' ||
           c == 0x00AB;
}

/* Whether s[a..e), a capital letter before its period at e, is a person's middle initial:
 * after a capitalized word, before one ("George W. Bush", "Robert F. Kennedy Jr."). The
 * period then ends no sentence unless a function word follows, as after "Inc.". */
static int middle_initial(const struct ex__text *out, size_t nt, const char *s, size_t a, size_t e,
                          size_t end)
{
    if (e != a + 1 || s[a] < 'A' || s[a] > 'Z' || nt == 0) return 0;
    const struct ex__tok *p = &out->t[nt - 1];
    if (!(p->flags & EX__T_CAP) || p->e + 1 != a || p->e - p->s < 2) return 0;
    return e + 2 < end && s[e + 1] == ' ' && s[e + 2] >= 'A' && s[e + 2] <= 'Z';
}

/* Whether s[a..e) is an initialism such as "U.S" or "D.C" (single letters and dots). */
static int initialism(const char *s, size_t a, size_t e)
{
    int letters = 0;
    for (size_t i = a; i < e; i++) {
        if (s[i] == '.') {
            if (i == a || s[i - 1] == '.') return 0;
        } else if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) {
            if (i > a && s[i - 1] != '.') return 0;
            letters++;
        } else {
            return 0;
        }
    }
    return letters >= 2;
}

/* ex__bclass (internal.h), written out by the preprocessor from these rules */
#define BC(b)                                                                                      \
    ((b) >= 0x80                                               ? EX__B_HIGH                        \
     : (b) >= 'a' && (b) <= 'z'                                ? EX__B_LETTER | EX__B_LOWER        \
     : (b) >= 'A' && (b) <= 'Z'                                ? EX__B_LETTER | EX__B_UPPER        \
     : (b) >= '0' && (b) <= '9'                                ? EX__B_DIGIT                       \
     : (b) == ' ' || (b) == '\t' || (b) == '\n' || (b) == '\r' ? EX__B_SPACE                       \
     : (b) == '\''                                             ? EX__B_JOIN | EX__B_QUOTE          \
     : (b) == '-' || (b) == '/' || (b) == '.' || (b) == '&' || (b) == ',' ? EX__B_JOIN             \
     : (b) == '"' || (b) == '`'                                           ? EX__B_QUOTE            \
                                                                          : 0)
#define BC4(b) BC(b), BC((b) + 1), BC((b) + 2), BC((b) + 3)
#define BC16(b) BC4(b), BC4((b) + 4), BC4((b) + 8), BC4((b) + 12)
#define BC64(b) BC16(b), BC16((b) + 16), BC16((b) + 32), BC16((b) + 48)
const unsigned char ex__bclass[256] = {BC64(0), BC64(64), BC64(128), BC64(192)};

static int word_flags(const char *s, size_t a, size_t e)
{
    int flags = 0, letters = 0, uppers = 0, first = 1;
    for (size_t i = a; i < e;) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* ASCII: no decoding, no Unicode tables */
            if ((unsigned)(b - 'a') < 26u) {
                letters++;
                first = 0;
            } else if ((unsigned)(b - 'A') < 26u) {
                letters++;
                uppers++;
                if (first) flags |= EX__T_CAP;
                first = 0;
            } else if ((unsigned)(b - '0') < 10u) {
                if (first) flags |= EX__T_NUM;
                first = 0;
            }
            i++;
            continue;
        }
        size_t n;
        int32_t c = decode(s, i, e, &n);
        if (is_letter(c)) {
            letters++;
            if (is_upper(c)) uppers++;
            if (first && is_upper(c)) flags |= EX__T_CAP;
            if (first) first = 0;
        } else if (first && c >= '0' && c <= '9') {
            flags |= EX__T_NUM;
            first = 0;
        }
        i += n;
    }
    if (letters) flags |= EX__T_WORD;
    if (letters >= 2 && uppers == letters) flags |= EX__T_UPPER;
    return flags;
}

/* The end of the word whose first character, prev, ends just before j: letters and digits
 * joined across single joiners (is_joiner). Gathers the classes of its ASCII bytes OR-ed
 * together in *acc, and sets *high when a multi-byte letter or digit is part of it (the
 * caller then computes its flags with word_flags()). */
static size_t word_end(const char *s, size_t j, size_t end, int32_t prev, unsigned *acc, int *high)
{
    unsigned bits = 0;
    size_t prev_end = j; /* prev is the letter or digit that ends at prev_end */
    for (;;) {
        /* the common case: a run of ASCII letters and digits */
        j = ex__alnum_run(s, j, end, &bits);
        /* a space or a mark that joins nothing */
        if (j >= end || !(ex__bclass[(unsigned char)s[j]] & (EX__B_JOIN | EX__B_HIGH))) break;
        if (j != prev_end) prev = (unsigned char)s[j - 1]; /* the run's last, ASCII */
        size_t m;
        int32_t d = decode(s, j, end, &m);
        if (is_alnum(d)) {
            *high = 1; /* only a multi-byte character gets here */
            j += m;
            prev = d;
            prev_end = j;
            continue;
        }
        size_t m2 = 0;
        int32_t next = j + m < end ? decode(s, j + m, end, &m2) : -1;
        if (is_joiner(d, prev, next) && is_alnum(next)) {
            if (next >= 0x80) *high = 1; /* a multi-byte joiner adds no letter */
            bits |= ex__bclass[next & 0x7F];
            j += m + m2;
            prev = next;
            prev_end = j;
            continue;
        }
        break;
    }
    *acc |= bits;
    return j;
}

/* Whether the ASCII word s[a..e) has at least two letters. */
static int two_letters(const char *s, size_t a, size_t e)
{
    int letters = 0;
    for (size_t i = a; i < e && letters < 2; i++)
        letters += ex__bclass[(unsigned char)s[i]] & EX__B_LETTER;
    return letters >= 2;
}

/* ex__article_len() (internal.h) calls this only for a word with a dash at w[2] or w[3]:
 * an article here has two or three letters. */
size_t ex__article_len_of(const char *w, size_t n)
{
    static const char *const articles[] = {"al-", "el-", "ad-", "ar-", "as-", "ash-",
                                           "at-", "az-", "an-", "ud-", "ul-", NULL};
    for (const char *const *a = articles; *a; a++) {
        size_t an = strlen(*a);
        if (n > an + 1 && (w[0] | 0x20) == (*a)[0] && !memcmp(w + 1, *a + 1, an - 1) &&
            w[an] >= 'A' && w[an] <= 'Z')
            return an;
    }
    return 0;
}

int ex__month_abbrev(const char *w, size_t n)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (n == 4) return !memcmp(w, "Sept", 4) ? 9 : 0;
    if (n != 3) return 0;
    for (int m = 0; m < 12; m++)
        if (m != 4 && !memcmp(w, months + 3 * m, 3)) return m + 1;
    return 0;
}

int ex__tokenize(const char *s, size_t len, const struct ex_span *paras, size_t n_paras,
                 struct ex_arena *a, struct ex__text *out)
{
    size_t bound = 1, cap;
    memset(out, 0, sizeof(*out));
    out->body = s;
    out->len = len;
    for (size_t p = 0; p < n_paras; p++)
        bound += paras[p].end - paras[p].start;
    /* about one token per five bytes of news text; grown by doubling when short */
    cap = bound / 4 + 64;
    out->t = ex__arena_alloc_raw(a, cap * sizeof(*out->t));
    if (!out->t) return EX_ENOMEM;
    size_t nt = 0;

    for (size_t p = 0; p < n_paras; p++) {
        size_t i = paras[p].start, end = paras[p].end;
        int para_start = 1;
        while (i < end) {
            size_t n = 1;
            unsigned char b0 = (unsigned char)s[i];
            unsigned k0 = ex__bclass[b0];
            int32_t c = b0;
            if (k0 & EX__B_SPACE) {
                i++;
                continue;
            }
            if (k0 & EX__B_HIGH) {
                c = decode(s, i, end, &n);
                if (is_space(c)) {
                    i += n;
                    continue;
                }
            }
            if (nt == cap) {
                struct ex__tok *grown = ex__arena_alloc_raw(a, 2 * cap * sizeof(*grown));
                if (!grown) return EX_ENOMEM;
                memcpy(grown, out->t, nt * sizeof(*grown));
                out->t = grown;
                cap *= 2;
            }
            struct ex__tok *t = &out->t[nt];
            t->s = (uint32_t)i;
            t->sent = -1;
            if ((k0 & EX__B_ALNUM) || ((k0 & EX__B_HIGH) && is_alnum(c))) {
                unsigned acc = k0;
                int high = (k0 & EX__B_HIGH) != 0;
                size_t j = word_end(s, i + n, end, c, &acc, &high);
                /* a possessive 's / ’s is not part of the name */
                size_t e = j;
                int poss = 0;
                if (e - i >= 3 && (s[e - 1] == 's' || s[e - 1] == 'S')) {
                    if (s[e - 2] == '\'' && e - 2 > i) {
                        e -= 2;
                        poss = 1;
                    } else if (e - i >= 5 && (unsigned char)s[e - 4] == 0xE2 &&
                               (unsigned char)s[e - 3] == 0x80 && (unsigned char)s[e - 2] == 0x99) {
                        e -= 4;
                        poss = 1;
                    } else if (j < end &&
                               (s[j] == '\'' ? !is_alnum_at(s, j + 1, end)
                                             : (j + 2 < end && (unsigned char)s[j] == 0xE2 &&
                                                (unsigned char)s[j + 1] == 0x80 &&
                                                (unsigned char)s[j + 2] == 0x99 &&
                                                !is_alnum_at(s, j + 1, end) &&
                                                !is_alnum_at(s, j + 3, end)))) {
                        /* "Magistrates' Court": a plural's possessive mark, taken off */
                        j += s[j] == '\'' ? 1 : 3;
                        poss = 1;
                    }
                }
                /* "U.S." and "Inc." keep their period, and so does a middle initial:
                 * "George W. Bush" */
                if (!poss && j < end && s[j] == '.' &&
                    (initialism(s, i, j) || middle_initial(out, nt, s, i, j, end) ||
                     ex__lex_has(EX__LEX_ABBREV, s + i, j - i + 1, NULL, NULL))) {
                    j++;
                    e = j;
                }
                t->e = (uint32_t)e;
                int flags;
                if (high || poss) { /* a possessive's cut took letters off: count again */
                    flags = word_flags(s, i, e) | (poss ? EX__T_POSS : 0);
                } else {
                    /* all ASCII: the first byte is a letter or a digit, so it alone decides
                     * EX__T_CAP and EX__T_NUM */
                    flags = ((k0 & EX__B_UPPER) ? EX__T_CAP : 0) |
                            ((k0 & EX__B_DIGIT) ? EX__T_NUM : 0) |
                            ((acc & EX__B_LETTER) ? EX__T_WORD : 0);
                    /* no lowercase letter: an acronym if it has two letters (rare, so they
                     * are counted only here) */
                    if ((acc & (EX__B_UPPER | EX__B_LOWER)) == EX__B_UPPER && two_letters(s, i, e))
                        flags |= EX__T_UPPER;
                }
                t->flags = (uint16_t)flags;
                i = j;
            } else {
                size_t j = i + n;
                /* runs of the same mark: "--", "...", ".." */
                while (j < end && s[j] == s[i] && (s[i] == '-' || s[i] == '.'))
                    j++;
                t->e = (uint32_t)j;
                t->flags = EX__T_PUNCT;
                i = j;
            }
            if (para_start) t->flags |= EX__T_PSTART;
            para_start = 0;
            nt++;
        }
    }
    out->nt = nt;

    /* sentences */
    /* unzeroed: a sentence's start and end are set when it opens, and none past ns is read */
    out->sents = ex__arena_alloc_raw(a, (nt + 1) * sizeof(*out->sents));
    if (!out->sents) return EX_ENOMEM;
    size_t ns = 0;
    int start = 1;
    for (size_t k = 0; k < nt; k++) {
        struct ex__tok *t = &out->t[k];
        if (t->flags & EX__T_PSTART) start = 1;
        if (start) {
            if (ns && out->sents[ns - 1].end == 0) out->sents[ns - 1].end = out->t[k - 1].e;
            out->sents[ns].start = t->s;
            out->sents[ns].end = 0;
            ns++;
            t->flags |= EX__T_SSTART;
            start = 0;
        }
        t->sent = (int32_t)(ns - 1);
        /* the first word after opening quotes also starts the sentence */
        if (k > 0 &&
            (out->t[k - 1].flags & (EX__T_SSTART | EX__T_PUNCT)) == (EX__T_SSTART | EX__T_PUNCT) &&
            out->t[k - 1].sent == t->sent) {
            size_t m;
            if (is_opener(decode(s, out->t[k - 1].s, out->t[k - 1].e, &m)))
                t->flags |= EX__T_SSTART;
        }
        char last = s[t->e - 1];
        if (last != '.' && last != '!' && last != '?') continue; /* most tokens */
        int stop = (t->flags & EX__T_PUNCT) != 0;
        int abbrev = !(t->flags & EX__T_PUNCT) && last == '.';
        if (!stop && !abbrev) continue;
        size_t q = k + 1;
        /* "since 5 a.m. \"Nobody is telling us anything,\" she said": after an abbreviation, a
         * quotation mark after a space and glued to a capitalized word opens a sentence */
        if (abbrev && q + 1 < nt && out->t[q].s > t->e && out->t[q + 1].s == out->t[q].e &&
            (out->t[q].flags & EX__T_PUNCT) && !(out->t[q].flags & EX__T_PSTART) &&
            (out->t[q + 1].flags & EX__T_CAP)) {
            size_t m;
            int32_t c = decode(s, out->t[q].s, out->t[q].e, &m);
            if (c == '"' || c == 0x201C) {
                k = q - 1;
                start = 1;
                continue;
            }
        }
        while (q < nt && !(out->t[q].flags & EX__T_PSTART) && (out->t[q].flags & EX__T_PUNCT)) {
            size_t m;
            int32_t c = decode(s, out->t[q].s, out->t[q].e, &m);
            if (!is_closer(c)) break;
            q++;
        }
        if (q >= nt || (out->t[q].flags & EX__T_PSTART)) continue; /* the paragraph ends it */
        const struct ex__tok *nx = &out->t[q];
        size_t m;
        int32_t c = decode(s, nx->s, nx->e, &m);
        int begins = (nx->flags & (EX__T_CAP | EX__T_NUM)) || is_opener(c);
        if (abbrev)
            begins = (nx->flags & EX__T_CAP) &&
                     ex__lex_has(EX__LEX_FUNC, s + nx->s, nx->e - nx->s, NULL, NULL);
        if (begins) {
            for (size_t r = k + 1; r < q; r++)
                out->t[r].sent = (int32_t)(ns - 1);
            k = q - 1;
            start = 1;
        }
    }
    if (ns && out->sents[ns - 1].end == 0) out->sents[ns - 1].end = out->t[nt - 1].e;
    /* sentence ends were only set when the next began; close the others */
    for (size_t k = 0; k + 1 < nt; k++)
        if (out->t[k + 1].sent != out->t[k].sent) out->sents[out->t[k].sent].end = out->t[k].e;
    out->n_sents = ns;
    return 0;
}
