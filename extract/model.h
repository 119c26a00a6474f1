/*
 * model.h: the extraction result, the one data model shared by extract/, store/ and server/.
 *
 * A document (struct ex_doc) is what extraction makes of one article: its metadata, its
 * normalized body, the entities named in it with every mention, and the statements made in
 * it with their speakers. Everything in a document lives in one arena owned by the document
 * and is freed by ex_doc_free(); nothing points outside it. Text is never copied into the
 * result where a span will do: a struct ex_span is a half-open range of BYTE offsets into
 * doc->body (UTF-8). Byte offsets are what C slices cheaply; the API converts them to code
 * points or UTF-16 units at the edge (ex_offset_convert in extract.h). Strings that do not
 * occur in the body verbatim (a normalized date, a source derived from a footer) are
 * NUL-terminated arena strings.
 */
#ifndef NEWSGRAPH_EXTRACT_MODEL_H
#define NEWSGRAPH_EXTRACT_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* A half-open byte range [start, end) into ex_doc.body. start == end means "absent". */
struct ex_span {
    uint32_t start;
    uint32_t end;
};

#define EX_ENTITY_KINDS(X)                                                                         \
    X(EX_PERSON, "person")                                                                         \
    X(EX_ORGANIZATION, "organization")                                                             \
    X(EX_LOCATION, "location")                                                                     \
    X(EX_NATIONALITY, "nationality")                                                               \
    X(EX_DATE, "date")                                                                             \
    X(EX_QUANTITY, "quantity")

enum ex_entity_kind {
#define X(sym, name) sym,
    EX_ENTITY_KINDS(X)
#undef X
        EX_ENTITY_KIND_COUNT
};

#define EX_STATEMENT_KINDS(X)                                                                      \
    X(EX_DIRECT, "direct")                                                                         \
    X(EX_INDIRECT, "indirect")                                                                     \
    X(EX_MIXED, "mixed")

enum ex_statement_kind {
#define X(sym, name) sym,
    EX_STATEMENT_KINDS(X)
#undef X
        EX_STATEMENT_KIND_COUNT
};

/* One occurrence of an entity in the body. */
struct ex_mention {
    struct ex_span span;
};

struct ex_entity {
    int id; /* index into ex_doc.entities */
    enum ex_entity_kind kind;
    const char *name;     /* canonical name: the fullest form, NUL-terminated, arena */
    const char **aliases; /* other surface forms (distinct, not equal to name), arena */
    size_t n_aliases;
    const char **titles; /* "President", "U.S. Secretary of State", arena */
    size_t n_titles;
    double salience;             /* 0..1, mentions weighted by position */
    struct ex_mention *mentions; /* in body order */
    size_t n_mentions;
    /* date: ISO 8601 "2022-01-07" (or "2022-01", "--01-07" when the year is unknown);
     * quantity: the number as decimal text ("3811"). NULL for other kinds. */
    const char *value;
    const char *qualifier; /* quantity: "more than", "at least", "approximate"; or NULL */
    int link;              /* nationality -> its country's entity id; -1 if none */
};

struct ex_speaker {
    int entity_id;       /* -1 when the speaker is not (or not linked to) an entity */
    struct ex_span text; /* the speaker as written: "RFE/RL correspondents", "he" */
};

struct ex_statement {
    int id;
    enum ex_statement_kind kind;
    struct ex_span cue; /* "said", "told", "according to"; may be absent */
    struct ex_speaker speaker;
    struct ex_span content; /* direct: the quoted words without marks; else reported clause */
    struct ex_span quote;   /* the (first) quotation inside the statement, without marks */
    struct ex_span span;    /* the whole statement, attribution included */
};

struct ex_article {
    const char *title; /* NUL-terminated arena strings; NULL when unknown */
    const char *author;
    const char *source;
    const char *url;
    const char *published_at; /* ISO 8601 date or date-time as given */
    const char *language;     /* "en" */
};

struct ex_arena;

struct ex_doc {
    struct ex_article article;
    const char *body;           /* normalized body text, NUL-terminated, arena */
    size_t body_len;            /* bytes */
    struct ex_span *paragraphs; /* body paragraphs, byline and footer excluded */
    size_t n_paragraphs;
    struct ex_entity *entities;
    size_t n_entities;
    struct ex_statement *statements;
    size_t n_statements;
    struct ex_arena *arena; /* owns everything above */
};

/* Names of the enum values as used in JSON and SQL ("person", "direct"). */
const char *ex_entity_kind_name(enum ex_entity_kind k);
const char *ex_statement_kind_name(enum ex_statement_kind k);
/* Parse a kind name; returns the kind or -1. */
int ex_entity_kind_parse(const char *name);
int ex_statement_kind_parse(const char *name);

#endif
