import type { ComplianceModel } from '../compliance';
import { layoutGraph, type GraphLayout } from './layout-graph';
import { stateColours } from './state-colours';

/** XML/HTML text escaping (element text and attribute values). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The graph as one standalone SVG: accounts as boxes holding their groups (or sides), one path per
 * pairing coloured by its state, with a <title> (hover) naming the pairing, its state and reason.
 * Each edge carries data-pairing and data-state for tests and scripts.
 */
export function renderGraphSvg(model: ComplianceModel, layout: GraphLayout = layoutGraph(model)): string {
  const width = Math.max(layout.width, 200);
  const height = Math.max(layout.height, 60);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sg-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    '<defs>',
    ...Object.entries(stateColours).map(
      ([state, colour]) =>
        `<marker id="arrow-${state}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${colour}"/></marker>`,
    ),
    '</defs>',
  ];
  for (const a of layout.accounts)
    parts.push(
      `<g class="account"><rect x="${a.x}" y="${a.y}" width="${a.width}" height="${a.height}" rx="6" fill="#f5f7fa" stroke="#90a4ae"/><text x="${a.x + 8}" y="${a.y + 16}" font-weight="bold">${escapeXml(a.label)}</text></g>`,
    );
  for (const e of layout.edges) {
    const colour = stateColours[e.state];
    const title = [e.pairing, e.state, e.reason, e.message].filter((x) => x !== undefined).join(': ');
    const start = e.both ? ` marker-start="url(#arrow-${e.state})"` : '';
    parts.push(
      `<path class="edge" data-pairing="${escapeXml(e.pairing)}" data-state="${e.state}" d="${e.d}" fill="none" stroke="${colour}" stroke-width="2"${start} marker-end="url(#arrow-${e.state})"><title>${escapeXml(title)}</title></path>`,
    );
  }
  for (const n of layout.nodes)
    parts.push(
      `<g class="node"><rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="4" fill="#fff" stroke="#455a64"/><text x="${n.x + n.width / 2}" y="${n.y + n.height / 2 + 4}" text-anchor="middle">${escapeXml(n.label)}</text><title>${escapeXml(n.id)}</title></g>`,
    );
  parts.push('</svg>');
  return parts.join('\n');
}
