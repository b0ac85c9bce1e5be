package dev.accesslink.email;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The adapter's background timers. Not API. */
final class DaemonTimer {
  private DaemonTimer() {}

  /**
   * A scheduler of one daemon thread named {@code name}, started by the first task and ended a
   * minute after the last; a cancelled task leaves nothing behind.
   */
  static ScheduledThreadPoolExecutor named(String name) {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(1, TimeUnit.MINUTES);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }
}
