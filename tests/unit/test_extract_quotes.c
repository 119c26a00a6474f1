/*
 * test_extract_quotes.c: quote-mark pairing (extract/quotes.h) on the cases newswire text
 * throws at it: mixed curly and straight marks, apostrophes, nested and multi-paragraph
 * quotes, unbalanced marks, scare quotes, and the seed and dev articles themselves.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/arena.h"
#include "extract/extract.h"
#include "extract/quotes.h"

static struct ex_arena *arena;
static struct ex_span paras[4096];
static size_t n_paras;
static struct ex__quote *qs;
static size_t nq;

static void setup(void)
{
    arena = ex__arena_new();
    cr_assert_not_null(arena);
}

static void teardown(void)
{
    ex__arena_free(arena);
}

TestSuite(quotes, .init = setup, .fini = teardown);

/* Paragraphs: runs of text separated by blank lines. */
static void split_paras(const char *s)
{
    size_t len = strlen(s), i = 0;
    n_paras = 0;
    while (i < len) {
        while (i < len && s[i] == '\n')
            i++;
        if (i >= len) break;
        size_t st = i;
        while (i < len && !(s[i] == '\n' && (i + 1 >= len || s[i + 1] == '\n')))
            i++;
        cr_assert_lt(n_paras, sizeof(paras) / sizeof(paras[0]));
        paras[n_paras++] = (struct ex_span){(uint32_t)st, (uint32_t)i};
    }
}

static void find(const char *s)
{
    split_paras(s);
    cr_assert_eq(ex__quotes_find(s, strlen(s), paras, n_paras, arena, &qs, &nq), 0);
}

static char buf[4096];
static const char *content(const char *s, size_t i)
{
    cr_assert_lt(i, nq);
    size_t n = qs[i].content.end - qs[i].content.start;
    cr_assert_lt(n, sizeof(buf));
    memcpy(buf, s + qs[i].content.start, n);
    buf[n] = 0;
    return buf;
}

static int has(size_t i, uint32_t flag)
{
    return (qs[i].flags & flag) != 0;
}

Test(quotes, mark_glyphs)
{
    const char *s =
        "\"'\xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x9e\xe2\x80\x98\xe2\x80\x99\xc2\xab\xc2\xbb"
        "x\xe2\x80\x94";
    size_t len = strlen(s), ml = 0;
    cr_expect_eq(ex__quote_mark_at(s, len, 0, &ml), EX__MARK_DOUBLE);
    cr_expect_eq(ml, 1);
    cr_expect_eq(ex__quote_mark_at(s, len, 1, &ml), EX__MARK_SINGLE);
    cr_expect_eq(ex__quote_mark_at(s, len, 2, &ml), EX__MARK_DOUBLE);
    cr_expect_eq(ml, 3);
    cr_expect_eq(ex__quote_mark_at(s, len, 5, &ml), EX__MARK_DOUBLE);
    cr_expect_eq(ex__quote_mark_at(s, len, 8, &ml), EX__MARK_DOUBLE);
    cr_expect_eq(ex__quote_mark_at(s, len, 11, &ml), EX__MARK_SINGLE);
    cr_expect_eq(ex__quote_mark_at(s, len, 14, &ml), EX__MARK_SINGLE);
    cr_expect_eq(ex__quote_mark_at(s, len, 17, &ml), EX__MARK_DOUBLE);
    cr_expect_eq(ml, 2);
    cr_expect_eq(ex__quote_mark_at(s, len, 19, &ml), EX__MARK_DOUBLE);
    cr_expect_eq(ex__quote_mark_at(s, len, 21, &ml), EX__MARK_NONE);
    cr_expect_eq(ex__quote_mark_at(s, len, 22, &ml), EX__MARK_NONE); /* em dash */
    cr_expect_eq(ex__quote_mark_at(s, len, 2, NULL), EX__MARK_DOUBLE);
    cr_expect_eq(ex__quote_mark_at(s, 3, 2, &ml), EX__MARK_NONE); /* truncated */
}

Test(quotes, bad_arguments)
{
    const char *s = "a \"b\" c";
    struct ex_span p = {0, 100};
    cr_expect_eq(ex__quotes_find(NULL, 0, NULL, 0, arena, &qs, &nq), EX_EINVAL);
    cr_expect_eq(ex__quotes_find(s, strlen(s), &p, 1, arena, &qs, &nq), EX_EINVAL);
    cr_expect_eq(ex__quotes_find(s, strlen(s), NULL, 1, arena, &qs, &nq), EX_EINVAL);
    cr_expect_eq(ex__quotes_find(s, strlen(s), NULL, 0, arena, &qs, &nq), 0);
    cr_expect_eq(nq, 0);
    cr_expect_null(qs);
}

Test(quotes, straight_pair_with_attribution)
{
    const char *s = "\"Seventeen years ago, this would not have been possible at all,\" said "
                    "Ambassador Mohib.";
    find(s);
    cr_assert_eq(nq, 1);
    cr_expect_str_eq(content(s, 0),
                     "Seventeen years ago, this would not have been possible at all");
    cr_expect(has(0, EX__Q_PARA_START));
    cr_expect(has(0, EX__Q_SENT_START));
    cr_expect_not(has(0, EX__Q_SCARE));
    cr_expect_not(has(0, EX__Q_UNCLOSED));
    cr_expect_eq(qs[0].open.start, 0);
    cr_expect_eq(qs[0].open.end, 1);
    cr_expect_eq(s[qs[0].close.start], '"');
    cr_expect_eq(qs[0].words, 11);
    cr_expect_eq(qs[0].prev, -1);
    cr_expect_eq(qs[0].next, -1);
}

Test(quotes, mixed_curly_and_straight_with_apostrophes)
{
    const char *s = "\xe2\x80\x9cSo it's not clear why, so we're trying to learn more about "
                    "it,\xe2\x80\x9d Blinken said on January 7. \xe2\x80\x9cI think once Russians "
                    "are in your house, it's sometimes very difficult to get them to leave.\"";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect_str_eq(content(s, 0),
                     "So it's not clear why, so we're trying to learn more about it");
    cr_expect_str_eq(content(s, 1), "I think once Russians are in your house, it's sometimes "
                                    "very difficult to get them to leave.");
    cr_expect(has(1, EX__Q_SENT_START));
    cr_expect_not(has(1, EX__Q_PARA_START));
    cr_expect_not(has(1, EX__Q_SCARE));
}

Test(quotes, straight_open_curly_close)
{
    const char *s = "to help \"stabilize\xe2\x80\x9d the situation, which Toqaev has blamed on "
                    "foreign-trained \"terrorists.\"";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect_str_eq(content(s, 0), "stabilize");
    cr_expect_str_eq(content(s, 1), "terrorists.");
    cr_expect(has(0, EX__Q_SCARE));
    cr_expect(has(1, EX__Q_SCARE));
    cr_expect_eq(qs[0].words, 1);
}

Test(quotes, apostrophes_are_not_quotes)
{
    const char *s = "It's Kazakhstan\xe2\x80\x99s turn since the \xe2\x80\x99"
                    "90s; the Afghans' "
                    "robot and rock'n'roll, 'em all, the girls\xe2\x80\x99 team.";
    find(s);
    cr_expect_eq(nq, 0);
}

Test(quotes, single_quotes_pair)
{
    const char *s = "Kazakh President Gives Stark \xe2\x80\x98Shoot-To-Kill\xe2\x80\x99 Order, "
                    "and the team's robot 'Better Idea' won.";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect_str_eq(content(s, 0), "Shoot-To-Kill");
    cr_expect(has(0, EX__Q_SINGLE));
    cr_expect(has(0, EX__Q_TITLE));
    cr_expect(has(0, EX__Q_SCARE));
    cr_expect_not(has(0, EX__Q_NESTED));
    cr_expect_str_eq(content(s, 1), "Better Idea");
    cr_expect(has(1, EX__Q_SINGLE));
}

Test(quotes, possessive_closes_an_open_single_quote_only)
{
    /* A plural possessive is an apostrophe unless a single quote is open. */
    const char *s = "the girls' team said 'we won the parents' hearts' today";
    find(s);
    cr_assert_eq(nq, 1);
    cr_expect_str_eq(content(s, 0), "we won the parents");
}

Test(quotes, nested_single_inside_double)
{
    const char *s = "\"He called it 'a failure of nerve' and left,\" she said.";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect_str_eq(content(s, 0), "He called it 'a failure of nerve' and left");
    cr_expect_not(has(0, EX__Q_SINGLE));
    cr_expect_str_eq(content(s, 1), "a failure of nerve");
    cr_expect(has(1, EX__Q_SINGLE | EX__Q_NESTED));
    cr_expect_eq(ex__quote_containing(qs, nq, qs[1].content.start + 2), 1);
    cr_expect_eq(ex__quote_containing(qs, nq, 3), 0);
    cr_expect_eq(ex__quote_containing(qs, nq, qs[0].close.end + 1), -1);
}

Test(quotes, single_open_dropped_when_double_closes)
{
    const char *s = "\"the 'odd one,\" he said, \"is here.\"";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect_str_eq(content(s, 0), "the 'odd one");
    cr_expect_str_eq(content(s, 1), "is here.");
}

Test(quotes, quote_spans_sentences)
{
    const char *s = "He said: \"One. Two! Three? Four words here.\" Then he left.";
    find(s);
    cr_assert_eq(nq, 1);
    cr_expect_str_eq(content(s, 0), "One. Two! Three? Four words here.");
    cr_expect(has(0, EX__Q_SENT_START)); /* after a colon */
    cr_expect_not(has(0, EX__Q_SCARE));
}

Test(quotes, multi_paragraph_quote_continues)
{
    const char *s = "\"First paragraph of the quote, with no closing mark.\n"
                    "\n"
                    "\"Second paragraph. Still quoting.\n"
                    "\n"
                    "\"Final paragraph,\" he said. Then \"more\" text.";
    find(s);
    cr_assert_eq(n_paras, 3);
    cr_assert_eq(nq, 4);
    cr_expect_str_eq(content(s, 0), "First paragraph of the quote, with no closing mark.");
    cr_expect(has(0, EX__Q_CONT_NEXT));
    cr_expect_not(has(0, EX__Q_UNCLOSED));
    cr_expect_eq(qs[0].next, 1);
    cr_expect_str_eq(content(s, 1), "Second paragraph. Still quoting.");
    cr_expect(has(1, EX__Q_CONT_PREV | EX__Q_CONT_NEXT));
    cr_expect_eq(qs[1].prev, 0);
    cr_expect_eq(qs[1].next, 2);
    cr_expect_str_eq(content(s, 2), "Final paragraph");
    cr_expect(has(2, EX__Q_CONT_PREV));
    cr_expect_not(has(2, EX__Q_CONT_NEXT));
    cr_expect_eq(qs[2].prev, 1);
    cr_expect_eq(qs[2].para, 2);
    cr_expect_str_eq(content(s, 3), "more");
    cr_expect_not(has(3, EX__Q_CONT_PREV));
    cr_expect_eq(qs[3].prev, -1);
}

Test(quotes, continuation_after_a_mid_paragraph_open)
{
    const char *s = "Blinken said: \"We are watching closely.\n\n\"We will respond,\" he added.";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect(has(0, EX__Q_CONT_NEXT));
    cr_expect_str_eq(content(s, 0), "We are watching closely.");
    cr_expect(has(1, EX__Q_CONT_PREV));
    cr_expect_str_eq(content(s, 1), "We will respond");
}

Test(quotes, unbalanced_open_bounded_by_paragraph)
{
    const char *s = "He said \"this never closes and goes on.\n\nNext paragraph is plain text, "
                    "no marks.\n\nThird has a \"proper quote of some length\" here.";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect(has(0, EX__Q_UNCLOSED));
    cr_expect_not(has(0, EX__Q_CONT_NEXT));
    cr_expect_str_eq(content(s, 0), "this never closes and goes on.");
    cr_expect_eq(qs[0].content.end, paras[0].end);
    cr_expect_str_eq(content(s, 1), "proper quote of some length");
    cr_expect_not(has(1, EX__Q_UNCLOSED));
    cr_expect_eq(qs[1].para, 2);
}

Test(quotes, unbalanced_open_ends_at_next_opener)
{
    const char *s = "A \"b c d and then \"e f g h\" i.";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect(has(0, EX__Q_UNCLOSED));
    cr_expect_str_eq(content(s, 0), "b c d and then");
    cr_expect_str_eq(content(s, 1), "e f g h");
    cr_expect_not(has(1, EX__Q_UNCLOSED));
}

Test(quotes, stray_closer_is_ignored)
{
    const char *s = "He said foo\" and then \"bar baz qux quux\" ok.";
    find(s);
    cr_assert_eq(nq, 1);
    cr_expect_str_eq(content(s, 0), "bar baz qux quux");
}

Test(quotes, unbalanced_never_crosses_paragraphs_many)
{
    /* 2000 paragraphs, each with one stray opener: every quote stays in its paragraph. */
    size_t cap = 2000 * 40 + 1;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    size_t n = 0;
    for (int k = 0; k < 2000; k++)
        n += (size_t)snprintf(s + n, cap - n, "Para %d has \"open.\n\n", k);
    find(s);
    cr_expect_eq(nq, 2000);
    for (size_t i = 0; i < nq; i++) {
        cr_expect_eq(qs[i].para, i);
        cr_expect(has(i, EX__Q_UNCLOSED));
        cr_expect_leq(qs[i].content.end, paras[i].end);
    }
    free(s);
}

Test(quotes, scare_quotes_versus_quotations)
{
    const char *s = "Toqaev said early on January 7 that order had \"basically\" been restored, "
                    "that \xe2\x80\x9c"
                    "bandits\xe2\x80\x9d would be dealt with, and that the "
                    "authorities \xe2\x80\x9c"
                    "certainly have the capacity to deal "
                    "appropriately\xe2\x80\x9d and 26 \"armed criminals\" had been "
                    "\"liquidated\" and \"of criminal groups.\"";
    find(s);
    cr_assert_eq(nq, 6);
    cr_expect_str_eq(content(s, 0), "basically");
    cr_expect(has(0, EX__Q_SCARE));
    cr_expect(has(1, EX__Q_SCARE));
    cr_expect_str_eq(content(s, 2), "certainly have the capacity to deal appropriately");
    cr_expect_not(has(2, EX__Q_SCARE));
    cr_expect(has(3, EX__Q_SCARE));
    cr_expect_eq(qs[3].words, 2);
    cr_expect(has(4, EX__Q_SCARE));
    cr_expect(has(5, EX__Q_SCARE));
    cr_expect_eq(qs[5].words, 3);
}

Test(quotes, short_quote_at_sentence_start_is_not_scare)
{
    const char *s = "It was late. \"Yes,\" he said.";
    find(s);
    cr_assert_eq(nq, 1);
    cr_expect_str_eq(content(s, 0), "Yes");
    cr_expect(has(0, EX__Q_SENT_START));
    cr_expect_not(has(0, EX__Q_SCARE));
}

Test(quotes, title_case_quotes)
{
    const char *s = "On a new website, \"The Internet Explorer 6 Countdown\", Microsoft named "
                    "it \"Better Idea of Afghan Girls,\" but \"we can win this\" too.";
    find(s);
    cr_assert_eq(nq, 3);
    cr_expect(has(0, EX__Q_TITLE));
    cr_expect_not(has(0, EX__Q_SCARE)); /* five words */
    cr_expect(has(1, EX__Q_TITLE));
    cr_expect_str_eq(content(s, 1), "Better Idea of Afghan Girls");
    cr_expect_not(has(2, EX__Q_TITLE));
}

Test(quotes, a_capitalized_word_ending_a_sentence_is_speech)
{
    const char *s = "Asked if he would quit, Smith said: \"Never.\" The film \"Hope\" opened.";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect_not(has(0, EX__Q_TITLE), "\"Never.\" ends a sentence");
    cr_expect(has(1, EX__Q_TITLE));
}

Test(quotes, guillemets_and_low_nine)
{
    const char *s = "Er sagte \xe2\x80\x9e"
                    "wir kommen\xe2\x80\x9c und \xc2\xab"
                    "nous "
                    "partons\xc2\xbb ici.";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect_str_eq(content(s, 0), "wir kommen");
    cr_expect_str_eq(content(s, 1), "nous partons");
}

Test(quotes, text_outside_paragraphs_is_ignored)
{
    const char *s = "byline \"x y z w\" here\n\nBody \"quoted words are here\" ok.\n\nfooter \"";
    split_paras(s);
    cr_assert_eq(n_paras, 3);
    cr_assert_eq(ex__quotes_find(s, strlen(s), paras + 1, 1, arena, &qs, &nq), 0);
    cr_assert_eq(nq, 1);
    cr_expect_str_eq(content(s, 0), "quoted words are here");
    cr_expect_eq(qs[0].para, 0);
}

Test(quotes, two_quotes_around_attribution)
{
    const char *s = "\"We are so interested because we find a big chance,\" team member Rodaba "
                    "Noori told the press, \"to show that Afghan women can make robots too.\"";
    find(s);
    cr_assert_eq(nq, 2);
    cr_expect_str_eq(content(s, 0), "We are so interested because we find a big chance");
    cr_expect_str_eq(content(s, 1), "to show that Afghan women can make robots too.");
    cr_expect_not(has(1, EX__Q_SCARE));
    cr_expect_not(has(1, EX__Q_SENT_START));
}

Test(quotes, nbsp_and_multibyte_spaces)
{
    const char *s = "He\xc2\xa0said\xc2\xa0\"multi byte spaced words\"\xc2\xa0today.";
    find(s);
    cr_assert_eq(nq, 1);
    cr_expect_str_eq(content(s, 0), "multi byte spaced words");
}

/* Reads a fixture copied into the repository (tests/fixtures, found through NEWSGRAPH_SRC as
 * CTest sets it); NULL when it is not there. */
static char *read_fixture(const char *rel)
{
    const char *root = getenv("NEWSGRAPH_SRC");
    char path[1024];
    snprintf(path, sizeof(path), "%s/tests/%s", root ? root : ".", rel);
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s) s[n] = 0;
    fclose(f);
    return s;
}

Test(quotes, seed_article)
{
    char *s = read_fixture("fixtures/kazakhstan-shoot-to-kill.txt");
    cr_assert_not_null(s, "seed fixture not found (set NEWSGRAPH_SRC)");
    find(s);
    size_t quotations = 0, scare = 0;
    int found_blinken = 0, found_order = 0;
    for (size_t i = 0; i < nq; i++) {
        cr_expect_not(has(i, EX__Q_UNCLOSED), "unclosed: %s", content(s, i));
        cr_expect_lt(qs[i].content.end - qs[i].content.start, 400u);
        if (has(i, EX__Q_SCARE)) {
            scare++;
            continue;
        }
        quotations++;
        const char *c = content(s, i);
        if (strstr(c, "once Russians are in your house")) found_blinken = 1;
        if (strstr(c, "shoot to kill without warning")) found_order = 1;
    }
    /* Scare quotes: Shoot-To-Kill (title and byline lines), shoot to kill, of criminal
     * groups, basically, bandits, stabilize, terrorists, foreign-trained terrorists,
     * extremist, armed criminals, liquidated. */
    cr_expect_eq(scare, 12, "scare %zu", scare);
    cr_expect_eq(quotations, 6, "quotations %zu", quotations);
    cr_expect(found_blinken);
    cr_expect(found_order);
    free(s);
}

Test(quotes, dev_articles_have_no_runaway_quotes)
{
    const char *files[] = {"fixtures/dev/afghan.txt",   "fixtures/dev/ie9.txt",
                           "fixtures/dev/asylum.txt",   "fixtures/dev/election.txt",
                           "fixtures/dev/stampede.txt", "fixtures/dev/warhol.txt"};
    for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        char *s = read_fixture(files[f]);
        cr_assert_not_null(s, "%s not found", files[f]);
        find(s);
        for (size_t i = 0; i < nq; i++) {
            cr_expect_lt(qs[i].para, n_paras);
            cr_expect_geq(qs[i].content.start, paras[qs[i].para].start);
            cr_expect_leq(qs[i].content.end, paras[qs[i].para].end);
        }
        free(s);
    }
}
