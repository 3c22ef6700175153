export {
  decodePayload,
  parsePayload,
  PayloadError,
  validatePayload,
  type MalformedPayload,
  type Parsed,
  type PayloadContract,
} from './parse-payload';
export { describeIssues, issuePath, payloadIssues, type IssueWording, type PayloadIssue } from './payload-issues';
