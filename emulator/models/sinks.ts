import { createHash } from 'node:crypto';

/** One stored object. */
export interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: number;
}

export interface Bucket {
  readonly name: string;
  /** the account that owns it (OSS bucket names are global: one owner) */
  readonly owner: string;
  readonly objects: Map<string, StoredObject>;
}

/** One event a bus received, as PutEvents carried it. */
export interface BusEventRecord {
  readonly account: string;
  readonly bus: string;
  readonly receivedAt: number;
  readonly event: Record<string, unknown>;
}

/**
 * The places runs are delivered to: OSS buckets (names global, each owned by one account) and
 * EventBridge custom buses (per account), with the events each bus received. Created by the control
 * API or a test; `reset()` empties them.
 */
export class Sinks {
  readonly buckets = new Map<string, Bucket>();
  /** `<account>/<bus>` -> events received, in order */
  readonly buses = new Map<string, BusEventRecord[]>();

  createBucket(owner: string, name: string): Bucket {
    const existing = this.buckets.get(name);
    if (existing !== undefined) return existing;
    const bucket: Bucket = { name, owner, objects: new Map() };
    this.buckets.set(name, bucket);
    return bucket;
  }

  put(bucket: Bucket, key: string, body: Buffer, contentType: string, now: number): StoredObject {
    const etag = `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`;
    const stored = { body, contentType, etag, lastModified: now };
    bucket.objects.set(key, stored);
    return stored;
  }

  createBus(account: string, name: string): void {
    if (!this.buses.has(`${account}/${name}`)) this.buses.set(`${account}/${name}`, []);
  }

  busEvents(account: string, name: string): BusEventRecord[] | undefined {
    return this.buses.get(`${account}/${name}`);
  }

  reset(): void {
    this.buckets.clear();
    this.buses.clear();
  }
}
