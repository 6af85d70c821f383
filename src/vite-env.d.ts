/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:lessons' {
  const compiled: import('./lessons/types').CompiledLessons;
  export default compiled;
}
