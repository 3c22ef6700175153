// The traffic arithmetic lives in shared/rules (the plan's egress check uses it too); explain's modules import it from here.
export * from '../rules/traffic';
