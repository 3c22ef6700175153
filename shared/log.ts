/**
 * One structured logger for the core: JSON lines with scoped keys. The sink is injected (stderr in
 * the CLI, stdout in FC); secrets are dropped by key before anything is written.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(action: string, fields?: Record<string, unknown>): void;
  info(action: string, fields?: Record<string, unknown>): void;
  warn(action: string, fields?: Record<string, unknown>): void;
  error(action: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const SECRET_KEY = /secret|token|password|authorization|credential/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function createLogger(
  sink: (line: string) => void,
  base: Record<string, unknown> = {},
  minLevel: Level = 'info',
): Logger {
  const order: Level[] = ['debug', 'info', 'warn', 'error'];
  const write = (level: Level, action: string, fields: Record<string, unknown> = {}) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return;
    sink(JSON.stringify(redact({ level, time: new Date().toISOString(), ...base, action, ...fields })));
  };
  return {
    debug: (a, f) => write('debug', a, f),
    info: (a, f) => write('info', a, f),
    warn: (a, f) => write('warn', a, f),
    error: (a, f) => write('error', a, f),
    child: (fields) => createLogger(sink, { ...base, ...fields }, minLevel),
  };
}

/** Logs nothing, and spends nothing on it. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
