import { describe, expect, it } from 'vitest';
import { evaluateReachability } from '../../emulator/models/reachability';
import { World, type Rule } from '../../emulator/models/world';
import { ACCOUNT_A_ID, WorldBuilder } from '../support/world-builder';

// Issue 16 item 1: the Cloud Assistant network reading decides IPv6 from the IPv6 rules (COVERAGE-ecs.md, IPv6).

function world(rules: Partial<Rule>[], senderIpv6 = ['2001:db8::1']): World {
  const w = new World();
  const b = new WorldBuilder(w).vpc('vpc-1', ACCOUNT_A_ID, '10.0.0.0/16');
  b.group('sg-src', ACCOUNT_A_ID, 'vpc-1').group('sg-dst', ACCOUNT_A_ID, 'vpc-1');
  b.instance('i-src', ACCOUNT_A_ID, 'vpc-1', ['sg-src'], { privateIp: '10.0.0.1', ipv6Addresses: senderIpv6 });
  b.instance('i-dst', ACCOUNT_A_ID, 'vpc-1', ['sg-dst'], { privateIp: '10.0.0.2', ipv6Addresses: ['2001:DB8::2'] });
  for (const r of rules) b.rule('sg-dst', { sourceCidrIp: '', ...r });
  return w;
}

const ping = (w: World, ip: string) => evaluateReachability(w, w.instances.get('i-src')!, ip, { protocol: 'icmp' });

describe('the emulated network over IPv6', () => {
  it('lets an IPv6 ping in by an ICMPv6 Ipv6SourceCidrIp rule only, and IPv4 by its own rule only', () => {
    const v6 = world([{ ipProtocol: 'ICMPv6', portRange: '-1/-1', ipv6SourceCidrIp: '2001:db8::/64' }]);
    const v4 = world([{ ipProtocol: 'ICMP', portRange: '-1/-1', sourceCidrIp: '10.0.0.1' }]);
    const icmpFromV6 = world([{ ipProtocol: 'ICMP', portRange: '-1/-1', ipv6SourceCidrIp: '2001:db8::1' }]);

    expect(ping(v6, '2001:db8::2')).toMatchObject({ reachable: true, via: 'rule' });
    expect(ping(v6, '10.0.0.2')).toEqual({ reachable: false, why: 'no-rule' });
    expect(ping(v4, '10.0.0.2')).toMatchObject({ reachable: true, via: 'rule' });
    expect(ping(v4, '2001:db8::2')).toEqual({ reachable: false, why: 'no-rule' });
    expect(ping(icmpFromV6, '2001:db8::2')).toEqual({ reachable: false, why: 'no-rule' });
  });

  it('honours a group reference in both families; a sender without an IPv6 address reaches nothing over IPv6', () => {
    const rules = [
      { ipProtocol: 'ALL', portRange: '-1/-1', sourceGroupId: 'sg-src', sourceGroupOwnerId: ACCOUNT_A_ID },
    ];

    expect(ping(world(rules), '2001:db8::2')).toMatchObject({ reachable: true, via: 'rule' });
    expect(ping(world(rules), '10.0.0.2')).toMatchObject({ reachable: true, via: 'rule' });
    expect(ping(world(rules, []), '2001:db8::2')).toEqual({ reachable: false, why: 'no-route' });
    expect(ping(world(rules), '2001:db8::99')).toEqual({ reachable: false, why: 'no-host' });
  });
});
