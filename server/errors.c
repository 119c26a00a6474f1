/*
 * errors.c: the server's error table turned into messages, HTTP statuses and RFC 9457
 * problem+json bodies. Every 4xx/5xx the server sends goes through srv__problem, so they all
 * share one shape: {type, title, status, detail[, offset]}.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct error_row {
    int code, status;
    const char *msg;
};

static const struct error_row rows[] = {
#define X(sym, val, status, msg) {val, status, msg},
    SRV_ERRORS(X)
#undef X
};

static const struct error_row *find(int code)
{
    for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++)
        if (rows[i].code == code) return &rows[i];
    return NULL;
}

const char *srv_strerror(int code)
{
    const struct error_row *r = find(code);
    return code == 0 ? "ok" : r ? r->msg : "unknown server error";
}

int srv_error_status(int code)
{
    const struct error_row *r = find(code);
    return r ? r->status : 500;
}

/* The problem type's last path segment, per status (docs/api-shapes.md). */
static const char *slug(int status)
{
    switch (status) {
    case 400:
        return "bad-request";
    case 401:
        return "unauthorized";
    case 404:
        return "not-found";
    case 405:
        return "method-not-allowed";
    case 413:
        return "payload-too-large";
    case 409:
        return "conflict";
    case 415:
        return "unsupported-media-type";
    case 422:
        return "unprocessable-article";
    case 503:
        return "unavailable";
    default:
        return "internal";
    }
}

void srv__problem(struct srv_resp *rs, int code)
{
    int status = srv_error_status(code);
    char type[96];
    strcpy(type, "https://newsgraph.dev/problems/");
    strcat(type, slug(status));
    json_t *p =
        json_pack("{s:s, s:s, s:i, s:s}", "type", type, "title", srv_strerror(code), "status",
                  status, "detail", rs->detail[0] ? rs->detail : srv_strerror(code));
    if (p && rs->offset >= 0) json_object_set_new(p, "offset", json_integer(rs->offset));
    char *body = p ? json_dumps(p, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(p);
    if (rs->free_body) free(rs->body);
    rs->status = status;
    rs->content_type = "application/problem+json";
    rs->body = body ? body : (char *)"{\"status\":500}";
    rs->free_body = body != NULL;
    rs->len = strlen(rs->body);
}
