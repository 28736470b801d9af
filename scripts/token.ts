import { parseArgs } from 'node:util';
import { authConfigFromEnv, ROLES, signToken, type Role } from '../kit/auth';
import { COMMUNE_CODE } from '../kit/validation';

/**
 * `npm run -s token -- --role omil --commune 10101 [--commune 10102] [--ttl 8h] [--sub name]`;
 * `--role partner --client <name>` names a partner client (trusted-documents/<name>/).
 * prints a signed development token, alone on stdout, for the same JWT_SECRET as `npm start`.
 */
function fail(message: string): never {
  console.error(
    `token: ${message}\nusage: npm run -s token -- --role <${ROLES.join('|')}> [--commune CUT]… [--client name] [--ttl 8h] [--sub name]`,
  );
  process.exit(2);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        commune: { type: 'string', multiple: true },
        ttl: { type: 'string', default: '8h' },
        sub: { type: 'string' },
        client: { type: 'string' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const roles = values.role ?? [];
  const communes = values.commune ?? [];
  if (!roles.length) fail('give at least one --role');
  for (const role of roles) if (!(ROLES as readonly string[]).includes(role)) fail(`unknown role "${role}"`);
  for (const code of communes) if (!COMMUNE_CODE.test(code)) fail(`"${code}" is not a 5-digit CUT commune code`);
  if (!/^\d+\s*[smhd]?$/.test(values.ttl!)) fail(`--ttl "${values.ttl}" must look like 30m, 8h or 7d`);
  if (roles.some((r) => r === 'municipality' || r === 'omil') && !communes.length) fail('municipality and omil tokens need --commune');
  if (values.client !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.client))
    fail(`--client "${values.client}" must be lower-case letters, digits and dashes`);
  if (values.client !== undefined && !roles.includes('partner')) fail('--client names a partner client: give --role partner');
  const ttl = /^\d+$/.test(values.ttl!) ? `${values.ttl}s` : values.ttl!;
  let config;
  try {
    config = authConfigFromEnv();
  } catch (error) {
    fail((error as Error).message);
  }
  const token = await signToken(
    {
      sub: values.sub ?? (values.client ? `partner-${values.client}` : `dev-${roles.join('-')}`),
      roles: roles as Role[],
      communes,
      client: values.client,
    },
    config,
    ttl,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
