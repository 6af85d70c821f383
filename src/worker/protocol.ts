/**
 * The one typed message protocol between the page and the simulation worker.
 *
 * Requests are RPCs: the page posts `{kind:'req', id, method, params}` and the worker answers
 * `{kind:'res', id, ok:true, result}` or `{kind:'res', id, ok:false, error}`. The worker also pushes
 * events `{kind:'event', name, data}` (terminal output, flushes, state changes). Add a method by adding an
 * entry to `Methods` (and its handler in the worker); add an event by adding an entry to `Events`.
 */

import type { Check } from '../lessons/types';

export interface RenderSeries {
  target: string; // the series name as Graphite would label it (after alias* functions)
  values: (number | null)[]; // null = Graphite's None (a gap)
}

/** Columnar data, ready for uPlot: one shared x axis (unix seconds) and one array per series. */
export interface RenderResult {
  x: number[];
  series: RenderSeries[];
  /** A parse/eval error with its position, e.g. "column 12: expected ')'". */
  error?: string;
}

export interface StatsdCounters {
  packetsReceived: number;
  metricsReceived: number;
  badLinesSeen: number;
  lastFlush: number | null; // sim ms
  /** Most recent bad lines with a human reason, newest last. */
  badLines: { line: string; reason: string; at: number }[];
}

export interface Methods {
  /** Run one complete command line (may hold newlines: heredocs, pasted scripts). Resolves when it ends. */
  'shell.run': { params: { line: string; tab?: string }; result: { code: number; prompt: string } };
  /** A terminal tab was closed: its shells go away, and (as bash does on hangup) its jobs get SIGHUP. */
  'shell.close': { params: { tab: string }; result: null };
  /** Ctrl-C: SIGINT to the foreground job. */
  'shell.interrupt': { params: { tab?: string }; result: null };
  /** Does this text need more lines (open quote, heredoc, trailing pipe)? */
  'shell.incomplete': { params: { text: string }; result: { incomplete: boolean } };
  'shell.complete': {
    params: { line: string; cursor: number; tab?: string };
    result: { start: number; candidates: string[] };
  };
  'shell.prompt': { params: { tab?: string }; result: { prompt: string } };
  /** The page's saved history (localStorage), handed to the shell(s) for `history` and `!n` after a reload. */
  'shell.setHistory': { params: { entries: string[] }; result: null };
  /** Send a raw UDP datagram from the laptop (the first page's "send" box). */
  'udp.send': { params: { host: string; port: number; data: string }; result: { delivered: boolean; error?: string } };
  /** Simulated time runs at `speed` × real time (0 pauses). */
  'clock.setSpeed': { params: { speed: number }; result: null };
  'clock.advance': { params: { ms: number }; result: { now: number } };
  'clock.now': { params: Record<string, never>; result: { now: number; speed: number } };
  /** Flush statsd now (out of schedule), as a lesson's "flush now" button. */
  'statsd.flush': { params: { source?: string }; result: { now: number; points: number } };
  'statsd.counters': { params: { source?: string }; result: StatsdCounters };
  /** Evaluate Graphite targets over [from, until] (unix seconds; negative = relative to now). */
  'graphite.render': {
    params: { targets: string[]; from: number; until?: number; source?: string; maxDataPoints?: number };
    result: RenderResult;
  };
  /** /metrics/find: children of a query like `stats.*` */
  'graphite.find': {
    params: { query: string; source?: string };
    result: { nodes: { path: string; text: string; leaf: boolean }[] };
  };
  /** Graphite backends that exist right now ('local' on the laptop, one per graphite pod). */
  'graphite.sources': { params: Record<string, never>; result: { sources: { id: string; label: string }[] } };
  'fs.read': { params: { path: string; host?: string }; result: { content: string | null } };
  'fs.write': { params: { path: string; content: string; host?: string }; result: null };
  'fs.list': { params: { host?: string }; result: { files: Record<string, string> } };
  /** A serialisable summary of the world (for debugging and share links). */
  'world.snapshot': { params: Record<string, never>; result: unknown };
  /** Evaluate lesson step checks (src/lessons/types.ts `Check`) against the world: one boolean per check. */
  'lesson.check': { params: { checks: Check[] }; result: { results: boolean[] } };
  /** Start a fresh world (reset lesson / sandbox). */
  'world.reset': { params: Record<string, never>; result: null };
}

export interface Events {
  /** Text for a terminal tab (ANSI allowed; '\n' newlines — the UI converts to '\r\n'). */
  'term.out': { text: string; tab?: string };
  /** statsd flushed; graphs should re-query. */
  flushed: { now: number; source: string };
  /** Something observable changed (lesson checks re-run). */
  changed: { what: string };
  /** A command line started in a terminal tab (typed, a lesson's "show me", the editor's Apply). */
  'shell.started': { line: string; tab: string };
  /** The simulated clock, sent about once a second while running. */
  tick: { now: number; speed: number };
}

export type MethodName = keyof Methods;
export type EventName = keyof Events;

export type RequestMessage = {
  [M in MethodName]: { kind: 'req'; id: number; method: M; params: Methods[M]['params'] };
}[MethodName];

export type ResponseMessage =
  | { kind: 'res'; id: number; ok: true; result: unknown }
  | { kind: 'res'; id: number; ok: false; error: string };

export type EventMessage = {
  [E in EventName]: { kind: 'event'; name: E; data: Events[E] };
}[EventName];

export type WorkerOutMessage = ResponseMessage | EventMessage;
