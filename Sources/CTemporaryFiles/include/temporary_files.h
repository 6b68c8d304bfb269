#ifndef DOWNHILL_TEMPORARY_FILES_H
#define DOWNHILL_TEMPORARY_FILES_H

/// Temporary files that SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXCPU or SIGXFSZ must not
/// leave behind.

/// Registers `path`; returns its slot, or -1 when the table is full (then it is not covered).
/// The first call installs the handlers, for signals whose disposition is still the default.
int downhill_temporary_add(const char *path);

/// Forgets the file in `slot` (after it was renamed into place or deleted); -1 does nothing.
void downhill_temporary_remove(int slot);

/// Whether `path` is registered (for the tests).
int downhill_temporary_is_registered(const char *path);

#endif
