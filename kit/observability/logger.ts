import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequest } from './context';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL (default `info`; jest's setup makes it `silent` unless LOG_LEVEL is set). */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const level = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  return level;
}

const stdout: DestinationStream = pino.destination({ dest: 1, sync: true });
let target: DestinationStream = stdout;

/**
 * The process's logger: one JSON object per line on stdout. A line written while a request is
 * served carries its `requestId` and `service` (see context.ts), so an error deep in a resolver is
 * found from the request's own log line.
 */
export const logger: Logger = pino(
  {
    level: logLevel(),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const request = currentRequest();
      return request ? { service: request.service, requestId: request.id } : {};
    },
  },
  { write: (line: string) => target.write(line) },
);

/** Sends every line elsewhere (tests capture them), or back to stdout when none is given. */
export function setLogDestination(destination?: DestinationStream): void {
  target = destination ?? stdout;
}
