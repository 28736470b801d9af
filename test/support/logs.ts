import { logger, setLogDestination } from '../../kit/observability/logger';

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: any;
}

export interface CapturedLogs {
  lines: LogLine[];
  restore(): void;
}

/** Captures the process logger's JSON lines (at `level` and above) until restore(). */
export function captureLogs(level = 'debug'): CapturedLogs {
  const lines: LogLine[] = [];
  const previous = logger.level;
  logger.level = level;
  setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return {
    lines,
    restore() {
      setLogDestination();
      logger.level = previous;
    },
  };
}
