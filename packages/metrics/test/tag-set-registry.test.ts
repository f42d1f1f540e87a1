import { describe, expect, it } from 'vitest';
import { canonicalTagKey, TagSetRegistry, type Tags, tagsMatch } from '../src/index.js';

describe('TagSetRegistry', () => {
  it('returns the same object for the same tags in any key order', () => {
    const registry = new TagSetRegistry();
    const a = registry.intern({ method: 'GET', name: 'login', status: '200' });
    const b = registry.intern({ status: '200', name: 'login', method: 'GET' });
    expect(b).toBe(a);
    expect(a.key).toBe('{"method":"GET","name":"login","status":"200"}');
    expect(registry.size).toBe(1);
  });

  it('hands out small dense ids and finds tag sets by id', () => {
    const registry = new TagSetRegistry();
    const sets = ([{}, { a: '1' }, { a: '2' }, { a: '1', b: '1' }] as Tags[]).map((tags) =>
      registry.intern(tags),
    );
    expect(sets.map((s) => s.id)).toEqual([0, 1, 2, 3]);
    expect(registry.get(2)).toBe(sets[2]);
    expect(registry.get(4)).toBeUndefined();
    expect([...registry]).toEqual(sets);
  });

  it('copies and freezes tags so later changes to the input cannot alter a series', () => {
    const registry = new TagSetRegistry();
    const input: Record<string, string> = { name: 'home' };
    const tagSet = registry.intern(input);
    input['name'] = 'changed';
    expect(tagSet.tags).toEqual({ name: 'home' });
    expect(Object.isFrozen(tagSet.tags)).toBe(true);
    expect(registry.intern(tagSet.tags)).toBe(tagSet);
    expect(registry.intern(input)).not.toBe(tagSet);
  });

  it('keeps keys unambiguous when values contain separators', () => {
    expect(canonicalTagKey({ a: '1,b:2' })).not.toBe(canonicalTagKey({ a: '1', b: '2' }));
    const registry = new TagSetRegistry();
    expect(registry.intern({ a: '1,b:2' })).not.toBe(registry.intern({ a: '1', b: '2' }));
  });

  it('treats tag sets from another registry as foreign', () => {
    const one = new TagSetRegistry();
    const two = new TagSetRegistry();
    const tagSet = one.intern({ a: '1' });
    two.intern({ a: '1' });
    expect(one.owns(tagSet)).toBe(true);
    expect(two.owns(tagSet)).toBe(false);
  });
});

describe('tagsMatch', () => {
  it('requires every filter pair with an equal value (AND, exact)', () => {
    const tags = { name: 'login', status: '200', method: 'POST' };
    expect(tagsMatch(tags, {})).toBe(true);
    expect(tagsMatch(tags, { name: 'login' })).toBe(true);
    expect(tagsMatch(tags, { name: 'login', status: '200' })).toBe(true);
    expect(tagsMatch(tags, { name: 'login', status: '500' })).toBe(false);
    expect(tagsMatch(tags, { name: 'Login' })).toBe(false);
    expect(tagsMatch(tags, { region: 'eu' })).toBe(false);
    expect(tagsMatch({}, { toString: '' })).toBe(false);
  });
});
