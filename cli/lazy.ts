/**
 * require, not import(): the bin's tsx CommonJS hook compiles a module when it is first used, so
 * `--help` and `validate` never pay for loading the Alibaba SDKs.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const load = <T>(path: string): T => require(path) as T;
