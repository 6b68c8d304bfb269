// libpng reports errors by longjmp, which Swift cannot catch; this shim keeps the setjmp and
// every libpng call in C and hands Swift a plain status code.
#include "png_writer.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  unsigned char *data;
  size_t length;
  size_t capacity;
  int failed;
} Buffer;

typedef struct {
  char *message;
  size_t capacity;
} ErrorSink;

static void write_bytes(png_structp png, png_bytep bytes, png_size_t count) {
  Buffer *b = (Buffer *)png_get_io_ptr(png);
  if (b->failed) return;
  if (b->length + count > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 65536;
    while (capacity < b->length + count) capacity *= 2;
    unsigned char *grown = realloc(b->data, capacity);
    if (!grown) {
      b->failed = 1;
      png_error(png, "out of memory");
    }
    b->data = grown;
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, bytes, count);
  b->length += count;
}

static void flush_bytes(png_structp png) { (void)png; }

static void on_error(png_structp png, png_const_charp message) {
  ErrorSink *sink = (ErrorSink *)png_get_error_ptr(png);
  if (sink && sink->capacity) {
    strncpy(sink->message, message, sink->capacity - 1);
    sink->message[sink->capacity - 1] = 0;
  }
  png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
  (void)png;
  (void)message;
}

int downhill_png_encode(const unsigned char *pixels, int width, int height, int channels,
                        int level, unsigned pixels_per_metre, unsigned char **out, size_t *out_length, char *error,
                        size_t error_capacity) {
  ErrorSink sink = {error, error_capacity};
  if (error_capacity) error[0] = 0;
  if (width <= 0 || height <= 0 || (channels != 3 && channels != 4)) {
    if (error_capacity) strncpy(error, "bad image size or channel count", error_capacity - 1);
    return -1;
  }
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
  if (!png) return -1;
  png_infop info = png_create_info_struct(png);
  Buffer buffer = {0, 0, 0, 0};
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, info ? &info : NULL);
    free(buffer.data);
    return -1;
  }
  png_set_write_fn(png, &buffer, write_bytes, flush_bytes);
  png_set_compression_level(png, level);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB | PNG_FILTER_UP);
  png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
               channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  if (pixels_per_metre)
    png_set_pHYs(png, info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
  png_write_info(png, info);
  size_t stride = (size_t)width * (size_t)channels;
  for (int y = 0; y < height; y++) png_write_row(png, (png_const_bytep)(pixels + stride * (size_t)y));
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  *out = buffer.data;
  *out_length = buffer.length;
  return 0;
}

void downhill_png_free(unsigned char *buffer) { free(buffer); }
