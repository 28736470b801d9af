import { accessMatrix } from '../support/access-matrix';
import { describeEachDatabase } from '../support/platform';

describeEachDatabase('access matrix: role × commune × protected field or list', (platform) => accessMatrix(() => platform().url));
