import { randomUUID } from 'node:crypto';
import type { FcContext } from '../shared/function-host';

/** The functions of the deployment, by their source folder under functions/. */
export const FUNCTION_NAMES = ['http-api', 'instance-events', 'scheduled-reconcile', 'reconcile-worker'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The deployed name of a function (s.yaml): `sg-pairing-<name>`. */
export const deployedName = (name: FunctionName): string => `sg-pairing-${name}`;

/**
 * An FC-like `context` for running a handler on this machine: a fresh request id, the function's
 * deployed name, and credentials from the default chain's environment variables
 * (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN). Without them the handler's runtime
 * falls back to the rest of the default chain (CLI profile, ...), as on a developer machine.
 */
export function localFcContext(name: FunctionName, env: NodeJS.ProcessEnv = process.env): FcContext {
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  return {
    requestId: randomUUID(),
    ...(accessKeyId && accessKeySecret
      ? { credentials: { accessKeyId, accessKeySecret, securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN || undefined } }
      : {}),
    function: { name: deployedName(name) },
    ...(env.FC_REGION ? { region: env.FC_REGION } : {}),
    ...(env.FC_ACCOUNT_ID ? { accountId: env.FC_ACCOUNT_ID } : {}),
  };
}

/**
 * `--config FILE` for a local face: the handlers read their config the way FC does, from
 * SG_PAIRING_CONFIG (inline) or SG_PAIRING_CONFIG_FILE, so the flag sets the latter (an explicit
 * flag wins over an inline config in the environment).
 */
export function useConfigFile(path: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  if (path === undefined) return;
  env.SG_PAIRING_CONFIG_FILE = path;
  delete env.SG_PAIRING_CONFIG;
}
