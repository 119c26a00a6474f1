/*
 * statements.c: stage 7 of extraction, "who said what". Finds direct quotes, reported speech
 * and mixed statements in the body paragraphs and gives each a speaker.
 *
 * The work is two linear passes over a flat token array (built here in one arena
 * allocation: words, punctuation and the quote marks paired by quotes.c). The first pass is
 * cue-centred: every speech verb outside quotation marks (extract/lexicon/cues.txt) and
 * every "according to" is matched against the attribution shapes of news prose - subject
 * before the cue with the reported clause after it ("X said (on DATE) that ..."), the clause
 * before ("..., X said."), the inverted form ("..., said X."), a quotation on either side
 * ("“...,” X said." / "X said: “...”") - and its subject noun phrase becomes the speaker:
 * linked to an entity when it names one, resolved to the most recent compatible subject
 * when it is a pronoun or a definite description ("the top U.S. diplomat"). Before it, an
 * interview written as a transcript ("Lindqvist: We need ...") gives each line labeled with
 * a person's name to that person, and cues inside such lines are theirs. The second pass is
 * quote-centred: a quotation no cue claimed belongs to a name and a colon before it
 * ("Fire officer Mike Westwick: “...”"), or continues the speaker of the statement before it
 * in the same paragraph, or of the previous paragraph when it opens its own (newswire
 * continuation); a quotation over several paragraphs attributed in its last gives the
 * earlier ones to the same speaker; scare quotes stay inside the statement around them.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "arena.h"
#include "embed.h"
#include "extract.h"
#include "internal.h"
#include "lexicon.h"
#include "quotes.h"

extern const struct embed_file ex__lexicon_files[];

/* ---- the cue lexicon: parsed once from the embedded cues.txt, then read-only ---- */

#define CUE_MAX 24
enum { CUE_OBJ = 1, CUE_THAT = 2 };
struct cue {
    char w[CUE_MAX];
    unsigned char tags; /* CUE_OBJ | CUE_THAT */
};

static struct cue cues[512];
static size_t n_cues;
/* Open-addressing index over cues (index + 1; 0 = empty): one hash per word instead of a
 * binary search of string compares, since every word of every article is looked up. */
#define CUE_SLOTS 2048
static uint16_t cue_slot[CUE_SLOTS];
/* Per first two letters (a-z), a bit per length of the cues that start with them: most words
 * ("the", "and", "government") are no cue by this alone and skip the hash. Off when a cue
 * does not start with two ASCII letters. */
static uint32_t cue_lengths[26][26];
static int cue_lengths_on = 1;
static size_t cue_minlen = CUE_MAX, cue_maxlen;

static uint32_t cue_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}
static pthread_once_t cues_once = PTHREAD_ONCE_INIT;

static int cmp_cue(const void *a, const void *b)
{
    return strcmp(((const struct cue *)a)->w, ((const struct cue *)b)->w);
}

static void load_cues(void)
{
    const char *d = NULL;
    size_t len = 0;
    for (const struct embed_file *f = ex__lexicon_files; f->name; f++) {
        if (strcmp(f->name, "cues.txt") == 0) {
            d = f->data;
            len = f->len;
        }
    }
    for (size_t i = 0; d && i < len;) {
        size_t e = i;
        while (e < len && d[e] != '\n')
            e++;
        size_t w = i;
        while (w < e && d[w] != ' ' && d[w] != '#')
            w++;
        if (w > i && d[i] != '#' && w - i < CUE_MAX && n_cues < sizeof(cues) / sizeof(cues[0])) {
            struct cue *c = &cues[n_cues++];
            memcpy(c->w, d + i, w - i);
            c->w[w - i] = 0;
            for (size_t k = w; k < e && d[k] != '#'; k++) {
                if (d[k] == 'o') c->tags |= CUE_OBJ;
                if (d[k] == 't') c->tags |= CUE_THAT;
            }
        }
        i = e + 1;
    }
    qsort(cues, n_cues, sizeof(cues[0]), cmp_cue);
    for (size_t i = 0; i < n_cues; i++) {
        size_t len = strlen(cues[i].w);
        if (cues[i].w[0] >= 'a' && cues[i].w[0] <= 'z' && cues[i].w[1] >= 'a' &&
            cues[i].w[1] <= 'z')
            cue_lengths[cues[i].w[0] - 'a'][cues[i].w[1] - 'a'] |= 1u << len;
        else
            cue_lengths_on = 0; /* an unusual cue: no filtering */
        if (len < cue_minlen) cue_minlen = len;
        if (len > cue_maxlen) cue_maxlen = len;
        uint32_t h = cue_hash(cues[i].w, len) & (CUE_SLOTS - 1);
        while (cue_slot[h])
            h = (h + 1) & (CUE_SLOTS - 1);
        cue_slot[h] = (uint16_t)(i + 1);
    }
}

/* Whether s[0..n) may be a cue by its length and first two letters (cue_lookup's first
 * tests), inlined where every word is asked: nearly all words are answered here, without the
 * call and its copy buffer. */
static inline int cue_may(const char *s, size_t n)
{
    if (n < cue_minlen || n > cue_maxlen || n >= CUE_MAX) return 0;
    if (!cue_lengths_on) return 1;
    unsigned c0 = (unsigned)(s[0] | 0x20) - 'a', c1 = (unsigned)(s[1] | 0x20) - 'a';
    return c0 < 26 && c1 < 26 && (cue_lengths[c0][c1] >> n & 1u);
}

/* -1 when the word is no cue, else its tags (CUE_OBJ, CUE_THAT). */
static __attribute__((noinline)) int cue_lookup(const char *s, size_t n)
{
    char w[CUE_MAX];
    if (n < cue_minlen || n > cue_maxlen || n >= CUE_MAX) return -1;
    if (cue_lengths_on) {
        unsigned c0 = (unsigned)(s[0] | 0x20) - 'a', c1 = (unsigned)(s[1] | 0x20) - 'a';
        if (c0 >= 26 || c1 >= 26 || !(cue_lengths[c0][c1] >> n & 1u)) return -1;
    }
    uint32_t h = 2166136261u; /* cue_hash() of the lowercased word, in the copying pass */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        w[i] = c;
        h = (h ^ (unsigned char)c) * 16777619u;
    }
    w[n] = '\0';
    for (h &= CUE_SLOTS - 1; cue_slot[h]; h = (h + 1) & (CUE_SLOTS - 1)) {
        const struct cue *r = &cues[cue_slot[h] - 1];
        if (memcmp(r->w, w, n + 1) == 0) return r->tags;
    }
    return -1;
}

/* ---- tokens ---- */

enum {
    T_WORD = 1 << 0,
    T_PUNCT = 1 << 1,
    T_QOPEN = 1 << 2,  /* opening mark of a paired quote */
    T_QCLOSE = 1 << 3, /* closing mark of a paired quote */
    T_CAP = 1 << 4,    /* word starting with an upper-case letter */
    T_CUE = 1 << 5,
    T_CUEO = 1 << 6,     /* cue taking an addressee */
    T_ING = 1 << 7,      /* cue in -ing form */
    T_CUET = 1 << 8,     /* cue needing a clause marker (that, colon, quotation) */
    T_ACCORDING = 1 << 9 /* the word "according", which "according to" attributions hang on */
};

struct tok {
    uint32_t s, e;
    uint32_t f;
    int32_t q;      /* innermost quote covering the token (marks included), or -1 */
    int32_t m;      /* mention covering the token, or -1 */
    int32_t sent;   /* sentence index */
    int32_t para;   /* paragraph index */
    uint32_t lists; /* bit per word list the (lowercased) word belongs to (tin), once known */
    uint32_t lists_known;
};

/* The subject or speaker phrase of one attribution. */
struct subj {
    int a, b;   /* tokens [a, b) */
    int entity; /* linked entity or -1 */
    int kind;   /* entity kind of the link, or -1 */
    int pron;   /* 'h' he/she, 'i' it, 't' they, 0 */
    int valid;
};

struct stmt {
    struct ex_statement st;
    int para;
    int sent;
    int cue_tok;  /* -1 for quote continuations */
    int ekind;    /* speaker entity kind or -1 */
    int quote;    /* quote consumed as the content of a direct statement, or -1 */
    int cut_from; /* token from which a later attribution in the sentence starts, or -1 */
};

struct st {
    const char *s;
    size_t len;
    struct tok *t;
    int nt, cap_t;
    struct ex_arena *a;
    struct ex__quote *q;
    size_t nq;
    const struct ex__st_mention *m;
    size_t nm;
    const struct ex_entity *ents;
    size_t n_ents;
    int *sent_start; /* first token of each sentence; sent_start[n_sents] == nt */
    int n_sents;
    struct stmt *out;
    int n_out, cap_out;
    int *quote_stmt; /* per quote: the statement that consumed it, or -1 */
    /* antecedents for pronouns and definite descriptions */
    int last_person, last_org, last_any;
    int last_person_para, last_org_para, last_any_para;
    /* the last person "he" may name (no known woman's given name) and "she" may name */
    int last_he, last_she, last_he_para, last_she_para;
    struct ex_span last_person_text, last_org_text;
    /* per paragraph: 1 when it is a transcript's line ("Lindqvist: We need ..."), whose
     * words are the label's and hold no attributions of their own; NULL when none is */
    uint8_t *transcript;
};

static int is_space_cp(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_alnum_cp(int32_t c)
{
    if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
           cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC;
}

static int is_upper_cp(int32_t c)
{
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

static int32_t cp(const char *s, size_t i, size_t end, size_t *n)
{
    if ((unsigned char)s[i] < 0x80) { /* most of news English: no decoder needed */
        *n = 1;
        return (unsigned char)s[i];
    }
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

/* Characters that join two alphanumeric runs into one word: U.S, RFE/RL, kg.24, it's,
 * Qasym-Zhomart, 3,811 (between digits). */
static int joiner(const char *s, size_t i, size_t end, size_t *n)
{
    int32_t c = cp(s, i, end, n);
    return c == '.' || c == '/' || c == '-' || c == '\'' || c == 0x2019 || c == '&' || c == ',' ||
           c == 0x2010 || c == 0x2011;
}

/* A new token starting at byte i of paragraph para (its end and flags are the caller's), or
 * NULL when the arena cannot grow the array. */
static struct tok *push(struct st *S, size_t i, int para)
{
    if (S->nt == S->cap_t) { /* grown by doubling: a byte-sized bound would zero 30x the text */
        struct tok *nt = ex__arena_alloc_raw(S->a, 2 * (size_t)S->cap_t * sizeof(*nt));
        if (!nt) return NULL;
        memcpy(nt, S->t, (size_t)S->nt * sizeof(*nt));
        S->t = nt;
        S->cap_t *= 2;
    }
    struct tok *t = &S->t[S->nt++];
    t->s = (uint32_t)i;
    t->f = 0;
    t->q = t->m = -1;
    t->lists = t->lists_known = 0;
    t->para = para;
    return t;
}

/* The flags of word token t, whose first letter is upper-case when cap. Inlined: it runs for
 * every word. */
static inline __attribute__((always_inline)) void word_tags(const struct st *S, struct tok *t,
                                                            int cap)
{
    const char *s = S->s;
    size_t wl = t->e - t->s;
    cap = cap || ex__article_len(s + t->s, wl); /* "al-Jaber told delegates" */
    t->f = T_WORD | (cap ? T_CAP : 0);
    if (wl == 9 && (s[t->s] | 0x20) == 'a' && !strncasecmp(s + t->s, "according", 9))
        t->f |= T_ACCORDING;
    int cue = cue_may(s + t->s, wl) ? cue_lookup(s + t->s, wl) : -1;
    if (cue >= 0) {
        t->f |= T_CUE | (cue & CUE_OBJ ? T_CUEO : 0) | (cue & CUE_THAT ? T_CUET : 0);
        if (wl > 4 && strncmp(s + t->e - 3, "ing", 3) == 0) t->f |= T_ING;
    }
}

/* Tokenizes paragraph [ps, pe) into t (capacity checked by the caller's bound). ASCII goes
 * through ex__bclass (one table load a byte); a multi-byte character is decoded. */
static int tokenize_para(struct st *S, size_t ps, size_t pe, int para)
{
    const char *s = S->s;
    size_t i = ps, n = 0;
    while (i < pe) {
        unsigned char sb = (unsigned char)s[i];
        unsigned k0 = ex__bclass[sb];
        if (k0 & EX__B_SPACE) { /* the common space */
            i++;
            continue;
        }
        int32_t c = sb;
        n = 1;
        if (k0 & EX__B_HIGH) {
            c = cp(s, i, pe, &n);
            if (is_space_cp(c)) {
                i += n;
                continue;
            }
        }
        struct tok *t = push(S, i, para);
        if (!t) return EX_ENOMEM;
        /* quote marks start with one of these bytes: '"', '\'', '`', or the lead byte of
         * U+00AB/U+00BB (0xC2) and U+2018-U+201F, U+2039/203A (0xE2) */
        if ((k0 & EX__B_QUOTE) || sb == 0xC2 || sb == 0xE2) {
            size_t ml = 0;
            if (ex__quote_mark_at(s, pe, i, &ml) != EX__MARK_NONE) {
                t->e = (uint32_t)(i + ml);
                t->f = T_PUNCT;
                i += ml;
                continue;
            }
        }
        if ((k0 & EX__B_ALNUM) || ((k0 & EX__B_HIGH) && is_alnum_cp(c))) {
            int cap = (k0 & EX__B_UPPER) || ((k0 & EX__B_HIGH) && is_upper_cp(c));
            i += n;
            for (;;) {
                /* the common case first: a run of ASCII letters and digits */
                unsigned bits = 0;
                i = ex__alnum_run(s, i, pe, &bits);
                /* most words end at an ASCII space or mark that joins nothing */
                if (i >= pe || !(ex__bclass[(unsigned char)s[i]] & (EX__B_JOIN | EX__B_HIGH)))
                    break;
                int32_t d = cp(s, i, pe, &n);
                if (is_alnum_cp(d)) {
                    i += n;
                    continue;
                }
                size_t jn = 0;
                if (joiner(s, i, pe, &jn) && i + jn < pe) {
                    size_t n2 = 0;
                    int32_t e = cp(s, i + jn, pe, &n2);
                    /* a comma joins digits only; the byte before it is an ASCII digit exactly
                     * when the last letter or digit was one (a multi-byte character ends in a
                     * continuation byte) */
                    if (is_alnum_cp(e) &&
                        (d != ',' || ((ex__bclass[(unsigned char)s[i - 1]] & EX__B_DIGIT) &&
                                      e >= '0' && e <= '9'))) {
                        i += jn;
                        continue;
                    }
                }
                break;
            }
            t->e = (uint32_t)i;
            word_tags(S, t, cap);
            continue;
        }
        /* punctuation: a run of dashes is one token ("--") */
        t->f = T_PUNCT;
        i += n;
        if (c == '-')
            while (i < pe && s[i] == '-')
                i++;
        t->e = (uint32_t)i;
    }
    return 0;
}

/* Whether s[a..b) is all ASCII (eight bytes a step). */
static int all_ascii(const char *s, size_t a, size_t b)
{
    uint64_t any = 0;
    for (; b - a >= 8; a += 8) {
        uint64_t w;
        memcpy(&w, s + a, 8);
        any |= w;
    }
    for (; a < b; a++)
        any |= (unsigned char)s[a];
    return !(any & 0x8080808080808080ull);
}

/* The tokens of paragraph [ps, pe), all ASCII, from stage 3's tokens tx->t[*k..] instead of
 * a second scan of its text (*k is moved past the paragraph's). In ASCII both tokenizers end
 * words at the same bytes (the same runs, joiners and comma rule), and their tokens differ
 * only where stage 3 makes its cuts, which are undone here: a possessive 's stays in the word
 * (stage 3 cuts it off), a plural's possessive apostrophe is a token of its own (stage 3
 * drops it), an abbreviation's period is a token of its own (stage 3 keeps it: "U.S."), and
 * so is each period of "..." (a run only of dashes is one token here). Returns 0, 1 when
 * stage 3's tokens do not fit that reading (the caller then scans the paragraph itself), or
 * EX_ENOMEM. */
static int derive_para(struct st *S, const struct ex__text *tx, size_t *k, size_t ps, size_t pe,
                       int para)
{
    const char *s = S->s;
    int nt0 = S->nt;
    size_t j = *k;
    while (j < tx->nt && tx->t[j].s < ps)
        j++;
    for (; j < tx->nt && tx->t[j].s < pe; j++) {
        const struct ex__tok *u = &tx->t[j];
        size_t a = u->s, e = u->e;
        if (e <= a || e > pe) goto refuse;
        if (u->flags & EX__T_PUNCT) {
            /* "...": a token per period */
            size_t step = s[a] == '.' ? 1 : e - a;
            for (size_t i = a; i < e; i += step) {
                struct tok *t = push(S, i, para);
                if (!t) return EX_ENOMEM;
                t->e = (uint32_t)(i + step);
                t->f = T_PUNCT;
            }
            continue;
        }
        size_t we = e, mark = 0; /* the word's end here; a token for the mark at mark - 1 */
        if (u->flags & EX__T_POSS) {
            if (e + 1 < pe && s[e] == '\'' && (ex__bclass[(unsigned char)s[e + 1]] & EX__B_ALNUM))
                we = e + 2; /* "Kazakhstan's": stage 3 cut the 's */
            else if (e < pe && s[e] == '\'')
                mark = e + 1; /* "Magistrates' Court": stage 3 dropped the apostrophe */
            else
                goto refuse;
        } else if (s[e - 1] == '.') {
            we = e - 1; /* "U.S.", "Inc.": stage 3 kept the period */
            mark = e;
        }
        struct tok *t = push(S, a, para);
        if (!t) return EX_ENOMEM;
        t->e = (uint32_t)we;
        word_tags(S, t, (ex__bclass[(unsigned char)s[a]] & EX__B_UPPER) != 0);
        if (mark) {
            if (!(t = push(S, mark - 1, para))) return EX_ENOMEM;
            t->e = (uint32_t)mark;
            t->f = T_PUNCT;
        }
    }
    *k = j;
    return 0;
refuse:
    S->nt = nt0;
    return 1;
}

#ifdef EX_CHECK_DERIVED_TOKENS
/* Fuzzing and sanitizer builds: derive_para() must give what tokenize_para() gives. */
static void check_derived(struct st *S, int nt0, size_t ps, size_t pe, int para)
{
    int nt1 = S->nt;
    if (tokenize_para(S, ps, pe, para)) return; /* out of memory: nothing to compare */
    int n = nt1 - nt0;
    if (S->nt - nt1 != n) abort();
    for (int i = 0; i < n; i++) {
        const struct tok *x = &S->t[nt0 + i], *y = &S->t[nt1 + i];
        if (x->s != y->s || x->e != y->e || x->f != y->f || x->para != y->para) abort();
    }
    S->nt = nt1;
}
#endif

static int tw(const struct st *S, int i, const char *w)
{
    if (i < 0 || i >= S->nt) return 0;
    const struct tok *t = &S->t[i];
    size_t n = t->e - t->s;
    /* no strlen: the first differing character usually ends the compare */
    for (size_t k = 0; k < n; k++) {
        char c = S->s[t->s + k];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != w[k]) return 0; /* also stops at w's NUL */
    }
    return w[n] == '\0';
}

/* The word lists below, by index: tin(S, i, L_AUX) asks whether token i is in AUX. */
enum {
    L_AUX,
    L_FINITE,
    L_BE,
    L_NEG,
    L_BOUND_W,
    L_ADVERBIAL,
    L_ABBREV,
    L_LEAD_SKIP,
    L_SUBJ_CUT,
    L_PRON_H,
    L_PRON_I,
    L_PRON_T,
    L_ROLE_PERSON,
    L_ROLE_ORG,
    L_DET,
    L_SPEAKER_NOUN,
    L_PARTICIPLE_LEAD,
    N_LISTS
};
static int tin(const struct st *S, int i, int list);
static int tin_any(const struct st *S, int i, const char *const *set);

static int tp(const struct st *S, int i, char c)
{
    if (i < 0 || i >= S->nt) return 0;
    const struct tok *t = &S->t[i];
    return (t->f & T_PUNCT) && t->e - t->s == 1 && S->s[t->s] == c;
}

static const char *const AUX[] = {
    "has",        "have",       "had",        "will",         "would",        "also",
    "later",      "then",       "previously", "earlier",      "reportedly",   "repeatedly",
    "personally", "again",      "could",      "can",          "may",          "might",
    "should",     "must",       "did",        "does",         "do",           "shall",
    "already",    "just",       "further",    "once",         "quickly",      "publicly",
    "privately",  "separately", "recently",   "subsequently", "initially",    "originally",
    "first",      "long",       "strongly",   "firmly",       "flatly",       "openly",
    "bluntly",    "angrily",    "clearly",    "simply",       "only",         "reiterated",
    "is",         "was",        "were",       "are",          "be",           "been",
    "being",      "not",        "never",      "always",       "often",        "still",
    "too",        "even",       "however",    "now",          "yet",          "once",
    "widely",     "officially", "formally",   "explicitly",   "specifically", NULL};
static const char *const FINITE[] = {"has",  "have", "had",   "is",  "are",   "was",
                                     "were", "will", "would", "can", "could", NULL};
static const char *const BE[] = {"is", "was", "were", "are", "be", "been", "being", NULL};
static const char *const NEG[] = {"not", "never", NULL};
static const char *const BOUND_W[] = {
    "that",   "which", "who",  "whom",    "whose",  "but",   "while", "because", "although",
    "though", "as",    "when", "where",   "if",     "with",  "by",    "after",   "before",
    "since",  "or",    "so",   "whereas", "unless", "until", "than",  "whether", NULL};
static const char *const ADVERBIAL[] = {
    "on",        "in",         "at",      "during",     "after",    "before",     "early",
    "late",      "earlier",    "later",   "last",       "this",     "yesterday",  "today",
    "tonight",   "also",       "again",   "previously", "recently", "repeatedly", "publicly",
    "privately", "separately", "through", "via",        "over",     "from",       "when",
    "while",     "monday",     "tuesday", "wednesday",  "thursday", "friday",     "saturday",
    "sunday",    "according",  "as",      "under",      "without",  "with",       "to",
    "for",       "in",         "late",    "days",       "weeks",    "shortly",    "afterwards",
    "then",      "once",       "further", "overnight",  "last",     "next",       "following",
    "outside",   "inside",     "near",    "by",         NULL};
static const char *const SUBJ_CUT[] = {"on",   "in",      "at",   "during",    "early",
                                       "late", "earlier", "last", "yesterday", "today",
                                       "this", "when",    NULL};
static const char *const LEAD_SKIP[] = {"but", "and", "however", "meanwhile", "still",
                                        "yet", "so",  "also",    NULL};
static const char *const ABBREV[] = {
    "mr",  "mrs",  "ms",  "dr",  "st",   "jan", "feb", "mar", "apr", "jun", "jul",  "aug",
    "sep", "sept", "oct", "nov", "dec",  "gen", "gov", "sen", "rep", "inc", "corp", "co",
    "ltd", "prof", "lt",  "col", "capt", "sgt", "jr",  "sr",  "no",  "vs",  NULL};
static const char *const PRON_H[] = {"he", "she", NULL};
static const char *const PRON_I[] = {"it", NULL};
static const char *const PRON_T[] = {"they", "we", NULL};
static const char *const ROLE_PERSON[] = {
    "diplomat",    "official",     "minister",   "president",   "spokesman",
    "spokeswoman", "spokesperson", "leader",     "ambassador",  "chief",
    "head",        "secretary",    "envoy",      "senator",     "governor",
    "mayor",       "premier",      "chancellor", "general",     "commander",
    "director",    "executive",    "chairman",   "chairwoman",  "chair",
    "ceo",         "founder",      "coach",      "manager",     "lawyer",
    "attorney",    "prosecutor",   "judge",      "officer",     "professor",
    "researcher",  "scientist",    "author",     "king",        "queen",
    "prince",      "princess",     "pope",       "bishop",      "priest",
    "doctor",      "man",          "woman",      "congressman", "congresswoman",
    "lawmaker",    "legislator",   "candidate",  "activist",    "opposition",
    "dissident",   "critic",       "banker",     "businessman", "businesswoman",
    "billionaire", "pilot",        "captain",    "player",      "star",
    "singer",      "actor",        "actress",    "artist",      "politician",
    "strongman",   "ruler",        "monarch",    "emir",        "sheikh",
    "champion",    "striker",      "midfielder", "defender",    "goalkeeper",
    "winger",      "forward",      "veteran",    "winner",      NULL};
static const char *const ROLE_ORG[] = {
    "ministry",     "company",      "agency",         "group",     "firm",        "government",
    "organization", "organisation", "party",          "committee", "council",     "department",
    "office",       "service",      "bank",           "alliance",  "network",     "newspaper",
    "channel",      "website",      "station",        "army",      "police",      "court",
    "union",        "bloc",         "administration", "cabinet",   "parliament",  "club",
    "team",         "board",        "commission",     "institute", "corporation", "broadcaster",
    "daily",        "outlet",       "body",           "regulator", "authority",   NULL};
static const char *const DET[] = {"the",   "a",     "an",   "some", "many", "several", "other",
                                  "two",   "three", "most", "few",  "its",  "his",     "her",
                                  "their", "one",   "both", "all",  "each", "another", NULL};

static const char *const SPEAKER_NOUN[] = {
    "report", "statement", "study",    "analysis", "survey", "document", "letter",     "paper",
    "memo",   "source",    "people",   "police",   "media",  "press",    "television", "tv",
    "radio",  "witness",   "resident", "who",      "which",  "that",     "i",          "you",
    "he",     "she",       "it",       "they",     "we",     NULL};
static const char *const PARTICIPLE_LEAD[] = {"by",   "while", "after",   "before",
                                              "when", "with",  "without", NULL};

/* Word-list membership, precomputed per token: every list below gets a bit, a hash maps a
 * lowercase word to the bits of the lists it is in, and each token gets its bits once after
 * tokenizing, so tin() is a mask test instead of a scan of string compares. */
static const char *const *const LISTS[N_LISTS] = {
    [L_AUX] = AUX,
    [L_FINITE] = FINITE,
    [L_BE] = BE,
    [L_NEG] = NEG,
    [L_BOUND_W] = BOUND_W,
    [L_ADVERBIAL] = ADVERBIAL,
    [L_ABBREV] = ABBREV,
    [L_LEAD_SKIP] = LEAD_SKIP,
    [L_SUBJ_CUT] = SUBJ_CUT,
    [L_PRON_H] = PRON_H,
    [L_PRON_I] = PRON_I,
    [L_PRON_T] = PRON_T,
    [L_ROLE_PERSON] = ROLE_PERSON,
    [L_ROLE_ORG] = ROLE_ORG,
    [L_DET] = DET,
    [L_SPEAKER_NOUN] = SPEAKER_NOUN,
    [L_PARTICIPLE_LEAD] = PARTICIPLE_LEAD,
};
#define WORD_SLOTS 1024
static struct {
    const char *w;
    uint32_t lists;
} word_slot[WORD_SLOTS];
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void load_words(void)
{
    for (size_t l = 0; l < N_LISTS; l++)
        for (const char *const *w = LISTS[l]; *w; w++) {
            uint32_t h = cue_hash(*w, strlen(*w)) & (WORD_SLOTS - 1);
            while (word_slot[h].w && strcmp(word_slot[h].w, *w) != 0)
                h = (h + 1) & (WORD_SLOTS - 1);
            word_slot[h].w = *w;
            word_slot[h].lists |= 1u << l;
        }
}

static uint32_t word_lists(const char *s, size_t n)
{
    char low[32];
    if (n == 0 || n >= sizeof(low)) return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    for (uint32_t h = cue_hash(low, n) & (WORD_SLOTS - 1); word_slot[h].w;
         h = (h + 1) & (WORD_SLOTS - 1))
        if (strncmp(word_slot[h].w, low, n) == 0 && word_slot[h].w[n] == '\0')
            return word_slot[h].lists;
    return 0;
}

static int tin(const struct st *S, int i, int list)
{
    if (i < 0 || i >= S->nt) return 0;
    /* computed on first use: few tokens are ever asked about (the array is not const, only
     * this view of it) */
    struct tok *t = (struct tok *)&S->t[i];
    if (!t->lists_known) {
        t->lists = (t->f & T_WORD) ? word_lists(S->s + t->s, t->e - t->s) : 0;
        t->lists_known = 1;
    }
    return (t->lists >> list) & 1u;
}

/* Whether token i is one of the words of set, a short list of its caller's that has no bit. */
static int tin_any(const struct st *S, int i, const char *const *set)
{
    if (i < 0 || i >= S->nt) return 0;
    for (; *set; set++)
        if (tw(S, i, *set)) return 1;
    return 0;
}

static int is_word(const struct st *S, int i)
{
    return i >= 0 && i < S->nt && (S->t[i].f & T_WORD);
}

/* Whether token i is a person's role, also after a hyphen ("co-founder"). */
static int role_word(const struct st *S, int i)
{
    if (tin(S, i, L_ROLE_PERSON)) return 1;
    if (!is_word(S, i)) return 0;
    uint32_t h = S->t[i].e;
    while (h > S->t[i].s && S->s[h - 1] != '-')
        h--;
    return h > S->t[i].s && (word_lists(S->s + h, S->t[i].e - h) >> L_ROLE_PERSON) & 1u;
}

static int ends_with(const struct st *S, int i, const char *suf)
{
    size_t n = strlen(suf), len = S->t[i].e - S->t[i].s;
    return len > n && strncmp(S->s + S->t[i].e - n, suf, n) == 0;
}

/* Whether token k is the period of an abbreviation, glued to it: "U.S.", "a.m.", "Jr.",
 * "Dr." (not the "no." that ends "said no."). Such a period ends no subject or content. */
static int abbrev_dot(const struct st *S, int k)
{
    if (!tp(S, k, '.') || !is_word(S, k - 1) || S->t[k - 1].e != S->t[k].s) return 0;
    const struct tok *w = &S->t[k - 1];
    return memchr(S->s + w->s, '.', w->e - w->s) ||
           ((w->f & T_CAP) && tin(S, k - 1, L_ABBREV) && !tw(S, k - 1, "no"));
}

/* "X was quoted as saying", "X was quoted by Reuters as saying": for the cue "saying" at c,
 * the token "quoted" (the subject is before it), or -1. */
static int quoted_as(const struct st *S, int c, int sa)
{
    if (!tw(S, c, "saying") || !tw(S, c - 1, "as")) return -1;
    for (int q = c - 2; q >= sa && q >= c - 8; q--)
        if (tw(S, q, "quoted") && (q == c - 2 || tw(S, q + 1, "by"))) return q;
    return -1;
}

/* Whether cue token i is a verb here, not a noun or an infinitive: "a nationwide state of
 * emergency", "A report from", "Secretary of State", "declined to comment" are not. The
 * word before it (auxiliaries skipped) must be able to end a subject. */
static int cue_is_verb(const struct st *S, int i, int sa)
{
    const struct tok *t = &S->t[i];
    int ing = (t->f & T_ING) != 0;
    int past = ends_with(S, i, "ed") || tw(S, i, "said") || tw(S, i, "told") || tw(S, i, "wrote") ||
               tw(S, i, "written");
    if (t->f & T_CAP) return 0;
    if (quoted_as(S, i, sa) >= 0) return 1;
    if (!past && !ing && i + 1 < S->nt && S->t[i + 1].para == t->para &&
        (tw(S, i + 1, "of") || tw(S, i + 1, "from") || tw(S, i + 1, "by")))
        return 0;
    int p = i - 1;
    while (p >= sa && is_word(S, p) && !(S->t[p].f & T_CAP) && tin(S, p, L_AUX))
        p--;
    if (p < sa) return 0;
    const struct tok *pt = &S->t[p];
    if (pt->f & T_PUNCT) return !(pt->f & T_QOPEN);
    if (tin(S, p, L_DET)) return 0; /* "Many states", "the reported deaths" */
    if (!past && !ing && tin(S, i + 1, L_FINITE)) return 0; /* "states have", "reports are" */
    /* past forms are verbs unless a determiner or "to" makes them adjectives or
     * infinitives ("the reported deaths"); other forms double as nouns ("a state of") */
    if (past) return !tin(S, p, L_DET) && !tw(S, p, "to") && !tw(S, p, "of");
    /* "Italian state broadcaster RAI", "Russian state media reported": a base form after a
     * singular name is a noun's modifier, not a verb, which would need a plural subject
     * ("the documents state that", "We state") */
    static const char *const plural_pron[] = {"i",      "we",       "they",  "you",  "police",
                                              "people", "staff",    "media", "crew", "men",
                                              "women",  "children", NULL};
    if (((pt->f & T_CAP) || pt->m >= 0) && !ing && !ends_with(S, i, "s") && !ends_with(S, p, "s") &&
        !tin_any(S, p, plural_pron) && is_word(S, i + 1) && !(S->t[i + 1].f & T_CAP) &&
        S->t[i + 1].para == t->para && !tw(S, i + 1, "that") && !tin(S, i + 1, L_DET))
        return 0;
    /* "In remarks to reporters, ...": a noun after a preposition */
    static const char *const preps[] = {"in", "on", "at", "of", "to", "for", "from", "with", NULL};
    if (!ing && tin_any(S, p, preps)) return 0;
    if ((pt->f & T_CAP) || pt->m >= 0) return 1;
    if (tin(S, p, L_ROLE_PERSON) || tin(S, p, L_ROLE_ORG) || tin(S, p, L_SPEAKER_NOUN)) return 1;
    if (ing && tin(S, p, L_PARTICIPLE_LEAD)) return 1;
    if (S->s[pt->s] >= '0' && S->s[pt->s] <= '9') return 1;
    /* a plural noun: "officials said", "analysts say" */
    return ends_with(S, p, "s") && !ends_with(S, p, "ss") && !tin(S, p, L_DET) &&
           !tw(S, p, "this") && !tw(S, p, "was") && !tw(S, p, "is") && !tw(S, p, "as");
}

/* A token that ends a subject noun phrase on its left. */
static int left_boundary(const struct st *S, int i)
{
    const struct tok *t = &S->t[i];
    if (t->f & (T_QOPEN | T_QCLOSE)) return 1;
    if (t->f & T_PUNCT) {
        if (tp(S, i, '.') || tp(S, i, '\'') || tp(S, i, '&')) return 0; /* U.S. */
        /* "the European Space Agency (ESA) announced": a word in parentheses inside */
        if ((tp(S, i, ')') && tp(S, i - 2, '(') && is_word(S, i - 1)) ||
            (tp(S, i, '(') && tp(S, i + 2, ')') && is_word(S, i + 1)))
            return 0;
        return 1;
    }
    /* "Two officials familiar with the discussions told", "people with knowledge of" */
    if (tw(S, i, "with") && (tw(S, i - 1, "familiar") || tw(S, i + 1, "knowledge"))) return 0;
    if (tin(S, i, L_BOUND_W)) return 1;
    if (tw(S, i, "and")) {
        /* "Health and Human Services" is one name; ", and he" or "and officials" are not */
        int capl = is_word(S, i - 1) && (S->t[i - 1].f & T_CAP);
        int capr = is_word(S, i + 1) && (S->t[i + 1].f & T_CAP);
        return !(capl && capr);
    }
    /* "..., state health officials said": a cue's spelling after a comma or a determiner
     * is a noun of the subject */
    if (t->f & T_CUE)
        return !(i > 0 && (tp(S, i - 1, ',') || tin(S, i - 1, L_DET)) && !(t->f & T_ING) &&
                 is_word(S, i + 1) && !(S->t[i + 1].f & T_CUE));
    return 0;
}

static int ekind_of(const struct st *S, int entity)
{
    if (entity < 0 || (size_t)entity >= S->n_ents) return -1;
    return (int)S->ents[entity].kind;
}

/* Whether the words of s (split at spaces and hyphens) hold the word of token k, in any
 * case: "President" for "the president", "National Education Union" for "the union". */
static int holds_word(const struct st *S, const char *s, int k)
{
    size_t n = S->t[k].e - S->t[k].s;
    const char *w = S->s + S->t[k].s;
    while (*s) {
        size_t len = strcspn(s, " -");
        if (len == n && strncasecmp(s, w, n) == 0) return 1;
        s += len;
        s += strspn(s, " -");
    }
    return 0;
}

/* Whether one of entity e's titles holds the word of token k. */
static int has_title(const struct st *S, int e, int k)
{
    for (size_t i = 0; i < S->ents[e].n_titles; i++)
        if (holds_word(S, S->ents[e].titles[i], k)) return 1;
    return 0;
}

/* The entity of the given kind named last before token a, within three paragraphs, that
 * the word of token head describes: a person with a title holding it ("the president"), a
 * body whose name holds it ("the union"). -1 when none is. */
static int described(const struct st *S, int a, int head, int para, int kind)
{
    for (int i = a - 1; i >= 0 && para - S->t[i].para <= 3; i--) {
        if (S->t[i].m < 0) continue;
        int e = S->m[S->t[i].m].entity;
        if (ekind_of(S, e) != kind) continue;
        if (kind == EX_PERSON ? has_title(S, e, head) : holds_word(S, S->ents[e].name, head))
            return e;
    }
    return -1;
}

/* Links a subject phrase [a, b) to a speaker (see the file comment). */
static int sex_of(const struct st *S, int entity);
static int sent_begin(const struct st *S, int i);

static void resolve_subject(struct st *S, struct subj *sj, int para)
{
    sj->entity = -1;
    sj->kind = -1;
    sj->pron = 0;
    sj->valid = 0;
    /* drop leading conjunctions and trailing time/place phrases ("State television on
     * January 7", "RFE/RL correspondents in several cities") */
    while (sj->a < sj->b && tin(S, sj->a, L_LEAD_SKIP))
        sj->a++;
    for (int i = sj->a + 1; i < sj->b; i++) {
        /* not inside a name: "the Council on American-Islamic Relations Alia Salem"; nor
         * where someone works: "economists at ING" */
        int works = tw(S, i, "at") && i + 1 < sj->b && S->t[i + 1].m >= 0 &&
                    ekind_of(S, S->m[S->t[i + 1].m].entity) == EX_ORGANIZATION;
        if (tin(S, i, L_SUBJ_CUT) && S->t[i].m < 0 && !works) {
            sj->b = i;
            break;
        }
    }
    /* "a copy seen by the Tribune": who saw a document did not write it */
    static const char *const seen[] = {"seen", "obtained", "reviewed", "viewed"};
    for (int i = sj->a + 1; i + 1 < sj->b; i++)
        if (tw(S, i + 1, "by") &&
            (tw(S, i, seen[0]) || tw(S, i, seen[1]) || tw(S, i, seen[2]) || tw(S, i, seen[3]))) {
            sj->b = i;
            break;
        }
    /* "a poll by the Forsa institute published (on Tuesday)": a participle closing it */
    while (sj->b - sj->a > 2 && is_word(S, sj->b - 1) && !(S->t[sj->b - 1].f & T_CAP) &&
           ends_with(S, sj->b - 1, "ed"))
        sj->b--;
    /* trailing punctuation, but not the dot of "U.S." or "Jr." */
    while (sj->b > sj->a && (S->t[sj->b - 1].f & T_PUNCT) &&
           !(tp(S, sj->b - 1, ')') && sj->b - 3 > sj->a && tp(S, sj->b - 3, '(')) &&
           (sj->b - 1 == sj->a || !abbrev_dot(S, sj->b - 1)))
        sj->b--;
    int n = sj->b - sj->a;
    if (n <= 0 || n > 16) return;
    /* "according to her", "according to him": a source in the object case */
    int object = n == 1 && (tw(S, sj->a, "her") || tw(S, sj->a, "him"));
    if (n == 1 &&
        (object || tin(S, sj->a, L_PRON_H) || tin(S, sj->a, L_PRON_I) || tin(S, sj->a, L_PRON_T))) {
        sj->valid = 1;
        if (object || tin(S, sj->a, L_PRON_H)) {
            sj->pron = 'h';
            /* "Kiara Perkins ... For Kevin Allton, ... He said": the last person the
             * pronoun's sex allows */
            int she = tw(S, sj->a, "she") || tw(S, sj->a, "her");
            int e = she ? S->last_she : S->last_he;
            int ep = she ? S->last_she_para : S->last_he_para;
            if (e >= 0 && para - ep <= 3) sj->entity = e;
        } else if (tin(S, sj->a, L_PRON_I)) {
            sj->pron = 'i';
            if (S->last_org >= 0 && para - S->last_org_para <= 3) sj->entity = S->last_org;
        } else {
            sj->pron = 't';
            if (S->last_org >= 0 && para - S->last_org_para <= 2) sj->entity = S->last_org;
        }
        /* when entity kinds are missing or unsure, the last speaker or subject of a kind the
         * pronoun does not exclude */
        int lk = ekind_of(S, S->last_any);
        int sex = sex_of(S, S->last_any);
        int she = tw(S, sj->a, "she") || tw(S, sj->a, "her");
        if (sj->entity < 0 && S->last_any >= 0 && para - S->last_any_para <= 2 &&
            ((sj->pron == 'h' && lk != EX_ORGANIZATION && lk != EX_LOCATION &&
              sex != (she ? 'm' : 'f')) ||
             (sj->pron == 'i' && lk != EX_PERSON)))
            sj->entity = S->last_any;
        sj->kind = ekind_of(S, sj->entity);
        return;
    }
    int person = -1, org = -1, place = -1, has_cap = 0, has_noun = 0;
    for (int i = sj->a; i < sj->b; i++) {
        const struct tok *t = &S->t[i];
        if (t->f & T_CAP) has_cap = 1;
        if (tin(S, i, L_ROLE_PERSON) || tin(S, i, L_ROLE_ORG) || tin(S, i, L_DET) ||
            tin(S, i, L_SPEAKER_NOUN) || (is_word(S, i) && ends_with(S, i, "s")))
            has_noun = 1;
        if (t->m < 0) continue;
        int e = S->m[t->m].entity;
        int k = ekind_of(S, e);
        if (k == EX_PERSON)
            person = e; /* the last person named: the head, after titles */
        else if (k == EX_ORGANIZATION && org < 0)
            org = e;
        else if (k == EX_LOCATION && place < 0)
            place = e;
    }
    if (!has_cap && !has_noun && person < 0 && org < 0) return;
    /* subjects are noun phrases: a lower-case first word must be a determiner or noun */
    if (!(S->t[sj->a].f & T_CAP) && !tin(S, sj->a, L_DET) && !tin(S, sj->a, L_ROLE_PERSON) &&
        !tin(S, sj->a, L_ROLE_ORG) && person < 0 && org < 0 && !(S->t[sj->a].f & T_WORD))
        return;
    sj->valid = 1;
    if (person >= 0) {
        sj->entity = person;
        sj->kind = EX_PERSON;
        return;
    }
    int head = sj->b - 1;
    int definite = tw(S, sj->a, "the") || tw(S, sj->a, "this");
    /* "the Italian said": a nationality standing alone names the person last spoken of */
    int national = sj->b - sj->a == 2 && S->t[head].m >= 0 &&
                   ekind_of(S, S->m[S->t[head].m].entity) == EX_NATIONALITY;
    if (definite && ((tin(S, head, L_ROLE_PERSON) && S->t[head].m < 0) || national)) {
        /* "the president said": the person last named with that title, before the last
         * person of all ("Only Cabinet Secretary Musalia Mudavadi kept his job") */
        int titled = national ? -1 : described(S, sj->a, head, para, EX_PERSON);
        if (titled >= 0) {
            sj->entity = titled;
            sj->kind = EX_PERSON;
        } else if (S->last_person >= 0 && para - S->last_person_para <= 3) {
            sj->entity = S->last_person;
            sj->kind = EX_PERSON;
        }
        return;
    }
    if (org >= 0) {
        sj->entity = org;
        sj->kind = EX_ORGANIZATION;
        return;
    }
    /* "the union said": the body last named with that word in its name ("National
     * Education Union"), before the last body of all */
    int named = definite && sj->b - sj->a <= 3 && tin(S, head, L_ROLE_ORG)
                    ? described(S, sj->a, head, para, EX_ORGANIZATION)
                    : -1;
    if (named >= 0) {
        sj->entity = named;
        sj->kind = EX_ORGANIZATION;
        return;
    }
    /* "Sam Altman will return as chief executive of OpenAI, the company said": when no body
     * was the subject of anything before, one named earlier in the sentence */
    if (definite && sj->b - sj->a <= 3 && tin(S, head, L_ROLE_ORG) &&
        (S->last_org < 0 || para - S->last_org_para > 3)) {
        for (int i = sj->a - 1; i >= sent_begin(S, sj->a); i--)
            if (S->t[i].m >= 0 && ekind_of(S, S->m[S->t[i].m].entity) == EX_ORGANIZATION) {
                sj->entity = S->m[S->t[i].m].entity;
                sj->kind = EX_ORGANIZATION;
                return;
            }
    }
    if (definite && sj->b - sj->a <= 3 && tin(S, head, L_ROLE_ORG) && S->last_org >= 0 &&
        para - S->last_org_para <= 3) {
        sj->entity = S->last_org;
        sj->kind = EX_ORGANIZATION;
        return;
    }
    /* "the White House said", "the Kremlin said": the seat of a government speaks for it,
     * when the subject is "the" and its name alone. Not a bare name: "Paris said" is more
     * often a person whose surname is a city than the city's council. */
    if (place >= 0 && definite && S->t[head].m >= 0 && S->m[S->t[head].m].entity == place) {
        int whole = 1;
        for (int i = sj->a + 1; i < sj->b && whole; i++)
            whole = S->t[i].m == S->t[head].m;
        if (whole) {
            sj->entity = place;
            sj->kind = EX_LOCATION;
        }
    }
}

/* 'f' or 'm' when the person's given name (the first word of the entity's name) is in
 * lists of that sex only, else 0. */
static int sex_of(const struct st *S, int entity)
{
    if (ekind_of(S, entity) != EX_PERSON || !S->ents[entity].name) return 0;
    const char *n = S->ents[entity].name, *v;
    size_t w = strcspn(n, " -"), vn;
    if (w < 2 || !ex__lex_has(EX__LEX_GIVEN, n, w, &v, &vn) || vn != 1) return 0;
    return *v == 'f' || *v == 'm' ? *v : 0;
}

static void note_antecedent(struct st *S, int entity, int para)
{
    int k = ekind_of(S, entity);
    if (k == EX_PERSON) {
        S->last_person = entity;
        S->last_person_para = para;
        int sex = sex_of(S, entity);
        if (sex != 'f') {
            S->last_he = entity;
            S->last_he_para = para;
        }
        if (sex != 'm') {
            S->last_she = entity;
            S->last_she_para = para;
        }
    } else if (k == EX_ORGANIZATION) {
        S->last_org = entity;
        S->last_org_para = para;
    }
    if (entity >= 0) {
        S->last_any = entity;
        S->last_any_para = para;
    }
}

/* "LOS ANGELES — A wildfire ...", "NAIROBI, Kenya (Reuters) - The bank ...": a dateline
 * opening a paragraph is no part of its first sentence's subject or reported clause.
 * Returns the token after the dateline's dash, or i when token i opens no dateline. */
static int dateline_end(const struct st *S, int i)
{
    if (i < 0 || i >= S->nt || (i > 0 && S->t[i - 1].para == S->t[i].para)) return i;
    int caps = 0;
    for (uint32_t b = S->t[i].s; b < S->t[i].e; b++) {
        char ch = S->s[b];
        if (ch >= 'a' && ch <= 'z') return i;
        caps += ch >= 'A' && ch <= 'Z';
    }
    if (caps < 2) return i;
    int paren = 0;
    for (int j = i + 1; j < S->nt && j <= i + 10 && S->t[j].sent == S->t[i].sent; j++) {
        const struct tok *t = &S->t[j];
        uint32_t n = t->e - t->s;
        const char *w = S->s + t->s;
        if (tp(S, j, '('))
            paren = 1;
        else if (tp(S, j, ')'))
            paren = 0;
        else if ((t->f & T_PUNCT) &&
                 ((n == 3 && (!memcmp(w, "\xe2\x80\x94", 3) || !memcmp(w, "\xe2\x80\x93", 3))) ||
                  (n >= 1 && n <= 2 && *w == '-')))
            return paren ? i : j + 1;
        else if (!tp(S, j, ',') && !(t->f & T_CAP) && !paren)
            return i;
    }
    return i;
}

static int apposed_person(const struct st *S, int i, int lim, struct subj *sj);

/* A sentence whose first noun phrase names a person or organization makes it the most
 * recent subject ("Ablyazov managed BTA ..., but he later ..."). The phrase is its run of
 * capitalized words, and its last name is its head: "Senate Majority Leader Chuck Schumer"
 * is Schumer, "Kazakhstan's BTA Bank" the bank; or the name in apposition to it ("Its
 * spokesman, Jay Tarriela, posted ..."). */
static void note_sentence_subject(struct st *S, int sa, int sb)
{
    int i = dateline_end(S, sa);
    while (i < sb && (tin(S, i, L_LEAD_SKIP) || tw(S, i, "the") || (S->t[i].f & T_PUNCT)))
        i++;
    /* "“Spotify has the largest share,” it said": a quotation's words are no subject */
    if (i < sb && S->t[i].q >= 0) return;
    /* "On Friday, ...", "In a letter to employees, Calhoun called ...": an adverbial
     * first, and the subject is after its comma */
    if (i < sb &&
        (tin(S, i, L_PARTICIPLE_LEAD) || tin(S, i, L_SUBJ_CUT) || tin(S, i, L_ADVERBIAL))) {
        int c = i + 1;
        while (c < sb && c < i + 10 && !tp(S, c, ',') && is_word(S, c))
            c++;
        if (c >= sb || !tp(S, c, ',')) return;
        i = c + 1;
        while (i < sb && tw(S, i, "the"))
            i++;
        if (i < sb && S->t[i].q >= 0) return;
    }
    struct subj ap;
    if (i < sb && apposed_person(S, i, sb, &ap)) {
        note_antecedent(S, S->m[S->t[ap.a].m].entity, S->t[i].para);
        return;
    }
    if (i >= sb || !(S->t[i].f & T_CAP) || tin(S, i, L_PARTICIPLE_LEAD) || tin(S, i, L_SUBJ_CUT) ||
        tin(S, i, L_ADVERBIAL))
        return;
    /* "Real coach Carlo Ancelotti admitted": role words may stand between the names */
    int m = -1, body = -1;
    for (int j = i; j < sb && j < i + 8 &&
                    ((!(S->t[j].f & T_PUNCT) &&
                      ((S->t[j].f & T_CAP) || (j > i && j + 1 < sb && (S->t[j + 1].f & T_CAP) &&
                                               tin(S, j, L_ROLE_PERSON)))) ||
                     (j > i && abbrev_dot(S, j))); /* "Dr. Sarah Jensen" */
         j++)
        if (S->t[j].m >= 0) {
            m = S->t[j].m;
            if (body < 0 && ekind_of(S, S->m[m].entity) == EX_ORGANIZATION) body = m;
        }
    int k = m < 0 ? -1 : ekind_of(S, S->m[m].entity);
    /* "Boeing Chief Executive Dave Calhoun will step down, the company said": the body
     * before the person's title is the one "the company" names next */
    if (k == EX_PERSON && body >= 0) note_antecedent(S, S->m[body].entity, S->t[i].para);
    if (k == EX_PERSON || k == EX_ORGANIZATION) note_antecedent(S, S->m[m].entity, S->t[i].para);
}

static struct stmt *new_stmt(struct st *S)
{
    if (S->n_out >= S->cap_out) return NULL;
    struct stmt *x = &S->out[S->n_out++];
    memset(x, 0, sizeof(*x));
    x->st.speaker.entity_id = -1;
    x->quote = -1;
    x->cut_from = -1;
    x->ekind = -1;
    return x;
}

static struct ex_span tspan(const struct st *S, int a, int b)
{
    if (a >= b) return (struct ex_span){0, 0};
    return (struct ex_span){S->t[a].s, S->t[b - 1].e};
}

/* Index of the sentence containing token i. */
static int sent_of(const struct st *S, int i)
{
    return S->t[i].sent;
}

static int sent_end(const struct st *S, int i)
{
    return S->sent_start[S->t[i].sent + 1];
}

static int sent_begin(const struct st *S, int i)
{
    return S->sent_start[S->t[i].sent];
}

/* Whether token i is a double quotation mark (any glyph quotes.c knows as one). */
static int double_mark(const struct st *S, int i)
{
    const struct tok *t = &S->t[i];
    size_t ml = 0;
    return (t->f & T_PUNCT) && ex__quote_mark_at(S->s, t->e, t->s, &ml) == EX__MARK_DOUBLE &&
           t->s + ml == t->e;
}

/* Content [a, b) with sentence-final punctuation trimmed; not a closing mark whose opening
 * one stays: "the attack was \"deeply shocking.\"" keeps both marks of the words it quotes
 * (too few to be a quotation of their own). */
static struct ex_span content_span(const struct st *S, int a, int b)
{
    int end = b;
    while (b > a && (S->t[b - 1].f & T_PUNCT) && !(S->t[b - 1].f & T_QCLOSE)) {
        /* "at 5 a.m.", "Acme Inc.": an abbreviation keeps its period */
        if (b - 2 >= a && abbrev_dot(S, b - 1)) break;
        b--;
    }
    while (a < b && (S->t[a].f & T_PUNCT) && !(S->t[a].f & T_QOPEN))
        a++;
    int marks = 0;
    for (int i = a; i < b; i++)
        marks += double_mark(S, i);
    if (marks % 2)
        for (int i = b; i < end; i++)
            if (double_mark(S, i)) {
                b = i + 1;
                break;
            }
    return tspan(S, a, b);
}

static void set_speaker(struct stmt *x, const struct st *S, const struct subj *sj)
{
    x->st.speaker.entity_id = sj->entity;
    x->st.speaker.text = tspan(S, sj->a, sj->b);
    x->ekind = sj->kind;
}

/* Token index of the quote's opening and closing marks (-1 when absent). */
static int quote_tok(const struct st *S, uint32_t byte)
{
    int lo = 0, hi = S->nt;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (S->t[mid].s < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < S->nt && S->t[lo].s == byte ? lo : -1;
}

/* Makes a direct statement of quote qi. */
static struct stmt *direct_stmt(struct st *S, int qi, int cue_tok, const struct subj *sj)
{
    if (qi < 0 || (size_t)qi >= S->nq || S->quote_stmt[qi] >= 0) return NULL;
    struct stmt *x = new_stmt(S);
    if (!x) return NULL;
    const struct ex__quote *q = &S->q[qi];
    x->st.kind = EX_DIRECT;
    x->st.content = q->content;
    x->st.quote = q->content;
    x->quote = qi;
    x->para = (int)q->para;
    x->cue_tok = cue_tok;
    /* the sentence later clauses look for ("“...,” X told Y, adding that ..." in any sentence
     * of the article, not only the first) */
    int at = cue_tok >= 0
                 ? cue_tok
                 : quote_tok(S, q->open.end > q->open.start ? q->open.start : q->content.start);
    x->sent = at >= 0 ? sent_of(S, at) : -1;
    if (cue_tok >= 0) x->st.cue = tspan(S, cue_tok, cue_tok + 1);
    if (sj) set_speaker(x, S, sj);
    uint32_t a = q->open.end > q->open.start ? q->open.start : q->content.start;
    uint32_t b = q->close.end > q->close.start ? q->close.end : q->content.end;
    if (sj && sj->b > sj->a) {
        if (S->t[sj->a].s < a) a = S->t[sj->a].s;
        if (S->t[sj->b - 1].e > b) b = S->t[sj->b - 1].e;
    }
    if (cue_tok >= 0 && S->t[cue_tok].e > b) b = S->t[cue_tok].e;
    x->st.span = (struct ex_span){a, b};
    S->quote_stmt[qi] = (int)(x - S->out);
    return x;
}

/* Skips an addressee noun phrase after an object-taking cue: "told the Reuters news agency". */
static int skip_object(const struct st *S, int i, int sb)
{
    int k = 0;
    while (i < sb && k < 7 && is_word(S, i) && !tw(S, i, "that") && !tw(S, i, "of") &&
           !tin(S, i, L_ADVERBIAL) && !(S->t[i].f & T_CUE)) {
        /* "told reporters the outlook was ...": a determiner or pronoun after the addressee
         * starts the reported clause */
        if (k > 0 &&
            (tin(S, i, L_DET) || tin(S, i, L_PRON_H) || tin(S, i, L_PRON_I) ||
             tin(S, i, L_PRON_T)) &&
            !tin(S, i - 1, L_DET))
            break;
        i++;
        k++;
    }
    return i;
}

/* Position of a complementizer "that" reachable over adverbials from i, or -1. */
static int find_that(const struct st *S, int i, int sb, int limit)
{
    int content_words = 0;
    for (int k = 0; i < sb && k < limit; i++, k++) {
        if (tw(S, i, "that")) return i;
        if (S->t[i].f & (T_QOPEN | T_QCLOSE | T_CUE)) return -1;
        if (tp(S, i, ';') || tp(S, i, ':')) return -1;
        /* "on January 7", "in a statement": adverbials; "at least a partial restoration of
         * services that": an object with a relative clause */
        if (is_word(S, i) && !(S->t[i].f & T_CAP) && !tin(S, i, L_ADVERBIAL) && !tin(S, i, L_DET) &&
            !(S->s[S->t[i].s] >= '0' && S->s[S->t[i].s] <= '9') && ++content_words > 2)
            return -1;
    }
    return -1;
}

/* Whether what follows the cue (from i) is only attribution detail: the sentence end, or
 * adverbials without a reported clause ("on January 7", "in the address while ..."). */
/* After "said", a time adverbial before the reported clause is not part of what was said:
 * "on Monday", "last week", "on Jan. 7", "yesterday", "earlier". Returns the token after it,
 * or i when there is none. */
static int when_end(const struct st *S, int i, int sb)
{
    static const char *const alone[] = {"yesterday",  "today",     "tonight",    "earlier",
                                        "later",      "recently",  "previously", "again",
                                        "also",       "publicly",  "privately",  "separately",
                                        "repeatedly", "overnight", NULL};
    static const char *const lead[] = {"on", "last", "this", "early", "late", "next", NULL};
    /* "officials said Tuesday": a day's name needs no "on" (AP style); the rest do */
    static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday",    NULL};
    static const char *const when[] = {
        "week",    "month",   "year",      "night",   "morning",  "afternoon", "evening",
        "weekend", "january", "february",  "march",   "april",    "may",       "june",
        "july",    "august",  "september", "october", "november", "december",  "jan",
        "feb",     "mar",     "apr",       "jun",     "jul",      "aug",       "sep",
        "sept",    "oct",     "nov",       "dec",     NULL};
    static const char *const medium[] = {"statement", "interview", "speech",  "post",
                                         "tweet",     "letter",    "video",   "briefing",
                                         "email",     "release",   "message", NULL};
    static const char *const det[] = {"a", "an", "the", "his", "her", "its", "their", NULL};
    int j = i;
    /* "in a statement", "in an interview on Monday" */
    if (j + 2 < sb && tw(S, j, "in") && tin_any(S, j + 1, det) && tin_any(S, j + 2, medium)) {
        j += 3;
        int k = when_end(S, j, sb);
        return k > j ? k : j;
    }
    if (j < sb && tin_any(S, j, alone)) return j + 1;
    if (j < sb && tin_any(S, j, lead)) j++;
    int day = j < sb && tin_any(S, j, days);
    if (j >= sb || (!day && (j == i || !tin_any(S, j, when)))) return i;
    j++;
    if (j < sb && tp(S, j, '.')) j++; /* "Jan." */
    if (j < sb && (S->t[j].f & T_WORD) && S->s[S->t[j].s] >= '0' && S->s[S->t[j].s] <= '9')
        j++; /* "7" */
    return j;
}

/* The end of a time adjunct at i ("on Monday", "last week", "in a statement"), when words
 * follow it; else i. */
static int skip_when(const struct st *S, int i, int sb)
{
    int j = when_end(S, i, sb);
    return j > i && j < sb && is_word(S, j) ? j : i;
}

static int adjunct_before(const struct st *S, int i, int sb);

static int tail_is_adjunct(const struct st *S, int i, int sb)
{
    /* ", adding that ...", ", saying ...": a participle clause is a statement of its own
     * (at_cue handles it), so the tail before it is what decides */
    for (int k = i; k + 1 < sb; k++)
        if (tp(S, k, ',') && (S->t[k + 1].f & T_CUE) && (S->t[k + 1].f & T_ING) &&
            S->t[k + 1].q < 0) {
            sb = k;
            break;
        }
    return adjunct_before(S, i, sb);
}

/* tail_is_adjunct() with the tail's end already found (the recursion does not look again). */
static int adjunct_before(const struct st *S, int i, int sb)
{
    if (i >= sb) return 1;
    if (tp(S, i, ',')) {
        if (i + 1 >= sb) return 1;
        if ((S->t[i + 1].f & T_WORD) && adjunct_before(S, i + 1, sb)) return 1;
        /* an apposition to the speaker: ", the group's leader." (no verb, cue or quote) */
        for (int k = i + 1; k < sb; k++) {
            /* "..., a co-author of the study, which was published in ...": the verbs of a
             * relative clause are the apposition's */
            if (tp(S, k - 1, ',') && (tw(S, k, "which") || tw(S, k, "who") || tw(S, k, "whose")))
                return 1;
            if (tin(S, k, L_FINITE) || (S->t[k].f & (T_CUE | T_QOPEN)) || tw(S, k, "that") ||
                tp(S, k, ';'))
                return 0;
        }
        return 1;
    }
    if (S->t[i].f & T_PUNCT) return !(S->t[i].f & T_QOPEN) && !tp(S, i, ':');
    /* "..., officials said Tuesday, the largest outbreak in 30 years." */
    int when = when_end(S, i, sb);
    if (when > i) return adjunct_before(S, when, sb);
    if (!tin(S, i, L_ADVERBIAL)) return 0;
    for (int k = i; k < sb && !(S->t[k].f & T_QOPEN); k++)
        if (tw(S, k, "that")) return 0;
    return 1;
}

/* The quote whose closing mark is at token i or just before it (",” X said"), or -1. */
static int quote_closing_at(const struct st *S, int i)
{
    for (int k = 0; k < 2 && i >= 0; k++, i--) {
        if (S->t[i].f & T_QCLOSE) return S->t[i].q;
        if (!tp(S, i, ',')) return -1;
    }
    return -1;
}

/* The quote opening at token i or just after a comma or colon, or -1. */
static int quote_opening_at(const struct st *S, int i, int sb)
{
    for (int k = 0; k < 2 && i < sb; k++, i++) {
        if (S->t[i].f & T_QOPEN) return S->t[i].q;
        if (!tp(S, i, ',') && !tp(S, i, ':')) return -1;
    }
    return -1;
}

/* "Lufthansa's head of human resources, Michael Niggemann, called ...", "Its spokesman, Jay
 * Tarriela, posted ...": a person's name in apposition to the phrase opening at i, before
 * lim, as the subject [sj->a, sj->b). Returns 0 when there is none. */
static int apposed_person(const struct st *S, int i, int lim, struct subj *sj)
{
    for (int c1 = i + 1; c1 < lim && c1 - i <= 10 && !(S->t[c1].f & (T_QOPEN | T_QCLOSE)); c1++) {
        if (!tp(S, c1, ',')) continue;
        int m = c1 + 1 < lim ? S->t[c1 + 1].m : -1, c2 = c1 + 1;
        while (c2 < lim && m >= 0 && S->t[c2].m == m)
            c2++;
        if (m >= 0 && c2 < lim && tp(S, c2, ',') && ekind_of(S, S->m[m].entity) == EX_PERSON) {
            sj->a = c1 + 1;
            sj->b = c2;
            return 1;
        }
        return 0;
    }
    return 0;
}

/* Start of a statement's reported clause taken from the start of the sentence: a clause
 * that opens inside a quotation belongs to that quotation's statement. */
/* The subject at the start of the sentence [sa, lim), for a clause that shares it ("The
 * company reported a loss and said ...", "He has denied wrongdoing, saying ..."): a pronoun,
 * a run of capitalized words naming an entity, or "the" and a few words ending in a role or
 * speaker noun. Returns 0 when there is none. */
static int sentence_subject(const struct st *S, int sa, int lim, struct subj *sj)
{
    int i = dateline_end(S, sa);
    while (i < lim && (tin(S, i, L_LEAD_SKIP) || (S->t[i].f & T_PUNCT)))
        i++;
    if (i >= lim) return 0;
    memset(sj, 0, sizeof(*sj));
    sj->a = i;
    if (tin(S, i, L_PRON_H) || tin(S, i, L_PRON_I) || tin(S, i, L_PRON_T)) {
        sj->b = i + 1;
        return 1;
    }
    if (apposed_person(S, i, lim, sj)) return 1;
    int e = i, named = 0;
    /* through the connectors of a name: "The Central Bank of Kenya" */
    while (e < lim && e - i < 8 &&
           ((S->t[e].f & T_CAP) || (e > i && S->t[e].m >= 0 && S->t[e].m == S->t[e - 1].m) ||
            (e > i && abbrev_dot(S, e)))) { /* "Dr. Sarah Jensen" */
        if (S->t[e].m >= 0) named = 1;
        e++;
    }
    if (named) {
        /* "Facebook co-founder Mark Zuckerberg tweeted ... and said": a role between names */
        int j = e;
        while (j < lim && j - e < 3 && !(S->t[j].f & T_CAP) && (is_word(S, j) || tp(S, j, '-')))
            j++;
        if (j > e && j < lim && role_word(S, j - 1) && (S->t[j].f & T_CAP) && S->t[j].m >= 0)
            for (e = j; e < lim && e - i < 12 &&
                        ((S->t[e].f & T_CAP) || (S->t[e].m >= 0 && S->t[e].m == S->t[e - 1].m));)
                e++;
        sj->b = e;
        return 1;
    }
    if (tw(S, i, "the")) {
        for (e = i + 1; e < lim && e - i <= 4 && is_word(S, e); e++)
            if (tin(S, e, L_ROLE_PERSON) || tin(S, e, L_ROLE_ORG) || tin(S, e, L_SPEAKER_NOUN) ||
                S->t[e].m >= 0) {
                sj->b = e + 1;
                return 1;
            }
    }
    return 0;
}

static int previous_stmt_in_sentence(const struct st *S, int sent)
{
    for (int k = S->n_out - 1; k >= 0; k--) {
        if (S->out[k].cue_tok < 0) continue;
        if (S->out[k].sent != sent) return -1;
        return k;
    }
    return -1;
}

static struct stmt *indirect_stmt(struct st *S, int cue, const struct subj *sj, int ca, int cb,
                                  int sa, int sb)
{
    int d = dateline_end(S, ca);
    if (sa == ca) sa = d;
    ca = d;
    struct ex_span c = content_span(S, ca, cb);
    if (c.end <= c.start) return NULL;
    /* a reported clause has a subject and a verb: "said nothing" reports no words */
    int words = 0;
    for (int i = ca; i < cb && words < 2; i++)
        words += is_word(S, i);
    if (words < 2) return NULL;
    struct stmt *x = new_stmt(S);
    if (!x) return NULL;
    x->st.kind = EX_INDIRECT;
    x->st.content = c;
    x->st.cue = tspan(S, cue, cue + 1);
    set_speaker(x, S, sj);
    x->para = S->t[cue].para;
    x->sent = sent_of(S, cue);
    x->cue_tok = cue;
    uint32_t a = S->t[sa].s, b = S->t[sb - 1].e;
    if (c.start < a) a = c.start;
    if (c.end > b) b = c.end;
    x->st.span = (struct ex_span){a, b};
    return x;
}

/* "according to X": at the sentence start ("According to X, clause.") or its end
 * ("clause, according to X."). */
static void according_to(struct st *S, int i, int sa, int sb)
{
    struct subj sj = {0};
    if (i == sa || (i == sa + 1 && tin(S, sa, L_LEAD_SKIP))) {
        int k = i + 2;
        while (k < sb && !tp(S, k, ','))
            k++;
        if (k >= sb || k - i > 14) return; /* no comma: the source is not delimited */
        sj.a = i + 2;
        sj.b = k;
        /* an appositive name after the role: "the team's coach, Alireza Mehraban," */
        int j = k + 1, caps = 1;
        while (j < sb && !tp(S, j, ',') && j - k <= 5) {
            if (!(S->t[j].f & T_CAP)) caps = 0;
            j++;
        }
        if (caps && j < sb && tp(S, j, ',') && j > k + 1) {
            sj.b = j;
            k = j;
        }
        /* a relative clause about the source: "the report, which was released on Tuesday," */
        if (k + 1 < sb && (tw(S, k + 1, "which") || tw(S, k + 1, "who"))) {
            j = k + 2;
            while (j < sb && !tp(S, j, ','))
                j++;
            if (j + 1 < sb && j - k <= 16) k = j;
        } else if (k + 2 < sb && (tw(S, k + 1, "the") || tw(S, k + 1, "a") || tw(S, k + 1, "an"))) {
            /* an apposition about the source with a relative clause in it: "According to
             * Max Schrems, the Austrian activist who brought the complaint, the ruling ..." */
            int rel = 0;
            j = k + 2;
            while (j < sb && !tp(S, j, ',')) {
                rel |= tw(S, j, "who") || tw(S, j, "which") || tw(S, j, "whose");
                j++;
            }
            if (rel && j + 1 < sb && j - k <= 20) k = j;
        } else if (k + 2 < sb && !(S->t[k + 1].f & T_CAP) &&
                   (tin(S, k + 1, L_ROLE_PERSON) || tin(S, k + 2, L_ROLE_PERSON))) {
            /* "According to Mark Zandi, chief economist at Moody's Analytics, the labor
             * market ...": a role in apposition to the source */
            j = k + 1;
            int verb = 0;
            while (j < sb && !tp(S, j, ',') && j - k <= 10) {
                verb |= tin(S, j, L_FINITE) || (S->t[j].f & T_CUE);
                j++;
            }
            if (!verb && j + 3 < sb && tp(S, j, ',')) k = j;
        }
        resolve_subject(S, &sj, S->t[i].para);
        if (!sj.valid) return;
        /* "According to the Herald, X said ...": the source of someone else's statement */
        for (int m = k + 1; m < sb; m++)
            if ((S->t[m].f & T_CUE) && S->t[m].q < 0 &&
                (!(S->t[m].f & T_CUET) || tw(S, m + 1, "that") || tp(S, m + 1, ':') ||
                 quote_opening_at(S, m + 1, sb) >= 0))
                return;
        struct stmt *x = indirect_stmt(S, i, &sj, k + 1, sb, sa, sb);
        if (x) x->st.cue = tspan(S, i, i + 2);
        note_antecedent(S, sj.entity, S->t[i].para);
        return;
    }
    if (i > sa + 2 && tp(S, i - 1, ',')) {
        int prev = previous_stmt_in_sentence(S, sent_of(S, i));
        if (prev >= 0) return; /* "..., the ministry said, according to state TV" */
        sj.a = i + 2;
        sj.b = sb;
        /* "..., according to AFP, the UN and US have both criticised.": a parenthetical
         * source with the clause going on after it is left alone */
        for (int m = i + 2; m < sb; m++)
            if (tp(S, m, ',')) {
                for (int v = m + 1; v < sb; v++)
                    if (tin(S, v, L_FINITE)) return;
                break;
            }
        resolve_subject(S, &sj, S->t[i].para);
        if (!sj.valid) return;
        int qi = quote_closing_at(S, i - 1);
        if (qi >= 0 && !(S->q[qi].flags & EX__Q_SCARE)) {
            direct_stmt(S, qi, -1, &sj);
            return;
        }
        struct stmt *x = indirect_stmt(S, i, &sj, sa, i - 1, sa, sb);
        if (x) x->st.cue = tspan(S, i, i + 2);
    }
}

/* Whether token i is a cue that ends a subject phrase scanned backwards: not a plural noun
 * spelled like one before a comma ("Governors of several Amazon states, including ...,
 * said"), where no quotation follows. */
static int noun_cue(const struct st *S, int i)
{
    if (!(S->t[i].f & T_CUE)) return 0;
    return !(tp(S, i + 1, ',') && i + 2 < S->nt && !(S->t[i + 2].f & T_QOPEN));
}

/* One speech cue at token c (see the file comment for the shapes). */
static void at_cue(struct st *S, int c)
{
    const struct tok *ct = &S->t[c];
    int sa = sent_begin(S, c), sb = sent_end(S, c);
    int para = ct->para;
    if (ct->q >= 0) return; /* a cue inside quoted words is theirs, not an attribution */
    int j = c - 1, neg = 0, be = 0;
    int qa = quoted_as(S, c, sa);
    if (qa >= 0) j = qa - 1;
    while (j >= sa && is_word(S, j) && !(S->t[j].f & T_CAP) &&
           (tin(S, j, L_AUX) ||
            (S->t[j].e - S->t[j].s > 3 && strncmp(S->s + S->t[j].e - 3, "n't", 3) == 0))) {
        if (tin(S, j, L_NEG) || strncmp(S->s + S->t[j].e - 3, "n't", 3) == 0) neg = 1;
        if (tin(S, j, L_BE)) be = 1;
        j--;
    }
    if (neg) return;
    if (be && !(ct->f & T_ING)) return; /* passive: "is said to", "were told" */
    /* "had argued with the two men over a spilt drink": a quarrel, no statement */
    if (tw(S, c + 1, "with") && !(ct->f & T_ING)) return;
    struct subj sj = {0};
    int k; /* the token left of the subject, or sa - 1 */
    if (j >= sa && tp(S, j, ',') && j > sa && !(ct->f & T_ING)) {
        /* "X, the former head of Y, told ..." or "Secunia.com, has said": the subject is
         * the first comma-separated phrase of the clause, after the dateline */
        int cs = j - 1, da = dateline_end(S, sa);
        /* "David Burritt, who had warned that the company might close mills, said": a
         * relative clause before the cue is the subject's, whatever words it holds */
        for (int r = j - 1; r > da + 1; r--) {
            if (S->t[r].f & (T_QOPEN | T_QCLOSE)) break;
            if (tp(S, r - 1, ',') && (tw(S, r, "who") || tw(S, r, "which"))) {
                cs = r - 2;
                break;
            }
        }
        while (cs >= da && !(S->t[cs].f & (T_QOPEN | T_QCLOSE)) && !noun_cue(S, cs) &&
               !tp(S, cs, ';') && !tp(S, cs, ':') && !tp(S, cs, '(') && !tw(S, cs, "that") &&
               !tw(S, cs, "but")) {
            /* "X, whose Farmer-Citizen Movement (BBB) holds a seat, said": parentheses
             * closed before the cue are inside the phrase */
            if (tp(S, cs, ')')) {
                int o = cs - 1;
                while (o >= sa && !tp(S, o, '(') && !tp(S, o, ')'))
                    o--;
                if (o >= sa && tp(S, o, '(')) cs = o;
            }
            cs--;
        }
        /* "Meanwhile, the governor of ..., X, said": a leading adverb is no subject */
        if (cs + 2 < j && tin(S, cs + 1, L_LEAD_SKIP) && tp(S, cs + 2, ',')) cs += 2;
        /* "Meanwhile, in Geneva, the WHO's chief scientist, X, told": nor is a place or time
         * phrase */
        if (cs + 2 < j && tin(S, cs + 1, L_SUBJ_CUT)) {
            int pc = cs + 2;
            while (pc < j && pc < cs + 8 && !tp(S, pc, ','))
                pc++;
            if (pc + 1 < j && tp(S, pc, ',')) cs = pc;
        }
        int fc = cs + 1;
        while (fc < j && !tp(S, fc, ','))
            fc++;
        /* "According to the Herald, Professor X, the chairman, said": the source phrase is
         * not the subject */
        if (tw(S, cs + 1, "according") && fc < j) {
            cs = fc;
            fc = cs + 1;
            while (fc < j && !tp(S, fc, ','))
                fc++;
        }
        /* "Recipients, said Maurer, are required ...": no subject before the comma unless an
         * appositive or an auxiliary stands between it and the cue */
        int apposition = fc < j || j != c - 1;
        if ((cs < da || tp(S, cs, ',') || (S->t[cs].f & T_QCLOSE)) && fc > cs + 1 && apposition &&
            !(S->t[fc - 1].f & T_QCLOSE)) {
            sj.a = cs + 1;
            sj.b = fc;
            k = cs;
            /* a name in apposition belongs to the speaker: "Its chief economist, Pierre
             * Gourinchas, told" */
            /* "A witness, Sarah Thompson, 27, told": the age after the name */
            int je = j;
            if (je - 2 > fc + 1 && tp(S, je - 2, ',') && is_word(S, je - 1) &&
                S->s[S->t[je - 1].s] >= '1' && S->s[S->t[je - 1].s] <= '9' &&
                S->t[je - 1].e - S->t[je - 1].s <= 3)
                je -= 2;
            int caps = fc + 1 < je && je - fc <= 5;
            for (int m = fc + 1; m < je && caps; m++)
                if (!(S->t[m].f & T_CAP)) caps = 0;
            /* "Another speaker, retired teacher Alan Brooks, said": a person's name closing it */
            /* (when the phrase before names nobody: "Jeff Rathke, the State Department
             * spokesperson, said" is Rathke) */
            int named = fc + 1 < je && je - fc <= 7 && S->t[je - 1].m >= 0 &&
                        ekind_of(S, S->m[S->t[je - 1].m].entity) == EX_PERSON;
            for (int m = cs + 1; m < fc && named; m++)
                if (S->t[m].m >= 0 && ekind_of(S, S->m[S->t[m].m].entity) == EX_PERSON) named = 0;
            if (caps || named) sj.b = je;
            /* "The Labour MP for Birmingham Ladywood, Shabana Mahmood, who is also the
             * Justice Secretary, said": a person's name right after the first phrase, before
             * a relative clause */
            int ne = fc + 1;
            while (ne < je && S->t[ne].m >= 0 && S->t[ne].m == S->t[fc + 1].m)
                ne++;
            int rel = ne > fc + 1 && ne + 1 < je && tp(S, ne, ',') &&
                      (tw(S, ne + 1, "who") || tw(S, ne + 1, "whose")) &&
                      ekind_of(S, S->m[S->t[fc + 1].m].entity) == EX_PERSON;
            for (int m = cs + 1; m < fc && rel; m++)
                if (S->t[m].m >= 0 && ekind_of(S, S->m[S->t[m].m].entity) == EX_PERSON) rel = 0;
            if (!caps && !named && rel) sj.b = ne;
            /* "The study's lead author, Dr. Emma Walsh of University College London, told":
             * a person's name opening the apposition, whatever follows it */
            int p = fc + 1;
            if (p + 2 < je && tin(S, p, L_ABBREV) && tp(S, p + 1, '.')) p += 2;
            if (!caps && !named && !rel && p < je && S->t[p].m >= 0 &&
                ekind_of(S, S->m[S->t[p].m].entity) == EX_PERSON) {
                int solo = 1;
                for (int m = cs + 1; m < fc && solo; m++)
                    if (S->t[m].m >= 0 && ekind_of(S, S->m[S->t[m].m].entity) == EX_PERSON)
                        solo = 0;
                int pe = p;
                while (pe < je && S->t[pe].m == S->t[p].m)
                    pe++;
                if (solo) sj.b = pe;
            }
        } else {
            sj.a = sj.b = j + 1;
            k = j;
        }
    } else {
        k = j;
        while (k >= sa && !left_boundary(S, k))
            k--;
        sj.a = k + 1;
        sj.b = j + 1;
    }
    int after = c + 1;
    if (sj.a >= sj.b) {
        /* no subject before the cue */
        /* "called it “the wrong decision,” noting that ...": the comma inside the marks */
        int comma_in_quote =
            k > sa && tp(S, k - 1, ',') &&
            ((S->t[k].f & T_QCLOSE) || tp(S, k, '"') ||
             (S->t[k].e - S->t[k].s == 3 && !memcmp(S->s + S->t[k].s, "\xe2\x80\x9d", 3)));
        if ((ct->f & T_ING) && k >= sa &&
            (tp(S, k, ',') || comma_in_quote || tw(S, k, "by") || tw(S, k, "while") ||
             tw(S, k, "after") || tw(S, k, "before") || tw(S, k, "when"))) {
            int prev = previous_stmt_in_sentence(S, sent_of(S, c));
            /* ", noting that ..." continues a reported clause: the same statement; after a
             * quotation ("“...,” X said, adding that ...") it is one of its own */
            if (prev >= 0 && tp(S, k, ',') && S->out[prev].st.kind != EX_DIRECT) return;
            if (prev < 0) {
                /* "He has denied any wrongdoing, saying the charges were ..." */
                struct subj ss;
                if (!sentence_subject(S, sa, k, &ss)) return;
                resolve_subject(S, &ss, para);
                if (!ss.valid) return;
                int that = find_that(S, after, sb, 3);
                int ca = that >= 0 ? that + 1 : after;
                int qi = quote_opening_at(S, ca, sb);
                if (that < 0 && qi < 0 && !tw(S, c, "saying") && !tw(S, c, "adding")) return;
                struct stmt *x = qi >= 0 && quote_tok(S, S->q[qi].close.start) >= sb - 2
                                     ? direct_stmt(S, qi, c, &ss)
                                     : indirect_stmt(S, c, &ss, ca, sb, sa, sb);
                if (x) note_antecedent(S, ss.entity, para);
                return;
            }
            struct stmt *p = &S->out[prev];
            /* the new clause starts at the last comma or conjunction before "by saying" */
            int cut = k;
            for (int i = k; i > p->cue_tok; i--)
                if (tp(S, i, ',') || tw(S, i, "but") || tw(S, i, "and")) {
                    cut = i;
                    break;
                }
            if (p->cut_from < 0) p->cut_from = cut;
            struct subj none = {0};
            struct ex_speaker sp = p->st.speaker;
            int ek = p->ekind;
            struct stmt *x = NULL;
            int that = find_that(S, after, sb, 3);
            int ca = that >= 0 ? that + 1 : after;
            int qi = quote_opening_at(S, ca, sb);
            if (that < 0 && qi < 0 && !tw(S, c, "saying") && !tw(S, c, "adding")) return;
            if (qi >= 0 && quote_tok(S, S->q[qi].close.start) >= sb - 2)
                x = direct_stmt(S, qi, c, NULL);
            else
                x = indirect_stmt(S, c, &none, ca, sb, cut + 1, sb);
            if (x) { /* the speaker of the clause it continues */
                x->st.speaker = sp;
                x->ekind = ek;
                /* the statement reaches back to its speaker's name when that stands in the
                 * sentence ("“...,” X told Y, adding that ...") */
                if (sp.text.end > sp.text.start && sp.text.start < x->st.span.start &&
                    sp.text.start >= S->t[sa].s)
                    x->st.span.start = sp.text.start;
            }
            return;
        }
        /* a second verb of the sentence's subject: "The company reported a loss and said" */
        if (k >= sa && tw(S, k, "and") && !(ct->f & T_ING) && sentence_subject(S, sa, k, &sj)) {
            /* "He accused X of ... and said he would ...": the first ends at "and" */
            int prev = previous_stmt_in_sentence(S, sent_of(S, c));
            if (prev >= 0 && S->out[prev].cut_from < 0) S->out[prev].cut_from = k + 1;
            goto subject_found;
        }
        /* inverted: "“...,” said Ambassador Mohib." / "..., said the ministry."; a
         * participle has no subject after it */
        if (k < sa || !(tp(S, k, ',') || (S->t[k].f & T_QCLOSE)) || (ct->f & T_ING)) return;
        int e = after;
        /* "said Dr. Ron Cook": an abbreviation's period is inside the name */
        while (e < sb && e - after < 8 &&
               ((is_word(S, e) && !tin(S, e, L_ADVERBIAL)) ||
                (tp(S, e, '.') && e > after && tin(S, e - 1, L_ABBREV) && e + 1 < sb &&
                 (S->t[e + 1].f & T_CAP)))) {
            /* "..., state health officials said": a noun spelled like a cue ("state") before
             * the cue of the clause is none */
            if (S->t[e].f & T_CUE) return;
            e++;
        }
        if (e == after) return;
        int qi = quote_closing_at(S, k);
        int adjunct = tail_is_adjunct(S, e, sb);
        /* "“...,” said X, “...”" (split quotation) and "Recipients, said X, are ..."
         * (parenthetical attribution: the whole sentence is the statement) */
        int split = tp(S, e, ',') && e + 1 < sb && (S->t[e + 1].f & T_QOPEN);
        int paren = !adjunct && qi < 0 && tp(S, e, ',') && !split;
        if (!adjunct && !(qi >= 0 && split) && !paren) return;
        sj.a = after;
        sj.b = e;
        resolve_subject(S, &sj, para);
        if (!sj.valid) return;
        if (qi >= 0) {
            if (direct_stmt(S, qi, c, &sj)) note_antecedent(S, sj.entity, para);
            return;
        }
        if (tp(S, k, ',') && k > sa) {
            indirect_stmt(S, c, &sj, sa, paren ? sb : k, sa, sb);
            note_antecedent(S, sj.entity, para);
        }
        return;
    }
subject_found:
    resolve_subject(S, &sj, para);
    if (!sj.valid) return;
    /* "A neighbour, who asked not to be named, told the BBC ... '...,' she said": a person
     * named by no name is whom the next "she" means, not the woman named before */
    static const char *const unnamed[] = {"witness",  "resident", "neighbour",
                                          "neighbor", "source",   NULL};
    if (!sj.pron && ekind_of(S, sj.entity) != EX_PERSON && sj.b > sj.a &&
        (tin(S, sj.b - 1, L_ROLE_PERSON) || tin_any(S, sj.b - 1, unnamed)))
        S->last_he = S->last_she = S->last_any = -1;
    /* clause before: "“...,” X said." / "..., X said." */
    int obj_end = ct->f & T_CUEO ? skip_object(S, after, sb) : after;
    int qb = sj.a > sa ? quote_closing_at(S, sj.a - 1) : -1;
    int split = tp(S, obj_end, ',') && obj_end + 1 < sb && (S->t[obj_end + 1].f & T_QOPEN);
    if (sj.a > sa && (tp(S, sj.a - 1, ',') || (S->t[sj.a - 1].f & T_QCLOSE)) &&
        (tail_is_adjunct(S, obj_end, sb) || (qb >= 0 && split)) && !(S->t[sj.a - 1].f & T_QOPEN)) {
        int qi = qb;
        if (qi >= 0) {
            if (direct_stmt(S, qi, c, &sj)) note_antecedent(S, sj.entity, para);
            return;
        }
        if (tp(S, sj.a - 1, ',')) {
            int ca = sa;
            int prev = previous_stmt_in_sentence(S, sent_of(S, c));
            if (prev >= 0) return;
            indirect_stmt(S, c, &sj, ca, sj.a - 1, sa, sb);
            note_antecedent(S, sj.entity, para);
        }
        return;
    }
    /* parenthetical: "The bill, the White House said, would be vetoed." */
    if (sj.a > sa + 1 && tp(S, sj.a - 1, ',') && tp(S, obj_end, ',') && qb < 0 &&
        obj_end + 1 < sb && is_word(S, obj_end + 1) && !tw(S, obj_end + 1, "that") &&
        previous_stmt_in_sentence(S, sent_of(S, c)) < 0) {
        indirect_stmt(S, c, &sj, sa, sb, sa, sb);
        note_antecedent(S, sj.entity, para);
        return;
    }
    /* clause after: "X said (on DATE) that ...", "X told Y that ...", "X said: “...”" */
    int i = after;
    if (ct->f & T_CUEO) {
        i = obj_end;
        int clause =
            i > after && i < sb &&
            (tin(S, i, L_DET) || tin(S, i, L_PRON_H) || tin(S, i, L_PRON_I) || tin(S, i, L_PRON_T));
        int that = clause ? -1 : find_that(S, i, sb, 10);
        if (clause && quote_opening_at(S, i, sb) < 0) {
            /* "told reporters the outlook was ..." */
        } else if (that >= 0) {
            i = that + 1;
        } else {
            int qi = quote_opening_at(S, i, sb);
            if (qi >= 0) {
                if (direct_stmt(S, qi, c, &sj)) note_antecedent(S, sj.entity, para);
                return;
            }
            if (tw(S, c, "told") || tw(S, c, "tell") || tw(S, c, "tells") || tw(S, c, "telling") ||
                i == after)
                return;
            i = after; /* "urged the government to ...", "accused X of ..." */
        }
    } else if (tw(S, i, "that")) {
        i++;
    } else if (i < sb && tin(S, i, L_ADVERBIAL)) {
        int that = find_that(S, i, sb, 10);
        if (that >= 0)
            i = that + 1;
        else if (ct->f & T_CUET)
            return;
        else
            i = skip_when(S, i, sb); /* "said on Monday the talks had failed" */
    } else if ((ct->f & T_CUET) && !tp(S, i, ':') && quote_opening_at(S, i, sb) < 0) {
        return;
    }
    /* "He said of the two countries' objections: “...”", "said of Smith that ...": what the
     * words are about comes between */
    if (i == after && tw(S, i, "of")) {
        int e = i + 1;
        while (e < sb && e - i <= 10 && !tp(S, e, ':') && !tw(S, e, "that") &&
               !(S->t[e].f & T_QOPEN) && !tp(S, e, '.') && !tp(S, e, ',') && !tp(S, e, ';'))
            e++;
        if (e < sb && (tp(S, e, ':') || tw(S, e, "that"))) i = tw(S, e, "that") ? e + 1 : e;
    }
    if (is_word(S, i) && !(S->t[i].f & T_CAP) && tp(S, i + 1, ':')) i++; /* "said only:" */
    if (tp(S, i, ':')) i++;
    if (i >= sb) return;
    int qi = quote_opening_at(S, i, sb);
    if (qi >= 0 && !(S->q[qi].flags & EX__Q_TITLE)) {
        int ce = quote_tok(S, S->q[qi].close.start);
        /* the whole clause is the quotation: direct */
        if (ce < 0 || ce >= sb - 2) {
            if (direct_stmt(S, qi, c, &sj)) note_antecedent(S, sj.entity, para);
            return;
        }
    }
    if (tp(S, i, '.') || tp(S, i, ',') || tp(S, i, ';')) return;
    int prev = previous_stmt_in_sentence(S, sent_of(S, c));
    if (prev >= 0 && S->out[prev].cut_from < 0) S->out[prev].cut_from = sj.a;
    indirect_stmt(S, c, &sj, i, sb, sj.a, sb);
    note_antecedent(S, sj.entity, para);
}

/* The end of a transcript line's label at token i, a paragraph's first: one to four
 * capitalized words (or a mention), then a colon with words after it in the paragraph
 * ("Sarah Lindqvist: I have lived ...", "Wikinews: Why ...?"). Returns the colon's token, or
 * -1. */
static int transcript_label(const struct st *S, int i)
{
    int e = i;
    while (e < S->nt && e - i < 4 && S->t[e].para == S->t[i].para &&
           ((S->t[e].f & T_CAP) || (e > i && S->t[e].m >= 0 && S->t[e].m == S->t[i].m)))
        e++;
    if (e == i || !tp(S, e, ':') || e + 1 >= S->nt || S->t[e + 1].para != S->t[i].para) return -1;
    return e;
}

/* The colon of a transcript line labeled with a person's name at token i (the label one
 * mention of a person: "Lindqvist: We need ..."), or -1. */
static int person_label(const struct st *S, int i)
{
    int c = transcript_label(S, i), m = S->t[i].m;
    if (c < 0 || m < 0 || S->t[c - 1].m != m || ekind_of(S, S->m[m].entity) != EX_PERSON) return -1;
    /* words said, not a result ("Joe Biden: 306 electoral votes") */
    int words = 0;
    for (int k = c + 1; k < S->nt && S->t[k].para == S->t[i].para && words < 4; k++)
        words += is_word(S, k) && !(S->s[S->t[k].s] >= '0' && S->s[S->t[k].s] <= '9');
    return words >= 4 ? c : -1;
}

/* An interview written as a transcript: every line labeled with a person's name is that
 * person's direct statement, the whole line. Only when two lines or more are (a single
 * "Update:" or "Photo:" line is no transcript); the labeled lines' words are then no
 * attributions of their own, the interviewer's questions included. */
static int transcript(struct st *S)
{
    int lines = 0;
    for (int i = 0; i < S->nt; i++)
        if ((i == 0 || S->t[i].para != S->t[i - 1].para) && person_label(S, i) >= 0) lines++;
    if (lines < 2) return 0;
    S->transcript = ex__arena_alloc(S->a, (size_t)S->t[S->nt - 1].para + 1);
    if (!S->transcript) return EX_ENOMEM;
    for (int i = 0; i < S->nt; i++) {
        if (i > 0 && S->t[i].para == S->t[i - 1].para) continue;
        int c = transcript_label(S, i);
        if (c < 0) continue;
        S->transcript[S->t[i].para] = 1;
        if (person_label(S, i) < 0) continue;
        int e = c + 1, m = S->t[i].m;
        while (e < S->nt && S->t[e].para == S->t[i].para)
            e++;
        struct stmt *x = new_stmt(S);
        if (!x) return EX_ENOMEM;
        x->st.kind = EX_DIRECT;
        x->st.content = x->st.quote = tspan(S, c + 1, e);
        x->st.span = tspan(S, i, e);
        x->st.speaker.entity_id = S->m[m].entity;
        x->st.speaker.text = tspan(S, i, c);
        x->para = S->t[i].para;
        x->sent = sent_of(S, c + 1);
        x->cue_tok = -1;
        x->ekind = EX_PERSON;
        note_antecedent(S, S->m[m].entity, x->para);
    }
    return 0;
}

static int stmt_cmp(const void *a, const void *b)
{
    const struct stmt *x = a, *y = b;
    if (x->st.span.start != y->st.span.start) return x->st.span.start < y->st.span.start ? -1 : 1;
    return x->st.content.start < y->st.content.start ? -1
                                                     : x->st.content.start > y->st.content.start;
}

/* The subject of the sentence a quotation q sits in, when words come before the quotation
 * and they open with a name of a person or body other than the entity 'other': the
 * quotation is then its words, not a continuation. */
static int own_subject(struct st *S, const struct ex__quote *q, int other, struct subj *sj)
{
    int qt = quote_tok(S, q->open.start);
    if (qt <= 0) return 0;
    int sa = sent_begin(S, qt);
    if (qt - sa < 3 || !sentence_subject(S, sa, qt, sj) || sj->b - sj->a < 1 ||
        !(S->t[sj->a].f & T_CAP) || tin(S, sj->a, L_PRON_H) || tin(S, sj->a, L_PRON_I) ||
        tin(S, sj->a, L_PRON_T))
        return 0;
    resolve_subject(S, sj, S->t[qt].para);
    return sj->valid && sj->entity >= 0 && sj->entity != other &&
           (sj->kind == EX_PERSON || sj->kind == EX_ORGANIZATION);
}

/* Quotations no cue claimed: continuations of the previous speaker. Statements are sorted
 * first, so that one forward walk over quotes and statements finds the one before each. */
static void continuation_quotes(struct st *S)
{
    qsort(S->out, (size_t)S->n_out, sizeof(*S->out), stmt_cmp);
    for (int k = 0; k < S->n_out; k++)
        if (S->out[k].quote >= 0) S->quote_stmt[S->out[k].quote] = k;
    int n1 = S->n_out, p = -1, last_new = -1;
    for (size_t qi = 0; qi < S->nq; qi++) {
        const struct ex__quote *q = &S->q[qi];
        uint32_t qs = q->open.end > q->open.start ? q->open.start : q->content.start;
        while (p + 1 < n1 && S->out[p + 1].st.span.start < qs)
            p++;
        if (S->quote_stmt[qi] >= 0) continue;
        if (q->flags & (EX__Q_SINGLE | EX__Q_NESTED)) continue;
        if ((q->flags & (EX__Q_SCARE | EX__Q_TITLE)) && !(q->flags & EX__Q_CONT_PREV)) continue;
        if ((q->flags & EX__Q_UNCLOSED) && !(q->flags & EX__Q_PARA_START)) continue;
        /* inside a reported clause: part of that statement (mixed) */
        int inside = 0;
        for (int k = p; k >= 0 && S->out[k].para == (int)q->para && !inside; k--)
            if (S->out[k].st.content.start <= q->content.start &&
                q->content.end <= S->out[k].st.content.end && S->out[k].quote < 0)
                inside = 1;
        if (inside) continue;
        /* "Fire information officer Mike Westwick: “The fire is moving fast.”": a name
         * and a colon before the quotation, no verb */
        int qt = q->open.end > q->open.start ? quote_tok(S, q->open.start) : -1;
        if (qt >= 2 && tp(S, qt - 1, ':') && S->t[qt - 2].m >= 0) {
            struct subj sj = {.a = dateline_end(S, sent_begin(S, qt)), .b = qt - 1};
            int verbless = sj.b - sj.a <= 10;
            for (int k = sj.a; k < sj.b && verbless; k++)
                verbless = !(S->t[k].f & (T_CUE | T_QOPEN | T_QCLOSE)) && !tin(S, k, L_FINITE);
            int ek = ekind_of(S, S->m[S->t[qt - 2].m].entity);
            if (verbless && (ek == EX_PERSON || ek == EX_ORGANIZATION)) {
                resolve_subject(S, &sj, (int)q->para);
                struct stmt *x =
                    sj.valid && sj.entity >= 0 ? direct_stmt(S, (int)qi, -1, &sj) : NULL;
                if (x) {
                    last_new = (int)(x - S->out);
                    continue;
                }
            }
        }
        int from = -1;
        if (q->prev >= 0 && S->quote_stmt[q->prev] >= 0) {
            from = S->quote_stmt[q->prev];
        } else {
            int b = p;
            if (last_new >= 0 &&
                (b < 0 || S->out[last_new].st.span.start > S->out[b].st.span.start))
                b = last_new;
            if (b < 0) continue;
            /* the same paragraph, or a quotation paragraph right after a direct quotation */
            int same = S->out[b].para == (int)q->para;
            int prevpara = S->out[b].para + 1 == (int)q->para && (q->flags & EX__Q_PARA_START) &&
                           S->out[b].st.kind == EX_DIRECT;
            if (!same && !prevpara) continue;
            from = b;
        }
        struct ex_speaker sp = S->out[from].st.speaker;
        int ek = S->out[from].ekind;
        /* "Governor Roy Cooper called the investment “a vote of confidence”": a quotation
         * inside a sentence whose subject names someone else is that one's words */
        struct subj own;
        if (own_subject(S, q, sp.entity_id, &own)) {
            struct stmt *x = direct_stmt(S, (int)qi, -1, &own);
            if (x) last_new = (int)(x - S->out);
            continue;
        }
        struct stmt *x = direct_stmt(S, (int)qi, -1, NULL);
        if (!x) continue;
        x->st.speaker = sp;
        x->ekind = ek;
        x->cue_tok = -1;
        last_new = (int)(x - S->out);
    }
    /* a quotation of several paragraphs attributed in its last one ("“This is ... /
     * “Do not wait,” the premier told ..."): its earlier paragraphs are the same speaker's */
    for (size_t qi = S->nq; qi-- > 0;) {
        const struct ex__quote *q = &S->q[qi];
        int nx = q->next;
        if (S->quote_stmt[qi] >= 0 || nx < 0 || (size_t)nx >= S->nq || S->quote_stmt[nx] < 0 ||
            (q->flags & (EX__Q_SINGLE | EX__Q_NESTED)))
            continue;
        const struct stmt *from = &S->out[S->quote_stmt[nx]];
        if (from->st.kind != EX_DIRECT) continue;
        struct ex_speaker sp = from->st.speaker;
        int ek = from->ekind;
        struct stmt *x = direct_stmt(S, (int)qi, -1, NULL);
        if (!x) continue;
        x->st.speaker = sp;
        x->ekind = ek;
    }
}

/* First quote whose content starts at or after pos (quotes are in body order). */
static size_t quote_from(const struct st *S, uint32_t pos)
{
    size_t lo = 0, hi = S->nq;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (S->q[mid].content.start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Kinds and quote spans of reported statements; cuts contents at a later attribution. */
static void finish(struct st *S)
{
    for (int k = 0; k < S->n_out; k++) {
        struct stmt *x = &S->out[k];
        if (x->cut_from >= 0 && x->st.kind != EX_DIRECT) {
            int ct = x->cut_from;
            uint32_t lim = S->t[ct].s;
            if (lim > x->st.content.start && lim < x->st.content.end) {
                int b = ct;
                while (b > 0 && S->t[b - 1].s >= x->st.content.start &&
                       (tin(S, b - 1, L_BOUND_W) || tw(S, b - 1, "and") ||
                        ((S->t[b - 1].f & T_PUNCT) && !(S->t[b - 1].f & T_QCLOSE))))
                    b--;
                if (b > 0 && S->t[b - 1].e > x->st.content.start) x->st.content.end = S->t[b - 1].e;
            }
        }
        if (x->st.kind == EX_DIRECT) continue;
        for (size_t qi = quote_from(S, x->st.content.start);
             qi < S->nq && S->q[qi].content.start < x->st.content.end; qi++) {
            const struct ex__quote *q = &S->q[qi];
            if (q->content.end > x->st.content.end) continue;
            /* a few words quoted ("had been cleared \"of criminal groups.\"") leave the
             * statement indirect, as the seed's gold has it */
            if (q->flags & (EX__Q_SINGLE | EX__Q_SCARE | EX__Q_TITLE)) continue;
            x->st.kind = EX_MIXED;
            x->st.quote = q->content;
            break;
        }
    }
}

/* Maps sentence spans onto tokens; without spans, splits at . ! ? before a capital. */
static int assign_sentences(struct st *S, const struct ex_span *sents, size_t n_sents,
                            struct ex_arena *a)
{
    S->sent_start = ex__arena_alloc(a, ((size_t)S->nt + 2) * sizeof(int));
    if (!S->sent_start) return EX_ENOMEM;
    int ns = 0;
    size_t si = 0;
    for (int i = 0; i < S->nt; i++) {
        int start = i == 0 || S->t[i].para != S->t[i - 1].para;
        if (sents && n_sents) {
            while (si < n_sents && sents[si].end <= S->t[i].s)
                si++;
            if (si < n_sents && i > 0 && S->t[i - 1].s < sents[si].start &&
                S->t[i].s >= sents[si].start)
                start = 1;
        } else if (i > 0 && !start) {
            /* fallback: after . ! ? (and closing marks), before a capital or an opening mark */
            int p = i - 1;
            while (p > 0 && (S->t[p].f & T_QCLOSE))
                p--;
            int end = tp(S, p, '.') || tp(S, p, '!') || tp(S, p, '?');
            int cap = (S->t[i].f & (T_CAP | T_QOPEN)) != 0;
            if (end && cap && p > 0 && is_word(S, p - 1)) {
                const char *w = S->s + S->t[p - 1].s;
                size_t n = S->t[p - 1].e - S->t[p - 1].s;
                /* U.S. Jan. Mr. A. are abbreviations; "7." and "it." end sentences */
                int abbr = memchr(w, '.', n) != NULL ||
                           ((S->t[p - 1].f & T_CAP) && (n == 1 || tin(S, p - 1, L_ABBREV)));
                start = !abbr;
            } else if (end && cap) {
                start = 1;
            }
        }
        if (start) {
            /* an opening quotation mark just before a sentence's first word opens that
             * sentence: the splitter, which does not pair marks, leaves a straight '"' after
             * a period with the sentence before */
            int first = i;
            if (i > 0 && (S->t[i - 1].f & T_QOPEN) && S->t[i - 1].para == S->t[i].para && ns > 0 &&
                S->sent_start[ns - 1] < i - 1) {
                first = i - 1;
                S->t[i - 1].sent = ns;
            }
            S->sent_start[ns++] = first;
        }
        S->t[i].sent = ns - 1;
    }
    S->sent_start[ns] = S->nt;
    S->n_sents = ns;
    return 0;
}

/* British style: "‘We had to suffer,’ Arteta told Sky Sports." An article that quotes with
 * single marks only (no double-quoted span of four words or more, and at least one single-
 * quoted one) has its single-quoted spans read as quotations; elsewhere they are nested
 * quotes, titles or apostrophes. */
static void single_quotes_primary(struct st *S)
{
    size_t singles = 0;
    for (size_t i = 0; i < S->nq; i++) {
        const struct ex__quote *q = &S->q[i];
        if (q->words < 4) continue;
        if (!(q->flags & EX__Q_SINGLE)) return;
        singles += !(q->flags & EX__Q_NESTED);
    }
    if (!singles) return;
    for (size_t i = 0; i < S->nq; i++)
        if (!(S->q[i].flags & EX__Q_NESTED)) S->q[i].flags &= ~(uint32_t)EX__Q_SINGLE;
}

int ex__statements_find(const char *body, size_t len, const struct ex_span *paras, size_t n_paras,
                        const struct ex_span *sents, size_t n_sents,
                        const struct ex__st_mention *mentions, size_t n_mentions,
                        const struct ex_entity *ents, size_t n_ents, struct ex_arena *a,
                        struct ex_statement **out, size_t *n_out)
{
    return ex__statements_find_tx(body, len, paras, n_paras, sents, n_sents, NULL, mentions,
                                  n_mentions, ents, n_ents, a, out, n_out);
}

int ex__statements_find_tx(const char *body, size_t len, const struct ex_span *paras,
                           size_t n_paras, const struct ex_span *sents, size_t n_sents,
                           const struct ex__text *tx, const struct ex__st_mention *mentions,
                           size_t n_mentions, const struct ex_entity *ents, size_t n_ents,
                           struct ex_arena *a, struct ex_statement **out, size_t *n_out)
{
    pthread_once(&cues_once, load_cues);
    *out = NULL;
    *n_out = 0;
    struct st S = {0};
    S.s = body;
    S.len = len;
    S.ents = ents;
    S.n_ents = n_ents;
    S.last_person = S.last_org = S.last_any = S.last_he = S.last_she = -1;
    int rc = ex__quotes_find(body, len, paras, n_paras, a, &S.q, &S.nq);
    if (rc) return rc;
    single_quotes_primary(&S);
    size_t bound = 0;
    for (size_t p = 0; p < n_paras; p++)
        bound += paras[p].end - paras[p].start;
    S.a = a;
    S.cap_t = (int)(bound / 4) + 64;
    S.t = ex__arena_alloc_raw(a, (size_t)S.cap_t * sizeof(struct tok));
    if (!S.t) return EX_ENOMEM;
    for (size_t p = 0, k = 0; p < n_paras; p++) {
        size_t ps = paras[p].start, pe = paras[p].end;
        if (tx && tx->body == body && all_ascii(body, ps, pe)) {
            int nt0 = S.nt, d = derive_para(&S, tx, &k, ps, pe, (int)p);
            if (d < 0) return d;
            if (d == 0) {
#ifdef EX_CHECK_DERIVED_TOKENS
                check_derived(&S, nt0, ps, pe, (int)p);
#endif
                (void)nt0;
                continue;
            }
        }
        if (tokenize_para(&S, ps, pe, (int)p)) return EX_ENOMEM;
    }
    pthread_once(&words_once, load_words);
    /* quote membership and marks */
    for (size_t qi = 0; qi < S.nq; qi++) {
        const struct ex__quote *q = &S.q[qi];
        uint32_t qa = q->open.end > q->open.start ? q->open.start : q->content.start;
        uint32_t qb = q->close.end > q->close.start ? q->close.end : q->content.end;
        int i = quote_tok(&S, qa);
        if (i < 0) {
            i = 0;
            while (i < S.nt && S.t[i].s < qa)
                i++;
        }
        for (; i < S.nt && S.t[i].s < qb; i++) {
            S.t[i].q = (int32_t)qi; /* later (inner) quotes overwrite outer ones */
            if (q->open.end > q->open.start && S.t[i].s == q->open.start) S.t[i].f |= T_QOPEN;
            if (q->close.end > q->close.start && S.t[i].s == q->close.start) S.t[i].f |= T_QCLOSE;
        }
    }
    /* marks of scare quotes do not delimit attributions; words inside them stay outside */
    for (int i = 0; i < S.nt; i++) {
        if (S.t[i].q < 0) continue;
        uint32_t fl = S.q[S.t[i].q].flags;
        if (fl & (EX__Q_SCARE | EX__Q_SINGLE)) {
            if (fl & EX__Q_SINGLE) {
                int outer = -1;
                for (int k = S.t[i].q - 1; k >= 0; k--)
                    if (!(S.q[k].flags & EX__Q_SINGLE)) {
                        uint32_t e = S.q[k].close.end > S.q[k].close.start ? S.q[k].close.end
                                                                           : S.q[k].content.end;
                        if (e > S.t[i].s) outer = k;
                        break;
                    }
                S.t[i].q = outer;
            } else {
                S.t[i].q = -1;
            }
            S.t[i].f &= ~(uint32_t)(T_QOPEN | T_QCLOSE);
        }
    }
    /* mentions */
    S.m = mentions;
    S.nm = n_mentions;
    for (size_t mi = 0, i = 0; mi < n_mentions; mi++) {
        while (i < (size_t)S.nt && S.t[i].e <= mentions[mi].span.start)
            i++;
        for (size_t k = i; k < (size_t)S.nt && S.t[k].s < mentions[mi].span.end; k++)
            if (S.t[k].m < 0) S.t[k].m = (int32_t)mi;
    }
    rc = assign_sentences(&S, sents, n_sents, a);
    if (rc) return rc;
    /* a statement hangs on a cue, an "according to" or a quotation */
    int cues = 0;
    for (int i = 0; i < S.nt; i++) {
        if (!(S.t[i].f & (T_CUE | T_ACCORDING))) continue;
        if ((S.t[i].f & T_CUE) && !cue_is_verb(&S, i, sent_begin(&S, i)))
            S.t[i].f &= ~(uint32_t)(T_CUE | T_CUEO | T_CUET | T_ING);
        cues += (S.t[i].f & (T_CUE | T_ACCORDING)) != 0;
    }
    S.cap_out = 2 * cues + 2 * (int)S.nq + 16 + (S.nt ? S.t[S.nt - 1].para + 1 : 0);
    S.out = ex__arena_alloc_raw(a, (size_t)S.cap_out * sizeof(struct stmt)); /* new_stmt zeroes */
    S.quote_stmt = ex__arena_alloc(a, (S.nq + 1) * sizeof(int));
    if (!S.out || !S.quote_stmt) return EX_ENOMEM;
    for (size_t qi = 0; qi < S.nq; qi++)
        S.quote_stmt[qi] = -1;
    rc = transcript(&S);
    if (rc) return rc;
    for (int sn = 0; sn < S.n_sents; sn++) {
        int sa = S.sent_start[sn], sb = S.sent_start[sn + 1];
        note_sentence_subject(&S, sa, sb);
        for (int i = sa; i < sb; i++) {
            if (!(S.t[i].f & (T_CUE | T_ACCORDING)) || S.t[i].q >= 0) continue;
            if (S.transcript && S.transcript[S.t[i].para]) continue;
            if (S.t[i].f & T_CUE)
                at_cue(&S, i);
            else if ((S.t[i].f & T_ACCORDING) && tw(&S, i + 1, "to"))
                according_to(&S, i, sa, sb);
        }
    }
    continuation_quotes(&S);
    finish(&S);
    qsort(S.out, (size_t)S.n_out, sizeof(*S.out), stmt_cmp);
    if (S.n_out == 0) return 0;
    struct ex_statement *res = ex__arena_alloc(a, (size_t)S.n_out * sizeof(*res));
    if (!res) return EX_ENOMEM;
    for (int k = 0; k < S.n_out; k++) {
        res[k] = S.out[k].st;
        res[k].id = k;
    }
    *out = res;
    *n_out = (size_t)S.n_out;
    return 0;
}
