import { Injectable } from '@nestjs/common';
import { Page } from '../common/http/page.dto';
import { FmgClient, unwrap } from '../upstream/clients';
import { fmgUrl, PathValue } from '../upstream/dialects/fmg-url';
import { RpcParam } from '../upstream/transport/jsonrpc.types';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { TranslatorService } from '../translator/translator.service';
import { WhereUsedDto } from './dto/where-used.dto';
import { AnyObjectTypeSpec, ObjectTypeSpec } from './object-type';

type Row = Record<string, unknown>;

/** CRUD and "where used" for any typed ADOM object family (see OBJECT_TYPES). */
@Injectable()
export class ObjectsService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
  ) {}

  list<T>(spec: ObjectTypeSpec<T>, adom: string, query: ListQueryDto): Promise<Page<T>> {
    return this.translator.list(spec.resource, tableUrl(spec, adom), query);
  }

  get<T>(spec: ObjectTypeSpec<T>, adom: string, name: string, query: ReadQueryDto): Promise<T> {
    return this.translator.read(spec.resource, memberUrl(spec, adom, name), query.fields);
  }

  create<T>(spec: ObjectTypeSpec<T>, adom: string, dto: { name: string }): Promise<T> {
    const urls = { collection: tableUrl(spec, adom), member: memberUrl(spec, adom, dto.name) };
    return this.translator.create(spec.resource, urls, { ...spec.defaults, ...dto }, { adom });
  }

  replace<T>(spec: ObjectTypeSpec<T>, adom: string, name: string, dto: object, ifMatch?: string): Promise<T> {
    const body = { ...spec.defaults, ...dto, name };
    return this.translator.replace(spec.resource, memberUrl(spec, adom, name), body, { adom, ifMatch });
  }

  update<T>(spec: ObjectTypeSpec<T>, adom: string, name: string, dto: object, ifMatch?: string): Promise<T> {
    return this.translator.update(spec.resource, memberUrl(spec, adom, name), dto, { adom, ifMatch });
  }

  delete<T>(spec: ObjectTypeSpec<T>, adom: string, name: string, ifMatch?: string): Promise<void> {
    return this.translator.delete(spec.resource, memberUrl(spec, adom, name), { adom, ifMatch });
  }

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

function tableUrl(spec: AnyObjectTypeSpec, adom: string): string {
  return fmgUrl`/pm/config/adom/${adom}/obj/${PathValue.of(spec.cliPath)}`;
}

function memberUrl(spec: AnyObjectTypeSpec, adom: string, name: string): string {
  return fmgUrl`/pm/config/adom/${adom}/obj/${PathValue.of(spec.cliPath)}/${name}`;
}

function orFilter(conditions: unknown[][]): unknown[] {
  return conditions.length === 1 ? conditions[0] : conditions.flatMap((c, i) => (i === 0 ? [c] : ['||', c]));
}

function mentions(value: unknown, name: string): boolean {
  return Array.isArray(value) ? value.includes(name) : value === name;
}
