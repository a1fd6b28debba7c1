//! Orgchart: draw, compare and export organisation charts.
//!
//! Data flows one way: document -> model -> layout -> drawing description -> (egui | SVG | PNG | PDF).
//! Everything here except `app` is free of windows and can run headless.

/// Declared by the library, not the binary, so that the app, the command line, the tests and the benchmarks
/// all run on the allocator users get: building a big drawing allocates millions of small strings, and
/// mimalloc does that with a quarter less CPU than the system allocator (see PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
pub mod render;
pub mod report;
