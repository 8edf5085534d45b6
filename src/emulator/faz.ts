/**
 * FortiAnalyzer-only url families (reference §9). None yet: the FAZ personality currently serves
 * only the shared sys/cli/dvmdb families. Add logview, fortiview, eventmgmt… handlers here.
 */
import type { Route } from './routes';

export const FAZ_ROUTES: Route[] = [];
