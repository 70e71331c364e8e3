/** placeholder: being written */
import type { Handler } from '../command.js';

export const listsCommands: Record<string, Handler> = {};
