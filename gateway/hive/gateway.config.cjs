// Entry for the hive-gateway CLI when run from the sources (`npm run gateway:hive`, under
// @swc-node/register): the CLI loads config files as ES modules, the project's code is CommonJS.
// From a build, point the CLI at dist/gateway/hive/gateway.config.js instead.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS shim by design
exports.gatewayConfig = require('./gateway.config.ts').gatewayConfig;
