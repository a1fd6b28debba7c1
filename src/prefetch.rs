//! A hint that asks the processor for memory a walk over a big chart or drawing is about to read, so that
//! the reads of several items are under way at once instead of one after another. A prefetch reads
//! nothing and never faults, whatever the address: a wrong guess costs a little time and changes no result.

/// Asks for the cache line holding `address`, without waiting for it.
#[inline]
pub(crate) fn line(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and never faults, whatever the address; SSE, which it needs, is part
    // of every x86_64 processor.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(address.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

/// Asks for the memory of `items[index]`, if there is such an item.
#[inline]
pub(crate) fn item<T>(items: &[T], index: usize) {
    if let Some(item) = items.get(index) {
        line(std::ptr::from_ref(item).cast());
    }
}
