#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants of FIPS 180-4 §4.2.2, shared with the portable Swift code.
const uint32_t *csha256_round_constants(void);

/// Whether this CPU has the x86 SHA extensions (and the SSE levels the code below needs).
int csha256_hardware_available(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (eight words, FIPS 180-4 order) with the SHA
/// extensions. Call only when `csha256_hardware_available()` says so.
void csha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
