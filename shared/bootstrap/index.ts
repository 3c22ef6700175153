export { computeBootstrap, defaultLogProject, type Bootstrap, type BootstrapOptions } from './compute-bootstrap';
export { API_CALL_EVENTS, ECS_EVENT_PATTERNS } from './event-patterns';
export { FUNCTION_LOGSTORE } from './hub-template';
export { DECLARED, HUB_BUS_PARAMETER, MEMBER_MAP, UNDECLARED } from './member-template';
export { resolveTemplate, type ResolvedResource, type ResolveContext } from './resolve-template';
export { checkTemplateAgainstSpec, ROS_SPEC, type SpecProblem } from './ros-spec';
export type { RosTemplate } from './ros-template';
