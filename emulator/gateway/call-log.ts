/** Every API call the emulator answered, for tests, benches and `GET /_emulator/calls`. */
export interface CallRecord {
  requestId: string;
  action: string;
  /** the account the call acted in ('' when authentication failed) */
  account: string;
  accessKeyId: string;
  /** the operation's parameters (signature parameters left out) */
  params: Record<string, string>;
  /** HTTP status answered; 0 when the call was left hanging (timeout fault) */
  status: number;
  /** error code, '' on success */
  code: string;
  durationMs: number;
  /** epoch ms on the emulator's clock */
  time: number;
}

/** A bounded log: the oldest records are dropped past `limit`, and counted. */
export class CallLog {
  private buffer: CallRecord[] = [];
  dropped = 0;

  constructor(readonly limit = 50_000) {}

  record(r: CallRecord): void {
    this.buffer.push(r);
    if (this.buffer.length > this.limit * 1.25) {
      const excess = this.buffer.length - this.limit;
      this.buffer = this.buffer.slice(excess);
      this.dropped += excess;
    }
  }

  /** The kept records, oldest first (at most `limit`). */
  get records(): CallRecord[] {
    if (this.buffer.length > this.limit) {
      this.dropped += this.buffer.length - this.limit;
      this.buffer = this.buffer.slice(this.buffer.length - this.limit);
    }
    return this.buffer;
  }

  /** Records matching a filter, e.g. `{ action: 'AuthorizeSecurityGroup', code: '' }`. */
  find(filter: Partial<Pick<CallRecord, 'action' | 'account' | 'code' | 'status'>>): CallRecord[] {
    return this.records.filter((r) => Object.entries(filter).every(([k, v]) => r[k as keyof CallRecord] === v));
  }

  clear(): void {
    this.buffer = [];
    this.dropped = 0;
  }
}
