import type { Requirement } from "./types.js";

/** The suite's own extensions of a target, not AWS rules: checked only on targets that declare them. */
export const HARNESS: Requirement[] = [
  {
    id: "CLOCK-CONTROL",
    level: "documented",
    scope: "harness",
    statement:
      'A target declared to have clock control answers GET and POST /__emulator/clock with {"now": ISO date, "offsetMs": number} and moves its service clock by exactly the advanceMs asked.',
    sources: ["project:clock-control"],
    exercisedOnlyWhen: "the target is run with --clock-control (the emulator's extension; AWS has no such route)",
  },
];
