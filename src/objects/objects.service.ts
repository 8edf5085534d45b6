import { Injectable } from '@nestjs/common';
import { FmgClient, unwrap } from '../upstream/clients';
import { fmgUrl, PathValue } from '../upstream/dialects/fmg-url';
import { RpcParam } from '../upstream/transport/jsonrpc.types';
import { WhereUsedDto } from './dto/where-used.dto';
import { AnyObjectTypeSpec, ObjectTypeSpec } from './object-type';

type Row = Record<string, unknown>;

/** "Where used" for any typed ADOM object family (see OBJECT_TYPES; their CRUD: objectResource). */
@Injectable()
export class ObjectsService {
  constructor(private readonly fmg: FmgClient) {}

  /**
   * Groups whose members name the object, and policies (in every package) whose fields do: one
   * batched JSON-RPC call with a `contain` filter per table, after one call listing the packages.
   */
  async whereUsed<T>(spec: ObjectTypeSpec<T>, adom: string, name: string): Promise<WhereUsedDto> {
    await this.fmg.request('get', { url: memberUrl(spec, adom, name), fields: [spec.resource.key] }); // 404 if absent
    const { groups, policyFields } = spec.references;
    const packages = policyFields.length > 0 ? await this.packageNames(adom) : [];
    const anyField = orFilter(policyFields.map((f) => [f, 'contain', name]));
    const params: RpcParam[] = [
      ...groups.map((table) => ({
        url: fmgUrl`/pm/config/adom/${adom}/obj/${PathValue.of(table)}`,
        filter: ['member', 'contain', name],
        fields: ['name'],
      })),
      ...packages.map((pkg) => ({
        url: fmgUrl`/pm/config/adom/${adom}/pkg/${pkg}/firewall/policy`,
        filter: anyField,
        fields: ['policyid', 'name', ...policyFields],
      })),
    ];
    const results = params.length > 0 ? await this.fmg.call('get', params) : [];
    const rows = results.map((r) => unwrap<Row[] | null>(r, 'get') ?? []);
    return {
      groups: groups.flatMap((table, i) => rows[i].map((row) => ({ table, name: String(row.name) }))),
      policies: packages.flatMap((pkg, i) =>
        rows[groups.length + i].map((row) => ({
          package: pkg,
          policyid: Number(row.policyid),
          name: typeof row.name === 'string' ? row.name : '',
          fields: policyFields.filter((f) => mentions(row[f], name)),
        })),
      ),
    };
  }

  /** Package names (policies are addressed by name, not by folder path), folders walked. */
  private async packageNames(adom: string): Promise<string[]> {
    const tree =
      (await this.fmg.request<Row[] | null>('get', {
        url: fmgUrl`/pm/pkg/adom/${adom}`,
        fields: ['name', 'type'],
      })) ?? [];
    const names: string[] = [];
    const walk = (nodes: Row[]) => {
      for (const node of nodes) {
        if (node.type === 'folder' && Array.isArray(node.subobj)) walk(node.subobj as Row[]);
        else if (node.type === 'pkg' && typeof node.name === 'string') names.push(node.name);
      }
    };
    walk(tree);
    return names;
  }
}

export function tableUrl(spec: AnyObjectTypeSpec, adom: string): string {
  return fmgUrl`/pm/config/adom/${adom}/obj/${PathValue.of(spec.cliPath)}`;
}

export function memberUrl(spec: AnyObjectTypeSpec, adom: string, name: string): string {
  return fmgUrl`/pm/config/adom/${adom}/obj/${PathValue.of(spec.cliPath)}/${name}`;
}

function orFilter(conditions: unknown[][]): unknown[] {
  return conditions.length === 1 ? conditions[0] : conditions.flatMap((c, i) => (i === 0 ? [c] : ['||', c]));
}

function mentions(value: unknown, name: string): boolean {
  return Array.isArray(value) ? value.includes(name) : value === name;
}
