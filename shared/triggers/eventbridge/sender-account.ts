import type { CloudEvent } from './cloud-event-schema';

/** One place an event names the account that sent it: the field's path and its value. */
export interface AccountField {
  readonly field: string;
  readonly value: string | undefined;
}

export type SenderAccount =
  | { readonly ok: true; readonly accountId: string | undefined }
  | { readonly ok: false; readonly fields: Readonly<Record<string, string>> };

/** The account of an ARN, `acs:<product>:<region>:<account>:<resource>`; undefined when it names none. */
export function arnAccount(arn: string | undefined): string | undefined {
  const parts = (arn ?? '').split(':');
  if (parts.length < 5 || parts[0] !== 'acs') return undefined;
  const account = parts[3].trim();
  return /^\d+$/.test(account) ? account : undefined;
}

/**
 * The account an event is about. An event routed from a member account to the hub's bus carries the
 * sender in `aliyunoriginalaccountid` and the hub in `aliyunaccountid`
 * (https://www.alibabacloud.com/help/en/eventbridge/use-cases/route-events-across-alibaba-cloud-accounts),
 * so the sender is read from the original account id first, then from the record's own account
 * (`recordFields`, in order), then from `aliyunaccountid`.
 *
 * The fields that identify the sender must agree: the original account id (or `aliyunaccountid` when
 * the event was not routed), the record's own account fields and the subject ARN's account. When
 * they disagree the event is not trusted for any account (`ok: false`, naming the fields). The hub's
 * `aliyunaccountid` of a routed event is the receiver, not the sender, and is not compared.
 */
export function senderAccount(event: CloudEvent, recordFields: readonly AccountField[]): SenderAccount {
  const envelope: AccountField =
    event.aliyunoriginalaccountid !== undefined
      ? { field: 'aliyunoriginalaccountid', value: event.aliyunoriginalaccountid }
      : { field: 'aliyunaccountid', value: event.aliyunaccountid };
  const named = [envelope, ...recordFields, { field: 'subject', value: arnAccount(event.subject) }].filter(
    (f): f is { field: string; value: string } => f.value !== undefined && f.value.trim() !== '',
  );
  if (new Set(named.map((f) => f.value.trim())).size > 1)
    return { ok: false, fields: Object.fromEntries(named.map((f) => [f.field, f.value.trim()])) };
  const own = recordFields.find((f) => f.value !== undefined && f.value.trim() !== '')?.value;
  return { ok: true, accountId: event.aliyunoriginalaccountid ?? own ?? event.aliyunaccountid };
}
