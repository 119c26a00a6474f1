/*
 * sha256.h: SHA-256 (FIPS 180-4), for the article fingerprint that makes ingest idempotent.
 * A few dozen lines here spare the store a crypto library dependency.
 */
#ifndef NEWSGRAPH_STORE_SHA256_H
#define NEWSGRAPH_STORE_SHA256_H

#include <stddef.h>

/* Writes the digest of data[0..len) as 64 lowercase hex digits and a NUL into hex. */
void st__sha256_hex(const void *data, size_t len, char hex[65]);

#endif
