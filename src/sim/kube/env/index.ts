// Public API: a container's environment and command line as the kubelet resolves them.
export { resolveEnv, resolveEnvDetailed, resolveCommand } from './resolve';
export type { Container, Pod, EnvVar, EnvFromSource, EnvLookups, EnvResult } from './resolve';
export { expandVars, expand, mappingFuncFor } from './expand';
export { parseQuantity } from './quantity';
