import type { AssistantPort, CloudPort, EcsPort, TemporaryCredentials, VpcPort } from './port';

export interface AccountRole {
  accountId: string;
  roleArn: string;
  externalId?: string;
}

/** Refresh this long before expiry, so a long run never holds a token that dies mid-call. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
export const SESSION_SECONDS = 3600;

interface Entry {
  credentials?: TemporaryCredentials;
  inflight?: Promise<TemporaryCredentials>;
}

/**
 * One assumed-role session per account, shared by every caller in the process (and across warm
 * invocations): cached until 5 minutes before expiry, and concurrent first uses share one request.
 */
export class AccountSessions {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly cloud: CloudPort,
    private readonly sessionName: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** `paced` wraps the AssumeRole call itself, when one is made (a cached session costs no STS call). */
  async credentials(
    role: AccountRole,
    paced: <T>(call: () => Promise<T>) => Promise<T> = (call) => call(),
  ): Promise<TemporaryCredentials> {
    const key = `${role.roleArn}|${role.externalId ?? ''}`;
    const entry = this.entries.get(key) ?? {};
    this.entries.set(key, entry);
    if (entry.credentials && entry.credentials.expiresAt - REFRESH_MARGIN_MS > this.now()) return entry.credentials;
    if (!entry.inflight) {
      entry.inflight = paced(() =>
        this.cloud.assumeRole({
          roleArn: role.roleArn,
          externalId: role.externalId,
          sessionName: this.sessionName(),
          durationSeconds: SESSION_SECONDS,
        }),
      )
        .then((c) => {
          entry.credentials = { ...c, account: role.accountId };
          return entry.credentials;
        })
        .finally(() => {
          entry.inflight = undefined;
        });
    }
    return entry.inflight;
  }

  async ecs(role: AccountRole): Promise<EcsPort> {
    return this.cloud.ecs(await this.credentials(role));
  }

  ecsWith(credentials: TemporaryCredentials): EcsPort {
    return this.cloud.ecs(credentials);
  }

  assistantWith(credentials: TemporaryCredentials): AssistantPort {
    return this.cloud.assistant(credentials);
  }

  vpcWith(credentials: TemporaryCredentials): VpcPort {
    return this.cloud.vpc(credentials);
  }
}
