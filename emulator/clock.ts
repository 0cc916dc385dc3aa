/**
 * The service clock the model sees (lock creation and 24-hour expiry). Wall-clock time plus an offset
 * that tests can move. Signature timestamps and the `Date` response header always use the wall clock,
 * so moving this clock never makes SDK requests look skewed.
 */
export interface ServiceClock {
  /** Current service time, epoch ms. */
  now(): number;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  /** Sets the clock to `epochMs`; it keeps running from there. */
  set(epochMs: number): void;
  /** Milliseconds the service clock is ahead of the wall clock. */
  offset(): number;
}

/** A clock starting at the wall-clock time, or at `start` when given. */
export function createClock(start?: number, wallClock: () => number = Date.now): ServiceClock {
  let offset = start === undefined ? 0 : start - wallClock();
  return {
    now: () => wallClock() + offset,
    advance: (ms) => {
      offset += ms;
    },
    set: (epochMs) => {
      offset = epochMs - wallClock();
    },
    offset: () => offset,
  };
}
