import { logger } from '../../kit/observability/logger';

// Test files write no log lines unless LOG_LEVEL asks (captureLogs() in logs.ts reads them);
// processes the tests spawn log as configured.
if (!process.env.LOG_LEVEL) logger.level = 'silent';

// Suites send thousands of requests from one address: the client rate limits (gateway/rate-limits.ts)
// stay out of their way, and the suites that test them set their own.
process.env.RATE_LIMIT ??= '1000000000';
process.env.RATE_LIMIT_TOKEN ??= '1000000000';
