/** A held group of calls: `reached` resolves once all of them are waiting; `release()` lets them go on. */
export interface CallGate {
  readonly reached: Promise<void>;
  release(): void;
}

interface Gate {
  action: string;
  /** calls still to catch */
  remaining: number;
  /** calls still to arrive before `reached` resolves */
  pending: number;
  arrived: () => void;
  opened: Promise<void>;
  open: () => void;
}

/**
 * A test hook for interleaving runs deterministically, without sleeps: `hold(action, count)` makes
 * the next `count` calls of that action wait (after authentication and RAM, before faults and the
 * handler) until the test releases them. In-process only, like the `handlers` option: no control
 * API, no scenario field. `releaseAll()` (reset, close) lets every held call go on.
 */
export class CallGates {
  private gates: Gate[] = [];

  hold(action: string, count = 1): CallGate {
    let arrived!: () => void;
    let open!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const opened = new Promise<void>((resolve) => (open = resolve));
    const gate: Gate = { action, remaining: count, pending: count, arrived, opened, open };
    this.gates.push(gate);
    return { reached, release: () => this.drop(gate) };
  }

  /** Waits while a gate holds this call; a call no gate wants passes at once. */
  async pass(action: string): Promise<void> {
    const gate = this.gates.find((g) => g.action === action && g.remaining > 0);
    if (!gate) return;
    gate.remaining -= 1;
    gate.pending -= 1;
    if (gate.pending === 0) gate.arrived();
    await gate.opened;
  }

  releaseAll(): void {
    for (const gate of [...this.gates]) this.drop(gate);
  }

  private drop(gate: Gate): void {
    gate.open();
    this.gates = this.gates.filter((g) => g !== gate);
  }
}
