/**
 * The subcommands, each loaded on demand: `--help` and `validate` do not pay for the SDKs.
 * require, not import(): a static require is compiled on first use by the bin's tsx hook in a checkout,
 * and bundled (still run on first use) into the compiled CLI.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

export type Command = { summary: string; run: (argv: string[]) => Promise<number> };

export const commands: Record<string, Command> = {
  validate: {
    summary: 'check a pairings file and print every problem with its path',
    run: (a) => (require('./validate-command') as typeof import('./validate-command')).runValidateCommand(a),
  },
  plan: {
    summary: 'read the cloud and show the rules that are missing (changes nothing)',
    run: (a) => (require('./plan-command') as typeof import('./plan-command')).runPlanCommand(a),
  },
  status: {
    summary:
      'show each pairing, side and receiving group: in sync, missing, extra, blocked or failed (changes nothing)',
    run: (a) => (require('./status-command') as typeof import('./status-command')).runStatusCommand(a),
  },
  graph: {
    summary: 'print the pairings as a graph (svg, mermaid or dot), edges coloured by state (changes nothing)',
    run: (a) => (require('./graph-command') as typeof import('./graph-command')).runGraphCommand(a),
  },
  apply: {
    summary: 'add the missing rules and report each change',
    run: (a) => (require('./apply-command') as typeof import('./apply-command')).runApplyCommand(a),
  },
  demo: {
    summary: 'run the emulator with the example scenario: plan, apply, plan again',
    run: (a) => (require('./demo-command') as typeof import('./demo-command')).runDemoCommand(a),
  },
  emulator: {
    summary: 'start the local ECS/STS/FC emulator',
    run: (a) => (require('./emulator-command') as typeof import('./emulator-command')).runEmulatorCommand(a),
  },
  serve: {
    summary: 'serve the HTTP API on 127.0.0.1 through the FC http-api handler',
    run: (a) => (require('./serve-command') as typeof import('./serve-command')).runServeCommand(a),
  },
  invoke: {
    summary: "run a function's handler in-process with an event file and an FC-like context",
    run: (a) => (require('./invoke-command') as typeof import('./invoke-command')).runInvokeCommand(a),
  },
  history: {
    summary: 'list the runs kept in SG_PAIRING_HISTORY (OSS), newest first',
    run: (a) => (require('./history-command') as typeof import('./history-command')).runHistoryCommand(a),
  },
  iam: {
    summary: 'print the RAM trust and least-privilege policies the deployment needs',
    run: (a) => (require('./iam-command') as typeof import('./iam-command')).runIamCommand(a),
  },
  bootstrap: {
    summary: 'write the ROS templates of the hub and every member account (roles, policies, event routes)',
    run: (a) => (require('./bootstrap-command') as typeof import('./bootstrap-command')).runBootstrapCommand(a),
  },
  explain: {
    summary: "say why a pairing's traffic gets through or not: the deciding rule, the network prerequisites",
    run: (a) => (require('./explain-command') as typeof import('./explain-command')).runExplainCommand(a),
  },
  verify: {
    summary: 'probe a pairing with ping / TCP connects through ECS Cloud Assistant',
    run: (a) => (require('./verify-command') as typeof import('./verify-command')).runVerifyCommand(a),
  },
};
