/** The one task queue the service's worker polls and the API starts workflows on. */
export const TASK_QUEUE = 'dia-ban';
