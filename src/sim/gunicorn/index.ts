/** Public API of the simulated gunicorn (for the shell, the Kubernetes module and lesson checks). */
export { parseGunicornArgs, parseAddress, GUNICORN_VERSION } from './settings';
export type { GunicornSettings, BindAddress, ParseResult, ParseOptions } from './settings';
export { GunicornServer } from './server';
export type { GunicornServerOptions, StartResult } from './server';
export { StatsdClient, statsdPrefix, formatAccess } from './glogging';
export type { LogSink } from './glogging';
export { gunicornProgram, runGunicorn } from './program';
