/** RAM permission policies of role sessions, enforced per call (see COVERAGE.md "RAM"). */
export { AccessDeniedError, type AccessDeniedDetail } from './access-denied';
export { authorizeCall } from './authorize-call';
export { evaluatePolicy, type RamDecision, type RamRequest } from './evaluate-policy';
export {
  parseRamPolicy,
  ramPolicySchema,
  ramStatementSchema,
  type RamPolicy,
  type RamStatement,
} from './policy-document';
export { ramRequestOf, type RamCall } from './ram-request';
export { matchesPattern } from './wildcard';
