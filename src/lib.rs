//! Orgchart: draw, compare and export organisation charts.
//!
//! Data flows one way: document -> model -> layout -> drawing description -> (egui | SVG | PNG | PDF).
//! Everything here except `app` is free of windows and can run headless.

/// Declared by the library, not the binary, so that the app, the command line, the tests and the benchmarks
/// all run on the allocator users get: building a big drawing allocates millions of small strings, and
/// mimalloc does that with a quarter less CPU than the system allocator (see PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, v3 headers): the crate does not name it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Asks the allocator to keep memory it was given back instead of returning it to the system. Every edit
/// of a big chart frees the last drawing and builds the next one of the same size: returned memory came
/// back as fresh pages the kernel had to zero again, a fifth of a 100k-unit edit (see PERFORMANCE.md).
/// A process then holds its largest drawing's memory until it ends. Call once, early in `main`.
pub fn keep_freed_memory() {
    // SAFETY: sets one integer option of the allocator; mimalloc allows it at any time, from any thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// The allocator's purge delay in milliseconds (-1: never), for tests.
pub fn freed_memory_delay() -> std::ffi::c_long {
    // SAFETY: reads one integer option of the allocator.
    unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }
}

pub mod app;
pub mod cli;
pub mod diff;
pub mod export;
pub mod generate;
pub mod geom;
pub mod io;
pub mod layout;
pub mod metrics;
pub mod model;
pub mod page_export;
pub mod pages;
pub mod paper;
mod parallel;
mod prefetch;
pub mod render;
pub mod report;

#[cfg(test)]
mod allocator_tests {
    #[test]
    fn the_option_set_is_the_purge_delay_and_it_turns_purging_off() {
        // mimalloc v3 purges after 1000 ms unless told otherwise: a different default means the option's
        // place in the list changed and `MI_OPTION_PURGE_DELAY` names another option.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(super::freed_memory_delay(), 1000);
        }
        super::keep_freed_memory();
        assert_eq!(super::freed_memory_delay(), -1);
    }
}
