/*
 * lexicon.c: the word lists as one hash table of every key of every list, each key with the
 * set of lists that hold it. Extraction asks about the same word in several lists (is
 * "Georgia" a country, a region, a given name?), and nearly every question is a miss: one
 * lookup answers them all, and a miss is settled in the slot array alone, which holds a
 * 32-bit word per slot (a fingerprint of the hash and the key's index), 1 MiB for the 90,000
 * keys, instead of probing one 24-byte-slot table per list and following a pointer to the
 * key text at every probe. Keys are hashed with ASCII letters folded to lowercase, so the
 * case variants of a word share a probe sequence: the same walk that finds "Though" finds
 * "though" in the list of lowercase words and answers EX__LEX_COMMON. The few lists whose lines
 * carry a value after a TAB (countries, demonyms, context words) keep a small table of their own
 * for the value. Built once per process (pthread_once) over the embedded files, read-only
 * afterwards; entries point into the embedded data, nothing is copied.
 */
#include "lexicon.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "embed.h"

extern const struct embed_file ex__lexicon_files[];

static const char *const file_names[EX__LEX_COUNT] = {
    [EX__LEX_COUNTRIES] = "countries.txt", [EX__LEX_REGIONS] = "regions.txt",
    [EX__LEX_CITIES] = "cities.txt",       [EX__LEX_PLACES] = "places_extra.txt",
    [EX__LEX_DEMONYMS] = "demonyms.txt",   [EX__LEX_TITLES] = "titles.txt",
    [EX__LEX_ORG_HEADS] = "org_heads.txt", [EX__LEX_LOC_HEADS] = "loc_heads.txt",
    [EX__LEX_ORGS] = "orgs.txt",           [EX__LEX_FUNC] = "func.txt",
    [EX__LEX_ABBREV] = "abbrev.txt",       [EX__LEX_CONTEXT] = "context.txt",
    [EX__LEX_LOWER] = "lower.txt",         [EX__LEX_PROPER] = "proper.txt",
    [EX__LEX_GIVEN] = "given.txt",         [EX__LEX_EVENTS] = "events.txt",
    [EX__LEX_COMPASS] = "compass.txt",     [EX__LEX_LOC_OPENERS] = "loc_openers.txt",
    [EX__LEX_NOT_NAMES] = "not_names.txt", [EX__LEX_HEADS_FIRST] = "heads_first.txt",
    [EX__LEX_TOWNS] = "towns.txt",
};

/* The name gazetteers EX__LEX_ANY_NAME stands for. */
#define ANY_NAME_LISTS                                                                             \
    (1u << EX__LEX_COUNTRIES | 1u << EX__LEX_REGIONS | 1u << EX__LEX_CITIES |                      \
     1u << EX__LEX_PLACES | 1u << EX__LEX_DEMONYMS | 1u << EX__LEX_ORGS)

/* A slot: 0 when empty, else the key's index + 1 in the low IDX_BITS and the top bits of
 * its hash above them, so a probe rejects another key without reading it. */
#define IDX_BITS 18
#define IDX_MASK ((1u << IDX_BITS) - 1)

struct word {
    const char *key;
    uint32_t len, lists;
};

struct valued { /* one list's keys with their values, for ex__lex_has's val */
    const char **key, **val;
    uint32_t *key_len, *val_len;
    size_t mask; /* slots - 1; 0 when the list has no values */
};

/* A slot of the table lookups walk (built from slots and words at the end of load): the
 * slot word, the key's lists and length, and its first eight bytes, so that a key of up to
 * eight bytes, most words of news, is settled by the slot alone: no load of its word entry
 * and of its text, each a cache miss more often than not (the tables are megabytes). */
struct fast {
    uint32_t tag;  /* the slot word: 0 empty, else fingerprint | (key index + 1) */
    uint32_t info; /* lists in the low 24 bits, length (255 for 255 and more) above */
    uint64_t head; /* the key's first eight bytes, zero padded (head_of) */
};
_Static_assert(EX__LEX_COUNT <= 24, "a key's lists fit below its length in fast.info");
#define INFO_LISTS 0xFFFFFFu

/* The lists that hold a key of each length (31 for 31 and more) whose first byte has these
 * low seven bits: ex__lex_has() asks about one list, often a small one (abbreviations,
 * function words, context words), and most words are in none of those by their first byte
 * and length alone; the answer then costs no walk of the table (a cache miss or more). */
#define LF_LEN(n) ((n) < 31 ? (n) : 31)

static struct {
    uint32_t first_len[128][32];
    struct word *words;
    uint32_t *slots; /* during load only */
    struct fast *fast;
    size_t nwords, mask;
    struct valued vals[EX__LEX_COUNT];
} lex;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= fold((unsigned char)s[i]);
        h *= 1099511628211ULL;
    }
    return h;
}

static int equal_folded(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fold((unsigned char)a[i]) != fold((unsigned char)b[i])) return 0;
    return 1;
}

static uint32_t fingerprint(uint64_t h)
{
    return (uint32_t)(h >> 32) & ~IDX_MASK;
}

/* The slot of key s[0..n): the one that holds it, or the empty one where it would go. */
static size_t probe(const char *s, size_t n, uint64_t h)
{
    uint32_t fp = fingerprint(h);
    size_t i = (size_t)h & lex.mask;
    for (;; i = (i + 1) & lex.mask) {
        uint32_t v = lex.slots[i];
        if (!v) return i;
        if ((v & ~IDX_MASK) != fp) continue;
        const struct word *w = &lex.words[(v & IDX_MASK) - 1];
        if (w->len == n && !memcmp(w->key, s, n)) return i;
    }
}

/* Calls line() for each entry line of d: "KEY" or "KEY<TAB>VALUE"; '#' starts a comment. */
static size_t each_line(const char *d, size_t len, int list,
                        void (*line)(int list, const char *k, size_t kn, const char *v, size_t vn))
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && d[e] != '\n')
            e++;
        if (e > i && d[i] != '#') {
            size_t tab = i;
            while (tab < e && d[tab] != '\t')
                tab++;
            if (line)
                line(list, d + i, tab - i, tab < e ? d + tab + 1 : NULL, tab < e ? e - tab - 1 : 0);
            n++;
        }
        i = e + 1;
    }
    return n;
}

static void add_word(int list, const char *k, size_t kn, const char *v, size_t vn)
{
    (void)v;
    (void)vn;
    uint64_t h = hash(k, kn);
    size_t i = probe(k, kn, h);
    if (!lex.slots[i]) {
        struct word *w = &lex.words[lex.nwords++];
        w->key = k;
        w->len = (uint32_t)kn;
        w->lists = 0;
        lex.slots[i] = fingerprint(h) | (uint32_t)lex.nwords;
    }
    struct word *w = &lex.words[(lex.slots[i] & IDX_MASK) - 1];
    w->lists |= 1u << list;
    if (w->lists & ANY_NAME_LISTS) w->lists |= 1u << EX__LEX_ANY_NAME;
    if (kn) lex.first_len[(unsigned char)k[0] & 0x7F][LF_LEN(kn)] |= w->lists;
}

static void add_value(int list, const char *k, size_t kn, const char *v, size_t vn)
{
    struct valued *t = &lex.vals[list];
    size_t i = (size_t)hash(k, kn) & t->mask;
    for (; t->key[i]; i = (i + 1) & t->mask)
        if (t->key_len[i] == kn && !memcmp(t->key[i], k, kn)) return; /* first line wins */
    t->key[i] = k;
    t->key_len[i] = (uint32_t)kn;
    t->val[i] = v ? v : k;
    t->val_len[i] = (uint32_t)(v ? vn : kn);
}

static const struct embed_file *file_of(int list)
{
    if (!file_names[list]) return NULL;
    for (const struct embed_file *f = ex__lexicon_files; f->name; f++)
        if (!strcmp(f->name, file_names[list])) return f;
    return NULL;
}

static size_t pow2_at_least(size_t n)
{
    size_t cap = 16;
    while (cap < n)
        cap *= 2;
    return cap;
}

static void make_fast(void);

/* Out of memory at load leaves the lists empty (every lookup a miss), not a crash. */
static void load(void)
{
    size_t total = 0;
    for (int l = 0; l < EX__LEX_COUNT; l++) {
        const struct embed_file *f = file_of(l);
        if (f) total += each_line(f->data, f->len, l, NULL);
    }
    /* room for the first words of the names' several-word keys (EX__LEX_NAME_START) */
    size_t names = 0;
    for (int l = 0; l < EX__LEX_COUNT; l++) {
        const struct embed_file *f = (ANY_NAME_LISTS >> l) & 1 ? file_of(l) : NULL;
        if (f) names += each_line(f->data, f->len, l, NULL);
    }
    total += names;
    size_t cap = pow2_at_least(2 * total);
    if (total >= IDX_MASK) return;
    lex.words = calloc(total ? total : 1, sizeof(*lex.words));
    lex.slots = calloc(cap, sizeof(*lex.slots));
    if (!lex.words || !lex.slots) {
        free(lex.words);
        free(lex.slots);
        lex.words = NULL;
        lex.slots = NULL;
        return;
    }
    lex.mask = cap - 1;
    for (int l = 0; l < EX__LEX_COUNT; l++) {
        const struct embed_file *f = file_of(l);
        if (!f) continue;
        each_line(f->data, f->len, l, add_word);
        if (!memchr(f->data, '\t', f->len)) continue; /* no values: the word table says all */
        struct valued *t = &lex.vals[l];
        size_t n = each_line(f->data, f->len, l, NULL), vcap = pow2_at_least(2 * n);
        t->key = calloc(vcap, sizeof(*t->key));
        t->val = calloc(vcap, sizeof(*t->val));
        t->key_len = calloc(vcap, sizeof(*t->key_len));
        t->val_len = calloc(vcap, sizeof(*t->val_len));
        if (!t->key || !t->val || !t->key_len || !t->val_len) {
            free(t->key);
            free(t->val);
            free(t->key_len);
            free(t->val_len);
            memset(t, 0, sizeof(*t));
            continue; /* values fall back to the key itself */
        }
        t->mask = vcap - 1;
        each_line(f->data, f->len, l, add_value);
    }
    /* "United States", "Washington, D.C.": their first words, as the text's tokens have them */
    for (size_t i = 0, n = lex.nwords; i < n; i++) {
        const struct word *w = &lex.words[i];
        const char *sp = (w->lists & ANY_NAME_LISTS) ? memchr(w->key, ' ', w->len) : NULL;
        if (!sp) continue;
        size_t fl = (size_t)(sp - w->key);
        if (fl > 1 && w->key[fl - 1] == ',') fl--;
        if (fl) add_word(EX__LEX_NAME_START, w->key, fl, NULL, 0);
    }
    make_fast();
}

/* The first eight bytes of s[0..n) (n > 0), zero padded, as memcpy() into a zeroed word
 * would place them; shorter keys by two fixed-size loads that may overlap, no call. */
static inline uint64_t head_of(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t w;
    if (n >= 8) {
        memcpy(&w, p, 8);
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
        w = lo | (uint64_t)hi << (8 * (n - 4));
    } else {
        w = p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) | (uint64_t)p[n - 1] << (8 * (n - 1));
    }
    return w;
}

/* fold() of each byte of w. */
static inline uint64_t fold8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
    uint64_t w7 = w & ~high; /* + at most 0x3f: no carry into the next byte */
    uint64_t upper = (w7 + ones * (0x80 - 'A')) & ~(w7 + ones * (0x80 - 'Z' - 1)) & ~w & high;
    return w | upper >> 2;
}

/* The build of lex.fast from lex.slots and lex.words (the same slots, the same places). */
static void make_fast(void)
{
    lex.fast = calloc(lex.mask + 1, sizeof(*lex.fast));
    if (!lex.fast) return; /* lookups fall back to lex.slots */
    for (size_t i = 0; i <= lex.mask; i++) {
        uint32_t v = lex.slots[i];
        if (!v) continue;
        const struct word *w = &lex.words[(v & IDX_MASK) - 1];
        lex.fast[i].tag = v;
        lex.fast[i].info = (w->lists & INFO_LISTS) | (uint32_t)(w->len < 255 ? w->len : 255) << 24;
        lex.fast[i].head = w->len ? head_of(w->key, w->len) : 0;
    }
    free(lex.slots);
    lex.slots = NULL;
}

/* The walk of ex__lex_lists for s[0..n) with hash h, over lex.slots when lex.fast could not
 * be made. */
static uint32_t lists_of_slots(const char *s, size_t n, uint64_t h)
{
    uint32_t fp = fingerprint(h), lists = 0;
    /* every case variant of s is on this walk: the exact one gives its lists, a lowercase
     * one in the list of lowercase words (whose keys are all lowercase) makes s common */
    for (size_t i = (size_t)h & lex.mask; lex.slots[i]; i = (i + 1) & lex.mask) {
        uint32_t v = lex.slots[i];
        if ((v & ~IDX_MASK) != fp) continue;
        const struct word *w = &lex.words[(v & IDX_MASK) - 1];
        if (w->len != n) continue;
        if (!memcmp(w->key, s, n))
            lists |= w->lists;
        else if ((w->lists & (1u << EX__LEX_LOWER)) && equal_folded(w->key, s, n))
            lists |= 1u << EX__LEX_COMMON;
    }
    if (lists & (1u << EX__LEX_LOWER)) lists |= 1u << EX__LEX_COMMON;
    return lists;
}

/* lists_of_slots() over lex.fast: the same slots in the same order, the same answer; the
 * key's text is read only past its eighth byte. */
static uint32_t lists_of(const char *s, size_t n, uint64_t h)
{
    if (!lex.fast) return lists_of_slots(s, n, h);
    uint32_t fp = fingerprint(h), lists = 0, n8 = (uint32_t)(n < 255 ? n : 255);
    uint64_t head = head_of(s, n);
    for (size_t i = (size_t)h & lex.mask; lex.fast[i].tag; i = (i + 1) & lex.mask) {
        const struct fast *f = &lex.fast[i];
        if ((f->tag & ~IDX_MASK) != fp || f->info >> 24 != n8) continue;
        const struct word *w = n > 8 ? &lex.words[(f->tag & IDX_MASK) - 1] : NULL;
        if (w && w->len != n) continue;
        if (f->head == head && (!w || !memcmp(w->key + 8, s + 8, n - 8)))
            lists |= f->info & INFO_LISTS;
        else if ((f->info & (1u << EX__LEX_LOWER)) && fold8(f->head) == fold8(head) &&
                 (!w || equal_folded(w->key + 8, s + 8, n - 8)))
            lists |= 1u << EX__LEX_COMMON;
    }
    if (lists & (1u << EX__LEX_LOWER)) lists |= 1u << EX__LEX_COMMON;
    return lists;
}

uint32_t ex__lex_lists(const char *s, size_t n)
{
    pthread_once(&once, load);
    if (!lex.words || n == 0) return 0;
    return lists_of(s, n, hash(s, n));
}

void ex__lex_lists_many(const char *const *s, const size_t *n, size_t count, uint32_t *lists)
{
    pthread_once(&once, load);
    enum { GROUP = 16 };
    uint64_t h[GROUP];
    for (size_t g = 0; g < count; g += GROUP) {
        size_t m = count - g < GROUP ? count - g : GROUP;
        /* a word's slot is a cache miss more often than not: ask for a group's slots first,
         * so that their misses overlap instead of following one another */
        for (size_t j = 0; j < m; j++) {
            h[j] = hash(s[g + j], n[g + j]);
            if (lex.fast) __builtin_prefetch(&lex.fast[(size_t)h[j] & lex.mask]);
        }
        for (size_t j = 0; j < m; j++)
            lists[g + j] = lex.words && n[g + j] ? lists_of(s[g + j], n[g + j], h[j]) : 0;
    }
}

void ex__lex_value(enum ex__lex l, const char *s, size_t n, const char **val, size_t *val_len)
{
    pthread_once(&once, load);
    const struct valued *t = &lex.vals[l];
    *val = s;
    *val_len = n;
    if (!t->mask) return;
    for (size_t i = (size_t)hash(s, n) & t->mask; t->key[i]; i = (i + 1) & t->mask)
        if (t->key_len[i] == n && !memcmp(t->key[i], s, n)) {
            *val = t->val[i];
            *val_len = t->val_len[i];
            return;
        }
}

int ex__lex_has(enum ex__lex l, const char *s, size_t n, const char **val, size_t *val_len)
{
    pthread_once(&once, load);
    /* EX__LEX_COMMON is no list of keys: only the walk knows it */
    if (l != EX__LEX_COMMON && n &&
        !(lex.first_len[(unsigned char)s[0] & 0x7F][LF_LEN(n)] >> l & 1u))
        return 0;
    if (!(ex__lex_lists(s, n) & (1u << l))) return 0;
    if (val || val_len) {
        const char *v;
        size_t vn;
        ex__lex_value(l, s, n, &v, &vn);
        if (val) *val = v;
        if (val_len) *val_len = vn;
    }
    return 1;
}
