/** placeholder: being written */
import type { Handler } from '../command.js';

export const setsCommands: Record<string, Handler> = {};
