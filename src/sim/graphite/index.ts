/** Graphite for the simulation: the whisper-like store, the target parser/evaluator and render columns. */
export { createStore } from './store';
export type { GraphiteStore, StoreOptions, FetchResult, FindNode, SeriesInfo } from './store';
export { parseTarget, isParseError, firstPathExpression } from './parser';
export type { Expr, ParseError } from './parser';
export { evaluateTargets, evaluateExpr, toColumns } from './evaluator';
export type { EvaluateResult, RenderedSeries, Columns } from './evaluator';
export { FUNCTION_LIST, SUPPORTED_FUNCTIONS, nearFunctionNames } from './functions';
export {
  IMAGE_STORAGE_SCHEMAS,
  IMAGE_STORAGE_AGGREGATION,
  parseStorageSchemas,
  parseStorageAggregation,
  parseRetentionDef,
} from './schema';
export type { SchemaRule, AggregationRule, Retention, AggregationMethod } from './schema';
