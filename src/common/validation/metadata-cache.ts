import { getMetadataStorage } from 'class-validator';

type Metadata = { propertyName: string };
/** A validated class (class-validator's `target`). */
type Target = abstract new (...args: never[]) => unknown;
type Lookup = (
  target: Target,
  schema: string | undefined,
  always: boolean,
  strictGroups: boolean,
  groups?: string[],
) => Metadata[];
interface Storage {
  getTargetValidationMetadatas: Lookup;
  groupByPropertyName(metadata: Metadata[]): Record<string, Metadata[]>;
  addValidationMetadata(...args: unknown[]): void;
  addConstraintMetadata(...args: unknown[]): void;
}

let installed = false;

/**
 * class-validator looks up a class's rules on every validate() call by scanning every class it knows
 * (an `instanceof` test per registered class, for inheritance), then regroups them by property: with
 * our 100 validated classes (1,150 rules) that was ~4 % of the CPU of a small GET. The rules only
 * change while decorators run at load time, so the answers are kept per class and options, and
 * forgotten whenever a rule is added. Both methods return arrays/objects the validator only reads. A no-op if a class-validator
 * release renames them (then validation is as slow as before, never wrong).
 */
export function cacheValidationMetadata(): void {
  if (installed) return;
  const storage = getMetadataStorage() as unknown as Storage;
  if (
    typeof storage.getTargetValidationMetadatas !== 'function' ||
    typeof storage.groupByPropertyName !== 'function' ||
    typeof storage.addValidationMetadata !== 'function' ||
    typeof storage.addConstraintMetadata !== 'function'
  ) {
    return;
  }
  installed = true;
  let lookups = new WeakMap<Target, Map<string, Metadata[]>>();
  let groupings = new WeakMap<Metadata[], Record<string, Metadata[]>>();
  const forget = () => {
    lookups = new WeakMap();
    groupings = new WeakMap();
  };
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addValidation = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.addValidationMetadata = (...args) => {
    forget();
    addValidation(...args);
  };
  storage.addConstraintMetadata = (...args) => {
    forget();
    addConstraint(...args);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema ?? ''}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? '-'}`;
    let perTarget = lookups.get(target);
    if (!perTarget) lookups.set(target, (perTarget = new Map()));
    let found = perTarget.get(key);
    if (!found) perTarget.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = groupings.get(metadata);
    if (!grouped) groupings.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
}
