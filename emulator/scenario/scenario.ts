import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { formatIssues, type Issue, type Parsed } from '../gateway/issues';
import type { Rule, World } from '../models/world';
import { scenarioSchema, type Scenario, type ScenarioInput } from './scenario-schema';
import { checkReferences } from './scenario-references';

export type { Scenario, ScenarioInput } from './scenario-schema';

/** A scenario that failed validation: every problem, each with the path of the field at fault. */
export class ScenarioError extends Error {
  constructor(
    readonly issues: Issue[],
    readonly source = 'scenario',
  ) {
    super(`invalid ${source}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

/** Validates a scenario object: schema first, then references between its parts. */
export function parseScenario(input: unknown): Parsed<Scenario> {
  const r = scenarioSchema.safeParse(input ?? {});
  if (!r.success) return { ok: false, issues: formatIssues(r.error) };
  const issues = checkReferences(r.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: r.data };
}

/** Parses YAML (or JSON, a subset) text into a validated scenario. */
export function parseScenarioText(text: string): Parsed<Scenario> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0];
      return {
        ok: false,
        issues: [
          { path: at ? `line ${at.line}, column ${at.col}` : '(document)', message: err.message.split('\n')[0] },
        ],
      };
    }
    throw err;
  }
  return parseScenario(doc);
}

/** Reads and validates a scenario file; throws a ScenarioError naming the file and each field at fault. */
export function loadScenarioFile(path: string): Scenario {
  const r = parseScenarioText(readFileSync(path, 'utf8'));
  if (!r.ok) throw new ScenarioError(r.issues, path);
  return r.value;
}

/** Validates (throwing ScenarioError) unless already validated. */
export function validScenario(input: ScenarioInput | Scenario): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.issues);
  return r.value;
}

const minutes = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Seeds an (empty) world with a validated scenario. */
export function loadScenario(world: World, s: Scenario, now = Date.now()): void {
  world.region = s.region;
  if (s.limits.maxRulesPerGroup !== undefined) world.maxRulesPerGroup = s.limits.maxRulesPerGroup;
  if (s.limits.maxGroupReferences !== undefined) world.maxGroupReferences = s.limits.maxGroupReferences;
  if (s.limits.maxGroupsPerInstance !== undefined) world.maxGroupsPerInstance = s.limits.maxGroupsPerInstance;
  for (const a of s.accounts) {
    world.accounts.set(a.id, {
      id: a.id,
      name: a.name,
      accessKeys: new Map(a.accessKeys.map((k) => [k.id, k.secret])),
      roles: new Map(
        a.roles.map((r) => [
          r.name,
          {
            name: r.name,
            trust: r.trust,
            externalId: r.externalId,
            maxSessionDuration: r.maxSessionDuration,
            policy: r.policy,
          },
        ]),
      ),
    });
  }
  for (const v of s.vpcs)
    world.vpcs.set(v.id, { id: v.id, owner: v.owner, region: s.region, cidr: v.cidr, sharedWith: v.sharedWith });
  const ownerOf = new Map(s.securityGroups.map((g) => [g.id, g.owner]));
  for (const g of s.securityGroups) {
    const rules: Rule[] = g.rules.map((r) => ({
      ruleId: world.nextId('sgr-'),
      direction: r.direction,
      ipProtocol: r.ipProtocol,
      portRange: r.portRange,
      sourceCidrIp: r.sourceCidrIp ?? '',
      sourceGroupId: r.sourceGroupId ?? '',
      sourceGroupOwnerId: r.sourceGroupId ? (r.sourceGroupOwnerId ?? ownerOf.get(r.sourceGroupId) ?? g.owner) : '',
      destCidrIp: r.destCidrIp ?? '',
      sourcePortRange: '',
      nicType: 'intranet',
      policy: r.policy,
      priority: r.priority,
      description: r.description,
      createTime: seconds(now),
      visibleAt: 0,
    }));
    world.groups.set(g.id, {
      id: g.id,
      owner: g.owner,
      region: s.region,
      vpcId: g.vpc,
      type: g.type,
      name: g.name ?? g.id,
      description: g.description,
      innerAccessPolicy: g.innerAccessPolicy,
      rules,
      creationTime: seconds(now),
      tags: { ...g.tags },
    });
  }
  for (const i of s.instances) {
    world.instances.set(i.id, {
      id: i.id,
      owner: i.owner,
      region: s.region,
      zoneId: i.zoneId ?? `${s.region}-b`,
      vpcId: i.vpc,
      vSwitchId: `vsw-${i.vpc.replace(/^vpc-/, '')}`,
      privateIp: i.privateIp,
      securityGroupIds: [...i.securityGroups],
      tags: { ...i.tags },
      status: i.status,
      name: i.name ?? i.id,
      creationTime: minutes(now),
    });
  }
  world.vpcConnections = s.vpcConnections.map((c) => ({ between: [c.between[0], c.between[1]], kind: c.kind }));
}
