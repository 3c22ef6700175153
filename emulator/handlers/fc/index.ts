/** FC 3.0 (2023-03-30): InvokeFunction against in-process function handlers. */
export const FC_PATH = /^\/2023-03-30\/functions\/([^/]+)\/invocations$/;

export { handleInvoke, type InvokeEnv, type InvokeResult } from './invoke';
export {
  FunctionRegistry,
  type FunctionContext,
  type FunctionCredentials,
  type FunctionHandler,
  type FunctionLogger,
  type FunctionOptions,
  type InvocationRecord,
} from './registry';
