//! Buffers a thread keeps between documents.
//!
//! A resume's working buffers are tens of kilobytes. Allocated afresh for each document they cost
//! more than their filling, and large requests make the allocator sweep up the small blocks the
//! previous document freed; so the stages that need them take them from a thread-local cell and
//! give them back when done. A thread that is exiting, or a cell already in use, simply yields an
//! empty value and keeps nothing.

use std::cell::RefCell;
use std::thread::LocalKey;

/// Most bytes one kept value may hold: one document far longer than a resume should not keep its
/// memory on the thread after it is done.
pub(crate) const MAX_KEPT_BYTES: usize = 1 << 20;

/// The value the thread keeps in `cell`, leaving an empty one there; an empty one when there is
/// none to take.
pub(crate) fn take<T: Default>(cell: &'static LocalKey<RefCell<T>>) -> T {
    cell.try_with(|kept| {
        kept.try_borrow_mut()
            .map(|mut kept| std::mem::take(&mut *kept))
            .unwrap_or_default()
    })
    .unwrap_or_default()
}

/// Keeps `value` in `cell` for the thread's next document, unless it holds more than
/// [`MAX_KEPT_BYTES`] (`bytes`, its size as the caller counts it).
pub(crate) fn keep<T>(cell: &'static LocalKey<RefCell<T>>, value: T, bytes: usize) {
    if bytes > MAX_KEPT_BYTES {
        return;
    }
    let _ = cell.try_with(|kept| {
        if let Ok(mut kept) = kept.try_borrow_mut() {
            *kept = value;
        }
    });
}

/// The bytes `v` holds room for.
pub(crate) fn bytes_of<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}
