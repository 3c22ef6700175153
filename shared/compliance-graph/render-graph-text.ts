import type { ComplianceModel } from '../compliance';
import { stateColours } from './state-colours';

/** Mermaid flowchart: one subgraph per account, one link per pairing labelled with its name and state. */
export function renderGraphMermaid(model: ComplianceModel): string {
  const ids = nodeIds(model);
  const lines = ['flowchart LR'];
  for (const [accountId, account] of accountsOf(model)) {
    lines.push(`  subgraph acct_${accountId}["${mermaidText(account)}"]`);
    for (const [node, { label, accountId: owner }] of nodesOf(model))
      if (owner === accountId) lines.push(`    ${ids.get(node)}["${mermaidText(label)}"]`);
    lines.push('  end');
  }
  model.pairings.forEach((p, i) => {
    const arrow = p.direction === 'both' ? '<-->' : '-->';
    lines.push(
      `  ${ids.get(p.ends[0].node)} ${arrow}|"${mermaidText(`${p.name}: ${p.state}`)}"| ${ids.get(p.ends[1].node)}`,
    );
    lines.push(`  linkStyle ${i} stroke:${stateColours[p.state]},stroke-width:2px`);
  });
  return lines.join('\n') + '\n';
}

/** Graphviz dot: one cluster per account, one edge per pairing coloured by its state, tooltip the reason. */
export function renderGraphDot(model: ComplianceModel): string {
  const lines = [
    `digraph "${dotText(model.deployment)}" {`,
    '  rankdir=LR;',
    '  node [shape=box, fontname="sans-serif"];',
  ];
  for (const [accountId, account] of accountsOf(model)) {
    lines.push(`  subgraph "cluster_${accountId}" {`, `    label="${dotText(account)}";`);
    for (const [node, { label, accountId: owner }] of nodesOf(model))
      if (owner === accountId) lines.push(`    "${dotText(node)}" [label="${dotText(label)}"];`);
    lines.push('  }');
  }
  for (const p of model.pairings) {
    const tooltip = [p.state, p.reason, p.message].filter((x) => x !== undefined).join(': ');
    const dir = p.direction === 'both' ? ', dir=both' : '';
    lines.push(
      `  "${dotText(p.ends[0].node)}" -> "${dotText(p.ends[1].node)}" [label="${dotText(p.name)}", color="${stateColours[p.state]}", tooltip="${dotText(tooltip)}"${dir}];`,
    );
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function accountsOf(model: ComplianceModel): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const p of model.pairings)
    for (const e of p.ends) accounts.set(e.accountId, e.account === '' ? e.accountId : `${e.account} (${e.accountId})`);
  return accounts;
}

function nodesOf(model: ComplianceModel): Map<string, { label: string; accountId: string }> {
  const nodes = new Map<string, { label: string; accountId: string }>();
  for (const p of model.pairings) for (const e of p.ends) nodes.set(e.node, { label: e.label, accountId: e.accountId });
  return nodes;
}

/** Mermaid ids must be plain words: n0, n1, ... in order of appearance. */
function nodeIds(model: ComplianceModel): Map<string, string> {
  const ids = new Map<string, string>();
  for (const node of nodesOf(model).keys()) ids.set(node, `n${ids.size}`);
  return ids;
}

const mermaidText = (s: string) => s.replace(/"/g, '#quot;');
const dotText = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
