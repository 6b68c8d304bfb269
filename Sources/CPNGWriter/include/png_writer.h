#ifndef DOWNHILL_PNG_WRITER_H
#define DOWNHILL_PNG_WRITER_H

#include <stddef.h>

/// Encodes 8-bit RGB (channels = 3) or straight-alpha RGBA (channels = 4) rows as PNG with
/// libpng at zlib `level`, trying only the Sub and Up row filters, with a `pHYs` chunk of
/// `pixels_per_metre` in both directions (none when 0). On success returns 0 and sets
/// `*out` (free with `downhill_png_free`) and `*out_length`; on failure returns -1 and writes
/// libpng's message into `error` (NUL-terminated, at most `error_capacity` bytes).
int downhill_png_encode(const unsigned char *pixels, int width, int height, int channels,
                        int level, unsigned pixels_per_metre, unsigned char **out, size_t *out_length, char *error,
                        size_t error_capacity);

void downhill_png_free(unsigned char *buffer);

#endif
