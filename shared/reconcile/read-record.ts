import type { EcsPort } from '../cloud/port';
import { toSgPairingError } from '../errors';
import type { ActualState, ReadTarget, UnreadRecordedGroup } from '../plan';
import { factKey, RECORD_TAG_VALUE, type GroupType } from '../rules';

/**
 * The read side of the record (rules/recordTagKey) on a run that lists it: one listing per account
 * (all pages) of the groups carrying the tag with its value (`owned`), their types remembered, the process's memory of
 * tagged groups brought in line with it; then each recorded group no pairing reads is read like the
 * others, except that one which cannot be read (refused, gone) is reported and the account goes on.
 */
export class RecordReads {
  private readonly recorded: string[] = [];
  private readonly unread: UnreadRecordedGroup[] = [];

  constructor(
    private readonly key: string,
    private readonly region: string,
    private readonly types: Map<string, GroupType>,
    private readonly tagged: Set<string> | undefined,
  ) {}

  /** The account's groups carrying the tag, as read targets. */
  async list(ecs: EcsPort, accountId: string, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<ReadTarget[]> {
    const listed = await call(() => ecs.listTaggedGroups(this.key, RECORD_TAG_VALUE));
    for (const key of [...(this.tagged ?? [])]) if (key.startsWith(`${accountId}/`)) this.tagged?.delete(key);
    return listed.map((g) => {
      const key = factKey(accountId, g.groupId);
      this.types.set(key, g.type);
      this.tagged?.add(key);
      this.recorded.push(key);
      return { key, accountId, id: g.groupId, region: this.region };
    });
  }

  /** Reads one recorded group through `read` (a group gone since the listing is simply absent); a failure is kept, not thrown. */
  async read(target: ReadTarget, read: () => Promise<void>): Promise<void> {
    try {
      await read();
    } catch (err) {
      const e = toSgPairingError(err, { account: target.accountId, group: target.id });
      this.unread.push({ accountId: target.accountId, groupId: target.id, code: e.code, message: e.message });
    }
  }

  /** What the plan learns from the listing. */
  state(): Pick<ActualState, 'recordedGroups' | 'unreadRecordedGroups'> {
    const byKey = (a: UnreadRecordedGroup, b: UnreadRecordedGroup) =>
      factKey(a.accountId, a.groupId) < factKey(b.accountId, b.groupId) ? -1 : 1;
    return {
      recordedGroups: [...this.recorded].sort(),
      ...(this.unread.length === 0 ? {} : { unreadRecordedGroups: [...this.unread].sort(byKey) }),
    };
  }
}
