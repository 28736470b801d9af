import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root (the folder with package.json), found from both the sources and dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
