// sched_getcpu and the affinity calls need _GNU_SOURCE, which Swift's Glibc module lacks.
#define _GNU_SOURCE
#include "thread_placement.h"

#ifdef __linux__
#include <sched.h>
#include <sys/prctl.h>

void downhill_set_timer_slack(unsigned long nanoseconds) {
  prctl(PR_SET_TIMERSLACK, nanoseconds, 0, 0, 0);
}

int downhill_current_cpu(void) { return sched_getcpu(); }

int downhill_avoid_cpu(int cpu, void *saved) {
  cpu_set_t *allowed = saved;
  if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof *allowed, allowed) != 0)
    return 0;
  cpu_set_t others = *allowed;
  CPU_CLR(cpu, &others);
  if (CPU_COUNT(&others) == 0) return 0;
  return sched_setaffinity(0, sizeof others, &others) == 0;
}

void downhill_restore_affinity(const void *saved) {
  sched_setaffinity(0, sizeof(cpu_set_t), (const cpu_set_t *)saved);
}

unsigned long downhill_affinity_bytes(void) { return sizeof(cpu_set_t); }
#else
void downhill_set_timer_slack(unsigned long nanoseconds) { (void)nanoseconds; }
int downhill_current_cpu(void) { return -1; }
int downhill_avoid_cpu(int cpu, void *saved) { (void)cpu; (void)saved; return 0; }
void downhill_restore_affinity(const void *saved) { (void)saved; }
unsigned long downhill_affinity_bytes(void) { return 1; }
#endif
