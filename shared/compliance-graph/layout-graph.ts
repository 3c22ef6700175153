import dagre from '@dagrejs/dagre';
import type { ComplianceModel, ComplianceState } from '../compliance';

/** The graph of a compliance model with positions: accounts as boxes holding their nodes, one edge per pairing. */
export interface GraphLayout {
  width: number;
  height: number;
  accounts: { id: string; label: string; x: number; y: number; width: number; height: number }[];
  nodes: { id: string; label: string; accountId: string; x: number; y: number; width: number; height: number }[];
  edges: {
    pairing: string;
    state: ComplianceState;
    reason?: string;
    message?: string;
    both: boolean;
    points: { x: number; y: number }[];
  }[];
}

const NODE_HEIGHT = 28;
const CHAR_WIDTH = 7;
const MARGIN = 16;

/**
 * Lays the model's graph out with dagre (left to right, accounts as compound nodes): deterministic, the
 * same model gives the same picture. Nodes are the pairings' ends (see ComplianceEnd).
 */
export function layoutGraph(model: ComplianceModel): GraphLayout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  const accounts = new Map<string, string>();
  const nodes = new Map<string, { label: string; accountId: string }>();
  for (const p of model.pairings)
    for (const end of p.ends) {
      accounts.set(end.accountId, end.account === '' ? end.accountId : `${end.account} (${end.accountId})`);
      nodes.set(end.node, { label: end.label, accountId: end.accountId });
    }
  for (const [id, label] of accounts) g.setNode(clusterId(id), { label, width: 0, height: 0, paddingTop: 24 });
  for (const [id, node] of nodes) {
    g.setNode(id, { label: node.label, width: node.label.length * CHAR_WIDTH + 20, height: NODE_HEIGHT });
    g.setParent(id, clusterId(node.accountId));
  }
  model.pairings.forEach((p) => g.setEdge(p.ends[0].node, p.ends[1].node, {}, p.name));
  dagre.layout(g);
  const graph = g.graph() as { width?: number; height?: number };
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    accounts: [...accounts].map(([id, label]) => ({ id, label, ...box(g.node(clusterId(id))) })),
    nodes: [...nodes].map(([id, n]) => ({ id, ...n, ...box(g.node(id)) })),
    edges: model.pairings.map((p) => ({
      pairing: p.name,
      state: p.state,
      ...(p.reason === undefined ? {} : { reason: p.reason }),
      ...(p.message === undefined ? {} : { message: p.message }),
      both: p.direction === 'both',
      points: (g.edge(p.ends[0].node, p.ends[1].node, p.name) as { points?: { x: number; y: number }[] }).points ?? [],
    })),
  };
}

const clusterId = (accountId: string) => `account:${accountId}`;

/** dagre gives centres; the renderers want the top-left corner. */
function box(n: { x?: number; y?: number; width: number; height: number }) {
  return {
    x: Math.round((n.x ?? 0) - n.width / 2),
    y: Math.round((n.y ?? 0) - n.height / 2),
    width: Math.round(n.width),
    height: Math.round(n.height),
  };
}
