import { accessMatrix } from '../support/access-matrix';
import { describeEachDatabase } from '../support/platform';

// Subgraphs take direct calls here (no shared secret): the person-level paths are tried at them too.
describeEachDatabase('access matrix: role × commune × protected field or list', (platform) =>
  accessMatrix(
    () => platform().url,
    () => platform().gateway.subgraphs,
  ),
);
