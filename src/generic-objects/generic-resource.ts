import { badRequest, GatewayError } from '../common/errors/gateway-error';
import { parseFilter } from '../translator/query/filter.parser';
import { ResourceDef } from '../translator/resource';
import { RowMapper } from '../translator/translator.service';

/**
 * The generic routes address any FMG table by its cli path, with FMG's own attribute names. The typed
 * building blocks (translator, query parsers) want a ResourceDef naming every attribute up front; here
 * one is built per request from exactly the names the request uses, mapping each name to itself.
 */

/** An object as FMG has it: attribute names and values untouched. */
export type FmgObject = Record<string, unknown>;

/**
 * A cli path such as `firewall/address` or `firewall/service/custom`: lower-case words, 1–6 of them.
 * Nothing here needs escaping, so it can never carry `..`, `\` or a different url family.
 */
export const CLI_PATH = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*){0,5}$/;
export const CLI_PATH_PATTERN = '^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*){0,5}$';
export const CLI_PATH_MAX_LENGTH = 255;

/** An attribute name in `fields`, `sort` or `filter` (FMG names are lower-case; some hold spaces). */
export const ATTRIBUTE = /^[a-z0-9][a-z0-9 _-]*$/;

/** FMG rows are passed through as they are (the typed resources' toRest would drop every attribute). */
export const asIs: RowMapper<FmgObject> = (row) => row;

/**
 * Tables holding credentials or key material (admin accounts, API users, profiles, certificates) are
 * not reachable through the generic routes at all: a write scope must not be able to mint an admin.
 */
export const SENSITIVE_TABLE = /^(system\/(admin|api-user|accprofile|sso-admin)|vpn\/certificate)(\/|$)/;

/** The service's own check of the cli path (the route DTOs check it first, with a 400 naming the field). */
export function assertCliPath(table: string): string {
  if (table.length > CLI_PATH_MAX_LENGTH || !CLI_PATH.test(table)) {
    throw badRequest(`"${table}" is not an FMG cli path such as firewall/address.`, { parameter: 'table' });
  }
  if (SENSITIVE_TABLE.test(table)) {
    throw new GatewayError(
      'TABLE_NOT_ALLOWED',
      `"${table}" holds credentials or keys and is not available through the generic routes.`,
    );
  }
  return table;
}

/**
 * A ResourceDef whose REST names are the FMG names, for the given attributes only. The key is the
 * first attribute: the translator adds the key to `fields`, and FMG's key (mkey) of an arbitrary table
 * is not known here (`name`, `seq-num`, `policyid`, ...), so nothing must be added.
 */
export function identityResource(label: string, attributes: Iterable<string>): ResourceDef<FmgObject> {
  const names = [...new Set(attributes)];
  return { label, key: names[0] ?? 'name', fields: Object.fromEntries(names.map((n) => [n, n])) };
}

function splitList(input: string | string[] | undefined): string[] {
  const raw = Array.isArray(input) ? input.join(',') : (input ?? '');
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The attribute names a list or read query uses, `fields` first (so the first of them becomes the
 * key, see identityResource). Every name is checked against ATTRIBUTE; anything else is a 400. The
 * filter's names are collected by running the real filter parser over a map that records what it asks.
 */
export function queryAttributes(query: { fields?: string; sort?: string; filter?: string }): string[] {
  const names: string[] = [];
  const take = (parameter: string) => (name: string) => {
    if (!ATTRIBUTE.test(name)) {
      throw badRequest(
        `"${name}" in ${parameter} is not an FMG attribute name (lower-case letters, digits, space, "_", "-").`,
        { parameter },
      );
    }
    names.push(name);
    return name;
  };
  splitList(query.fields).forEach(take('fields'));
  splitList(query.sort)
    .map((s) => s.replace(/^[-+]/, ''))
    .forEach(take('sort'));
  const inFilter = take('filter');
  const recorder = new Proxy<Record<string, string>>(
    {},
    { get: (_target, name) => (typeof name === 'string' ? inFilter(name) : undefined) },
  );
  parseFilter(query.filter, { fields: recorder });
  return names;
}
