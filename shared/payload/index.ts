export { decodePayload, type Parsed } from './decode-payload';
