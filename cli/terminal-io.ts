import { createInterface } from 'node:readline/promises';

/** What a command needs of its terminal: injectable, so a test can play the person at the keyboard. */
export interface TerminalIo {
  /** both stdin and stdout are terminals: a person may answer (never in CI, a pipe or a redirect) */
  readonly interactive: boolean;
  /** asks on the terminal and resolves with the answer as typed */
  question(prompt: string): Promise<string>;
  /** writes to stdout */
  out(text: string): void;
}

export function processIo(): TerminalIo {
  return {
    interactive: Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY),
    question: async (prompt) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(prompt);
      } finally {
        rl.close();
      }
    },
    out: (text) => void process.stdout.write(text),
  };
}

/** y or yes (any case, spaces around) approves; anything else, an empty answer included, declines. */
export function approves(answer: string): boolean {
  return /^\s*(y|yes)\s*$/i.test(answer);
}
