import { logger } from '../../kit/observability/logger';

// Test files write no log lines unless LOG_LEVEL asks (captureLogs() in logs.ts reads them);
// processes the tests spawn log as configured.
if (!process.env.LOG_LEVEL) logger.level = 'silent';
