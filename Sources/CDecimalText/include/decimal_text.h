#ifndef DOWNHILL_DECIMAL_TEXT_H
#define DOWNHILL_DECIMAL_TEXT_H

/// printf's "%.*f" of `x` into `out` (`size` bytes, NUL-terminated); returns the length it
/// needed (as snprintf). What `String(format:)` gives, without linking all of Foundation (and
/// ICU's data) into the command-line tool for it.
int downhill_fixed(char *out, unsigned long size, double x, int decimals);

#endif
