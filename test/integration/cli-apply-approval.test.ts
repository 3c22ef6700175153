import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runApplyCommand } from '../../cli/apply-command';
import type { TerminalIo } from '../../cli/terminal-io';
import { callCounts, examples, exampleScenario } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Approval in the CLI: on a terminal, apply shows the plan and asks first; --yes / --auto-approve and a
// non-terminal (CI) never ask. Played in-process with an injected terminal against the emulator.

const cloud = useEmulator({ scenario: exampleScenario() });
const configFile = join(examples, 'pairings.yaml');

/** A terminal (or not) whose person answers `answer`; records what was asked and printed. */
function terminal(interactive: boolean, answer = '') {
  const asked: string[] = [];
  let printed = '';
  const io: TerminalIo = {
    interactive,
    question: (prompt) => (asked.push(prompt), Promise.resolve(answer)),
    out: (text) => void (printed += text),
  };
  return { io, asked, printed: () => printed };
}

const writes = () => {
  const counts = callCounts(cloud.emulator);
  return (counts.AuthorizeSecurityGroup ?? 0) + (counts.RevokeSecurityGroup ?? 0);
};

describe('sg-pairing apply asks on a terminal', () => {
  it('a terminal answering "n": the plan is shown, the question asked, nothing written, exit 1', async () => {
    cloud.setEnv(cloud.env());
    const t = terminal(true, 'n');

    const code = await runApplyCommand(['--config', configFile], t.io);

    expect(code).toBe(1);
    expect(t.asked).toEqual([expect.stringMatching(/^Apply these \d+ changes\? \[y\/N\] $/)]);
    expect(t.printed()).toContain('web-pair');
    expect(t.printed()).toContain('nothing was written');
    expect(writes()).toBe(0);
  });

  it('a terminal answering "y" applies, exit 0; an empty answer (Enter) declines', async () => {
    cloud.setEnv(cloud.env());
    expect(await runApplyCommand(['--config', configFile], terminal(true, '').io)).toBe(1);
    expect(writes()).toBe(0);

    const t = terminal(true, 'yes');
    expect(await runApplyCommand(['--config', configFile], t.io)).toBe(0);

    expect(t.asked).toHaveLength(1);
    expect(writes()).toBeGreaterThan(0);
  });

  it.each([['--yes'], ['-y'], ['--auto-approve']])('%s on a terminal applies without asking', async (flag) => {
    cloud.setEnv(cloud.env());
    const t = terminal(true, 'n');

    expect(await runApplyCommand(['--config', configFile, flag], t.io)).toBe(0);

    expect(t.asked).toEqual([]);
    expect(writes()).toBeGreaterThan(0);
  });

  it('not a terminal (CI): never asks, applies as before', async () => {
    cloud.setEnv(cloud.env());
    const t = terminal(false, 'n');

    expect(await runApplyCommand(['--config', configFile], t.io)).toBe(0);

    expect(t.asked).toEqual([]);
    expect(writes()).toBeGreaterThan(0);
  });

  it('a converged plan is not asked about', async () => {
    cloud.setEnv(cloud.env());
    expect(await runApplyCommand(['--config', configFile, '--yes'], terminal(true).io)).toBe(0);
    const t = terminal(true, 'n');

    expect(await runApplyCommand(['--config', configFile], t.io)).toBe(0);

    expect(t.asked).toEqual([]);
  });
});
