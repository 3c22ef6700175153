// Tests reach the emulator's in-process handle; the product itself only ever speaks HTTP to it.
import { startEmulator, validScenario, type RunningEmulator, type ScenarioInput } from '../../emulator';

export { startEmulator, type RunningEmulator };
export const validScenarioInput = (input: unknown) => validScenario(input as ScenarioInput);
