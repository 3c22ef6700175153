import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handler as instanceEvents } from '../../functions/instance-events';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import { bin } from '../support/faces';
import { fcContext } from '../support/function-calls';
import { examples, exampleScenario } from '../support/product';
import { assumeRolesByCaller, convergeThenRevoke, DECLARED_RULES, pairedRules } from '../support/revoked-pairings';
import { HUB_ACCOUNT_ID, ACCOUNT_A_ID, ACCOUNT_B_ID, HUB_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

// Many instance events for the same pairings at once: in one process (one AssumeRole cache), and in
// five processes (five caches, racing writers). The end state is exact and no rule is there twice.

const ROLE_A = `acs:ram::${ACCOUNT_A_ID}:role/sg-pairing`;
const ROLE_B = `acs:ram::${ACCOUNT_B_ID}:role/sg-pairing`;
const PROCESSES = 5;
const EVENTS_PER_PROCESS = 10;
/** one hub key per child process, so the emulator's call log tells the processes apart */
const processKey = (n: number) => ({ id: `LTAIhubProcess${n}`, secret: `hub-process-secret-${n}` });

const cloud = useEmulator();

describe('50 instance events for the same pairings, handled at once', () => {
  it('in one process: the rules come back exactly once, with one AssumeRole per account', async () => {
    // Prepare: converged, then every pairing rule revoked; 50 copies of the 4 revoke events
    const emu = await cloud.start(exampleScenario());
    cloud.useFunctionEnv(readFileSync(join(examples, 'pairings.yaml'), 'utf8'));
    const revokes = await convergeThenRevoke(emu);
    expect(revokes.map((e) => e.data.eventName)).toEqual([
      'RevokeSecurityGroup',
      'RevokeSecurityGroup',
      'RevokeSecurityGroup',
      'RevokeSecurityGroup',
    ]);
    expect(pairedRules(emu)).toEqual([]);
    const events = Array.from({ length: 50 }, (_, i) => Buffer.from(JSON.stringify(revokes[i % revokes.length])));
    cloud.captureLogs();

    // Act: the real handler, 50 invocations in flight together (a warm FC instance with concurrency)
    const results = (await Promise.all(
      events.map((event, i) =>
        instanceEvents(event, fcContext('sg-pairing-instance-events', { requestId: `req-${i}` })),
      ),
    )) as EventsResult[];

    // Assess
    expect(results.filter((r) => r.status !== 'Reconciled' || !r.report?.ok)).toEqual([]);
    // each run read the rules missing or back, so each pairing is Changed or InSync, never Failed
    expect(
      results.flatMap((r) => r.report!.pairings.map((p) => p.status)).filter((s) => s !== 'Changed' && s !== 'InSync'),
    ).toEqual([]);
    expect(pairedRules(emu)).toEqual(DECLARED_RULES);
    expect(assumeRolesByCaller(emu)).toEqual({
      [`${HUB_CREDENTIALS.accessKeyId} ${ROLE_A}`]: 1,
      [`${HUB_CREDENTIALS.accessKeyId} ${ROLE_B}`]: 1,
    });
  });

  it(
    `across ${PROCESSES} processes (sg-pairing invoke, ${EVENTS_PER_PROCESS} events each): exact rules, at most one AssumeRole per account per process`,
    { timeout: 60_000 },
    async () => {
      // Prepare: the hub has one key per process
      const scenario = exampleScenario() as {
        accounts: { id: string; accessKeys: { id: string; secret: string }[] }[];
      };
      scenario.accounts
        .find((a) => a.id === HUB_ACCOUNT_ID)!
        .accessKeys.push(...Array.from({ length: PROCESSES }, (_, n) => processKey(n)));
      const emu = await cloud.start(scenario);
      const revokes = await convergeThenRevoke(emu);
      const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-concurrency-'));
      const files = Array.from({ length: PROCESSES }, (_, n) => {
        const batch = Array.from({ length: EVENTS_PER_PROCESS }, (_, i) => revokes[(n + i) % revokes.length]);
        const file = join(dir, `events-${n}.json`);
        writeFileSync(file, JSON.stringify(batch));
        return file;
      });

      // Act: five CLI processes at once, each handing its batch to the real handler
      const runs = await Promise.all(
        files.map((file, n) => {
          const env = {
            ...cloud.env(),
            ALIBABA_CLOUD_ACCESS_KEY_ID: processKey(n).id,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: processKey(n).secret,
          };
          return invokeProcess(
            ['invoke', 'instance-events', '--event', file, '--config', resolve(examples, 'pairings.yaml')],
            env,
          );
        }),
      );

      // Assess
      expect(runs.map((r) => r.code)).toEqual(runs.map(() => 0));
      const results = runs.map((r) => JSON.parse(r.stdout) as EventsResult);
      expect(results.map((r) => [r.status, r.events, r.pairings, r.report?.ok])).toEqual(
        results.map(() => ['Reconciled', EVENTS_PER_PROCESS, ['app-db', 'web-pair'], true]),
      );
      expect(pairedRules(emu)).toEqual(DECLARED_RULES);
      const assumed = assumeRolesByCaller(emu);
      expect(Object.keys(assumed).sort()).toEqual(
        Array.from({ length: PROCESSES }, (_, n) => [`${processKey(n).id} ${ROLE_A}`, `${processKey(n).id} ${ROLE_B}`])
          .flat()
          .sort(),
      );
      expect(Object.values(assumed).every((n) => n === 1)).toBe(true);
    },
  );
});

function invokeProcess(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
