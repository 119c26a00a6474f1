/*
 * extract.h: the contract of libextract: article text in, an ex_doc (model.h) out.
 *
 * libextract does no I/O, knows no SQL, JSON-over-HTTP or sockets; it is a pure function of
 * its input, safe to call from many threads at once (each call owns its document; the
 * lexicons are read-only data compiled into the library). Any byte sequence given to it
 * yields either a document or an error code with the byte offset of the problem; it never
 * crashes and never reads past the length it was given.
 *
 * The input comes in one of two shapes:
 *  - raw text (text/plain), the shape of a newswire page: first line the title, an optional
 *    byline line, body paragraphs separated by blank lines, an optional copyright/reprint
 *    footer. ex_extract_text() finds that layout itself.
 *  - explicit fields (JSON input): ex_extract() with title/body/... already separated.
 * In both, the stored body is the normalized text after the title (line ends made "\n",
 * invalid UTF-8 rejected, otherwise unchanged), and every offset points into it.
 */
#ifndef NEWSGRAPH_EXTRACT_EXTRACT_H
#define NEWSGRAPH_EXTRACT_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Error codes: 0 is success; every failure is one of these negative values. */
#define EX_ERRORS(X)                                                                               \
    X(EX_EINVAL, -1, "invalid argument")                                                           \
    X(EX_ENOMEM, -2, "out of memory")                                                              \
    X(EX_EUTF8, -3, "invalid UTF-8")                                                               \
    X(EX_EEMPTY, -4, "article body is empty")                                                      \
    X(EX_ETOOBIG, -5, "article is too large")                                                      \
    X(EX_ENUL, -6, "article contains a NUL byte")

enum ex_error_code {
#define X(sym, val, msg) sym = val,
    EX_ERRORS(X)
#undef X
};

/* Message for an error code ("invalid UTF-8"); static storage, never NULL. */
const char *ex_strerror(int code);

/* Where extraction failed: the code and, for EX_EUTF8/EX_ENUL, the byte offset in the input
 * buffer that was passed in (not in the normalized body). */
struct ex_error {
    int code;
    size_t offset;
};

/* Explicit article fields. Every pointer is borrowed for the duration of the call and may be
 * NULL except body. Lengths are in bytes; the strings need not be NUL-terminated. */
struct ex_input {
    const char *title;
    size_t title_len;
    const char *body;
    size_t body_len;
    const char *author;
    size_t author_len;
    const char *source;
    size_t source_len;
    const char *url;
    size_t url_len;
    const char *published_at; /* ISO 8601; its year anchors dates such as "January 7" */
    size_t published_at_len;
};

/* Largest input accepted, in bytes (64 MiB); larger gives EX_ETOOBIG. */
#define EX_MAX_INPUT ((size_t)64 << 20)

/* Extract from explicit fields. On success returns 0 and sets *out to a new document that
 * the caller owns and frees with ex_doc_free(). On failure returns a negative EX_* code,
 * fills *err when err is not NULL, and leaves *out NULL. */
int ex_extract(const struct ex_input *in, struct ex_doc **out, struct ex_error *err);

/* Extract from a raw text article (title line, byline, paragraphs, footer): finds the layout,
 * then as ex_extract(). published_at may be NULL. Same ownership as ex_extract(). */
int ex_extract_text(const char *text, size_t len, const char *published_at, struct ex_doc **out,
                    struct ex_error *err);

/* Frees a document and everything in it. NULL-safe. */
void ex_doc_free(struct ex_doc *doc);

/* Offset units the API can report. */
enum ex_unit {
    EX_UNIT_CODEPOINT = 0, /* the default */
    EX_UNIT_UTF16,
    EX_UNIT_UTF8
};

/* "codepoint", "utf16", "utf8" -> unit, or -1. */
int ex_unit_parse(const char *name);
const char *ex_unit_name(enum ex_unit unit);

/* Converts a byte offset into body (valid UTF-8 of body_len bytes; byte_off <= body_len and
 * on a character boundary) to the given unit. O(byte_off). */
size_t ex_offset_convert(const char *body, size_t byte_off, enum ex_unit unit);

/* The same conversion for every byte position of body[0..len] at once, in one pass: returns
 * a malloc'd array of len + 1 offsets in unit (a position inside a character maps to the
 * character's start) that the caller frees, or NULL when allocation fails. For rendering or
 * storing many spans without rescanning the body per span. */
uint32_t *ex_offset_table(const char *body, size_t len, enum ex_unit unit);

/* Checks that buf is valid UTF-8 without NUL bytes. Returns 0, or EX_EUTF8/EX_ENUL with the
 * offending byte offset in *bad_offset. Shared by the server's input validation. */
int ex_validate_utf8(const char *buf, size_t len, size_t *bad_offset);

#endif
