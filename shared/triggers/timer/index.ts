export { parseTimerEvent, TimerEventSchema, type TimerEvent } from './timer-event';
