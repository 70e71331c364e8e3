/** placeholder: being written */
import type { Handler } from '../command.js';

export const zsetsCommands: Record<string, Handler> = {};
