export { forgetFunctionConfig, functionConfig, loadFunctionConfig } from './load-function-config';
export { forgetFunctionRuntime, invocationLogger, runtimeForInvocation, type FcContext } from './function-runtime';
