/** Quotas the plan checks before adding rules to a group. */
export interface PlanLimits {
  /** ingress + egress rules per security group */
  readonly rulesPerGroup: number;
  /** distinct groups one basic group may reference */
  readonly referencedGroupsPerGroup: number;
}

export const defaultPlanLimits: PlanLimits = { rulesPerGroup: 200, referencedGroupsPerGroup: 20 };
