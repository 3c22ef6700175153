/** STUB — to be completed: every API call the emulator answered, for tests and benches. */
export interface CallRecord {
  action: string;
  account: string;
  params: Record<string, string>;
  status: number;
  code: string;
  durationMs: number;
  time: number;
}

export class CallLog {
  readonly records: CallRecord[] = [];
  record(r: CallRecord): void {
    this.records.push(r);
  }
  clear(): void {
    this.records.length = 0;
  }
}
