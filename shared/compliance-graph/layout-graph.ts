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
    /** SVG path data */
    d: string;
  }[];
}

const MARGIN = 16;
const NODE_HEIGHT = 26;
const NODE_GAP = 10;
const HEADER = 30;
const COLUMN_GAP = 120;
const CHAR_WIDTH = 7;

type Node = GraphLayout['nodes'][number];

/**
 * A deterministic layout, linear in the size of the model: one column per account (sorted by label),
 * its nodes (the pairings' ends) stacked by label inside its box; each pairing one curve from the
 * first end to the second (an arc on the right within one account). The same model gives the same
 * picture. (A general layered layout, @dagrejs/dagre, took over a second for 200 pairings: too slow
 * for a page asked on every load.)
 */
export function layoutGraph(model: ComplianceModel): GraphLayout {
  const byAccount = new Map<string, { label: string; nodes: Map<string, string> }>();
  for (const p of model.pairings)
    for (const end of p.ends) {
      const label = end.account === '' ? end.accountId : `${end.account} (${end.accountId})`;
      const account = byAccount.get(end.accountId) ?? { label, nodes: new Map<string, string>() };
      byAccount.set(end.accountId, account);
      account.nodes.set(end.node, end.label);
    }
  const accounts: GraphLayout['accounts'] = [];
  const nodes = new Map<string, Node>();
  let x = MARGIN;
  for (const [id, account] of [...byAccount].sort(([, a], [, b]) => compare(a.label, b.label))) {
    const members = [...account.nodes].sort(([ia, a], [ib, b]) => compare(a, b) || compare(ia, ib));
    const width =
      Math.max(account.label.length * CHAR_WIDTH, ...members.map(([, l]) => l.length * CHAR_WIDTH + 20)) + 24;
    members.forEach(([nodeId, label], i) =>
      nodes.set(nodeId, {
        id: nodeId,
        label,
        accountId: id,
        x: x + 12,
        y: MARGIN + HEADER + i * (NODE_HEIGHT + NODE_GAP),
        width: width - 24,
        height: NODE_HEIGHT,
      }),
    );
    const height = HEADER + members.length * (NODE_HEIGHT + NODE_GAP) + NODE_GAP;
    accounts.push({ id, label: account.label, x, y: MARGIN, width, height });
    x += width + COLUMN_GAP;
  }
  const edges = model.pairings.map((p, i) => ({
    pairing: p.name,
    state: p.state,
    ...(p.reason === undefined ? {} : { reason: p.reason }),
    ...(p.message === undefined ? {} : { message: p.message }),
    both: p.direction === 'both',
    d: curve(nodes.get(p.ends[0].node) as Node, nodes.get(p.ends[1].node) as Node, i),
  }));
  const width = x - COLUMN_GAP + MARGIN + 60;
  const height = Math.max(0, ...accounts.map((a) => a.y + a.height)) + MARGIN;
  return { width, height, accounts, nodes: [...nodes.values()], edges };
}

/** A cubic curve between two nodes: side to facing side across columns, an arc on the right within one. */
function curve(from: Node, to: Node, index: number): string {
  const fy = from.y + from.height / 2;
  const ty = to.y + to.height / 2;
  if (from.x === to.x) {
    const right = from.x + from.width;
    const bulge = 30 + (index % 5) * 6 + Math.abs(ty - fy) / 8;
    const [y1, y2] = from === to ? [fy - 6, ty + 6] : [fy, ty];
    return `M${right},${y1} C${right + bulge},${y1} ${right + bulge},${y2} ${right},${y2}`;
  }
  const forward = from.x < to.x;
  const x1 = forward ? from.x + from.width : from.x;
  const x2 = forward ? to.x : to.x + to.width;
  const mid = (x1 + x2) / 2;
  return `M${x1},${fy} C${mid},${fy} ${mid},${ty} ${x2},${ty}`;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
