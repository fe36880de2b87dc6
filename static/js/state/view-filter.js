// view-filter.js — owns passing every view a store hands out through one function first (Predict mode hides the value a step asks for), without the store or its subscribers knowing.

/**
 * The same store (store.js), whose `view()` and subscribers' view are `filter(snapshot, view)`.
 * @param {{get: Function, view: Function, set: Function, subscribe: Function}} store
 * @param {(snapshot: object, view: object) => object} filter
 */
export function filteredStore(store, filter) {
  return {
    ...store,
    view: () => filter(store.get(), store.view()),
    subscribe: (fn, topic) => store.subscribe((snap, view, meta) => fn(snap, filter(snap, view), meta), topic),
  };
}
