/**
 * The libraries every workflow uses (zod, xstate), evaluated once per worker and shared by all its workflows (the
 * bundle's preloadModules, named in histories/replay.ts) instead of once per workflow.
 *
 * The SDK's reusable V8 context gives each workflow a module cache of its own, so without this each workflow evaluated
 * zod and xstate again (about 620 KiB of code, about 660 KiB of heap per cached workflow) on its first activation and on
 * each replay after an eviction. Both are pure for what the workflows do with them: what one workflow gets from them
 * does not depend on what another did before. xstate counts the actors it creates across calls, but the machines spawn
 * no actor and nothing reads an actor's id (workflows/machine-runner.ts only computes transitions); zod keeps its memo
 * per parse call, and its registry of metadata by schema (a WeakMap; no schema here registers an id).
 *
 * The SDK deep-freezes every preloaded module's exports once this has run, so zod's state set on first use (its
 * default words, its memoizer, whether it may compile a parser) is set here first, by one parse, with the values the
 * first workflow would have given it. zod's string formats reset the `lastIndex` of its exported regular expressions on
 * every check, which a frozen expression refuses; the SDK's freeze stops at an object already frozen, so freezing the
 * namespace that holds them (and not the expressions) keeps them usable. Two expressions outside it stay frozen: those
 * of `z.base64()` and `z.base64url()`, which a workflow therefore must not use (their check would throw and fail the workflow task).
 */
import * as xstate from 'xstate';
import { z } from 'zod';
import { regexes } from 'zod/v4/core';

Object.freeze(regexes);
/**
 * No stack frames in the workflows' errors. The SDK takes a stack trace of every promise a workflow creates (for its
 * stack-trace query), each frame mapped through the bundle's source map: measured on the lifecycle bench, that was
 * about 40% of the workflow thread's CPU (4.1 s for 1,255 transitions, 2.5 s without). A limit above zero barely
 * helps (the cost is in having frames at all), so the limit is zero: the workflows' failures keep their type and
 * message but name no line, and the stack-trace query answers empty. Set here, before the SDK freezes the sandbox's
 * Error; WORKER_WORKFLOW_STACK_TRACES=on preloads workflows/stack-traces.ts after this module, which sets it back.
 */
Error.stackTraceLimit = 0;
z.object({ warm: z.string() }).safeParse({ warm: '' });

/** Named so that the bundler keeps the imports (both libraries declare no side effects; bare imports are dropped). */
export const SHARED_LIBRARIES = { xstate, z };
