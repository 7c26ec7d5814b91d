// Work done as steps: a generator that yields between pieces, so that a server can run it in time slices.

/** Runs every step at once; the work's result. */
export function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
