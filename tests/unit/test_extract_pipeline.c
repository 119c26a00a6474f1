/*
 * test_extract_pipeline.c: stages 2-6 on real newswire shapes: layout (byline, footer and
 * source), tokens and sentences, names and their kinds, clustering, dates and quantities.
 * Sentences come from the seed article and ordinary news English.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "extract/extract.h"
#include "extract/internal.h"

static struct ex_doc *text(const char *s, const char *published)
{
    struct ex_doc *d = NULL;
    struct ex_error err;
    cr_assert_eq(ex_extract_text(s, strlen(s), published, &d, &err), 0, "code %d", err.code);
    return d;
}

static const struct ex_entity *entity(const struct ex_doc *d, const char *name)
{
    for (size_t i = 0; i < d->n_entities; i++)
        if (strcmp(d->entities[i].name, name) == 0) return &d->entities[i];
    return NULL;
}

static int has_alias(const struct ex_entity *e, const char *a)
{
    for (size_t i = 0; i < e->n_aliases; i++)
        if (strcmp(e->aliases[i], a) == 0) return 1;
    return 0;
}

/* The text of span s of d's body, in a buffer valid until the next call. */
static const char *slice(const struct ex_doc *d, struct ex_span s)
{
    static char buf[512];
    size_t n = s.end > s.start && s.end <= d->body_len ? s.end - s.start : 0;
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, d->body + s.start, n);
    buf[n] = '\0';
    return buf;
}

/* Every mention slices the body to a form of its entity. */
static void mentions_slice(const struct ex_doc *d)
{
    for (size_t i = 0; i < d->n_entities; i++)
        for (size_t m = 0; m < d->entities[i].n_mentions; m++) {
            struct ex_span s = d->entities[i].mentions[m].span;
            cr_assert(s.start < s.end && s.end <= d->body_len);
        }
}

/* ------------------------------------------------------------------ tokens */

static struct ex__text tokens(struct ex_arena *a, const char *s)
{
    struct ex__text tx;
    struct ex_span p = {0, (uint32_t)strlen(s)};
    cr_assert_eq(ex__tokenize(s, strlen(s), &p, 1, a, &tx), 0);
    return tx;
}

static int tok_is(const struct ex__text *tx, size_t i, const char *w)
{
    return i < tx->nt && tx->t[i].e - tx->t[i].s == strlen(w) &&
           !memcmp(tx->body + tx->t[i].s, w, strlen(w));
}

Test(tokens, newswire_words)
{
    struct ex_arena *a = ex__arena_new();
    const char *s = "The U.S. and RFE/RL's Qasym-Zhomart saw 3,811 at kg.24 -- then Inc. left...";
    struct ex__text tx = tokens(a, s);
    cr_expect(tok_is(&tx, 1, "U.S."), "initialism keeps its period");
    cr_expect(tok_is(&tx, 3, "RFE/RL"), "slash compound, possessive cut off");
    cr_expect(tx.t[3].flags & EX__T_POSS);
    cr_expect(tok_is(&tx, 4, "Qasym-Zhomart"));
    cr_expect(tok_is(&tx, 6, "3,811"));
    cr_expect(tx.t[6].flags & EX__T_NUM);
    cr_expect(tok_is(&tx, 8, "kg.24"), "domain-like names stay whole");
    cr_expect(tok_is(&tx, 9, "--"));
    cr_expect(tok_is(&tx, 11, "Inc."), "known abbreviation keeps its period");
    cr_expect(tok_is(&tx, 13, "..."));
    cr_expect_eq(tx.n_sents, 1, "no sentence ends at U.S. or Inc. here");
    ex__arena_free(a);
}

Test(tokens, curly_possessive_and_sentences)
{
    struct ex_arena *a = ex__arena_new();
    const char *s =
        "Kazakhstan\xe2\x80\x99s BTA Bank fell. \xe2\x80\x9cWe lost,\xe2\x80\x9d he said. "
        "Then Dr. Smith spoke.";
    struct ex__text tx = tokens(a, s);
    cr_expect(tok_is(&tx, 0, "Kazakhstan"));
    cr_expect(tx.t[0].flags & EX__T_POSS);
    cr_expect(tok_is(&tx, 1, "BTA"));
    cr_expect(tx.t[1].flags & EX__T_UPPER);
    cr_expect_eq(tx.n_sents, 3, "got %zu", tx.n_sents);
    ex__arena_free(a);
}

/* The word scanner looks at bytes, but a joiner's rule needs the letter before it whole: an
 * en dash joins two letters, also when the first is a multi-byte one ("Bogot\xc3\xa1"). And
 * a word's flags come out the same from the fast ASCII path and the decoding one. */
Test(tokens, en_dash_after_a_multibyte_letter_and_flags)
{
    struct ex_arena *a = ex__arena_new();
    static const char bogota[] = "Bogot\xc3\xa1\xe2\x80\x93"
                                 "Caracas";
    static const char maria[] = "\xce\x9c\xce\xb1\xcf\x81\xce\xaf\xce\xb1\xe2\x80\x93"
                                "Beta";
    static const char ecole_upper[] = "\xc3\x89"
                                      "COLE",
                      ecole[] = "\xc3\x89"
                                "cole";
    char s[256];
    snprintf(s, sizeof(s),
             "%s talks, %s, 3\xe2\x80\x93"
             "4 rounds, NATO, %s and %s, AT&T's 2a.",
             bogota, maria, ecole_upper, ecole);
    struct ex__text tx = tokens(a, s);
    cr_expect(tok_is(&tx, 0, bogota), "one compound name");
    cr_expect(tok_is(&tx, 3, maria));
    cr_expect(tok_is(&tx, 5, "3"), "between digits an en dash is a range");
    cr_expect(tok_is(&tx, 10, "NATO"));
    cr_expect_eq(tx.t[10].flags & (EX__T_CAP | EX__T_UPPER | EX__T_WORD),
                 EX__T_CAP | EX__T_UPPER | EX__T_WORD);
    cr_expect(tok_is(&tx, 12, ecole_upper));
    cr_expect(tx.t[12].flags & EX__T_UPPER);
    cr_expect(tok_is(&tx, 14, ecole));
    cr_expect(!(tx.t[14].flags & EX__T_UPPER) && (tx.t[14].flags & EX__T_CAP));
    cr_expect(tok_is(&tx, 16, "AT&T"));
    cr_expect_eq(tx.t[16].flags & (EX__T_UPPER | EX__T_POSS), EX__T_UPPER | EX__T_POSS);
    cr_expect(tok_is(&tx, 17, "2a"));
    cr_expect_eq(tx.t[17].flags & (EX__T_NUM | EX__T_CAP | EX__T_WORD), EX__T_NUM | EX__T_WORD);
    ex__arena_free(a);
}

/* ------------------------------------------------------------------ layout */

/* A plural's possessive mark is taken off the word like 's; a quotation mark after a word
 * that is not an s stays a token. */
Test(tokens, plural_possessives)
{
    struct ex_arena *a = ex__arena_new();
    const char *s = "Magistrates' Court and the players\xe2\x80\x99 union met 'Bob' today.";
    struct ex__text tx = tokens(a, s);
    cr_expect(tok_is(&tx, 0, "Magistrates"));
    cr_expect(tx.t[0].flags & EX__T_POSS);
    cr_expect(tok_is(&tx, 1, "Court"));
    cr_expect(tok_is(&tx, 4, "players"));
    cr_expect(tx.t[4].flags & EX__T_POSS);
    cr_expect(tok_is(&tx, 5, "union"));
    cr_expect(tok_is(&tx, 8, "Bob"));
    cr_expect(tok_is(&tx, 9, "'"), "the closing mark after a name not ending in s");
    ex__arena_free(a);
}

Test(layout, byline_and_footer)
{
    struct ex_doc *d =
        text("Title line\n\n1 year ago someone Comments Off on Title line\n\n"
             "Body text in Almaty.\n\nCopyright (c) 2015. RFE/RL, Inc. Reprinted "
             "with the permission of Radio Free Europe/Radio Liberty, Washington DC.",
             NULL);
    cr_expect_str_eq(d->article.title, "Title line");
    cr_expect_str_eq(d->article.author, "someone");
    cr_expect_str_eq(d->article.source, "RFE/RL");
    cr_assert_eq(d->n_paragraphs, 1, "byline and footer are not paragraphs");
    cr_expect(entity(d, "Almaty"));
    cr_expect_null(entity(d, "Washington"), "the footer names no entity");
    ex_doc_free(d);
}

Test(layout, date_line_sets_published_at)
{
    struct ex_doc *d =
        text("Title\n\nFriday, September 9, 2016\n\nVoters went out on Sunday.", NULL);
    cr_expect_str_eq(d->article.published_at, "2016-09-09");
    const struct ex_entity *sun = entity(d, "Sunday");
    cr_assert_not_null(sun);
    cr_expect_str_eq(sun->value, "2016-09-04", "the Sunday before publication");
    ex_doc_free(d);
}

/* ------------------------------------------------------------------ names */

Test(names, titles_and_surnames)
{
    struct ex_doc *d = text("T\n\nPresident Qasym-Zhomart Toqaev spoke in Almaty. Later Toqaev "
                            "left. U.S. Secretary of State Antony Blinken said Blinken would go.",
                            NULL);
    const struct ex_entity *t = entity(d, "Qasym-Zhomart Toqaev");
    cr_assert_not_null(t);
    cr_expect_eq(t->kind, EX_PERSON);
    cr_expect_eq(t->n_mentions, 2);
    cr_expect(has_alias(t, "Toqaev"));
    cr_assert_eq(t->n_titles, 1);
    cr_expect_str_eq(t->titles[0], "President");
    const struct ex_entity *b = entity(d, "Antony Blinken");
    cr_assert_not_null(b);
    cr_assert_eq(b->n_titles, 1);
    cr_expect_str_eq(b->titles[0], "Secretary of State");
    const struct ex_entity *us = entity(d, "United States");
    cr_assert_not_null(us, "U.S. is the United States");
    cr_expect_eq(us->kind, EX_LOCATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, possessive_splits_and_acronyms)
{
    struct ex_doc *d = text("T\n\nHe ran Kazakhstan's BTA Bank. The Collective Security Treaty "
                            "Organization (CSTO) met. The CSTO then left. BTA was sold.",
                            NULL);
    cr_expect(entity(d, "Kazakhstan"));
    const struct ex_entity *bank = entity(d, "BTA Bank");
    cr_assert_not_null(bank);
    cr_expect_eq(bank->kind, EX_ORGANIZATION);
    cr_expect_eq(bank->n_mentions, 2, "\"BTA\" alone joins BTA Bank");
    const struct ex_entity *c = entity(d, "Collective Security Treaty Organization");
    cr_assert_not_null(c);
    cr_expect(has_alias(c, "CSTO"));
    cr_expect_eq(c->n_mentions, 3);
    ex_doc_free(d);
}

Test(names, sentence_initial_common_words_are_not_names)
{
    struct ex_doc *d = text("T\n\nThough gunfire was heard, Mobs stormed buildings. Some "
                            "journalists reported it.",
                            NULL);
    for (size_t i = 0; i < d->n_entities; i++)
        cr_expect(d->entities[i].kind == EX_DATE || d->entities[i].kind == EX_QUANTITY,
                  "unexpected entity %s", d->entities[i].name);
    ex_doc_free(d);
}

Test(names, nationality_links_country_and_places_by_head)
{
    struct ex_doc *d = text("T\n\nKazakh police cleared Republican Square in Kazakhstan near "
                            "Manas Airport, where the Interior Ministry said more troops came.",
                            NULL);
    const struct ex_entity *k = entity(d, "Kazakh"), *kz = entity(d, "Kazakhstan");
    cr_assert(k && kz);
    cr_expect_eq(k->kind, EX_NATIONALITY);
    cr_expect_eq(k->link, kz->id);
    const struct ex_entity *sq = entity(d, "Republican Square"), *ap = entity(d, "Manas Airport");
    cr_assert(sq && ap);
    cr_expect_eq(sq->kind, EX_LOCATION);
    cr_expect_eq(ap->kind, EX_LOCATION);
    const struct ex_entity *mi = entity(d, "Interior Ministry");
    cr_assert_not_null(mi);
    cr_expect_eq(mi->kind, EX_ORGANIZATION);
    ex_doc_free(d);
}

Test(names, person_of_organization_splits)
{
    struct ex_doc *d =
        text("T\n\nVoters chose Nathan Law of Demosisto and Ann Chiang of DAB.", NULL);
    const struct ex_entity *p = entity(d, "Nathan Law"), *o = entity(d, "DAB");
    cr_assert(p && o);
    cr_expect_eq(p->kind, EX_PERSON);
    cr_expect_eq(o->kind, EX_ORGANIZATION);
    cr_expect_null(entity(d, "Nathan Law of Demosisto"));
    ex_doc_free(d);
}

/* The kind of a name, or -1 when the extractor found no entity by that name. */
static int kind_of(const struct ex_doc *d, const char *name)
{
    const struct ex_entity *e = entity(d, name);
    return e ? (int)e->kind : -1;
}

Test(names, hyphenated_given_names_and_possessive_heads)
{
    struct ex_doc *d = text("T\n\nWong Kwok-kin of FTU won. Pan-democrat Lam Cheuk-ting lost. "
                            "Eunice Yung of New People's Party won. The Russian-led force left. "
                            "Sixty-two people came.",
                            NULL);
    cr_expect_eq(kind_of(d, "Wong Kwok-kin"), EX_PERSON,
                 "the syllable 'kin' is no English word here");
    cr_expect_eq(kind_of(d, "Lam Cheuk-ting"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Pan-democrat Lam Cheuk-ting"), -1, "Pan-democrat is a word");
    cr_expect_eq(kind_of(d, "New People's Party"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Russian-led"), -1);
    cr_expect_eq(kind_of(d, "Sixty-two"), EX_QUANTITY);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, what_a_person_belongs_to)
{
    struct ex_doc *d = text("T\n\nGary Fan of the Neo Democrats lost. Nathan Law of Demosisto won. "
                            "Demosisto's Nathan Law spoke. Ann Chiang of Italy came.",
                            NULL);
    cr_expect_eq(kind_of(d, "Gary Fan"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Neo Democrats"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Demosisto"), EX_ORGANIZATION, "a lone word a person is 'of'");
    cr_expect_eq(entity(d, "Demosisto")->n_mentions, 2, "and the one that owns a person");
    cr_expect_eq(kind_of(d, "Italy"), EX_LOCATION, "a place stays a place");
    ex_doc_free(d);
}

Test(names, acronyms_meet_their_initials)
{
    struct ex_doc *d = text("T\n\nThe United Nations met. The U.N. said so. The New People's Party "
                            "won; the NPP leader spoke.",
                            NULL);
    const struct ex_entity *un = entity(d, "United Nations"),
                           *npp = entity(d, "New People's Party");
    cr_assert(un && npp);
    cr_expect(has_alias(un, "U.N."));
    cr_expect(has_alias(npp, "NPP"));
    ex_doc_free(d);
}

Test(names, a_person_after_an_institution_splits_off)
{
    struct ex_doc *d = text("T\n\nA student at University of Texas Arlington Amneh Jafari wrote. "
                            "Jafari said it was fine. The Ambassador to the United States "
                            "Hamdullah Mohib spoke. Mohib left.",
                            NULL);
    cr_expect_eq(kind_of(d, "University of Texas Arlington"), EX_ORGANIZATION);
    const struct ex_entity *j = entity(d, "Amneh Jafari");
    cr_assert_not_null(j);
    cr_expect_eq(j->kind, EX_PERSON);
    cr_expect_eq(j->n_mentions, 2);
    cr_expect_eq(kind_of(d, "Hamdullah Mohib"), EX_PERSON);
    cr_expect_eq(kind_of(d, "United States"), EX_LOCATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, kinds_from_articles_heads_and_towns)
{
    struct ex_doc *d = text("T\n\nHe was invited to the White House. It is based in Mountain View, "
                            "California. Pilgrims crossed the Plains of Arafat. The Church of "
                            "Scientology denied it. They stayed at Flag Land Base.",
                            NULL);
    cr_expect_eq(kind_of(d, "White House"), EX_LOCATION, "no person after 'the'");
    const struct ex_entity *mv = entity(d, "Mountain View");
    cr_assert_not_null(mv, "a town of common words before its region");
    cr_expect_eq(mv->kind, EX_LOCATION);
    cr_expect(has_alias(mv, "Mountain View, California"));
    cr_expect_eq(kind_of(d, "Plains of Arafat"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Church of Scientology"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Flag Land Base"), EX_LOCATION);
    ex_doc_free(d);
}

Test(names, surnames_used_as_adjectives_and_city_surnames)
{
    struct ex_doc *d = text("T\n\nAndy Warhol took them. The Warhol Polaroids were shown. Valeska "
                            "Paris left the ship. Paris claims she was held.",
                            NULL);
    cr_expect_eq(kind_of(d, "Andy Warhol"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Warhol Polaroids"), -1, "an adjective, not a person");
    const struct ex_entity *p = entity(d, "Valeska Paris");
    cr_assert_not_null(p);
    cr_expect_eq(p->n_mentions, 2, "Paris is her surname here");
    cr_expect_eq(kind_of(d, "Paris"), -1);
    ex_doc_free(d);
}

Test(names, evidence_settles_kinds)
{
    struct ex_doc *d = text("T\n\nCheng Chung-tai of Civic Passion won. The localist group Civic "
                            "Passion lost a seat. The exhibit features fashion designer Halston. "
                            "The finals saw team Cloud9 and Fnatic face off. Fans tried "
                            "PlayStation VR at the event.",
                            NULL);
    const struct ex_entity *cp = entity(d, "Civic Passion");
    cr_assert_not_null(cp);
    cr_expect_eq(cp->kind, EX_ORGANIZATION, "the context wins over the default");
    cr_expect_eq(cp->n_mentions, 2);
    cr_expect_eq(kind_of(d, "Halston"), EX_PERSON, "an occupation before a lone name");
    cr_expect_eq(kind_of(d, "Cloud9"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Fnatic"), EX_ORGANIZATION, "coordinated with an organization");
    cr_expect_eq(kind_of(d, "PlayStation VR"), -1, "a product model");
    ex_doc_free(d);
}

Test(names, offices_initials_bands_and_sentence_openers)
{
    struct ex_doc *d = text("T\n\nJeff Rathke, the State Department Spokesperson, spoke. "
                            "Photographer K.C. Maurer took it. Musician Nick Rhodes of Duran "
                            "Duran came. National Security Council members met. Yesterday "
                            "Foreign Ministry officials left.",
                            NULL);
    cr_expect_eq(kind_of(d, "State Department"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "State Department Spokesperson"), -1);
    cr_expect_eq(kind_of(d, "K.C. Maurer"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Nick Rhodes"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Duran Duran"), EX_ORGANIZATION, "nobody is 'of' a person");
    cr_expect_eq(kind_of(d, "National Security Council"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Foreign Ministry"), EX_ORGANIZATION, "'Yesterday' is no name");
    ex_doc_free(d);
}

Test(names, titled_people_of_places_particles_and_regnal_numbers)
{
    struct ex_doc *d = text("T\n\nMayor Bill de Blasio of New York City said so. Chancellor "
                            "Angela Merkel of Germany spoke. Queen Elizabeth II visited. Windows "
                            "XP failed.",
                            NULL);
    const struct ex_entity *b = entity(d, "Bill de Blasio");
    cr_assert_not_null(b);
    cr_expect_eq(b->kind, EX_PERSON);
    cr_assert_eq(b->n_titles, 1);
    cr_expect_str_eq(b->titles[0], "Mayor");
    cr_expect_eq(kind_of(d, "New York City"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Angela Merkel"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Germany"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Elizabeth II"), EX_PERSON, "a regnal number is no product model");
    cr_expect_eq(kind_of(d, "Windows XP"), -1);
    mentions_slice(d);
    ex_doc_free(d);
}

/* ------------------------------------------------------------------ numbers */

Test(numbers, dates_take_the_publication_year)
{
    struct ex_doc *d = text("T\n\nOn January 7, troops came. Since Jan. 7 nothing moved; it was "
                            "banned in March 2018 and he fled in 2009.",
                            "2022-01-08");
    const struct ex_entity *j = entity(d, "January 7");
    cr_assert_not_null(j);
    cr_expect_str_eq(j->value, "2022-01-07");
    cr_expect_eq(j->n_mentions, 2, "Jan. 7 is the same day");
    const struct ex_entity *m = entity(d, "March 2018"), *y = entity(d, "2009");
    cr_assert(m && y);
    cr_expect_str_eq(m->value, "2018-03");
    cr_expect_str_eq(y->value, "2009");
    cr_expect_eq(y->kind, EX_DATE);
    ex_doc_free(d);
}

Test(numbers, spans_of_years)
{
    struct ex_doc *d = text("T\n\nHe served 2001\u20132004 and from 1990 to 1995. He had 2000 to "
                            "2500 sheep.",
                            NULL);
    const char *years[] = {"2001", "2004", "1990", "1995"};
    for (size_t i = 0; i < 4; i++) {
        const struct ex_entity *e = entity(d, years[i]);
        cr_assert_not_null(e, "%s", years[i]);
        cr_expect_eq(e->kind, EX_DATE, "%s is a year", years[i]);
    }
    cr_expect_eq(kind_of(d, "2500"), EX_QUANTITY, "a span of counted things");
    ex_doc_free(d);
}

Test(numbers, quantities)
{
    struct ex_doc *d = text("T\n\nThe number detained reached 3,811. More than 1,000 people were "
                            "hurt. Sixty-two people are in care. Dozens of people died.",
                            NULL);
    const struct ex_entity *a = entity(d, "3,811"), *b = entity(d, "More than 1,000"),
                           *c = entity(d, "Sixty-two"), *z = entity(d, "Dozens");
    cr_assert(a && b && c && z);
    cr_expect_str_eq(a->value, "3811");
    cr_expect_str_eq(b->value, "1000");
    cr_expect_str_eq(b->qualifier, "more than");
    cr_expect_str_eq(c->value, "62");
    cr_expect_null(z->value);
    cr_expect_str_eq(z->qualifier, "approximate");
    ex_doc_free(d);
}

Test(numbers, names_keep_their_numbers)
{
    struct ex_doc *d =
        text("T\n\nIt said so, according to state television channel Khabar 24.", NULL);
    const struct ex_entity *k = entity(d, "Khabar 24");
    cr_assert_not_null(k);
    cr_expect_eq(k->kind, EX_ORGANIZATION);
    cr_expect_null(entity(d, "24"));
    ex_doc_free(d);
}

Test(names, enumerations_take_the_kind_of_their_class)
{
    struct ex_doc *d = text("T\n\nThey worship the gods, such as Zeus, Hera, Poseidon, and Athena. "
                            "Startups such as Quibbly and Zorvex failed. "
                            "In Kestrel, Marlow and Tibbs agreed. "
                            "Ubisoft, Microsoft, and Sony had stands. "
                            "In Quarrow, Microsoft and Sony agreed.",
                            NULL);
    cr_expect_eq(kind_of(d, "Zeus"), EX_PERSON, "the class before 'such as', in the singular");
    cr_expect_eq(kind_of(d, "Hera"), EX_PERSON, "a comma inside a list closed by 'and'");
    cr_expect_eq(kind_of(d, "Poseidon"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Athena"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Quibbly"), -1, "'startups' is no class the extractor knows");
    cr_expect_eq(kind_of(d, "Marlow"), -1, "an opening phrase's comma makes no list");
    cr_expect_eq(kind_of(d, "Ubisoft"), EX_ORGANIZATION, "the first of a list of three");
    cr_expect_eq(kind_of(d, "Quarrow"), -1, "a place opening the sentence is no list's first");
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, a_district_judge)
{
    struct ex_doc *d = text("T\n\nU.S. District Judge Lewis Kaplin sentenced him. Los Angeles "
                            "County Fire Chief Anthony Marr spoke. The Irving Independent School "
                            "District agreed.",
                            NULL);
    const struct ex_entity *k = entity(d, "Lewis Kaplin");
    cr_assert_not_null(k);
    cr_expect(k->n_titles == 1 && !strcmp(k->titles[0], "District Judge"));
    cr_expect_null(entity(d, "U.S. District"), "no place of that name");
    cr_expect_eq(kind_of(d, "Los Angeles County"), EX_LOCATION, "a county before a title");
    cr_expect_eq(kind_of(d, "Irving Independent School District"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, parts_of_places)
{
    struct ex_doc *d = text("T\n\nIt was found in the rainforests of the Morrow Tablelands in Far "
                            "North Queensland and in Greater Manchester. Far from it, Lower "
                            "prices helped.",
                            NULL);
    cr_expect_eq(kind_of(d, "Morrow Tablelands"), EX_LOCATION, "a place's head word");
    cr_expect_eq(kind_of(d, "Far North Queensland"), EX_LOCATION, "was a person");
    cr_expect_eq(kind_of(d, "Greater Manchester"), EX_LOCATION);
    cr_expect_null(entity(d, "Far"));
    cr_expect_null(entity(d, "Lower"));
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, classes_before_such_as_and_like)
{
    struct ex_doc *d = text("T\n\nMany religions, such as Quendism, use old rites. The music was "
                            "from such bands as The Velvet Orrery. He admired clubs like "
                            "Vantorn. He saw things like Pelloq. They played the bands as "
                            "Marquin watched.",
                            NULL);
    cr_expect_eq(kind_of(d, "Quendism"), EX_ORGANIZATION, "'religions, such as'");
    cr_expect_eq(kind_of(d, "Velvet Orrery"), EX_ORGANIZATION, "'such bands as'");
    cr_expect_eq(kind_of(d, "Vantorn"), EX_ORGANIZATION, "a class noun before 'like'");
    cr_expect_eq(kind_of(d, "Pelloq"), -1, "'things' is no class");
    cr_expect_eq(kind_of(d, "Marquin"), -1, "'as' without 'such' introduces no member");
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, an_expansion_in_parentheses_after_its_acronym)
{
    struct ex_doc *d =
        text("T\n\nThe FIRST Global contest (For Inspiration and Recognition of Science and "
             "Technology) began. The WHO (World Health Organization) said so. Later the WHO "
             "agreed. The ABC (Quiet Rivers) came.",
             NULL);
    const struct ex_entity *f =
        entity(d, "For Inspiration and Recognition of Science and Technology");
    cr_assert_not_null(f, "one name, 'and' and all, when its initials spell the acronym");
    cr_expect_eq(f->kind, EX_ORGANIZATION);
    cr_expect(has_alias(f, "FIRST"));
    cr_expect_null(entity(d, "Recognition of Science"));
    const struct ex_entity *w = entity(d, "World Health Organization");
    cr_assert_not_null(w);
    cr_expect(has_alias(w, "WHO"));
    cr_expect_eq(w->n_mentions, 3, "the later use of the acronym joins too");
    const struct ex_entity *q = entity(d, "Quiet Rivers");
    cr_assert_not_null(q);
    cr_expect(!has_alias(q, "ABC"), "initials that do not match define nothing");
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, one_body_whatever_its_prefix_or_possessive)
{
    struct ex_doc *d = text("T\n\nThe Kazakh Interior Ministry said it. The Interior Ministry "
                            "agreed. The New People's Party won. The New People Party lost.",
                            NULL);
    const struct ex_entity *m = entity(d, "Kazakh Interior Ministry");
    cr_assert_not_null(m, "a nationality before a title word that heads no title");
    cr_expect_eq(m->n_mentions, 2);
    cr_expect(has_alias(m, "Interior Ministry"));
    const struct ex_entity *p = entity(d, "New People's Party");
    cr_assert_not_null(p);
    cr_expect_eq(p->n_mentions, 2, "a possessive inside a name is left out of its key");
    mentions_slice(d);
    ex_doc_free(d);

    d = text("T\n\nThe Kazakh Service reported. The Russian Service agreed.", NULL);
    const struct ex_entity *k = entity(d, "Kazakh Service"), *r = entity(d, "Russian Service");
    cr_assert(k && r, "a bare head word is no key: the two services stay apart");
    cr_expect(!has_alias(k, "Service"));
    ex_doc_free(d);
}

Test(names, short_surnames_that_look_like_function_words)
{
    struct ex_doc *d = text("T\n\nJames To of the Democratic Party won. Wilson Or was elected. "
                            "To the north lies Kowloon. Tell Jane Or Mary.",
                            NULL);
    cr_expect_eq(kind_of(d, "James To"), EX_PERSON, "after a known given name, mid-sentence");
    cr_expect_eq(kind_of(d, "Wilson Or"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Democratic Party"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Jane Or Mary"), -1, "a capitalized word after it: no surname");
    cr_expect_eq(kind_of(d, "Jane Or"), -1);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, a_company_before_its_product)
{
    struct ex_doc *d = text("T\n\nGoogle Chrome gained while Microsoft Windows lost. Facebook Inc "
                            "grew. The Bank of England agreed.",
                            NULL);
    cr_expect_eq(kind_of(d, "Google"), EX_ORGANIZATION, "the company is the entity");
    cr_expect_eq(kind_of(d, "Google Chrome"), -1, "its product is no name of its own");
    cr_expect_eq(kind_of(d, "Microsoft"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Facebook Inc"), EX_ORGANIZATION, "a body's head word stays");
    cr_expect_eq(kind_of(d, "Bank of England"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, a_title_after_in_is_no_place)
{
    struct ex_doc *d =
        text("T\n\nHe lives in Kestrel. He starred in Zorblax: The Animated Series.", NULL);
    cr_expect_eq(kind_of(d, "Kestrel"), EX_LOCATION, "an unknown word after 'in'");
    cr_expect_eq(kind_of(d, "Zorblax"), -1, "but not before a colon: a work's title");
    ex_doc_free(d);
}

Test(names, directions_before_a_known_place)
{
    struct ex_doc *d = text("T\n\nBoats left South East Asia. Northern Ireland voted. Western "
                            "Union paid.",
                            NULL);
    cr_expect_eq(kind_of(d, "South East Asia"), EX_LOCATION, "a part of a known place");
    cr_expect_eq(kind_of(d, "Northern Ireland"), EX_LOCATION);
    cr_expect_neq(kind_of(d, "Western Union"), EX_LOCATION, "'Union' is no known place");
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, a_place_whose_head_comes_first)
{
    struct ex_doc *d = text("T\n\nClimbers reached Mount Kenya. Fishermen on Lake Victoria met "
                            "pilgrims. Lake Forest College won.",
                            NULL);
    cr_expect_eq(kind_of(d, "Mount Kenya"), EX_LOCATION, "not a person's two names");
    cr_expect_eq(kind_of(d, "Lake Victoria"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Lake Forest College"), EX_ORGANIZATION, "a body's head word last");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A known place inside a longer name is mentioned too (the annotators of news count it); its
 * mention slices the body to the place, and it speaks for nobody: the name around it does. */
Test(names, places_named_inside_longer_names)
{
    const char *s = "T\n\nFans met at the Metro Toronto Convention Centre. Comic Corps of Canada "
                    "collected comics. The Malaysia Tourism board said it was pleased. She studied "
                    "at the University of Southern Indiana. Boats left South East Asia for "
                    "Washington D.C. on Monday. The Democratic Choice of Kazakhstan (DVK) "
                    "protested; the DVK marched. Helen Park met Sofia Grant.";
    struct ex_doc *d = text(s, NULL);
    cr_expect_eq(kind_of(d, "Metro Toronto Convention Centre"), EX_LOCATION,
                 "a building: keeps its kind");
    cr_expect_eq(kind_of(d, "Toronto"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Canada"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Malaysia"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Southern Indiana"), EX_LOCATION, "with the directions before it");
    cr_expect_null(entity(d, "Asia"), "South East Asia is a part of Asia, not a mention of it");
    cr_expect_null(entity(d, "Washington"), "Washington D.C. is that city itself");
    cr_expect_eq(kind_of(d, "Sofia Grant"), EX_PERSON, "a city's name that is a given name");
    cr_expect_null(entity(d, "Sofia"), "no place inside a person's name");
    const struct ex_entity *dvk = entity(d, "Democratic Choice of Kazakhstan");
    cr_assert(dvk, "the outer name stays");
    cr_expect(has_alias(dvk, "DVK"), "an acronym follows the name, not the place inside it");
    cr_expect(!has_alias(entity(d, "Kazakhstan"), "DVK"));
    const struct ex_entity *t = entity(d, "Toronto");
    cr_assert(t && t->n_mentions == 1);
    cr_expect_eq(t->mentions[0].span.end - t->mentions[0].span.start, strlen("Toronto"));
    cr_expect(!memcmp(d->body + t->mentions[0].span.start, "Toronto", 7));
    cr_assert_geq(d->n_statements, 1);
    cr_assert_geq(d->statements[0].speaker.entity_id, 0);
    cr_expect_str_eq(d->entities[d->statements[0].speaker.entity_id].name, "Malaysia Tourism");
    mentions_slice(d);
    ex_doc_free(d);
}

/* Names of things this extractor has no kind for: versioned products, works introduced as
 * such, acronyms of common things; and an acronym whose letters spell an organization's
 * name joins it even where another name starts with the acronym. */
Test(names, products_works_and_common_acronyms)
{
    const char *s =
        "T\n\nMicrosoft's Internet Explorer 9 replaces Internet Explorer 6. Internet "
        "Explorer is old; IE6 and IE are slow. The channel Khabar 24 reported it. Viewers "
        "of Channel 4, Channel 5, and Khabar 24 saw it. Atwood launched her novel Angel Catbird. "
        "VIP guests "
        "watched HTML pages on a TV. The University of Southern Indiana opened the "
        "USI Art Collections; USI staff came.";
    struct ex_doc *d = text(s, NULL);
    cr_expect_null(entity(d, "Internet Explorer 9"), "a product, by its versions");
    cr_expect_null(entity(d, "Internet Explorer 6"));
    cr_expect_null(entity(d, "Internet Explorer"));
    cr_expect_null(entity(d, "IE6"));
    cr_expect_eq(kind_of(d, "Microsoft"), EX_ORGANIZATION, "the company stays");
    /* the number joins the name only before punctuation; either way the channel stays */
    cr_expect(kind_of(d, "Khabar 24") == EX_ORGANIZATION || kind_of(d, "Khabar") == EX_ORGANIZATION,
              "always with its number: a name");
    cr_expect_eq(kind_of(d, "Channel 4"), EX_ORGANIZATION, "a head word before the number");
    cr_expect_eq(kind_of(d, "Channel 5"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "Angel Catbird"), "a novel's title");
    cr_expect_null(entity(d, "VIP"));
    cr_expect_null(entity(d, "HTML"));
    cr_expect_null(entity(d, "TV"));
    const struct ex_entity *u = entity(d, "University of Southern Indiana");
    cr_assert(u);
    cr_expect(has_alias(u, "USI"), "initials before a name's first word");
    mentions_slice(d);
    ex_doc_free(d);
}

/* An institution whose head comes first opens a sentence as its name ("University of ..."),
 * and a name of common words is an organization when a person is "of" it. */
Test(names, heads_first_at_a_sentence_start_and_bodies_of_common_words)
{
    struct ex_doc *d = text("T\n\nUniversity of Texas Arlington Muslim Student Association "
                            "president Sehar Memon spoke. Raymond Chan of People Power won. "
                            "Pressure grew in Hong Kong.",
                            NULL);
    cr_expect_eq(kind_of(d, "University of Texas Arlington Muslim Student Association"),
                 EX_ORGANIZATION, "its first word is not dropped as a sentence's common word");
    cr_expect_null(entity(d, "Texas Arlington Muslim Student Association"));
    cr_expect_eq(kind_of(d, "People Power"), EX_ORGANIZATION, "what a person is of");
    cr_expect_eq(kind_of(d, "Raymond Chan"), EX_PERSON);
    mentions_slice(d);
    ex_doc_free(d);
}

/* Names inside names by their head words: the place a station is named after, the person a
 * memorial is; a place written without the head word that ends its full name elsewhere is
 * that place; a place is not "for" anything. */
Test(names, places_and_people_inside_places_by_their_heads)
{
    struct ex_doc *d = text("T\n\nCrowds filled the Chiang Kai Shek Memorial near downtown. "
                            "Staff at Chiang Kai Shek Memorial Hall Station helped. The Super "
                            "District Council met. Ferries left Hong Kong Island for Hong Kong.",
                            NULL);
    const struct ex_entity *hall = entity(d, "Chiang Kai Shek Memorial Hall");
    cr_assert(hall, "the hall inside the station's name");
    cr_expect_eq(hall->kind, EX_LOCATION);
    cr_expect(has_alias(hall, "Chiang Kai Shek Memorial"), "the memorial is the hall");
    cr_expect_eq(hall->n_mentions, 2);
    cr_expect_eq(kind_of(d, "Chiang Kai Shek Memorial Hall Station"), EX_LOCATION,
                 "the station is a place of its own");
    cr_expect_eq(kind_of(d, "Chiang Kai Shek"), EX_PERSON, "a memorial's namesake");
    cr_expect_null(entity(d, "Super District"), "no place inside a body's name by its heads");
    cr_expect_eq(kind_of(d, "Hong Kong Island"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Hong Kong"), EX_LOCATION, "not joined by 'for'");
    mentions_slice(d);
    ex_doc_free(d);
}

/* Portuguese particles join a place's name; an apposition gives a name its kind from the
 * noun before the comma or the noun that ends the phrase after it; an organization's
 * acronym before a title is split off like a country. */
Test(names, particles_appositions_and_titles_after_an_acronym)
{
    struct ex_doc *d = text("T\n\nRains hit the state of Rio Grande do Sul. Lula visited the "
                            "state capital, Porto Alegre, on Sunday. Petrobras, the state oil "
                            "company, said its refinery was safe. The United Nations offered "
                            "help, and UN Secretary-General António Guterres wrote to Lula.",
                            NULL);
    cr_expect_eq(kind_of(d, "Rio Grande do Sul"), EX_LOCATION, "one name through 'do'");
    cr_expect_null(entity(d, "Sul"), "no subdivision inside a known place's name");
    cr_expect_eq(kind_of(d, "Porto Alegre"), EX_LOCATION, "the capital, X: a place");
    cr_expect_null(entity(d, "Porto"), "nor a city inside a town's own words");
    cr_expect_eq(kind_of(d, "Petrobras"), EX_ORGANIZATION, "X, the ... company: a body");
    const struct ex_entity *g = entity(d, "António Guterres");
    cr_assert(g, "the person, not an organization named 'UN Secretary-General ...'");
    cr_expect_eq(g->kind, EX_PERSON);
    cr_assert_eq(g->n_titles, 1);
    cr_expect_str_eq(g->titles[0], "Secretary-General");
    cr_expect(has_alias(entity(d, "United Nations"), "UN"));
    int petrobras_spoke = 0;
    for (size_t i = 0; i < d->n_statements; i++) {
        int e = d->statements[i].speaker.entity_id;
        petrobras_spoke |= e >= 0 && !strcmp(d->entities[e].name, "Petrobras");
    }
    cr_expect(petrobras_spoke, "the statement's speaker is the organization");
    mentions_slice(d);
    ex_doc_free(d);
}

/* Teams by their matches, bodies whose first word is a common one, and an organization
 * written short after its full name. */
Test(names, teams_common_first_words_and_short_forms)
{
    struct ex_doc *d = text("T\n\nManchester City beat West Ham United 3-1 on Sunday, and "
                            "Arsenal beat Everton 2-1. West Ham thanked the fans. In Madrid, Real "
                            "Madrid celebrated. Staff of the University of Texas Arlington Muslim "
                            "Student Association met at the University of Texas Arlington. The "
                            "winner was Starry Lee.",
                            NULL);
    cr_expect_eq(kind_of(d, "Manchester City"), EX_ORGANIZATION, "a team, not a city");
    cr_expect_eq(kind_of(d, "Everton"), EX_ORGANIZATION, "a name before a score");
    const struct ex_entity *wh = entity(d, "West Ham United");
    cr_assert(wh);
    cr_expect_eq(wh->kind, EX_ORGANIZATION);
    cr_expect(has_alias(wh, "West Ham"), "the short form is the same body");
    cr_expect_eq(kind_of(d, "Real Madrid"), EX_ORGANIZATION, "'real' opens no personal name");
    cr_expect_eq(kind_of(d, "Madrid"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "University of Texas Arlington"), EX_ORGANIZATION,
                 "a body inside a longer body's name stays itself");
    cr_expect_eq(kind_of(d, "Starry Lee"), EX_PERSON, "a common word before a surname");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A dateline's place in capitals and its agency; a body, a party and titles before a name;
 * "of" a place after a titled person; the head of a sentence's subject as the antecedent of
 * the next quotation's pronoun. */
Test(names, datelines_titles_and_subject_heads)
{
    struct ex_doc *d = text("T\n\nWASHINGTON (AP) — The Senate passed the bill, sending it to "
                            "Speaker Mike Johnson.\n\nSenate Majority Leader Chuck Schumer, a "
                            "Democrat, called the vote historic. \"History will remember this,\" "
                            "he said. Republican Senator Rand Paul of Kentucky opposed it. "
                            "Washington was quiet.",
                            NULL);
    const struct ex_entity *w = entity(d, "Washington");
    cr_assert(w, "the dateline's place, named as written elsewhere");
    cr_expect_eq(w->kind, EX_LOCATION);
    cr_expect_eq(w->n_mentions, 2);
    cr_expect_eq(kind_of(d, "AP"), EX_ORGANIZATION, "the agency, not the place's acronym");
    cr_expect(!has_alias(w, "AP"));
    const struct ex_entity *cs = entity(d, "Chuck Schumer");
    cr_assert(cs, "not an organization named 'Senate Majority Leader ...'");
    cr_expect_eq(cs->kind, EX_PERSON);
    cr_assert_eq(cs->n_titles, 1);
    cr_expect_str_eq(cs->titles[0], "Majority Leader");
    cr_expect_eq(kind_of(d, "Senate"), EX_ORGANIZATION);
    const struct ex_entity *rp = entity(d, "Rand Paul");
    cr_assert(rp);
    cr_expect_str_eq(rp->titles[0], "Republican Senator");
    cr_expect_eq(kind_of(d, "Kentucky"), EX_LOCATION);
    int schumer_said = 0;
    for (size_t i = 0; i < d->n_statements; i++) {
        int e = d->statements[i].speaker.entity_id;
        schumer_said |= e >= 0 && d->statements[i].kind == EX_DIRECT &&
                        !strcmp(d->entities[e].name, "Chuck Schumer");
    }
    cr_expect(schumer_said, "'he' is the head of the sentence's subject, not the Senate");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A possessive inside a name before its head: plural ones, and one common word before it. */
Test(names, possessives_inside_names)
{
    struct ex_doc *d = text("T\n\nHe appeared in Melbourne Magistrates' Court on Saturday. The "
                            "Women's League met. Kazakhstan's Senate voted.",
                            NULL);
    cr_expect_eq(kind_of(d, "Melbourne Magistrates' Court"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Women's League"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Kazakhstan"), EX_LOCATION, "a place's possessive still splits");
    cr_expect_eq(kind_of(d, "Senate"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

/* The country an office is "to", then its holder; a thing's name given in quotation marks. */
Test(names, offices_to_a_country_and_quoted_names_of_things)
{
    struct ex_doc *d = text("T\n\nAccording to Afghan Ambassador to the United States Hamdullah "
                            "Mohib, the team did well. Their robot, named \"Better Idea of Afghan "
                            "Girls,\" scored. The United States Navy helped.",
                            NULL);
    cr_expect_eq(kind_of(d, "Hamdullah Mohib"), EX_PERSON);
    cr_expect_eq(kind_of(d, "United States"), EX_LOCATION);
    cr_expect_null(entity(d, "United States Hamdullah Mohib"));
    cr_expect_null(entity(d, "Better Idea of Afghan Girls"), "a robot's name");
    cr_expect_eq(kind_of(d, "United States Navy"), EX_ORGANIZATION, "a head word: no person");
    mentions_slice(d);
    ex_doc_free(d);
}

/* Regions by their English names, and a known name's first word opening a sentence. */
Test(names, english_names_of_regions_at_a_sentence_start)
{
    struct ex_doc *d = text("T\n\nLower Saxony, which owns shares, said it would oppose the "
                            "closure. Workers in Bavaria and Catalonia struck.",
                            NULL);
    cr_expect_eq(kind_of(d, "Lower Saxony"), EX_LOCATION, "'Lower' opens the region's name");
    cr_expect_eq(kind_of(d, "Bavaria"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Catalonia"), EX_LOCATION);
    mentions_slice(d);
    ex_doc_free(d);
}

/* Local offices, bodies with "and" in their names, other names "known as", appositions
 * after a preposition, plurals of place nouns, and names opened by common words. */
Test(names, local_offices_known_as_and_places_in_plurals)
{
    struct ex_doc *d =
        text("T\n\nCalifornia Governor Gavin Newsom and Los Angeles County Fire Chief Anthony "
             "Marrone spoke. Flames neared the suburbs of Santa Clarita and Castaic, said the "
             "California Department of Forestry and Fire Protection, known as Cal Fire. A "
             "spokeswoman for the company, Gabriela Ornelas, said a Fire Management Assistance "
             "Grant came. Cal Fire said more. Los Angeles Mayor Karen Bass agreed.",
             NULL);
    const struct ex_entity *e = entity(d, "Gavin Newsom");
    cr_assert_not_null(e, "a place, a title, a name");
    cr_expect_eq(e->kind, EX_PERSON);
    cr_expect_eq(kind_of(d, "California"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Anthony Marrone"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Los Angeles County"), EX_LOCATION, "the place with its County");
    cr_expect_eq(kind_of(d, "Karen Bass"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Santa Clarita"), EX_LOCATION, "\"suburbs of\" read as suburb");
    cr_expect_eq(kind_of(d, "Castaic"), EX_LOCATION, "and the list member after it");
    e = entity(d, "California Department of Forestry and Fire Protection");
    cr_assert_not_null(e, "\"and\" inside a body named head first");
    cr_expect_eq(e->kind, EX_ORGANIZATION);
    cr_expect(has_alias(e, "Cal Fire"), "known as");
    cr_expect_null(entity(d, "Cal Fire"), "its later use joins it too");
    cr_expect_eq(kind_of(d, "Gabriela Ornelas"), EX_PERSON, "a spokeswoman, not the company");
    cr_expect_neq(kind_of(d, "Fire Management Assistance Grant"), EX_PERSON);
    mentions_slice(d);
    ex_doc_free(d);
}

/* A surname that English writes in lowercase opens a sentence: the person named in full. */
Test(names, a_surname_that_is_a_common_word_opens_a_sentence)
{
    struct ex_doc *d = text("T\n\nLiverpool manager Arne Slot was pleased. Slot, who replaced "
                            "Jurgen Klopp, added that the side was strong. Slot machines rang.",
                            NULL);
    const struct ex_entity *e = entity(d, "Arne Slot");
    cr_assert_not_null(e);
    cr_expect_eq(e->n_mentions, 2, "\"Slot, who\" is Arne Slot; \"Slot machines\" is not");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A city that plays matches is its club, wherever the article names it but after a
 * preposition of place; a score before "win over" says a match too. */
Test(names, a_city_that_plays_is_its_club)
{
    struct ex_doc *d = text("T\n\nLiverpool extended their lead with a 2-0 win over Everton. "
                            "Liverpool are top of the table. Fans in Liverpool celebrated.",
                            NULL);
    int clubs = 0, towns = 0;
    for (size_t i = 0; i < d->n_entities; i++) {
        const struct ex_entity *e = &d->entities[i];
        if (strcmp(e->name, "Liverpool") != 0) continue;
        if (e->kind == EX_ORGANIZATION) clubs += (int)e->n_mentions;
        if (e->kind == EX_LOCATION) towns += (int)e->n_mentions;
    }
    cr_expect_eq(clubs, 2, "the subject of the win and the table's top");
    cr_expect_eq(towns, 1, "\"in Liverpool\" is the city");
    cr_expect_eq(kind_of(d, "Everton"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

/* Bodies told apart by their nationality or by more words than a known name; a body's
 * house before a title; a name before a party's noun; instruments are no entities. */
Test(names, bodies_that_share_words_and_instruments)
{
    struct ex_doc *d = text("T\n\nNASA, the European Space Agency and the Canadian Space "
                            "Agency built the James Webb Space Telescope. Jessie Christiansen "
                            "of the NASA Exoplanet Science Institute agreed. House Speaker Mike "
                            "Johnson and the ruling Pheu Thai party did not. Meta Platforms Inc. "
                            "said Meta would appeal.",
                            NULL);
    cr_expect_eq(kind_of(d, "European Space Agency"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Canadian Space Agency"), EX_ORGANIZATION, "not an alias of ESA");
    const struct ex_entity *e = entity(d, "NASA");
    cr_assert_not_null(e, "NASA is no short form of the institute");
    cr_expect_eq(e->kind, EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "NASA Exoplanet Science Institute"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "James Webb Space Telescope"), "an instrument");
    e = entity(d, "Mike Johnson");
    cr_assert_not_null(e);
    cr_expect_eq(e->kind, EX_PERSON);
    cr_expect_eq(kind_of(d, "Pheu Thai"), EX_ORGANIZATION);
    e = entity(d, "Meta Platforms Inc.");
    cr_assert_not_null(e);
    cr_expect(has_alias(e, "Meta"), "a company's legal name and its short name meet");
    ex_doc_free(d);
    d = text("T\n\nSamsung Electronics replaced its chip chief, Samsung said.", NULL);
    e = entity(d, "Samsung Electronics");
    cr_assert_not_null(e, "a company's line of business ends its name, no product");
    cr_expect(has_alias(e, "Samsung"));
    mentions_slice(d);
    ex_doc_free(d);
}

/* Members' titles and parties, bodies named second in a coordination or in a plural
 * apposition, who speaks "for" a name, and lists of places that are no "town, region". */
Test(names, members_coordinated_bodies_and_lists_of_regions)
{
    struct ex_doc *d = text("T\n\nGreens MP Ellen Sandell disagreed. Coles and Woolworths, the "
                            "country's two largest supermarket chains, stopped. A spokesperson "
                            "for Aldi said so. It joins South Australia, Tasmania and the "
                            "Northern Territory.",
                            NULL);
    const struct ex_entity *e = entity(d, "Ellen Sandell");
    cr_assert_not_null(e);
    cr_expect_eq(e->kind, EX_PERSON);
    cr_expect_eq(kind_of(d, "Coles"), EX_ORGANIZATION, "coordinated with the next");
    cr_expect_eq(kind_of(d, "Woolworths"), EX_ORGANIZATION, "the chains, in the singular");
    cr_expect_eq(kind_of(d, "Aldi"), EX_ORGANIZATION);
    e = entity(d, "South Australia");
    cr_assert_not_null(e);
    cr_expect_not(has_alias(e, "South Australia, Tasmania"), "a list, not a town and region");
    cr_expect_eq(kind_of(d, "Tasmania"), EX_LOCATION);
    mentions_slice(d);
    ex_doc_free(d);
}

/* A role before "of" heads a body, governs a place or is kin; a plain word between two
 * titles is part of the title. */
Test(names, roles_of_names_words_between_titles_and_newspapers)
{
    struct ex_doc *d = text("T\n\nJon Holden, president of Zorvex District 751, spoke. The son "
                            "of Amadou Keita wept. Acting Labor Secretary Julie Su praised both. "
                            "U.S. Secretary of State Antony Blinken agreed.",
                            NULL);
    cr_expect_eq(kind_of(d, "Zorvex District 751"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Amadou Keita"), EX_PERSON);
    const struct ex_entity *e = entity(d, "Julie Su");
    cr_assert_not_null(e);
    cr_expect_eq(e->kind, EX_PERSON);
    cr_assert_eq(e->n_titles, 1);
    cr_expect_str_eq(e->titles[0], "Acting Labor Secretary");
    cr_expect_eq(kind_of(d, "Antony Blinken"), EX_PERSON);
    cr_expect_null(entity(d, "State"));
    ex_doc_free(d);
    d = text("T\n\nKim told the Tribune that. The Herald reported it.", NULL);
    cr_expect_eq(kind_of(d, "Tribune"), EX_ORGANIZATION, "a newspaper's head word alone");
    cr_expect_eq(kind_of(d, "Herald"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

/* Names of the Spanish-speaking world: particles inside personal names, double surnames
 * written alone, a given name that is also a place, heads first, titles with a dash. */
Test(names, particles_double_surnames_and_heads_first)
{
    struct ex_doc *d =
        text("T\n\nMexican President-elect Claudia Sheinbaum named Victoria "
             "Rodríguez Ceja to replace Alejandro Díaz de León. Ursula von der Leyen, "
             "Pieter van den Berg and Maria de la Cruz called. Rodríguez Ceja, "
             "54, thanked the ruling Morena party. Gabriela Siller of Banco Base "
             "agreed.",
             NULL);
    const struct ex_entity *e = entity(d, "Claudia Sheinbaum");
    cr_assert_not_null(e);
    cr_assert_eq(e->n_titles, 1);
    cr_expect_str_eq(e->titles[0], "President-elect");
    e = entity(d, "Victoria Rodríguez Ceja");
    cr_assert_not_null(e, "a given name that is a place, then two surnames");
    cr_expect_eq(e->kind, EX_PERSON);
    cr_expect_eq(e->n_mentions, 2, "\"Rodríguez Ceja\" is her");
    cr_expect_eq(kind_of(d, "Alejandro Díaz de León"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Ursula von der Leyen"), EX_PERSON, "two particles");
    cr_expect_eq(kind_of(d, "Pieter van den Berg"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Maria de la Cruz"), EX_PERSON, "a given name that is a word too");
    ex_doc_free(d);
    d = text("T\n\nYesterday Luigi di Maio, Karl-Theodor zu Guttenberg and Johan ter Horst met.",
             NULL);
    cr_expect_eq(kind_of(d, "Luigi di Maio"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Karl-Theodor zu Guttenberg"), EX_PERSON, "a double given name");
    cr_expect_eq(kind_of(d, "Johan ter Horst"), EX_PERSON);
    mentions_slice(d);
    ex_doc_free(d);
    d = text("T\n\nRodríguez Ceja, 54, thanked the ruling Morena party. Gabriela Siller of Banco "
             "Base agreed. Alejandro Díaz de León left.",
             NULL);
    cr_expect_null(entity(d, "León"), "no place inside a personal name");
    cr_expect_eq(kind_of(d, "Morena"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Banco Base"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

/* A news agency in a dateline is no acronym of the place; a region's name that is the
 * surname of a person named in full; "construction giant X" and X alone later; a quoted
 * name before a noun. */
Test(names, agencies_region_surnames_giants_and_quoted_modifiers)
{
    struct ex_doc *d = text("T\n\nLIMA, Peru (AP) — A court sentenced former President "
                            "Alejandro Toledo for bribes from construction giant Odebrecht. The "
                            "judge said Toledo, 78, had lied. Odebrecht admitted it in the "
                            "sprawling \"Car Wash\" investigation. Toledo visited Ohio and "
                            "flew to Toledo.",
                            NULL);
    const struct ex_entity *e = entity(d, "Peru");
    cr_assert_not_null(e);
    cr_expect_not(has_alias(e, "AP"), "the agency is no acronym of Peru");
    cr_expect_eq(kind_of(d, "AP"), EX_ORGANIZATION);
    e = entity(d, "Alejandro Toledo");
    cr_assert_not_null(e);
    cr_expect_eq(e->n_mentions, 3, "\"said Toledo, 78,\" and \"Toledo visited\" are him");
    cr_expect_eq(kind_of(d, "Toledo"), EX_LOCATION, "\"to Toledo\" is the place");
    e = entity(d, "Odebrecht");
    cr_assert_not_null(e);
    cr_expect_eq(e->kind, EX_ORGANIZATION);
    cr_expect_eq(e->n_mentions, 2);
    cr_expect_null(entity(d, "Car Wash"), "an investigation's name");
    mentions_slice(d);
    ex_doc_free(d);
}

/* Bodies named head first with "for" keep their "and"; what is based somewhere is a body. */
Test(names, centers_for_and_based_bodies)
{
    struct ex_doc *d = text("T\n\nThe U.S. Centers for Disease Control and Prevention said the "
                            "risk was low. Denmark-based Bavarian Nordic makes the vaccine.",
                            NULL);
    cr_expect_eq(kind_of(d, "U.S. Centers for Disease Control and Prevention"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Bavarian Nordic"), EX_ORGANIZATION);
    ex_doc_free(d);
    d = text("T\n\nGeorge Russell won the Las Vegas Grand Prix.", NULL);
    cr_expect_null(entity(d, "Las Vegas Grand Prix"), "a race");
    cr_expect_eq(kind_of(d, "Las Vegas"), EX_LOCATION, "named inside it");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A country's short code closing a body's name is no product model; "director of the X"
 * makes X a body, unless X is a modifier ("of the Dallas chapter"). */
Test(names, country_codes_in_names_and_roles_of_the)
{
    struct ex_doc *d = text("T\n\nNigel Farage, the leader of Reform UK, spoke. She is "
                            "director of the Migration Observatory at Oxford. He is director of "
                            "the Pinewood chapter of the union.",
                            NULL);
    cr_expect_eq(kind_of(d, "Reform UK"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Migration Observatory"), EX_ORGANIZATION);
    cr_expect_neq(kind_of(d, "Pinewood"), EX_ORGANIZATION, "a name used as a modifier");
    mentions_slice(d);
    ex_doc_free(d);
}

/* "X and Y Commission" is one body; a town before its region's "-based"; a work's title
 * with its article after the work's noun; acronyms of common things; police ranks as titles. */
Test(names, common_nouns_and_a_head_towns_based_titled_works_and_ranks)
{
    struct ex_doc *d = text("T\n\nShares of the Santa Clara, California-based chipmaker rose, "
                            "a filing with the Securities and Exchange Commission showed. The AI "
                            "trade goes on, said Michael Burry of the film The Big Short.",
                            NULL);
    cr_expect_eq(kind_of(d, "Santa Clara"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Securities and Exchange Commission"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "AI"));
    cr_expect_null(entity(d, "Big Short"), "a film");
    cr_expect_eq(kind_of(d, "Michael Burry"), EX_PERSON);
    ex_doc_free(d);
    d = text("T\n\nDetective Superintendent Danny Doherty spoke. Magistrate Helen Wu adjourned it.",
             NULL);
    const struct ex_entity *e = entity(d, "Danny Doherty");
    cr_assert_not_null(e, "police ranks are titles");
    cr_assert_eq(e->n_titles, 1);
    cr_expect_str_eq(e->titles[0], "Detective Superintendent");
    e = entity(d, "Helen Wu");
    cr_assert_not_null(e);
    cr_expect_eq(e->n_titles, 1);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, campuses_and_en_dash_compounds)
{
    struct ex_doc *d = text("T\n\nShe teaches at the University of North Carolina at Chapel "
                            "Hill. The UNC Chapel Hill campus closed. The Council on "
                            "American\u2013Islamic Relations met in 2001\u20132004.",
                            NULL);
    const struct ex_entity *e = entity(d, "University of North Carolina at Chapel Hill");
    cr_assert_not_null(e, "a university named with its campus");
    cr_expect_eq(e->kind, EX_ORGANIZATION);
    cr_expect(has_alias(e, "UNC Chapel Hill"), "the acronym and the campus");
    cr_expect_eq(kind_of(d, "Chapel Hill"), EX_LOCATION, "the campus is a place too");
    cr_expect_eq(kind_of(d, "Council on American\u2013Islamic Relations"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "Council"));
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, districts_that_are_bodies_and_centres_that_are_buildings)
{
    struct ex_doc *d = text("T\n\nThe Irving Independent School District suspended him. The fair "
                            "filled the Metro Toronto Convention Centre, said the Pew Research "
                            "Center. Rain fell on the Lake District.",
                            NULL);
    cr_expect_eq(kind_of(d, "Irving Independent School District"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Metro Toronto Convention Centre"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Toronto"), EX_LOCATION, "the building names its town");
    cr_expect_eq(kind_of(d, "Pew Research Center"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Lake District"), EX_LOCATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, national_teams)
{
    struct ex_doc *d =
        text("T\n\nTeam Estonia had to rebuild its robot. It met Team Canada.", NULL);
    cr_expect_eq(kind_of(d, "Team Estonia"), EX_ORGANIZATION, "also at a sentence's start");
    cr_expect_eq(kind_of(d, "Team Canada"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "Estonia"), "a team's country is no place of the story");
    cr_expect_null(entity(d, "Canada"));
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, currency_country_codes)
{
    struct ex_doc *d = text("T\n\nIt will cost NZ $ 26 million, the NZX said.", NULL);
    cr_expect_null(entity(d, "NZ"), "a currency's country code names no body");
    cr_expect_eq(kind_of(d, "NZX"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "26 million"), EX_QUANTITY);
    ex_doc_free(d);
}

Test(names, ampersands_join_firms_not_credits)
{
    struct ex_doc *d = text("T\n\nShares of Procter & Gamble rose. Marks & Spencer fell. It hangs "
                            "at the Mary & Leigh Block Museum of Art.\n\nVideo: Miharris & "
                            "Acphillips.",
                            NULL);
    cr_expect_eq(kind_of(d, "Procter & Gamble"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Marks & Spencer"), EX_ORGANIZATION, "also at a sentence's start");
    cr_expect_eq(kind_of(d, "Mary & Leigh Block Museum of Art"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "Mary"));
    cr_expect_null(entity(d, "Miharris & Acphillips"), "two authors of a credit are no firm");
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, a_lone_name_before_its_staff)
{
    struct ex_doc *d = text("T\n\nWikinews reporters attended the opening. Later Wikinews spoke "
                            "with Zorvath executives and Quillon fans.",
                            NULL);
    const struct ex_entity *e = entity(d, "Wikinews");
    cr_assert_not_null(e, "a name before its reporters is a body's");
    cr_expect_eq(e->kind, EX_ORGANIZATION);
    cr_expect_eq(e->n_mentions, 2, "and the name alone elsewhere is the same body");
    cr_expect_eq(kind_of(d, "Zorvath"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Quillon"), -1, "fans are no staff");
    ex_doc_free(d);
}

Test(names, areas_named_before_their_noun_and_clubs)
{
    struct ex_doc *d = text("T\n\nThe quake hit the remote Jajarkot district. \"The roads are "
                            "blocked,\" said Harish Sharma, the chief district officer of "
                            "Jajarkot. Bayern Munich rivals Borussia Dortmund sacked their coach. "
                            "He led Dortmund to a final against Werder Bremen.",
                            NULL);
    const struct ex_entity *e = entity(d, "Jajarkot");
    cr_assert_not_null(e);
    cr_expect_eq(e->kind, EX_LOCATION, "a name before 'district' is a place's");
    cr_expect_eq(e->n_mentions, 2, "and 'officer of' the same place is no body of its own");
    cr_expect_eq(kind_of(d, "Bayern Munich"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Werder Bremen"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "Bremen"), "a club's town is no place of the story");
    e = entity(d, "Borussia Dortmund");
    cr_assert_not_null(e);
    cr_expect_eq(e->kind, EX_ORGANIZATION);
    cr_expect(has_alias(e, "Dortmund"), "the name after the club's first word names it alone");
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, authorities_and_watchdogs_before_their_names)
{
    struct ex_doc *d = text("T\n\nThe national road authority Rijkswaterstaat urged drivers to "
                            "stay home. The watchdog Ofcom fined it. The chipmaker Zorvex rose.",
                            NULL);
    cr_expect_eq(kind_of(d, "Rijkswaterstaat"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Ofcom"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Zorvex"), EX_ORGANIZATION);
    ex_doc_free(d);
}

Test(names, common_nouns_and_a_head_up_to_four_words)
{
    struct ex_doc *d = text("T\n\nThe quake hit at night, the National Earthquake Monitoring and "
                            "Research Center said. The Health Ministry and Finance Ministry "
                            "agreed.",
                            NULL);
    cr_expect_eq(kind_of(d, "National Earthquake Monitoring and Research Center"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "Research Center"));
    cr_expect_eq(kind_of(d, "Health Ministry"), EX_ORGANIZATION, "a head before 'and': two");
    cr_expect_eq(kind_of(d, "Finance Ministry"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, a_town_and_region_before_a_noun)
{
    struct ex_doc *d = text("T\n\nThe Santa Clara, California, company rose. Jennifer Ortiz, "
                            "Texas, said no.",
                            NULL);
    cr_expect_eq(kind_of(d, "Santa Clara"), EX_LOCATION, "no person's name");
    cr_expect_eq(kind_of(d, "Jennifer Ortiz"), EX_PERSON, "a known given name keeps it");
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, titles_with_a_portfolio)
{
    struct ex_doc *d = text("T\n\nMinister of Health Ana Costa spoke. The plans were drawn up by "
                            "Minister for Nature and Nitrogen Christianne van der Wal. It was "
                            "President of the European Commission Ursula von der Leyen.",
                            NULL);
    const struct ex_entity *e = entity(d, "Ana Costa");
    cr_assert_not_null(e, "also at a sentence's start");
    cr_assert_eq(e->n_titles, 1);
    cr_expect_str_eq(e->titles[0], "Minister of Health");
    e = entity(d, "Christianne van der Wal");
    cr_assert_not_null(e, "a portfolio with 'and' in it");
    cr_expect_eq(e->kind, EX_PERSON);
    cr_assert_eq(e->n_titles, 1);
    cr_expect_str_eq(e->titles[0], "Minister for Nature and Nitrogen");
    e = entity(d, "Ursula von der Leyen");
    cr_assert_not_null(e, "a body as the portfolio");
    cr_expect_eq(kind_of(d, "European Commission"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, bodies_of_several_words_before_titles)
{
    struct ex_doc *d = text("T\n\nFederal Reserve Chair Jerome Powell spoke. Goldman Sachs Chief "
                            "Economist Jan Hatzius agreed. The Senate Banking Committee Chairman "
                            "listened.",
                            NULL);
    cr_expect_eq(kind_of(d, "Federal Reserve"), EX_ORGANIZATION);
    const struct ex_entity *e = entity(d, "Jerome Powell");
    cr_assert_not_null(e);
    cr_assert_eq(e->n_titles, 1);
    cr_expect_str_eq(e->titles[0], "Chair");
    e = entity(d, "Jan Hatzius");
    cr_assert_not_null(e);
    cr_assert_eq(e->n_titles, 1);
    cr_expect_str_eq(e->titles[0], "Chief Economist");
    cr_expect_eq(kind_of(d, "Goldman Sachs"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Senate Banking Committee"), EX_ORGANIZATION, "the office, no holder");
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, letters_after_a_name_and_a_member_of_a_party)
{
    struct ex_doc *d = text("T\n\nJudge Nicholas Dean KC described the attack. Sir Keir Starmer MP "
                            "spoke.",
                            NULL);
    const struct ex_entity *e = entity(d, "Nicholas Dean");
    cr_assert_not_null(e, "KC is no product model of the name");
    cr_expect_eq(e->kind, EX_PERSON);
    cr_expect_eq(kind_of(d, "Keir Starmer"), EX_PERSON);
    cr_expect_null(entity(d, "MP"));
    ex_doc_free(d);
    d = text("T\n\nSenator Elizabeth Warren, a Massachusetts Democrat, said no.", NULL);
    cr_expect_null(entity(d, "Massachusetts Democrat"), "a party's member is no body");
    cr_expect_eq(kind_of(d, "Massachusetts"), EX_LOCATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, lines_of_business_heading_company_names)
{
    struct ex_doc *d = text("T\n\nMicrosoft, Meta Platforms, Alphabet and Amazon spent more. Sony "
                            "Pictures and Kite Pharma rose.",
                            NULL);
    cr_expect_eq(kind_of(d, "Meta Platforms"), EX_ORGANIZATION, "no product of Meta");
    cr_expect_eq(kind_of(d, "Sony Pictures"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Kite Pharma"), EX_ORGANIZATION);
    ex_doc_free(d);
}

Test(names, a_known_company_alone_is_its_legal_name)
{
    struct ex_doc *d = text("T\n\nToyota Motor Corp. said it would invest more. \"It is good,\" "
                            "said the head of Toyota Motor North America. Toyota has been slower "
                            "than its rivals.",
                            NULL);
    const struct ex_entity *e = entity(d, "Toyota Motor Corp.");
    cr_assert_not_null(e);
    cr_expect(has_alias(e, "Toyota"), "not a body of its own");
    cr_expect_null(entity(d, "Toyota"));
    cr_expect_eq(kind_of(d, "Toyota Motor North America"), EX_ORGANIZATION);
    ex_doc_free(d);
}

Test(names, descriptors_titles_with_heads_belts_and_observatories)
{
    struct ex_doc *d = text("T\n\nRival Honda Motor Co. said so. Only Prime Cabinet Secretary "
                            "Musalia Mudavadi kept his job. Impacts from the Kuiper Belt shaped "
                            "it, said an astronomer at Lowell Observatory.",
                            NULL);
    cr_expect_eq(kind_of(d, "Honda Motor Co."), EX_ORGANIZATION, "no rival in its name");
    const struct ex_entity *e = entity(d, "Musalia Mudavadi");
    cr_assert_not_null(e);
    cr_assert_eq(e->n_titles, 1);
    cr_expect_str_eq(e->titles[0], "Prime Cabinet Secretary");
    cr_expect_eq(kind_of(d, "Kuiper Belt"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Lowell Observatory"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, given_names_that_name_a_subdivision_somewhere_and_offices_alone)
{
    struct ex_doc *d = text("T\n\nPaul Smith warned that goodwill was running out. Georgia Power "
                            "agreed.",
                            NULL);
    cr_expect_eq(kind_of(d, "Paul Smith"), EX_PERSON, "Paul is a place in Cape Verde too");
    cr_expect_eq(kind_of(d, "Georgia Power"), EX_ORGANIZATION, "a country is no given name here");
    ex_doc_free(d);
    d = text("T\n\nThe Education Secretary, Bridget Phillipson, said so.", NULL);
    cr_expect_null(entity(d, "Education Secretary"), "an office alone names nobody");
    cr_expect_eq(kind_of(d, "Bridget Phillipson"), EX_PERSON);
    ex_doc_free(d);
}

Test(names, datelines_in_accented_capitals_and_agencies_in_title_case)
{
    struct ex_doc *d = text("T\n\nSÃO PAULO (Reuters) \u2014 It rained in São Paulo.\n\nBRASÍLIA, "
                            "Brazil (AP) \u2014 It rained.",
                            NULL);
    const struct ex_entity *e = entity(d, "São Paulo");
    cr_assert_not_null(e, "an agency in title case closes a dateline too");
    cr_expect_eq(e->kind, EX_LOCATION);
    cr_expect_eq(e->n_mentions, 2);
    cr_expect_eq(kind_of(d, "Reuters"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Brasília"), EX_LOCATION, "accented capitals fold too");
    cr_expect_null(entity(d, "BrasÍLia"));
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, a_surname_alone_is_the_nearest_person_so_named)
{
    struct ex_doc *d = text("T\n\nPresident Luiz Inácio Lula da Silva spoke. Lula said no. "
                            "Environment Minister Marina Silva blamed criminal groups. \"Most "
                            "fires were set on purpose,\" Silva told reporters.",
                            NULL);
    const struct ex_entity *m = entity(d, "Marina Silva"),
                           *l = entity(d, "Luiz Inácio Lula da Silva");
    cr_assert(m && l);
    cr_expect(has_alias(m, "Silva"), "the person named last with that surname");
    cr_expect(!has_alias(l, "Silva"));
    cr_assert_geq(d->n_statements, 1);
    cr_expect_eq(d->statements[d->n_statements - 1].speaker.entity_id, m->id);
    ex_doc_free(d);
}

Test(names, other_names_in_parentheses_and_ordinal_units)
{
    struct ex_doc *d = text("T\n\nThe hotel near the Masjid Al-Haram (Grand Mosque) fell. The "
                            "Partido Revolucionario Institucional (Institutional Revolutionary "
                            "Party) won. He flew to Lyon (France). Jane Smith (Labour Party) "
                            "spoke. Soldiers of the 82nd Airborne Division and the 501st Legion "
                            "came on the 3rd day.",
                            NULL);
    const struct ex_entity *e = entity(d, "Masjid Al-Haram");
    cr_assert_not_null(e);
    cr_expect_eq(e->kind, EX_LOCATION);
    cr_expect(has_alias(e, "Grand Mosque"), "a common name in parentheses is an alias");
    cr_expect_null(entity(d, "Grand Mosque"));
    e = entity(d, "Partido Revolucionario Institucional");
    cr_assert_not_null(e);
    cr_expect(has_alias(e, "Institutional Revolutionary Party"), "so is a translation");
    cr_expect_not_null(entity(d, "France"), "a known place in parentheses says where");
    cr_expect(!has_alias(entity(d, "Lyon"), "France"));
    cr_expect_eq(kind_of(d, "Labour Party"), EX_ORGANIZATION, "a person's party is no alias");
    cr_expect_eq(kind_of(d, "82nd Airborne Division"), EX_ORGANIZATION, "an ordinal opens a unit");
    cr_expect_eq(kind_of(d, "501st Legion"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "Airborne Division"));
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, towns_of_the_world_yield_to_people_and_clubs)
{
    struct ex_doc *d = text("T\n\nMarco Rubio met Ron DeSantis in Boca Raton. Rubio said no. "
                            "Singer Florence Welch played in Lyon. According to Florence, "
                            "it was loud. Borussia Dortmund lost. Dortmund chief executive Hans "
                            "Watzke spoke. A nurse from Des Moines said so.",
                            NULL);
    cr_expect_eq(kind_of(d, "Boca Raton"), EX_LOCATION, "a town the gazetteers of capitals miss");
    cr_expect_eq(kind_of(d, "Des Moines"), EX_LOCATION);
    const struct ex_entity *r = entity(d, "Marco Rubio");
    cr_assert_not_null(r, "Rubio is a town in Venezuela too");
    cr_expect_eq(r->kind, EX_PERSON);
    cr_expect(has_alias(r, "Rubio"), "a town's name alone is the person's named in full");
    cr_expect_eq(kind_of(d, "Lyon"), EX_LOCATION, "after \"in\", the town");
    const struct ex_entity *f = NULL;
    for (size_t i = 0; i < d->n_entities; i++)
        if (strstr(d->entities[i].name, "Florence Welch")) f = &d->entities[i];
    cr_assert_not_null(f);
    cr_expect(has_alias(f, "Florence"), "after \"according to\", the person");
    const struct ex_entity *b = entity(d, "Borussia Dortmund");
    cr_assert_not_null(b);
    cr_expect(has_alias(b, "Dortmund"), "a club's town is the club before its staff");
    cr_expect_null(entity(d, "Dortmund"));
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, arabic_articles_wire_datelines_and_workplaces)
{
    struct ex_doc *d = text("T\n\nSTOCKHOLM, Dec 4 (Reuters) - The deal was led by Sultan "
                            "al-Jaber. \"We have delivered a plan,\" al-Jaber told delegates. "
                            "Bashar al-Assad agreed. Later, Al-Assad said no. Jan Smith, an "
                            "analyst at Third Bridge, told Al Arabiya television that the U.S. "
                            "Securities and Exchange Commission would look.",
                            "2023-12-04");
    cr_expect_eq(kind_of(d, "Reuters"), EX_ORGANIZATION, "the agency after a date in a dateline");
    const struct ex_entity *dt = entity(d, "Dec 4");
    cr_assert_not_null(dt);
    cr_expect_eq(dt->kind, EX_DATE, "a month without its period before a day");
    cr_expect_str_eq(dt->value, "2023-12-04");
    const struct ex_entity *j = entity(d, "al-Jaber");
    cr_assert_not_null(j, "an Arabic article in lowercase opens a name");
    cr_expect_eq(j->n_mentions, 2);
    cr_assert_geq(d->n_statements, 1);
    cr_expect_eq(d->statements[0].speaker.entity_id, j->id);
    const struct ex_entity *a = entity(d, "Bashar al-Assad");
    cr_assert_not_null(a);
    cr_expect(has_alias(a, "Al-Assad"), "capitalized at a sentence's start, the same name");
    cr_expect_eq(kind_of(d, "Jan Smith"), EX_PERSON, "Jan before no day is a given name");
    cr_expect_eq(kind_of(d, "Third Bridge"), EX_ORGANIZATION, "where an analyst works");
    cr_expect_eq(kind_of(d, "Al Arabiya"), EX_ORGANIZATION, "a name before \"television\"");
    cr_expect_not_null(entity(d, "U.S. Securities and Exchange Commission"));
    mentions_slice(d);
    ex_doc_free(d);
}

Test(names, middle_initials_compass_surnames_and_seats)
{
    struct ex_doc *d = text("T\n\nFormer President George W. Bush spoke. Health Secretary "
                            "Robert F. Kennedy Jr. said no. Kennedy left. Bush stayed in Group "
                            "A. The team won.",
                            NULL);
    const struct ex_entity *b = entity(d, "George W. Bush");
    cr_assert_not_null(b, "a middle initial's period ends no sentence");
    cr_expect(has_alias(b, "Bush"));
    const struct ex_entity *k = entity(d, "Robert F. Kennedy Jr.");
    cr_assert_not_null(k);
    cr_expect(has_alias(k, "Kennedy"));
    cr_expect_null(entity(d, "George W"));
    ex_doc_free(d);
    d = text("T\n\nChief Superintendent Richard North spoke. Rebecca West wrote. The Labour MP "
             "for Birmingham Ladywood arrived. He went to Kowloon West.",
             NULL);
    cr_expect_eq(kind_of(d, "Richard North"), EX_PERSON, "a compass point as a surname");
    cr_expect_eq(kind_of(d, "Rebecca West"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Kowloon West"), EX_LOCATION);
    cr_expect_eq(kind_of(d, "Birmingham Ladywood"), EX_LOCATION, "an MP's seat");
    ex_doc_free(d);
    d = text("T\n\nBoeing Chief Executive Dave Calhoun will step down. FAA Administrator Mike "
             "Whitaker told lawmakers.",
             NULL);
    cr_expect_eq(kind_of(d, "Boeing"), EX_ORGANIZATION, "a known body before a title");
    cr_expect_eq(kind_of(d, "Dave Calhoun"), EX_PERSON);
    cr_expect_eq(kind_of(d, "FAA"), EX_ORGANIZATION, "an acronym before a title");
    cr_expect_eq(kind_of(d, "Mike Whitaker"), EX_PERSON);
    ex_doc_free(d);
    d = text("T\n\nIt ordered the State Bank of India to pay. \"It is a landmark,\" said Jagdeep "
             "Chhokar, a founder of the group. The Central Weather Administration said the "
             "Typhoon Gaemi would hit. Emeritus Professor John Burrows spoke.",
             NULL);
    cr_expect_eq(kind_of(d, "State Bank of India"), EX_ORGANIZATION, "no title before a head");
    cr_expect_eq(kind_of(d, "Jagdeep Chhokar"), EX_PERSON, "a founder, though of a group");
    cr_expect_eq(kind_of(d, "Central Weather Administration"), EX_ORGANIZATION);
    cr_expect_null(entity(d, "Typhoon Gaemi"), "a storm is no entity of ours");
    cr_expect_eq(kind_of(d, "John Burrows"), EX_PERSON);
    ex_doc_free(d);
    d = text("T\n\nMary John Burrows said so. Prime Minister John Key left. John Key came back.",
             NULL);
    cr_expect_eq(kind_of(d, "John Key"), EX_PERSON,
                 "a given name opens no attribute of another person's name (\"key\")");
    ex_doc_free(d);
    d = text("T\n\nHe left. U.S. Steel Chief Executive David Burritt said no. Former Treasury "
             "Secretary Lawrence Summers agreed. The United Steelworkers union agreed. He said "
             "Treasury Secretary Scott Bessent was wrong. "
             "Lead author Mingyang Song spoke.\n\nSong cautioned that it was early.",
             NULL);
    cr_expect_eq(kind_of(d, "U.S. Steel"), EX_ORGANIZATION, "a country's name and a word");
    cr_expect_eq(kind_of(d, "David Burritt"), EX_PERSON);
    cr_expect_eq(kind_of(d, "United Steelworkers"), EX_ORGANIZATION, "a name before \"union\"");
    cr_expect_eq(kind_of(d, "Scott Bessent"), EX_PERSON, "\"Treasury\" is the title's");
    cr_expect_null(entity(d, "Treasury Secretary Scott Bessent"));
    cr_expect_eq(kind_of(d, "Lawrence Summers"), EX_PERSON, "after \"Former\" too");
    const struct ex_entity *song = entity(d, "Mingyang Song");
    cr_assert_not_null(song);
    cr_expect(has_alias(song, "Song"), "a sentence's first word, the surname of a name");
    ex_doc_free(d);
    d = text("T\n\nThe governor of the Belgorod region, Vyacheslav Gladkov, said two died.", NULL);
    cr_expect_eq(kind_of(d, "Vyacheslav Gladkov"), EX_PERSON, "the governor's, not the region's");
    cr_expect_eq(kind_of(d, "Belgorod"), EX_LOCATION);
    ex_doc_free(d);
    d = text("T\n\nStanford Law School professors sat there. The Irving Independent School "
             "District agreed.",
             NULL);
    cr_expect_eq(kind_of(d, "Stanford Law School"), EX_ORGANIZATION, "School heads a body");
    cr_expect_eq(kind_of(d, "Irving Independent School District"), EX_ORGANIZATION);
    mentions_slice(d);
    ex_doc_free(d);
}

/* A body's name, then a person's written once, no comma between: the person speaks. */
Test(statements, a_person_right_after_a_body_s_name)
{
    struct ex_doc *d = text("T\n\nExecutive director of the Dallas chapter of the Council on "
                            "Zarnian-Kellic Relations Alia Salem said the boy was brave.",
                            NULL);
    cr_expect_eq(kind_of(d, "Council on Zarnian-Kellic Relations"), EX_ORGANIZATION);
    const struct ex_entity *p = entity(d, "Alia Salem");
    cr_assert_not_null(p, "a known given name after the body's head word opens a person");
    cr_assert_eq(d->n_statements, 1);
    cr_expect_eq(d->statements[0].speaker.entity_id, p->id, "'on' inside a name cuts no subject");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A cue's base form after a singular name is a noun ("state media"); "quoted as saying". */
Test(statements, state_media_and_quoted_as_saying)
{
    struct ex_doc *d = text("T\n\n\"We face a disaster,\" regional president Aldo Verri told "
                            "Italian state broadcaster RAI. Russian state media reported that "
                            "the plant was hit. The documents state that the land was sold. "
                            "Civil protection chief Carla Neri was quoted as saying that the "
                            "rain was huge. Staff say five people died.",
                            NULL);
    cr_assert_eq(d->n_statements, 5, "one statement a sentence, none for 'state broadcaster'");
    cr_expect_str_eq(slice(d, d->statements[4].content), "five people died",
                     "a plural noun without its s says");
    const struct ex_entity *verri = entity(d, "Aldo Verri"), *neri = entity(d, "Carla Neri");
    cr_assert(verri && neri);
    cr_expect_eq(d->statements[0].speaker.entity_id, verri->id, "told, not 'Italian' stating");
    cr_expect_eq(d->statements[1].speaker.entity_id, -1);
    cr_expect_str_eq(slice(d, d->statements[1].speaker.text), "Russian state media");
    cr_expect_str_eq(slice(d, d->statements[2].content), "the land was sold",
                     "a plural subject's base form is a verb");
    cr_expect_eq(d->statements[3].speaker.entity_id, neri->id, "the subject before 'quoted'");
    cr_expect_str_eq(slice(d, d->statements[3].content), "the rain was huge");
    mentions_slice(d);
    ex_doc_free(d);
}

/* What a firm has and who works for it make a lone unknown word a body; an English word
 * before a role at a sentence's start is none; analysts work at bodies. */
Test(names, staff_and_shares_name_a_body)
{
    struct ex_doc *d = text("T\n\nAbout 2,000 Quorvant ground workers walked out. Zelnir's "
                            "shares fell. Union negotiator Carla Neri said the firm was wrong. "
                            "Analysts at Brisco said the strike was costly. Tom Vell's shares "
                            "rose.",
                            NULL);
    cr_expect_eq(kind_of(d, "Quorvant"), EX_ORGANIZATION, "one word of trade before 'workers'");
    cr_expect_eq(kind_of(d, "Zelnir"), EX_ORGANIZATION, "a possessive's shares");
    cr_expect_null(entity(d, "Union"), "'Union' modifies the negotiator");
    cr_expect_eq(kind_of(d, "Carla Neri"), EX_PERSON);
    cr_expect_eq(kind_of(d, "Brisco"), EX_ORGANIZATION, "'Analysts at' at a sentence start");
    const struct ex_entity *b = entity(d, "Brisco");
    cr_assert_not_null(b);
    cr_assert_geq(d->n_statements, 2);
    cr_expect_eq(d->statements[1].speaker.entity_id, b->id, "analysts at a body speak for it");
    cr_expect_str_eq(slice(d, d->statements[1].speaker.text), "Analysts at Brisco");
    cr_expect_eq(kind_of(d, "Tom Vell"), EX_PERSON, "a person may own shares");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A sentence's subject in apposition; a quotation after an abbreviation's period opens a
 * sentence, and the abbreviation keeps its period in the content. */
Test(statements, apposed_subject_and_quote_after_abbreviation)
{
    struct ex_doc *d = text("T\n\nQuorvant's head of staff, Mira Tolle, called it absurd and "
                            "said the firm had offered more. One traveler, Anna Vesk, said she "
                            "had waited since 5 a.m. \"Nobody tells us anything,\" she said.",
                            NULL);
    const struct ex_entity *tolle = entity(d, "Mira Tolle"), *vesk = entity(d, "Anna Vesk");
    cr_assert(tolle && vesk);
    cr_assert_eq(d->n_statements, 3);
    cr_expect_eq(d->statements[0].speaker.entity_id, tolle->id, "the person in apposition");
    cr_expect_str_eq(slice(d, d->statements[0].content), "the firm had offered more");
    cr_expect_eq(d->statements[1].speaker.entity_id, vesk->id);
    cr_expect_str_eq(slice(d, d->statements[1].content), "she had waited since 5 a.m.");
    cr_expect_eq(d->statements[2].kind, EX_DIRECT);
    cr_expect_str_eq(slice(d, d->statements[2].content), "Nobody tells us anything");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A body's name with "and" after a person "of the" it; a title's abbreviation opens a
 * subject; a place phrase before the subject's phrases is none of them. */
Test(statements, subjects_after_titles_and_place_phrases)
{
    struct ex_doc *d = text("T\n\nThe team, led by Peter Kellan of the Vorn Heart and Lung "
                            "Institute, found it. Dr. Sarah Vell, a cardiologist, called it "
                            "good. \"Fine,\" she said. Meanwhile, in Geneva, the agency's "
                            "chief scientist, Jeremy Tarr, told a briefing that sugar was bad.",
                            NULL);
    cr_expect_eq(kind_of(d, "Vorn Heart and Lung Institute"), EX_ORGANIZATION);
    cr_expect_eq(kind_of(d, "Peter Kellan"), EX_PERSON);
    const struct ex_entity *vell = entity(d, "Sarah Vell"), *tarr = entity(d, "Jeremy Tarr");
    cr_assert(vell && tarr);
    cr_assert_eq(d->n_statements, 2);
    cr_expect_eq(d->statements[0].speaker.entity_id, vell->id, "'she' is the subject after 'Dr.'");
    cr_expect_eq(d->statements[1].speaker.entity_id, tarr->id, "'in Geneva' is no subject");
    mentions_slice(d);
    ex_doc_free(d);
}

/* Players win sets, teams matches; "the Spaniard", "the champion" name the last person. */
Test(statements, players_sets_and_descriptions)
{
    struct ex_doc *d = text("T\n\nNovak Dorvic beat Spain's Carlos Almera 7-6(3) 6-4 on Sunday. "
                            "Everton beat Fulham 2-1. \"I put everything on the line,\" the "
                            "24-time Grand Slam champion told reporters. Almera, 21, was "
                            "gracious. \"Novak deserved it,\" the Spaniard said.",
                            NULL);
    cr_expect_eq(kind_of(d, "Carlos Almera"), EX_PERSON, "a player's sets are no team's score");
    cr_expect_eq(kind_of(d, "Everton"), EX_ORGANIZATION, "a team's score");
    const struct ex_entity *dorvic = entity(d, "Novak Dorvic"),
                           *almera = entity(d, "Carlos Almera");
    cr_assert(dorvic && almera);
    cr_assert_eq(d->n_statements, 2);
    cr_expect_eq(d->statements[0].speaker.entity_id, dorvic->id, "'the ... champion'");
    cr_expect_eq(d->statements[1].speaker.entity_id, almera->id, "'the Spaniard'");
    mentions_slice(d);
    ex_doc_free(d);
}

/* "familiar with" inside a subject; "said of X:" before a quotation. */
Test(statements, familiar_with_and_said_of)
{
    struct ex_doc *d = text("T\n\nTwo officials familiar with the discussions told Reuters that a "
                            "deal was near. Carl Mivel spoke. He said of the two countries' "
                            "objections: \"We will keep listening to them.\"",
                            NULL);
    cr_assert_eq(d->n_statements, 2);
    cr_expect_str_eq(slice(d, d->statements[0].speaker.text),
                     "Two officials familiar with the discussions");
    cr_expect_eq(d->statements[1].kind, EX_DIRECT, "what the words are about is no content");
    cr_expect_str_eq(slice(d, d->statements[1].content), "We will keep listening to them.");
    mentions_slice(d);
    ex_doc_free(d);
}

/* British police titles, streets and time zones; "she" after an unnamed witness is hers. */
Test(statements, police_titles_and_unnamed_witnesses)
{
    struct ex_doc *d = text("T\n\nOfficers went to Marrowby Lane at 07:30 BST. Det Supt Clara Vint "
                            "said: 'Our thoughts are with the family.' A neighbour told the BBC "
                            "she had heard shouting. 'It is just awful,' she said.",
                            NULL);
    const struct ex_entity *vint = entity(d, "Clara Vint");
    cr_assert_not_null(vint, "the titles are not the name");
    cr_expect(vint->n_titles == 1 && !strcmp(vint->titles[0], "Det Supt"));
    cr_expect_eq(kind_of(d, "Marrowby Lane"), EX_LOCATION);
    cr_expect_null(entity(d, "BST"), "a time zone");
    cr_assert_eq(d->n_statements, 3);
    cr_expect_eq(d->statements[0].speaker.entity_id, vint->id);
    cr_expect_eq(d->statements[2].speaker.entity_id, -1, "the neighbour's words, not Vint's");
    mentions_slice(d);
    ex_doc_free(d);
}

/* An interview's transcript: each line labeled with a person's name is theirs. */
Test(statements, transcript_lines)
{
    struct ex_doc *d = text("T\n\nWikinews reporter Mark Vell spoke with Sarah Lindmark.\n\n"
                            "Wikinews: Your rivals say the plan is unrealistic.\n\n"
                            "Sarah Lindmark: We need housing. The money is there.\n\n"
                            "Lindmark: They said the same about the light rail.",
                            NULL);
    const struct ex_entity *l = entity(d, "Sarah Lindmark");
    cr_assert_not_null(l);
    cr_expect_eq(kind_of(d, "Wikinews"), EX_ORGANIZATION, "a lone name before its reporter");
    cr_assert_eq(d->n_statements, 2, "the question and the answers' cues report nothing");
    for (size_t i = 0; i < 2; i++) {
        cr_expect_eq(d->statements[i].kind, EX_DIRECT);
        cr_expect_eq(d->statements[i].speaker.entity_id, l->id);
    }
    cr_expect_str_eq(slice(d, d->statements[0].content), "We need housing. The money is there.");
    cr_expect_str_eq(slice(d, d->statements[1].speaker.text), "Lindmark");
    ex_doc_free(d);
    d = text("T\n\nSarah Lindmark: a profile.\n\nUpdate: The minister said the plan was "
             "dead.",
             NULL);
    cr_expect_eq(d->n_statements, 1, "one labeled line is no transcript");
    mentions_slice(d);
    ex_doc_free(d);
    d = text("T\n\nJoe Bidwell: 306 electoral votes\n\nDon Trask: 232 electoral votes", NULL);
    cr_expect_eq(d->n_statements, 0, "results are no words said");
    ex_doc_free(d);
}

/* A titled person's name opening an apposition, with "of" after it, is the subject. */
Test(statements, apposed_name_with_its_institution)
{
    struct ex_doc *d = text("T\n\nHealth minister Alex Rafton said hospitals coped during "
                            "COVID-19. The study's lead author, Dr. Emma Walcott of Brindle "
                            "University, told Reuters the figures were alarming.",
                            NULL);
    const struct ex_entity *w = entity(d, "Emma Walcott");
    cr_assert_not_null(w);
    cr_expect_null(entity(d, "COVID-19"), "a disease");
    cr_assert_eq(d->n_statements, 2);
    cr_expect_eq(d->statements[1].speaker.entity_id, w->id, "not the last person named");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A quotation of two paragraphs attributed in its second; a name and a colon before one. */
Test(statements, quotation_over_paragraphs_and_after_a_colon)
{
    struct ex_doc *d = text("T\n\n\"This is the worst fire in decades. Leave now.\n\n\"Do not "
                            "wait,\" Premier Carla Cochran told reporters.\n\nFire officer Mike "
                            "Westbury: \"The fire is moving fast.\"",
                            NULL);
    const struct ex_entity *c = entity(d, "Carla Cochran"), *w = entity(d, "Mike Westbury");
    cr_assert(c && w);
    cr_assert_eq(d->n_statements, 3);
    cr_expect_eq(d->statements[0].speaker.entity_id, c->id, "the first paragraph is hers too");
    cr_expect_str_eq(slice(d, d->statements[0].content),
                     "This is the worst fire in decades. Leave now.");
    cr_expect_eq(d->statements[1].speaker.entity_id, c->id);
    cr_expect_eq(d->statements[2].speaker.entity_id, w->id, "the name before the colon");
    cr_expect_eq(d->statements[2].kind, EX_DIRECT);
    mentions_slice(d);
    ex_doc_free(d);
}

/* A cue's spelling after a preposition is a noun: "In remarks to reporters, X ... said". */
Test(statements, cue_noun_after_a_preposition)
{
    struct ex_doc *d = text("T\n\nIn remarks to reporters, Sen. Kyra Sindell, an independent "
                            "from Arizona, said she was confident.",
                            NULL);
    const struct ex_entity *k = entity(d, "Kyra Sindell");
    cr_assert_not_null(k);
    cr_assert_eq(d->n_statements, 1);
    cr_expect_eq(d->statements[0].speaker.entity_id, k->id);
    cr_expect_str_eq(slice(d, d->statements[0].content), "she was confident");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A sea named with a compass word holds no part of a country; an apposed name opening a
 * sentence is what its "he" means; "Jr." keeps its period in the speaker's words. */
Test(statements, seas_apposed_subjects_and_suffixes)
{
    struct ex_doc *d = text("T\n\nShips met near Second Tomas Shoal in the South China Sea. "
                            "Vorland's spokesman, Wen Bao, spoke. Its spokesman, Jay Tarrel, "
                            "posted videos that he said showed the ship. President Fernan "
                            "Morro Jr. said the talks failed.",
                            NULL);
    cr_expect_eq(kind_of(d, "Second Tomas Shoal"), EX_LOCATION, "Shoal heads a place");
    cr_expect_eq(kind_of(d, "South China Sea"), EX_LOCATION);
    cr_expect_null(entity(d, "South China"), "the sea's compass word is its own");
    const struct ex_entity *t = entity(d, "Jay Tarrel");
    cr_assert_not_null(t);
    cr_assert_eq(d->n_statements, 2);
    cr_expect_eq(d->statements[0].speaker.entity_id, t->id, "'he' is the apposed subject");
    cr_expect_str_eq(slice(d, d->statements[1].speaker.text), "President Fernan Morro Jr.");
    mentions_slice(d);
    ex_doc_free(d);
}

/* A sentence followed by one that opens with a straight quotation mark: the sentence splitter
 * leaves the mark with the sentence before, the statement stage gives it to the sentence it
 * opens, so the apposition after the speaker stays a tail and the statement is the clause. */
Test(statements, next_sentence_opens_with_a_quote)
{
    struct ex_doc *d = text("T\n\nThe Federal Reserve raised rates, said Jerome Powell, its "
                            "chairman. \"We will act,\" Powell told reporters.",
                            NULL);
    cr_assert_eq(d->n_statements, 2);
    const struct ex_statement *s = &d->statements[0];
    cr_expect_eq(s->kind, EX_INDIRECT);
    cr_expect_eq(s->content.end - s->content.start, strlen("The Federal Reserve raised rates"));
    cr_expect(!strncmp(d->body + s->content.start, "The Federal Reserve raised rates",
                       s->content.end - s->content.start));
    cr_expect_eq(d->body[s->span.end - 1], '.', "the span ends at its own period");
    ex_doc_free(d);
}
