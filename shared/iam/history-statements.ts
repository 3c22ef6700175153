import { historyKey, type HistoryLocation } from '../history';
import { actionsOf } from './iam-actions';
import { allow, type PolicyStatement } from './policy-document';

/**
 * The run history: objects read and written under the prefix only, listing the bucket only for that prefix
 * (OSS RAM: https://www.alibabacloud.com/help/en/oss/user-guide/ram-policy-overview; ListObjects is a bucket
 * action, narrowed by the oss:Prefix condition).
 */
export function historyStatements(hub: { uid: string }, history: HistoryLocation | undefined): PolicyStatement[] {
  if (history === undefined) return [];
  const under = historyKey(history, '*');
  return [
    allow(actionsOf('history'), [`acs:oss:*:${hub.uid}:${history.bucket}/${under}`]),
    {
      ...allow(actionsOf('history-list'), [`acs:oss:*:${hub.uid}:${history.bucket}`]),
      Condition: { StringLike: { 'oss:Prefix': [under] } },
    },
  ];
}
