/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Chilean employment contracts: indefinido, plazo fijo, por obra o faena, de temporada, de aprendizaje. */
export type ContractType = 'APPRENTICESHIP' | 'FIXED_TERM' | 'INDEFINITE' | 'PER_WORK' | 'SEASONAL';

/** SENCE training programme. */
export type Programme = 'BECAS_LABORALES' | 'DESPEGA_MIPE' | 'FORMATE_PARA_EL_TRABAJO' | 'OTHER';

export type CommunePlacementsQueryVariables = Exact<{
  commune: string;
  year: number;
}>;

export type CommunePlacementsQuery = {
  commune: {
    code: string;
    name: string;
    province: { name: string };
    placementSummary: { year: number; placements: number | null; goal: number | null; compliance: number | null; suppressed: boolean };
  } | null;
  placementStats: Array<{ month: number | null; placements: number | null; suppressed: boolean }>;
};

export type OpenVacanciesBySectorQueryVariables = Exact<{
  communes?: Array<string> | string | null | undefined;
}>;

export type OpenVacanciesBySectorQuery = { vacancyStats: Array<{ sector: string | null; vacancies: number; positions: number }> };

export type OpenVacanciesQueryVariables = Exact<{
  sectors?: Array<string> | string | null | undefined;
  communes?: Array<string> | string | null | undefined;
  first?: number | null | undefined;
}>;

export type OpenVacanciesQuery = {
  vacancies: {
    totalCount: number;
    nodes: Array<{
      id: string;
      title: string;
      sector: string;
      positions: number;
      contractType: ContractType;
      wageMin: number;
      wageMax: number;
      openedAt: string;
      employer: { name: string };
      commune: { name: string } | null;
    }>;
  };
};

export type CoursesByCommuneQueryVariables = Exact<{
  commune: string;
  year: number;
  first?: number | null | undefined;
}>;

export type CoursesByCommuneQuery = {
  courses: {
    totalCount: number;
    nodes: Array<{
      id: string;
      name: string;
      programme: Programme;
      hours: number;
      startDate: string;
      endDate: string;
      seats: number;
      enrollmentCount: number | null;
      completedCount: number | null;
      provider: { name: string; rut: string };
    }>;
  };
};

export const CommunePlacementsDocument = {
  __meta__: { hash: 'sha256:14f53af12cf219dfc4894b1b169a175224cdc044b58bcb5181226575366c8b13' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CommunePlacements' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'commune' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'year' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'commune' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'code' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'commune' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'province' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }] },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'placementSummary' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'year' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'year' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'year' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'placements' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'goal' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'compliance' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'suppressed' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'placementStats' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'communes' },
                      value: { kind: 'ListValue', values: [{ kind: 'Variable', name: { kind: 'Name', value: 'commune' } }] },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'years' },
                      value: { kind: 'ListValue', values: [{ kind: 'Variable', name: { kind: 'Name', value: 'year' } }] },
                    },
                  ],
                },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'groupBy' },
                value: { kind: 'ListValue', values: [{ kind: 'EnumValue', value: 'MONTH' }] },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'month' } },
                { kind: 'Field', name: { kind: 'Name', value: 'placements' } },
                { kind: 'Field', name: { kind: 'Name', value: 'suppressed' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CommunePlacementsQuery, CommunePlacementsQueryVariables>;
export const OpenVacanciesBySectorDocument = {
  __meta__: { hash: 'sha256:f5a49b00b5f3d0adebaefbbf73d5d901192f491703cbcc19dcf3f9e9258fd4b8' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'OpenVacanciesBySector' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'communes' } },
          type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'vacancyStats' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'statuses' },
                      value: { kind: 'ListValue', values: [{ kind: 'EnumValue', value: 'OPEN' }] },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'communes' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'communes' } },
                    },
                  ],
                },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'groupBy' },
                value: { kind: 'ListValue', values: [{ kind: 'EnumValue', value: 'SECTOR' }] },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'sector' } },
                { kind: 'Field', name: { kind: 'Name', value: 'vacancies' } },
                { kind: 'Field', name: { kind: 'Name', value: 'positions' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OpenVacanciesBySectorQuery, OpenVacanciesBySectorQueryVariables>;
export const OpenVacanciesDocument = {
  __meta__: { hash: 'sha256:1f0a37a448eb36df56e843b4cff6f3611e5ee98985e234d7c0878840c88d9e28' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'OpenVacancies' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'sectors' } },
          type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'communes' } },
          type: { kind: 'ListType', type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          defaultValue: { kind: 'IntValue', value: '10' },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'vacancies' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'statuses' },
                      value: { kind: 'ListValue', values: [{ kind: 'EnumValue', value: 'OPEN' }] },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'sectors' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'sectors' } },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'communes' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'communes' } },
                    },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'nodes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'sector' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'positions' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'contractType' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'wageMin' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'wageMax' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'openedAt' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'employer' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }] },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'commune' },
                        selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'name' } }] },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OpenVacanciesQuery, OpenVacanciesQueryVariables>;
export const CoursesByCommuneDocument = {
  __meta__: { hash: 'sha256:2c4747ba9c17cebf71a0090ee318339ac9a7e02f18ac27181c837701e945d95e' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CoursesByCommune' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'commune' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'year' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          defaultValue: { kind: 'IntValue', value: '20' },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'courses' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'communes' },
                      value: { kind: 'ListValue', values: [{ kind: 'Variable', name: { kind: 'Name', value: 'commune' } }] },
                    },
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'year' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'year' } },
                    },
                  ],
                },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'orderBy' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    { kind: 'ObjectField', name: { kind: 'Name', value: 'field' }, value: { kind: 'EnumValue', value: 'START_DATE' } },
                    { kind: 'ObjectField', name: { kind: 'Name', value: 'direction' }, value: { kind: 'EnumValue', value: 'ASC' } },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'nodes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'programme' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'hours' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'startDate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endDate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'seats' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'enrollmentCount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'completedCount' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'provider' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'rut' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CoursesByCommuneQuery, CoursesByCommuneQueryVariables>;
