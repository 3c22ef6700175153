import { portsPattern } from './patterns';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** "22/80" -> {from: 22, to: 80}; undefined when not "int/int". */
export function parsePorts(text: string): PortRange | undefined {
  const match = portsPattern.exec(text.trim());
  if (match === null) return undefined;
  return { from: Number(match[1]), to: Number(match[2]) };
}

/** The canonical text of a port range: "22/80", "-1/-1". */
export function formatPorts(range: PortRange): string {
  return `${range.from}/${range.to}`;
}
