import { badRequest, GatewayError } from '../common/errors/gateway-error';
import { FieldResolver, ResourceDef } from '../translator/resource';
import { RowMapper } from '../translator/translator.service';
import { checkAttributeName, type CompiledTable } from '../schema/table-schema';

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
 * A ResourceDef whose REST names are the FMG names, for the given attributes only (the body of a
 * write). The key is the first attribute: FMG's key (mkey) of an arbitrary table is not known here
 * (`name`, `seq-num`, `policyid`, ...).
 */
export function identityResource(label: string, attributes: Iterable<string>): ResourceDef<FmgObject> {
  const names = [...new Set(attributes)];
  return { label, key: names[0] ?? 'name', fields: Object.fromEntries(names.map((n) => [n, n])) };
}

/**
 * Any attribute name as FMG spells it (checked against ATTRIBUTE), resolved to itself; with the
 * table's schema, it must also be one of the table's attributes.
 */
const asFmgAttribute =
  (table?: CompiledTable): FieldResolver =>
  (name, parameter) => {
    if (!ATTRIBUTE.test(name)) {
      throw badRequest(
        `"${name}" in ${parameter} is not an FMG attribute name (lower-case letters, digits, space, "_", "-").`,
        { parameter },
      );
    }
    if (table) checkAttributeName(table, name, parameter);
    return name;
  };

/**
 * The resource of a table read by cli path: it names no fields, every name a query uses (in `fields`,
 * `sort` or `filter`) is checked and taken as it is, and no key is added to `fields`.
 */
export function openResource(label: string, table?: CompiledTable): ResourceDef<FmgObject> {
  return { label, key: 'name', fields: {}, resolve: asFmgAttribute(table) };
}
