export type DemoItem = { readonly id: number; readonly name: string; readonly price: number };

const fixedNames = [
  'Anvil',
  'Bicycle bell',
  'Compass',
  'Desk lamp',
  'Espresso cup',
  'Fountain pen',
  'Garden hose',
  'Headphones',
  'Ice scraper',
  'Jigsaw puzzle',
  'Kettle',
  'Lunch box',
  'Map of the Alps',
  'Notebook',
  'Oven mitt',
  'Paper clips',
  'Quilt',
  'Rain jacket',
  'Sunglasses',
  'Tea towel',
] as const;

// Prices are whole cents so that sums in tests and scripts stay exact.
export const fixedItems: readonly DemoItem[] = Object.freeze(
  fixedNames.map((name, index) =>
    Object.freeze({ id: index + 1, name, price: ((index + 1) * 250 + 99) / 100 }),
  ),
);

/** Fixed items plus the ones clients create, keeping only the newest `maxCreated` of those. */
export class ItemStore {
  readonly #created = new Map<number, DemoItem>();
  readonly #maxCreated: number;
  #nextId = fixedItems.length + 1;

  constructor(maxCreated: number) {
    this.#maxCreated = maxCreated;
  }

  get(id: number): DemoItem | undefined {
    return fixedItems[id - 1] ?? this.#created.get(id);
  }

  create(name: string, price: number): DemoItem {
    const item: DemoItem = Object.freeze({ id: this.#nextId++, name, price });
    this.#created.set(item.id, item);
    if (this.#created.size > this.#maxCreated) {
      const oldest = this.#created.keys().next();
      if (oldest.done !== true) this.#created.delete(oldest.value);
    }
    return item;
  }

  /** Deletes a created item; the fixed ones stay, so that every run finds the same catalogue. */
  delete(id: number): 'deleted' | 'fixed' | 'missing' {
    if (fixedItems[id - 1] !== undefined) return 'fixed';
    return this.#created.delete(id) ? 'deleted' : 'missing';
  }

  get createdCount(): number {
    return this.#created.size;
  }
}
