import { authConfigFromEnv, signToken, type Role } from '../../kit/auth';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

/** A token of the embedded default's configuration (what `npm run token` prints). */
export function tokenFor(roles: Role | Role[], communes: string[] = [], ttl: string | number = '10m'): Promise<string> {
  return signToken({ sub: `test-${[roles].flat().join('-')}`, roles: [roles].flat(), communes }, authConfigFromEnv(), ttl);
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** POSTs one operation and returns the parsed body with the HTTP status. */
export async function post<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T> & { status: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GraphQLResponse<T>;
  return { ...body, status: res.status };
}

/** The purpose a test declares (x-purpose) when it reads personal fields, as a real client must (docs/security.md). */
export const purpose = (name = 'job-placement') => ({ 'x-purpose': name });

/** The data of an operation that must succeed; its errors, if any, fail the test with their text. */
export async function data<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<T> {
  const body = await post<T>(url, query, variables, { ...(token ? bearer(token) : {}), ...headers });
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

export function errorCodes(body: GraphQLResponse): string[] {
  return (body.errors ?? []).map((e) => String(e.extensions?.code));
}
