/**
 * Stack frames in the workflows' errors and in the SDK's stack-trace query, for a worker that is being debugged
 * (WORKER_WORKFLOW_STACK_TRACES=on): preloaded after workflows/shared-modules.ts, it sets back the limit that module
 * sets to zero, before the SDK freezes the sandbox's Error. It costs the workflow thread about 40% more CPU.
 */
Error.stackTraceLimit = 10;

/** What the limit is in this bundle's sandbox (the bundler keeps a module that exports something used or not). */
export const WORKFLOW_STACK_TRACE_LIMIT = Error.stackTraceLimit;
