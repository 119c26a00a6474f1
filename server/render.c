/*
 * render.c: the extraction result as JSON (DESIGN.md "Extraction result"), shared by
 * `newsgraph extract` and POST /v1/extract so the two can never disagree.
 *
 * A document holds byte offsets into its UTF-8 body; clients want code points (Python,
 * the scorer) or UTF-16 units (JavaScript). Converting each offset from the start of the
 * body would make rendering quadratic in the number of mentions, so one linear pass builds
 * a byte -> unit table first (ex_offset_table), and every span is then two lookups. Text that a
 * span covers is emitted next to its offsets ("text") so a reader can check body[start:end] at a
 * glance.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

static json_t *off(const uint32_t *t, uint32_t byte)
{
    return json_integer(t ? t[byte] : byte);
}

/* The text of a span, or JSON null when the span is absent. */
static json_t *span_text(const struct ex_doc *doc, struct ex_span s)
{
    if (s.end <= s.start || s.end > doc->body_len) return json_null();
    return json_stringn(doc->body + s.start, s.end - s.start);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *str_array(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *render_entity(const struct ex_doc *doc, const struct ex_entity *e, const uint32_t *t)
{
    json_t *mentions = json_array();
    for (size_t i = 0; mentions && i < e->n_mentions; i++) {
        struct ex_span s = e->mentions[i].span;
        json_array_append_new(mentions, json_pack("{s:o, s:o, s:o}", "start", off(t, s.start),
                                                  "end", off(t, s.end), "text", span_text(doc, s)));
    }
    return json_pack("{s:i, s:s, s:s, s:o, s:o, s:f, s:o, s:o, s:o, s:o}", "id", e->id, "kind",
                     ex_entity_kind_name(e->kind), "name", e->name ? e->name : "", "aliases",
                     str_array(e->aliases, e->n_aliases), "titles",
                     str_array(e->titles, e->n_titles), "salience", e->salience, "value",
                     str_or_null(e->value), "qualifier", str_or_null(e->qualifier), "link",
                     e->link >= 0 ? json_integer(e->link) : json_null(), "mentions", mentions);
}

static json_t *render_statement(const struct ex_doc *doc, const struct ex_statement *st,
                                const uint32_t *t)
{
    const struct ex_speaker *sp = &st->speaker;
    int linked = sp->entity_id >= 0 && (size_t)sp->entity_id < doc->n_entities;
    json_t *speaker = json_pack(
        "{s:o, s:o, s:o}", "entity_id", linked ? json_integer(sp->entity_id) : json_null(), "name",
        linked ? str_or_null(doc->entities[sp->entity_id].name) : json_null(), "text",
        span_text(doc, sp->text));
    int has_quote = st->quote.end > st->quote.start;
    json_t *content = span_text(doc, st->content);
    if (json_is_null(content)) {
        json_decref(content);
        content = json_string("");
    }
    return json_pack("{s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", st->id, "kind",
                     ex_statement_kind_name(st->kind), "cue", span_text(doc, st->cue), "speaker",
                     speaker, "content", content, "quote", span_text(doc, st->quote), "start",
                     off(t, st->span.start), "end", off(t, st->span.end), "quote_start",
                     has_quote ? off(t, st->quote.start) : json_null(), "quote_end",
                     has_quote ? off(t, st->quote.end) : json_null());
}

char *srv_render_doc(const struct ex_doc *doc, enum ex_unit unit, int pretty)
{
    json_t *root = NULL, *ents = NULL, *stmts = NULL;
    char *out = NULL;

    if (!doc) return NULL;
    uint32_t *t = NULL;
    if (unit != EX_UNIT_UTF8 && !(t = ex_offset_table(doc->body, doc->body_len, unit))) goto out;
    ents = json_array();
    stmts = json_array();
    if (!ents || !stmts) goto out;
    for (size_t i = 0; i < doc->n_entities; i++)
        if (json_array_append_new(ents, render_entity(doc, &doc->entities[i], t))) goto out;
    for (size_t i = 0; i < doc->n_statements; i++)
        if (json_array_append_new(stmts, render_statement(doc, &doc->statements[i], t))) goto out;
    const struct ex_article *a = &doc->article;
    json_t *article =
        json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "title", str_or_null(a->title), "author",
                  str_or_null(a->author), "source", str_or_null(a->source), "url",
                  str_or_null(a->url), "published_at", str_or_null(a->published_at), "language",
                  str_or_null(a->language ? a->language : "en"));
    /* "o" steals even on failure, so ents/stmts are owned by root from here on */
    root =
        json_pack("{s:o, s:s, s:s%, s:o, s:o}", "article", article, "offsets", ex_unit_name(unit),
                  "body", doc->body, doc->body_len, "entities", ents, "statements", stmts);
    ents = stmts = NULL;
    if (!root) goto out;
    out = json_dumps(root, JSON_PRESERVE_ORDER | (pretty ? JSON_INDENT(2) : JSON_COMPACT));
out:
    json_decref(root);
    json_decref(ents);
    json_decref(stmts);
    free(t);
    return out;
}
