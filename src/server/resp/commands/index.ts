/** Every command handler, by lowercase name. */
import type { Handler } from '../command.js';
import { adminCommands } from './admin.js';
import { connectionCommands } from './connection.js';
import { hashesCommands } from './hashes.js';
import { keyCommands } from './keys.js';
import { listsCommands } from './lists.js';
import { multiCommands } from './multi.js';
import { pubsubCommands } from './pubsub.js';
import { setsCommands } from './sets.js';
import { stringCommands } from './strings.js';
import { zsetsCommands } from './zsets.js';

export const handlers: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    ...connectionCommands,
    ...adminCommands,
    ...keyCommands,
    ...stringCommands,
    ...listsCommands,
    ...hashesCommands,
    ...setsCommands,
    ...zsetsCommands,
    ...multiCommands,
    ...pubsubCommands,
  }),
);
