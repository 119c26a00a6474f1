/*
 * views.c: store results rendered as the JSON shapes of docs/api-shapes.md, the one place
 * that decides field names and null-ness for articles, entities and statements. Offsets
 * come out in the unit the request asked for; the store kept all three.
 */
#include <string.h>

#include "internal.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *strings(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_string(v[i] ? v[i] : ""));
    return a;
}

static json_t *offset(int64_t v)
{
    return v < 0 ? json_null() : json_integer(v);
}

json_t *srv__view_article(const struct st_article *a, int with_body)
{
    json_t *o = json_pack(
        "{s:I, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:I, s:{s:I, s:I, s:I}}", "id",
        (json_int_t)a->id, "title", str_or_null(a->title), "author", str_or_null(a->author),
        "source", str_or_null(a->source), "url", str_or_null(a->url), "published_at",
        str_or_null(a->published_at), "language", a->language ? a->language : "en", "sha256",
        a->sha256 ? a->sha256 : "", "created_at", a->created_at ? a->created_at : "", "body_chars",
        (json_int_t)a->body_chars, "counts", "entities", (json_int_t)a->n_entities, "mentions",
        (json_int_t)a->n_mentions, "statements", (json_int_t)a->n_statements);
    if (o && with_body && a->body) json_object_set_new(o, "body", json_string(a->body));
    return o;
}

json_t *srv__view_entity(const struct st_entity *e, enum ex_unit unit, int with_mentions)
{
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)e->id, "kind",
                  e->kind ? e->kind : "", "name", e->name ? e->name : "", "aliases",
                  strings(e->aliases, e->n_aliases), "titles", strings(e->titles, e->n_titles),
                  "value", str_or_null(e->value), "qualifier", str_or_null(e->qualifier));
    if (!o) return NULL;
    if (with_mentions) {
        json_t *ms = json_array();
        for (size_t i = 0; ms && i < e->n_mention_items; i++) {
            const struct st_mention *m = &e->mentions[i];
            json_array_append_new(
                ms, json_pack("{s:o, s:o, s:s}", "start", offset(m->span.start[unit]), "end",
                              offset(m->span.end[unit]), "text", m->text ? m->text : ""));
        }
        json_object_set_new(o, "salience", json_real(e->salience));
        json_object_set_new(o, "mentions", ms);
    } else {
        json_object_set_new(o, "counts",
                            json_pack("{s:I, s:I}", "mentions", (json_int_t)e->n_mentions,
                                      "articles", (json_int_t)e->n_articles));
    }
    return o;
}

json_t *srv__view_statement(const struct st_statement *s, enum ex_unit unit)
{
    json_t *speaker =
        json_pack("{s:o, s:o, s:o}", "entity_id",
                  s->speaker_entity_id > 0 ? json_integer(s->speaker_entity_id) : json_null(),
                  "name", str_or_null(s->speaker_name), "text", str_or_null(s->speaker_text));
    return json_pack("{s:I, s:I, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)s->id, "article_id", (json_int_t)s->article_id, "kind",
                     s->kind ? s->kind : "", "cue", str_or_null(s->cue), "speaker", speaker,
                     "content", s->content ? s->content : "", "quote", str_or_null(s->quote),
                     "start", offset(s->span.start[unit]), "end", offset(s->span.end[unit]),
                     "quote_start", offset(s->quote_span.start[unit]), "quote_end",
                     offset(s->quote_span.end[unit]));
}

json_t *srv__view_entity_links(const struct st_entity_links *l)
{
    json_t *arts = json_array(), *co = json_array();
    for (size_t i = 0; arts && i < l->n_articles; i++) {
        const struct st_entity_article *a = &l->articles[i];
        json_array_append_new(arts, json_pack("{s:I, s:o, s:o, s:I}", "id", (json_int_t)a->id,
                                              "title", str_or_null(a->title), "published_at",
                                              str_or_null(a->published_at), "mentions",
                                              (json_int_t)a->n_mentions));
    }
    for (size_t i = 0; co && i < l->n_cooccurring; i++) {
        const struct st_cooccurrence *c = &l->cooccurring[i];
        json_array_append_new(co, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)c->id, "kind",
                                            c->kind ? c->kind : "", "name", c->name ? c->name : "",
                                            "shared_articles", (json_int_t)c->n_shared));
    }
    /* "o" takes both arrays even when packing fails, so nothing leaks on OOM */
    return json_pack("{s:o, s:o, s:I}", "articles", arts ? arts : json_null(), "cooccurring",
                     co ? co : json_null(), "cooccurrence_articles", (json_int_t)l->n_counted);
}
