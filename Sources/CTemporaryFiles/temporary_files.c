// Temporary files and folders deleted when a signal ends the process (SIGKILL cannot be caught:
// the next writer deletes what it leaves, see AtomicFiles' TemporaryName). A streamed history is
// written into a hidden temporary folder until it is saved: Ctrl-C in a long MNIST run must not
// leave hundreds of megabytes behind. The handler only reads the table and makes system calls
// (async-signal-safe), then lets the signal end the process as it would have.
#define _GNU_SOURCE  // struct dirent64
#include "temporary_files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

// Slots for the temporaries alive at once (a history folder counts as one, whatever it holds).
enum { SLOTS = 256 };

// A slot's path is written before the slot is marked in use, and the handler reads only slots
// in use.
static char paths[SLOTS][PATH_MAX];
static atomic_int in_use[SLOTS];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int installed;

// A folder, its entries by getdents64 (opendir may allocate), subfolders `depth` levels down,
// then the folder itself.
static void remove_folder_at(int parent, const char *path, int depth) {
  int fd = openat(parent, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  char buffer[4096];
  long n;
  while ((n = syscall(SYS_getdents64, fd, buffer, sizeof buffer)) > 0) {
    for (long at = 0; at < n;) {
      struct dirent64 *entry = (struct dirent64 *)(buffer + at);
      const char *name = entry->d_name;
      if (!(name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) &&
          unlinkat(fd, name, 0) != 0 && errno == EISDIR && depth > 0)
        remove_folder_at(fd, name, depth - 1);
      at += entry->d_reclen;
    }
  }
  close(fd);
  unlinkat(parent, path, AT_REMOVEDIR);
}

// A folder is renamed before it is emptied: another thread still writing into it by its path
// (the signal may run on any thread) then fails instead of adding files behind the handler.
static void remove_folder(const char *path) {
  static const char suffix[] = ".gone";
  char moved[PATH_MAX];
  size_t length = strlen(path);
  if (length + sizeof suffix <= sizeof moved) {
    memcpy(moved, path, length);
    memcpy(moved + length, suffix, sizeof suffix);
    if (rename(path, moved) == 0) path = moved;
  }
  remove_folder_at(AT_FDCWD, path, 4);
}

static void on_signal(int signal_number) {
  for (int i = 0; i < SLOTS; i++)
    if (atomic_load(&in_use[i]) && unlink(paths[i]) != 0 && errno == EISDIR)
      remove_folder(paths[i]);
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

// The signals that end a process by default and that a user or a pipeline sends: Ctrl-C, kill,
// a closed terminal, Ctrl-backslash, a reader that went away (`| head`), CPU and file size limits.
// Only where nobody chose a disposition: an application embedding Downhill keeps its own
// handlers, and a process started with SIGINT ignored (nohup, `&` in some shells) keeps
// ignoring it.
static void install(void) {
  const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXCPU, SIGXFSZ};
  for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
    struct sigaction current;
    if (sigaction(signals[i], NULL, &current) != 0 || current.sa_handler != SIG_DFL) continue;
    struct sigaction handler;
    memset(&handler, 0, sizeof handler);
    handler.sa_handler = on_signal;
    sigemptyset(&handler.sa_mask);
    sigaction(signals[i], &handler, NULL);
  }
}

int downhill_temporary_add(const char *path) {
  if (strlen(path) >= PATH_MAX) return -1;
  pthread_mutex_lock(&table_lock);
  if (!installed) {
    install();
    installed = 1;
  }
  int slot = -1;
  for (int i = 0; i < SLOTS && slot < 0; i++) {
    if (atomic_load(&in_use[i])) continue;
    strcpy(paths[i], path);
    atomic_store(&in_use[i], 1);
    slot = i;
  }
  pthread_mutex_unlock(&table_lock);
  return slot;
}

void downhill_temporary_remove(int slot) {
  if (slot >= 0 && slot < SLOTS) atomic_store(&in_use[slot], 0);
}

int downhill_temporary_is_registered(const char *path) {
  int found = 0;
  pthread_mutex_lock(&table_lock);
  for (int i = 0; i < SLOTS && !found; i++)
    found = atomic_load(&in_use[i]) && strcmp(paths[i], path) == 0;
  pthread_mutex_unlock(&table_lock);
  return found;
}
