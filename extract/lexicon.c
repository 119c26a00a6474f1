/*
 * lexicon.c: open-addressing hash sets over the embedded lexicon files. One table per file,
 * sized to a power of two at least twice its entries, FNV-1a hashed; an entry is a pointer
 * and a length into the embedded data, plus the value after a TAB. Loading scans each file
 * once; lookups are one hash and a short probe.
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
    [EX__LEX_GIVEN] = "given.txt",
};

struct entry {
    const char *key, *val;
    uint32_t key_len, val_len;
};

struct table {
    struct entry *slots;
    size_t mask; /* slots - 1; 0 when the table is empty */
};

static struct table tables[EX__LEX_COUNT];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static void insert(struct table *t, const struct entry *e)
{
    size_t i = hash(e->key, e->key_len) & t->mask;
    while (t->slots[i].key) {
        if (t->slots[i].key_len == e->key_len && !memcmp(t->slots[i].key, e->key, e->key_len))
            return; /* first line wins */
        i = (i + 1) & t->mask;
    }
    t->slots[i] = *e;
}

/* Calls fn for each entry line of data: "KEY" or "KEY<TAB>VALUE"; '#' starts a comment line. */
static size_t each_line(const char *d, size_t len, struct table *t)
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
            if (t) {
                struct entry en = {d + i, tab < e ? d + tab + 1 : d + i, (uint32_t)(tab - i),
                                   (uint32_t)(tab < e ? e - tab - 1 : tab - i)};
                insert(t, &en);
            }
            n++;
        }
        i = e + 1;
    }
    return n;
}

static void load(void)
{
    for (int l = 0; l < EX__LEX_COUNT; l++) {
        if (!file_names[l]) continue;
        for (const struct embed_file *f = ex__lexicon_files; f->name; f++) {
            if (strcmp(f->name, file_names[l]) != 0) continue;
            size_t n = each_line(f->data, f->len, NULL), cap = 16;
            while (cap < 2 * n)
                cap *= 2;
            tables[l].slots = calloc(cap, sizeof(struct entry));
            if (!tables[l].slots) break; /* out of memory: the list reads as empty */
            tables[l].mask = cap - 1;
            each_line(f->data, f->len, &tables[l]);
        }
    }
    static const enum ex__lex names[] = {EX__LEX_COUNTRIES, EX__LEX_REGIONS,  EX__LEX_CITIES,
                                         EX__LEX_PLACES,    EX__LEX_DEMONYMS, EX__LEX_ORGS};
    size_t n = 0, cap = 16;
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        n += tables[names[i]].mask ? tables[names[i]].mask + 1 : 0;
    while (cap < n) /* n counts slots, already twice the entries */
        cap *= 2;
    struct table *any = &tables[EX__LEX_ANY_NAME];
    any->slots = calloc(cap, sizeof(struct entry));
    if (!any->slots) return;
    any->mask = cap - 1;
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
        const struct table *t = &tables[names[i]];
        for (size_t k = 0; t->slots && k <= t->mask; k++)
            if (t->slots[k].key) insert(any, &t->slots[k]);
    }
}

int ex__lex_has(enum ex__lex l, const char *s, size_t n, const char **val, size_t *val_len)
{
    pthread_once(&once, load);
    const struct table *t = &tables[l];
    if (!t->slots || n == 0) return 0;
    size_t i = hash(s, n) & t->mask;
    while (t->slots[i].key) {
        if (t->slots[i].key_len == n && !memcmp(t->slots[i].key, s, n)) {
            if (val) *val = t->slots[i].val;
            if (val_len) *val_len = t->slots[i].val_len;
            return 1;
        }
        i = (i + 1) & t->mask;
    }
    return 0;
}
