import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Database writes retry until they land; each is idempotent, so a retry never writes twice. */
export const records = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
