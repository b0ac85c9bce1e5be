package dev.accesslink.mqtt.simulator;


/** How a {@link SimulatedLock} answers unlock commands. */
public enum LockBehaviour {
  /** Executes the command and confirms it (status {@code unlocked}, or {@code opened} for OPEN). */
  OPENS,
  /** Does not open and answers {@code jammed} (state {@code JAMMED} for state-only profiles). */
  JAMS,
  /** Does not open and answers {@code refused} (state {@code LOCKED} for state-only profiles). */
  REFUSES,
  /** Receives the command and never answers (a hung lock): the controller times out. */
  SILENT
}
