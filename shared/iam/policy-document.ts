/** A RAM policy document (Version "1"), with Action and Resource always as sorted arrays. */
export interface PolicyStatement {
  Effect: 'Allow';
  Action: string[];
  Resource?: string[];
  Principal?: { RAM?: string[]; Service?: string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '1';
  Statement: PolicyStatement[];
}

export const policy = (...statements: PolicyStatement[]): PolicyDocument => ({ Version: '1', Statement: statements });

/** Sorted, without duplicates: a policy's text depends on the config only, never on its order. */
export const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

export const allow = (actions: Iterable<string>, resources: Iterable<string>): PolicyStatement => ({
  Effect: 'Allow',
  Action: sortedUnique(actions),
  Resource: sortedUnique(resources),
});
