import { Type } from '@nestjs/common';
import { ResourceDef } from '../translator/resource';
import { RowMapper } from '../translator/translator.service';
import { escapeSegment, fmgUrl } from '../upstream/dialects/fmg-url';
import { OperationSpec } from './operations';

/** The path parameters of a request, as their params DTO validated them (`{ adom, pkg, policyid }`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PathParams = Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

/** A write operation: its body DTO, and what goes upstream when that is not the body as it is. */
export interface WriteSpec extends OperationSpec {
  /** The body DTO (validated, documented). */
  input: Type<object>;
  toUpstream?: (body: Body, params: PathParams) => object;
}

export interface CreateSpec extends WriteSpec {
  /** The new member's key (default: the body's `name`); `echo` is FMG's answer to the add. */
  createdKey?: (body: Body, echo: Record<string, unknown>) => string | number;
  /** Where the add goes, when not the collection of the path (a package into its folder). */
  addTo?: (params: PathParams, body: Body) => string;
  /** The answer field the `Location` header names (default `name`). */
  locationKey?: (answer: Record<string | symbol, unknown>) => unknown;
}

export interface UpdateSpec extends WriteSpec {
  /** A PATCH must carry at least one of these fields, else 400 (nothing to update). */
  oneOf?: string[];
}

/**
 * One REST resource declared as data: its path, the key of a member, the upstream urls, the DTOs and
 * the operations it has. ResourceController serves it (routes, validation, OpenAPI); a feature keeps
 * a hand-written controller only for the routes that are not CRUD.
 */
export interface ResourceDeclaration<T = unknown> {
  /** The collection's route, e.g. `adoms/:adom/scripts`. */
  path: string;
  /** The route parameter naming a member, e.g. `name` (`adoms/:adom/scripts/:name`). */
  key: string;
  tag: string;
  /** Operation id stems: `listScripts`, `getScript`. */
  names: { one: string; many: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resource: ResourceDef<any>;
  dto: Type<T>;
  params: { collection: Type<object>; member: Type<object> };
  upstream: { collection: (params: PathParams) => string; member: (params: PathParams) => string };
  /** Writes land in the ADOM's workspace (locks, change sets): config objects, not dvmdb rows. */
  workspace?: boolean;
  /** Replace, update and delete honour If-Match. */
  ifMatch?: boolean;
  /** How an upstream row becomes `T`, when not by the field map alone; `params` of the member or collection. */
  mapRow?: (params: PathParams) => RowMapper<T>;
  list?: OperationSpec;
  get?: OperationSpec;
  create?: CreateSpec;
  replace?: WriteSpec;
  update?: UpdateSpec;
  delete?: OperationSpec;
}

/** English plural of a label or name ("firewall address" → "firewall addresses", "Policy" → "Policies"). */
export function plural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

/** "device group" → "DeviceGroup". */
const pascal = (label: string) => label.replace(/(^|\s)(\w)/g, (_m, _s, c: string) => c.toUpperCase());

/**
 * What a declaration spells out; {@link declareResource} derives the rest. `route` is the member's
 * route (`adoms/:adom/scripts/:name`): the collection's path and the key in one. `upstream` is the
 * collection's url, a member's being it + `/` + the escaped key, unless a pair says otherwise; as a
 * template (`/dvmdb/adom/{adom}/script`, each `{param}` escaped) it also documents list and create.
 */
export type ResourceOutline<T> = Omit<
  ResourceDeclaration<T>,
  'path' | 'key' | 'tag' | 'names' | 'params' | 'upstream'
> & {
  route: string;
  /** Default: the plural name (`Scripts`). */
  tag?: string;
  /** Default: from the resource's label ("device group" → `DeviceGroup`, `DeviceGroups`). */
  names?: ResourceDeclaration<T>['names'];
  /** The params DTOs of the collection and of a member. */
  params: [collection: Type<object>, member: Type<object>];
  upstream: string | ((params: PathParams) => string) | ResourceDeclaration<T>['upstream'];
};

/** The url of an upstream template (`/dvmdb/adom/{adom}/script`) for the request's parameters. */
const fill = (template: string) => (p: PathParams) =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) => escapeSegment(String(p[name])));

/** `FMG: \`get /dvmdb/adom/{adom}/script\`.` where an operation does not describe itself. */
function describedBy<S extends { description?: string }>(spec: S | undefined, fmg: string): S | undefined {
  return spec && { ...spec, description: spec.description ?? `FMG: \`${fmg}\`.` };
}

/** A declaration from its outline: the path, key, names, tag and member url follow from it. */
export function declareResource<T>(outline: ResourceOutline<T>): ResourceDeclaration<T> {
  const { route, tag, names, params, upstream, ...rest } = outline;
  const at = route.lastIndexOf('/:');
  const key = route.slice(at + 2);
  const one = names?.one ?? pascal(outline.resource.label);
  const many = names?.many ?? plural(one);
  const template = typeof upstream === 'string' ? upstream : undefined;
  const collection =
    typeof upstream === 'string'
      ? fill(upstream)
      : typeof upstream === 'function'
        ? upstream
        : upstream.collection;
  const documented = template
    ? { list: describedBy(rest.list, `get ${template}`), create: describedBy(rest.create, `add ${template}`) }
    : {};
  return {
    ...rest,
    ...documented,
    path: route.slice(0, at),
    key,
    tag: tag ?? many,
    names: { one, many },
    params: { collection: params[0], member: params[1] },
    upstream:
      typeof upstream === 'object'
        ? upstream
        : { collection, member: (p) => `${collection(p)}${fmgUrl`/${p[key]}`}` },
  };
}
