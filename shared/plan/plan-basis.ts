import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { NormalizedConfig } from '../config';
import type { CanonicalRule } from '../rules';
import type { ActualInstance, ActualState } from './actual-state';
import type { Plan } from './plan-schema';
import { requiredReads } from './required-reads';

/**
 * What a plan was computed from, as digests: a saved plan is applied only while its basis still
 * holds (shared/reconcile/apply-saved-plan.ts re-reads it). Each digest is `sha256:<hex>` of a
 * canonical JSON (object keys sorted, lists of rules and instances sorted), so the order the cloud
 * answers in, or a config's key order, never changes it; any change to a rule, a member or the
 * normalized config does. Pure.
 */
export const DigestSchema = z.string().regex(/^sha256:[0-9a-f]{64}$|^gone$/);

export const GroupBasisSchema = z.strictObject({
  accountId: z.string(),
  groupId: z.string(),
  region: z.string(),
  /** the digest of its ingress rules as read */
  rules: DigestSchema,
});

/** A group or tag side's member list (side resolution), with the filter that lists it again. */
export const MembersBasisSchema = z.strictObject({
  key: z.string(),
  accountId: z.string(),
  region: z.string(),
  securityGroupId: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  instances: DigestSchema,
});

/** An instance side's instance, as read (`gone` when the API answered it does not exist). */
export const InstanceBasisSchema = z.strictObject({
  key: z.string(),
  accountId: z.string(),
  region: z.string(),
  instanceId: z.string(),
  instance: DigestSchema,
});

export const PlanBasisSchema = z.strictObject({
  /** the digest of the normalized config */
  config: DigestSchema,
  /** every group read */
  groups: z.array(GroupBasisSchema),
  members: z.array(MembersBasisSchema),
  instances: z.array(InstanceBasisSchema),
});

export type GroupBasis = z.infer<typeof GroupBasisSchema>;
export type MembersBasis = z.infer<typeof MembersBasisSchema>;
export type InstanceBasis = z.infer<typeof InstanceBasisSchema>;
export type PlanBasis = z.infer<typeof PlanBasisSchema>;

/** JSON with every object's keys sorted and undefined fields left out: the same value, the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function digestOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/** Order-free: the same rules in any order give the same digest. */
export function rulesDigest(rules: readonly CanonicalRule[]): string {
  return digestOf(rules.map(canonicalJson).sort());
}

/** Order-free over the instances; `gone` when the list was not there. */
export function membersDigest(instances: readonly ActualInstance[] | undefined): string {
  return instances === undefined ? 'gone' : digestOf(instances.map(canonicalJson).sort());
}

export function instanceDigest(instance: ActualInstance | undefined): string {
  return instance === undefined ? 'gone' : digestOf(instance);
}

/** The normalized config's digest; an account's externalId is left out (a secret-like value stays out of the file, even hashed). */
export function configDigest(config: NormalizedConfig): string {
  // a config with fleet sides: the file as parsed (a plan's discovered accounts are the basis's, not the config's)
  if (config.source !== undefined) {
    const { accounts: raw, resourceDirectory, ...rest } = config.source;
    const { externalId: _rdExternalId, ...directory } = resourceDirectory ?? {};
    return digestOf({
      ...rest,
      accounts: Object.fromEntries(Object.entries(raw).map(([alias, { externalId: _e, ...a }]) => [alias, a])),
      ...(resourceDirectory === undefined ? {} : { resourceDirectory: directory }),
    });
  }
  const accounts = Object.fromEntries(
    Object.entries(config.accounts).map(([alias, { externalId: _externalId, ...account }]) => [alias, account]),
  );
  return digestOf({ ...config, accounts });
}

/**
 * The basis of a plan computed from `actual`: the config's digest, every group read, and the member
 * lists and instances the plan's sides resolved through (as the plan's strategies asked for them).
 */
export function computePlanBasis(config: NormalizedConfig, plan: Plan, actual: ActualState): PlanBasis {
  const strategies = new Map(
    plan.pairings.flatMap((p) => (p.strategy === undefined ? [] : [[p.name, { chosen: p.strategy.chosen }] as const])),
  );
  const known = { instances: actual.instances, memberInstances: actual.memberInstances ?? {} };
  const reads = requiredReads(config, plan.selection ?? undefined, known, strategies);
  const gone = new Set(actual.gone ?? []);
  const groups = Object.entries(actual.groups)
    .flatMap(([, g]) => (g === undefined ? [] : [g]))
    .map((g) => ({
      accountId: g.accountId,
      groupId: g.groupId,
      region: g.regionId ?? config.region,
      rules: rulesDigest(g.rules),
    }))
    .sort((a, b) => compareKeys(a.accountId, a.groupId, b.accountId, b.groupId));
  const members = reads.memberships
    .filter((m) => actual.memberInstances?.[m.key] !== undefined)
    .map((m) => ({ ...m, tags: m.tags === undefined ? undefined : { ...m.tags } }))
    .map((m) => ({ ...withoutUndefined(m), instances: membersDigest(actual.memberInstances?.[m.key]) }));
  const instances = reads.instances
    .filter((i) => actual.instances[i.key] !== undefined || gone.has(i.key))
    .map((i) => ({
      key: i.key,
      accountId: i.accountId,
      region: i.region,
      instanceId: i.id,
      instance: instanceDigest(actual.instances[i.key]),
    }));
  return { config: configDigest(config), groups, members, instances };
}

function compareKeys(a1: string, a2: string, b1: string, b2: string): number {
  return a1 < b1 ? -1 : a1 > b1 ? 1 : a2 < b2 ? -1 : a2 > b2 ? 1 : 0;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
