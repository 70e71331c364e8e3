/**
 * The system relations by schema-qualified name and by oid (built on first use).
 */
import { informationSchemaRelations } from './information-schema.js';
import { pgCatalogRelations } from './pg-catalog.js';
import type { SystemRelationDef } from './relation.js';

let byName: Map<string, SystemRelationDef> | null = null;
let byOid: Map<number, SystemRelationDef> | null = null;
let all: SystemRelationDef[] = [];

function build(): void {
  byName = new Map();
  byOid = new Map();
  all = [...pgCatalogRelations, ...informationSchemaRelations];
  for (const r of all) {
    byName.set(`${r.schema}.${r.name}`, r);
    byOid.set(r.oid, r);
  }
}

export function systemRelationByName(schema: string, name: string): SystemRelationDef | undefined {
  if (byName === null) build();
  return byName!.get(`${schema}.${name}`);
}

export function systemRelationByOid(oid: number): SystemRelationDef | undefined {
  if (byOid === null) build();
  return byOid!.get(oid);
}

export function systemRelations(): readonly SystemRelationDef[] {
  if (byName === null) build();
  return all;
}
