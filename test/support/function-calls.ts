// Running the FC handlers in-process against an emulator: environment, FC-like context, captured logs.
import { vi } from 'vitest';
import type { RunningEmulator } from './emulator-access';
import { setEnv } from './faces';
import { forgetFunctionConfig, forgetFunctionRuntime, type FcContext } from '../../shared/function-host';
import { HUB_ACCOUNT_ID, HUB_CREDENTIALS } from './identities';

/** What FC hands a handler: credentials of the function's role (here the hub key of the seed scenario). */
export function fcContext(name: string, overrides: Partial<FcContext> = {}): FcContext {
  return {
    requestId: `req-${name}-${Math.random().toString(36).slice(2, 8)}`,
    credentials: { ...HUB_CREDENTIALS },
    function: { name },
    region: 'cn-qingdao',
    accountId: HUB_ACCOUNT_ID,
    ...overrides,
  };
}

/**
 * Points the product at the emulator (ECS, STS, FC endpoints), sets the inline config, and forgets
 * the cold-start caches so this config and this emulator are used. Returns the undo.
 */
export function useFunctionEnv(
  emu: RunningEmulator,
  configYaml: string,
  extra: Record<string, string | undefined> = {},
): () => void {
  const undo = setEnv({
    SG_PAIRING_CONFIG: configYaml,
    SG_PAIRING_CONFIG_FILE: undefined,
    SG_PAIRING_ECS_ENDPOINT: emu.url,
    SG_PAIRING_VPC_ENDPOINT: emu.url,
    SG_PAIRING_STS_ENDPOINT: emu.url,
    SG_PAIRING_FC_ENDPOINT: emu.url,
    SG_PAIRING_RESOURCEMANAGER_ENDPOINT: emu.url,
    ...extra,
  });
  forgetFunctionConfig();
  forgetFunctionRuntime();
  return () => {
    undo();
    forgetFunctionConfig();
    forgetFunctionRuntime();
  };
}

export interface CapturedLogs {
  /** every JSON line written to stdout since capture began */
  lines: () => Record<string, unknown>[];
  raw: () => string;
  restore: () => void;
}

/** The functions log JSON lines on stdout (FC ships them to the log store): capture them. */
export function captureLogs(): CapturedLogs {
  let text = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  return {
    raw: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => spy.mockRestore(),
  };
}
