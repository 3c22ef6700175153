import type { World } from './world';

/**
 * Who asks, where, and when: every ECS model call runs in one scope. `region` is the RegionId the
 * request named; resources of another region are simply not found, as on the real service.
 */
export interface Scope {
  world: World;
  account: string;
  region: string;
  /** epoch ms (the emulator's clock) */
  now: number;
}

/** `2018-12-12T07:28:38Z`: the form groups and rules report their times in. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2017-12-10T04:04Z`: the form DescribeInstances reports CreationTime in. */
export function isoMinutes(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z');
}
