import Ajv, { type ValidateFunction } from 'ajv';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFunctions, type BuiltFunction } from '../../scripts/build';
import { FUNCTION_LOGSTORE } from '../../shared/bootstrap';
import { FAILURE_QUEUE } from '../../shared/deployed-names';
import { HANDLED_API_CALLS } from '../../shared/triggers/eventbridge';

const root = resolve(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'deploy', 'fc3', 'props.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** What `s` would substitute: ${vars.x} and ${env('X'[, 'default'])}, with a test environment. */
const testEnv: Record<string, string> = {
  SG_PAIRING_HUB_ROLE_ARN: 'acs:ram::9999999999999999:role/sg-pairing-hub',
  SG_PAIRING_HTTP_TOKEN: 'test-token',
  SG_PAIRING_LOG_PROJECT: 'sg-pairing-9999999999999999',
};
function interpolate(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([^}]+)\}/g, (_all, expr: string) => {
      const v = /^vars\.(\w+)$/.exec(expr.trim());
      if (v) return String(interpolate(vars[v[1]] ?? fail(`unknown var ${v[1]}`), vars));
      const e = /^env\('(\w+)'(?:,\s*'([^']*)')?\)$/.exec(expr.trim());
      if (e) return testEnv[e[1]] ?? e[2] ?? fail(`env ${e[1]} unset`);
      return fail(`unsupported expression \${${expr}}`);
    });
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]));
  return value;
}
const fail = (message: string): never => {
  throw new Error(message);
};

type Props = {
  functionName: string;
  runtime: string;
  handler: string;
  code: string;
  role: string;
  logConfig: unknown;
  environmentVariables?: Record<string, string>;
  triggers?: { triggerName: string; triggerType: string; triggerConfig: Record<string, unknown> }[];
  asyncInvokeConfig?: {
    maxAsyncRetryAttempts?: number;
    maxAsyncEventAgeInSeconds?: number;
    destinationConfig?: { onFailure?: { destination?: string } };
  };
};
const raw = parse(readFileSync(join(root, 's.yaml'), 'utf8')) as {
  edition: string;
  vars: Record<string, unknown>;
  resources: Record<string, { component: string; props: unknown }>;
};
const resources = Object.entries(raw.resources).map(([key, r]) => ({
  key,
  component: r.component,
  props: interpolate(r.props, raw.vars) as Props,
}));
const byName = (name: string) => resources.find((r) => r.props.functionName === `sg-pairing-${name}`)!.props;

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema, 'fc3');
const validateProps = ajv.getSchema('fc3') as ValidateFunction;
const triggerSchemas: Record<string, string> = {
  http: 'IHttpTriggerConfig',
  timer: 'ITimerTriggerConfig',
  eventbridge: 'IEventBridge',
};

describe('s.yaml (Serverless Devs, component fc3)', () => {
  it('is edition 3.0.0 with the four functions, all fc3', () => {
    expect(raw.edition).toBe('3.0.0');
    expect(resources.map((r) => r.component)).toEqual(['fc3', 'fc3', 'fc3', 'fc3']);
    expect(resources.map((r) => r.props.functionName).sort()).toEqual([
      'sg-pairing-http-api',
      'sg-pairing-instance-events',
      'sg-pairing-reconcile-worker',
      'sg-pairing-scheduled-reconcile',
    ]);
  });

  it.each(resources.map((r) => [r.key, r.props] as const))(
    '%s: props valid against the fc3 schema (draft-07), each trigger against its own definition',
    (_key, props) => {
      const ok = validateProps(props);
      expect(ok ? [] : validateProps.errors).toEqual([]);
      for (const t of props.triggers ?? []) {
        const validate = ajv.getSchema(`fc3#/definitions/${triggerSchemas[t.triggerType]}`) as ValidateFunction;
        const valid = validate(t.triggerConfig);
        expect(valid ? [] : validate.errors, t.triggerName).toEqual([]);
      }
      expect(props).toMatchObject({
        runtime: 'nodejs20',
        handler: 'index.handler',
        role: testEnv.SG_PAIRING_HUB_ROLE_ARN,
        logConfig: { project: testEnv.SG_PAIRING_LOG_PROJECT, logstore: FUNCTION_LOGSTORE },
      });
      expect(props.environmentVariables?.SG_PAIRING_CONFIG_FILE).toBe('pairings.yaml');
    },
  );

  it('the http-api trigger is signed (authType function), GET and POST; the timer sweeps every 10 minutes', () => {
    expect(byName('http-api').triggers).toEqual([
      {
        triggerName: 'http',
        triggerType: 'http',
        qualifier: 'LATEST',
        triggerConfig: { authType: 'function', disableURLInternet: false, methods: ['GET', 'POST'] },
      },
    ]);
    expect(byName('scheduled-reconcile').triggers?.map((t) => t.triggerConfig)).toEqual([
      { cronExpression: '@every 10m', enable: true },
    ]);
    expect(byName('http-api').environmentVariables?.SG_PAIRING_HTTP_TOKEN).toBe('test-token');
  });

  it('instance-events hears the ECS events the trigger decoder handles, from the default bus, with retries', () => {
    const triggers = byName('instance-events').triggers!;
    const patterns = triggers.map(
      (t) =>
        JSON.parse(t.triggerConfig.eventRuleFilterPattern as string) as {
          source: string[];
          type: string[];
          data?: { eventName: string[] };
        },
    );
    expect(patterns.flatMap((p) => p.source)).toEqual(['acs.ecs', 'acs.ecs']);
    expect(patterns.flatMap((p) => p.type).sort()).toEqual(['ecs:ActionTrail:ApiCall', 'ecs:Instance:StateChange']);
    expect(patterns.flatMap((p) => p.data?.eventName ?? []).sort()).toEqual(Object.keys(HANDLED_API_CALLS).sort());
    for (const t of triggers) {
      expect(t.triggerConfig).toMatchObject({
        eventSourceConfig: { eventSourceType: 'Default' },
        runOptions: {
          retryStrategy: { PushRetryStrategy: expect.any(String), MaximumRetryAttempts: expect.any(Number) },
        },
      });
    }
  });

  it('the worker retries async invocations and sends the failed ones to the queue `sg-pairing iam` grants', () => {
    const async = byName('reconcile-worker').asyncInvokeConfig!;
    expect(async).toMatchObject({
      maxAsyncRetryAttempts: expect.any(Number),
      maxAsyncEventAgeInSeconds: expect.any(Number),
    });
    expect(async.destinationConfig?.onFailure?.destination).toBe(
      `acs:mns:cn-qingdao::/queues/${FAILURE_QUEUE}/messages`,
    );
  });

  describe('against the build', () => {
    let built: BuiltFunction[];
    beforeAll(async () => {
      built = await buildFunctions({
        outDir: mkdtempSync(join(tmpdir(), 'sg-pairing-syaml-')),
        log: () => undefined,
        example: true,
      });
    }, 60_000);

    it('every function’s code dir is a build output (./dist/<name> for functions/<name>/index.ts)', () => {
      expect(resources.map((r) => r.props.code).sort()).toEqual(built.map((b) => `./dist/${b.name}`).sort());
      for (const r of resources)
        expect(r.props.code).toBe(`./dist/${r.props.functionName.replace(/^sg-pairing-/, '')}`);
    });

    /**
     * Read by the code but deliberately not set in s.yaml. A new variable fails the test until it is
     * set there or listed here with its reason.
     */
    const unset: Record<string, string> = {
      SG_PAIRING_CONFIG: 'inline config: the deployed form is the pairings.yaml beside the bundle',
      SG_PAIRING_ECS_ENDPOINT: 'emulator override; FC uses the regional endpoint',
      SG_PAIRING_STS_ENDPOINT: 'emulator override; FC uses the regional endpoint',
      SG_PAIRING_VPC_ENDPOINT: 'emulator override; FC uses the regional endpoint',
      SG_PAIRING_FC_ENDPOINT: 'emulator override; FC uses the regional endpoint',
      SG_PAIRING_OSS_ENDPOINT: 'emulator override; FC uses the regional endpoint',
      SG_PAIRING_EVENTBRIDGE_ENDPOINT: 'emulator override; FC uses the regional endpoint',
      SG_PAIRING_RESOURCEMANAGER_ENDPOINT: 'emulator override; FC uses the central endpoint',
      SG_PAIRING_RETRY_MAX_ATTEMPTS: 'tunable with a default derived from the invocation budget',
      SG_PAIRING_READ_TIMEOUT_MS: 'tunable for tests of timeouts; production keeps the 10 s default',
      SG_PAIRING_CONNECT_TIMEOUT_MS: 'tunable for starved benches; production keeps the 5 s default',
      SG_PAIRING_STS_PER_SECOND: "tunable with STS's documented quota as default; set where Quota Center raised it",
      SG_PAIRING_THROTTLE_WAIT_MS: 'tunable with a default derived from the invocation budget',
    };

    it('every SG_PAIRING_* variable a function’s bundled source reads is set for it, and none it does not read', () => {
      for (const b of built) {
        const read = new Set(
          b.inputs
            // the error catalogue's messages name variables (e.g. how to set the HTTP token) without reading them
            .filter((f) => !f.startsWith('node_modules/') && f !== 'shared/error-codes.ts')
            .flatMap((f) => readFileSync(join(root, f), 'utf8').match(/SG_PAIRING_[A-Z_]+[A-Z]/g) ?? []),
        );
        const wanted = [...read].filter((v) => !(v in unset)).sort();
        const set = Object.keys(byName(b.name).environmentVariables ?? {})
          .filter((v) => v.startsWith('SG_PAIRING_'))
          .sort();
        expect(set, b.name).toEqual(wanted);
      }
    });
  });
});
