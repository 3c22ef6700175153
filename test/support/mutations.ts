/**
 * fast-check arbitraries that mutate valid documents (configs, events, request bodies) into the
 * bad input a face may receive: keys removed, values of the wrong type, unknown keys (prototype
 * pollution included), bad IDs, odd ports, huge strings, unicode; and text-level damage.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** One huge string (16 KiB), built once: generating or parsing bigger ones in every run would dominate the runtime. */
const HUGE = 'x'.repeat(16 * 1024);

/** Values a field should never hold: wrong types, bad IDs and ports, edge numbers, unicode, huge. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e21,
      2 ** 53,
      '',
      ' ',
      '\t',
      '\u0000',
      '💥',
      'Ａ',
      'é\u0301',
      '\u202e',
      [],
      {},
      [[]],
      { '': '' },
    ),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom(
      'sg-',
      'i-',
      'sg-😀',
      'i-\n1',
      'SG-UPPER',
      'sg-' + 'a'.repeat(200),
      'vpc-a',
      '1111111111111111',
      '111',
      '1'.repeat(30),
    ),
    weight: 3,
  },
  // account UIDs as numbers, the YAML pitfall (17 digits already lose precision)
  {
    arbitrary: fc.constantFrom(
      1111111111111111,
      -2222222222222222,
      Number('11111111111111111'),
      Number('1111111111111111.5'),
    ),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      '0/0',
      '-1/-1',
      '1/65535',
      '65536/65536',
      '22/21',
      '22',
      '22-22',
      'a/b',
      '1/1/1',
      '-5/3',
      ' 22/22 ',
      '٢٢/٢٢',
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom(
      'ALL',
      'Tcp',
      'icmpv6',
      'gre',
      'both',
      'first-to-second',
      'second-to-first',
      'acs:ram::1:role/',
      'acs:ram::1111111111111111:role/x',
    ),
    weight: 2,
  },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.constant(HUGE), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 2 },
);

/** Keys no schema expects, including the ones that pollute prototypes if copied naively. */
export const oddKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'unknown',
    'Name',
    'NAME',
    'rules',
    'cidr',
    'sourceCidrIp',
    'SecurityGroupId',
    '',
    ' ',
    '💥',
    'a.b',
    '[0]',
  ),
  fc.string({ maxLength: 12 }),
);

export type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'duplicate'; at: number }
  | { kind: 'wrap'; at: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  { arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: oddValue }), weight: 3 },
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: oddKey, value: oddValue }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('wrap' as const), at: fc.nat() }),
);

/** Every path in a JSON-like tree (the root included), in a stable order. */
function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

/** Own-property assignment: `__proto__` becomes a key, never the prototype. */
function put(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies mutations to a deep copy of `doc`; each picks its node by `at` modulo the node count. */
export function mutate(doc: Json | unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(doc);
  for (const m of mutations) {
    const all = paths(root);
    const path = all[m.at % all.length];
    if (path.length === 0) {
      if (m.kind === 'set') root = m.value;
      else if (m.kind === 'wrap') root = [root];
      else if (m.kind === 'add' && root !== null && typeof root === 'object' && !Array.isArray(root))
        put(root as Record<string, unknown>, m.key, m.value);
      continue;
    }
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root) as Record<string | number, unknown> &
      unknown[];
    const key = path[path.length - 1];
    const node = parent[key];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.kind === 'set') put(parent, key, m.value);
    else if (m.kind === 'wrap') put(parent, key, [node]);
    else if (m.kind === 'duplicate') {
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(node));
      else put(parent, key, typeof node === 'string' ? node + node : node);
    } else if (node !== null && typeof node === 'object' && !Array.isArray(node))
      put(node as Record<string, unknown>, m.key, m.value);
    else if (Array.isArray(node)) node.push(m.value);
    else put(parent, key, { [m.key]: node });
  }
  return root;
}

export type TextDamage = {
  kind: 'truncate' | 'insert' | 'delete-range' | 'tabs' | 'bom' | 'none';
  at: number;
  text: string;
};

export const textDamageArb: fc.Arbitrary<TextDamage> = fc.record({
  kind: fc.constantFrom(
    'truncate' as const,
    'insert' as const,
    'delete-range' as const,
    'tabs' as const,
    'bom' as const,
    'none' as const,
  ),
  at: fc.nat(),
  text: fc.oneof(
    fc.constantFrom(
      ':',
      '- ',
      '{',
      '}',
      '[',
      '"',
      "'",
      '&a',
      '*a',
      '!!binary',
      '\t',
      '\n  ',
      '#',
      '%YAML 1.1\n---\n',
      '<<: *x',
      '\u0000',
    ),
    fc.string({ maxLength: 8 }),
  ),
});

/** Character-level damage to a serialized document. */
export function damageText(text: string, d: TextDamage): string {
  const at = text.length === 0 ? 0 : d.at % text.length;
  switch (d.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + d.text + text.slice(at);
    case 'delete-range':
      return text.slice(0, at) + text.slice(at + 1 + (d.at % 17));
    case 'tabs':
      return text.replace(/^ {2}/gm, '\t');
    case 'bom':
      return '\ufeff' + text;
    case 'none':
      return text;
  }
}
