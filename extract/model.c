/*
 * model.c: names of the model's enums (model.h), error messages and the code-unit arithmetic
 * the API needs at its edge: UTF-8 validation and byte-offset conversion.
 */
#include "extract.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const entity_kind_names[] = {
#define X(sym, name) name,
    EX_ENTITY_KINDS(X)
#undef X
};

static const char *const statement_kind_names[] = {
#define X(sym, name) name,
    EX_STATEMENT_KINDS(X)
#undef X
};

const char *ex_entity_kind_name(enum ex_entity_kind k)
{
    return (unsigned)k < EX_ENTITY_KIND_COUNT ? entity_kind_names[k] : "unknown";
}

const char *ex_statement_kind_name(enum ex_statement_kind k)
{
    return (unsigned)k < EX_STATEMENT_KIND_COUNT ? statement_kind_names[k] : "unknown";
}

static int parse_name(const char *const *names, int n, const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

int ex_entity_kind_parse(const char *name)
{
    return parse_name(entity_kind_names, EX_ENTITY_KIND_COUNT, name);
}

int ex_statement_kind_parse(const char *name)
{
    return parse_name(statement_kind_names, EX_STATEMENT_KIND_COUNT, name);
}

const char *ex_strerror(int code)
{
    switch (code) {
    case 0:
        return "success";
#define X(sym, val, msg)                                                                           \
    case sym:                                                                                      \
        return msg;
        EX_ERRORS(X)
#undef X
    }
    return "unknown error";
}

static const char *const unit_names[] = {"codepoint", "utf16", "utf8"};

int ex_unit_parse(const char *name)
{
    return parse_name(unit_names, 3, name);
}

const char *ex_unit_name(enum ex_unit unit)
{
    return (unsigned)unit < 3 ? unit_names[unit] : "codepoint";
}

size_t ex_offset_convert(const char *body, size_t byte_off, enum ex_unit unit)
{
    if (unit == EX_UNIT_UTF8) return byte_off;
    size_t n = 0;
    for (size_t i = 0; i < byte_off; i++) {
        unsigned char c = (unsigned char)body[i];
        if ((c & 0xC0) == 0x80) continue; /* continuation byte */
        n += (unit == EX_UNIT_UTF16 && c >= 0xF0) ? 2 : 1;
    }
    return n;
}

uint32_t *ex_offset_table(const char *body, size_t len, enum ex_unit unit)
{
    uint32_t *t = malloc((len + 1) * sizeof(*t));
    if (!t) return NULL;
    uint32_t u = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)body[i];
        if (unit != EX_UNIT_UTF8 && (c & 0xC0) == 0x80 && i > 0) { /* inside a character */
            t[i] = t[i - 1];
            continue;
        }
        t[i] = u;
        u += (unit == EX_UNIT_UTF16 && c >= 0xF0) ? 2 : 1; /* astral: a surrogate pair */
    }
    t[len] = u;
    return t;
}

/* Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF. */
int ex_validate_utf8(const char *buf, size_t len, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        /* news text is mostly ASCII: eight bytes at a time while none has its top bit set
         * and none is NUL */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ULL) ||
                ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
                break;
            i += 8;
        }
        if (i >= len) break;
        unsigned c = s[i];
        size_t n;
        unsigned min, cp;
        if (c == 0) goto nul;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 2, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 3, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 4, min = 0x10000, cp = c & 0x07;
        } else {
            goto bad;
        }
        if (len - i < n) goto bad;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto bad;
        i += n;
    }
    return 0;
bad:
    if (bad_offset) *bad_offset = i;
    return EX_EUTF8;
nul:
    if (bad_offset) *bad_offset = i;
    return EX_ENUL;
}
