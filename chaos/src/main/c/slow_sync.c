/*
 * The slow-disk fault's library, preloaded into a node's JVM (and so its Python workers): every
 * fsync, fdatasync and sync_file_range of the process first sleeps for the delay, in milliseconds,
 * written as decimal text in the file named by SNAKEPIT_SLOW_SYNC_FILE (absent, empty or 0: none).
 *
 * Syncs only: the Raft log and RocksDB wait for them, so they are where a slow disk hurts. Plain
 * writes land in the page cache, and telling a file's write from a socket's would cost a system call
 * on every write.
 *
 * The JVM (FileChannel.force), the Raft log and RocksDB's JNI library all call these through libc,
 * which is what makes a preloaded definition theirs.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* The file is read again at most this often, so that a sync costs one clock read in between. */
#define REREAD_NANOS 100000000LL

static int64_t delay_millis;
static int64_t next_read_nanos;

static int64_t monotonic_nanos(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec;
}

static int64_t read_delay_millis(void) {
  const char *path = getenv("SNAKEPIT_SLOW_SYNC_FILE");
  if (path == NULL) {
    return 0;
  }
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return 0;
  }
  char text[32];
  ssize_t length = read(fd, text, sizeof text - 1);
  close(fd);
  if (length <= 0) {
    return 0;
  }
  text[length] = '\0';
  long long millis = strtoll(text, NULL, 10);
  return millis > 0 ? millis : 0;
}

/* Threads race to refresh the delay now and then; each stores a whole value, so any winner will do. */
static int64_t current_delay_millis(void) {
  int64_t now = monotonic_nanos();
  if (now >= __atomic_load_n(&next_read_nanos, __ATOMIC_RELAXED)) {
    __atomic_store_n(&next_read_nanos, now + REREAD_NANOS, __ATOMIC_RELAXED);
    __atomic_store_n(&delay_millis, read_delay_millis(), __ATOMIC_RELAXED);
  }
  return __atomic_load_n(&delay_millis, __ATOMIC_RELAXED);
}

static void wait_as_a_slow_disk(void) {
  int64_t millis = current_delay_millis();
  if (millis == 0) {
    return;
  }
  int saved_errno = errno;
  struct timespec left = {millis / 1000, (millis % 1000) * 1000000L};
  while (clock_nanosleep(CLOCK_MONOTONIC, 0, &left, &left) == EINTR) {
  }
  errno = saved_errno;
}

static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_sync_file_range)(int, off64_t, off64_t, unsigned int);

/* Found once, when the library loads, before any thread of the process can sync. */
__attribute__((constructor)) static void find_the_real_calls(void) {
  real_fsync = dlsym(RTLD_NEXT, "fsync");
  real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
  real_sync_file_range = dlsym(RTLD_NEXT, "sync_file_range");
}

int fsync(int fd) {
  wait_as_a_slow_disk();
  return real_fsync(fd);
}

int fdatasync(int fd) {
  wait_as_a_slow_disk();
  return real_fdatasync(fd);
}

int sync_file_range(int fd, off64_t offset, off64_t nbytes, unsigned int flags) {
  wait_as_a_slow_disk();
  return real_sync_file_range(fd, offset, nbytes, flags);
}
