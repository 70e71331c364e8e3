// Constraints against PostgreSQL 15. Every outcome was played on a real PostgreSQL 15 with
// pg-scripts.ts; the format is described there.
import { scriptTests, type Script } from './pg-scripts.js';

const scripts: Script[] = [];

scriptTests(scripts);
