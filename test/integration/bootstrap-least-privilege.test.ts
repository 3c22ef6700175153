import { describe, expect, it } from 'vitest';
import { resolveTemplate } from '../../shared/bootstrap';
import type { IamPlan, PolicyDocument } from '../../shared/iam';
import { bootstrapOf, memberDocuments } from '../support/bootstrap-configs';
import { HUB_ACCOUNT_ID } from '../support/identities';
import { denials, leastPrivilegeAgainst, PLAN, reconcileAs, statuses } from '../support/least-privilege-run';
import { exampleConfig } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// The policies the ROS templates create, resolved per account (member.ros.yaml) and for the hub
// (hub.ros.yaml), loaded into the emulator's RAM enforcement as the roles' policies: every feature
// works with exactly those (trust stays account-level in the emulator's model).

const cloud = useEmulator();
const { start, fanOut } = leastPrivilegeAgainst(cloud);

/** The IAM plan as the templates create it: each document read back from the resolved template. */
function planFromTemplates(): IamPlan {
  const config = exampleConfig();
  const { memberText, hubText } = bootstrapOf(config, 'sg-logs');
  const hub = resolveTemplate(hubText, { accountId: HUB_ACCOUNT_ID, region: config.region });
  const hubPolicy = hub.find((r) => r.logicalId === 'HubPolicy')!.properties.PolicyDocument as PolicyDocument;
  return {
    ...PLAN,
    hub: { ...PLAN.hub, permissionPolicy: hubPolicy },
    accounts: PLAN.accounts.map((a) => {
      const docs = memberDocuments(memberText, a.accountId, config.region);
      return { ...a, trustPolicy: docs.trustPolicy, permissionPolicy: docs.permissionPolicy };
    }),
  };
}

describe('with the policies the bootstrap templates create', () => {
  it('a reconcile converges, then finds nothing to do; the fan-out worker converges too; no call is refused', async () => {
    const { emu: e, hub } = await start(planFromTemplates(), { SG_PAIRING_FANOUT_ACCOUNTS: '1' });

    const first = await reconcileAs(e, hub);
    const second = await reconcileAs(e, hub);
    const { result, invocations } = await fanOut(e, hub);

    expect(statuses(first)).toEqual({ 'app-db': 'Changed', 'web-pair': 'Changed' });
    expect(statuses(second)).toEqual({ 'app-db': 'InSync', 'web-pair': 'InSync' });
    expect(result).toMatchObject({ ok: true, failures: [] });
    expect(invocations.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    expect(denials(e)).toEqual([]);
  });
});
