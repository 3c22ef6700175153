import type { ComplianceState } from '../compliance';

/** One colour per state, shared by the SVG edges, the grid and the legend. */
export const stateColours: Readonly<Record<ComplianceState, string>> = {
  InSync: '#2e7d32',
  Missing: '#ef6c00',
  ExtraOwned: '#1565c0',
  Blocked: '#c62828',
  Failed: '#6a1b9a',
  NotEvaluated: '#757575',
};

/** What each state means, for legends and help. */
export const stateMeanings: Readonly<Record<ComplianceState, string>> = {
  InSync: 'every desired rule present',
  Missing: 'rules to add',
  ExtraOwned: 'owned rules to revoke',
  Blocked: 'a prerequisite or limit holds it',
  Failed: 'account unread or a write failed',
  NotEvaluated: 'not evaluated in this run',
};
