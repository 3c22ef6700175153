/**
 * The subcommands, each loaded on demand: `--help` and `validate` do not pay for the SDKs.
 */
import { load } from './lazy';

export type Command = { summary: string; run: (argv: string[]) => Promise<number> };

export const commands: Record<string, Command> = {
  validate: {
    summary: 'check a pairings file and print every problem with its path',
    run: (a) => load<typeof import('./validate-command')>('./validate-command').runValidateCommand(a),
  },
  plan: {
    summary: 'read the cloud and show the rules that are missing (changes nothing)',
    run: (a) => load<typeof import('./plan-command')>('./plan-command').runPlanCommand(a),
  },
  apply: {
    summary: 'add the missing rules and report each change',
    run: (a) => load<typeof import('./apply-command')>('./apply-command').runApplyCommand(a),
  },
  demo: {
    summary: 'run the emulator with the example scenario: plan, apply, plan again',
    run: (a) => load<typeof import('./demo-command')>('./demo-command').runDemoCommand(a),
  },
  emulator: {
    summary: 'start the local ECS/STS/FC emulator',
    run: (a) => load<typeof import('./emulator-command')>('./emulator-command').runEmulatorCommand(a),
  },
  serve: {
    summary: 'serve the HTTP API on 127.0.0.1 through the FC http-api handler',
    run: (a) => load<typeof import('./serve-command')>('./serve-command').runServeCommand(a),
  },
  invoke: {
    summary: "run a function's handler in-process with an event file and an FC-like context",
    run: (a) => load<typeof import('./invoke-command')>('./invoke-command').runInvokeCommand(a),
  },
  iam: {
    summary: 'print the RAM trust and least-privilege policies the deployment needs',
    run: (a) => load<typeof import('./iam-command')>('./iam-command').runIamCommand(a),
  },
  explain: {
    summary: "say why a pairing's traffic gets through or not: the deciding rule, the network prerequisites",
    run: (a) => load<typeof import('./explain-command')>('./explain-command').runExplainCommand(a),
  },
  verify: {
    summary: 'probe a pairing with ping / TCP connects through ECS Cloud Assistant',
    run: (a) => load<typeof import('./verify-command')>('./verify-command').runVerifyCommand(a),
  },
};
