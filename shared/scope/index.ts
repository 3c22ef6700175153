export { computeScope, type EventScope, type ScopeMatch } from './compute-scope';
