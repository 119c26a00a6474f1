/*
 * entities.c: stages 4-6, from tokens to entities.
 *
 * Names. A candidate is a maximal run of capitalized words in one sentence, joined across
 * the connectors names use ("of", "for", "on", "de", "al", "bin", "van", "von", "of the"),
 * stopped by a possessive ("Kazakhstan's | BTA Bank"). A capitalized word that opens a
 * sentence is dropped when English writes it in lowercase and not as a name (the dictionary
 * says "though" but no "Though"), unless a gazetteer knows it. Leading titles are split off
 * and kept ("President | Qasym-Zhomart Toqaev", "Secretary of State | Antony Blinken"), and so
 * is a nationality or country that precedes a title ("Russian | President | Vladimir Putin").
 *
 * Kinds, first evidence wins: the gazetteers (countries with their canonical names, regions,
 * cities, continents, demonyms, well-known organizations); the last word (Ministry, Bank,
 * Committee -> organization; Square, Airport, River -> place); a title before it (person); a
 * connector inside (organization); a telling lowercase word before it ("channel Khabar 24",
 * "region of Mangystau" via "region"); an acronym (organization); two to four capitalized
 * words that are not all common nouns (person). A lone unknown word waits for clustering.
 *
 * Clustering: same kind and key (the gazetteer's canonical name for places and
 * nationalities, the text otherwise, without a leading nationality for organizations);
 * an acronym in parentheses joins the name before it ("Collective Security Treaty
 * Organization (CSTO)"); a lone word joins the person whose name contains it ("Toqaev"), or
 * the organization or place whose first word it is ("BTA" -> "BTA Bank"); a nationality
 * links to its country. The canonical name is the gazetteer's or the fullest form written.
 *
 * Nesting. A place the gazetteers know, written inside an organization's or a longer place's
 * name ("Comic Corps of Canada", "Metro Toronto Convention Centre"), is mentioned as well:
 * its mention lies inside the name's, the only overlap there is. It takes no part in finding
 * speakers, which are the outer names.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <utf8proc.h>
#include <strings.h>

#include "extract.h"
#include "internal.h"
#include "lexicon.h"
#include "quotes.h"

#define KIND_UNKNOWN (-1)
#define KIND_WORK (-2) /* a context word that introduces a title: "her novel Angel Catbird" */

enum {
    C_TITLE = 1 << 0,   /* had a title before it */
    C_ACRONYM = 1 << 1, /* an acronym defined by the candidate in acr_of */
    C_NATPFX = 1 << 2,  /* organization written with a leading nationality */
    C_DROP = 1 << 3,
    C_WEAK = 1 << 4,      /* kind by default only (a run of capitalized words), no evidence */
    C_ACR_FIRST = 1 << 5, /* an acronym written before its expansion, which starts at def_s */
    C_NESTED = 1 << 6,    /* a place named inside a longer name ("Comic Corps of Canada") */
    C_EVENT = 1 << 7,     /* dropped as an event's name ("Fan Expo Canada") */
    C_TEAM = 1 << 8,      /* a place's name that plays matches: its club ("Liverpool beat") */
    C_TOWN = 1 << 9,      /* a place only by the towns list, which yields to the article */
};

struct cand {
    uint32_t s, e;         /* mention span (title excluded) */
    uint32_t key_s, key_e; /* span whose text is the clustering key */
    uint32_t title_s, title_e;
    int kind;
    const char *canon; /* gazetteer canonical name (not NUL-terminated) */
    const char *pkey;  /* key without an inner possessive ("New People Party"), or NULL */
    size_t pkey_len;
    size_t canon_len;
    int t0, t1;        /* tokens of the mention */
    int acr_of;        /* candidate this acronym abbreviates, or -1 */
    uint32_t def_s;    /* C_ACR_FIRST: where that candidate starts */
    uint32_t alias_e;  /* "Arlington, Texas": the mention's text up to here is an alias */
    const char *value; /* dates and quantities */
    const char *qualifier;
    int flags;
    int ent;
};

struct ent {
    int kind;
    int first; /* first candidate */
    int best;  /* candidate with the fullest text */
    const char *canon;
    size_t canon_len;
    int n; /* mentions */
    double weight;
};

struct kslot {
    const char *k;
    uint32_t n;
    int kind, val, pos;
};
struct kmap {
    struct kslot *s;
    size_t mask;
    int mapped; /* from mmap (kmap_scratch), else in the arena */
};

struct ctx {
    signed char *nw;  /* name_word() per token, computed once: -1 not yet */
    uint32_t *lx;     /* lists per token and is_common(), computed once (tlists) */
    struct kmap lone; /* words written as a name on their own ("Jafari said") */
    struct kmap surn; /* last words of names opened by a given name ("Arne Slot") */
    int surn_made;    /* surn is made on first use (surname_alone) */
    struct ex_doc *doc;
    const struct ex__text *tx;
    const char *s;
    struct cand *c;
    size_t nc, cap;
    struct ex_arena *a;
};

/* ------------------------------------------------------------------ token tests */

static const char *ttext(const struct ctx *x, int k, size_t *n)
{
    *n = x->tx->t[k].e - x->tx->t[k].s;
    return x->s + x->tx->t[k].s;
}

/* Inlined where w is a literal, so strlen(w) is a constant and a token of another length
 * is rejected without reading its text. */
static inline __attribute__((always_inline)) int tis(const struct ctx *x, int k, const char *w)
{
    if (k < 0 || (size_t)k >= x->tx->nt) return 0;
    const struct ex__tok *t = &x->tx->t[k];
    size_t n = strlen(w);
    return t->e - t->s == n && !memcmp(x->s + t->s, w, n);
}

/* The lengths (bit n for length n; bit 31 for 31 and longer) and first bytes of the words
 * of a list that tis_any() has seen, per thread, in an open-addressed table by the list's
 * address: a token whose length or first byte no word of the list has is answered without
 * walking the list, which is what most tokens asked about get. The lists are a few dozen
 * static arrays, so a filter once made stays (direct-mapped, two lists that met in a slot
 * rebuilt their filters in turn, a strlen() of every word each time). */
struct word_filter {
    const char *const *words;
    uint32_t lengths;
    uint32_t first[8]; /* bit per byte value */
};
static _Thread_local struct word_filter word_filters[128];

/* The filter of words, made on first use; NULL when the table is full (no filtering). */
static const struct word_filter *filter_of(const char *const *words)
{
    size_t i = ((uintptr_t)words * 0x9E3779B97F4A7C15ull) >> 57;
    for (size_t probe = 0; probe < 128; probe++, i = (i + 1) & 127) {
        struct word_filter *f = &word_filters[i];
        if (f->words == words) return f;
        if (f->words) continue;
        memset(f, 0, sizeof(*f));
        for (const char *const *w = words; *w; w++) {
            size_t n = strlen(*w);
            unsigned char c = (unsigned char)(*w)[0];
            f->lengths |= 1u << (n < 31 ? n : 31);
            f->first[c >> 5] |= 1u << (c & 31);
        }
        f->words = words;
        return f;
    }
    return NULL;
}

/* Whether token k is one of words (a NULL-terminated list). */
static int tis_any(const struct ctx *x, int k, const char *const *words)
{
    if (k < 0 || (size_t)k >= x->tx->nt) return 0;
    size_t n;
    const char *t = ttext(x, k, &n);
    if (!n) return 0;
    const struct word_filter *f = filter_of(words);
    unsigned char c = (unsigned char)t[0];
    if (f && (!(f->lengths >> (n < 31 ? n : 31) & 1u) || !(f->first[c >> 5] >> (c & 31) & 1u)))
        return 0;
    for (; *words; words++) /* the first byte rules out most before strlen */
        if ((*words)[0] == t[0] && strlen(*words) == n && !memcmp(*words, t, n)) return 1;
    return 0;
}

/* The lists that hold token k, looked up once per token (ex__lex_lists answers for every list
 * at once, is_common() included): a run asks about the same few words again and again
 * (person_tail, run, classify, person_unlikely). */
#define LX_KNOWN (1u << 31)
_Static_assert(EX__LEX_COUNT <= 31, "the lists' bits stay below LX_KNOWN");

static uint32_t tlists(const struct ctx *x, int k)
{
    if (!(x->lx[k] & LX_KNOWN)) {
        size_t n;
        const char *t = ttext(x, k, &n);
        x->lx[k] |= LX_KNOWN | ex__lex_lists(t, n);
    }
    return x->lx[k];
}

/* Looks up every capitalized word at once, ahead of the name stage that asks about each of
 * them: in batches the lexicon's cache misses overlap (ex__lex_lists_many). */
static void tlists_capitalized(const struct ctx *x)
{
    enum { BATCH = 64 };
    const char *w[BATCH];
    size_t n[BATCH];
    uint32_t lists[BATCH];
    int at[BATCH], m = 0;
    for (int k = 0; k <= (int)x->tx->nt; k++) {
        if (m == BATCH || (k == (int)x->tx->nt && m)) {
            ex__lex_lists_many(w, n, (size_t)m, lists);
            for (int j = 0; j < m; j++)
                x->lx[at[j]] = LX_KNOWN | lists[j];
            m = 0;
        }
        if (k == (int)x->tx->nt) break;
        const struct ex__tok *t = &x->tx->t[k];
        if (!(t->flags & EX__T_WORD) || !(t->flags & (EX__T_CAP | EX__T_UPPER))) continue;
        w[m] = ttext(x, k, &n[m]);
        at[m++] = k;
    }
}

static int tlex(const struct ctx *x, int k, enum ex__lex l)
{
    return (tlists(x, k) >> l) & 1;
}

static int span_lex(const struct ctx *x, uint32_t s, uint32_t e, enum ex__lex l, const char **val,
                    size_t *vlen)
{
    return ex__lex_has(l, x->s + s, e - s, val, vlen);
}

/* Lowercase copy of token k into buf (ASCII folding only; enough for dictionary lookups). */
static size_t lower(const struct ctx *x, int k, char *buf, size_t size)
{
    size_t n;
    const char *t = ttext(x, k, &n);
    if (n >= size) return 0;
    for (size_t i = 0; i < n; i++)
        buf[i] = (t[i] >= 'A' && t[i] <= 'Z') ? (char)(t[i] + 32) : t[i];
    return n;
}

static int is_common(const struct ctx *x, int k)
{
    return tlex(x, k, EX__LEX_COMMON);
}

static int in_gazetteer(const struct ctx *x, uint32_t s, uint32_t e)
{
    return span_lex(x, s, e, EX__LEX_ANY_NAME, NULL, NULL);
}

/* in_gazetteer for the tokens [a, b): a token's lists are cached, and a span of several
 * is looked up only when its first word starts a name of several words. */
static int gazetteer_tokens(const struct ctx *x, int a, int b)
{
    if (b - a == 1) return tlex(x, a, EX__LEX_ANY_NAME);
    return tlex(x, a, EX__LEX_NAME_START) && in_gazetteer(x, x->tx->t[a].s, x->tx->t[b - 1].e);
}

static int same_sentence(const struct ctx *x, int a, int b)
{
    return b >= 0 && (size_t)b < x->tx->nt && x->tx->t[a].sent == x->tx->t[b].sent;
}

static __attribute__((noinline)) int capitalized_name_word(const struct ctx *x, int k);
static int article_name(const struct ctx *x, int k);

/* The second half of "Russian-led", "Almaty-based", "Russian-speaking", "state-run": words
 * that turn the name before the dash into an adjective. Participles by their ending, the
 * rest by a short list. */
static int adjective_suffix(const char *w, size_t n)
{
    static const char *const words[] = {"led",   "run",      "born",    "made",      "held",
                                        "style", "era",      "like",    "wide",      "free",
                                        "owned", "bound",    "built",   "sponsored", "type",
                                        "class", "friendly", "centric", "oriented",  NULL};
    if (n >= 5 && !memcmp(w + n - 2, "ed", 2)) return 1;
    if (n >= 6 && !memcmp(w + n - 3, "ing", 3)) return 1;
    for (const char *const *p = words; *p; p++)
        if (strlen(*p) == n && !memcmp(*p, w, n)) return 1;
    return 0;
}

/* "Sixty-two": the first half of a spelled-out number. */
static int tens(const char *w, size_t n)
{
    static const char *const words[] = {"Twenty",  "Thirty", "Forty",  "Fifty", "Sixty",
                                        "Seventy", "Eighty", "Ninety", NULL};
    for (const char *const *p = words; *p; p++)
        if (strlen(*p) == n && !strncasecmp(*p, w, n)) return 1;
    return 0;
}

/* A word that can be part of a name (cached: runs ask about the same words again). Inlined:
 * it is asked 400,000 times over 300 articles, and most tokens, punctuation and lowercase
 * words, are settled here without a call. */
static inline __attribute__((always_inline)) int name_word(const struct ctx *x, int k)
{
    if (x->nw[k] < 0) {
        const struct ex__tok *t = &x->tx->t[k];
        if (!(t->flags & EX__T_WORD))
            x->nw[k] = 0;
        else if (!(t->flags & (EX__T_CAP | EX__T_UPPER)))
            x->nw[k] = (signed char)article_name(x, k);
        else
            x->nw[k] = (signed char)capitalized_name_word(x, k);
    }
    return x->nw[k];
}

/* "James To of the Democratic Party", "Wilson Or was elected": a short capitalized function
 * word inside a sentence, right after a known given name and before no other capitalized
 * word, is a surname (To, Or, On, Ho are Cantonese ones). */
static int short_surname(const struct ctx *x, int k)
{
    const struct ex__tok *t = &x->tx->t[k];
    if (k < 1 || (t->flags & (EX__T_SSTART | EX__T_UPPER)) || t->e - t->s > 3 ||
        !same_sentence(x, k - 1, k) || !tlex(x, k - 1, EX__LEX_GIVEN) ||
        (x->tx->t[k - 1].flags & (EX__T_POSS | EX__T_UPPER)) ||
        !(x->tx->t[k - 1].flags & EX__T_CAP) || tlex(x, k - 1, EX__LEX_FUNC))
        return 0;
    const struct ex__tok *n = (size_t)k + 1 < x->tx->nt ? &x->tx->t[k + 1] : NULL;
    return !n || !same_sentence(x, k, k + 1) || !(n->flags & (EX__T_CAP | EX__T_UPPER));
}

/* "al-Jaber", "el-Sisi", "ash-Sharaa": an Arabic name with its article, which English
 * writes in lowercase, joined to a capitalized word. */
static int article_name(const struct ctx *x, int k)
{
    size_t n;
    const char *w = ttext(x, k, &n);
    return w[0] >= 'a' && w[0] <= 'z' && ex__article_len(w, n) > 0;
}

/* name_word() of a word with a capital letter. */
static int capitalized_name_word(const struct ctx *x, int k)
{
    const struct ex__tok *t = &x->tx->t[k];
    /* "Dec 4 (Reuters)": a month's abbreviation before a day is a date's */
    if (ex__month_abbrev(x->s + t->s, t->e - t->s) && (size_t)k + 1 < x->tx->nt &&
        same_sentence(x, k, k + 1) && (x->tx->t[k + 1].flags & EX__T_NUM) &&
        x->tx->t[k + 1].e - x->tx->t[k + 1].s <= 2)
        return 0;
    if (tlex(x, k, EX__LEX_FUNC) && !short_surname(x, k)) return 0;
    /* "Russian-led", "Moscow-based": a name glued to an English word is no name itself;
     * "Ka-ki", "Chung-tai" (syllables of a given name) are */
    size_t n;
    const char *w = ttext(x, k, &n);
    const char *dash = memchr(w, '-', n);
    /* "President-elect", "Editor-in-Chief": a title written with a dash */
    if (dash && (size_t)(dash - w) + 1 < n && dash[1] >= 'a' && dash[1] <= 'z' &&
        !tlex(x, k, EX__LEX_TITLES)) {
        const char *rest = dash + 1;
        size_t rn = n - (size_t)(rest - w);
        const char *more = memchr(rest, '-', rn);
        if (more) rn = (size_t)(more - rest);
        /* the syllable "kin" of "Kwok-kin" is an English word too: a word that makes an
         * adjective of the name ("-led", "-based", "-speaking"), a longer word than given
         * names' syllables ("Pan-democrat") or a name the gazetteers know before the dash
         * ("Moscow-friendly") says the compound is no name */
        if (ex__lex_has(EX__LEX_LOWER, rest, rn, NULL, NULL) &&
            (rn >= 5 || adjective_suffix(rest, rn) || tens(w, (size_t)(dash - w)) ||
             in_gazetteer(x, t->s, t->s + (uint32_t)(dash - w))))
            return 0;
    }
    return 1;
}

/* A sentence-initial word that is only a capitalized common word ("Though", "Mobs"). */
static int direction(const struct ctx *x, int k);

static struct kslot *kmap_at(struct kmap *m, int kind, const char *k, size_t n, int create);

/* "Slot, who replaced Klopp, added ...", "Young said": a sentence's first word that is the
 * surname of a person the article names in full ("Arne Slot"), before a comma or a verb in
 * the past, is that person, whatever English does with the word in lowercase. */
static int index_surnames(struct ctx *x, struct kmap *m);

static int surname_alone(struct ctx *x, int k)
{
    if ((size_t)k + 1 >= x->tx->nt || !same_sentence(x, k, k + 1)) return 0;
    size_t n, vn;
    const char *v = ttext(x, k + 1, &vn);
    if (!((vn == 1 && *v == ',') ||
          (vn > 3 && v[0] >= 'a' && v[0] <= 'z' && v[vn - 2] == 'e' && v[vn - 1] == 'd') ||
          tis(x, k + 1, "said") || tis(x, k + 1, "says") || tis(x, k + 1, "told")))
        return 0;
    /* the index is made the first time it is asked for: most articles never ask */
    if (!x->surn_made) {
        x->surn_made = 1;
        if (index_surnames(x, &x->surn)) return 0; /* no memory: no surname, no harm */
    }
    const char *w = ttext(x, k, &n);
    return kmap_at(&x->surn, 0, w, n, 0) != NULL;
}

static int portfolio(const struct ctx *x, int a, int b, int *body);

static int initial_common(struct ctx *x, int k)
{
    const struct ex__tok *t = &x->tx->t[k];
    if (!(t->flags & EX__T_SSTART) || (t->flags & EX__T_UPPER)) return 0;
    if (tlex(x, k, EX__LEX_ANY_NAME)) return 0;
    if (!is_common(x, k) || tlex(x, k, EX__LEX_PROPER)) return 0;
    /* "Lower Saxony, which ...", "New Zealand says": the first word of a known name */
    for (int e = k + 2; e <= k + 4 && tlex(x, k, EX__LEX_NAME_START); e++)
        if ((size_t)e <= x->tx->nt && same_sentence(x, k, e - 1) && gazetteer_tokens(x, k, e))
            return 0;
    if (tlex(x, k, EX__LEX_TITLES) && (size_t)k + 1 < x->tx->nt && name_word(x, k + 1)) return 0;
    /* "Minister of Health Ana Costa spoke" */
    if (tlex(x, k, EX__LEX_TITLES) && (size_t)k + 3 < x->tx->nt &&
        (tis(x, k + 1, "of") || tis(x, k + 1, "for")) && name_word(x, k + 2)) {
        int body;
        int e = k + 2;
        while ((size_t)e < x->tx->nt && same_sentence(x, k, e) &&
               (name_word(x, e) || tis(x, e, "and") || tis(x, e, "the")))
            e++;
        if (portfolio(x, k, e, &body) > k) return 0;
    }
    if (surname_alone(x, k)) return 0;
    /* "Marks & Spencer fell" */
    if ((size_t)k + 2 < x->tx->nt && tis(x, k + 1, "&") && name_word(x, k + 2)) return 0;
    /* "Team Estonia had to rebuild": a country's team */
    if (tis(x, k, "Team") && (size_t)k + 1 < x->tx->nt && tlex(x, k + 1, EX__LEX_COUNTRIES))
        return 0;
    /* "Northern Ireland voted": a direction before a known place */
    return !(direction(x, k) && (size_t)k + 1 < x->tx->nt && tlex(x, k + 1, EX__LEX_ANY_NAME));
}

static int connector(const struct ctx *x, int k)
{
    static const char *const words[] = {"of",  "for", "on",  "de",  "del", "da", "do", "dos",
                                        "das", "al",  "bin", "van", "von", "la", "du", "der",
                                        "den", "di",  "ter", "zu",  "and", NULL};
    /* asked of most words of every run: all connectors are two or three lowercase letters */
    if (k < 0 || (size_t)k >= x->tx->nt) return 0;
    const struct ex__tok *t = &x->tx->t[k];
    if (t->e - t->s < 2 || t->e - t->s > 3 || x->s[t->s] < 'a' || x->s[t->s] > 'z') return 0;
    return tis_any(x, k, words);
}

/* ------------------------------------------------------------------ hash maps */

#define SCRATCH_MMAP (64 * 1024) /* maps from this size on come from mmap */

/* Maps are needed only during one step. An ordinary article's are small and come from the
 * document's arena, a bump allocation; a long article's (hundreds of KB each) come straight
 * from the kernel and go back when the step ends, so they do not stay in the arena for the
 * result's lifetime (the peak for a 1 MB article) and do not pass through malloc, whose
 * heap would grow and trim around them. kmap_release gives a mapped one back. */
static int kmap_scratch(struct ctx *x, struct kmap *m, size_t n)
{
    size_t cap = 64;
    while (cap < 2 * n + 16)
        cap *= 2;
    m->mask = cap - 1;
    size_t bytes = cap * sizeof(*m->s);
    m->mapped = bytes >= SCRATCH_MMAP;
    if (!m->mapped) {
        m->s = ex__arena_alloc(x->a, bytes);
        return m->s ? 0 : EX_ENOMEM;
    }
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m->s = p == MAP_FAILED ? NULL : p;
    return m->s ? 0 : EX_ENOMEM;
}

static void kmap_release(struct kmap *m)
{
    if (m->s && m->mapped) munmap(m->s, (m->mask + 1) * sizeof(*m->s));
    m->s = NULL;
}

/* The slot of (kind, k); a new one (val -1) when create, else NULL when absent. */
static struct kslot *kmap_at(struct kmap *m, int kind, const char *k, size_t n, int create)
{
    if (!m->s) return NULL; /* a map not made yet holds nothing (create only on made ones) */
    /* eight bytes a step: names are short, and this runs for every name several times */
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)(kind + 7) ^ ((uint64_t)n << 32);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, k + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    if (i < n) {
        /* the last r bytes, placed as a memcpy into a zeroed word places them on a
         * little-endian machine, by two fixed-size loads that may overlap (no library call
         * for a variable length) */
        const unsigned char *p = (const unsigned char *)k + i;
        size_t r = n - i;
        uint64_t w;
        if (r >= 4) {
            uint32_t lo, hi;
            memcpy(&lo, p, 4);
            memcpy(&hi, p + r - 4, 4);
            w = lo | (uint64_t)hi << (8 * (r - 4));
        } else {
            w = p[0] | (uint64_t)p[r / 2] << (8 * (r / 2)) | (uint64_t)p[r - 1] << (8 * (r - 1));
        }
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    }
    h ^= h >> 32;
    for (size_t i = (size_t)h & m->mask;; i = (i + 1) & m->mask) {
        struct kslot *sl = &m->s[i];
        if (!sl->k) {
            if (!create) return NULL;
            *sl = (struct kslot){k, (uint32_t)n, kind, -1, -1};
            return sl;
        }
        if (sl->kind == kind && sl->n == n && !memcmp(sl->k, k, n)) return sl;
    }
}

/* The lowercase particles of personal names: "Bill de Blasio", "Ludwig van Beethoven". */
static int particle(const struct ctx *x, int k)
{
    return connector(x, k) && !tis(x, k, "of") && !tis(x, k, "for") && !tis(x, k, "on") &&
           !tis(x, k, "and") && x->s[x->tx->t[k].s] >= 'a' && x->s[x->tx->t[k].s] <= 'z';
}

/* ------------------------------------------------------------------ candidates */

static struct cand *add(struct ctx *x, int t0, int t1, int kind)
{
    if (x->nc == x->cap) {
        size_t ncap = x->cap ? 2 * x->cap : 64;
        struct cand *nc = ex__arena_alloc_raw(x->a, ncap * sizeof(*nc));
        if (!nc) return NULL;
        if (x->nc) memcpy(nc, x->c, x->nc * sizeof(*nc));
        x->c = nc;
        x->cap = ncap;
    }
    struct cand *c = &x->c[x->nc++];
    memset(c, 0, sizeof(*c));
    c->t0 = t0;
    c->t1 = t1;
    c->s = c->key_s = x->tx->t[t0].s;
    c->e = c->key_e = x->tx->t[t1 - 1].e;
    c->kind = kind;
    c->acr_of = -1;
    c->ent = -1;
    return c;
}

/* Sets the kind and canonical name of c from the gazetteers; 1 when one knew it. The
 * first list that holds the name decides: countries, demonyms, organizations, then places. */
static int gazetteer(struct ctx *x, struct cand *c)
{
    const char *w = x->s + c->s;
    size_t n = c->e - c->s;
    uint32_t in = c->t1 == c->t0 + 1 && c->s == x->tx->t[c->t0].s && c->e == x->tx->t[c->t0].e
                      ? tlists(x, c->t0)
                      : ex__lex_lists(w, n);
    if (in & (1u << EX__LEX_COUNTRIES)) {
        c->kind = EX_LOCATION;
        ex__lex_value(EX__LEX_COUNTRIES, w, n, &c->canon, &c->canon_len);
    } else if (in & (1u << EX__LEX_DEMONYMS)) {
        c->kind = EX_NATIONALITY;
        ex__lex_value(EX__LEX_DEMONYMS, w, n, &c->canon, &c->canon_len);
    } else if (in & (1u << EX__LEX_ORGS)) {
        c->kind = EX_ORGANIZATION;
    } else if (in & (1u << EX__LEX_CITIES | 1u << EX__LEX_REGIONS | 1u << EX__LEX_PLACES)) {
        c->kind = EX_LOCATION;
    } else {
        return 0;
    }
    return 1;
}

/* The kind list CONTEXT gives w[0..n), or KIND_UNKNOWN. */
static int context_word_kind(const char *w, size_t n)
{
    const char *v;
    size_t vl;
    if (!ex__lex_has(EX__LEX_CONTEXT, w, n, &v, &vl)) return KIND_UNKNOWN;
    if (vl == 12 && !memcmp(v, "organization", 12)) return EX_ORGANIZATION;
    if (vl == 8 && !memcmp(v, "location", 8)) return EX_LOCATION;
    if (vl == 6 && !memcmp(v, "person", 6)) return EX_PERSON;
    if (vl == 4 && !memcmp(v, "work", 4)) return KIND_WORK;
    return KIND_UNKNOWN;
}

/* "president of IAM District 751", "the mayor of Castaic", "the son of Ahmed": what a
 * person noun before "of" makes of the name after it. Kin and company are people; those
 * who govern a place, of a place; every other role heads a body. */
static int role_of(const struct ctx *x, int k)
{
    static const char *const kin[] = {"son",    "daughter", "wife",      "husband", "father",
                                      "mother", "brother",  "sister",    "friend",  "colleague",
                                      "victim", "widow",    "successor", NULL};
    static const char *const rulers[] = {"governor", "mayor", "premier", NULL};
    if (tis_any(x, k, kin)) return EX_PERSON;
    return tis_any(x, k, rulers) ? EX_LOCATION : EX_ORGANIZATION;
}

/* Whether token k is a lowercase word that may be a plural noun ("bands", "companies"). */
static int plural(const struct ctx *x, int k)
{
    const struct ex__tok *t = &x->tx->t[k];
    if (!(t->flags & EX__T_WORD) || (t->flags & (EX__T_CAP | EX__T_UPPER))) return 0;
    size_t n;
    const char *w = ttext(x, k, &n);
    return n >= 4 && w[n - 1] == 's' && w[n - 2] != 's';
}

/* The kind a lowercase word just before a name gives ("channel", "region of"), or the
 * class an enumeration is introduced by, read in the singular: "gods such as Zeus",
 * "companies, such as Google", "such bands as The Velvet Underground", "clubs like Ajax". */
static int context_kind(const struct ctx *x, const struct cand *c)
{
    int t0 = c->t0;
    static const char *const speakers[] = {"spokesman", "spokeswoman", "spokesperson", NULL};
    int k = t0 - 1;
    /* "told Al Arabiya television", "the Tagesschau newscast": a medium's kind after it */
    static const char *const media[] = {"television",  "TV",       "radio",    "newspaper",
                                        "broadcaster", "newscast", "magazine", "channel",
                                        "website",     "daily",    NULL};
    if ((size_t)c->t1 < x->tx->nt && same_sentence(x, t0, c->t1) && tis_any(x, c->t1, media))
        return EX_ORGANIZATION;

    /* "a spokesperson for Woolworths": who speaks for a name speaks for a body */
    if (k >= 1 && tis(x, k, "for") && tis_any(x, k - 1, speakers)) return EX_ORGANIZATION;
    if (k >= 1 && tis(x, k, "the") && tis(x, k - 1, "of")) k--; /* "director of the X" */
    int of = k >= 0 && tis(x, k, "of");
    /* "the film The Big Short": a work's title may keep its article */
    if (k >= 0 &&
        (of || tis(x, k, "the") || (tis(x, k, "The") && !(x->tx->t[k].flags & EX__T_SSTART))))
        k--;
    int such = k >= 2 && tis(x, k, "as") && tis(x, k - 1, "such");
    if (such) {
        k -= 2;
        if (tis(x, k, ",")) k--;
    } else if (k >= 2 && (tis(x, k, "as") || tis(x, k, "like")) && plural(x, k - 1) &&
               (tis(x, k, "like") || tis(x, k - 2, "such"))) {
        such = 1; /* the class noun is the word before "as" or "like" */
        k--;
    }
    if (k < 0 || !same_sentence(x, t0, k)) return KIND_UNKNOWN;
    size_t n;
    const char *w = ttext(x, k, &n);
    /* the token's cached lists say whether to look its value up at all */
    int kind = tlex(x, k, EX__LEX_CONTEXT) ? context_word_kind(w, n) : KIND_UNKNOWN;
    if (of && kind == EX_PERSON) {
        /* not a name used as a modifier: "director of the Dallas chapter" */
        size_t mn;
        const char *m = (size_t)c->t1 < x->tx->nt ? ttext(x, c->t1, &mn) : NULL;
        static const char *const after[] = {"at",   "in",   "to",    "from",  "with", "by", "or",
                                            "that", "who",  "which", "where", "was",  "is", "has",
                                            "had",  "said", "says",  "told",  NULL};
        if (m && mn > 1 && m[0] >= 'a' && m[0] <= 'z' && same_sentence(x, t0, c->t1) &&
            !connector(x, c->t1) && !tis_any(x, c->t1, after))
            return KIND_UNKNOWN;
        return role_of(x, k);
    }
    if (kind != KIND_UNKNOWN || n < 4 || w[n - 1] != 's') return kind;
    char one[64]; /* "companies" -> "company", "gods" -> "god" */
    if (n >= sizeof(one)) return KIND_UNKNOWN;
    memcpy(one, w, n);
    if (n > 4 && !memcmp(w + n - 3, "ies", 3)) {
        memcpy(one + n - 3, "y", 1);
        kind = context_word_kind(one, n - 2);
    } else {
        kind = context_word_kind(one, n - 1);
    }
    /* without "such as", a plural says what follows only when it names places: "the suburbs
     * of Santa Clarita and Castaic", not "the banks of the Thames" */
    return such || kind == EX_LOCATION ? kind : KIND_UNKNOWN;
}

/* Whether token k closes an apposition: a comma, the sentence's end, or a relative word. */
static int apposition_ends(const struct ctx *x, int k, int sent_of)
{
    if (!same_sentence(x, sent_of, k)) return 1;
    return tis(x, k, ",") || tis(x, k, ".") || tis(x, k, ";") || tis(x, k, "that") ||
           tis(x, k, "which") || tis(x, k, "who");
}

/* The kind an apposition gives a name: "the state capital, Porto Alegre," (the noun before
 * the comma) or "Petrobras, the state oil company, said" (the noun that ends the phrase
 * after it). Only nouns of context.txt count, only when the apposition closes right there. */
static int apposition_kind(const struct ctx *x, const struct cand *c)
{
    int nt = (int)x->tx->nt;
    if (c->t0 >= 2 && tis(x, c->t0 - 1, ",") && same_sentence(x, c->t0, c->t0 - 2) &&
        tlex(x, c->t0 - 2, EX__LEX_CONTEXT) && !(x->tx->t[c->t0 - 2].flags & EX__T_CAP) &&
        c->t1 < nt && apposition_ends(x, c->t1, c->t0)) {
        /* "a spokeswoman for the company, Gabriela Ornelas,": the noun after a preposition
         * is no head; the one before it is what the name is */
        static const char *const dets[] = {"the", "its", "a", "an", "their", "his", "her", NULL};
        static const char *const preps[] = {"for", "of", "at", "with", "from", "to", NULL};
        int h = c->t0 - 2;
        if (h >= 3 && tis_any(x, h - 1, dets) && tis_any(x, h - 2, preps) &&
            same_sentence(x, h - 3, h))
            h -= 3;
        /* "the governor of Russia's Belgorod region, Vyacheslav Gladkov,": names between */
        for (int k = h - 1; k >= 1 && k >= h - 6 && same_sentence(x, k, h); k--) {
            if (tis_any(x, k, preps) && tlex(x, k - 1, EX__LEX_CONTEXT) &&
                !(x->tx->t[k - 1].flags & EX__T_CAP)) {
                h = k - 1;
                break;
            }
            if ((!(x->tx->t[k].flags & (EX__T_CAP | EX__T_UPPER)) && !tis(x, k, "the")) ||
                tis(x, k, ","))
                break;
        }
        if (tlex(x, h, EX__LEX_CONTEXT) && !(x->tx->t[h].flags & EX__T_CAP)) {
            size_t n;
            const char *w = ttext(x, h, &n);
            int k = context_word_kind(w, n);
            if (k >= 0) return k;
        }
    }
    int k = c->t1;
    if (k + 2 >= nt || !tis(x, k, ",")) return KIND_UNKNOWN;
    k++;
    if (!tis(x, k, "the") && !tis(x, k, "a") && !tis(x, k, "an") && !tis(x, k, "its"))
        return KIND_UNKNOWN;
    for (int j = k + 1; j < nt && j <= k + 6 && same_sentence(x, c->t0, j); j++) {
        const struct ex__tok *t = &x->tx->t[j];
        if (!(t->flags & EX__T_WORD) || (t->flags & (EX__T_CAP | EX__T_UPPER))) return KIND_UNKNOWN;
        /* "a founder of the group": the head is before a preposition */
        static const char *const preps[] = {"of", "at", "for", "with", "in", "from", NULL};
        int head = j;
        if (j > k + 1 && tis_any(x, j, preps)) head = j - 1;
        /* "the company's founder", "the country's two largest chains": the head is after */
        else if (!apposition_ends(x, j + 1, c->t0))
            continue;
        size_t n;
        const char *w = ttext(x, head, &n);
        /* "Coles and Woolworths, the two largest supermarket chains,": read in the singular */
        int kind = tlex(x, head, EX__LEX_CONTEXT) ? context_word_kind(w, n)
                   : n > 3 && w[n - 1] == 's'     ? context_word_kind(w, n - 1)
                                                  : KIND_UNKNOWN;
        return kind >= 0 ? kind : KIND_UNKNOWN;
    }
    return KIND_UNKNOWN;
}

static int compass(const struct ctx *x, int k)
{
    return tlex(x, k, EX__LEX_COMPASS);
}

/* A compass word or its adjective: "South", "Northern"; or a word that places a part of a
 * place the same way: "Far North Queensland", "Greater Manchester", "Inner Mongolia". */
static int direction(const struct ctx *x, int k)
{
    static const char *const adjectives[] = {"Northern",     "Southern",     "Eastern",
                                             "Western",      "Northeastern", "Northwestern",
                                             "Southeastern", "Southwestern", NULL};
    static const char *const parts[] = {"Far", "Upper", "Lower", "Greater", "Inner", "Outer", NULL};
    if (compass(x, k)) return 1;
    size_t n;
    const char *w = ttext(x, k, &n);
    if (n <= 7 && tis_any(x, k, parts)) return 1;
    if (n < 7 || (*w != 'N' && *w != 'S' && *w != 'E' && *w != 'W')) return 0;
    return tis_any(x, k, adjectives);
}

/* "K.C.", "J.": a person's initials, letters each followed by a period. */
static int initials(const struct ctx *x, int k)
{
    size_t n;
    const char *w = ttext(x, k, &n);
    if (n < 2 || n % 2) return 0;
    for (size_t i = 0; i < n; i += 2)
        if (w[i] < 'A' || w[i] > 'Z' || w[i + 1] != '.') return 0;
    return 1;
}

/* Words a personal name does not contain: a place or nationality ("Malaysia Tourism",
 * "Chinese New Year"), a known organization ("Google Science Fair"), or a last word that
 * English writes in lowercase and not as a name ("Internet Explorer", "PC World"). */
/* A known given name, or a double one whose first part is ("Karl-Theodor"). */
static int given_name(const struct ctx *x, int k)
{
    if (tlex(x, k, EX__LEX_GIVEN)) return 1;
    size_t n;
    const char *w = ttext(x, k, &n);
    const char *dash = memchr(w, '-', n);
    return dash && dash > w && ex__lex_has(EX__LEX_GIVEN, w, (size_t)(dash - w), NULL, NULL);
}

/* A word English writes in lowercase that no list knows as a given name or a name. */
static int plain_word(const struct ctx *x, int k)
{
    return is_common(x, k) && !tlex(x, k, EX__LEX_GIVEN) && !tlex(x, k, EX__LEX_PROPER) &&
           !tlex(x, k, EX__LEX_ANY_NAME) && !particle(x, k) && !initials(x, k);
}

static int person_unlikely(const struct ctx *x, const struct cand *c)
{
    int last = c->t1 - 1;
    /* a known given name first: "Andrew Wan", "Gary Fan" are people whatever the surname;
     * also where a subdivision somewhere has its name ("Paul Smith": Paul is one in Cape
     * Verde), not a country or city ("Georgia Power", "Sofia Airport") */
    uint32_t places =
        1u << EX__LEX_COUNTRIES | 1u << EX__LEX_CITIES | 1u << EX__LEX_PLACES | 1u << EX__LEX_ORGS;
    if (tlex(x, c->t0, EX__LEX_GIVEN) && !compass(x, c->t0) &&
        (!tlex(x, c->t0, EX__LEX_ANY_NAME) || !(tlists(x, c->t0) & places)))
        return 0;
    /* "Real Madrid", "Sky Sports": a first word that English writes in lowercase and no
     * list knows as a given name, before a place or another such word, opens no personal
     * name ("Starry Lee", "Lam Cheuk-ting" end in a surname or given names) */
    if (is_common(x, c->t0) && !tlex(x, c->t0, EX__LEX_GIVEN) && !tlex(x, c->t0, EX__LEX_PROPER) &&
        !particle(x, c->t0) && !initials(x, c->t0) && !tlex(x, last, EX__LEX_DEMONYMS) &&
        (tlex(x, last, EX__LEX_ANY_NAME) || (is_common(x, last) && !tlex(x, last, EX__LEX_PROPER))))
        return 1;
    /* "Fire Management Assistance Grant": two first words that English writes in lowercase
     * and no list knows as names open no personal name, whatever the last word is */
    if (c->t1 - c->t0 >= 3 && plain_word(x, c->t0) && plain_word(x, c->t0 + 1)) return 1;
    /* "Sofia Grant", "Florence Welch": a city's name is a given name too, before a surname */
    if (c->t1 - c->t0 == 2 && tlex(x, c->t0, EX__LEX_GIVEN) && tlex(x, c->t0, EX__LEX_CITIES) &&
        !tlex(x, c->t0, EX__LEX_COUNTRIES) && tlex(x, last, EX__LEX_PROPER) &&
        !tlex(x, last, EX__LEX_ANY_NAME))
        return 0;
    /* "Victoria Rodríguez Ceja": a place's name that is a given name too, before two
     * surnames no list knows */
    if (c->t1 - c->t0 == 3 && tlex(x, c->t0, EX__LEX_GIVEN) && !tlex(x, c->t0, EX__LEX_COUNTRIES) &&
        !tlex(x, c->t0 + 1, EX__LEX_ANY_NAME) && !tlex(x, last, EX__LEX_ANY_NAME) &&
        !is_common(x, c->t0 + 1) && !is_common(x, last))
        return 0;
    for (int k = c->t0; k < c->t1; k++) {
        const struct ex__tok *t = &x->tx->t[k];
        /* "Malaysia Tourism"; not the obscure subdivisions that share a surname ("Lau") */
        if (k < last && tlex(x, k, EX__LEX_ANY_NAME) &&
            (!tlex(x, k, EX__LEX_REGIONS) || tlex(x, k, EX__LEX_COUNTRIES) ||
             tlex(x, k, EX__LEX_CITIES) || tlex(x, k, EX__LEX_PLACES) ||
             tlex(x, k, EX__LEX_PROPER) || is_common(x, last)))
            return 1;
        if ((t->flags & EX__T_UPPER) && !(k == c->t0 && initials(x, k))) return 1;
        if (compass(x, k)) return 1; /* "South East Asia" */
    }
    if (is_common(x, last) && !tlex(x, last, EX__LEX_PROPER)) return 1;
    /* "Warhol Polaroids": a plural of a common noun ends no personal name */
    char buf[64];
    size_t n = lower(x, last, buf, sizeof(buf));
    return n > 3 && buf[n - 1] == 's' && ex__lex_has(EX__LEX_LOWER, buf, n - 1, NULL, NULL) &&
           !tlex(x, last, EX__LEX_PROPER);
}

/* Last words of names this extractor has no kind for (events, holidays) and words that
 * captions glue to a name ("Washington D.C. Image"). */
static int event_or_caption(const struct ctx *x, int k)
{
    return tlex(x, k, EX__LEX_EVENTS);
}

/* "3-1", "2–0": a match's score. */
static int score(const struct ctx *x, int k)
{
    size_t n;
    const char *w = ttext(x, k, &n);
    size_t i = 0, d1 = 0, d2 = 0;
    while (i < n && w[i] >= '0' && w[i] <= '9')
        i++, d1++;
    if (!d1 || d1 > 2 || i == n) return 0;
    if (w[i] == '-')
        i++;
    else if (n - i > 3 && !memcmp(w + i, "\xe2\x80\x93", 3)) /* en dash */
        i += 3;
    else
        return 0;
    while (i < n && w[i] >= '0' && w[i] <= '9')
        i++, d2++;
    return i == n && d2 && d2 <= 2;
}

/* A match's score at k that is not a set's: "beat Alcaraz 7-6(3) 7-6(2)", "6-4 6-3" are
 * players' sets, a second score right after the first (past a tie-break in parentheses). */
static int match_score(const struct ctx *x, int k)
{
    if (!score(x, k)) return 0;
    int nt = (int)x->tx->nt, j = k + 1;
    if (j + 2 < nt && tis(x, j, "(") && (x->tx->t[j + 1].flags & EX__T_NUM) && tis(x, j + 2, ")"))
        j += 3;
    return !(j < nt && same_sentence(x, k, j) && score(x, j));
}

/* Teams by their matches: "beat Everton 2-1", "Manchester City beat West Ham United 3-1". */
static int team(const struct ctx *x, const struct cand *c)
{
    static const char *const verbs[] = {"beat", "defeated", "edged",  "thrashed",
                                        "drew", "lost",     "routed", NULL};
    static const char *const results[] = {"win",  "victory", "defeat", "loss",
                                          "draw", "triumph", NULL};
    int nt = (int)x->tx->nt, k = c->t1;
    /* "a 2-0 win over Real Madrid", "a 3-1 defeat to Everton" */
    int r = c->t0 - 2;
    if (r >= 1 && (x->tx->t[r - 1].flags & EX__T_NUM) && match_score(x, r - 1) &&
        tis_any(x, r, results) && same_sentence(x, r - 1, c->t0))
        return 1;
    /* "Liverpool extended their start with a 2-0 win over ...": the sentence's subject */
    if (x->tx->t[c->t0].flags & EX__T_SSTART)
        for (int j = c->t1; j + 1 < nt && j <= c->t1 + 20 && same_sentence(x, c->t0, j + 1); j++)
            if ((x->tx->t[j].flags & EX__T_NUM) && match_score(x, j) && tis_any(x, j + 1, results))
                return 1;
    if (k >= nt) return 0;
    if (x->tx->t[k].flags & EX__T_NUM) return same_sentence(x, c->t0, k) && match_score(x, k);
    size_t n;
    const char *w = ttext(x, k, &n);
    if (n < 4 || n > 8 || w[0] < 'b' || w[0] > 't') return 0; /* no verb below */
    if (!tis_any(x, k, verbs)) return 0;
    for (int j = k + 1; j < nt && j <= k + 7 && same_sentence(x, c->t0, j); j++)
        if (match_score(x, j)) return 1;
    return 0;
}

/* "Denmark-based", "California-based": token k ends in "-based". */
static int based(const struct ctx *x, int k)
{
    size_t n;
    const char *w = ttext(x, k, &n);
    return n > 6 && !memcmp(w + n - 6, "-based", 6);
}

/* A preposition that makes the name after it a place: "fans in Liverpool", "to Toledo". */
static int place_preposition(const struct ctx *x, int k)
{
    static const char *const at[] = {"in",     "at",     "from",    "to", "near",
                                     "around", "across", "outside", "of", NULL};
    return tis_any(x, k, at);
}

/* Whether token k says a place comes next: "in", "from", ...; not "of" ("the voice of
 * Batman") nor "according to". */
static int at_place(const struct ctx *x, int k)
{
    return k >= 0 && place_preposition(x, k) && !tis(x, k, "of") &&
           !(tis(x, k, "to") && (tis(x, k - 1, "according") || tis(x, k - 1, "According")));
}

/* Whether token k is a quotation mark: " or a curly one. */
static int quote_mark(const struct ctx *x, int k)
{
    size_t n;
    const char *q = ttext(x, k, &n);
    return (n == 1 && *q == '"') ||
           (n == 3 && (!memcmp(q, "\xe2\x80\x9c", 3) || !memcmp(q, "\xe2\x80\x9d", 3)));
}

/* "a robot named \"Better Idea of Afghan Girls,\"", "a horse called “Sea Biscuit”": a name
 * given in quotation marks after naming verbs is a thing's, not a person's or a body's. */
static int quoted_thing_name(const struct ctx *x, const struct cand *c)
{
    static const char *const verbs[] = {"named", "called", "dubbed", "titled", "entitled", NULL};
    return c->t0 >= 2 && quote_mark(x, c->t0 - 1) && tis_any(x, c->t0 - 2, verbs);
}

/* 'the sprawling "Car Wash" investigation', 'its "Fire Sale" strategy': a name in quotation
 * marks before a lowercase noun names the thing the noun is, which has no kind of ours. */
static int quoted_modifier(const struct ctx *x, const struct cand *c)
{
    int nt = (int)x->tx->nt;
    if (c->t0 < 1 || c->t1 + 1 >= nt || !quote_mark(x, c->t0 - 1) || !quote_mark(x, c->t1))
        return 0;
    const struct ex__tok *t = &x->tx->t[c->t1 + 1];
    size_t n;
    const char *w = ttext(x, c->t1 + 1, &n);
    return (t->flags & EX__T_WORD) && n > 3 && w[0] >= 'a' && w[0] <= 'z' &&
           same_sentence(x, c->t0, c->t1 + 1) && is_common(x, c->t1 + 1) &&
           !(w[n - 2] == 'e' && w[n - 1] == 'd') && !(w[n - 1] == 's' && w[n - 2] != 's');
}

/* Heads of two words whose first word changes the kind the second gives alone: a school
 * or water district is a public body, not an area ("Irving Independent School District");
 * a convention or shopping centre is a building, not an institute ("Metro Toronto
 * Convention Centre"). Returns the kind, or KIND_UNKNOWN. */
static int compound_head(const struct ctx *x, int last)
{
    static const char *const districts[] = {"School",     "Water",   "Fire",     "Transit",
                                            "Sanitation", "Utility", "Hospital", "Irrigation",
                                            "Library",    "Park",    "Sewer",    NULL};
    static const char *const venues[] = {"Convention", "Conference", "Exhibition",
                                         "Shopping",   "Trade",      "Sports",
                                         "Leisure",    "Civic",      NULL};
    if (tis(x, last, "District") || tis(x, last, "Districts"))
        return tis_any(x, last - 1, districts) ? EX_ORGANIZATION : KIND_UNKNOWN;
    if (tis(x, last, "Centre") || tis(x, last, "Center"))
        return tis_any(x, last - 1, venues) ? EX_LOCATION : KIND_UNKNOWN;
    return KIND_UNKNOWN;
}

/* Whether token k names the staff of what precedes it: "Wikinews reporters attended",
 * "Boeing executives said": a lone word before them is a body's name. */
static int staff_of(const struct ctx *x, int k)
{
    static const char *const staff[] = {"reporters",   "correspondent", "correspondents",
                                        "journalists", "employees",     "staffers",
                                        "executives",  "shareholders",  "spokesman",
                                        "spokeswoman", "spokesperson",  "manager",
                                        "coach",       "captain",       "boss",
                                        "chairman",    "striker",       "midfielder",
                                        "defender",    "goalkeeper",    "winger",
                                        "workers",     "pilots",        "reporter",
                                        "editor",      "columnist",     NULL};
    /* "Lufthansa's shares": what only a firm owns */
    static const char *const owned[] = {
        "shares", "shareholders", "headquarters", "subsidiary", "revenue", "profits", NULL};
    /* "Lufthansa ground workers", "Google software engineers": one word of trade between */
    static const char *const crews[] = {"workers", "employees", "staff",
                                        "pilots",  "engineers", NULL};
    size_t nt = x->tx->nt;
    if ((size_t)k >= nt || x->s[x->tx->t[k].s] < 'a' || x->s[x->tx->t[k].s] > 'z') return 0;
    if (tis_any(x, k, staff)) return 1;
    if (k >= 1 && (x->tx->t[k - 1].flags & EX__T_POSS)) return tis_any(x, k, owned);
    return (size_t)k + 1 < nt && (x->tx->t[k].flags & EX__T_WORD) && same_sentence(x, k, k + 1) &&
           tis_any(x, k + 1, crews);
}

/* Whether c is the name of a town and no more: the towns list is asked about whole names
 * only, after every other evidence, since many towns are surnames too ("Rhodes"). */
static int town(const struct ctx *x, const struct cand *c)
{
    if (c->t1 - c->t0 == 1) return tlex(x, c->t0, EX__LEX_TOWNS);
    return ex__lex_has(EX__LEX_TOWNS, x->s + c->s, c->e - c->s, NULL, NULL);
}

static void classify(struct ctx *x, struct cand *c)
{
    int last = c->t1 - 1, n = c->t1 - c->t0;
    int has_conn = 0, all_common = 1, has_num = 0, has_amp = 0;
    for (int k = c->t0; k < c->t1; k++) {
        if (tis(x, k, "&"))
            has_amp = 1;
        else if (connector(x, k))
            has_conn = 1;
        else if (!is_common(x, k) || tlex(x, k, EX__LEX_PROPER))
            all_common = 0;
        if (x->tx->t[k].flags & EX__T_NUM) has_num = 1;
    }
    /* "Typhoon Gaemi", "Hurricane Helene": a storm is an event, no entity of ours */
    static const char *const storms[] = {"Typhoon", "Hurricane", "Cyclone", "Storm", NULL};
    if (n >= 2 && tis_any(x, c->t0, storms)) {
        c->flags |= C_DROP | C_EVENT;
        return;
    }
    /* "Liverpool beat Everton 2-1": a city that plays is its club */
    if (n == 1 && (tlex(x, c->t0, EX__LEX_CITIES) || tlex(x, c->t0, EX__LEX_REGIONS)) &&
        !tlex(x, c->t0, EX__LEX_COUNTRIES) && team(x, c)) {
        c->kind = EX_ORGANIZATION;
        c->flags |= C_TEAM;
        return;
    }
    if (gazetteer(x, c)) return;
    if (quoted_thing_name(x, c) || quoted_modifier(x, c)) {
        c->flags |= C_DROP;
        return;
    }
    int event = 0;
    for (int k = c->t0 + 1; k < c->t1 && !event; k++)
        event = event_or_caption(x, k) && !tlex(x, last, EX__LEX_ORG_HEADS);
    /* "Fan Expo Canada", "Northern Arena Esports Championship"; and "PlayStation VR",
     * "Windows XP": a short capitals code after a name is a product's model */
    const struct ex__tok *lt = &x->tx->t[last];
    int model = n > 1 && (lt->flags & EX__T_UPPER) && lt->e - lt->s <= 3 &&
                !(x->tx->t[c->t0].flags & EX__T_UPPER) && !tlex(x, last, EX__LEX_ORG_HEADS) &&
                !tlex(x, last, EX__LEX_COUNTRIES) &&         /* "Reform UK" is no model */
                strspn(x->s + lt->s, "IVX") < lt->e - lt->s; /* "Elizabeth II" is a queen */
    if (event || model) {
        c->flags |= C_DROP | (event ? C_EVENT : 0);
        return;
    }
    if (team(x, c)) { /* "Manchester City", whose last word heads places */
        c->kind = EX_ORGANIZATION;
        return;
    }
    /* "Denmark-based Bavarian Nordic", "Seattle-based Amazon": what is based somewhere is a
     * body */
    if (c->t0 > 0 && based(x, c->t0 - 1)) {
        c->kind = EX_ORGANIZATION;
        return;
    }
    /* "the Labour MP for Birmingham Ladywood": a member's seat is a place */
    static const char *const members[] = {"MP", "MPs", "MSP", "MLA", "MEP", "member", NULL};
    if (c->t0 >= 2 && tis(x, c->t0 - 1, "for") && tis_any(x, c->t0 - 2, members) && !c->canon) {
        c->kind = EX_LOCATION;
        return;
    }
    /* "an analyst at Third Bridge": where a person works is a body, whatever its last word */
    static const char *const workers[] = {
        "analyst",     "analysts",   "economist", "economists", "strategist", "researcher",
        "researchers", "professor",  "scientist", "scientists", "partner",    "lawyer",
        "fellow",      "engineer",   "trader",    "Analysts",   "Economists", "Strategists",
        "Researchers", "Scientists", NULL};
    if (c->t0 >= 2 && tis(x, c->t0 - 1, "at") && tis_any(x, c->t0 - 2, workers) && !c->canon) {
        c->kind = EX_ORGANIZATION;
        return;
    }
    /* "the ruling Pheu Thai party", "the Hamas movement": a name before a body's noun is
     * that body's; not a person's ("the Trump administration" is no such noun) */
    static const char *const bodies[] = {"party",   "movement", "militia", "coalition",
                                         "faction", "bloc",     "union",   NULL};
    if (c->t1 < (int)x->tx->nt && x->s[x->tx->t[c->t1].s] >= 'a' && tis_any(x, c->t1, bodies) &&
        (n == 1 || !tlex(x, c->t0, EX__LEX_GIVEN)) && !(x->tx->t[c->t1 - 1].flags & EX__T_POSS)) {
        c->kind = EX_ORGANIZATION;
        return;
    }
    /* "Union negotiator Christine Behle said": an English word opening a sentence before a
     * person's role is the role's modifier, not a name */
    if (n == 1 && (x->tx->t[c->t0].flags & EX__T_SSTART) && is_common(x, c->t0) &&
        c->t1 < (int)x->tx->nt && x->s[x->tx->t[c->t1].s] >= 'a' &&
        same_sentence(x, c->t0, c->t1)) {
        size_t rn;
        const char *r = ttext(x, c->t1, &rn);
        if (tlex(x, c->t1, EX__LEX_CONTEXT) && context_word_kind(r, rn) == EX_PERSON) {
            c->flags |= C_DROP;
            return;
        }
    }
    int compound = n > 1 ? compound_head(x, last) : KIND_UNKNOWN;
    if (compound != KIND_UNKNOWN) {
        c->kind = compound;
        return;
    }
    /* "the remote Jajarkot district", "the Kherson region", "the Santiago Bernabeu stadium":
     * a name before a place's noun */
    static const char *const areas[] = {"district",    "province",   "region",  "county",
                                        "governorate", "prefecture", "oblast",  "municipality",
                                        "village",     "town",       "stadium", "arena",
                                        "airport",     "racecourse", NULL};
    if (c->t1 < (int)x->tx->nt && x->s[x->tx->t[c->t1].s] >= 'a' && tis_any(x, c->t1, areas) &&
        !(c->flags & C_TITLE) && !(x->tx->t[c->t1 - 1].flags & EX__T_POSS)) {
        c->kind = EX_LOCATION;
        return;
    }
    /* "University of North Hill": the head may come first */
    if (tlex(x, last, EX__LEX_ORG_HEADS) ||
        (n > 2 && tlex(x, c->t0, EX__LEX_ORG_HEADS) && connector(x, c->t0 + 1))) {
        c->kind = EX_ORGANIZATION;
        return;
    }
    /* "the White House", "the Neo Democrats": English puts no article before a personal
     * name unless a title comes between, or the name is used as an adjective, which a
     * known given name tells ("the Annie Oakley screen print") */
    int the = c->t0 > 0 && tis(x, c->t0 - 1, "the") && !(c->flags & C_TITLE) &&
              (is_common(x, c->t0) || !tlex(x, c->t0, EX__LEX_GIVEN));
    /* "Banco Base", "Grupo Televisa", "Partido Verde": languages that put a body's head
     * word first (lexicon heads_first.txt) */
    if (n > 1 && tlex(x, c->t0, EX__LEX_HEADS_FIRST)) {
        c->kind = EX_ORGANIZATION;
        return;
    }
    /* "Marc Lamont Hill": a given name, then a head word that is also a surname */
    if (n > 1 && n <= 3 && !the && tlex(x, c->t0, EX__LEX_GIVEN) && tlex(x, last, EX__LEX_PROPER) &&
        !tlex(x, c->t0, EX__LEX_ANY_NAME) && !is_common(x, c->t0) &&
        tlex(x, last, EX__LEX_LOC_HEADS)) {
        c->kind = EX_PERSON;
        return;
    }
    /* "South East Asia", "Northern Ireland", "Central Asia": directions before a known place
     * name a part of it */
    int directions = n > 1 && tlex(x, last, EX__LEX_ANY_NAME) && !tlex(x, last, EX__LEX_ORGS) &&
                     !tlex(x, last, EX__LEX_DEMONYMS);
    for (int k = c->t0; k < last && directions; k++)
        directions = direction(x, k);
    /* "Mount Kenya", "Lake Victoria": a place's head word may come first */
    int opener = n > 1 && tlex(x, c->t0, EX__LEX_LOC_OPENERS) && !(c->flags & C_TITLE);
    /* "Chief Superintendent Richard North", "Kanye West": a given name before a compass
     * point is a person's */
    int compass_person = n == 2 && compass(x, last) &&
                         ((c->flags & C_TITLE) || (given_name(x, c->t0) && !person_unlikely(x, c)));
    if (((tlex(x, last, EX__LEX_LOC_HEADS) || (compass(x, last) && !compass_person)) && n > 1) ||
        directions || opener) {
        c->kind = EX_LOCATION;
        return;
    }
    /* "Alejandro Díaz de León", "Ursula von der Leyen", "Osama bin Laden": a given name,
     * then surnames joined by particles only, no head word among them */
    if (has_conn && n >= 3 && n <= 6 && given_name(x, c->t0) &&
        (!is_common(x, c->t0) || tlex(x, c->t0, EX__LEX_PROPER)) && /* "maria", lunar seas */
        !(tlists(x, c->t0) & (1u << EX__LEX_COUNTRIES | 1u << EX__LEX_CITIES | 1u << EX__LEX_ORGS |
                              1u << EX__LEX_DEMONYMS | 1u << EX__LEX_PLACES))) {
        int particles_only = 1;
        for (int k = c->t0 + 1; k < c->t1 && particles_only; k++)
            particles_only = connector(x, k) ? particle(x, k)
                                             : !tlex(x, k, EX__LEX_ORG_HEADS) &&
                                                   !tlex(x, k, EX__LEX_LOC_HEADS) &&
                                                   !tlex(x, k, EX__LEX_COUNTRIES);
        if (particles_only && !connector(x, last)) {
            c->kind = EX_PERSON;
            return;
        }
    }
    int ctxk = context_kind(x, c);
    if (c->flags & C_TITLE) {
        c->kind = EX_PERSON;
    } else if (ctxk == KIND_WORK) {
        c->flags |= C_DROP; /* books, films and songs are no entities of ours */
    } else if (ctxk != KIND_UNKNOWN) {
        c->kind = ctxk;
    } else if ((ctxk = apposition_kind(x, c)) != KIND_UNKNOWN) {
        c->kind = ctxk;
    } else if (has_conn) {
        /* "Gulf of Mexico", "Plains of Arafat" against "Church of Scientology": the word
         * before the first connector is the head */
        int k = c->t0;
        while (k < c->t1 && !connector(x, k))
            k++;
        /* the House of Commons, of Representatives, of Saud: a body, not a building */
        c->kind = k > c->t0 && tlex(x, k - 1, EX__LEX_LOC_HEADS) &&
                          !tlex(x, k - 1, EX__LEX_ORG_HEADS) && !tis(x, k - 1, "House")
                      ? EX_LOCATION
                      : EX_ORGANIZATION;
    } else if (has_amp) {
        c->kind = EX_ORGANIZATION; /* "Marks & Spencer": partners' names make a firm's */
    } else if (n == 1 && tlex(x, c->t0, EX__LEX_NOT_NAMES)) {
        c->flags |= C_DROP; /* "VIP", "HTML" */
    } else if (n == 1 && c->t1 < (int)x->tx->nt && tis(x, c->t1, "$")) {
        c->flags |= C_DROP; /* "NZ $ 26 million", "HK$": a currency's country code */
    } else if (n == 1 && (x->tx->t[c->t0].flags & EX__T_UPPER)) {
        c->kind = EX_ORGANIZATION;
    } else if (has_num) {
        c->kind = EX_ORGANIZATION;
    } else if (town(x, c) && !(n == 1 && staff_of(x, c->t1))) {
        /* "Boca Raton", "Lyon": a town the article does not name otherwise */
        c->kind = EX_LOCATION;
        c->flags |= C_TOWN;
    } else if (n >= 2 && n <= 4 && !all_common && !the && !person_unlikely(x, c)) {
        c->kind = EX_PERSON;
        c->flags |= C_WEAK;
    } else if (n >= 2 && !all_common) {
        c->kind = EX_ORGANIZATION;
        c->flags |= C_WEAK;
    } else if (n == 1) {
        c->kind = staff_of(x, c->t1) ? EX_ORGANIZATION : KIND_UNKNOWN;
    } else {
        /* common words only ("People Power"): no name, unless a person is of it */
        c->kind = EX_ORGANIZATION;
        c->flags |= C_DROP | C_WEAK;
    }
}

/* A party written before a title, as part of it: "Republican Senator Rand Paul". */
static int affiliation(const struct ctx *x, int k)
{
    static const char *const parties[] = {"Republican",   "Democratic", "Democrat",
                                          "Conservative", "Labour",     "Liberal",
                                          "Greens",       "Green",      NULL};
    return (x->tx->t[k].flags & EX__T_CAP) && tis_any(x, k, parties);
}

/* A nationality or country written before a title: "Russian President", "U.S. Secretary". */
static int leading_place(struct ctx *x, int k)
{
    return tlex(x, k, EX__LEX_DEMONYMS) || tlex(x, k, EX__LEX_COUNTRIES) ||
           (tlex(x, k, EX__LEX_ORGS) && (x->tx->t[k].flags & EX__T_UPPER)); /* "UN", "NATO" */
}

/* "California Department of Forestry and Fire Protection", "Department of Health and Human
 * Services": an "and" at b continues a body's name whose head comes first ("Department of")
 * when the words after it are common nouns only, none a name the gazetteers or the given
 * names know ("the Department of Justice and Microsoft" are two). */
static int and_in_body(const struct ctx *x, int a, int b)
{
    int head_first = 0; /* "Department of", "Centers for" */
    for (int k = a; k + 1 < b && !head_first; k++)
        head_first = tlex(x, k, EX__LEX_ORG_HEADS) && (tis(x, k + 1, "of") || tis(x, k + 1, "for"));
    if (!head_first) return 0;
    int n = 0;
    for (int k = b + 1; (size_t)k < x->tx->nt && same_sentence(x, b, k) && name_word(x, k); k++) {
        if (!is_common(x, k) || tlex(x, k, EX__LEX_ANY_NAME) || tlex(x, k, EX__LEX_GIVEN) ||
            (x->tx->t[k - 1].flags & EX__T_POSS))
            return 0;
        n++;
    }
    return n > 0;
}

/* "Securities and Exchange Commission", "Food and Drug Administration": common nouns, "and",
 * then a name that a body's head word ends: one body. Not when the words before "and" are
 * a name of their own ("Apple and Google Play"). */
static int and_before_head(const struct ctx *x, int a, int b)
{
    /* "Peter Kistler of the Baker Heart and Diabetes Institute": the words after the last
     * connector are the ones before "and" */
    for (int k = b - 1; k > a; k--)
        if (connector(x, k) || tis(x, k, "the")) {
            a = k + 1;
            break;
        }
    if (b - a > 4 || b <= a) return 0;
    /* "U.S. Securities and Exchange Commission": a country's body */
    if (b - a >= 2 && (tlex(x, a, EX__LEX_COUNTRIES) || tlex(x, a, EX__LEX_DEMONYMS))) a++;
    /* "National Earthquake Monitoring and Research Center"; not two bodies ("the Health
     * Ministry and Finance Ministry"): no head before the "and" */
    for (int k = a; k < b; k++) {
        /* "Vorn Heart and Lung Institute", "Boston Heart and Vascular ...": a name may open
         * the common words */
        int named = k == a && b - a >= 2;
        if ((!named &&
             (!is_common(x, k) || tlex(x, k, EX__LEX_ANY_NAME) || tlex(x, k, EX__LEX_GIVEN))) ||
            tlex(x, k, EX__LEX_TITLES) || tlex(x, k, EX__LEX_ORG_HEADS) ||
            (x->tx->t[k].flags & (EX__T_POSS | EX__T_UPPER)))
            return 0;
    }
    int k = b + 1;
    while ((size_t)k < x->tx->nt && k <= b + 3 && same_sentence(x, b, k) && name_word(x, k) &&
           !(x->tx->t[k - 1].flags & EX__T_POSS))
        k++;
    return k > b + 1 && tlex(x, k - 1, EX__LEX_ORG_HEADS) &&
           ((size_t)k >= x->tx->nt || !name_word(x, k) || !same_sentence(x, b, k));
}

/* "U.S. District Judge Lewis Kaplan": "District" at k is the judge's title's, not a place's
 * word nor a body's. */
static int district_judge(const struct ctx *x, int k)
{
    return tis(x, k, "District") && (size_t)k + 1 < x->tx->nt && tis(x, k + 1, "Judge");
}

/* "California Governor Gavin Newsom", "Los Angeles Mayor Karen Bass", "Los Angeles County
 * Fire Chief Anthony Marrone": a place the gazetteers know (with a "County" or "City" of its
 * own), then a title, then a name. The office is the place's, the person is the name; as one
 * run it was an organization of four words. Returns the end of the place, or a. */
static int place_before_title(const struct ctx *x, int a, int b)
{
    const uint32_t places = 1u << EX__LEX_COUNTRIES | 1u << EX__LEX_REGIONS | 1u << EX__LEX_CITIES |
                            1u << EX__LEX_PLACES;
    int titled = 0; /* most runs have no title: no lookups for them */
    for (int k = a + 1; k < b - 1 && !titled; k++)
        titled = tlex(x, k, EX__LEX_TITLES);
    if (!titled) return a;
    for (int e = a + 3 < b - 2 ? a + 3 : b - 2; e > a; e--) {
        uint32_t in = e == a + 1 ? tlists(x, a)
                      : tlex(x, a, EX__LEX_NAME_START)
                          ? ex__lex_lists(x->s + x->tx->t[a].s, x->tx->t[e - 1].e - x->tx->t[a].s)
                          : 0;
        if (!(in & places)) continue;
        int f = e;
        /* "Los Angeles County Fire Chief"; not "U.S. District Judge", a court's judge */
        if (tlex(x, f, EX__LEX_LOC_HEADS) && !tlex(x, f, EX__LEX_TITLES) && !district_judge(x, f))
            f++;
        /* the title, or a word that is no name before one ("Fire Chief", "Police Chief") */
        int t = f;
        if (!tlex(x, t, EX__LEX_TITLES) && is_common(x, t) && !tlex(x, t, EX__LEX_ANY_NAME) &&
            !tlex(x, t, EX__LEX_ORG_HEADS))
            t++;
        if (t >= b - 1 || !tlex(x, t, EX__LEX_TITLES)) return a;
        int t1 = t;
        while (t < b && tlex(x, t, EX__LEX_TITLES))
            t++;
        /* "U.S. Steel Chief Executive David Burritt": before a title of several words the
         * common word is a body's ("Fire Chief", "Trade Representative" are one word) */
        if (t1 > f && t - t1 > 1) return a;
        /* a name must follow the titles, of words that are no head of a body or place */
        if (t >= b) return a;
        for (int k = t; k < b; k++)
            if (tlex(x, k, EX__LEX_ORG_HEADS) || tlex(x, k, EX__LEX_LOC_HEADS) || connector(x, k))
                return a;
        return f;
    }
    return a;
}

/* "University of Texas Arlington Amneh Jafari": a person written right after the body they
 * belong to runs into its name. The evidence for a split is the surname written alone
 * elsewhere ("Jafari said"), a plain name word before it, and a head before that which is
 * an institution's (a connector, a head word or a place); or, for a name written once, a
 * known given name right after a body's last word ("the Council on American-Islamic
 * Relations Alia Salem said": bodies that write their head first, "Banco", are not cut).
 * Returns the first token of the person, or b. */
static int person_tail(struct ctx *x, int a, int b)
{
    int g = b - 2;
    if (g <= a) return b;
    for (int k = a; k < g; k++) /* "Secretary of State Antony Blinken": titles go first */
        if (tlex(x, k, EX__LEX_TITLES)) return b;
    const struct ex__tok *gt = &x->tx->t[g];
    if (tlex(x, g, EX__LEX_GIVEN) && tlex(x, g - 1, EX__LEX_ORG_HEADS) &&
        !tlex(x, g - 1, EX__LEX_HEADS_FIRST) && !tlex(x, g, EX__LEX_ANY_NAME) &&
        !tlex(x, g, EX__LEX_ORG_HEADS) && !(gt->flags & EX__T_UPPER) &&
        !tlex(x, b - 1, EX__LEX_ORG_HEADS) && !tlex(x, b - 1, EX__LEX_LOC_HEADS) &&
        !connector(x, b - 1) && !is_common(x, b - 1))
        return g;
    size_t n;
    const char *w = ttext(x, b - 1, &n);
    if (!x->lone.s || !kmap_at(&x->lone, 0, w, n, 0)) return b;
    if ((gt->flags & EX__T_UPPER) || (is_common(x, g) && !tlex(x, g, EX__LEX_PROPER)) ||
        tlex(x, g, EX__LEX_TITLES) || tlex(x, g, EX__LEX_ORG_HEADS) ||
        tlex(x, g, EX__LEX_LOC_HEADS) || connector(x, g) || tlex(x, g, EX__LEX_ANY_NAME))
        return b;
    for (int k = a; k < g; k++) {
        if (connector(x, k) || tlex(x, k, EX__LEX_ORG_HEADS) || tlex(x, k, EX__LEX_LOC_HEADS) ||
            tlex(x, k, EX__LEX_ANY_NAME))
            return g;
    }
    /* "Ambassador to the United States Hamdullah Mohib" */
    return gazetteer_tokens(x, a, g) ? g : b;
}

/* "Ambassador to the United States Hamdullah Mohib", "Ambassador to Russia John Sullivan": a
 * country, then two or three words no list knows as anything but names, is the country an
 * office is "to" and the person holding it. Returns the first token of the person, or b. */
static int country_then_person(struct ctx *x, int a, int b)
{
    for (int e = a + 1; e <= a + 3 && e < b - 1; e++) {
        if (b - e > 3 || (e > a + 1 && !tlex(x, a, EX__LEX_NAME_START))) continue;
        uint32_t s = x->tx->t[a].s, en = x->tx->t[e - 1].e;
        int country = e == a + 1 ? tlex(x, a, EX__LEX_COUNTRIES)
                                 : span_lex(x, s, en, EX__LEX_COUNTRIES, NULL, NULL);
        if (!country) continue;
        for (int k = e; k < b; k++) {
            const struct ex__tok *t = &x->tx->t[k];
            if ((is_common(x, k) && !tlex(x, k, EX__LEX_GIVEN)) || (t->flags & EX__T_UPPER) ||
                tlex(x, k, EX__LEX_ANY_NAME) || tlex(x, k, EX__LEX_ORG_HEADS) ||
                tlex(x, k, EX__LEX_LOC_HEADS) || tlex(x, k, EX__LEX_TITLES) || connector(x, k))
                return b;
        }
        return e;
    }
    return b;
}

/* Handles the name run [a, b): splits leading places and titles, adds candidates. */
/* "Minister for Nature and Nitrogen Christianne van der Wal", "Minister for Foreign
 * Affairs Penny Wong": a title, "of" or "for", the common words of a portfolio, then a
 * person's name. Returns where the name starts, or a when the run is no such thing. A
 * portfolio that is a body's name ("President of the European Commission Ursula von der
 * Leyen") is one too, when a known given name follows its head; *body is then where the
 * body's name starts (else -1). */
static int portfolio(const struct ctx *x, int a, int b, int *body)
{
    *body = -1;
    if (b - a < 4 || !tlex(x, a, EX__LEX_TITLES) || !(tis(x, a + 1, "of") || tis(x, a + 1, "for")))
        return a;
    int k = a + 2, words = 0, named = 0;
    if (tis(x, k, "the")) k++;
    int first = k;
    for (; k < b; k++) {
        if (tis(x, k, "and") || tis(x, k, "&")) continue;
        if (words && tlex(x, k - 1, EX__LEX_ORG_HEADS)) break; /* "Commission | Ursula" */
        if (tlex(x, k, EX__LEX_GIVEN) && !tlex(x, k, EX__LEX_ANY_NAME)) break; /* "Penny" */
        if (!tlex(x, k, EX__LEX_ORG_HEADS) && !tlex(x, k, EX__LEX_ANY_NAME) &&
            !tlex(x, k, EX__LEX_DEMONYMS) && (!is_common(x, k) || tlex(x, k, EX__LEX_PROPER)))
            break;
        if (tlex(x, k, EX__LEX_LOC_HEADS) && !tlex(x, k, EX__LEX_ORG_HEADS)) return a;
        named |= tlex(x, k, EX__LEX_ORG_HEADS) || tlex(x, k, EX__LEX_ANY_NAME) ||
                 tlex(x, k, EX__LEX_DEMONYMS);
        words++;
    }
    if (!words || k >= b || tis(x, k - 1, "and") || tis(x, k - 1, "&")) return a;
    if (named) {
        /* a body's name: its head last, and a known given name after it */
        if (!tlex(x, k - 1, EX__LEX_ORG_HEADS) || !tlex(x, k, EX__LEX_GIVEN)) return a;
        *body = first;
        return k;
    }
    /* the name: a known given name first, or two words or more */
    return tlex(x, k, EX__LEX_GIVEN) || b - k >= 2 ? k : a;
}

/* Whether the "and" at b goes on a title's portfolio ("Minister for Nature | and
 * Nitrogen ..."): the run so far is a title, "of" or "for", and common words only. */
static int portfolio_and(const struct ctx *x, int a, int b)
{
    if (b - a < 3 || !tlex(x, a, EX__LEX_TITLES) || !(tis(x, a + 1, "of") || tis(x, a + 1, "for")))
        return 0;
    for (int k = a + 2; k <= b + 1 && (size_t)k < x->tx->nt; k++)
        if (k != b && (tlex(x, k, EX__LEX_GIVEN) || !is_common(x, k) ||
                       tlex(x, k, EX__LEX_PROPER) || tlex(x, k, EX__LEX_ANY_NAME)))
            return 0;
    return 1;
}

/* Adds the name [a, b) with the title [t0, a) before it. Returns 0 or EX_ENOMEM. */
static int titled(struct ctx *x, int t0, int a, int b)
{
    struct cand *c = add(x, a, b, KIND_UNKNOWN);
    if (!c) return EX_ENOMEM;
    c->flags |= C_TITLE;
    c->title_s = x->tx->t[t0].s;
    c->title_e = x->tx->t[a - 1].e;
    classify(x, c);
    return 0;
}

static int run(struct ctx *x, int a, int b)
{
    /* "the State Department Spokesperson": an office's holder named by the office, whose
     * name comes elsewhere; the organization is the entity here */
    /* "a Massachusetts Democrat": a party's member from a place is no body */
    static const char *const members[] = {"Democrat", "Republican", NULL};
    if (b - a >= 2 && tis_any(x, b - 1, members) && gazetteer_tokens(x, a, b - 1)) b--;
    /* "Judge Nicholas Dean KC", "Sir Keir Starmer MP": letters after a name are no part
     * of it (nor a product's model) */
    static const char *const postnominal[] = {"KC",  "QC",  "MP",  "MEP", "MSP", "MLA", "TD",
                                              "OBE", "MBE", "CBE", "KBE", "DBE", NULL};
    if (b - a >= 3 && tis_any(x, b - 1, postnominal)) b--;
    /* ("the Federal Reserve Chair", "the Goldman Sachs Chief Economist") */
    int office = b;
    while (office - a >= 2 && tlex(x, office - 1, EX__LEX_TITLES))
        office--;
    if (office < b &&
        (tlex(x, office - 1, EX__LEX_ORG_HEADS) ||
         span_lex(x, x->tx->t[a].s, x->tx->t[office - 1].e, EX__LEX_ORGS, NULL, NULL)))
        b = office;
    /* "Google Chrome", "Mozilla Firefox", "Microsoft Windows": a known company's name, then
     * words that head no body or place, name one of its products; the company is the entity
     * (there is no product kind), and the product's words are no name of their own */
    if (b - a >= 2 && b - a <= 3 && tlex(x, a, EX__LEX_ORGS) &&
        !tlex(x, b - 1, EX__LEX_ORG_HEADS) && !tlex(x, b - 1, EX__LEX_LOC_HEADS) &&
        !tlex(x, b - 1, EX__LEX_TITLES) && !gazetteer_tokens(x, a, b) &&
        !(x->tx->t[a].flags & EX__T_POSS)) {
        struct cand *c = add(x, a, a + 1, KIND_UNKNOWN);
        if (!c) return EX_ENOMEM;
        gazetteer(x, c);
        return 0;
    }
    int body, pf = portfolio(x, a, b, &body);
    if (pf > a) {
        if (body >= 0) {
            struct cand *o = add(x, body, pf, KIND_UNKNOWN);
            if (!o) return EX_ENOMEM;
            classify(x, o);
        }
        return titled(x, a, pf, b);
    }
    int p = person_tail(x, a, b);
    if (p == b) p = country_then_person(x, a, b);
    if (p < b) {
        int rc = run(x, a, p);
        if (rc) return rc;
        struct cand *c = add(x, p, b, EX_PERSON);
        return c ? 0 : EX_ENOMEM;
    }
    /* "Ann Chiang of DAB", "Carlo De Benedetti of Italy": a person, then what they belong
     * to or come from. Only when every word before "of" can be part of a personal name (no
     * common noun, title, head word or place): "Daughters of the American Revolution",
     * "University of Texas", "Democratic Choice of Kazakhstan" stay whole. */
    /* titles in front ("Mayor Bill de Blasio of New York City", "Chancellor Angela Merkel of
     * Germany") are split off later; the name itself starts at p0 */
    int p0 = a;
    while (p0 < b && (tlex(x, p0, EX__LEX_TITLES) ||
                      (affiliation(x, p0) && p0 + 1 < b && tlex(x, p0 + 1, EX__LEX_TITLES))))
        p0++;
    for (int k = p0 + 2; k < b - 1 && k <= p0 + 4; k++) {
        if (!tis(x, k, "of")) continue;
        int clean = 1;
        for (int j = p0; j < k && clean; j++) {
            const struct ex__tok *t = &x->tx->t[j];
            clean =
                particle(x, j) ||
                (!(t->flags & EX__T_UPPER) && (!is_common(x, j) || tlex(x, j, EX__LEX_PROPER)) &&
                 !tlex(x, j, EX__LEX_TITLES) && !tlex(x, j, EX__LEX_ORG_HEADS) &&
                 !tlex(x, j, EX__LEX_LOC_HEADS) && !connector(x, j) &&
                 !tlex(x, j, EX__LEX_ANY_NAME) && !event_or_caption(x, j));
        }
        /* a common word that is also a name ("Democratic") may not open the run */
        if (clean && is_common(x, p0) && !tlex(x, p0 + 1, EX__LEX_PROPER) && is_common(x, p0 + 1))
            clean = 0;
        int r = k + 1;
        if (tis(x, r, "the")) r++;
        if (r >= b) break;
        /* "Republican Senator Rand Paul of Kentucky": after a title, "of" a known place is
         * where the person comes from, whatever the words of their name */
        int titled_place = p0 > a && gazetteer_tokens(x, r, b);
        for (int j = p0; j < k && titled_place; j++)
            titled_place = !tlex(x, j, EX__LEX_ORG_HEADS) && !tlex(x, j, EX__LEX_LOC_HEADS) &&
                           !connector(x, j) && !tlex(x, j, EX__LEX_COUNTRIES) &&
                           !tlex(x, j, EX__LEX_CITIES) && !tlex(x, j, EX__LEX_ORGS);
        if (!clean && !titled_place) {
            /* "Nathan Law of Demosisto": a given name first, and a body (not a place) after */
            const struct ex__tok *rt = &x->tx->t[r];
            int loose = tlex(x, p0, EX__LEX_GIVEN) && !is_common(x, p0) &&
                        !tlex(x, p0, EX__LEX_ANY_NAME) && !tlex(x, p0, EX__LEX_TITLES);
            for (int j = p0; j < k && loose; j++)
                loose = !tlex(x, j, EX__LEX_ORG_HEADS) && !tlex(x, j, EX__LEX_LOC_HEADS) &&
                        !connector(x, j);
            if (!loose || gazetteer_tokens(x, r, b) ||
                (!(rt->flags & EX__T_UPPER) && !tlex(x, b - 1, EX__LEX_ORG_HEADS) && r + 1 < b))
                break;
        }
        int rc = run(x, a, k);
        if (rc) return rc;
        return run(x, r, b);
    }
    int last = b - 1;
    int head_org = tlex(x, last, EX__LEX_ORG_HEADS), head_loc = tlex(x, last, EX__LEX_LOC_HEADS);
    /* "the State Bank of India": a title's word before a head that comes first is the body's */
    if (b - a >= 4 && tlex(x, a, EX__LEX_TITLES) && tlex(x, a + 1, EX__LEX_ORG_HEADS) &&
        connector(x, a + 2))
        head_org = 1;

    /* a whole run the gazetteer knows stays whole ("United States", "Soviet Union") */
    if (gazetteer_tokens(x, a, b)) {
        struct cand *c = add(x, a, b, KIND_UNKNOWN);
        if (!c) return EX_ENOMEM;
        classify(x, c);
        return 0;
    }
    /* "Kazakh Interior Ministry": the organization keyed without its nationality; not
     * "Kazakh Service", whose key would be the bare head word every "... Service" shares */
    if ((head_org || head_loc) && b - a >= 3 && leading_place(x, a) &&
        (head_org || !tlex(x, a + 1, EX__LEX_TITLES))) { /* "Interior" is a title's word too */
        struct cand *c = add(x, a, b, KIND_UNKNOWN);
        if (!c) return EX_ENOMEM;
        c->key_s = x->tx->t[a + 1].s;
        c->flags |= C_NATPFX;
        classify(x, c);
        return 0;
    }
    if (!head_org && !head_loc) {
        /* "The Education Secretary, Bridget Phillipson, said": an office alone names nobody */
        int office_only = tlex(x, b - 1, EX__LEX_TITLES);
        for (int k = a; k < b - 1 && office_only; k++)
            office_only = tlex(x, k, EX__LEX_TITLES) ||
                          (is_common(x, k) && !tlex(x, k, EX__LEX_PROPER) &&
                           !tlex(x, k, EX__LEX_ANY_NAME) && !tlex(x, k, EX__LEX_GIVEN) &&
                           !tlex(x, k, EX__LEX_DEMONYMS) && !(x->tx->t[k].flags & EX__T_UPPER));
        if (office_only) return 0;
        int f = place_before_title(x, a, b);
        if (f > a) {
            struct cand *c = add(x, a, f, KIND_UNKNOWN);
            if (!c) return EX_ENOMEM;
            if (!gazetteer(x, c)) c->kind = EX_LOCATION; /* "Los Angeles County" */
            a = f;
        }
        /* a body's name of two words or more before a title: "Federal Reserve Chair Jerome
         * Powell", "Senate Banking Committee Chairman Tim Scott" */
        int t = a + 2; /* two words of the body, a title, a name: b - a >= 4 */
        while (t + 1 < b && !tlex(x, t, EX__LEX_TITLES))
            t++;
        int e = t;
        while (e < b && tlex(x, e, EX__LEX_TITLES))
            e++;
        int titled_body = t + 1 >= b; /* "Prime Cabinet Secretary": one title */
        for (int k = a; k < t && !titled_body; k++)
            titled_body = tlex(x, k, EX__LEX_TITLES);
        /* ("U.S. Steel Chief Executive David Burritt": a country's name and a word) */
        if (e < b && e > t && !titled_body &&
            (tlex(x, t - 1, EX__LEX_ORG_HEADS) ||
             span_lex(x, x->tx->t[a].s, x->tx->t[t - 1].e, EX__LEX_ORGS, NULL, NULL) ||
             (t - a == 2 && tlex(x, a, EX__LEX_COUNTRIES) && !tlex(x, a + 1, EX__LEX_ANY_NAME)))) {
            int rc = run(x, a, t);
            if (rc) return rc;
            a = t;
        }
        /* places before titles, then the titles */
        /* and a body's name ("Senate Majority Leader Chuck Schumer") */
        /* ("House Speaker Mike Johnson": "House" heads places too) */
        /* ("Boeing Chief Executive Dave Calhoun", "FAA Administrator Mike Whitaker": a known
         * body or an acronym) */
        while (a + 1 < b &&
               (leading_place(x, a) || tlex(x, a, EX__LEX_ORG_HEADS) ||
                (tlex(x, a, EX__LEX_LOC_HEADS) && a + 2 < b) ||
                (a + 2 < b && (tlex(x, a, EX__LEX_ORGS) ||
                               ((x->tx->t[a].flags & EX__T_UPPER) && !tlex(x, a, EX__LEX_TITLES) &&
                                !tlex(x, a, EX__LEX_NOT_NAMES))))) &&
               tlex(x, a + 1, EX__LEX_TITLES) && !district_judge(x, a)) {
            struct cand *c = add(x, a, a + 1, KIND_UNKNOWN);
            if (!c) return EX_ENOMEM;
            if (!gazetteer(x, c)) c->kind = EX_ORGANIZATION;
            a++;
        }
        int t0 = a;
        if (a + 2 < b && affiliation(x, a) && tlex(x, a + 1, EX__LEX_TITLES)) a++;
        /* "Emeritus Professor John Burrows": a title word after a first word that is no name
         * makes the whole head a title, when two name words remain */
        /* ("Treasury Secretary Scott Bessent": "Treasury" is a name and a word) */
        if (b - a >= 4 && !tlex(x, a, EX__LEX_TITLES) &&
            (!tlex(x, a, EX__LEX_PROPER) || (is_common(x, a) && !tlex(x, a, EX__LEX_GIVEN))) &&
            tlex(x, a + 1, EX__LEX_TITLES) && !tlex(x, a + 2, EX__LEX_TITLES) &&
            !tlex(x, a, EX__LEX_ANY_NAME))
            a++;
        /* "Acting Labor Secretary Julie Su": a plain word between two titles is one too;
         * so is a body's head word ("Prime Cabinet Secretary Musalia Mudavadi") */
        while (a < b && (tlex(x, a, EX__LEX_TITLES) ||
                         (a > t0 && a + 1 < b && tlex(x, a + 1, EX__LEX_TITLES) &&
                          (connector(x, a) ||
                           (a + 2 < b && (plain_word(x, a) || tlex(x, a, EX__LEX_ORG_HEADS) ||
                                          (is_common(x, a) && !tlex(x, a, EX__LEX_GIVEN) &&
                                           !tlex(x, a, EX__LEX_ANY_NAME))))))))
            a++;
        if (a > t0) {
            while (a < b && connector(x, a)) /* "Secretary of | Kazakhstan" is no title */
                a++;
            if (a >= b) return 0; /* titles only: "the President" */
            return titled(x, t0, a, b);
        }
    }
    struct cand *c = add(x, a, b, KIND_UNKNOWN);
    if (!c) return EX_ENOMEM;
    classify(x, c);
    return 0;
}

/* Whether token k is a dash: "—", "–", "-", "--". */
static int dash_at(const struct ctx *x, int k)
{
    if (k < 0 || (size_t)k >= x->tx->nt) return 0;
    size_t n;
    const char *w = ttext(x, k, &n);
    return (n == 3 && (!memcmp(w, "\xe2\x80\x94", 3) || !memcmp(w, "\xe2\x80\x93", 3))) ||
           (n <= 2 && n > 0 && *w == '-' && (n == 1 || w[1] == '-'));
}

/* "Moscow-led", "U.S.-based": the name before the dash when a gazetteer knows it. */
static int glued(struct ctx *x, int k)
{
    size_t n;
    const char *w = ttext(x, k, &n);
    const char *dash = memchr(w, '-', n);
    if (!dash || !(x->tx->t[k].flags & EX__T_CAP)) return 0;
    uint32_t s = x->tx->t[k].s, e = s + (uint32_t)(dash - w);
    if (!in_gazetteer(x, s, e)) return 0;
    struct cand *c = add(x, k, k + 1, KIND_UNKNOWN);
    if (!c) return EX_ENOMEM;
    c->e = c->key_e = e;
    gazetteer(x, c);
    return 0;
}

/* "National Security Council members met", "Civic Party's Jeremy Tam": a common word opening
 * a sentence is the first word of the name that follows it when that name ends in an
 * organization's or a place's head word; not when it is an adverb ("Yesterday Foreign
 * Ministry officials", "Separately ..."). */
static int opens_institution(struct ctx *x, int k)
{
    static const char *const adverbs[] = {"Yesterday", "Today",  "Tomorrow", "Tonight", "Overall",
                                          "Elsewhere", "Nearby", "Instead",  NULL};
    size_t n;
    const char *w = ttext(x, k, &n);
    if (n > 4 && w[n - 2] == 'l' && w[n - 1] == 'y') return 0; /* "Recently" */
    if (tis_any(x, k, adverbs)) return 0;
    /* "Rival Honda Motor Co. and ...", "Automaker Toyota Motor Corp.": a word describing the
     * body before its name */
    static const char *const descriptors[] = {"Rival",    "Former",     "Embattled",
                                              "Troubled", "Struggling", NULL};
    if (tis_any(x, k, descriptors) || tlex(x, k, EX__LEX_CONTEXT)) return 0;
    int nt = (int)x->tx->nt, j = k + 1;
    /* "University of Texas Arlington ...", "Bank of America": the head first */
    if (tlex(x, k, EX__LEX_ORG_HEADS) && j + 1 < nt && tis(x, j, "of") && name_word(x, j + 1) &&
        same_sentence(x, k, j + 1))
        return 1;
    while (j < nt && same_sentence(x, k, j) && name_word(x, j) &&
           !(x->tx->t[j - 1].flags & EX__T_POSS))
        j++;
    return j - 1 > k && (tlex(x, j - 1, EX__LEX_ORG_HEADS) || tlex(x, j - 1, EX__LEX_LOC_HEADS));
}

/* Indexes the words written as a one-word name ("Jafari said"), for person_tail(). */
static int index_lone(struct ctx *x, struct kmap *m)
{
    const struct ex__text *tx = x->tx;
    int nt = (int)tx->nt;
    if (kmap_scratch(x, m, tx->nt / 4 + 16)) return EX_ENOMEM;
    for (int k = 0; k < nt; k++) {
        if (!name_word(x, k) || initial_common(x, k)) continue;
        if (k > 0 && same_sentence(x, k - 1, k) && name_word(x, k - 1)) continue;
        if (k + 1 < nt && same_sentence(x, k, k + 1) && name_word(x, k + 1)) continue;
        size_t n;
        const char *w = ttext(x, k, &n);
        kmap_at(m, 0, w, n, 1);
    }
    return 0;
}

/* Indexes the last words of names opened by a known given name, for surname_alone(). */
static int index_surnames(struct ctx *x, struct kmap *m)
{
    const struct ex__text *tx = x->tx;
    int nt = (int)tx->nt, n_found = 0;
    /* two passes: count, then a map of that size (most articles have a few) */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && (!n_found || kmap_scratch(x, m, (size_t)n_found)))
            return n_found ? EX_ENOMEM : 0;
        for (int k = 1, prev = name_word(x, 0), cur; k < nt; k++, prev = cur) {
            cur = name_word(x, k);
            /* a known given name, or a word no list knows ("Mingyang Song") */
            if (!cur || !prev || !same_sentence(x, k - 1, k) ||
                (tx->t[k - 1].flags & (EX__T_SSTART | EX__T_UPPER)) ||
                (!tlex(x, k - 1, EX__LEX_GIVEN) &&
                 (is_common(x, k - 1) || tlex(x, k - 1, EX__LEX_PROPER) ||
                  tlex(x, k - 1, EX__LEX_ANY_NAME) || tlex(x, k - 1, EX__LEX_NAME_START) ||
                  tlex(x, k - 1, EX__LEX_TITLES) || tlex(x, k - 1, EX__LEX_FUNC))))
                continue;
            if (k + 1 < nt && same_sentence(x, k, k + 1) && name_word(x, k + 1)) continue;
            if (pass == 0) {
                n_found++;
                continue;
            }
            size_t n;
            const char *w = ttext(x, k, &n);
            kmap_at(m, 0, w, n, 1);
        }
    }
    return 0;
}

static int find_runs(struct ctx *x);

/* "the FIRST Global competition (For Inspiration and Recognition of Science and
 * Technology)", "the WHO (World Health Organization)": a parenthesis whose words' initials
 * spell an acronym written just before it is that acronym's expansion, one name even with
 * "and" inside, and the acronym is its alias. Both are taken out of the runs. */
static int expansions(struct ctx *x)
{
    static const char *const skip[] = {"and", "of", "for", "the", "on", "in", "to", "&", NULL};
    int nt = (int)x->tx->nt;
    for (int k = 1; k < nt; k++) {
        if (!tis(x, k, "(")) continue;
        char ini[16];
        size_t ni = 0;
        int close = k + 1, ok = 1;
        for (; close < nt && close <= k + 16 && !tis(x, close, ")") && ok; close++) {
            const struct ex__tok *t = &x->tx->t[close];
            if (tis_any(x, close, skip)) continue;
            ok = (t->flags & EX__T_CAP) && (t->flags & EX__T_WORD) && ni < sizeof(ini) &&
                 same_sentence(x, k, close);
            if (ok) ini[ni++] = x->s[t->s];
        }
        if (!ok || ni < 2 || close >= nt || !tis(x, close, ")")) continue;
        for (int a = k - 1; a >= 0 && a >= k - 4 && same_sentence(x, a, k); a--) {
            size_t n;
            const char *w = ttext(x, a, &n);
            if (!(x->tx->t[a].flags & EX__T_UPPER) || n != ni || memcmp(w, ini, n)) continue;
            struct cand *d = add(x, k + 1, close, KIND_UNKNOWN);
            if (!d) return EX_ENOMEM;
            classify(x, d);
            d->flags &= ~(C_DROP | C_WEAK);
            uint32_t def_s = d->s;
            int kind = d->kind;
            struct cand *c = add(x, a, a + 1, kind);
            if (!c) return EX_ENOMEM;
            c->flags |= C_ACRONYM | C_ACR_FIRST;
            c->def_s = def_s;
            for (int j = k + 1; j < close; j++)
                x->nw[j] = 0; /* no run of its own: the expansion is the name */
            x->nw[a] = 0;
            break;
        }
    }
    return 0;
}

/* "the Masjid al-Haram (Grand Mosque)", "Partido Revolucionario Institucional
 * (Institutional Revolutionary Party)": a body's or place's name of two words or more in
 * parentheses right after another of the same kind, found by its own head word, is that
 * one's other name (a translation, a common name). A place the gazetteers know is not: "Lyon
 * (France)" says where; nor is a person's party: "Smith (Labour Party)". */
static int other_name(struct ctx *x, size_t i)
{
    struct cand *c = &x->c[i];
    int k = c->t0 - 1, nt = (int)x->tx->nt;
    if (k < 1 || c->t1 >= nt || c->t1 - c->t0 < 2 || !tis(x, k, "(") || !tis(x, c->t1, ")") ||
        (c->flags & C_WEAK) || c->canon || (c->kind != EX_ORGANIZATION && c->kind != EX_LOCATION))
        return 0;
    for (size_t j = i; j-- > 0 && x->c[j].t1 >= k;) {
        const struct cand *d = &x->c[j];
        if (d->t1 != k || (d->flags & (C_DROP | C_NESTED | C_ACRONYM))) continue;
        if (d->kind != c->kind || !same_sentence(x, d->t0, c->t0)) return 0;
        c->acr_of = (int)j;
        c->flags |= C_ACRONYM;
        return 1;
    }
    return 0;
}

/* "the California Department of Forestry and Fire Protection, known as Cal Fire", "(also
 * known as the CSTO)": a name written after "known as" right behind another name is that
 * one's other name, as an acronym in parentheses is; it joins that entity with its kind. */
static void known_as(struct ctx *x)
{
    static const char *const adverbs[] = {"also",   "better", "commonly", "locally",
                                          "widely", "simply", "formerly", NULL};
    for (size_t i = 1; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        int k = c->t0 - 1;
        if (c->flags & (C_ACRONYM | C_DROP | C_NESTED)) continue;
        if (other_name(x, i)) continue;
        if (k >= 0 && tis(x, k, "the")) k--;
        if (k < 2 || !tis(x, k, "as") || !tis(x, k - 1, "known")) continue;
        k -= 2;
        if (k >= 0 && tis_any(x, k, adverbs)) k--;
        if (k < 1 || !(tis(x, k, ",") || tis(x, k, "(")) || !same_sentence(x, k, c->t0)) continue;
        for (size_t j = i; j-- > 0 && x->c[j].t1 >= k;) {
            const struct cand *d = &x->c[j];
            if (d->t1 != k || (d->flags & (C_DROP | C_NESTED | C_ACRONYM))) continue;
            if (d->kind != EX_ORGANIZATION && d->kind != EX_LOCATION && d->kind != EX_PERSON) break;
            c->acr_of = (int)j;
            c->flags |= C_ACRONYM;
            c->flags &= ~C_WEAK;
            c->kind = d->kind;
            break;
        }
    }
}

static int find_names(struct ctx *x)
{
    int rc = index_lone(x, &x->lone);
    if (!rc) rc = expansions(x);
    if (!rc) rc = find_runs(x);
    kmap_release(&x->lone);
    kmap_release(&x->surn);
    return rc;
}

/* "WASHINGTON (AP) —", "KABUL, Afghanistan —": a paragraph opened by a place in capitals,
 * then a comma, a news agency in parentheses or a dash, is a dateline. The place is keyed
 * and named as written elsewhere ("Washington"); the agency is an organization of its own,
 * not the place's acronym. Returns the token after what it took, or k when no dateline. */
static int dateline(struct ctx *x, int k)
{
    const struct ex__text *tx = x->tx;
    int nt = (int)tx->nt, e = k;
    if (!(tx->t[k].flags & EX__T_PSTART)) return k;
    while (e < nt && e < k + 4 && (tx->t[e].flags & EX__T_UPPER) && same_sentence(x, k, e))
        e++;
    if (e == k || e >= nt) return k;
    /* "NASA, the European Space Agency and ...": a body's acronym opens the sentence */
    if (e == k + 1 && (tlex(x, k, EX__LEX_ORGS) || tlex(x, k, EX__LEX_NOT_NAMES)) &&
        !(tlists(x, k) & (1u << EX__LEX_CITIES | 1u << EX__LEX_REGIONS | 1u << EX__LEX_COUNTRIES)))
        return k;
    size_t n;
    const char *w = ttext(x, e, &n);
    /* "(AP)", "(AFP)", and "(Reuters) —" */
    int paren = n == 1 && *w == '(' && e + 2 < nt && tis(x, e + 2, ")") &&
                ((tx->t[e + 1].flags & EX__T_UPPER) ||
                 ((tx->t[e + 1].flags & EX__T_CAP) && dash_at(x, e + 3)));
    if (!paren && !dash_at(x, e) && !(n == 1 && *w == ',')) return k;
    uint32_t s0 = tx->t[k].s, e0 = tx->t[e - 1].e;
    /* capitals after a letter fold to lowercase, accented ones too ("BRASÍLIA"); a folded
     * character may take up to 4 bytes whatever it took */
    char *name = ex__arena_alloc(x->a, 4 * (size_t)(e0 - s0) + 1);
    if (!name) return -1;
    size_t len = 0;
    int after = 0;
    for (uint32_t i = s0; i < e0;) {
        utf8proc_int32_t ch;
        utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)x->s + i, e0 - i, &ch);
        if (r <= 0) { /* the text was validated; keep the byte as it is */
            name[len++] = x->s[i++];
            after = 0;
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(ch);
        int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        utf8proc_int32_t out = after && cat == UTF8PROC_CATEGORY_LU ? utf8proc_tolower(ch) : ch;
        len += (size_t)utf8proc_encode_char(out, (utf8proc_uint8_t *)name + len);
        after = letter;
        i += (uint32_t)r;
    }
    struct cand *c = add(x, k, e, EX_LOCATION);
    if (!c) return -1;
    c->canon = name;
    c->canon_len = len;
    /* "STOCKHOLM, Dec 4 (Reuters) -": the date (the numbers stage's) before the agency */
    if (!paren && e + 6 < nt && tis(x, e, ",") && tis(x, e + 3, "(") && tis(x, e + 5, ")") &&
        (tx->t[e + 4].flags & EX__T_CAP) && dash_at(x, e + 6) && !name_word(x, e + 1) &&
        (tx->t[e + 2].flags & EX__T_NUM) && same_sentence(x, e, e + 5)) {
        e += 3;
        paren = 1;
    }
    if (!paren) return e;
    struct cand *ag = add(x, e + 1, e + 2, KIND_UNKNOWN);
    if (!ag) return -1;
    if (!gazetteer(x, ag)) ag->kind = EX_ORGANIZATION;
    return e + 3;
}

/* Whether the name at k follows a media credit's label: "Image: Nick Moreau.". */
static int credit(const struct ctx *x, int k)
{
    static const char *const labels[] = {"Image",  "Video",  "Photo", "Audio",
                                         "Photos", "Credit", NULL};
    return k >= 2 && tis(x, k - 1, ":") && tis_any(x, k - 2, labels);
}

/* "the 82nd Airborne Division", "the 501st Legion": an ordinal opens a unit's name. */
static void ordinal_unit(struct ctx *x, size_t from, int a)
{
    if (a < 1 || !same_sentence(x, a - 1, a)) return;
    size_t n;
    const char *w = ttext(x, a - 1, &n), *e = w + n;
    while (w < e && *w >= '0' && *w <= '9')
        w++;
    if (w == ttext(x, a - 1, &n) || e - w != 2 ||
        !(!strncmp(w, "st", 2) || !strncmp(w, "nd", 2) || !strncmp(w, "rd", 2) ||
          !strncmp(w, "th", 2)))
        return;
    for (size_t i = from; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        if (c->t0 != a || !tlex(x, c->t1 - 1, EX__LEX_ORG_HEADS)) continue;
        c->t0 = a - 1;
        c->s = c->key_s = x->tx->t[a - 1].s;
        return;
    }
}

static int find_runs(struct ctx *x)
{
    const struct ex__text *tx = x->tx;
    int nt = (int)tx->nt, rc;
    for (int k = 0; k < nt; k++) {
        if (!name_word(x, k)) {
            if ((tx->t[k].flags & EX__T_CAP) && (rc = glued(x, k))) return rc;
            continue;
        }
        if (initial_common(x, k) && !opens_institution(x, k)) continue;
        int after = dateline(x, k);
        if (after < 0) return EX_ENOMEM;
        if (after > k) {
            k = after - 1;
            continue;
        }
        int a = k, b = k + 1;
        for (;;) {
            if (tx->t[b - 1].flags & EX__T_POSS) {
                /* "New People's Party", "Women's League": a possessive inside a name is
                 * followed by the name's head word alone */
                /* one word before it only when it is a common noun: "Women's League",
                 * not "Kazakhstan's Senate" */
                int one = b - 1 == a && is_common(x, a) && !tlex(x, a, EX__LEX_PROPER) &&
                          !tlex(x, a, EX__LEX_ANY_NAME);
                if ((b - 1 > a || one) && b < nt && same_sentence(x, a, b) && name_word(x, b) &&
                    tlex(x, b, EX__LEX_ORG_HEADS) &&
                    (b + 1 >= nt || !name_word(x, b + 1) || !same_sentence(x, a, b + 1))) {
                    b++;
                }
                break;
            }
            if (b < nt && same_sentence(x, a, b) && name_word(x, b)) {
                b++;
                continue;
            }
            /* "Procter & Gamble", "Mary & Leigh Block Museum of Art"; not the two authors
             * of a credit ("Video: Miharris & Acphillips.") */
            if (b + 1 < nt && tis(x, b, "&") && name_word(x, b + 1) && same_sentence(x, a, b + 1) &&
                !credit(x, a)) {
                b += 2;
                continue;
            }
            /* connectors: "Democratic Choice of Kazakhstan", "Daughters of the American ..." */
            if (b + 1 < nt && connector(x, b) && same_sentence(x, a, b + 1)) {
                int c = b + 1;
                if (tis(x, c, "the") && c + 1 < nt) c++;
                /* "von der Leyen", "van den Berg", "de la Cruz": two particles */
                else if (particle(x, b) && particle(x, c) && c + 1 < nt)
                    c++;
                /* "Scientology on French television": a nationality used as an adjective
                 * after the connector ends the name */
                int adj = c + 1 < nt && !name_word(x, c + 1) && tlex(x, c, EX__LEX_DEMONYMS);
                /* "left Hong Kong Island for Hong Kong": bodies are "for" something
                 * ("Alliance for Hong Kong"), places are not */
                int place_for = tis(x, b, "for") &&
                                (tlex(x, b - 1, EX__LEX_LOC_HEADS) || gazetteer_tokens(x, a, b));
                if (name_word(x, c) && same_sentence(x, a, c) &&
                    (!tis(x, b, "and") || and_in_body(x, a, b) || and_before_head(x, a, b) ||
                     portfolio_and(x, a, b)) &&
                    !adj && !place_for) {
                    b = c + 1;
                    continue;
                }
            }
            /* "University of North Carolina at Chapel Hill": a state university names its
             * campus after "at" */
            if (b + 1 < nt && tis(x, b, "at") && b - a >= 3 && tis(x, a, "University") &&
                tis(x, a + 1, "of") && name_word(x, b + 1) && same_sentence(x, a, b + 1) &&
                !(tx->t[b - 1].flags & EX__T_POSS)) {
                b += 2;
                continue;
            }
            /* "Khabar 24", "Channel 4": a short number closing a name */
            if (b < nt && same_sentence(x, a, b) && (tx->t[b].flags & EX__T_NUM) && !score(x, b) &&
                !(tx->t[b].flags & EX__T_WORD) && tx->t[b].e - tx->t[b].s <= 3 &&
                !(tx->t[b - 1].flags & EX__T_UPPER) && !tlex(x, b - 1, EX__LEX_FUNC) &&
                (b + 1 >= nt || !(tx->t[b + 1].flags & EX__T_WORD) || !is_common(x, b + 1))) {
                b++;
            }
            break;
        }
        size_t first_new = x->nc;
        if ((rc = run(x, a, b))) return rc;
        size_t before = x->nc;
        ordinal_unit(x, first_new, a);
        /* "the Santa Clara, California-based chipmaker": a town before its region's "-based" */
        if (before == first_new + 1 && b + 1 < nt && tis(x, b, ",") && same_sentence(x, a, b + 1) &&
            (tx->t[b + 1].flags & EX__T_CAP)) {
            struct cand *c = &x->c[before - 1];
            if (based(x, b + 1) && c->t1 - c->t0 <= 3 &&
                (c->kind == KIND_UNKNOWN || (c->flags & C_WEAK)) &&
                in_gazetteer(x, tx->t[b + 1].s, tx->t[b + 1].e - 6) &&
                !span_lex(x, tx->t[b + 1].s, tx->t[b + 1].e - 6, EX__LEX_ORGS, NULL, NULL)) {
                c->kind = EX_LOCATION;
                c->flags &= ~(C_WEAK | C_DROP);
            }
        }
        /* "Arlington, Texas": a town and its region or country are one place */
        if (before == first_new + 1 && b + 1 < nt && tis(x, b, ",") && same_sentence(x, a, b + 1) &&
            name_word(x, b + 1)) {
            struct cand *c = &x->c[before - 1];
            int e2 = b + 1;
            while (e2 < nt && same_sentence(x, a, e2) && name_word(x, e2) &&
                   !(tx->t[e2 - 1].flags & EX__T_POSS))
                e2++;
            uint32_t rs = tx->t[b + 1].s, re = tx->t[e2 - 1].e;
            /* "Mountain View, California": common words make a town name too */
            /* "The Santa Clara, California, company": a guess of a person's name too */
            int weak_person = c->kind == EX_PERSON && (c->flags & C_WEAK) &&
                              !(c->flags & C_TITLE) && !tlex(x, c->t0, EX__LEX_GIVEN) && e2 < nt &&
                              tis(x, e2, ",");
            int town = (c->kind == EX_LOCATION || c->kind == KIND_UNKNOWN || (c->flags & C_DROP) ||
                        weak_person) &&
                       c->t1 - c->t0 <= 3 &&
                       !span_lex(x, c->s, c->e, EX__LEX_COUNTRIES, NULL, NULL) &&
                       !span_lex(x, c->s, c->e, EX__LEX_PLACES, NULL, NULL);
            /* not a list: "South Australia, Tasmania and the Northern Territory" */
            if (e2 < nt && (tis(x, e2, "and") || tis(x, e2, "or"))) town = 0;
            if (town && (span_lex(x, rs, re, EX__LEX_REGIONS, NULL, NULL) ||
                         span_lex(x, rs, re, EX__LEX_COUNTRIES, NULL, NULL))) {
                /* two places, the town also known by the pair as written */
                c->kind = EX_LOCATION;
                c->flags &= ~C_DROP;
                c->alias_e = re;
                struct cand *r = add(x, b + 1, e2, KIND_UNKNOWN);
                if (!r) return EX_ENOMEM;
                gazetteer(x, r);
                b = e2;
            }
        }
        /* "(CSTO)" right after a name defines its acronym; not a news agency's before the
         * dash of a dateline ("LIMA, Peru (AP) —") */
        int agency = b + 3 < nt && tis(x, b, "(") && tis(x, b + 2, ")") && dash_at(x, b + 3);
        if (agency) {
            struct cand *c = add(x, b + 1, b + 2, EX_ORGANIZATION);
            if (!c) return EX_ENOMEM;
            b += 3;
        } else if (b + 2 < nt && tis(x, b, "(") && tis(x, b + 2, ")") &&
                   (tx->t[b + 1].flags & EX__T_UPPER) && before > 0) {
            struct cand *c = add(x, b + 1, b + 2, KIND_UNKNOWN);
            if (!c) return EX_ENOMEM;
            c->acr_of = (int)before - 1;
            c->flags |= C_ACRONYM;
            c->kind = x->c[before - 1].kind;
            b += 3;
        } else if (b + 2 < nt && tis(x, b, "(") && tis(x, b + 2, ")") &&
                   (tx->t[b + 1].flags & EX__T_UPPER)) {
            b += 3;
        }
        k = b - 1;
    }
    known_as(x);
    /* acronyms after lowercase words ("liquefied petroleum gas (LPG)") name no entity */
    for (size_t i = 0; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        if (c->t1 - c->t0 == 1 && c->t0 > 0 && c->t1 < nt && tis(x, c->t0 - 1, "(") &&
            tis(x, c->t1, ")") && !(c->flags & C_ACRONYM) && c->t0 >= 2 &&
            !(tx->t[c->t0 - 2].flags & (EX__T_CAP | EX__T_UPPER)) &&
            !dash_at(x, c->t1 + 1)) /* "LONDON, Dec 4 (AFP) -": an agency */
            c->flags |= C_DROP;
    }
    return 0;
}

/* A place the gazetteers know for sure, written inside a longer name: "Metro Toronto
 * Convention Centre", "Comic Corps of Canada", "Kowloon West", "Fan Expo Canada". The name
 * keeps its own kind; the place is mentioned too. Subdivisions count only when their name
 * is no English word or personal name (iso 3166-2 lists "Central", "Lau"). */
static int nested_place(const struct ctx *x, int a, int b, int regions)
{
    if (b - a > 1 && !tlex(x, a, EX__LEX_NAME_START)) return 0;
    for (int k = a; k < b; k++)
        if (!(x->tx->t[k].flags & EX__T_CAP) || connector(x, k) || tlex(x, k, EX__LEX_ORG_HEADS) ||
            tlex(x, k, EX__LEX_LOC_HEADS))
            return 0;
    uint32_t s = x->tx->t[a].s, e = x->tx->t[b - 1].e;
    /* one lookup answers every list (a token's own lists are cached) */
    uint32_t in = b - a == 1 ? tlists(x, a) : ex__lex_lists(x->s + s, e - s);
    if (!(in & (1u << EX__LEX_COUNTRIES | 1u << EX__LEX_CITIES | 1u << EX__LEX_PLACES |
                1u << EX__LEX_REGIONS)))
        return 0;
    int compass_only = 1; /* "South East" is a region somewhere, and no place here */
    for (int k = a; k < b && compass_only; k++)
        compass_only = direction(x, k);
    if (compass_only) return 0;
    if (in & (1u << EX__LEX_COUNTRIES | 1u << EX__LEX_CITIES | 1u << EX__LEX_PLACES)) return 1;
    if (!regions || !(in & (1u << EX__LEX_REGIONS))) return 0;
    /* "Indiana" and "Georgia" are given names too: a place after "of" or a direction */
    return b - a > 1 || (!is_common(x, a) && (!tlex(x, a, EX__LEX_GIVEN) || tis(x, a - 1, "of") ||
                                              (a > 0 && direction(x, a - 1))));
}

/* Names inside a name by its head words: a place whose own head ends a shorter name
 * before a place's last head ("Chiang Kai Shek Memorial Hall Station", "Union Square
 * Station"; not in a body's name: "Super District Council"),
 * and the person a memorial is named for ("Lincoln Memorial"). Returns 0 or EX_ENOMEM. */
static int nested_heads(struct ctx *x, int t0, int t1)
{
    int last_loc = tlex(x, t1 - 1, EX__LEX_LOC_HEADS) && !tlex(x, t1 - 1, EX__LEX_ORG_HEADS);
    for (int j = t1 - 1; last_loc && j >= t0 + 2; j--) {
        if (!tlex(x, j - 1, EX__LEX_LOC_HEADS) || tlex(x, j - 1, EX__LEX_ORG_HEADS)) continue;
        struct cand *c = add(x, t0, j, KIND_UNKNOWN);
        if (!c) return EX_ENOMEM;
        classify(x, c);
        if (c->kind != EX_LOCATION || (c->flags & C_DROP)) {
            x->nc--; /* no place after all */
            continue;
        }
        c->flags |= C_NESTED;
        break;
    }
    for (int m = t0 + 1; m < t1 && m <= t0 + 3; m++) {
        if (!tis(x, m, "Memorial")) continue;
        int person = 1;
        for (int k = t0; k < m && person; k++)
            person = (x->tx->t[k].flags & EX__T_CAP) && !connector(x, k) &&
                     (!is_common(x, k) || tlex(x, k, EX__LEX_PROPER)) &&
                     !tlex(x, k, EX__LEX_COUNTRIES) && !tlex(x, k, EX__LEX_DEMONYMS) &&
                     !tlex(x, k, EX__LEX_ORG_HEADS) && !tlex(x, k, EX__LEX_LOC_HEADS) &&
                     !tlex(x, k, EX__LEX_TITLES);
        if (!person) break;
        struct cand *c = add(x, t0, m, EX_PERSON);
        if (!c) return EX_ENOMEM;
        c->flags |= C_NESTED;
        break;
    }
    return 0;
}

static int nested_places(struct ctx *x)
{
    size_t n = x->nc;
    for (size_t i = 0; i < n; i++) {
        int t0 = x->c[i].t0, t1 = x->c[i].t1, kind = x->c[i].kind;
        if (t1 - t0 < 2 || x->c[i].canon || (x->c[i].flags & C_ACRONYM) ||
            (x->c[i].flags & C_DROP ? !(x->c[i].flags & C_EVENT)
                                    : kind != EX_ORGANIZATION && kind != EX_LOCATION))
            continue;
        /* "South East Asia" is a part of Asia, "Washington D.C." the city itself */
        int part = kind == EX_LOCATION;
        for (int k = t0; k < t1 && part; k++)
            part = direction(x, k) || tlex(x, k, EX__LEX_ANY_NAME) || initials(x, k) ||
                   (x->tx->t[k].flags & EX__T_UPPER);
        /* "Team Estonia", "Werder Bremen" name a team, whose town or country is no place
         * of the story */
        if (part || tis(x, t0, "Team") || (t1 - t0 == 2 && tlex(x, t0, EX__LEX_HEADS_FIRST)))
            continue;
        /* a campus: "University of North Carolina at Chapel Hill" is in Chapel Hill */
        int at = t0 + 3;
        while (kind == EX_ORGANIZATION && at < t1 - 1 && !tis(x, at, "at"))
            at++;
        if (kind == EX_ORGANIZATION && at < t1 - 1) {
            struct cand *c = add(x, at + 1, t1, EX_LOCATION);
            if (!c) return EX_ENOMEM;
            c->flags |= C_NESTED;
            t1 = at;
        }
        /* a known place's own words ("Rio Grande do Sul") hold countries and cities
         * ("Mexico City") but no subdivisions ("Sul" is one elsewhere) */
        int regions = !(kind == EX_LOCATION && gazetteer_tokens(x, t0, t1));
        for (int k = t0; k < t1; k++) {
            int j = k + 4 < t1 ? k + 4 : t1;
            for (; j > k; j--)
                if (!(k == t0 && j == t1) && nested_place(x, k, j, regions)) break;
            if (j == k) continue;
            /* in a place's name, the rest must be what places add to a place ("Mexico
             * City", "Hong Kong Island", "Kowloon West"): "Porto Alegre" holds no Porto */
            int rest_ok = 1; /* a building names its town: "Metro Toronto Convention Centre" */
            int venue = kind == EX_LOCATION && compound_head(x, t1 - 1) == EX_LOCATION;
            for (int r = t0; r < t1 && rest_ok && kind == EX_LOCATION && !venue; r++)
                rest_ok = (r >= k && r < j) || direction(x, r) || connector(x, r) ||
                          tlex(x, r, EX__LEX_LOC_HEADS);
            if (!rest_ok) {
                k = j - 1;
                continue;
            }
            /* "University of Southern Indiana": directions before it name a part of it; before
             * the head of a place's name they are that place's ("the South China Sea" holds no
             * South China) */
            int d = k;
            while (d > t0 && (kind != EX_LOCATION || j == t1) && direction(x, d - 1))
                d--;
            if (d == t0 && j == t1) d = k;
            struct cand *c = add(x, d, j, KIND_UNKNOWN);
            if (!c) return EX_ENOMEM;
            if (d == k) gazetteer(x, c);
            c->kind = EX_LOCATION;
            c->flags |= C_NESTED;
            k = j - 1;
        }
        if (nested_heads(x, t0, t1)) return EX_ENOMEM;
    }
    return 0;
}

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *p = a, *q = b;
    if (p->s != q->s) return p->s < q->s ? -1 : 1;
    return p->e > q->e ? -1 : p->e < q->e; /* a name before the place it starts with */
}

/* Sorts candidates by cmp_cand; most arrays are in that order already (names are found in
 * body order), and qsort() would copy them through a buffer to find out. */
static void sort_cands(struct cand *c, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (cmp_cand(&c[i - 1], &c[i]) > 0) {
            qsort(c, n, sizeof(*c), cmp_cand);
            return;
        }
}

/* Dates and quantities become candidates too, except where a name already took the words
 * ("Khabar 24"). */
static int add_numbers(struct ctx *x)
{
    struct ex__num *nums = NULL;
    size_t nn = 0, names = x->nc;
    int rc = ex__numbers(x->tx, x->doc->article.published_at, x->a, &nums, &nn);
    if (rc) return rc;
    /* names and numbers both in body order: one merge-like walk, not all pairs */
    sort_cands(x->c, names);
    size_t j0 = 0;
    int t0 = 0;
    for (size_t i = 0; i < nn; i++) {
        int clash = 0;
        while (j0 < names && x->c[j0].e <= nums[i].span.start)
            j0++;
        for (size_t j = j0; j < names && x->c[j].s < nums[i].span.end && !clash; j++)
            clash = !(x->c[j].flags & C_DROP) && nums[i].span.start < x->c[j].e;
        if (clash) continue;
        /* token range of the span, for the candidate's bookkeeping */
        while ((size_t)t0 < x->tx->nt && x->tx->t[t0].e <= nums[i].span.start)
            t0++;
        int t1 = t0;
        while ((size_t)t1 < x->tx->nt && x->tx->t[t1].s < nums[i].span.end)
            t1++;
        if ((size_t)t0 >= x->tx->nt || t1 <= t0) continue;
        struct cand *c = add(x, t0, t1, (int)nums[i].kind);
        if (!c) return EX_ENOMEM;
        c->s = c->key_s = nums[i].span.start;
        c->e = c->key_e = nums[i].span.end;
        c->value = nums[i].value;
        c->qualifier = nums[i].qualifier;
        /* dates meet by value ("Jan. 7" = "January 7"); quantities only when written the
         * same way: "three bodies" and "almost three decades" are different counts */
        if (c->value && c->kind == EX_DATE) {
            c->canon = c->value;
            c->canon_len = strlen(c->value);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ clustering */

/* A hash map from (kind, text) to an int, in the document's arena, so clustering stays
 * linear however many entities an article has. */
static struct kslot *key_slot(struct ctx *x, struct kmap *m, const struct cand *c, int create)
{
    if (c->canon) return kmap_at(m, c->kind, c->canon, c->canon_len, create);
    if (c->pkey) return kmap_at(m, c->kind, c->pkey, c->pkey_len, create);
    return kmap_at(m, c->kind, x->s + c->key_s, c->key_e - c->key_s, create);
}

/* Whether c is a name of two words opened by a head ("Borussia Dortmund", "Grupo Televisa"),
 * whose second word alone names it too. */
static int club(const struct ctx *x, const struct cand *c)
{
    return c->kind == EX_ORGANIZATION && c->t1 - c->t0 == 2 && tlex(x, c->t0, EX__LEX_HEADS_FIRST);
}

/* Indexes the words of entity e's name: any word (with its position, the last word winning)
 * in words, the first word in firsts, and an organization's initials in initials. */
static void index_words(struct ctx *x, const struct ent *E, int e, struct kmap *words,
                        struct kmap *firsts, struct kmap *inits, char *ibuf)
{
    const struct cand *f = &x->c[E[e].best];
    if (f->t1 - f->t0 < 2) return;
    size_t ni = 0;
    int campus = 0;
    for (int k = f->t0; k < f->t1; k++) {
        size_t n;
        const char *w = ttext(x, k, &n);
        struct kslot *sl = kmap_at(words, E[e].kind, w, n, 1);
        if (sl->pos <= k - f->t0) {
            sl->val = e;
            sl->pos = k - f->t0;
        }
        /* "Assad" and "Al-Assad" are "Bashar al-Assad" */
        size_t art = ex__article_len(w, n);
        if (art && (sl = kmap_at(words, E[e].kind, w + art, n - art, 1))->pos <= k - f->t0) {
            sl->val = e;
            sl->pos = k - f->t0;
        }
        /* "Dortmund" for "Borussia Dortmund": the name after a head written first */
        if ((k == f->t0 || (k == f->t0 + 1 && club(x, f))) &&
            (sl = kmap_at(firsts, E[e].kind, w, n, 1)) && sl->val < 0)
            sl->val = e;
        /* "University of North Carolina at Greensboro" is "UNC", and "UNC Greensboro" */
        if (E[e].kind == EX_ORGANIZATION && k > f->t0 + 2 && k + 1 < f->t1 && tis(x, k, "at") &&
            !campus && ni >= 2) {
            campus = 1;
            uint32_t rs = x->tx->t[k + 1].s, re = x->tx->t[f->t1 - 1].e;
            char *key = ex__arena_alloc(x->a, ni + 1 + (re - rs));
            if (key) {
                memcpy(key, ibuf, ni);
                key[ni] = ' ';
                memcpy(key + ni + 1, x->s + rs, re - rs);
                sl = kmap_at(inits, EX_ORGANIZATION, key, ni + 1 + (re - rs), 1);
                if (sl->val < 0) sl->val = e;
            }
        }
        if (!campus && !connector(x, k) && !tis(x, k, "the") && ni < 15) ibuf[ni++] = w[0];
    }
    if (E[e].kind == EX_ORGANIZATION && ni >= 2) {
        struct kslot *sl = kmap_at(inits, EX_ORGANIZATION, ibuf, ni, 1);
        if (sl->val < 0) sl->val = e;
    }
}

/* The organization whose initials an all-capitals word spells: "NPP" for "New People's
 * Party", "U.N." for "United Nations" (the periods do not count). */
static struct kslot *initials_of(struct ctx *x, struct kmap *inits, const struct cand *c)
{
    if (c->t1 - c->t0 != 1 || !(x->tx->t[c->t0].flags & EX__T_UPPER)) return NULL;
    char buf[16];
    size_t n = 0;
    for (uint32_t i = c->s; i < c->e; i++) {
        if (x->s[i] == '.') continue;
        if (n == sizeof(buf)) return NULL;
        buf[n++] = x->s[i];
    }
    struct kslot *sl = kmap_at(inits, EX_ORGANIZATION, buf, n, 0);
    return sl && sl->val >= 0 ? sl : NULL;
}

/* The campus an acronym and a place name: "UNC Greensboro" (see index_words). */
static struct kslot *campus_of(struct ctx *x, struct kmap *inits, const struct cand *c)
{
    if (c->t1 - c->t0 < 2 || !(x->tx->t[c->t0].flags & EX__T_UPPER) || c->canon) return NULL;
    char buf[64];
    size_t n = 0;
    for (uint32_t i = c->s; i < x->tx->t[c->t0].e; i++)
        if (x->s[i] != '.' && n < 16) buf[n++] = x->s[i];
    uint32_t rs = x->tx->t[c->t0 + 1].s;
    if (n >= 16 || n + 1 + (c->e - rs) > sizeof(buf)) return NULL;
    buf[n++] = ' ';
    memcpy(buf + n, x->s + rs, c->e - rs);
    n += c->e - rs;
    struct kslot *sl = kmap_at(inits, EX_ORGANIZATION, buf, n, 0);
    return sl && sl->val >= 0 ? sl : NULL;
}

/* A lone unknown word that a person is "of" ("Nathan Law of Demosisto") or that owns one
 * ("Demosisto's Nathan Law"): in news, the party, company or team they speak for. */
static int belongs_to_person(const struct ctx *x, size_t i)
{
    const struct cand *c = &x->c[i];
    if (c->t1 - c->t0 != 1 && !(c->flags & C_WEAK)) return 0;
    size_t pi = i, qi = i + 1;
    while (pi > 0 && (x->c[pi - 1].flags & C_NESTED))
        pi--;
    while (qi < x->nc && (x->c[qi].flags & C_NESTED))
        qi++;
    if (pi > 0) {
        const struct cand *p = &x->c[pi - 1];
        int k = c->t0 - 1;
        if (k >= 0 && tis(x, k, "the")) k--;
        if (k >= 1 && tis(x, k, "of") && p->t1 == k && p->kind == EX_PERSON) return 1;
    }
    if (qi < x->nc && (x->tx->t[c->t0].flags & EX__T_POSS)) {
        const struct cand *q = &x->c[qi];
        if (q->t0 == c->t1 && q->kind == EX_PERSON) return 1;
    }
    return 0;
}

/* "Warhol Polaroids", "Warhol Factory": another person's surname used as an adjective before
 * a common noun names no person (nor anything this extractor has a kind for). */
static int attributive(const struct ctx *x, const struct ent *E, int e, struct kmap *words)
{
    const struct cand *f = &x->c[E[e].best];
    if (f->t1 - f->t0 < 2) return 0;
    if (E[e].kind != EX_PERSON && !(E[e].kind == EX_ORGANIZATION && (f->flags & C_WEAK))) return 0;
    /* "Prime Minister John Key" is no attribute of "Mary John Burrows": a given name, or
     * a title before it */
    if ((f->flags & C_TITLE) || tlex(x, f->t0, EX__LEX_GIVEN)) return 0;
    size_t n;
    const char *w = ttext(x, f->t0, &n);
    const struct kslot *sl = kmap_at(words, EX_PERSON, w, n, 0);
    if (!sl || sl->val == e || sl->pos < 1) return 0;
    /* a dictionary word after it, not a given name's syllables ("Lee Cheuk-yan" is a
     * person even where "Starry Lee" is another) */
    int last = f->t1 - 1;
    w = ttext(x, last, &n);
    if (f->t1 - f->t0 != 2 || memchr(w, '-', n)) return 0;
    char buf[64];
    size_t ln = lower(x, last, buf, sizeof(buf));
    if (ln > 3 && buf[ln - 1] == 's') ln--; /* "Polaroids" */
    return ln && (ex__lex_has(EX__LEX_LOWER, buf, ln, NULL, NULL) || tlex(x, last, EX__LEX_PROPER));
}

/* "Cheng Chung-tai of Civic Passion" (two capitalized words: a person by default) and
 * "localist group Civic Passion" (an organization by its context) are one name: where the
 * same text has a kind from evidence somewhere, mentions with a default kind take it. */
static int settle_kinds(struct ctx *x)
{
    struct kmap strong;
    size_t n_strong = 0;
    for (size_t i = 0; i < x->nc; i++)
        n_strong +=
            !(x->c[i].flags & (C_WEAK | C_DROP | C_ACRONYM)) && x->c[i].t1 - x->c[i].t0 >= 2;
    if (kmap_scratch(x, &strong, n_strong)) return EX_ENOMEM;
    for (size_t i = 0; i < x->nc; i++) {
        const struct cand *c = &x->c[i];
        if ((c->flags & (C_WEAK | C_DROP | C_ACRONYM)) || c->canon || c->t1 - c->t0 < 2 ||
            (c->kind != EX_PERSON && c->kind != EX_ORGANIZATION && c->kind != EX_LOCATION))
            continue;
        struct kslot *sl = kmap_at(&strong, 0, x->s + c->key_s, c->key_e - c->key_s, 1);
        if (sl->val < 0) sl->val = c->kind;
    }
    for (size_t i = 0; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        if (!(c->flags & C_WEAK)) continue;
        if (c->flags & C_DROP) { /* "Raymond Chan of People Power" */
            if (belongs_to_person(x, i)) c->flags &= ~C_DROP;
            continue;
        }
        const struct kslot *sl = kmap_at(&strong, 0, x->s + c->key_s, c->key_e - c->key_s, 0);
        if (sl && sl->val >= 0)
            c->kind = sl->val;
        else if (c->kind == EX_PERSON && belongs_to_person(x, i))
            c->kind = EX_ORGANIZATION; /* "Nick Rhodes of Duran Duran": nobody is of a person */
    }
    kmap_release(&strong);
    return 0;
}

/* Whether the enumeration that goes on at token k ("..., Poseidon, and Athena") reaches
 * its "and" or "or" through capitalized words and commas only, in one sentence, with a
 * comma on the way: "In Washington, Trump and Obama" is an opening phrase, not a list.
 * Returns the commas on the way (the list's length less one), 0 when it does not close. */
static int enumeration_closes(const struct ctx *x, int k)
{
    int commas = 0;
    for (int j = k; j < (int)x->tx->nt && j < k + 24 && same_sentence(x, k, j); j++) {
        if (tis(x, j, "and") || tis(x, j, "or")) return commas;
        if (tis(x, j, ","))
            commas++;
        else if (!name_word(x, j))
            return 0;
    }
    return 0;
}

static int known_kind(int kind)
{
    return kind == EX_PERSON || kind == EX_ORGANIZATION || kind == EX_LOCATION ? kind
                                                                               : KIND_UNKNOWN;
}

/* "team Cloud9 and Immortals", "Kabul and Herat": a lone unknown word coordinated with a
 * name of known kind is one of the same; "Coles and Woolworths, the supermarket chains,"
 * when the known one comes second. */
static int coordinated_kind(const struct ctx *x, size_t i)
{
    const struct cand *c = &x->c[i];
    /* "Ubisoft, Microsoft, and PlayStation VR": the first of an enumeration too */
    if (c->t1 - c->t0 == 1 && (size_t)c->t1 + 1 < x->tx->nt &&
        (tis(x, c->t1, "and") || tis(x, c->t1, "or") ||
         (tis(x, c->t1, ",") && enumeration_closes(x, c->t1) >= 2)) &&
        !is_common(x, c->t0)) {
        size_t j = i + 1;
        while (j < x->nc && (x->c[j].flags & C_NESTED))
            j++;
        if (j < x->nc && x->c[j].t0 == c->t1 + 1 && !(x->c[j].flags & C_DROP) &&
            known_kind(x->c[j].kind) != KIND_UNKNOWN && same_sentence(x, c->t0, x->c[j].t0))
            return x->c[j].kind;
    }
    while (i > 0 && (x->c[i - 1].flags & C_NESTED))
        i--;
    if (i == 0 || c->t1 - c->t0 != 1 || c->t0 < 2) return KIND_UNKNOWN;
    const struct cand *p = &x->c[i - 1];
    int k = c->t0 - 1;
    /* a common word ("Planning") or one before another capitalized word ("James To") is
     * more likely a piece of a name this pass could not join */
    const struct ex__tok *nx = (size_t)c->t1 < x->tx->nt ? &x->tx->t[c->t1] : NULL;
    if ((is_common(x, c->t0) && !tlex(x, c->t0, EX__LEX_PROPER)) ||
        (nx && (nx->flags & (EX__T_CAP | EX__T_UPPER)) && same_sentence(x, c->t0, c->t1)))
        return KIND_UNKNOWN;
    if (tis(x, k, ",")) {
        /* "Zeus, Hera, Poseidon, and Athena": a comma joins only inside an enumeration,
         * which closes with "and" or "or" ("In Washington, Trump said" is none) */
        if (!enumeration_closes(x, c->t1)) return KIND_UNKNOWN;
    } else if (tis(x, k, "and") || tis(x, k, "or")) {
        if (k >= 1 && tis(x, k - 1, ",")) k--; /* the serial comma */
    } else {
        return KIND_UNKNOWN;
    }
    if (p->t1 != k || (p->flags & C_DROP) || !same_sentence(x, p->t0, c->t0)) return KIND_UNKNOWN;
    return known_kind(p->kind);
}

/* A name's version, as the byte span [*vs, *ve) of its number, and the end of the name
 * without it: a short number closing the name ("Internet Explorer 9") or written right after
 * it, or digits glued to a name of two letters or more ("IE6"). 0 when it has none. */
static int version_of(const struct ctx *x, const struct cand *c, uint32_t *base_e, uint32_t *vs,
                      uint32_t *ve)
{
    const struct ex__text *tx = x->tx;
    int k = -1;
    *base_e = c->e;
    if (c->t1 - c->t0 >= 2 && (tx->t[c->t1 - 1].flags & EX__T_NUM)) {
        k = c->t1 - 1;
        if (tlex(x, k - 1, EX__LEX_ORG_HEADS)) return 0; /* "Channel 4" is a channel */
        *base_e = tx->t[k - 1].e;
    } else if ((size_t)c->t1 < tx->nt && (tx->t[c->t1].flags & EX__T_NUM) &&
               same_sentence(x, c->t0, c->t1) && tx->t[c->t1].s == c->e + 1) {
        k = c->t1;
    }
    if (k >= 0) {
        *vs = tx->t[k].s;
        *ve = tx->t[k].e;
        return !(tx->t[k].flags & EX__T_WORD) && *ve - *vs <= 3;
    }
    if (c->t1 - c->t0 != 1) return 0;
    uint32_t d = c->e;
    while (d > c->s && x->s[d - 1] >= '0' && x->s[d - 1] <= '9')
        d--;
    if (d == c->e || c->e - d > 2 || d - c->s < 2) return 0;
    for (uint32_t i = c->s; i < d; i++)
        if (!((x->s[i] | 0x20) >= 'a' && (x->s[i] | 0x20) <= 'z')) return 0;
    *base_e = *vs = d;
    *ve = c->e;
    return 1;
}

/* "Internet Explorer 6", "Internet Explorer 9" and "Internet Explorer", or "IE6" and "IE":
 * a name written with different version numbers, or with and without one, is a product's
 * (there is no product kind); "Khabar 24", always with its number, stays a name. */
/* The names the versions pass looks at: kept, not the gazetteers', of a kind a product's
 * name gets by default. */
static int versionable(const struct cand *c)
{
    return !(c->flags & (C_DROP | C_NESTED)) && !c->canon &&
           (c->kind == EX_ORGANIZATION || c->kind == EX_PERSON || c->kind == KIND_UNKNOWN);
}

static int versioned_products(struct ctx *x)
{
    struct base {
        uint32_t s, n, vs, vn; /* a numbered name's text without its number, and the number */
        int several, bare;
    };
    size_t nb = 0;
    for (size_t i = 0; i < x->nc; i++) {
        uint32_t be, vs, ve;
        nb += versionable(&x->c[i]) && version_of(x, &x->c[i], &be, &vs, &ve);
    }
    if (!nb) return 0; /* most articles name nothing with a number */
    struct base *B = ex__arena_alloc(x->a, nb * sizeof(*B));
    if (!B) return EX_ENOMEM;
    nb = 0;
    /* each distinct base once, with whether it came with several numbers */
    for (size_t i = 0; i < x->nc; i++) {
        const struct cand *c = &x->c[i];
        uint32_t be, vs, ve;
        if (!versionable(c) || !version_of(x, c, &be, &vs, &ve)) continue;
        size_t j = 0;
        while (j < nb && (B[j].n != be - c->s || memcmp(x->s + B[j].s, x->s + c->s, B[j].n)))
            j++;
        if (j == nb)
            B[nb++] = (struct base){c->s, be - c->s, vs, ve - vs, 0, 0};
        else if (B[j].vn != ve - vs || memcmp(x->s + B[j].vs, x->s + vs, B[j].vn))
            B[j].several = 1;
    }
    /* the same name without a number anywhere */
    for (size_t i = 0; i < x->nc; i++) {
        const struct cand *c = &x->c[i];
        uint32_t be, vs, ve;
        if (!versionable(c) || version_of(x, c, &be, &vs, &ve)) continue;
        for (size_t j = 0; j < nb; j++)
            if (B[j].n == c->e - c->s && !memcmp(x->s + B[j].s, x->s + c->s, B[j].n)) B[j].bare = 1;
    }
    for (size_t i = 0; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        uint32_t be, vs, ve;
        if (!versionable(c)) continue;
        if (!version_of(x, c, &be, &vs, &ve)) be = c->e;
        for (size_t j = 0; j < nb; j++)
            if ((B[j].several || B[j].bare) && B[j].n == be - c->s &&
                !memcmp(x->s + B[j].s, x->s + c->s, B[j].n))
                c->flags |= C_DROP;
    }
    return 0;
}

/* "New People's Party" and "New People Party" are one name: a possessive inside a name is
 * left out of its key. Returns 0 or EX_ENOMEM. */
static int possessive_keys(struct ctx *x)
{
    for (size_t i = 0; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        int inner = 0;
        for (int k = c->t0; k + 1 < c->t1 && !inner; k++)
            inner = (x->tx->t[k].flags & EX__T_POSS) && x->tx->t[k].s >= c->key_s;
        if (!inner || c->canon) continue;
        char *key = ex__arena_alloc(x->a, c->key_e - c->key_s + 1);
        if (!key) return EX_ENOMEM;
        size_t n = 0;
        uint32_t from = c->key_s;
        for (int k = c->t0; k + 1 < c->t1; k++) {
            const struct ex__tok *t = &x->tx->t[k];
            if (!(t->flags & EX__T_POSS) || t->s < c->key_s) continue;
            memcpy(key + n, x->s + from, t->e - from); /* the word without its 's */
            n += t->e - from;
            from = x->tx->t[k + 1].s;
            key[n++] = ' ';
        }
        memcpy(key + n, x->s + from, c->key_e - from);
        c->pkey = key;
        c->pkey_len = n + (c->key_e - from);
    }
    return 0;
}

/* "Liverpool beat Everton 2-1. Liverpool are top ...": a place's name found playing names
 * its club wherever the article writes it, except after a preposition of place ("fans in
 * Liverpool"). */
/* "European Space Agency" and "Canadian Space Agency": bodies keyed without their
 * nationality meet when the nationality is all that tells them apart. Two different ones
 * before the same name are two bodies: both keep their whole names as keys. */
static void nationality_conflicts(struct ctx *x)
{
    for (size_t i = 0; i < x->nc; i++) {
        const struct cand *c = &x->c[i];
        if (!(c->flags & C_NATPFX) || c->key_s == c->s) continue;
        uint32_t kn = c->key_e - c->key_s, pn = c->key_s - c->s;
        int conflict = 0;
        for (size_t j = i + 1; j < x->nc && !conflict; j++) {
            const struct cand *d = &x->c[j];
            conflict = (d->flags & C_NATPFX) && d->key_s != d->s && d->key_e - d->key_s == kn &&
                       !memcmp(x->s + d->key_s, x->s + c->key_s, kn) &&
                       (d->key_s - d->s != pn || memcmp(x->s + c->s, x->s + d->s, pn));
        }
        if (!conflict) continue;
        const char *key = x->s + c->key_s;
        for (size_t j = i + 1; j < x->nc; j++) { /* every writing with that key, then this */
            struct cand *d = &x->c[j];
            if ((d->flags & C_NATPFX) && d->key_e - d->key_s == kn &&
                !memcmp(x->s + d->key_s, key, kn))
                d->key_s = d->s;
        }
        x->c[i].key_s = x->c[i].s;
    }
}

static void teams_everywhere(struct ctx *x)
{
    for (size_t i = 0; i < x->nc; i++) {
        const struct cand *t = &x->c[i];
        if (!(t->flags & C_TEAM)) continue;
        for (size_t j = 0; j < x->nc; j++) {
            struct cand *c = &x->c[j];
            if (c->kind != EX_LOCATION || (c->flags & (C_DROP | C_NESTED)) ||
                c->e - c->s != t->e - t->s || memcmp(x->s + c->s, x->s + t->s, t->e - t->s) ||
                (c->t0 > 0 && place_preposition(x, c->t0 - 1)))
                continue;
            c->kind = EX_ORGANIZATION;
            c->canon = NULL;
            c->flags |= C_TEAM;
        }
    }
}

/* "Rodríguez Ceja" after "Victoria Rodríguez Ceja": a person written with two names or
 * more that end another person's name, opened by a given name, is that person (double
 * surnames; the one-word surname joins in clustering). */
static void double_surnames(struct ctx *x, struct ent *E, size_t ne)
{
    int longest = 0; /* most articles name nobody with three words: nothing to do */
    for (size_t b = 0; b < ne; b++)
        if (E[b].n >= 0 && E[b].kind == EX_PERSON &&
            x->c[E[b].first].t1 - x->c[E[b].first].t0 > longest)
            longest = x->c[E[b].first].t1 - x->c[E[b].first].t0;
    if (longest < 3) return;
    for (size_t a = 0; a < ne; a++) {
        const struct cand *s = &x->c[E[a].first];
        if (E[a].n < 0 || E[a].kind != EX_PERSON || s->t1 - s->t0 < 2 || s->t1 - s->t0 >= longest)
            continue;
        size_t sn = s->e - s->s;
        for (size_t b = 0; b < ne; b++) {
            const struct cand *f = &x->c[E[b].first];
            size_t fn = f->e - f->s;
            if (E[b].kind != EX_PERSON || b == a || E[b].n < 0 || f->t1 - f->t0 <= s->t1 - s->t0 ||
                fn <= sn + 1 || x->s[f->e - sn - 1] != ' ' ||
                memcmp(x->s + f->e - sn, x->s + s->s, sn) || !tlex(x, f->t0, EX__LEX_GIVEN))
                continue;
            for (size_t i = 0; i < x->nc; i++)
                if (x->c[i].ent == (int)a) x->c[i].ent = (int)b;
            E[a].n = -1;
            break;
        }
    }
}

/* Whether organization c, named by a known body's name and more words, is a body of its
 * own ("NASA Exoplanet Science Institute") rather than the body's full legal name ("Meta
 * Platforms Inc.", "Toyota Motor Corp."): three words or more, not closed by a company's
 * legal form. */
static int own_body(const struct ctx *x, const struct cand *c)
{
    static const char *const forms[] = {"Inc.", "Inc",     "Corp.",       "Corp",    "Co.",
                                        "Ltd.", "Ltd",     "LLC",         "plc",     "PLC",
                                        "AG",   "SA",      "GmbH",        "Group",   "Holdings",
                                        "N.V.", "Company", "Corporation", "Limited", NULL};
    return c->t1 - c->t0 >= 3 && !tis_any(x, c->t1 - 1, forms);
}

/* "Silva told reporters" after "Environment Minister Marina Silva": of two people whose
 * names end with candidate i's word, the one named last before it. Returns that person's
 * entity, or e when no full name before it ends so. */
static int surname_nearest(const struct ctx *x, const struct ent *E, size_t i, int e)
{
    size_t n;
    const char *w = ttext(x, x->c[i].t0, &n);
    for (size_t j = i; j-- > 0 && i - j < 400;) {
        const struct cand *p = &x->c[j];
        if (p->ent < 0 || p->t1 - p->t0 < 2 || E[p->ent].kind != EX_PERSON) continue;
        size_t pn;
        const char *pw = ttext(x, p->t1 - 1, &pn);
        if (pn == n && !memcmp(pw, w, n)) return p->ent;
    }
    return e;
}

static int cluster(struct ctx *x, struct ent **out, size_t *n_out)
{
    struct ent *E = ex__arena_alloc_raw(x->a, (x->nc + 1) * sizeof(*E)); /* set as made */
    /* the maps live only while clustering: on the heap, not in the result's arena */
    struct kmap keys = {0}, words = {0}, firsts = {0}, inits = {0}, acr = {0};
    size_t ne = 0;
    int rc = EX_ENOMEM;
    /* each map sized by what goes into it (they are zeroed, and most articles have a few
     * hundred candidates but a few dozen entities and fewer acronyms) */
    size_t n_acr = 0;
    for (size_t i = 0; i < x->nc; i++)
        n_acr += (x->c[i].flags & C_ACRONYM) != 0;
    teams_everywhere(x);
    nationality_conflicts(x);
    if (!E || kmap_scratch(x, &keys, x->nc) || kmap_scratch(x, &acr, n_acr) || settle_kinds(x) ||
        possessive_keys(x) || versioned_products(x))
        goto out;
    int campuses = 0; /* a university named with its campus ("... at Greensboro") */
    for (size_t i = 0; i < x->nc && !campuses; i++)
        if (x->c[i].kind == EX_ORGANIZATION && tis(x, x->c[i].t0, "University"))
            for (int k = x->c[i].t0 + 3; k < x->c[i].t1 - 1 && !campuses; k++)
                campuses = tis(x, k, "at");
    /* pass 0: known kinds, multi-word and gazetteer names, by key; pass 1: lone names of
     * people and organizations, which may be a word of a longer name */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            size_t nw = 0;
            for (size_t e = 0; e < ne; e++)
                nw += (size_t)(x->c[E[e].best].t1 - x->c[E[e].best].t0);
            if (kmap_scratch(x, &words, nw) || kmap_scratch(x, &firsts, ne) ||
                kmap_scratch(x, &inits, ne))
                goto out;
            for (size_t e = 0; e < ne; e++) {
                char *ibuf = ex__arena_alloc(x->a, 16);
                if (!ibuf) goto out;
                index_words(x, E, (int)e, &words, &firsts, &inits, ibuf);
            }
            for (size_t e = 0; e < ne; e++)
                if (attributive(x, E, (int)e, &words)) E[e].n = -1;
        }
        for (size_t i = 0; i < x->nc; i++) {
            struct cand *c = &x->c[i];
            if (c->ent >= 0 || (c->flags & C_DROP) || c->kind == KIND_UNKNOWN) continue;
            if (c->flags & C_ACRONYM) continue;
            int single = c->t1 - c->t0 == 1 && !c->canon;
            /* "UNC Greensboro" waits for the initials of pass 1 */
            int campus = campuses && (c->kind == EX_ORGANIZATION || c->kind == EX_LOCATION) &&
                         !single && c->t1 - c->t0 <= 4 && (x->tx->t[c->t0].flags & EX__T_UPPER) &&
                         !tlex(x, c->t1 - 1, EX__LEX_ORG_HEADS);
            /* a town's name waits too: it may be a club's ("Dortmund") */
            if (pass == 0 &&
                (campus || (single && (c->kind == EX_PERSON || c->kind == EX_ORGANIZATION ||
                                       (c->flags & C_TOWN)))))
                continue;
            struct kslot *ks = key_slot(x, &keys, c, 1);
            c->ent = ks->val;
            struct kslot *cs = c->ent < 0 && campus ? campus_of(x, &inits, c) : NULL;
            if (cs) {
                c->ent = cs->val;
                c->kind = EX_ORGANIZATION; /* "UNC Chapel Hill" is no hill */
            }
            if (c->ent < 0 && single) {
                /* "Toqaev" -> the person whose name has that word (the surname first) */
                const char *w = x->s + c->s;
                size_t n = c->e - c->s, art = ex__article_len(w, n);
                w += art;
                n -= art;
                struct kslot *a = kmap_at(&words, c->kind, w, n, 0);
                /* a body's or town's name may be a person's too ("Florence" after
                 * "Florence Welch"), not after "in", "from", ... */
                int town_person = (c->flags & C_TOWN) && !at_place(x, c->t0 - 1);
                struct kslot *b = c->kind == EX_ORGANIZATION || town_person
                                      ? kmap_at(&words, EX_PERSON, w, n, 0)
                                      : NULL;
                struct kslot *best = a && b ? (b->pos > a->pos ? b : a) : a ? a : b;
                /* "NASA" is no short form of "NASA Exoplanet Science Institute": a body
                 * known by that one word is itself */
                if (best && c->kind == EX_ORGANIZATION && tlex(x, c->t0, EX__LEX_ORGS) &&
                    E[best->val].kind == EX_ORGANIZATION && own_body(x, &x->c[E[best->val].best])) {
                    /* ... but "Toyota" is the "Toyota Motor Corp." named first, whatever
                     * "Toyota Motor North America" is */
                    best = kmap_at(&firsts, EX_ORGANIZATION, w, n, 0);
                    if (best && (best->val < 0 || own_body(x, &x->c[E[best->val].best])))
                        best = NULL;
                }
                /* "USI" spells "University of Southern Indiana" even where "USI Art
                 * Collections" also starts with it: initials are the stronger tie */
                struct kslot *ini = c->kind == EX_ORGANIZATION ? initials_of(x, &inits, c) : NULL;
                if (ini) best = ini;
                /* "the chief district officer of Jajarkot" after "the Jajarkot district":
                 * "officer of" guessed a body, the place is known */
                struct kslot *place = !best && c->kind == EX_ORGANIZATION && !(c->flags & C_TEAM) &&
                                              tis(x, c->t0 - 1, "of")
                                          ? kmap_at(&keys, EX_LOCATION, w, n, 0)
                                          : NULL;
                if (place && place->val >= 0) best = place;
                struct kslot *short_form =
                    !best ? kmap_at(&firsts, EX_ORGANIZATION, w, n, 0) : NULL;
                if (short_form && short_form->val >= 0 && club(x, &x->c[E[short_form->val].best]))
                    best = short_form;
                if (best) {
                    c->ent = best->val;
                    c->kind = E[c->ent].kind;
                }
                if (c->ent >= 0 && E[c->ent].kind == EX_PERSON)
                    c->ent = surname_nearest(x, E, i, c->ent);
            }
            if (c->ent < 0) {
                E[ne] = (struct ent){c->kind, (int)i, (int)i, c->canon, c->canon_len, 0, 0};
                c->ent = (int)ne++;
                ks->val = c->ent;
            }
        }
    }
    /* "Chiang Kai Shek Memorial" is the "Chiang Kai Shek Memorial Hall" named elsewhere: a
     * place written without the head word that ends another place's name; "West Ham" is
     * the "West Ham United" of the same article: an organization written short, two words
     * or more of the start of the name */
    for (size_t i = 0; i < x->nc; i++) {
        const struct cand *c = &x->c[i];
        if (c->ent < 0 || E[c->ent].first != (int)i) continue; /* once per entity and form */
        int loc = c->kind == EX_LOCATION && tlex(x, c->t1 - 1, EX__LEX_LOC_HEADS);
        if ((!loc && c->kind != EX_ORGANIZATION) || c->canon || c->t1 - c->t0 < 3 ||
            c->key_s != c->s || c->pkey)
            continue;
        int head_after = 0; /* "University of Texas Arlington | Muslim Student Association":
                               a body of its own inside the shorter one */
        for (int p = c->t1 - 1; p >= c->t0 + 2 && (p == c->t1 - 1 || !loc); p--) {
            head_after |= !loc && tlex(x, p, EX__LEX_ORG_HEADS) && !connector(x, p);
            if (connector(x, p - 1) || (head_after && !connector(x, p))) continue;
            struct kslot *sl = kmap_at(&keys, c->kind, x->s + c->s, x->tx->t[p - 1].e - c->s, 0);
            /* not a place the gazetteers know ("Hong Kong" in "Hong Kong Island"), nor one
             * named only inside another name ("... Memorial Hall" of "... Memorial Hall
             * Station", named after it) */
            if (!sl || sl->val < 0 || sl->val == c->ent || E[sl->val].canon ||
                E[sl->val].kind != c->kind || (x->c[E[sl->val].first].flags & C_NESTED))
                continue;
            int from = sl->val;
            for (size_t j = 0; j < x->nc; j++)
                if (x->c[j].ent == from) x->c[j].ent = c->ent;
            E[from].n = -1;
            sl->val = c->ent;
        }
    }
    /* acronyms follow what they abbreviate, and so do their later uses */
    for (size_t i = 0; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        if (!(c->flags & C_ACRONYM) || c->acr_of < 0) continue;
        struct cand *d = &x->c[c->acr_of];
        if (d->ent < 0) {
            c->flags |= C_DROP;
            continue;
        }
        c->ent = d->ent;
        c->kind = d->kind;
        struct kslot *sl = kmap_at(&acr, 0, x->s + c->s, c->e - c->s, 1);
        if (sl->val < 0) sl->val = (int)i;
    }
    for (size_t j = 0; j < x->nc; j++) { /* "CSTO", "Cal Fire" written again */
        struct cand *u = &x->c[j];
        if (u->flags & C_NESTED) continue;
        struct kslot *sl = kmap_at(&acr, 0, x->s + u->s, u->e - u->s, 0);
        if (!sl || (size_t)sl->val == j) continue;
        const struct cand *c = &x->c[sl->val];
        if (u->ent >= 0 && u->ent != c->ent) E[u->ent].n = -1; /* orphaned: dropped */
        u->ent = c->ent;
        u->kind = c->kind;
        u->flags &= ~C_DROP;
    }
    /* "Paris claims" after "Valeska Paris": a lone word the gazetteers know only as a city
     * is the surname of a person the article named in full */
    for (size_t i = 0; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        if (c->t1 - c->t0 != 1 || c->kind != EX_LOCATION || (c->flags & (C_DROP | C_NESTED)))
            continue;
        /* a region's name too ("said Toledo, 78,"), but not after "in", "from", ... */
        uint32_t in = tlists(x, c->t0);
        int city = (in >> EX__LEX_CITIES) & 1;
        if ((!city &&
             (!((in >> EX__LEX_REGIONS) & 1) || (c->t0 > 0 && place_preposition(x, c->t0 - 1)))) ||
            ((in >> EX__LEX_COUNTRIES) & 1))
            continue;
        struct kslot *sl = kmap_at(&words, EX_PERSON, x->s + c->s, c->e - c->s, 0);
        if (!sl || sl->val < 0 || sl->pos < 1 || E[sl->val].n < 0) continue;
        int from = c->ent;
        c->ent = sl->val;
        c->kind = EX_PERSON;
        /* the place keeps the mentions left to it ("flew to Toledo"), or goes */
        if (from >= 0 && E[from].first == (int)i) {
            E[from].n = -1;
            for (size_t j = i + 1; j < x->nc; j++)
                if (x->c[j].ent == from) {
                    E[from].first = E[from].best = (int)j;
                    E[from].n = 0;
                    break;
                }
        }
    }
    /* (and the person of the nearest full name with that surname) */
    /* lone unknown words: a word of a person, the first word of an organization or place,
     * an acronym of an organization; else a place after "in", "at", "from" */
    for (size_t i = 0; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        if (c->ent >= 0 || (c->flags & C_DROP)) continue;
        const char *w = x->s + c->s;
        size_t n = c->e - c->s, art = c->t1 - c->t0 == 1 ? ex__article_len(w, n) : 0;
        struct kslot *sl = kmap_at(&words, EX_PERSON, w + art, n - art, 0);
        if (!sl) sl = initials_of(x, &inits, c);
        if (!sl) sl = kmap_at(&firsts, EX_ORGANIZATION, w, n, 0);
        if (!sl) sl = kmap_at(&firsts, EX_LOCATION, w, n, 0);
        /* "Odebrecht admitted" after "construction giant Odebrecht": the same name alone */
        if (!sl && c->kind == KIND_UNKNOWN) sl = kmap_at(&keys, EX_ORGANIZATION, w, n, 0);
        /* "al-Jaber told" after "Sultan al-Jaber", "Al-Jaber said" at a sentence's start */
        char low[64];
        if (!sl && c->kind == KIND_UNKNOWN && c->t1 - c->t0 == 1 && n < sizeof(low)) {
            memcpy(low, w, n);
            if (art) low[0] = (char)(low[0] | 0x20);
            sl = kmap_at(&keys, EX_PERSON, low, n, 0);
        }
        if (sl && sl->val >= 0 && E[sl->val].n >= 0) {
            c->ent = sl->val;
            c->kind = E[c->ent].kind;
            if (c->kind == EX_PERSON) c->ent = surname_nearest(x, E, i, c->ent);
            continue;
        }
        /* "in Kestrel", not "in Batman: The Animated Series" (a work's title) */
        if (c->kind == KIND_UNKNOWN && c->t0 > 0 && !tis(x, c->t1, ":") &&
            (tis(x, c->t0 - 1, "in") || tis(x, c->t0 - 1, "at") || tis(x, c->t0 - 1, "from") ||
             tis(x, c->t0 - 1, "near"))) {
            c->kind = EX_LOCATION;
        }
        /* "told the Tribune", "the Herald reported": a newspaper's head word alone */
        static const char *const papers[] = {"Tribune", "Herald",   "Gazette", "Chronicle",
                                             "Times",   "Guardian", "Journal", "Telegraph",
                                             "Post",    "Inquirer", NULL};
        if (c->kind == KIND_UNKNOWN && c->t1 - c->t0 == 1 && c->t0 > 0 &&
            (tis(x, c->t0 - 1, "the") || tis(x, c->t0 - 1, "The")) && tis_any(x, c->t0, papers))
            c->kind = EX_ORGANIZATION;
        if (c->kind == KIND_UNKNOWN && belongs_to_person(x, i)) c->kind = EX_ORGANIZATION;
        if (c->kind == KIND_UNKNOWN) c->kind = coordinated_kind(x, i);
        if (c->kind == KIND_UNKNOWN) {
            c->flags |= C_DROP;
            continue;
        }
        struct kslot *ks = key_slot(x, &keys, c, 1);
        if (ks->val >= 0 && E[ks->val].n >= 0) {
            c->ent = ks->val;
            continue;
        }
        E[ne] = (struct ent){c->kind, (int)i, (int)i, c->canon, c->canon_len, 0, 0};
        c->ent = (int)ne++;
        ks->val = c->ent;
    }
    double_surnames(x, E, ne);
    /* counts, weights, fullest form */
    for (size_t i = 0; i < x->nc; i++) {
        struct cand *c = &x->c[i];
        if (c->ent < 0 || (c->flags & C_DROP) || E[c->ent].n < 0) {
            c->ent = -1;
            continue;
        }
        struct ent *e = &E[c->ent];
        e->n++;
        /* a place inside another name is less what the article is about */
        e->weight += ((c->flags & C_NESTED) ? 0.5 : 1.0) *
                     (1.0 - 0.5 * (double)c->s / (double)(x->tx->len + 1));
        const struct cand *b = &x->c[e->best];
        if (!(c->flags & C_ACRONYM) && (c->e - c->s > b->e - b->s || (b->flags & C_ACRONYM)))
            e->best = (int)i;
    }
    *out = E;
    *n_out = ne;
    rc = 0;
out:
    kmap_release(&keys);
    kmap_release(&words);
    kmap_release(&firsts);
    kmap_release(&inits);
    kmap_release(&acr);
    return rc;
}

/* ------------------------------------------------------------------ output */

static const char *dup(struct ctx *x, const char *s, size_t n)
{
    return ex__arena_strndup(x->a, s, n);
}

/* Adds s to the string set v (n entries, cap max) unless present or equal to skip. */
static void add_str(struct ctx *x, const char **v, size_t *n, size_t max, const char *s, size_t len,
                    const char *skip)
{
    if (skip && strlen(skip) == len && !memcmp(skip, s, len)) return;
    for (size_t i = 0; i < *n; i++)
        if (strlen(v[i]) == len && !memcmp(v[i], s, len)) return;
    if (*n < max && (v[*n] = dup(x, s, len))) (*n)++;
}

int ex__entities(struct ex_doc *doc, const struct ex__text *tx, struct ex__st_mention **mentions,
                 size_t *n_mentions)
{
    struct ctx x = {.doc = doc, .tx = tx, .s = doc->body, .a = doc->arena};
    struct ent *E = NULL;
    size_t ne = 0;
    int rc;

    *mentions = NULL;
    *n_mentions = 0;
    x.nw = ex__arena_alloc_raw(x.a, tx->nt + 1); /* all -1 below */
    if (!x.nw) return EX_ENOMEM;
    memset(x.nw, -1, tx->nt + 1);
    x.lx = ex__arena_alloc(x.a, (tx->nt + 1) * sizeof(*x.lx));
    if (!x.lx) return EX_ENOMEM; /* zeroed: nothing asked yet */
    tlists_capitalized(&x);
    if ((rc = find_names(&x))) return rc;
    if ((rc = add_numbers(&x))) return rc;
    if ((rc = nested_places(&x))) return rc;
    sort_cands(x.c, x.nc);
    /* sorting moved candidates: acr_of indexes must follow; rebuild by span */
    for (size_t i = 0; i < x.nc; i++)
        if (x.c[i].flags & C_ACR_FIRST) {
            x.c[i].acr_of = -1;
            for (size_t j = i + 1; j < x.nc && x.c[i].acr_of < 0; j++)
                if (!(x.c[j].flags & (C_ACRONYM | C_NESTED)) && x.c[j].s == x.c[i].def_s)
                    x.c[i].acr_of = (int)j;
        } else if (x.c[i].flags & C_ACRONYM) {
            x.c[i].acr_of = -1;
            for (size_t j = i; j-- > 0;)
                if (!(x.c[j].flags & (C_ACRONYM | C_NESTED)) && x.c[j].e <= x.c[i].s) {
                    x.c[i].acr_of = (int)j;
                    break;
                }
        }
    if ((rc = cluster(&x, &E, &ne))) return rc;

    /* entities in order of first mention; ids dense */
    int *map = ex__arena_alloc(x.a, (ne + 1) * sizeof(int));
    struct ex_entity *ents = ex__arena_alloc(x.a, (ne + 1) * sizeof(*ents));
    struct ex__st_mention *ms = ex__arena_alloc_raw(x.a, (x.nc + 1) * sizeof(*ms));
    if (!map || !ents || !ms) return EX_ENOMEM;
    for (size_t e = 0; e < ne; e++)
        map[e] = -1;
    size_t n_ents = 0, n_ms = 0;
    double wmax = 0;
    for (size_t i = 0; i < x.nc; i++) {
        const struct cand *c = &x.c[i];
        if (c->ent < 0) continue;
        if (map[c->ent] < 0) {
            map[c->ent] = (int)n_ents;
            struct ex_entity *en = &ents[n_ents];
            const struct ent *src = &E[c->ent];
            const struct cand *best = &x.c[src->best];
            en->id = (int)n_ents;
            en->kind = (enum ex_entity_kind)src->kind;
            if (src->canon && src->kind == EX_LOCATION)
                en->name = dup(&x, src->canon, src->canon_len);
            else
                en->name = dup(&x, x.s + best->s, best->e - best->s);
            en->link = -1;
            en->value = c->value;
            en->qualifier = c->qualifier;
            /* filled up to their counts below, and read no further */
            en->mentions = ex__arena_alloc_raw(x.a, (size_t)src->n * sizeof(*en->mentions));
            en->aliases = ex__arena_alloc_raw(x.a, (2 * (size_t)src->n + 2) * sizeof(char *));
            en->titles = ex__arena_alloc_raw(x.a, ((size_t)src->n + 1) * sizeof(char *));
            if (!en->name || !en->mentions || !en->aliases || !en->titles) return EX_ENOMEM;
            if (src->weight > wmax) wmax = src->weight;
            n_ents++;
        }
        struct ex_entity *en = &ents[map[c->ent]];
        en->mentions[en->n_mentions++].span = (struct ex_span){c->s, c->e};
        add_str(&x, en->aliases, &en->n_aliases, 2 * (size_t)E[c->ent].n + 2, x.s + c->s,
                c->e - c->s, en->name);
        if (c->key_s != c->s)
            add_str(&x, en->aliases, &en->n_aliases, 2 * (size_t)E[c->ent].n + 2, x.s + c->key_s,
                    c->key_e - c->key_s, en->name);
        if (c->alias_e > c->e)
            add_str(&x, en->aliases, &en->n_aliases, 2 * (size_t)E[c->ent].n + 2, x.s + c->s,
                    c->alias_e - c->s, en->name);
        if (c->title_e > c->title_s)
            add_str(&x, en->titles, &en->n_titles, (size_t)E[c->ent].n, x.s + c->title_s,
                    c->title_e - c->title_s, NULL);
        if (c->flags & C_NESTED) continue; /* speakers are the names around them */
        ms[n_ms].span = (struct ex_span){c->s, c->e};
        ms[n_ms].entity = map[c->ent];
        n_ms++;
    }
    for (size_t e = 0; e < ne; e++)
        if (map[e] >= 0) ents[map[e]].salience = wmax > 0 ? E[e].weight / wmax : 0;
    /* nationalities link to their country when the article names it */
    for (size_t e = 0; e < ne; e++) {
        if (map[e] < 0 || E[e].kind != EX_NATIONALITY || !E[e].canon) continue;
        for (size_t f = 0; f < ne; f++)
            if (map[f] >= 0 && E[f].kind == EX_LOCATION && E[f].canon &&
                E[f].canon_len == E[e].canon_len && !memcmp(E[f].canon, E[e].canon, E[e].canon_len))
                ents[map[e]].link = map[f];
    }
    doc->entities = n_ents ? ents : NULL;
    doc->n_entities = n_ents;
    *mentions = ms;
    *n_mentions = n_ms;
    return 0;
}
