export { computeAccountScopes, type AccountScope } from './account-scopes';
export {
  computeIamPlan,
  LOG_PROJECT_PLACEHOLDER,
  logProjectPattern,
  logStorePattern,
  type AccountIam,
  type IamOptions,
  type IamPlan,
  type IamWarning,
} from './compute-iam-plan';
export { ANY_MEMBER, type FleetMemberIam } from './fleet-member';
export { formatIamPlan } from './format-iam-plan';
export { ACTION_SCOPES, actionsOf, SOURCE_GROUP_ACTIONS, type ActionScope } from './iam-actions';
export type { PolicyDocument, PolicyStatement } from './policy-document';
