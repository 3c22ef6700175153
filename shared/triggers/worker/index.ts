export { parseWorkerPayload, WorkerPayloadSchema, type WorkerPayload } from './worker-payload';
