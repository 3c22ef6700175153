export {
  AccountSchema,
  PairingSchema,
  RawConfigSchema,
  SideSchema,
  computeConfigJsonSchema,
  directionValues,
  modeValues,
  protocolValues,
  pruneValues,
  strategyValues,
  type PairingDirection,
  type PairingMode,
  type PairingProtocol,
  type PairingStrategy,
  type PruneMode,
  type RawAccount,
  type RawConfig,
  type RawConfigInput,
  type RawPairing,
  type RawResourceDirectory,
  type RawSide,
} from './config-schema';
export {
  discoveredAlias,
  expandFleet,
  fleetPairingName,
  fleetSideOf,
  FLEET_NAME_SEPARATOR,
  namedGroupLookup,
  type DiscoveredAccount,
  type FleetExpansion,
  type NamedGroup,
  type NamedGroupLookup,
} from './fleet';
export { configChecks, runConfigChecks, type ConfigCheck } from './checks';
export { checkDeploymentId } from './checks/check-deployment-id';
export { checkExternalIds } from './checks/check-external-ids';
export { ConfigInvalidError, requireValidConfig } from './config-invalid-error';
export { formatDiagnostics, hasErrors, type Diagnostic } from './diagnostic';
export { defaultConfigPath, loadConfigFile } from './load-config-file';
export { readLooseConfig, type LooseConfig } from './loose-config';
export {
  accountModeById,
  findAccountById,
  isHeldPairing,
  normalizeConfig,
  pairingAccountIds,
  withDiscoveredAccounts,
  type GroupSide,
  type InstanceSide,
  type NormalizedAccount,
  type NormalizedConfig,
  type NormalizedDirectory,
  type NormalizedPairing,
  type PairingSide,
  type TagSide,
} from './normalized-config';
export { parseConfigText, type ParseConfigResult } from './parse-config-text';
export { formatPorts, parsePorts, type PortRange } from './ports';
export { resolveAccountMode, resolvePairingMode, type ModeInputs } from './resolve-mode';
