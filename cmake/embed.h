/*
 * embed.h: the shape of data files compiled into the binary by cmake/embed.cmake (SQL
 * migrations, lexicons, the OpenAPI spec, the web front end). Each generated table ends
 * with an entry whose name is NULL. data is NUL-terminated; len excludes that NUL.
 */
#ifndef NEWSGRAPH_EMBED_H
#define NEWSGRAPH_EMBED_H

#include <stddef.h>

struct embed_file {
    const char *name; /* path relative to the embedded folder, e.g. "0001_init.sql" */
    const char *data;
    size_t len;
};

#endif
