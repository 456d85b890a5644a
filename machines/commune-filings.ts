/** The workflow of a leader's commune under a yearly programme: one per link (its id from the link's), a year a run. */
export const communeMonitoringWorkflowId = (linkId: string) => `commune-monitoring-${linkId}`;
