export {
  decodeFcHttpEvent,
  encodeFcHttpEvent,
  FcHttpEventSchema,
  type DecodedHttpEvent,
  type FcHttpEvent,
  type IncomingHttp,
} from './fc-http-event';
export { decodeFcHttpResponse, encodeFcHttpResponse, type FcHttpResponse } from './fc-http-response';
