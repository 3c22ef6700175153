import type { HandlerTable } from '../../context';

/** STUB — to be completed: ECS 2014-05-26. */
export const ecsHandlers: HandlerTable = {};
