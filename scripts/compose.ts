import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../kit/assets';
import { schemaArtifacts } from './schema-artifacts';

/** `npm run compose`: writes schema/<name>.graphql and schema/supergraph.graphql. */
schemaArtifacts()
  .then((files) => {
    const dir = projectPath('schema');
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(dir, name), content);
      console.log(`wrote schema/${name}`);
    }
  })
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
