/*
 * server.h: the contract of the HTTP layer.
 *
 * srv_start() runs libmicrohttpd with an internal epoll thread pool over a store handle; the
 * dispatcher (server/dispatch.c) is the only code that talks to libmicrohttpd: it collects
 * the body (capped: 413, never truncated), routes, calls a handler, and queues the rendered
 * response. Handlers (server/routes_*.c) validate input, call the store, render a JSON view;
 * they know neither SQL nor libmicrohttpd.
 *
 * The same views render the extraction result for `newsgraph extract` (srv_render_doc).
 */
#ifndef NEWSGRAPH_SERVER_SERVER_H
#define NEWSGRAPH_SERVER_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"
#include "store/store.h"

#define SRV_ERRORS(X)                                                                              \
    X(SRV_EINVAL, -1, 500, "invalid argument")                                                     \
    X(SRV_ENOMEM, -2, 500, "out of memory")                                                        \
    X(SRV_ELISTEN, -3, 500, "cannot listen on the given address")                                  \
    X(SRV_EBADREQ, -4, 400, "bad request")                                                         \
    X(SRV_ENOTFOUND, -5, 404, "not found")                                                         \
    X(SRV_EMETHOD, -6, 405, "method not allowed")                                                  \
    X(SRV_ETOOBIG, -7, 413, "request body too large")                                              \
    X(SRV_EMEDIA, -8, 415, "unsupported media type")                                               \
    X(SRV_EUNPROC, -9, 422, "unprocessable article")                                               \
    X(SRV_EAUTH, -10, 401, "missing or wrong API key")                                             \
    X(SRV_EUNAVAIL, -11, 503, "service unavailable")                                               \
    X(SRV_EINTERNAL, -12, 500, "internal error")                                                   \
    X(SRV_ECONFLICT, -13, 409, "conflict")                                                         \
    X(SRV_EBACKLOG, -14, 503, "too many articles waiting to be stored")

enum srv_error_code {
#define X(sym, val, status, msg) sym = val,
    SRV_ERRORS(X)
#undef X
};

const char *srv_strerror(int code);
/* HTTP status of an error code (500 for unknown codes). */
int srv_error_status(int code);

struct srv_config {
    const char *host;         /* listen address; default "127.0.0.1" ("0.0.0.0" in docker) */
    uint16_t port;            /* 0 = pick a free port (see srv_port) */
    unsigned threads;         /* 0 = number of cores */
    const char *api_key;      /* NULL = writes are open (a warning is logged) */
    const char *read_key;     /* NULL = reads open; else GETs of /v1/ need it or api_key */
    const char *cors_origin;  /* NULL = no CORS headers */
    size_t max_body;          /* bytes; 0 = 1 MiB */
    int quiet;                /* no access log */
    unsigned timeout_s;       /* a connection idle or slower than this is dropped; 0 = 30 s */
    unsigned max_connections; /* concurrent connections; 0 = 1024 */
    /* articles being extracted or waiting for their commit, over every POST /v1/articles
     * and batch; past it POST /v1/articles is a 503 and batch lines wait. 0 = 512 */
    unsigned ingest_backlog;
};

struct srv;

/* Starts serving db (borrowed; must outlive the server). Returns 0 and a handle in *out, or a
 * negative SRV_* code. */
int srv_start(const struct srv_config *cfg, struct st_db *db, struct srv **out);
/* The port actually bound. */
uint16_t srv_port(const struct srv *s);
/* Stops accepting, lets in-flight requests finish, frees the handle. NULL-safe. */
void srv_stop(struct srv *s);

/* Starts, then blocks until SIGINT or SIGTERM, then stops. Returns 0 or a negative code. */
int srv_run(const struct srv_config *cfg, struct st_db *db);

/* Renders an extraction result as the JSON of DESIGN.md ("Extraction result"), offsets in
 * unit. Returns a malloc'd NUL-terminated string the caller frees, or NULL on failure. */
char *srv_render_doc(const struct ex_doc *doc, enum ex_unit unit, int pretty);

#endif
