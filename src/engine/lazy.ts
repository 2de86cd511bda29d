// Fields worked out when first read, yet enumerable own properties, so JSON, structured clone (the
// pane's worker) and test equality see plain values. An object literal with a getter is a dictionary
// object in V8 (about 1.5 KB, slow to read); a getter defined once per field name and shared by every
// object keeps them small, fast objects. The work to do is kept under a symbol nothing enumerates.
const PENDING = Symbol('lazy fields');

type Pending = Record<string, { make: () => unknown; value?: unknown; made: boolean }>;
type Holder = { [PENDING]: Pending };

const DESCRIPTORS = new Map<string, PropertyDescriptor>();

function descriptorOf(key: string): PropertyDescriptor {
  let descriptor = DESCRIPTORS.get(key);
  if (descriptor === undefined) {
    descriptor = {
      enumerable: true,
      configurable: true,
      get(this: Holder) {
        const field = this[PENDING][key];
        if (!field.made) {
          field.value = field.make();
          field.made = true;
        }
        return field.value;
      },
    };
    DESCRIPTORS.set(key, descriptor);
  }
  return descriptor;
}

/** Adds `key` to `target` (after its present fields, as JSON lists them), made by `make` on first read. */
export function defineLazy<T extends object>(target: T, key: string, make: () => unknown): void {
  if (!Object.prototype.hasOwnProperty.call(target, PENDING)) Object.defineProperty(target, PENDING, { value: {} });
  (target as unknown as Holder)[PENDING][key] = { make, made: false };
  Object.defineProperty(target, key, descriptorOf(key));
}
