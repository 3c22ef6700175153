import type { EcsPort } from '../cloud/port';
import { toSgPairingError } from '../errors';
import { isLegacyMarker, type ActualState, type ReadTarget, type UnreadRecordedGroup } from '../plan';
import { chunk } from '../apply/chunk';
import { factKey, recordTagKey, type GroupType } from '../rules';

/**
 * The read side of the record (rules/recordTagKey) on a run that lists it: one listing per account and
 * value (all pages) of the groups carrying the tag with this deployment's value (`owned:<id>`, and the
 * legacy `owned` it claims: see docs/configuration.md "Deployment identity"), their types remembered, the process's memory of
 * tagged groups brought in line with it; then each recorded group no pairing reads is read like the
 * others, except that one which cannot be read (refused, gone) is reported and the account goes on.
 */
export class RecordReads {
  private readonly recorded: string[] = [];
  private readonly unread: UnreadRecordedGroup[] = [];
  private readonly values = new Map<string, string>();

  constructor(
    private readonly key: string,
    /** the values listed: this deployment's, then the legacy one it claims (when it has an id) */
    private readonly listedValues: readonly string[],
    private readonly region: string,
    private readonly types: Map<string, GroupType>,
    private readonly tagged: Set<string> | undefined,
  ) {}

  /** The account's groups carrying the tag, as read targets. */
  async list(ecs: EcsPort, accountId: string, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<ReadTarget[]> {
    const listings = await Promise.all(
      this.listedValues.map(async (value) => ({
        value,
        groups: await call(() => ecs.listTaggedGroups(this.key, value)),
      })),
    );
    for (const key of [...(this.tagged ?? [])]) if (key.startsWith(`${accountId}/`)) this.tagged?.delete(key);
    const listed = listings.flatMap(({ value, groups }) => groups.map((g) => ({ ...g, value })));
    return listed.map((g) => {
      const key = factKey(accountId, g.groupId);
      this.values.set(key, g.value);
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
  state(): Pick<ActualState, 'recordedGroups' | 'unreadRecordedGroups' | 'recordValues'> {
    const byKey = (a: UnreadRecordedGroup, b: UnreadRecordedGroup) =>
      factKey(a.accountId, a.groupId) < factKey(b.accountId, b.groupId) ? -1 : 1;
    return {
      recordedGroups: [...this.recorded].sort(),
      ...(this.values.size === 0 ? {} : { recordValues: Object.fromEntries([...this.values].sort()) }),
      ...(this.unread.length === 0 ? {} : { unreadRecordedGroups: [...this.unread].sort(byKey) }),
    };
  }
}

/**
 * A deployment with an id keeps a legacy-marked rule (`sg-pairing:<name>:<pairing>`) only where no other
 * deployment holds the group, which the group's record tag says: so the groups read that hold such a rule
 * and whose value no listing gave have their tags read (DescribeSecurityGroups by id, 100 a call). None
 * is left once the migration has claimed them, so a steady run makes no such call. '' stands for no tag.
 */
export async function readLegacyHolders(
  ecs: EcsPort,
  accountId: string,
  deployment: { name: string; deploymentId?: string },
  state: Pick<ActualState, 'groups' | 'recordValues'>,
  call: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<Record<string, string>> {
  if (deployment.deploymentId === undefined) return {};
  const ids = Object.values(state.groups)
    .filter((g) => g !== undefined && g.accountId === accountId)
    .filter((g) => state.recordValues?.[factKey(accountId, g!.groupId)] === undefined)
    .filter((g) => g!.rules.some((r) => isLegacyMarker(r, deployment)))
    .map((g) => g!.groupId)
    .sort();
  const out: Record<string, string> = {};
  for (const batch of chunk(ids, 100)) {
    const found = await call(() => ecs.describeGroups(batch));
    for (const id of batch) out[factKey(accountId, id)] = '';
    for (const g of found) out[factKey(accountId, g.groupId)] = g.tags?.[recordTagKey(deployment.name)] ?? '';
  }
  return out;
}
