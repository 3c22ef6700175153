import { configError, joinPath, type Diagnostic } from '../diagnostic';
import type { LooseConfig, LoosePairing } from '../loose-config';
import { parsePorts } from '../ports';

/** tcp/udp take "from/to" within 1..65535 with from <= to; all and icmp take only -1/-1. */
export function checkPortsFitProtocol(config: LooseConfig): Diagnostic[] {
  return config.pairings.flatMap(checkPairingPorts);
}

function checkPairingPorts(pairing: LoosePairing): Diagnostic[] {
  const { protocol, ports } = pairing;
  if (ports === undefined) return []; // not a string: the schema reports it
  const path = joinPath(pairing.path, 'ports');
  const range = parsePorts(ports);
  if (range === undefined)
    return [
      configError('InvalidPorts', path, `ports ${JSON.stringify(ports)} must be "from/to", e.g. "22/22" or "-1/-1"`),
    ];
  const any = range.from === -1 && range.to === -1;
  if (protocol === 'all' || protocol === 'icmp') {
    return any
      ? []
      : [configError('PortsProtocolMismatch', path, `protocol ${protocol} takes ports -1/-1, got ${ports}`)];
  }
  if (protocol !== 'tcp' && protocol !== 'udp') return []; // unknown protocol: the schema reports it
  if (any)
    return [
      configError(
        'PortsProtocolMismatch',
        path,
        `protocol ${protocol} needs a port range "from/to" within 1..65535 (1/65535 for every port), got -1/-1`,
      ),
    ];
  const inRange = range.from >= 1 && range.to <= 65535 && range.from <= range.to;
  return inRange ? [] : [configError('InvalidPorts', path, `ports ${ports} must be within 1..65535 with from <= to`)];
}
