import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator for the example partner client (docs/partners.md). The schema is the
 * platform's client-facing schema: the committed file, or the gateway's GET /schema.graphql.
 */
const config: CodegenConfig = {
  schema: process.env.PARTNER_SCHEMA ?? join(__dirname, '../../schema/api.graphql'),
  documents: [join(__dirname, 'src/**/*.ts'), '!' + join(__dirname, 'src/gql/**')],
  ignoreNoDocuments: false,
  generates: {
    [join(__dirname, 'src/gql/')]: {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // persisted-documents.json: operation id (sha256) → document, what the partner registers.
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        // The platform's custom scalars travel as strings; an unmapped new scalar fails here.
        strictScalars: true,
        scalars: {
          Rut: { input: 'string', output: 'string' },
          LocalDate: { input: 'string', output: 'string' },
          DateTimeISO: { input: 'string', output: 'string' },
        },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
