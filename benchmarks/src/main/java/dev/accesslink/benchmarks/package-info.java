/**
 * The performance suite of the access-link library: each figure of {@code docs/performance.md}
 * measured against its floor (the least any implementation must do) in the same run.
 * Entry point: {@link dev.accesslink.benchmarks.PerformanceSuite}.
 */
@org.jspecify.annotations.NullMarked
package dev.accesslink.benchmarks;
