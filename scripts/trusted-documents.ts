import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerClient, TRUSTED_DOCUMENTS_DIR, type PartnerManifest } from '../gateway/trusted-documents';

/**
 * `npm run trusted-documents -- register <client> <persisted-documents.json>`: adds a partner
 * client's operations (GraphQL Code Generator's persisted-documents.json: id → document) to
 * trusted-documents/<client>/manifest.json, creating it with the default limits. Ids already
 * registered stay: clients in the field still send them (remove them by hand when retired).
 */
function fail(message: string): never {
  console.error(`trusted-documents: ${message}\nusage: npm run trusted-documents -- register <client> <persisted-documents.json>`);
  process.exit(2);
}

const [command, client, file] = process.argv.slice(2);
if (command !== 'register' || !client || !file) fail('expected: register <client> <file>');
const path = join(TRUSTED_DOCUMENTS_DIR, client, 'manifest.json');
const manifest: PartnerManifest = existsSync(path)
  ? (JSON.parse(readFileSync(path, 'utf8')) as PartnerManifest)
  : { client, description: '', fullText: false, limits: { cost: 20_000 }, operations: {} };
const incoming = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
const before = Object.keys(manifest.operations).length;
manifest.operations = { ...manifest.operations, ...incoming };
try {
  partnerClient(manifest, client); // the same checks as the gateway's at start
} catch (error) {
  fail((error as Error).message);
}
mkdirSync(join(TRUSTED_DOCUMENTS_DIR, client), { recursive: true });
writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
console.log(
  `trusted-documents/${client}: ${Object.keys(manifest.operations).length - before} operation(s) added, ${Object.keys(manifest.operations).length} registered`,
);
