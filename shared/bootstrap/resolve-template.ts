/**
 * A small resolver of the ROS intrinsic functions bootstrap's templates use, to check them offline:
 * Ref (parameters and the pseudo parameters ALIYUN::AccountId / ALIYUN::Region,
 * https://www.alibabacloud.com/help/en/ros/user-guide/pseudo-parameters), Fn::FindInMap
 * (https://www.alibabacloud.com/help/en/ros/user-guide/function-findinmap), Fn::Sub, Fn::Join, and the
 * conditions Fn::Equals / Fn::Or / Fn::Not with a resource's `Condition`
 * (https://www.alibabacloud.com/help/en/ros/user-guide/conditions). Anything else is an error: a
 * template using a function this does not know fails its checks instead of passing unresolved.
 */
import type { RosTemplate } from './ros-template';

export interface ResolveContext {
  accountId: string;
  region: string;
  /** parameter values; a parameter without one takes its Default */
  parameters?: Record<string, string>;
}

export interface ResolvedResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

export function resolveTemplate(template: RosTemplate, context: ResolveContext): ResolvedResource[] {
  const scope = new Scope(template, context);
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Condition === undefined || scope.condition(r.Condition))
    .map(([logicalId, r]) => ({
      logicalId,
      type: r.Type,
      properties: scope.value(r.Properties, `Resources.${logicalId}`) as Record<string, unknown>,
    }));
}

class Scope {
  private readonly conditions = new Map<string, boolean>();
  constructor(
    private readonly template: RosTemplate,
    private readonly context: ResolveContext,
  ) {}

  ref(name: string, at: string): string {
    if (name === 'ALIYUN::AccountId') return this.context.accountId;
    if (name === 'ALIYUN::Region') return this.context.region;
    const declared = this.template.Parameters?.[name];
    if (!declared) throw new Error(`${at}: Ref to unknown parameter ${name}`);
    const value = this.context.parameters?.[name] ?? declared.Default;
    if (value === undefined) throw new Error(`${at}: parameter ${name} has no value and no Default`);
    if (declared.AllowedValues && !declared.AllowedValues.includes(value))
      throw new Error(`${at}: parameter ${name} = ${value} is not one of its AllowedValues`);
    return value;
  }

  condition(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const body = this.template.Conditions?.[name];
    if (body === undefined) throw new Error(`unknown condition ${name}`);
    const value = this.truth(body, `Conditions.${name}`);
    this.conditions.set(name, value);
    return value;
  }

  truth(node: unknown, at: string): boolean {
    if (typeof node === 'string') return this.condition(node);
    const [fn, arg] = single(node, at);
    if (fn === 'Fn::Equals') {
      const [a, b] = list(arg, 2, at);
      return this.value(a, at) === this.value(b, at);
    }
    if (fn === 'Fn::Or') return list(arg, -2, at).some((c, i) => this.truth(c, `${at}.Fn::Or[${i}]`));
    if (fn === 'Fn::Not') return !this.truth(arg, `${at}.Fn::Not`);
    throw new Error(`${at}: ${fn} is not a condition function this resolver knows`);
  }

  value(node: unknown, at: string): unknown {
    if (Array.isArray(node)) return node.map((n, i) => this.value(n, `${at}[${i}]`));
    if (node === null || typeof node !== 'object') return node;
    const keys = Object.keys(node);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return this.call(node, at);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.value(v, `${at}.${k}`)]));
  }

  private call(node: unknown, at: string): unknown {
    const [fn, arg] = single(node, at);
    if (fn === 'Ref') return this.ref(text(arg, at), at);
    if (fn === 'Fn::FindInMap') {
      const [map, top, second] = list(arg, 3, at).map((a) => text(this.value(a, at), at));
      const found = this.template.Mappings?.[map!]?.[top!]?.[second!];
      if (found === undefined) throw new Error(`${at}: Fn::FindInMap ${map}.${top}.${second} is not in Mappings`);
      return found;
    }
    if (fn === 'Fn::Sub')
      return text(arg, at).replace(/\$\{([^}]+)\}/g, (_, name: string) => this.ref(name, `${at}.Fn::Sub`));
    if (fn === 'Fn::Join') {
      const [separator, items] = list(arg, 2, at);
      return (this.value(items, at) as unknown[]).map((i) => text(i, at)).join(text(separator, at));
    }
    throw new Error(`${at}: ${fn} is not a function this resolver knows`);
  }
}

function single(node: unknown, at: string): [string, unknown] {
  const entries = node !== null && typeof node === 'object' ? Object.entries(node) : [];
  if (entries.length !== 1) throw new Error(`${at}: expected one function, got ${JSON.stringify(node)}`);
  return entries[0]!;
}

/** exactly `n` items, or at least `-n` when negative */
function list(arg: unknown, n: number, at: string): unknown[] {
  if (!Array.isArray(arg) || (n > 0 ? arg.length !== n : arg.length < -n))
    throw new Error(`${at}: expected ${n > 0 ? n : `at least ${-n}`} arguments, got ${JSON.stringify(arg)}`);
  return arg;
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new Error(`${at}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}
