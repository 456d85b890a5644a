/** The one task queue the service's worker polls and the API starts workflows on. */
export const TASK_QUEUE = 'dia-ban';

/**
 * Errors that fail a workflow (or the update that threw them) instead of failing its task, which the worker would
 * retry for ever: a date out of range in the workflow's own code ("Invalid time value") cannot heal by retrying, and a
 * failed workflow is visible where a wedged task is not. Bugs of other kinds keep failing the task, so that a fixed
 * deployment can resume the workflow.
 */
export const WORKFLOW_FAILURE_ERROR_TYPES = { '*': ['RangeError'] };
