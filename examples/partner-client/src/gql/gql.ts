/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query CommunePlacements($commune: String!, $year: Int!) {\n    commune(code: $commune) {\n      code\n      name\n      province {\n        name\n      }\n      placementSummary(year: $year) {\n        year\n        placements\n        goal\n        compliance\n        suppressed\n      }\n    }\n    placementStats(filter: { communes: [$commune], years: [$year] }, groupBy: [MONTH]) {\n      month\n      placements\n      suppressed\n    }\n  }\n': typeof types.CommunePlacementsDocument;
  '\n  query OpenVacanciesBySector($communes: [String!]) {\n    vacancyStats(filter: { statuses: [OPEN], communes: $communes }, groupBy: [SECTOR]) {\n      sector\n      vacancies\n      positions\n    }\n  }\n': typeof types.OpenVacanciesBySectorDocument;
  '\n  query OpenVacancies($sectors: [String!], $communes: [String!], $first: Int = 10) {\n    vacancies(first: $first, filter: { statuses: [OPEN], sectors: $sectors, communes: $communes }) {\n      totalCount\n      nodes {\n        id\n        title\n        sector\n        positions\n        contractType\n        wageMin\n        wageMax\n        openedAt\n        employer {\n          name\n        }\n        commune {\n          name\n        }\n      }\n    }\n  }\n': typeof types.OpenVacanciesDocument;
  '\n  query CoursesByCommune($commune: String!, $year: Int!, $first: Int = 20) {\n    courses(first: $first, filter: { communes: [$commune], year: $year }, orderBy: { field: START_DATE, direction: ASC }) {\n      totalCount\n      nodes {\n        id\n        name\n        programme\n        hours\n        startDate\n        endDate\n        seats\n        enrollmentCount\n        completedCount\n        provider {\n          name\n          rut\n        }\n      }\n    }\n  }\n': typeof types.CoursesByCommuneDocument;
};
const documents: Documents = {
  '\n  query CommunePlacements($commune: String!, $year: Int!) {\n    commune(code: $commune) {\n      code\n      name\n      province {\n        name\n      }\n      placementSummary(year: $year) {\n        year\n        placements\n        goal\n        compliance\n        suppressed\n      }\n    }\n    placementStats(filter: { communes: [$commune], years: [$year] }, groupBy: [MONTH]) {\n      month\n      placements\n      suppressed\n    }\n  }\n':
    types.CommunePlacementsDocument,
  '\n  query OpenVacanciesBySector($communes: [String!]) {\n    vacancyStats(filter: { statuses: [OPEN], communes: $communes }, groupBy: [SECTOR]) {\n      sector\n      vacancies\n      positions\n    }\n  }\n':
    types.OpenVacanciesBySectorDocument,
  '\n  query OpenVacancies($sectors: [String!], $communes: [String!], $first: Int = 10) {\n    vacancies(first: $first, filter: { statuses: [OPEN], sectors: $sectors, communes: $communes }) {\n      totalCount\n      nodes {\n        id\n        title\n        sector\n        positions\n        contractType\n        wageMin\n        wageMax\n        openedAt\n        employer {\n          name\n        }\n        commune {\n          name\n        }\n      }\n    }\n  }\n':
    types.OpenVacanciesDocument,
  '\n  query CoursesByCommune($commune: String!, $year: Int!, $first: Int = 20) {\n    courses(first: $first, filter: { communes: [$commune], year: $year }, orderBy: { field: START_DATE, direction: ASC }) {\n      totalCount\n      nodes {\n        id\n        name\n        programme\n        hours\n        startDate\n        endDate\n        seats\n        enrollmentCount\n        completedCount\n        provider {\n          name\n          rut\n        }\n      }\n    }\n  }\n':
    types.CoursesByCommuneDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CommunePlacements($commune: String!, $year: Int!) {\n    commune(code: $commune) {\n      code\n      name\n      province {\n        name\n      }\n      placementSummary(year: $year) {\n        year\n        placements\n        goal\n        compliance\n        suppressed\n      }\n    }\n    placementStats(filter: { communes: [$commune], years: [$year] }, groupBy: [MONTH]) {\n      month\n      placements\n      suppressed\n    }\n  }\n',
): (typeof documents)['\n  query CommunePlacements($commune: String!, $year: Int!) {\n    commune(code: $commune) {\n      code\n      name\n      province {\n        name\n      }\n      placementSummary(year: $year) {\n        year\n        placements\n        goal\n        compliance\n        suppressed\n      }\n    }\n    placementStats(filter: { communes: [$commune], years: [$year] }, groupBy: [MONTH]) {\n      month\n      placements\n      suppressed\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OpenVacanciesBySector($communes: [String!]) {\n    vacancyStats(filter: { statuses: [OPEN], communes: $communes }, groupBy: [SECTOR]) {\n      sector\n      vacancies\n      positions\n    }\n  }\n',
): (typeof documents)['\n  query OpenVacanciesBySector($communes: [String!]) {\n    vacancyStats(filter: { statuses: [OPEN], communes: $communes }, groupBy: [SECTOR]) {\n      sector\n      vacancies\n      positions\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OpenVacancies($sectors: [String!], $communes: [String!], $first: Int = 10) {\n    vacancies(first: $first, filter: { statuses: [OPEN], sectors: $sectors, communes: $communes }) {\n      totalCount\n      nodes {\n        id\n        title\n        sector\n        positions\n        contractType\n        wageMin\n        wageMax\n        openedAt\n        employer {\n          name\n        }\n        commune {\n          name\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query OpenVacancies($sectors: [String!], $communes: [String!], $first: Int = 10) {\n    vacancies(first: $first, filter: { statuses: [OPEN], sectors: $sectors, communes: $communes }) {\n      totalCount\n      nodes {\n        id\n        title\n        sector\n        positions\n        contractType\n        wageMin\n        wageMax\n        openedAt\n        employer {\n          name\n        }\n        commune {\n          name\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CoursesByCommune($commune: String!, $year: Int!, $first: Int = 20) {\n    courses(first: $first, filter: { communes: [$commune], year: $year }, orderBy: { field: START_DATE, direction: ASC }) {\n      totalCount\n      nodes {\n        id\n        name\n        programme\n        hours\n        startDate\n        endDate\n        seats\n        enrollmentCount\n        completedCount\n        provider {\n          name\n          rut\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CoursesByCommune($commune: String!, $year: Int!, $first: Int = 20) {\n    courses(first: $first, filter: { communes: [$commune], year: $year }, orderBy: { field: START_DATE, direction: ASC }) {\n      totalCount\n      nodes {\n        id\n        name\n        programme\n        hours\n        startDate\n        endDate\n        seats\n        enrollmentCount\n        completedCount\n        provider {\n          name\n          rut\n        }\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
