/**
 * Imported first by every entry point, before anything loads graphql. graphql-js picks its
 * `instanceOf` when first loaded: unless NODE_ENV=production, every failed type check
 * (isListType, isObjectType… thousands per answer) also compares class names, to report a second
 * copy of graphql loaded beside the first. One copy is installed (test/kit/graphql-mode.test.ts
 * checks), so that check costs 4–5 % of a request's CPU for nothing: graphql is loaded here as in
 * production, while the rest of the platform still reads NODE_ENV as set (introspection, the
 * development key, error details).
 */
import { createRequire } from 'node:module';

const previous = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';
try {
  createRequire(__filename)('graphql/jsutils/instanceOf');
} finally {
  if (previous === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = previous;
}
