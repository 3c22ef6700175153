/**
 * The errors the emulated services answer with. Each code carries the HTTP status and message the
 * Alibaba docs give for it (see COVERAGE.md for sources and the UNCONFIRMED choices).
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface Known {
  status: number;
  message: string;
}

const catalogue = {
  // EventBridge (https://www.alibabacloud.com/help/en/eventbridge/error-codes; emulator/COVERAGE-oss.md)
  EventBusNotExist: { status: 404, message: 'The event bus does not exist.' },
  TooManyRequests: { status: 429, message: 'The request is denied by flow limiter for too many requests.' },
  // gateway / common
  'InvalidApi.NotFound': { status: 404, message: 'Specified api is not found, please check your url and method.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  SignatureDoesNotMatch: { status: 400, message: 'Specified signature is not matched with our calculation.' },
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to Aliyun standards.' },
  'InvalidTimeStamp.Expired': { status: 400, message: 'Specified time stamp or date value is expired.' },
  'InvalidTimeStamp.Format': { status: 400, message: 'Specified time stamp or date value is not well formatted.' },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  MissingSecurityToken: { status: 400, message: 'SecurityToken is mandatory for this action.' },
  'InvalidSecurityToken.Expired': { status: 400, message: 'Specified SecurityToken is expired.' },
  'InvalidSecurityToken.Malformed': { status: 400, message: 'Specified SecurityToken is malformed.' },
  'InvalidSecurityToken.MismatchWithAccessKey': {
    status: 400,
    message: 'Specified SecurityToken mismatch with the AccessKey.',
  },
  'Throttling.User': { status: 400, message: 'Request was denied due to user flow control.' },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
  InternalError: { status: 500, message: 'The request processing has failed due to some unknown error.' },
  'Forbidden.RAM': {
    status: 403,
    message: 'User not authorized to operate on the specified resource, or this API does not support RAM.',
  },
  MissingParameter: { status: 400, message: 'A required parameter is not supplied.' },
  InvalidParameter: { status: 400, message: 'The specified parameter is not valid.' },
  // STS
  NoPermission: { status: 403, message: 'You are not authorized to do this action. You should be authorized by RAM.' },
  'InvalidParameter.RoleArn': { status: 400, message: 'The parameter RoleArn is wrongly formed.' },
  'InvalidParameter.RoleSessionName': { status: 400, message: 'The parameter RoleSessionName is wrongly formed.' },
  'InvalidParameter.DurationSeconds': { status: 400, message: 'The Min/Max value of DurationSeconds is 15min/1hr.' },
  'InvalidParameter.ExternalId': { status: 400, message: 'The parameter ExternalId is wrongly formed.' },
  'InvalidParameter.PolicyGrammar': { status: 400, message: 'The parameter Policy has not passed grammar check.' },
  'EntityNotExist.Role': { status: 404, message: 'The specified Role not exists.' },
  // Resource Manager (Resource Directory), the ListAncestors / ListAccountsForParent error tables
  'EntityNotExists.Folder': { status: 404, message: 'The resource directory folder does not exist.' },
  'EntityNotExists.ResourceDirectory': {
    status: 404,
    message:
      'The resource directory for the account is not enabled. We recommend that you first enable the resource directory for the account.',
  },
  'InvalidParameter.ParentFolderId': { status: 400, message: 'The ParentFolderId is invalid.' },
  // ECS
  'InvalidSecurityGroupId.NotFound': { status: 404, message: 'The specified SecurityGroupId does not exist.' },
  'InvalidSecurityGroupId.Malformed': {
    status: 400,
    message: 'The specified parameter "SecurityGroupId" is not valid.',
  },
  'InvalidSourceGroupId.NotFound': {
    status: 404,
    message: 'The SourceGroupId provided does not exist in our records.',
  },
  'InvalidSourceGroupId.Mismatch': {
    status: 400,
    message: 'Specified security group and source group are not in the same VPC.',
  },
  'InvalidNetworkType.Mismatch': {
    status: 403,
    message: 'The specified SecurityGroup network type should be same with SourceGroup network type (vpc or classic).',
  },
  OperationDenied: {
    status: 400,
    message: 'The specified IpProtocol does not exist or IpProtocol and PortRange do not match.',
  },
  'InvalidIpProtocol.Malformed': { status: 400, message: 'The specified parameter "PortRange" is not valid.' },
  'InvalidIpProtocol.ValueNotSupported': {
    status: 400,
    message: 'The parameter IpProtocol must be specified with case insensitive TCP, UDP, ICMP, GRE or All.',
  },
  'InvalidParam.PortRange': {
    status: 400,
    message: 'Please specify the PortRange or SourcePortRange in integer, less than 65535.',
  },
  'InvalidSourceCidrIp.Malformed': { status: 400, message: 'The specified parameter "SourceCidrIp" is not valid.' },
  // issue 16: IPv6 sources and destinations (UNCONFIRMED spelling, COVERAGE-ecs.md "IPv6")
  'InvalidIpv6SourceCidrIp.Malformed': {
    status: 400,
    message: 'The specified parameter "Ipv6SourceCidrIp" is not valid.',
  },
  'InvalidIpv6DestCidrIp.Malformed': { status: 400, message: 'The specified parameter "Ipv6DestCidrIp" is not valid.' },
  'MissingParameter.Source': { status: 400, message: 'Either SourceCidrIp or SourceGroupId must be specified.' },
  'InvalidPolicy.Malformed': { status: 400, message: 'The specified parameter "Policy" is not valid.' },
  'InvalidNicType.ValueNotSupported': { status: 400, message: 'The specified NicType does not exist.' },
  'InvalidPriority.Malformed': { status: 400, message: 'The parameter Priority is invalid.' },
  AuthorizationLimitExceed: {
    status: 403,
    message: 'The limit of authorization records in the security group reaches.',
  },
  'InvalidParamter.Conflict': {
    status: 403,
    message: 'The specified SecurityGroupId should be different from the SourceGroupId.',
  },
  'InvalidSecurityGroupDiscription.Malformed': {
    status: 400,
    message: 'The specified security group rule description is not valid.',
  },
  'InvalidGroupAuthItem.NotFound': { status: 404, message: 'The specified security group rule does not exist.' },
  'InvalidInstanceId.NotFound': { status: 404, message: 'The specified InstanceId does not exist.' },
  'InvalidInstanceId.MalFormed': { status: 400, message: 'The specified parameter "InstanceIds" is not valid.' },
  IncorrectInstanceStatus: {
    status: 403,
    message: 'The current status of the resource does not support this operation.',
  },
  'InvalidVpcId.NotFound': { status: 404, message: 'The specified VpcId does not exist.' },
  'InvalidNextToken.Malformed': { status: 400, message: 'The specified parameter NextToken is not valid.' },
  'InvalidSecurityGroup.IsSame': { status: 400, message: 'The instance is already in the specified security group.' },
  'InvalidSecurityGroupId.NotAttached': {
    status: 403,
    message: 'The instance is not in the specified security group.',
  },
  InstanceLastSecurityGroup: { status: 403, message: 'The instance must belong to at least one security group.' },
  // the current error tables of AuthorizeSecurityGroupEgress and RevokeSecurityGroup (sources in COVERAGE-ecs.md)
  'AuthorizedGroupRule.LimitExceed': {
    status: 400,
    message:
      'You have reached the limit on the number of group authorization rules that you can add to a security group.When authorization object of rule is security group, the limit is 20.',
  },
  'InvalidGroupAuthParameter.OperationDenied': {
    status: 400,
    message: 'The security group can not authorize to enterprise level security group.',
  },
  'InvalidGroupParameter.OperationDenied': {
    status: 400,
    message:
      'The attributes Policy, SourceGroupId, DestGroupId of enterprise level security groups are not allowed to be set or modified.',
  },
  'InvalidParam.Permissions': {
    status: 400,
    message: 'The specified parameter Permissions cannot coexist with other parameters.',
  },
  'InvalidParam.DuplicatePermissions': {
    status: 400,
    message: 'There are duplicate permissions in the specified parameter Permissions.',
  },
  // RevokeSecurityGroup by SecurityGroupRuleId.N (its error table; the emulator's choice in COVERAGE-ecs.md)
  'InvalidParam.SecurityGroupRuleId': {
    status: 400,
    message: 'The specified parameter SecurityGroupRuleId is not valid.',
  },
  'InvalidParam.SecurityGroupRuleIdRepeated': {
    status: 400,
    message: 'The specified parameter SecurityGroupRuleId is repeated.',
  },
  'InvalidSecurityGroupRuleId.NotFound': { status: 404, message: 'The specified SecurityGroupRuleId is not exists.' },
  'InvalidSecurityGroupRule.RuleNotExist': { status: 400, message: 'The specified rule does not exist.' },
  // ECS, added with the ECS handlers (sources in emulator/COVERAGE-ecs.md)
  'InvalidDestCidrIp.Malformed': { status: 400, message: 'The specified parameter "DestCidrIp" is not valid.' },
  IdempotentParameterMismatch: {
    status: 400,
    message: 'The specified ClientToken was already used with different request parameters.',
  },
  'InvalidClientToken.ValueNotSupported': { status: 400, message: 'clienttoken is not valid.' },
  'InvalidInstanceId.AlreadyExists': {
    status: 403,
    message: 'The specified instance already exists in the specified security group.',
  },
  'InvalidInstanceId.Mismatch': {
    status: 400,
    message: 'Specified instance and security group are not in the same VPC.',
  },
  InstanceSecurityGroupLimitExceeded: {
    status: 400,
    message: 'Exceeding the allowed amount of security groups that an instance can be in.',
  },
  'InvalidSecurityGroupAssociation.NotFound': {
    status: 400,
    message: 'The specified ECS or ENI is not associated with the specified security group.',
  },
  'InvalidParameter.Mismatch': {
    status: 400,
    message: 'Specified security group and virtual switch are not in the same VPC.',
  },
  InvalidPrivateIpAddress: {
    status: 400,
    message: 'Specified private IP address is not in the CIDR block of virtual switch.',
  },
  'InvalidPrivateIpAddress.Malformed': { status: 400, message: 'Specified private IP address is malformed.' },
  'InvalidPrivateIpAddress.Duplicated': { status: 400, message: 'Specified private IP address is duplicated.' },
  'QuotaExceeded.PrivateIpAddress': { status: 400, message: "Don't have enough private IPs in this switch" },
  'InvalidInstanceName.Malformed': { status: 400, message: 'The specified parameter "InstanceName" is not valid.' },
  'InvalidTagKey.Malformed': { status: 400, message: 'The specified Tag.n.Key is not valid.' },
  // ECS tags (TagResources / UntagResources; sources and UNCONFIRMED choices in emulator/COVERAGE-ecs.md)
  'InvalidTagValue.Malformed': { status: 400, message: 'The specified Tag.n.Value is not valid.' },
  'InvalidResourceId.NotFound': { status: 404, message: 'The specified ResourceIds are not found in our records.' },
  'InvalidResourceType.NotFound': { status: 404, message: 'The ResourceType provided does not exist in our records.' },
  InvalidTagCount: { status: 400, message: 'The specified tags are beyond the permitted range.' },
  // ECS Cloud Assistant (RunCommand doc error table; sources in emulator/COVERAGE-ecs.md)
  'InvalidCmdType.NotFound': { status: 403, message: 'The specified command type does not exist.' },
  'InvalidInstance.NotFound': { status: 404, message: 'The specified instance does not exist.' },
  'InvalidInstance.NotMatch': { status: 403, message: 'The specified instance type does not match the command.' },
  'InstanceIds.ExceedLimit': { status: 403, message: 'The number of instance IDs exceeds the upper limit.' },
  // transient refusals of a write, answered only through faults (failNext); statuses UNCONFIRMED, see COVERAGE.md
  LastTokenProcessing: { status: 403, message: 'The last token request is processing.' },
  OperationConflict: {
    status: 403,
    message: 'Request was denied due to conflict with a previous request, please try again later.',
  },
  IncorrectStatus: { status: 403, message: 'The current status of the resource does not support this operation.' },
  SystemBusy: { status: 503, message: 'The system is busy. Please try again later.' },
  // ECS Cloud Assistant commands (CreateCommand / InvokeCommand; sources in emulator/COVERAGE-ecs.md)
  'InvalidCommandId.NotFound': { status: 404, message: 'The specified CommandId does not exist.' },
  'InvalidParameters.KeyNotMatch': {
    status: 400,
    message: 'The key in the parameter Parameters do not match those defined when creating the command.',
  },
  'InvalidParameters.KeyEmpty': { status: 400, message: 'The key in the parameter Parameters cannot be empty.' },
  'InvalidParameters.CountLimitExceeded': {
    status: 403,
    message: 'The count of the parameter Parameters exceeds the limit of 10.',
  },
  'InvalidParameters.KeyLengthLimitExceeded': {
    status: 403,
    message: 'The length of the key in the parameter Parameters exceeds the limit of 64 characters.',
  },
  'InvalidParameters.ValueTypeUnsupported': {
    status: 403,
    message: 'The type of the value in the parameter Parameters is not supported.',
  },
  'InvalidCommandContent.DecodeError': {
    status: 400,
    message: 'The specified parameter CommandContent can not be Base64 decoded.',
  },
  'InvalidCommandContent.LengthLimitExceeded': {
    status: 403,
    message: 'The length of the parameter CommandContent exceeds the limit of 24 KB characters.',
  },
  // ECS prefix lists (Create/Modify/DeletePrefixList error tables; sources and UNCONFIRMED choices in COVERAGE-ecs.md)
  'InvalidPrefixListId.NotFound': { status: 404, message: 'The specified prefix list was not found.' },
  'NotAllowed.AssociationExist': { status: 400, message: 'The specified prefix list has associated resources.' },
  'QuotaExceed.PrefixList': { status: 403, message: 'The maximum number of prefix lists is exceeded.' },
  'QuotaExceed.PrefixListEntries': {
    status: 403,
    message: 'The number of entries exceeds the MaxEntries of the prefix list.',
  },
  'InvalidParameter.MaxEntries': { status: 400, message: 'The specified parameter MaxEntries is not valid.' },
  'InvalidParameter.AddressFamily': { status: 400, message: 'The specified parameter AddressFamily is not valid.' },
  'InvalidParameter.Cidr': { status: 400, message: 'The specified CIDR block is not valid.' },
  'InvalidParameter.DuplicateCidr': { status: 400, message: 'The specified CIDR blocks are duplicated.' },
  'OperationDenied.ClassicNetworkPrefixList': {
    status: 403,
    message: 'Prefix lists are not supported by security groups of the classic network.',
  },
  // FC
  FunctionNotFound: { status: 404, message: 'function not found' },
} as const satisfies Record<string, Known>;

/** Every code the emulator answers with: `apiError('Typo')` does not compile. */
export type ErrorCode = keyof typeof catalogue;

/** An error with the documented status and message; `detail` replaces the message when given. */
export function apiError(code: ErrorCode, detail?: string, headers?: Record<string, string>): ApiError {
  const known: Known | undefined = catalogue[code]; // a caller in plain JS can still pass any string
  if (!known) throw new Error(`emulator bug: error code ${code} is not in the catalogue`);
  return new ApiError(code, known.status, detail ?? known.message, headers);
}

export function knownErrorCodes(): ErrorCode[] {
  return Object.keys(catalogue) as ErrorCode[];
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(catalogue, code);
}
