import type { EcsPort, PermissionSpec } from '../cloud/port';
import { withRetry, type RetryPolicy } from '../cloud/retry';
import { toSgPairingError } from '../errors';
import type { Logger } from '../log';
import { canonicalizeEgressRule, canonicalizeRule, ruleKey, type CanonicalRule } from '../rules';
import { chunk } from './chunk';
import { clientToken } from './client-token';
import { isRuleIdGone, ruleIdsStillPresent } from './rule-ids-gone';
import { toPermission } from './to-permission';

export interface RuleChange {
  rule: CanonicalRule;
  pairing: string;
}

/** The writes one group needs: what the plan says, nothing more. */
export interface GroupChanges {
  accountId: string;
  groupId: string;
  add: RuleChange[];
  revoke?: RuleChange[];
}

export interface ChangeResult {
  accountId: string;
  groupId: string;
  pairing: string;
  action: 'add' | 'revoke';
  rule: CanonicalRule;
  status: 'applied' | 'failed';
  code?: string;
  message?: string;
  /** for a failure: whether a later run may succeed */
  retryable?: boolean;
}

export interface ApplyDeps {
  /** ECS for an account, its calls paced per account; rejects when its role cannot be assumed */
  ecsFor(accountId: string): Promise<EcsPort>;
  runId: string;
  retry: RetryPolicy;
  log: Logger;
}

/**
 * Executes exactly the given changes: one request per group per 100 rules, groups in parallel (the
 * port paces each account), revocations before additions so a group near its quota has room. A rule
 * read from the cloud is revoked by its SecurityGroupRuleId, so exactly that rule goes whatever
 * else shares its fields. A failed group does not stop the others; each change gets its own result.
 */
export async function applyGroupChanges(groups: readonly GroupChanges[], deps: ApplyDeps): Promise<ChangeResult[]> {
  const perGroup = await Promise.all(groups.map((g) => applyOneGroup(g, deps)));
  return perGroup.flat();
}

async function applyOneGroup(group: GroupChanges, deps: ApplyDeps): Promise<ChangeResult[]> {
  const log = deps.log.child({ account: group.accountId, group: group.groupId });
  let ecs: EcsPort;
  try {
    ecs = await deps.ecsFor(group.accountId);
  } catch (err) {
    const e = toSgPairingError(err, { account: group.accountId });
    return [...results(group, 'add', group.add, e), ...results(group, 'revoke', group.revoke ?? [], e)];
  }
  const out: ChangeResult[] = [];
  for (const action of ['revoke', 'add'] as const) {
    const changes = action === 'add' ? group.add : (group.revoke ?? []);
    // ingress and egress rules go by different API actions: never in one batch
    const egress = changes.filter((c) => c.rule.direction === 'egress');
    const ingress = changes.filter((c) => c.rule.direction !== 'egress');
    for (const batch of [...chunk(ingress), ...chunk(egress)]) {
      try {
        const { alreadyGone } = await sendBatch(ecs, group, action, batch, deps);
        log.info(action === 'add' ? 'authorize' : 'revoke', {
          result: 'applied',
          rules: batch.length,
          pairings: unique(batch.map((c) => c.pairing)),
          ...(alreadyGone > 0 ? { alreadyGone } : {}),
        });
        out.push(...results(group, action, batch));
      } catch (err) {
        const e = toSgPairingError(err, { account: group.accountId, group: group.groupId });
        log.warn(action === 'add' ? 'authorize' : 'revoke', {
          result: 'failed',
          code: e.code,
          message: e.message,
          rules: batch.length,
        });
        out.push(...results(group, action, batch, e));
      }
    }
  }
  return out;
}

/**
 * One batch, retried. A revoke by rule ids that the cloud refuses because some ids are gone (an
 * overlapping run, or a person, revoked them between our read and this call) refuses the whole
 * call: the group is read again, once, and only the ids still there are sent (none left: done). A
 * second refusal is the batch's failure like any other. Answers how many of its rules were gone.
 */
async function sendBatch(
  ecs: EcsPort,
  group: GroupChanges,
  action: 'add' | 'revoke',
  batch: RuleChange[],
  deps: ApplyDeps,
): Promise<{ alreadyGone: number }> {
  const request = toRequest(action, batch);
  try {
    await send(ecs, group, action, batch, request, deps);
    return { alreadyGone: 0 };
  } catch (err) {
    if (request.kind !== 'revoke-ids' || !isRuleIdGone(err)) throw err;
  }
  const attributes = await withRetry(() => ecs.readGroupAttributes(group.groupId), deps.retry);
  const remaining = ruleIdsStillPresent(request.ruleIds, attributes.permissions);
  if (remaining.length > 0) {
    const still = new Set(remaining);
    const rest = batch.filter((c) => c.rule.ruleId !== undefined && still.has(c.rule.ruleId));
    await send(ecs, group, action, rest, { kind: 'revoke-ids', ruleIds: remaining }, deps);
  }
  return { alreadyGone: request.ruleIds.length - remaining.length };
}

/** One request with its ClientToken, retried; a timed-out write may have landed, so look before sending it again. */
async function send(
  ecs: EcsPort,
  group: GroupChanges,
  action: 'add' | 'revoke',
  batch: RuleChange[],
  request: WriteRequest,
  deps: ApplyDeps,
): Promise<void> {
  const token = clientToken(deps.runId, action, group.groupId, request);
  await withRetry(
    () => write(ecs, group.groupId, request, token),
    deps.retry,
    async () => ((await alreadyDone(ecs, group, action, batch)) ? 'done' : 'retry'),
  );
}

type WriteRequest = (
  | { readonly kind: 'authorize' | 'revoke'; readonly permissions: PermissionSpec[] }
  | { readonly kind: 'revoke-ids'; readonly ruleIds: string[] }
) & { readonly egress?: true };

/** Additions as permissions; revocations by rule id when every rule of the batch has one (rules read from the cloud do). */
function toRequest(action: 'add' | 'revoke', batch: readonly RuleChange[]): WriteRequest {
  const request = toIngressRequest(action, batch);
  return batch[0]?.rule.direction === 'egress' ? { ...request, egress: true } : request;
}

function toIngressRequest(action: 'add' | 'revoke', batch: readonly RuleChange[]): WriteRequest {
  if (action === 'add') return { kind: 'authorize', permissions: batch.map((c) => toPermission(c.rule)) };
  const ruleIds = batch.map((c) => c.rule.ruleId);
  if (ruleIds.every((id): id is string => id !== undefined && id !== '')) return { kind: 'revoke-ids', ruleIds };
  return { kind: 'revoke', permissions: batch.map((c) => toPermission(c.rule)) };
}

function write(ecs: EcsPort, groupId: string, request: WriteRequest, token: string): Promise<void> {
  if (request.egress) return writeEgress(ecs, groupId, request, token);
  switch (request.kind) {
    case 'authorize':
      return ecs.authorizeIngress(groupId, request.permissions, token);
    case 'revoke':
      return ecs.revokeIngress(groupId, request.permissions, token);
    case 'revoke-ids':
      return ecs.revokeIngressRules(groupId, request.ruleIds, token);
  }
}

function writeEgress(ecs: EcsPort, groupId: string, request: WriteRequest, token: string): Promise<void> {
  switch (request.kind) {
    case 'authorize':
      return ecs.authorizeEgress(groupId, request.permissions, token);
    case 'revoke':
      return ecs.revokeEgress(groupId, request.permissions, token);
    case 'revoke-ids':
      return ecs.revokeEgressRules(groupId, request.ruleIds, token);
  }
}

async function alreadyDone(
  ecs: EcsPort,
  group: GroupChanges,
  action: 'add' | 'revoke',
  batch: RuleChange[],
): Promise<boolean> {
  try {
    const attributes = await ecs.readGroupAttributes(group.groupId);
    const holder = { accountId: group.accountId, groupId: group.groupId };
    const present = new Set(
      attributes.permissions.map((p) =>
        ruleKey(p.Direction === 'egress' ? canonicalizeEgressRule(p, holder) : canonicalizeRule(p, holder)),
      ),
    );
    return batch.every((c) => present.has(ruleKey(c.rule)) === (action === 'add'));
  } catch {
    return false;
  }
}

function results(
  group: GroupChanges,
  action: 'add' | 'revoke',
  changes: RuleChange[],
  error?: { code: string; message: string; retryable: boolean },
): ChangeResult[] {
  return changes.map((c) => ({
    accountId: group.accountId,
    groupId: group.groupId,
    pairing: c.pairing,
    action,
    rule: c.rule,
    status: error ? 'failed' : 'applied',
    ...(error ? { code: error.code, message: error.message, retryable: error.retryable } : {}),
  }));
}

const unique = (xs: string[]) => [...new Set(xs)].sort();
