/** placeholder: being written */
import type { Handler } from '../command.js';

export const hashesCommands: Record<string, Handler> = {};
