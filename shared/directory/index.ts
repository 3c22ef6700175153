export { ACTIVE_MEMBER_STATUSES, discoverAccounts, type Discovery } from './discover-accounts';
export type { DirectoryWarning } from './directory-warning';
export { resolveFleet, type FleetResolution, type ResolveFleetDeps } from './resolve-fleet';
export { expandPairingNames } from './expand-pairing-names';
export { fleetMatchWarnings } from './fleet-matches';
export { selectFleetPairings, type FleetSelection } from './select-fleet-pairings';
