#ifndef DOWNHILL_THREAD_PLACEMENT_H
#define DOWNHILL_THREAD_PLACEMENT_H

/// The CPU the calling thread runs on, or -1 if unknown.
int downhill_current_cpu(void);

/// Keeps the calling thread off `cpu` if the thread may run on another, saving its affinity in
/// `saved` (opaque, `downhill_affinity_bytes()` long). Returns 1 if it changed the affinity.
int downhill_avoid_cpu(int cpu, void *saved);

/// Restores an affinity `downhill_avoid_cpu` saved.
void downhill_restore_affinity(const void *saved);

/// Sets the calling thread's timer slack (how late a sleep may end) to `nanoseconds`; 0 restores
/// the default (50 µs).
void downhill_set_timer_slack(unsigned long nanoseconds);

/// The size of a saved affinity.
unsigned long downhill_affinity_bytes(void);

#endif
