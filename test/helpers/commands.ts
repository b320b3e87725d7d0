/** Whether a command is on the PATH (the oracle tests run Jekyll when it is installed, and say why they skip when not). */
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';

export function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
