// Fields worked out when first read, yet enumerable own properties, so JSON, structured clone (the
// pane's worker) and test equality see plain values. One descriptor per field, shared by every object
// that has the field: an accessor in an object literal makes a slow dictionary object, and a closure
// or record per object would live as long as the report (100,000s at 100k rows). What the field is
// made from is kept on the object under a symbol of the caller's; the value, once made, under one of
// the field's own. Neither is enumerable.

/** A field made by `make(holder)` on first read, and the same value on every read after. */
export function lazyField<T extends object, V>(name: string, make: (holder: T) => V): PropertyDescriptor {
  const made = Symbol(name);
  return {
    enumerable: true,
    configurable: true,
    get(this: T): V {
      if (Object.prototype.hasOwnProperty.call(this, made)) return (this as Record<symbol, V>)[made];
      const value = make(this);
      Object.defineProperty(this, made, { value });
      return value;
    },
  };
}
