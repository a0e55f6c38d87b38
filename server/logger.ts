import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

/** The server's structured logger (JSON lines on stdout); tests pass level `silent`. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'papan-rembuk' } });
}
