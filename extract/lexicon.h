/*
 * lexicon.h: the word lists compiled into libextract (the files in extract/lexicon), as hash sets
 * that answer "is this exact byte string in list L, and with what value?" without copying
 * the data: entries point into the embedded files. Built once per process (pthread_once),
 * read-only afterwards, so any number of threads may look up at once.
 */
#ifndef NEWSGRAPH_EXTRACT_LEXICON_H
#define NEWSGRAPH_EXTRACT_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* The lists, by file. */
enum ex__lex {
    EX__LEX_COUNTRIES,   /* NAME -> canonical country name */
    EX__LEX_REGIONS,     /* subdivisions (iso 3166-2) */
    EX__LEX_CITIES,      /* capitals and major cities */
    EX__LEX_PLACES,      /* continents, seas, well-known regions */
    EX__LEX_DEMONYMS,    /* DEMONYM -> country */
    EX__LEX_TITLES,      /* words of titles before a name */
    EX__LEX_ORG_HEADS,   /* last words of organization names */
    EX__LEX_LOC_HEADS,   /* last words of place names */
    EX__LEX_ORGS,        /* organizations known by name */
    EX__LEX_FUNC,        /* capitalized function words, months, weekdays */
    EX__LEX_ABBREV,      /* abbreviations ending in a period */
    EX__LEX_CONTEXT,     /* lowercase word before a name -> kind */
    EX__LEX_LOWER,       /* English words that exist in lowercase */
    EX__LEX_PROPER,      /* capitalized dictionary words (names) */
    EX__LEX_GIVEN,       /* given names ("Andy", "Alia"): a person's name starts here */
    EX__LEX_EVENTS,      /* last words of events and captions ("Festival", "Photo") */
    EX__LEX_COMPASS,     /* "North", "Southeast", "Central" */
    EX__LEX_LOC_OPENERS, /* first words of place names: "Mount", "Lake" */
    EX__LEX_NOT_NAMES,   /* acronyms of common things: "VIP", "HTML", "CEO" */
    EX__LEX_HEADS_FIRST, /* bodies' head words that come first: "Banco", "Grupo", "Partido" */
    EX__LEX_TOWNS,       /* towns of 50,000 people or more (GeoNames): a place when a name is
                            the town's and nothing else; many are surnames too ("Rhodes",
                            "Rubio"), so no rule that reads a name's words asks this list */
    EX__LEX_NAME_START,  /* built at load, no file: the first word of a name of several words
                            in the six name gazetteers ("United" of "United States"), so a
                            caller asks about a span only where one may start */
    EX__LEX_ANY_NAME,    /* built at load, no file: every key of the six name gazetteers above
                            (countries, regions, cities, places, demonyms, orgs), one lookup */
    EX__LEX_COMMON,      /* no file: the word written in lowercase (ASCII) is in EX__LEX_LOWER,
                            "Though" and "THOUGH" as well as "though" */
    EX__LEX_COUNT
};

/* The lists that hold s[0..n), as a mask of 1 << enum ex__lex (0 for none): one lookup for
 * every list a caller may ask about. */
uint32_t ex__lex_lists(const char *s, size_t n);

/* ex__lex_lists for count words at once: lists[i] for s[i][0..n[i]). Faster than one call
 * per word when the words are many (their cache misses overlap). */
void ex__lex_lists_many(const char *const *s, const size_t *n, size_t count, uint32_t *lists);

/* The value of s[0..n) in list l (the text after a TAB on its line), or s itself when the
 * line has none or s is not in l. Borrowed: points into the embedded list or into s. */
void ex__lex_value(enum ex__lex l, const char *s, size_t n, const char **val, size_t *val_len);

/* Whether s[0..n) is in list l; when it is and val is not NULL, *val and *val_len receive the
 * entry's value (the text after a TAB; the key itself when the line has none). */
int ex__lex_has(enum ex__lex l, const char *s, size_t n, const char **val, size_t *val_len);

#endif
