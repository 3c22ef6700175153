import type { ComplianceModel } from '../compliance';
import { complianceStates } from '../compliance';
import { complianceSummary } from '../compliance';
import { escapeXml, renderGraphSvg } from './render-graph';
import { stateColours, stateMeanings } from './state-colours';

const STYLE = `body{font-family:sans-serif;margin:16px;color:#212121}
h1{font-size:20px;margin:0 0 8px}
p.summary{font-size:14px}
table{border-collapse:collapse;font-size:13px;margin:8px 0 16px}
th,td{border:1px solid #cfd8dc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eceff1}
td.state{font-weight:bold;color:#fff}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:14px;font-size:13px}
ul.legend span{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}
div.graph{overflow:auto;border:1px solid #cfd8dc;max-width:100%}`;

/**
 * The status page: self-contained HTML (inline style and SVG; no script, font or image from anywhere):
 * the summary line, the legend, the graph, the grid of rows, and the room left per receiving group.
 */
export function renderStatusPage(model: ComplianceModel): string {
  const legend = complianceStates
    .map(
      (s) =>
        `<li data-state="${s}"><span style="background:${stateColours[s]}"></span>${s} (${model.summary.pairingStates[s]}): ${escapeXml(stateMeanings[s])}</li>`,
    )
    .join('');
  const rows = model.rows
    .map((r) => {
      const reason = [r.reason, r.message].filter((x) => x !== undefined).join(': ');
      const account = r.account === '' ? r.accountId : `${r.account} (${r.accountId})`;
      return `<tr data-pairing="${escapeXml(r.pairing)}" data-state="${r.state}"><td>${escapeXml(r.pairing)}${r.mode === 'audit' ? ' (audit)' : ''}</td><td>${r.side ?? ''} ${escapeXml(r.sideLabel)}</td><td>${escapeXml(account)}</td><td>${escapeXml(r.groupId ?? '-')}</td><td class="state" style="background:${stateColours[r.state]}">${r.state}</td><td>${r.rulesToAdd}</td><td>${r.rulesToRevoke}</td><td>${escapeXml(reason)}</td></tr>`;
    })
    .join('\n');
  const rooms = model.groups
    .map(
      (g) =>
        `<tr><td>${escapeXml(g.groupId)}</td><td>${escapeXml(g.account === '' ? g.accountId : `${g.account} (${g.accountId})`)}</td><td>${g.rules}/${g.rulesLimit}</td><td>${g.rulesLeft}</td><td>${g.references}/${g.referencesLimit}</td><td>${g.referencesLeft}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>sg-pairing status: ${escapeXml(model.deployment)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<h1>sg-pairing status: ${escapeXml(model.deployment)} (${escapeXml(model.region)})</h1>
<p class="summary" id="summary">${escapeXml(complianceSummary(model))}</p>
<ul class="legend">${legend}</ul>
<div class="graph">${renderGraphSvg(model)}</div>
<h2>Pairings</h2>
<table id="grid"><thead><tr><th>pairing</th><th>side</th><th>account</th><th>receiving group</th><th>state</th><th>to add</th><th>to revoke</th><th>reason</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Room left in the receiving groups</h2>
<table id="rooms"><thead><tr><th>group</th><th>account</th><th>rules</th><th>left</th><th>references</th><th>left</th></tr></thead>
<tbody>
${rooms}
</tbody></table>
</body></html>
`;
}
