/*
 * numbers.c: dates and quantities, over the tokens of stage 3.
 *
 * Dates: "January 7", "Jan. 7, 2022", "7 January 2022", "March 2018", "2022-01-07", a year
 * after "in", "since", "until", "by" or "of" ("in 2009"), a weekday after "on" ("on
 * Tuesday"). A date without a year takes the year of the publication date when it is known;
 * a weekday becomes the latest such day on or before publication. The value is ISO 8601
 * ("2022-01-07", "2022-03", "2009"), or "--01-07" when no year can be known, or NULL.
 *
 * Quantities: digits with separators and decimals ("3,811" -> 3811, "2.5"), scaled by
 * "thousand", "million", "billion"; number words ("Sixty-two" -> 62, "a dozen" -> 12);
 * "dozens", "hundreds", "thousands" as approximate counts with no value; a qualifier before
 * them ("more than 1,000" -> 1000, "more than"); a unit after them (percent, a currency sign
 * before, or the next plain noun: "people", "troops"). Numbers that a name already claimed
 * ("Khabar 24") are skipped by the caller; clock times and numbers glued to letters other
 * than "81-year-old" are not quantities.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "internal.h"
#include "lexicon.h"

static const char *const month_names[12][2] = {
    {"January", "Jan."},   {"February", "Feb."}, {"March", "Mar."},    {"April", "Apr."},
    {"May", "May"},        {"June", "Jun."},     {"July", "Jul."},     {"August", "Aug."},
    {"September", "Sep."}, {"October", "Oct."},  {"November", "Nov."}, {"December", "Dec."}};
static const char *const weekdays[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

struct nctx {
    const struct ex__text *tx;
    const char *s;
    struct ex_arena *a;
    int pub_y, pub_m, pub_d; /* publication date, 0 when unknown */
    struct ex__num *out;
    size_t n, cap;
};

/* p[0..n) equals w, ASCII case-insensitively (no strlen: most compares end at once). */
static int ieq(const char *p, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++) {
        char a = p[i], b = w[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (b >= 'A' && b <= 'Z') b = (char)(b + 32);
        if (a != b) return 0; /* also stops at w's NUL */
    }
    return w[n] == '\0';
}

/* Token k equals w, ASCII case-insensitively. Inlined: where w is a literal, strlen(w) is a
 * constant and a token of another length is rejected without reading its text (ieq() needs
 * n == strlen(w) as well); elsewhere ieq() alone decides. */
static inline __attribute__((always_inline)) int teq(const struct nctx *x, size_t k, const char *w)
{
    if (k >= x->tx->nt) return 0;
    size_t n = x->tx->t[k].e - x->tx->t[k].s;
    if (__builtin_constant_p(strlen(w)) && n != strlen(w)) return 0;
    return ieq(x->s + x->tx->t[k].s, n, w);
}

static int same(const struct nctx *x, size_t a, size_t b)
{
    return b < x->tx->nt && x->tx->t[a].sent == x->tx->t[b].sent;
}

static int month_of(const struct nctx *x, size_t k)
{
    if (k >= x->tx->nt || !(x->tx->t[k].flags & EX__T_CAP)) return 0;
    /* asked of every capitalized word: most are no month by their first letter or length */
    const struct ex__tok *t = &x->tx->t[k];
    char c0 = x->s[t->s];
    if (t->e - t->s < 3 || t->e - t->s > 9 ||
        (c0 != 'J' && c0 != 'F' && c0 != 'M' && c0 != 'A' && c0 != 'S' && c0 != 'O' && c0 != 'N' &&
         c0 != 'D'))
        return 0;
    /* every form of a month ("September", "Sep.", "Sept.") shares its first two letters */
    char c1 = x->s[t->s + 1];
    if (c1 >= 'A' && c1 <= 'Z') c1 = (char)(c1 + 32);
    for (int m = 0; m < 12; m++)
        if (month_names[m][0][0] == c0 && month_names[m][0][1] == c1 &&
            (teq(x, k, month_names[m][0]) || teq(x, k, month_names[m][1]) ||
             (m == 8 && teq(x, k, "Sept."))))
            return m + 1;
    return 0;
}

static long plain_int(const struct nctx *x, size_t k);

/* "Dec 4", "Sept 12": a month abbreviated without its period, before a day of the month. */
static int month_bare(const struct nctx *x, size_t k)
{
    if (k + 1 >= x->tx->nt || !same(x, k, k + 1)) return 0;
    const struct ex__tok *t = &x->tx->t[k];
    int m = ex__month_abbrev(x->s + t->s, t->e - t->s);
    long day = m ? plain_int(x, k + 1) : -1;
    return day >= 1 && day <= 31 ? m : 0;
}

/* The token as a plain unsigned integer (digits only), else -1. */
static long plain_int(const struct nctx *x, size_t k)
{
    if (k >= x->tx->nt) return -1;
    const struct ex__tok *t = &x->tx->t[k];
    if (t->e - t->s > 9) return -1;
    long v = 0;
    for (uint32_t i = t->s; i < t->e; i++) {
        if (x->s[i] < '0' || x->s[i] > '9') return -1;
        v = v * 10 + (x->s[i] - '0');
    }
    return t->e > t->s ? v : -1;
}

/* Whether token k is a year: four digits from 1000 to 2999. */
static int year_of(const struct nctx *x, size_t k)
{
    long v = plain_int(x, k);
    return v >= 1000 && v <= 2999 && x->tx->t[k].e - x->tx->t[k].s == 4;
}

/* Whether token k joins two years into a span: "to", "through", an en dash. */
static int year_span(const struct nctx *x, size_t k)
{
    return teq(x, k, "to") || teq(x, k, "through") || teq(x, k, "\xe2\x80\x93");
}

static int add(struct nctx *x, uint32_t s, uint32_t e, enum ex_entity_kind kind, const char *value,
               const char *qualifier, const char *unit)
{
    if (x->n == x->cap) {
        size_t ncap = x->cap ? 2 * x->cap : 32;
        struct ex__num *no = ex__arena_alloc(x->a, ncap * sizeof(*no));
        if (!no) return EX_ENOMEM;
        if (x->n) memcpy(no, x->out, x->n * sizeof(*no));
        x->out = no;
        x->cap = ncap;
    }
    struct ex__num *m = &x->out[x->n++];
    m->span = (struct ex_span){s, e};
    m->kind = kind;
    m->value = value ? ex__arena_strndup(x->a, value, strlen(value)) : NULL;
    m->qualifier = qualifier;
    m->unit = unit ? ex__arena_strndup(x->a, unit, strlen(unit)) : NULL;
    return (value && !m->value) || (unit && !m->unit) ? EX_ENOMEM : 0;
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm), and back. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Dates starting at token k; returns the number of tokens used (0: none). */
static int date_at(struct nctx *x, size_t k, int *rc)
{
    const struct ex__tok *t = x->tx->t;
    char v[32];
    int m = month_of(x, k);
    if (!m) m = month_bare(x, k);
    long day = -1, year = -1;
    size_t end = k;
    if (m) {
        /* "May" the verb: only with a day or a year after it */
        if (same(x, k, k + 1)) day = plain_int(x, k + 1);
        if (day >= 1 && day <= 31) {
            end = k + 1;
            if (same(x, k, k + 3) && teq(x, k + 2, ",") && (year = plain_int(x, k + 3)) >= 1000 &&
                year <= 2999)
                end = k + 3;
            else if (same(x, k, k + 2) && (year = plain_int(x, k + 2)) >= 1000 && year <= 2999)
                end = k + 2;
            else
                year = -1;
        } else {
            day = -1;
            if (same(x, k, k + 1) && (year = plain_int(x, k + 1)) >= 1000 && year <= 2999)
                end = k + 1;
            else if (m == 5 || teq(x, k, "Mar.")) /* "May", "March" alone are ambiguous */
                return 0;
            else
                year = -1;
        }
    } else if ((day = plain_int(x, k)) >= 1 && day <= 31 && (m = month_of(x, k + 1)) &&
               same(x, k, k + 1)) {
        end = k + 1; /* "7 January [2022]" */
        if (same(x, k, k + 2) && (year = plain_int(x, k + 2)) >= 1000 && year <= 2999)
            end = k + 2;
        else
            year = -1;
    } else {
        return 0;
    }
    if (year < 0 && day > 0 && x->pub_y) year = x->pub_y;
    if (day > 0 && year > 0)
        snprintf(v, sizeof(v), "%04ld-%02d-%02ld", year, m, day);
    else if (day > 0)
        snprintf(v, sizeof(v), "--%02d-%02ld", m, day);
    else if (year > 0)
        snprintf(v, sizeof(v), "%04ld-%02d", year, m);
    else
        return 0; /* a month alone names no date */
    *rc = add(x, t[k].s, t[end].e, EX_DATE, v, NULL, NULL);
    return (int)(end - k + 1);
}

static const char *const small[] = {"zero",    "one",     "two",       "three",    "four",
                                    "five",    "six",     "seven",     "eight",    "nine",
                                    "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens[] = {"twenty", "thirty",  "forty",  "fifty",
                                   "sixty",  "seventy", "eighty", "ninety"};

/* Per first two letters, a bit per length some number word has ("th": three 5, thirty 6,
 * thirteen 8, thirty-one 10 ...): word_number is asked of every word, and this rejects
 * nearly all of them ("the", "that", "said") before any compare. */
static uint16_t number_lengths[27][27]; /* row and column 26: no letter, no length */
/* Per byte: its letter's index 0-25 (either case), or 26 for any other byte. */
#define LI(b) ((b) >= 'a' && (b) <= 'z' ? (b) - 'a' : (b) >= 'A' && (b) <= 'Z' ? (b) - 'A' : 26)
#define LI4(b) LI(b), LI((b) + 1), LI((b) + 2), LI((b) + 3)
#define LI16(b) LI4(b), LI4((b) + 4), LI4((b) + 8), LI4((b) + 12)
#define LI64(b) LI16(b), LI16((b) + 16), LI16((b) + 32), LI16((b) + 48)
static const unsigned char letter_index[256] = {LI64(0), LI64(64), LI64(128), LI64(192)};
/* The same for the forms of months (month_of(), month_bare()) by their capital and second
 * letter: "January", "Jan.", "Sept.", "Jan", "Sept". */
static uint16_t month_lengths[26][26];
static pthread_once_t number_lengths_once = PTHREAD_ONCE_INIT;

static void mark_month(const char *w)
{
    month_lengths[w[0] - 'A'][(w[1] | 32) - 'a'] |= (uint16_t)(1u << strlen(w));
}

static void mark_length(const char *w, size_t n)
{
    number_lengths[w[0] - 'a'][w[1] - 'a'] |= (uint16_t)(1u << n);
}

static void load_number_lengths(void)
{
    static const char *const bare[] = {"Jan", "Feb", "Mar", "Apr", "Jun",  "Jul",  "Aug",
                                       "Sep", "Oct", "Nov", "Dec", "Sept", "Sept."};
    for (int m = 0; m < 12; m++) {
        mark_month(month_names[m][0]);
        mark_month(month_names[m][1]);
    }
    for (size_t i = 0; i < sizeof(bare) / sizeof(*bare); i++)
        mark_month(bare[i]);
    for (int i = 2; i < 20; i++)
        mark_length(small[i], strlen(small[i]));
    for (int i = 0; i < 8; i++) {
        mark_length(tens[i], strlen(tens[i]));
        for (int j = 1; j < 10; j++)
            mark_length(tens[i], strlen(tens[i]) + 1 + strlen(small[j]));
    }
}

/* Whether s[0..n) may be a number word by its first two letters and its length. */
static inline int number_word_may(const char *s, size_t n)
{
    if (n < 3 || n > 15) return 0;
    return number_lengths[letter_index[(unsigned char)s[0]]][letter_index[(unsigned char)s[1]]] >>
               n &
           1u;
}

/* A number word or "sixty-two" in s[0..n); -1 when it is none. */
static long word_number(const char *s, size_t n)
{
    if (!number_word_may(s, n)) return -1;
    char c0 = (char)(s[0] | 32);
    for (int i = 2; i < 20; i++) /* "one" is left out: "one of", "the one who" */
        if (small[i][0] == c0 && ieq(s, n, small[i])) return i;
    const char *dash = memchr(s, '-', n);
    size_t l = dash ? (size_t)(dash - s) : n;
    for (int i = 0; i < 8; i++) {
        if (tens[i][0] != c0 || !ieq(s, l, tens[i])) continue;
        if (!dash) return 20 + 10 * i;
        for (int j = 1; j < 10; j++)
            if (ieq(dash + 1, n - l - 1, small[j])) return 20 + 10 * i + j;
    }
    return -1;
}

static const char *qualifier_before(const struct nctx *x, size_t k, size_t *first)
{
    static const char *const two[][3] = {
        {"more", "than", "more than"}, {"at", "least", "at least"},
        {"up", "to", "up to"},         {"fewer", "than", "fewer than"},
        {"less", "than", "less than"}, {"as", "many", "as many as"}};
    static const char *const one[] = {"nearly", "about",   "around",        "over", "almost",
                                      "some",   "roughly", "approximately", "some"};
    *first = k;
    for (size_t i = 0; i < sizeof(two) / sizeof(*two); i++)
        if (k >= 2 && same(x, k, k - 2) && teq(x, k - 2, two[i][0]) && teq(x, k - 1, two[i][1])) {
            *first = k - 2;
            return two[i][2];
        }
    for (size_t i = 0; i < sizeof(one) / sizeof(*one); i++)
        if (k >= 1 && same(x, k, k - 1) && teq(x, k - 1, one[i])) {
            *first = k - 1;
            return one[i];
        }
    return NULL;
}

/* The plain noun after a quantity ("people", "troops"), when there is one. */
static void unit_after(const struct nctx *x, size_t k, char *unit, size_t size)
{
    unit[0] = 0;
    if (!same(x, k - 1, k)) return;
    const struct ex__tok *t = &x->tx->t[k];
    if ((t->flags & (EX__T_WORD | EX__T_CAP | EX__T_NUM | EX__T_PUNCT)) != EX__T_WORD) return;
    size_t n = t->e - t->s;
    if (n >= size || ex__lex_has(EX__LEX_FUNC, x->s + t->s, n, NULL, NULL)) return;
    static const char *const skip[] = {"of",  "to",  "and", "or",  "in",   "on",  "at",
                                       "for", "the", "a",   "had", "have", "has", "were",
                                       "was", "are", "is",  "per", "from", NULL};
    for (const char *const *w = skip; *w; w++)
        if (teq(x, k, *w)) return;
    memcpy(unit, x->s + t->s, n);
    unit[n] = 0;
}

/* Whether a span of numbers ending before token k counts things ("2000 to 2500 sheep"). */
static int counted(const struct nctx *x, size_t k)
{
    char unit[32];
    if (k >= x->tx->nt) return 0;
    unit_after(x, k, unit, sizeof(unit));
    return unit[0] != 0;
}

static int quantity_at(struct nctx *x, size_t k, int *rc)
{
    const struct ex__tok *t = x->tx->t;
    size_t n = t[k].e - t[k].s, end = k, first;
    const char *w = x->s + t[k].s;
    char value[64], unit[48], digits[64];
    value[0] = unit[0] = '\0'; /* set per token: no zeroing of whole buffers */
    const char *qual = NULL;

    if (t[k].flags & EX__T_NUM) {
        /* "10:30", "COVID-19"-like glue and ordinals are no quantities */
        if ((k + 1 < x->tx->nt && teq(x, k + 1, ":") && same(x, k, k + 1)) ||
            (k > 0 && teq(x, k - 1, ":") && same(x, k, k - 1)))
            return 0;
        size_t d = 0, i = 0;
        int dots = 0;
        for (; i < n && d + 1 < sizeof(digits); i++) {
            char c = w[i];
            if (c >= '0' && c <= '9')
                digits[d++] = c;
            else if (c == ',')
                continue;
            else if (c == '.' && !dots && i + 1 < n && w[i + 1] >= '0' && w[i + 1] <= '9')
                digits[d++] = c, dots++;
            else
                break;
        }
        digits[d] = 0;
        if (i < n) {
            /* "81-year-old": the number, then the rest as its unit */
            if (w[i] != '-' || n - i - 1 >= sizeof(unit) || (t[k].flags & EX__T_UPPER)) return 0;
            memcpy(unit, w + i + 1, n - i - 1);
            unit[n - i - 1] = 0;
            if (!strstr(unit, "year") && !strstr(unit, "day") && !strstr(unit, "month")) return 0;
        }
        if (!d || i == 0) return 0;
        snprintf(value, sizeof(value), "%s", digits);
        static const struct {
            const char *w;
            double mul;
        } scale[] = {{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}};
        for (size_t s = 0; s < 4; s++)
            if (same(x, k, k + 1) && teq(x, k + 1, scale[s].w)) {
                double v = strtod(digits, NULL) * scale[s].mul;
                if (v < 1e18) snprintf(value, sizeof(value), "%.0f", v);
                end = k + 1;
            }
    } else if (t[k].flags & EX__T_WORD) {
        long v = word_number(w, n);
        if (v < 0) {
            char c0 = (char)(w[0] | 32); /* most words: none of these by first letter and length */
            if ((c0 != 'd' && c0 != 'h' && c0 != 't' && c0 != 'm') || n < 5 || n > 9 || n == 7)
                return 0;
            if (ieq(w, n, "dozens") || ieq(w, n, "hundreds") || ieq(w, n, "thousands") ||
                ieq(w, n, "millions")) {
                if (!(same(x, k, k + 1) && teq(x, k + 1, "of")) && !(t[k].flags & EX__T_SSTART) &&
                    !(k + 1 < x->tx->nt && (t[k + 1].flags & EX__T_PUNCT)))
                    return 0; /* "dozens were killed": only "dozens of", or alone at an end */
                qual = "approximate";
                *rc = add(x, t[k].s, t[k].e, EX_QUANTITY, NULL, qual, NULL);
                return 1;
            }
            if (ieq(w, n, "dozen") && k > 0 && teq(x, k - 1, "a") && same(x, k, k - 1)) {
                *rc = add(x, t[k - 1].s, t[k].e, EX_QUANTITY, "12", NULL, NULL);
                return 1;
            }
            return 0;
        }
        snprintf(value, sizeof(value), "%ld", v);
    } else {
        return 0;
    }
    /* a year is a date, not a count; so are both ends of a span of years ("from 2001 to
     * 2004", "2001–2004") */
    if (!unit[0] && end == k && strlen(value) == 4 && !strchr(value, '.') && value[0] >= '1' &&
        value[0] <= '2' && k > 0 &&
        (teq(x, k - 1, "in") || teq(x, k - 1, "since") || teq(x, k - 1, "until") ||
         teq(x, k - 1, "by") || teq(x, k - 1, "of") || teq(x, k - 1, "from") ||
         (year_span(x, k - 1) && year_of(x, k - 2) && !counted(x, k + 1)) ||
         (year_span(x, k + 1) && year_of(x, k + 2) && same(x, k, k + 2) && !counted(x, k + 3)))) {
        *rc = add(x, t[k].s, t[k].e, EX_DATE, value, NULL, NULL);
        return 1;
    }
    qual = qualifier_before(x, k, &first);
    uint32_t s0 = t[first].s;
    if (k > 0 && same(x, k, k - 1) && t[k - 1].e == t[k].s && (t[k - 1].flags & EX__T_PUNCT)) {
        const char *p = x->s + t[k - 1].s;
        if (*p == '$')
            snprintf(unit, sizeof(unit), "USD"), s0 = t[k - 1].s;
        else if (!strncmp(p, "\xe2\x82\xac", 3))
            snprintf(unit, sizeof(unit), "EUR"), s0 = t[k - 1].s;
        else if (!strncmp(p, "\xc2\xa3", 2))
            snprintf(unit, sizeof(unit), "GBP"), s0 = t[k - 1].s;
    }
    if (!unit[0] && same(x, end, end + 1) && (teq(x, end + 1, "%") || teq(x, end + 1, "percent"))) {
        snprintf(unit, sizeof(unit), "percent");
        end++;
    } else if (!unit[0]) {
        unit_after(x, end + 1, unit, sizeof(unit));
    }
    if (qual && first < k) s0 = s0 < t[first].s ? s0 : t[first].s;
    *rc = add(x, s0, t[end].e, EX_QUANTITY, value, qual, unit[0] ? unit : NULL);
    return (int)(end - k + 1);
}

static int weekday_at(struct nctx *x, size_t k, int *rc)
{
    for (int d = 0; d < 7; d++) {
        if (!teq(x, k, weekdays[d]) || !(x->tx->t[k].flags & EX__T_CAP)) continue;
        char v[32];
        const char *value = NULL;
        if (x->pub_y) {
            long pub = days_from_civil(x->pub_y, x->pub_m, x->pub_d);
            long wd = ((pub % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday (3, Monday = 0) */
            long back = (wd - d + 7) % 7;
            int y, m, dd;
            civil_from_days(pub - back, &y, &m, &dd);
            snprintf(v, sizeof(v), "%04d-%02d-%02d", y, m, dd);
            value = v;
        }
        *rc = add(x, x->tx->t[k].s, x->tx->t[k].e, EX_DATE, value, NULL, NULL);
        return 1;
    }
    return 0;
}

/* "2022-01-07" as one token. */
static int iso_at(struct nctx *x, size_t k, int *rc)
{
    const struct ex__tok *t = &x->tx->t[k];
    const char *w = x->s + t->s;
    unsigned y, m, d;
    char tail;
    char buf[16];
    if (t->e - t->s != 10) return 0;
    memcpy(buf, w, 10);
    buf[10] = 0;
    if (sscanf(buf, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    *rc = add(x, t->s, t->e, EX_DATE, buf, NULL, NULL);
    return 1;
}

/* Whether a word without a leading digit may start a date or a quantity: most words are
 * neither by their flags, first letter and length alone, and are then not passed through
 * date_at(), weekday_at() and quantity_at(), whose first tests these are. A date needs a
 * month's name ("January", "Jan.", "Sept", "Dec"), or after "on" a weekday's, capitalized; a
 * quantity a number word (word_number()) or "dozen(s)", "hundreds", "thousands", "millions". */
static inline int word_may_count(const struct nctx *x, size_t k, uint16_t f)
{
    const struct ex__tok *t = &x->tx->t[k];
    size_t n = t->e - t->s;
    const char *w = x->s + t->s;
    if (f & EX__T_CAP) {
        unsigned c0 = (unsigned)(unsigned char)w[0] - 'A',
                 c1 = n >= 2 ? (unsigned)(unsigned char)(w[1] | 32) - 'a' : 26;
        if (n >= 3 && n <= 9 && c0 < 26 && c1 < 26 && (month_lengths[c0][c1] >> n & 1u))
            return 1; /* month_of(), month_bare() */
        if (k > 0 && x->tx->t[k - 1].e - x->tx->t[k - 1].s == 2) return 1; /* weekday_at() */
    }
    if (!(f & EX__T_WORD) || !n) return 0;
    char c0 = (char)(w[0] | 32);
    return number_word_may(w, n) ||
           ((c0 == 'd' || c0 == 'h' || c0 == 't' || c0 == 'm') && n >= 5 && n <= 9 && n != 7);
}

int ex__numbers(const struct ex__text *tx, const char *published_at, struct ex_arena *a,
                struct ex__num **out, size_t *n_out)
{
    struct nctx x = {tx, tx->body, a, 0, 0, 0, NULL, 0, 0};
    unsigned y, m, d;
    int rc = 0;
    if (published_at && sscanf(published_at, "%4u-%2u-%2u", &y, &m, &d) == 3 && m >= 1 && m <= 12 &&
        d >= 1 && d <= 31)
        x.pub_y = (int)y, x.pub_m = (int)m, x.pub_d = (int)d;
    pthread_once(&number_lengths_once, load_number_lengths); /* for word_number() */
    for (size_t k = 0; k < tx->nt && !rc; k++) {
        uint16_t f = tx->t[k].flags;
        int used = 0;
        if (f & EX__T_PUNCT) continue;
        if (!(f & EX__T_NUM) && !word_may_count(&x, k, f)) continue;
        if (f & (EX__T_CAP | EX__T_NUM)) used = date_at(&x, k, &rc);
        if (!used && !rc && (f & EX__T_NUM)) used = iso_at(&x, k, &rc);
        if (!used && !rc && (f & EX__T_CAP) && k > 0 && tx->t[k - 1].e - tx->t[k - 1].s == 2 &&
            teq(&x, k - 1, "on"))
            used = weekday_at(&x, k, &rc);
        if (!used && !rc) used = quantity_at(&x, k, &rc);
        if (used > 1) k += (size_t)used - 1;
    }
    *out = x.out;
    *n_out = x.n;
    return rc;
}
