#include "decimal_text.h"
#include <stdio.h>

int downhill_fixed(char *out, unsigned long size, double x, int decimals) {
  return snprintf(out, size, "%.*f", decimals, x);
}
