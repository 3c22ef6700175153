import type { HandlerTable } from '../../context';

/** STUB — to be completed: STS 2015-04-01. */
export const stsHandlers: HandlerTable = {};
