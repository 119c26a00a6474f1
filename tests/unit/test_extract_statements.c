/*
 * test_extract_statements.c: statement extraction (ex__statements_find in extract/quotes.h)
 * on the attribution shapes of news prose, with entity mentions given by hand so that the
 * tests exercise statements alone, independent of entity recognition.
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/arena.h"
#include "extract/extract.h"
#include "extract/quotes.h"

static struct ex_arena *arena;
static struct ex_span paras[65536];
static size_t n_paras;
static struct ex__st_mention ments[512];
static size_t n_ments;
static struct ex_entity ents[32];
static size_t n_ents;
static struct ex_statement *sts;
static size_t nst;
static const char *body;

static void setup(void)
{
    arena = ex__arena_new();
    cr_assert_not_null(arena);
    n_ents = n_ments = n_paras = 0;
}

static void teardown(void)
{
    ex__arena_free(arena);
}

TestSuite(statements, .init = setup, .fini = teardown);

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
        paras[n_paras++] = (struct ex_span){(uint32_t)st, (uint32_t)i};
    }
}

static int cmp_mention(const void *a, const void *b)
{
    const struct ex__st_mention *x = a, *y = b;
    return x->span.start < y->span.start ? -1 : x->span.start > y->span.start;
}

/* Declares an entity and marks every occurrence of each of its names (NULL-terminated). */
static int entity(enum ex_entity_kind kind, const char *name, ...)
{
    int id = (int)n_ents;
    ents[n_ents].id = id;
    ents[n_ents].kind = kind;
    ents[n_ents].name = name;
    n_ents++;
    va_list ap;
    va_start(ap, name);
    for (const char *n = name; n; n = va_arg(ap, const char *)) {
        size_t len = strlen(n);
        for (const char *p = strstr(body, n); p; p = strstr(p + len, n)) {
            uint32_t s = (uint32_t)(p - body);
            int taken = 0;
            for (size_t k = 0; k < n_ments; k++)
                if (s < ments[k].span.end && ments[k].span.start < s + len) taken = 1;
            if (!taken) ments[n_ments++] = (struct ex__st_mention){{s, s + (uint32_t)len}, id};
        }
    }
    va_end(ap);
    qsort(ments, n_ments, sizeof(ments[0]), cmp_mention);
    return id;
}

static void run(void)
{
    split_paras(body);
    int rc = ex__statements_find(body, strlen(body), paras, n_paras, NULL, 0, ments, n_ments, ents,
                                 n_ents, arena, &sts, &nst);
    cr_assert_eq(rc, 0);
}

static char bufs[8][2048];
static int bufi;
static const char *txt(struct ex_span sp)
{
    char *b = bufs[bufi++ % 8];
    size_t n = sp.end - sp.start;
    cr_assert_lt(n, sizeof(bufs[0]));
    cr_assert_leq(sp.end, strlen(body));
    memcpy(b, body + sp.start, n);
    b[n] = 0;
    return b;
}

/* Index of the statement whose content contains needle, or -1. */
static int find(const char *needle)
{
    for (size_t i = 0; i < nst; i++)
        if (strstr(txt(sts[i].content), needle)) return (int)i;
    return -1;
}

static void check_spans(void)
{
    for (size_t i = 0; i < nst; i++) {
        const struct ex_statement *s = &sts[i];
        cr_expect_eq(s->id, (int)i);
        cr_expect_lt(s->content.start, s->content.end);
        cr_expect_leq(s->span.start, s->content.start);
        cr_expect_geq(s->span.end, s->content.end);
        if (s->speaker.text.end > s->speaker.text.start) {
            cr_expect_leq(s->span.start, s->speaker.text.start);
            cr_expect_geq(s->span.end, s->speaker.text.end);
        }
        if (i) cr_expect_leq(sts[i - 1].span.start, s->span.start, "body order");
    }
}

Test(statements, direct_quote_then_subject_and_cue)
{
    body = "\"We will not give up on the talks,\" Maria Lopez said on Monday.";
    int lopez = entity(EX_PERSON, "Maria Lopez", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_str_eq(txt(sts[0].content), "We will not give up on the talks");
    cr_expect_str_eq(txt(sts[0].quote), "We will not give up on the talks");
    cr_expect_str_eq(txt(sts[0].cue), "said");
    cr_expect_eq(sts[0].speaker.entity_id, lopez);
    cr_expect_str_eq(txt(sts[0].speaker.text), "Maria Lopez");
    cr_expect_eq(sts[0].span.start, 0);
    check_spans();
}

Test(statements, direct_quote_inverted_attribution)
{
    body = "\xe2\x80\x9cThe harvest was the worst in a decade,\xe2\x80\x9d said Agriculture "
           "Minister Tom Reed.";
    int reed = entity(EX_PERSON, "Tom Reed", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_eq(sts[0].speaker.entity_id, reed);
    cr_expect_str_eq(txt(sts[0].speaker.text), "Agriculture Minister Tom Reed");
    cr_expect_str_eq(txt(sts[0].content), "The harvest was the worst in a decade");
    check_spans();
}

Test(statements, subject_cue_colon_quote)
{
    body = "The mayor's office said: \"Roads will reopen by Friday morning.\"";
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_eq(sts[0].speaker.entity_id, -1);
    cr_expect_str_eq(txt(sts[0].speaker.text), "The mayor's office");
    cr_expect_str_eq(txt(sts[0].content), "Roads will reopen by Friday morning.");
}

Test(statements, reported_that_clause_after_date)
{
    body = "The Transport Ministry said on March 3 that ferry services would resume next week.";
    int min = entity(EX_ORGANIZATION, "Transport Ministry", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_INDIRECT);
    cr_expect_eq(sts[0].speaker.entity_id, min);
    cr_expect_str_eq(txt(sts[0].speaker.text), "The Transport Ministry");
    cr_expect_str_eq(txt(sts[0].content), "ferry services would resume next week");
    cr_expect_eq(sts[0].quote.start, sts[0].quote.end);
    check_spans();
}

Test(statements, reported_without_that)
{
    body = "Police spokesman Ian Hale said three suspects were arrested overnight.";
    int hale = entity(EX_PERSON, "Ian Hale", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, hale);
    cr_expect_str_eq(txt(sts[0].content), "three suspects were arrested overnight");
}

Test(statements, clause_then_subject_said)
{
    body = "The death toll rose to 41 overnight, the Red Cross said in a statement.";
    int rc = entity(EX_ORGANIZATION, "Red Cross", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_INDIRECT);
    cr_expect_eq(sts[0].speaker.entity_id, rc);
    cr_expect_str_eq(txt(sts[0].content), "The death toll rose to 41 overnight");
    cr_expect_str_eq(txt(sts[0].speaker.text), "the Red Cross");
}

Test(statements, said_beats_according_to)
{
    body = "Arrests reached 1,204, the Interior Ministry said, according to state radio.";
    int min = entity(EX_ORGANIZATION, "Interior Ministry", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, min);
    cr_expect_str_eq(txt(sts[0].content), "Arrests reached 1,204");
}

Test(statements, according_to_first_and_last)
{
    body = "According to coach Ana Silva, the robot scored four points.\n\n"
           "The school will close in May, according to the district board.";
    int silva = entity(EX_PERSON, "Ana Silva", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, silva);
    cr_expect_str_eq(txt(sts[0].content), "the robot scored four points");
    cr_expect_str_eq(txt(sts[0].cue), "According to");
    cr_expect_str_eq(txt(sts[1].content), "The school will close in May");
    cr_expect_str_eq(txt(sts[1].speaker.text), "the district board");
    check_spans();
}

Test(statements, according_to_with_appositive_name)
{
    body = "According to the team's coach, Ali Reza, in the first match, the robot won.";
    int ali = entity(EX_PERSON, "Ali Reza", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, ali);
    cr_expect_str_eq(txt(sts[0].speaker.text), "the team's coach, Ali Reza");
    cr_expect(strstr(txt(sts[0].content), "the robot won") != NULL);
}

Test(statements, told_addressee_that)
{
    body = "Omar Farid, a former minister and critic of the regime, told the BBC news service "
           "on Tuesday that the vote had been rigged.";
    int farid = entity(EX_PERSON, "Omar Farid", NULL);
    entity(EX_ORGANIZATION, "BBC", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, farid);
    cr_expect_str_eq(txt(sts[0].speaker.text), "Omar Farid");
    cr_expect_str_eq(txt(sts[0].cue), "told");
    cr_expect_str_eq(txt(sts[0].content), "the vote had been rigged");
}

Test(statements, pronouns_follow_compatible_subjects)
{
    body = "The Health Ministry said 300 people were injured. Forty are in intensive care, it "
           "added.\n\nJohn Weller said the border would stay closed. He added that talks would "
           "resume. Shipping has stopped, it said.";
    int hm = entity(EX_ORGANIZATION, "Health Ministry", NULL);
    int jw = entity(EX_PERSON, "John Weller", NULL);
    run();
    cr_assert_eq(nst, 5);
    int i = find("Forty are in intensive care");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, hm);
    cr_expect_str_eq(txt(sts[i].speaker.text), "it");
    i = find("talks would resume");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, jw);
    cr_expect_str_eq(txt(sts[i].cue), "added");
    i = find("Shipping has stopped");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, hm, "it -> the last organization, not the person");
}

Test(statements, unresolved_pronoun_keeps_text)
{
    body = "She said the report was wrong.";
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, -1);
    cr_expect_str_eq(txt(sts[0].speaker.text), "She");
}

Test(statements, definite_description_to_last_person)
{
    body = "Foreign Minister Lena Berg said the sanctions would stay. The top diplomat said "
           "the embassy \"will remain open for as long as it is safe\" this winter.";
    int berg = entity(EX_PERSON, "Lena Berg", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[1].speaker.entity_id, berg);
    cr_expect_str_eq(txt(sts[1].speaker.text), "The top diplomat");
    cr_expect_eq(sts[1].kind, EX_MIXED);
    cr_expect_str_eq(txt(sts[1].quote), "will remain open for as long as it is safe");
}

Test(statements, scare_quotes_stay_inside)
{
    body = "The army said 12 \"armed bandits\" had been \"neutralized\" near the border.";
    int army = entity(EX_ORGANIZATION, "army", NULL);
    (void)army;
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_INDIRECT);
    cr_expect(strstr(txt(sts[0].content), "\"neutralized\" near the border") != NULL);
}

Test(statements, scare_quote_without_cue_is_no_statement)
{
    body = "The girls were granted \"parole\" status and named their robot \"Robogee.\"\n\n"
           "The website \"The Final Countdown Of The Browser\" went live.";
    run();
    cr_expect_eq(nst, 0);
}

Test(statements, quote_paragraph_continues_previous_speaker)
{
    body = "\"Ten years ago this was impossible,\" said Ambassador Rahimi.\n\n"
           "\"They represent our hopes and our resilience in a long conflict.\"\n\n"
           "\"Unrelated words from nobody in particular here.\"";
    int r = entity(EX_PERSON, "Rahimi", NULL);
    run();
    cr_assert_eq(nst, 3);
    cr_expect_eq(sts[1].kind, EX_DIRECT);
    cr_expect_eq(sts[1].speaker.entity_id, r);
    cr_expect_str_eq(txt(sts[1].content),
                     "They represent our hopes and our resilience in a long conflict.");
    cr_expect_eq(sts[1].cue.start, sts[1].cue.end, "no cue of its own");
    /* a third paragraph continues too: the previous paragraph's last statement is direct */
    cr_expect_eq(sts[2].speaker.entity_id, r);
}

Test(statements, continuation_needs_direct_previous_paragraph)
{
    body = "The Interior Ministry said roads were closed.\n\n"
           "\"Nobody knows who wrote these words in the leaflet.\"";
    entity(EX_ORGANIZATION, "Interior Ministry", NULL);
    run();
    cr_expect_eq(nst, 1);
}

Test(statements, multi_paragraph_quote_chain)
{
    body = "Senator Kay Moss said: \"We have waited long enough for this bill.\n\n"
           "\"And we will keep waiting if we must,\" she added.";
    int moss = entity(EX_PERSON, "Kay Moss", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_eq(sts[0].speaker.entity_id, moss);
    cr_expect_eq(sts[1].kind, EX_DIRECT);
    cr_expect_eq(sts[1].speaker.entity_id, moss);
    cr_expect_str_eq(txt(sts[1].content), "And we will keep waiting if we must");
}

Test(statements, second_quote_after_attribution_same_speaker)
{
    body = "\"We came a long way to get here,\" team member Sara Noor told the press, \"and we "
           "are proud of what we built.\" \"Next year we return,\" she said.";
    int noor = entity(EX_PERSON, "Sara Noor", NULL);
    run();
    cr_assert_eq(nst, 3);
    for (size_t i = 0; i < nst; i++) {
        cr_expect_eq(sts[i].kind, EX_DIRECT);
        cr_expect_eq(sts[i].speaker.entity_id, noor);
    }
    cr_expect_str_eq(txt(sts[0].speaker.text), "team member Sara Noor");
    cr_expect_str_eq(txt(sts[1].content), "and we are proud of what we built.");
}

Test(statements, negated_and_passive_cues_are_not_statements)
{
    body = "Officials have not said why the flights stopped. The agency could not confirm that "
           "report. The law is said to be popular. He declined to comment on the case.";
    run();
    cr_expect_eq(nst, 0);
}

Test(statements, nouns_that_look_like_cues)
{
    body = "The president declared a state of emergency. A report from the watchdog group "
           "Transparency Now claimed that funds were misused. The Secretary of State left.";
    int tn = entity(EX_ORGANIZATION, "Transparency Now", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, tn);
    cr_expect_str_eq(txt(sts[0].speaker.text), "A report from the watchdog group Transparency Now");
    cr_expect_str_eq(txt(sts[0].content), "funds were misused");
}

Test(statements, nominal_speaker_links_the_organization_it_names)
{
    body = "Reuters correspondents in the capital said the streets were calm, with state "
           "television saying the curfew had been lifted.";
    int reu = entity(EX_ORGANIZATION, "Reuters", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, reu);
    cr_expect_str_eq(txt(sts[0].speaker.text), "Reuters correspondents");
    cr_expect_str_eq(txt(sts[0].content), "the streets were calm");
    cr_expect_eq(sts[1].speaker.entity_id, -1);
    cr_expect_str_eq(txt(sts[1].speaker.text), "state television");
    cr_expect_str_eq(txt(sts[1].content), "the curfew had been lifted");
}

Test(statements, two_attributions_in_one_sentence)
{
    body = "Ruiz said early on Friday that the fire was contained, but later warned by saying "
           "that winds could \"spread it again\" overnight.";
    int ruiz = entity(EX_PERSON, "Ruiz", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_str_eq(txt(sts[0].content), "the fire was contained");
    cr_expect_eq(sts[0].speaker.entity_id, ruiz);
    cr_expect_eq(sts[1].speaker.entity_id, ruiz);
    cr_expect(strstr(txt(sts[1].content), "winds could") != NULL);
    cr_expect_str_eq(txt(sts[1].cue), "saying");
}

Test(statements, relative_clause_attribution)
{
    body = "Moss also said the bill would pass, a result which she said was \"long overdue and "
           "very welcome.\"";
    int moss = entity(EX_PERSON, "Moss", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_str_eq(txt(sts[0].content), "the bill would pass, a result");
    cr_expect_eq(sts[1].speaker.entity_id, moss);
    cr_expect_eq(sts[1].kind, EX_MIXED);
}

Test(statements, participle_after_comma_extends_the_statement)
{
    body = "State media said the leaders spoke by phone, noting that trade was discussed.";
    run();
    cr_assert_eq(nst, 1);
    cr_expect(strstr(txt(sts[0].content), "noting that trade was discussed") != NULL);
}

Test(statements, cue_inside_quote_is_not_an_attribution)
{
    body = "\"My father said we should never leave this town,\" Jon Park said.";
    int park = entity(EX_PERSON, "Jon Park", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, park);
}

Test(statements, text_outside_paragraphs_is_ignored)
{
    body = "By Jane Roe, who said hello\n\nNothing is said here by anyone at all.\n\nCopyright "
           "2020, the publisher said the rights are reserved.";
    split_paras(body);
    int rc = ex__statements_find(body, strlen(body), paras + 1, 1, NULL, 0, NULL, 0, NULL, 0, arena,
                                 &sts, &nst);
    cr_assert_eq(rc, 0);
    cr_expect_eq(nst, 0);
}

Test(statements, given_sentence_spans_are_used)
{
    /* Without sentence spans "Gen. Ortiz" would not split; with them the cue's sentence is
     * the one the caller says. */
    body = "Ortiz said the army is ready. \"We are prepared for every outcome,\" he said.";
    int o = entity(EX_PERSON, "Ortiz", NULL);
    split_paras(body);
    struct ex_span sents[2] = {{0, 29}, {30, (uint32_t)strlen(body)}};
    int rc = ex__statements_find(body, strlen(body), paras, n_paras, sents, 2, ments, n_ments, ents,
                                 n_ents, arena, &sts, &nst);
    cr_assert_eq(rc, 0);
    cr_assert_eq(nst, 2);
    cr_expect_str_eq(txt(sts[0].content), "the army is ready");
    cr_expect_eq(sts[1].kind, EX_DIRECT);
    cr_expect_eq(sts[1].speaker.entity_id, o);
}

Test(statements, empty_and_markless_inputs)
{
    body = "";
    run();
    cr_expect_eq(nst, 0);
    cr_expect_null(sts);
    body = "Plain text without any cue or mark at all.";
    run();
    cr_expect_eq(nst, 0);
}

Test(statements, adversarial_marks_and_cues_stay_bounded)
{
    /* many unbalanced marks, cues and commas: no crash, every span inside the body */
    size_t cap = 200000;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    const char *pieces[] = {
        "\"",   "said",  ", ", "he ",          "\xe2\x80\x9c", "that ", "according to ",
        "\n\n", "told ", "X ", "\xe2\x80\x9d", ": ",           "'",     "it added. "};
    size_t n = 0;
    unsigned seed = 7;
    while (n + 20 < cap) {
        seed = seed * 1103515245u + 12345u;
        const char *p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
        size_t l = strlen(p);
        memcpy(s + n, p, l);
        n += l;
    }
    s[n] = 0;
    body = s;
    run();
    for (size_t i = 0; i < nst; i++) {
        cr_assert_leq(sts[i].span.end, n);
        cr_assert_leq(sts[i].content.end, n);
        cr_assert_leq(sts[i].content.start, sts[i].content.end);
    }
    free(s);
}

Test(statements, split_quote_around_inverted_attribution)
{
    body = "\"We came to win,\" said coach Rui Lima, \"and we will be back next year.\"";
    int lima = entity(EX_PERSON, "Rui Lima", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, lima);
    cr_expect_str_eq(txt(sts[0].content), "We came to win");
    cr_expect_eq(sts[1].speaker.entity_id, lima);
    cr_expect_str_eq(txt(sts[1].content), "and we will be back next year.");
}

Test(statements, parenthetical_attribution_takes_the_sentence)
{
    body = "Recipients, said Maurer, are required to show the prints every ten years.";
    int m = entity(EX_PERSON, "Maurer", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, m);
    cr_expect(strstr(txt(sts[0].content), "required to show the prints") != NULL);
}

Test(statements, according_to_source_of_another_statement)
{
    body = "According to the Daily Herald, Professor Ann Cole, the chair of the panel, said the "
           "flag had never been put to a vote.";
    entity(EX_ORGANIZATION, "Daily Herald", NULL);
    int cole = entity(EX_PERSON, "Ann Cole", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, cole);
    cr_expect_str_eq(txt(sts[0].speaker.text), "Professor Ann Cole");
    cr_expect_str_eq(txt(sts[0].content), "the flag had never been put to a vote");
}

Test(statements, parenthetical_according_to_mid_sentence_is_skipped)
{
    body = "Both countries turn boats away, a policy which, according to AFP, the UN and the US "
           "have both criticised.";
    entity(EX_ORGANIZATION, "AFP", NULL);
    run();
    cr_expect_eq(nst, 0);
}

Test(statements, subject_comma_quote_is_direct)
{
    body = "Speaking in a statement, the Prime Minister, Ali Khan said, \"We are in contact with "
           "all parties.\"";
    int khan = entity(EX_PERSON, "Ali Khan", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_eq(sts[0].speaker.entity_id, khan);
    cr_expect_str_eq(txt(sts[0].content), "We are in contact with all parties.");
}

Test(statements, everyday_newswire_shapes)
{
    body = "\"We are deeply concerned,\" a spokesman for the ministry told reporters.\n\n"
           "The company declined to comment.\n\n"
           "Officials say at least 20 people died.\n\n"
           "He told CNN: \"It was a mistake and we regret it.\"\n\n"
           "Smith, 45, said he was innocent.\n\n"
           "The bill, the White House said, would be vetoed.\n\n"
           "The minister, who spoke on condition of anonymity, said talks had stalled.\n\n"
           "\"We will fight this ruling,\" said Jane Doe, the group's leader.";
    int smith = entity(EX_PERSON, "Smith", NULL);
    int wh = entity(EX_ORGANIZATION, "White House", NULL);
    int doe = entity(EX_PERSON, "Jane Doe", NULL);
    run();
    cr_expect_eq(nst, 7);
    int i = find("deeply concerned");
    cr_assert_geq(i, 0);
    cr_expect_str_eq(txt(sts[i].speaker.text), "a spokesman for the ministry");
    cr_expect_eq(find("comment"), -1);
    i = find("at least 20 people died");
    cr_assert_geq(i, 0);
    cr_expect_str_eq(txt(sts[i].speaker.text), "Officials");
    i = find("It was a mistake");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].kind, EX_DIRECT);
    i = find("he was innocent");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, smith);
    i = find("would be vetoed");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, wh);
    i = find("talks had stalled");
    cr_assert_geq(i, 0);
    cr_expect_str_eq(txt(sts[i].speaker.text), "The minister");
    i = find("fight this ruling");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, doe);
}

Test(statements, told_addressee_then_bare_clause)
{
    body = "Its chief economist, Pierre Gourinchas, told reporters the outlook was \"gloomy and "
           "more uncertain.\"";
    int pg = entity(EX_PERSON, "Pierre Gourinchas", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, pg);
    cr_expect_str_eq(txt(sts[0].speaker.text), "Its chief economist, Pierre Gourinchas");
    cr_expect_str_eq(txt(sts[0].content), "the outlook was \"gloomy and more uncertain.\"");
    cr_expect_eq(sts[0].kind, EX_MIXED);
}

Test(statements, quote_then_subject_with_relative_clause)
{
    body = "\"I think they have lost control,\" one Conservative lawmaker, who asked not to be "
           "named, told Reuters.";
    entity(EX_ORGANIZATION, "Reuters", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_eq(sts[0].speaker.entity_id, -1, "the addressee is not the speaker");
    cr_expect_str_eq(txt(sts[0].speaker.text), "one Conservative lawmaker");
}

Test(statements, business_and_sports_verbs_are_not_speech)
{
    body = "United claimed a 2-1 win over Chelsea on Saturday.\n\n"
           "The company reported a net loss of $3.2 billion and said it expected revenue to "
           "grow next year.\n\n"
           "Many states have adopted similar rules. The president said nothing.\n\n"
           "Ortega has denied any wrongdoing, saying the charges were politically motivated.";
    int ortega = entity(EX_PERSON, "Ortega", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_str_eq(txt(sts[0].speaker.text), "The company");
    cr_expect_str_eq(txt(sts[0].content), "it expected revenue to grow next year");
    cr_expect_eq(sts[1].speaker.entity_id, ortega);
    cr_expect_str_eq(txt(sts[1].cue), "saying");
    cr_expect_str_eq(txt(sts[1].content), "the charges were politically motivated");
}

Test(statements, adverb_before_colon)
{
    body = "Asked about the deal, the president said only: \"We'll see what happens.\"";
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_str_eq(txt(sts[0].content), "We'll see what happens.");
}

/* A quotation, then its speaker, an adjunct and a participle clause: two statements of the
 * same speaker, the quote direct and the clause indirect. */
Test(statements, quote_then_adding_that_clause)
{
    body = "\"We are ready,\" Boris Johnson told lawmakers on Tuesday, adding that more aid "
           "would come.";
    int bj = entity(EX_PERSON, "Boris Johnson", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_str_eq(txt(sts[0].content), "We are ready");
    cr_expect_eq(sts[0].speaker.entity_id, bj);
    cr_expect_eq(sts[1].kind, EX_INDIRECT);
    cr_expect_str_eq(txt(sts[1].content), "more aid would come");
    cr_expect_str_eq(txt(sts[1].cue), "adding");
    cr_expect_eq(sts[1].speaker.entity_id, bj);
    check_spans();
}

/* The same in a later sentence: the direct statement must know its sentence, or the clause
 * looks for a subject of its own and finds one inside the quotation ("We"). */
Test(statements, quote_then_adding_that_clause_in_a_later_sentence)
{
    body = "Boris Johnson spoke. \"We are ready,\" Johnson told lawmakers on Tuesday, adding "
           "that more aid would come.";
    int bj = entity(EX_PERSON, "Boris Johnson", "Johnson", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].kind, EX_DIRECT);
    cr_expect_eq(sts[0].speaker.entity_id, bj);
    cr_expect_eq(sts[1].kind, EX_INDIRECT);
    cr_expect_str_eq(txt(sts[1].content), "more aid would come");
    cr_expect_eq(sts[1].speaker.entity_id, bj);
    check_spans();
}

/* A reported clause that continues with ", adding that": still one statement. */
Test(statements, reported_clause_adding_that_stays_one)
{
    body = "Johnson said on Tuesday that aid would come, adding that it was urgent.";
    entity(EX_PERSON, "Johnson", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].content), "aid would come, adding that it was urgent");
}

/* When and where it was said is not what was said. */
Test(statements, time_and_medium_before_the_clause_are_left_out)
{
    static const char *const bodies[] = {
        "Officials said on Monday the talks had failed.",
        "Officials said last week the talks had failed.",
        "Officials said yesterday the talks had failed.",
        "Officials said on Jan. 7 the talks had failed.",
        "Officials said in a statement the talks had failed.",
        "Officials said in an interview on Monday the talks had failed.",
    };
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        body = bodies[i];
        n_ments = n_ents = nst = 0;
        run();
        cr_assert_eq(nst, 1, "%s", body);
        cr_expect_str_eq(txt(sts[0].content), "the talks had failed", "%s", body);
        cr_expect_str_eq(txt(sts[0].speaker.text), "Officials");
    }
}

/* A relative clause about the source is not what the source says. */
Test(statements, according_to_source_with_relative_clause)
{
    body = "According to the report, which was released on Tuesday, 40 percent of children are "
           "malnourished.";
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].speaker.text), "the report");
    cr_expect_str_eq(txt(sts[0].content), "40 percent of children are malnourished");
    check_spans();
}

/* An apposition about the source that holds a relative clause is not what the source says;
 * without one, the phrase after the comma is the clause itself. */
Test(statements, according_to_source_with_apposition)
{
    body = "According to Max Schrems, the Austrian activist who brought the complaint in 2013, "
           "the ruling is a big win.";
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].speaker.text), "Max Schrems");
    cr_expect_str_eq(txt(sts[0].content), "the ruling is a big win");
    check_spans();
    body = "According to the ministry, the company lost money, and its chief resigned.";
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].content), "the company lost money, and its chief resigned");
    check_spans();
}

/* A dateline opening a paragraph is no part of the reported clause nor the subject a
 * participle ("..., saying ...") hangs on. */
Test(statements, datelines_are_no_part_of_the_clause_or_subject)
{
    body = "NAIROBI, Kenya (Reuters) — The Central Bank of Kenya cut its rate on Tuesday, saying "
           "inflation had fallen.\n\nLOS ANGELES — A wildfire forced 12,000 people from their "
           "homes, officials said.";
    int bank = entity(EX_ORGANIZATION, "Central Bank of Kenya", NULL);
    entity(EX_LOCATION, "Nairobi", "NAIROBI", NULL);
    entity(EX_LOCATION, "Kenya", NULL);
    entity(EX_LOCATION, "Los Angeles", "LOS ANGELES", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_str_eq(txt(sts[0].content), "inflation had fallen");
    cr_expect_eq(sts[0].speaker.entity_id, bank, "the subject after the dateline");
    cr_expect_str_eq(txt(sts[0].speaker.text), "The Central Bank of Kenya");
    cr_expect_str_eq(txt(sts[1].content), "A wildfire forced 12,000 people from their homes");
    cr_expect_str_eq(txt(sts[1].speaker.text), "officials");
    check_spans();
}

/* "the White House said": the seat of a government speaks for it; a bare place name does
 * not ("Paris said" is more often a person). */
Test(statements, the_seat_of_a_government_speaks)
{
    body = "The president spoke with the governor, the White House said. The vote was close, "
           "Paris said.";
    int wh = entity(EX_LOCATION, "White House", NULL);
    entity(EX_LOCATION, "Paris", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, wh);
    cr_expect_str_eq(txt(sts[1].speaker.text), "Paris");
    cr_expect_eq(sts[1].speaker.entity_id, -1);
    check_spans();
}

/* A participle after a quotation whose comma is inside the marks hangs on the sentence's
 * subject ("called it “...,” noting that ..."), and has no subject after it. */
Test(statements, participle_after_a_quotation_ending_in_a_comma)
{
    body = "Economy Minister Robert Habeck called the break-up \"the wrong decision,\" noting that "
           "it came hours after the election.";
    int habeck = entity(EX_PERSON, "Robert Habeck", NULL);
    run();
    int i = find("it came hours after the election");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].kind, EX_INDIRECT);
    cr_expect_eq(sts[i].speaker.entity_id, habeck);
    for (size_t k = 0; k < nst; k++)
        cr_expect(strstr(txt(sts[k].speaker.text), "that") == NULL, "no subject after noting");
    check_spans();
}

/* "the Italian said" names the person last spoken of, who may be the subject of a sentence
 * with role words between the names ("Real coach Carlo Ancelotti admitted ..."). */
Test(statements, a_nationality_alone_names_the_last_subject)
{
    body = "Liverpool manager Arne Slot praised his side. Real coach Carlo Ancelotti admitted "
           "defeat. \"Liverpool were better,\" the Italian said.";
    entity(EX_PERSON, "Arne Slot", NULL);
    int ancelotti = entity(EX_PERSON, "Carlo Ancelotti", NULL);
    entity(EX_NATIONALITY, "Italian", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].speaker.text), "the Italian");
    cr_expect_eq(sts[0].speaker.entity_id, ancelotti);
    check_spans();
}

/* A participle closing a source phrase is no part of it. */
Test(statements, a_participle_closes_no_source)
{
    body = "According to a poll by the Forsa institute published on Tuesday, the conservatives "
           "would win.";
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].speaker.text), "a poll by the Forsa institute");
    check_spans();
}

/* A speaker's name with its acronym in parentheses is one phrase; an apposition to the
 * speaker may hold a relative clause with verbs of its own; "according to her". */
Test(statements, acronyms_relative_clauses_and_object_pronouns)
{
    body = "Water was found on the planet, the European Space Agency (ESA) announced on Monday. "
           "\"This is a first,\" said Bjorn Benneke, a co-author of the study, which was "
           "published in a journal. Caroline Piaulet said the results mattered. According to "
           "her, a third of planets are alike.";
    int esa = entity(EX_ORGANIZATION, "European Space Agency", "ESA", NULL);
    int benneke = entity(EX_PERSON, "Bjorn Benneke", NULL);
    int piaulet = entity(EX_PERSON, "Caroline Piaulet", NULL);
    run();
    int i = find("Water was found on the planet");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, esa);
    cr_expect_str_eq(txt(sts[i].speaker.text), "the European Space Agency (ESA)");
    i = find("This is a first");
    cr_assert_geq(i, 0, "the relative clause is the apposition's");
    cr_expect_eq(sts[i].speaker.entity_id, benneke);
    i = find("a third of planets are alike");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, piaulet);
    check_spans();
}

/* A person's name closing an apposition to a subject that names nobody is the speaker; a
 * second verb of the subject ends the first statement at its "and"; who saw a document
 * is not its source. */
Test(statements, named_appositions_second_verbs_and_documents_seen)
{
    body = "Another speaker, retired teacher Alan Brooks, said he supported the mayor. He "
           "accused the council of waste and said he would propose an amendment. The plan would "
           "cost more, according to a copy seen by the Tribune.";
    int brooks = entity(EX_PERSON, "Alan Brooks", NULL);
    int tribune = entity(EX_ORGANIZATION, "Tribune", NULL);
    run();
    int i = find("he supported the mayor");
    cr_assert_geq(i, 0);
    cr_expect_eq(sts[i].speaker.entity_id, brooks);
    i = find("the council of waste");
    cr_assert_geq(i, 0);
    cr_expect_str_eq(txt(sts[i].content), "the council of waste");
    i = find("The plan would cost more");
    cr_assert_geq(i, 0);
    cr_expect_neq(sts[i].speaker.entity_id, tribune);
    cr_expect_str_eq(txt(sts[i].speaker.text), "a copy");
    check_spans();
}

/* "told reporters outside the court that ...": a place after the addressee is no part of
 * the reported clause. */
Test(statements, a_place_after_the_addressee)
{
    body = "His lawyer, Roberto Su, told reporters outside the court in Lima that the defence "
           "would appeal.";
    int su = entity(EX_PERSON, "Roberto Su", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].content), "the defence would appeal");
    cr_expect_eq(sts[0].speaker.entity_id, su);
    check_spans();
}

Test(statements, parentheses_inside_the_subject_phrase)
{
    body = "Caroline van der Plas, whose Farmer-Citizen Movement (BBB) holds one seat in "
           "parliament, said she supported the protesters.";
    int cvp = entity(EX_PERSON, "Caroline van der Plas", NULL);
    entity(EX_ORGANIZATION, "Farmer-Citizen Movement", "BBB", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].content), "she supported the protesters");
    cr_expect_eq(sts[0].speaker.entity_id, cvp, "the phrase before the relative clause");
    check_spans();
}

Test(statements, a_quarrel_is_no_statement)
{
    body = "The court heard that Daniel Okafor had argued with the two men over a spilt drink. "
           "Okafor spoke with reporters, saying he was sorry.";
    int ok = entity(EX_PERSON, "Daniel Okafor", "Okafor", NULL);
    run();
    cr_assert_eq(nst, 1, "\"argued with\" reports no words");
    cr_expect_str_eq(txt(sts[0].content), "he was sorry");
    cr_expect_eq(sts[0].speaker.entity_id, ok);
    check_spans();
}

Test(statements, a_quotation_inside_another_subjects_sentence)
{
    body = "\"North Carolina has been a great partner,\" said Tetsuo Ogawa. Governor Roy Cooper "
           "called the investment \"a vote of confidence in our workforce.\" \"We are proud,\" "
           "Ogawa added.";
    int ogawa = entity(EX_PERSON, "Tetsuo Ogawa", "Ogawa", NULL);
    int cooper = entity(EX_PERSON, "Roy Cooper", NULL);
    run();
    cr_assert_eq(nst, 3);
    cr_expect_eq(sts[0].speaker.entity_id, ogawa);
    cr_expect_str_eq(txt(sts[1].content), "a vote of confidence in our workforce.");
    cr_expect_eq(sts[1].speaker.entity_id, cooper, "the sentence's subject, not the last speaker");
    cr_expect_str_eq(txt(sts[1].speaker.text), "Governor Roy Cooper");
    cr_expect_eq(sts[2].speaker.entity_id, ogawa);
    check_spans();
}

Test(statements, a_role_names_the_person_last_titled_so)
{
    body = "President William Ruto dismissed his cabinet. Only Cabinet Secretary Musalia "
           "Mudavadi kept his job. \"I will assemble a new team,\" the president said. \"We "
           "disagree,\" the secretary said.";
    int ruto = entity(EX_PERSON, "William Ruto", NULL);
    int mud = entity(EX_PERSON, "Musalia Mudavadi", NULL);
    static const char *ruto_t[] = {"President"}, *mud_t[] = {"Cabinet Secretary"};
    ents[ruto].titles = ruto_t;
    ents[ruto].n_titles = 1;
    ents[mud].titles = mud_t;
    ents[mud].n_titles = 1;
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, ruto, "not the last person named");
    cr_expect_eq(sts[1].speaker.entity_id, mud);
    check_spans();
}

Test(statements, a_noun_names_the_body_last_named_with_it)
{
    body = "Daniel Kebede of the National Education Union spoke. The Department for Education "
           "said 52% of schools were open. The union disputed the figure, saying its own survey "
           "showed far fewer. \"It is late,\" the department said.";
    int neu = entity(EX_ORGANIZATION, "National Education Union", NULL);
    int dfe = entity(EX_ORGANIZATION, "Department for Education", NULL);
    entity(EX_PERSON, "Daniel Kebede", NULL);
    run();
    cr_assert_eq(nst, 3);
    cr_expect_eq(sts[0].speaker.entity_id, dfe);
    cr_expect_str_eq(txt(sts[1].content), "its own survey showed far fewer");
    cr_expect_eq(sts[1].speaker.entity_id, neu, "not the last body named");
    cr_expect_eq(sts[2].speaker.entity_id, dfe);
    check_spans();
}

Test(statements, a_role_between_names_in_a_shared_subject)
{
    body = "Facebook co-founder Mark Zuckerberg tweeted to Mohamed and said the boy was welcome.";
    entity(EX_ORGANIZATION, "Facebook", NULL);
    int mz = entity(EX_PERSON, "Mark Zuckerberg", NULL);
    entity(EX_PERSON, "Mohamed", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].content), "the boy was welcome");
    cr_expect_eq(sts[0].speaker.entity_id, mz, "the person after the role, not the body");
    check_spans();
}

Test(statements, a_plural_noun_spelled_like_a_cue_inside_the_subject)
{
    body = "Governors of several Amazon states, including Helder Barbalho of Para, said they "
           "lacked the resources to respond.";
    entity(EX_ORGANIZATION, "Amazon", NULL);
    entity(EX_PERSON, "Helder Barbalho", NULL);
    entity(EX_LOCATION, "Para", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].content), "they lacked the resources to respond");
    cr_expect_eq(strncmp(txt(sts[0].speaker.text), "Governors", 9), 0, "the subject before");
    check_spans();
}

Test(statements, a_quotation_opening_a_sentence_names_no_subject)
{
    body = "Apple said it would appeal. In a statement, the company accused Spotify of seeking "
           "special treatment. \"Spotify has the largest market share,\" it said.";
    int apple = entity(EX_ORGANIZATION, "Apple", NULL);
    entity(EX_ORGANIZATION, "Spotify", NULL);
    run();
    cr_assert_geq(nst, 2);
    cr_expect_str_eq(txt(sts[nst - 1].content), "Spotify has the largest market share");
    cr_expect_eq(sts[nst - 1].speaker.entity_id, apple, "not the body named inside the quotation");
}

Test(statements, said_then_a_title_abbreviation)
{
    body = "\"This is a contagious disease,\" said Dr. Ron Cook, the health authority.";
    int cook = entity(EX_PERSON, "Ron Cook", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_eq(sts[0].speaker.entity_id, cook, "the name after \"Dr.\", not \"Dr\"");
    cr_expect_str_eq(txt(sts[0].speaker.text), "Dr. Ron Cook");
    check_spans();
}

Test(statements, a_day_after_the_cue_and_a_cue_spelled_noun_in_the_subject)
{
    body = "LUBBOCK, Texas \u2014 A measles outbreak has grown to 146 cases, state health "
           "officials said Tuesday, the largest in 30 years.";
    entity(EX_LOCATION, "LUBBOCK", NULL);
    entity(EX_LOCATION, "Texas", NULL);
    run();
    cr_assert_eq(nst, 1);
    cr_expect_str_eq(txt(sts[0].content), "A measles outbreak has grown to 146 cases");
    cr_expect_str_eq(txt(sts[0].speaker.text), "state health officials",
                     "\"state\" is no cue here, the dateline no subject");
    check_spans();
}

Test(statements, a_few_quoted_words_closing_the_clause)
{
    body = "Mahmood said the attack was \"deeply shocking.\"\n\nA rival said the \"peace "
           "plan\" was dead.";
    entity(EX_PERSON, "Mahmood", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_str_eq(txt(sts[0].content), "the attack was \"deeply shocking.\"",
                     "the closing mark stays with its opening one");
    cr_expect_eq(sts[0].kind, EX_INDIRECT, "a few words quoted: indirect, as in the seed's gold");
    cr_expect_str_eq(txt(sts[1].content), "the \"peace plan\" was dead");
    check_spans();
}

Test(statements, a_name_in_apposition_with_an_age_or_a_relative_clause)
{
    body = "A witness, Sarah Thompson, 27, told the BBC that shoppers had hidden. The Labour MP "
           "for Birmingham Ladywood, Shabana Mahmood, who is also the Justice Secretary, said "
           "the attack was shocking.";
    int sarah = entity(EX_PERSON, "Sarah Thompson", NULL);
    entity(EX_ORGANIZATION, "BBC", NULL);
    entity(EX_LOCATION, "Birmingham Ladywood", NULL);
    int shabana = entity(EX_PERSON, "Shabana Mahmood", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, sarah, "the name before the age, not \"A witness\"");
    cr_expect_eq(sts[1].speaker.entity_id, shabana, "the person, not the seat");
    check_spans();
}

Test(statements, antecedents_behind_an_opening_adverbial_and_a_title)
{
    body = "Boeing Chief Executive Dave Calhoun will step down, the company said Monday.\n\n"
           "Stephanie Pope will take over the unit.\n\nIn a letter to employees, Calhoun "
           "called the accident a watershed moment. He wrote: \"We must respond with humility "
           "and complete transparency.\"";
    int boeing = entity(EX_ORGANIZATION, "Boeing", NULL);
    int calhoun = entity(EX_PERSON, "Dave Calhoun", "Calhoun", NULL);
    entity(EX_PERSON, "Stephanie Pope", NULL);
    run();
    cr_assert_geq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, boeing, "the body before the person's title");
    cr_expect_eq(sts[nst - 1].speaker.entity_id, calhoun,
                 "the subject after \"In a letter to employees,\"");
    check_spans();
}

Test(statements, he_and_she_by_the_given_name)
{
    body = "Sarah Thompson said the shoppers hid. Mark Jones said the guards ran.\n\n\"It was "
           "awful,\" she said. \"Nobody helped,\" he added.";
    int sarah = entity(EX_PERSON, "Sarah Thompson", NULL);
    int mark = entity(EX_PERSON, "Mark Jones", NULL);
    run();
    cr_assert_eq(nst, 4);
    cr_expect_eq(sts[2].speaker.entity_id, sarah, "\"she\": the last person a woman's name names");
    cr_expect_eq(sts[3].speaker.entity_id, mark);
    check_spans();
}

Test(statements, british_single_quotes_and_a_relative_clause_before_the_cue)
{
    body = "\u2018We had to suffer, but the players showed character,\u2019 Arteta told Sky "
           "Sports.\n\nDavid Burritt, who had warned that the company might close mills, said he "
           "was disappointed.";
    int arteta = entity(EX_PERSON, "Arteta", NULL);
    entity(EX_ORGANIZATION, "Sky Sports", NULL);
    int burritt = entity(EX_PERSON, "David Burritt", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].kind, EX_DIRECT, "single marks quote where no double marks do");
    cr_expect_eq(sts[0].speaker.entity_id, arteta);
    cr_expect_str_eq(txt(sts[1].content), "he was disappointed");
    cr_expect_eq(sts[1].speaker.entity_id, burritt, "the relative clause is the subject's");
    check_spans();
}

Test(statements, the_company_named_inside_the_first_sentence)
{
    body = "Sam Altman will return as chief executive of OpenAI, the company said.\n\nCoach Mike "
           "Tullberg will take charge for the game against Werder Bremen, the club said.";
    entity(EX_PERSON, "Sam Altman", NULL);
    int openai = entity(EX_ORGANIZATION, "OpenAI", NULL);
    entity(EX_PERSON, "Mike Tullberg", NULL);
    entity(EX_ORGANIZATION, "Werder Bremen", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, openai, "no body before: the one in the sentence");
    cr_expect_eq(sts[1].speaker.entity_id, openai, "a body spoke before: that one, not the rival");
    check_spans();
}

Test(statements, a_leading_adverb_and_a_role_after_according_to)
{
    body = "Meanwhile, the governor of the Belgorod region, Vyacheslav Gladkov, said two "
           "civilians were killed.\n\nAccording to Mark Zandi, chief economist at Moody's "
           "Analytics, the labor market is showing strain.";
    entity(EX_LOCATION, "Belgorod", NULL);
    int gladkov = entity(EX_PERSON, "Vyacheslav Gladkov", NULL);
    int zandi = entity(EX_PERSON, "Mark Zandi", NULL);
    run();
    cr_assert_eq(nst, 2);
    cr_expect_eq(sts[0].speaker.entity_id, gladkov, "\"Meanwhile\" is no subject");
    cr_expect_eq(sts[1].speaker.entity_id, zandi);
    cr_expect_str_eq(txt(sts[1].content), "the labor market is showing strain",
                     "the source's role is no content");
    check_spans();
}
