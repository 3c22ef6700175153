/**
 * What one instance of the HTTP face runs at a time (an FC instance, or `sg-pairing serve`): one
 * full reconcile (every pairing, applied), and at most `maxVerify` verifications. Beyond, a request
 * is answered at once (409 / 429) rather than queued, so a caller never waits out a timeout behind
 * another caller's run. State lives in the process; nothing here does I/O.
 */
export const MAX_CONCURRENT_VERIFY = 2;

/** A counting gate: `tryEnter` returns the release function, or undefined when full. */
export interface Gate {
  tryEnter(): (() => void) | undefined;
  readonly inUse: number;
}

export function createGate(capacity: number): Gate {
  let inUse = 0;
  return {
    tryEnter() {
      if (inUse >= capacity) return undefined;
      inUse += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse -= 1;
      };
    },
    get inUse() {
      return inUse;
    },
  };
}

export interface InstanceLimits {
  readonly fullReconcile: Gate;
  readonly verify: Gate;
}

export function createInstanceLimits(options: { maxVerify?: number } = {}): InstanceLimits {
  return { fullReconcile: createGate(1), verify: createGate(options.maxVerify ?? MAX_CONCURRENT_VERIFY) };
}

/** Runs `work` inside the gate; `busy` answers when the gate is full. */
export async function withinGate<T>(gate: Gate, busy: () => T, work: () => Promise<T>): Promise<T> {
  const release = gate.tryEnter();
  if (!release) return busy();
  try {
    return await work();
  } finally {
    release();
  }
}
