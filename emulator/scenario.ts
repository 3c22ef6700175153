import type { World } from './models/world';

/** STUB — to be completed: the scenario file format (YAML) that seeds the world. */
export type Scenario = Record<string, unknown>;

export function loadScenario(_world: World, _scenario: Scenario): void {}
