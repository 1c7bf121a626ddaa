import type { Migration } from './types.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-statements-view.js';
import { migration003 } from './003-sync-undo.js';

export type { Migration } from './types.js';

/** Every migration, in order. Add a new file `NNN-name.ts` and append it here. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
