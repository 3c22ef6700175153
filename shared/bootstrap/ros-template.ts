/** A ROS template as bootstrap writes it (https://www.alibabacloud.com/help/en/ros/user-guide/template-structure). */
export interface RosTemplate {
  ROSTemplateFormatVersion: '2015-09-01';
  Description: string;
  Parameters?: Record<string, RosParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, RosResource>;
  Outputs?: Record<string, { Description?: string; Value: unknown }>;
}

export interface RosParameter {
  Type: 'String';
  Description: string;
  Default?: string;
  AllowedValues?: string[];
}

export interface RosResource {
  Type: string;
  Condition?: string;
  DependsOn?: string[];
  Properties: Record<string, unknown>;
}

export const ref = (name: string) => ({ Ref: name });
export const sub = (text: string) => ({ 'Fn::Sub': text });
export const findInMap = (map: string, top: unknown, second: string) => ({ 'Fn::FindInMap': [map, top, second] });

/** An EventBridge target parameter of constant value (ParamList, event target parameters page). */
export const constantParam = (key: string, value: unknown) => ({ ResourceKey: key, Form: 'CONSTANT', Value: value });
