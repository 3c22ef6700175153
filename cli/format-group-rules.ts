import type { Emulator } from '../emulator';

/** The demo's view of every group's ingress rules, read from the emulator's state. */
export function formatGroupRules(world: Emulator['world']): string {
  const lines: string[] = [];
  const groups = [...world.groups.values()].sort((a, b) => (a.owner + a.id < b.owner + b.id ? -1 : 1));
  for (const g of groups) {
    lines.push(`${g.owner} ${g.id} (${g.vpcId || 'classic'})`);
    const ingress = g.rules.filter((r) => r.direction === 'ingress');
    if (ingress.length === 0) lines.push('    (no ingress rules)');
    for (const r of ingress) {
      const peer = r.sourceCidrIp || `${r.sourceGroupId} of ${r.sourceGroupOwnerId}`;
      lines.push(
        `    ${r.policy.padEnd(6)} ${r.ipProtocol.padEnd(4)} ${r.portRange.padEnd(11)} from ${peer.padEnd(40)} ${r.description}`,
      );
    }
  }
  return lines.join('\n');
}
