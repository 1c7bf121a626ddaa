import os from 'node:os';
import path from 'node:path';

/** The per-user data folder of a plain-Node host (the Electron shell uses app.getPath('userData')). */
export function defaultDataDir(folder: string, platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), folder);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', folder);
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), folder);
}
